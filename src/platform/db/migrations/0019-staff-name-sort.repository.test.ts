import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { seedFixture } from '../../../../test/support/fixture.ts';
import { nameSortKey } from '../../text/name-sort-key.ts';
import type { DatabaseHandle } from '../connect.ts';
import { down, up } from './0019-staff-name-sort.ts';

describe.each(testDialects())('migration 0019 (staff.name_sort) on %s', (dialect) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    await seedFixture(h.db);
  });
  afterAll(async () => h?.close());

  it('fills the sort key of every existing row, across several statements', async () => {
    // Back to the schema before 0019, with more rows than one update statement takes.
    const raw = h.db.withoutPlugins() as unknown as Kysely<unknown>;
    await down(raw);
    const unit = await sql<{ id: number }>`select id from administrative_units where province_code = 'T1' limit 1`.execute(raw);
    const unitId = unit.rows[0]?.id;
    const names = Array.from({ length: 1203 }, (_, i) => `Người Thử ${['Ân', 'Anh', 'Đào', 'Dũng'][i % 4]} ${i}`);
    for (const [i, name] of names.entries()) {
      await sql`insert into staff (province_code, unit_id, full_name, name_search, gender, birth_date, citizen_id, rank, employment_status, created_at, updated_at)
        values ('T1', ${unitId}, ${name}, ${name}, 'MALE', '1990-01-01', ${`0469${String(i).padStart(8, '0')}`}, 'CHUYEN_VIEN', 'ACTIVE', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`.execute(
        raw,
      );
    }
    await up(raw);
    const rows = await h.db.selectFrom('staff').select(['fullName', 'nameSort']).execute();
    expect(rows.length).toBeGreaterThan(1203);
    for (const r of rows) expect(r.nameSort).toBe(nameSortKey(r.fullName));
  });
});
