import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { seedFixture } from '../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import type { AppError } from '../errors/app-error.ts';
import { createUser } from './users.service.ts';

describe.each(testDialects())('creating accounts on %s', (dialect) => {
  let handle: DatabaseHandle | null = null;
  afterEach(async () => {
    await handle?.close();
    handle = null;
  });

  it('lets exactly one of two simultaneous creations of a username win; the other gets USER_USERNAME_TAKEN', async () => {
    handle = await createTestDatabase(dialect);
    const f = await seedFixture(handle.db);
    const meta = { actor: null, requestId: 'r', at: '2026-03-02T03:00:00.000Z', provinceCode: f.provinceCode };
    const input = {
      provinceCode: f.provinceCode,
      username: 'twin',
      displayName: 'Twin',
      password: 'a long enough passphrase',
      role: 'unit_hr' as const,
      unitId: f.unitA,
    };
    const results = await Promise.allSettled([createUser(handle.db, input, meta), createUser(handle.db, input, meta)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as AppError).code).toBe('USER_USERNAME_TAKEN');
    const rows = await handle.db.selectFrom('users').select('id').where('username', '=', 'twin').execute();
    expect(rows).toHaveLength(1);
  });
});
