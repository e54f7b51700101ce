import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../../test/support/fixture.ts';
import { audited } from '../../../platform/audit/audited.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import { DISCIPLINE_ACTION, findDiscipline, latestDisciplineEntry, updateDiscipline } from './discipline.repository.ts';

describe.each(testDialects())('discipline repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
  });
  afterAll(async () => h?.close());

  const meta = () => ({ actor: null, requestId: null, at: NOW, provinceCode: 'T1' });

  it('reads the date as YYYY-MM-DD and changes it only at the expected version', async () => {
    const before = await findDiscipline(h.db, f.staffA);
    expect(before).toMatchObject({ id: f.staffA, provinceCode: 'T1', unitId: f.unitA, pendingUntil: null });
    const version = before?.version ?? 0;
    expect(await updateDiscipline(h.db, f.staffA, version + 5, '2026-12-31', NOW)).toBe(false);
    expect((await findDiscipline(h.db, f.staffA))?.pendingUntil).toBeNull();
    expect(await updateDiscipline(h.db, f.staffA, version, '2026-12-31', NOW)).toBe(true);
    expect(await findDiscipline(h.db, f.staffA)).toMatchObject({ pendingUntil: '2026-12-31', version: version + 1 });
    expect(await findDiscipline(h.db, 999_999)).toBeUndefined();
  });

  it('finds the latest discipline entry of the person in the province’s audit log only', async () => {
    expect(await latestDisciplineEntry(h.db, 'T1', f.staffA)).toBeUndefined();
    for (const reason of ['Lần một', 'Lần hai']) {
      await audited(h.db, meta(), DISCIPLINE_ACTION, 'staff', async () => ({
        result: null,
        entityId: f.staffA,
        after: { pendingUntil: '2026-12-31', reason, documentRef: '7/QĐ' },
      }));
    }
    // Another action on the same person and the same action in another province are not read.
    await audited(h.db, meta(), 'staff.other', 'staff', async () => ({ result: null, entityId: f.staffA, after: { reason: 'Khác' } }));
    await audited(h.db, { ...meta(), provinceCode: 'T2' }, DISCIPLINE_ACTION, 'staff', async () => ({
      result: null,
      entityId: f.staffA,
      after: { reason: 'Tỉnh khác' },
    }));
    const entry = await latestDisciplineEntry(h.db, 'T1', f.staffA);
    expect(entry).toEqual({ at: NOW, actorUsername: null, after: { pendingUntil: '2026-12-31', reason: 'Lần hai', documentRef: '7/QĐ' } });
  });
});
