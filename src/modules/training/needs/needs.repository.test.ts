import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { type Fixture, seedFixture } from '../../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import { type FitSeed, seedFit } from '../../position-fit/position-fit.fixtures.ts';
import { currentPlacements } from './needs.repository.ts';

describe.each(testDialects())('training needs repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  let s: FitSeed;
  const today = '2026-03-02';

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    s = await seedFit(h.db, f);
  });
  afterAll(async () => h?.close());

  it('reads each placed person once, with the current position, its group and field, and the unit code', async () => {
    const rows = await currentPlacements(h.db, 'T1', today, { unitId: null, field: undefined });
    expect(rows.map((r) => r.staffId).sort((a, b) => a - b)).toEqual([s.staffA, s.lan, s.hung, s.staffB].sort((a, b) => a - b));
    const a = rows.find((r) => r.staffId === s.staffA);
    // staffA also has an ended P.CLERK placement (2024–2025) and a placement without a position: neither is read.
    expect(a).toMatchObject({
      positionCode: 'P.JUSTICE',
      positionGroup: 'PROFESSIONAL',
      field: 'JUSTICE_CIVIL_STATUS',
      unitId: f.unitA,
      startDate: '2025-07-01',
      rank: 'CHUYEN_VIEN_CHINH',
    });
    expect(typeof a?.unitCode).toBe('string');
    expect(a?.unitCode.length).toBeGreaterThan(0);
    expect(rows.find((r) => r.staffId === s.hung)).toMatchObject({ positionCode: 'P.CLERK', positionGroup: 'SUPPORT' });
  });

  it('filters by unit and position field, and leaves out people not in service and placements not yet started', async () => {
    const unitB = await currentPlacements(h.db, 'T1', today, { unitId: f.unitB, field: undefined });
    expect(unitB.map((r) => r.staffId)).toEqual([s.staffB]);
    expect(await currentPlacements(h.db, 'T1', today, { unitId: null, field: 'LAND' })).toEqual([]);
    expect(await currentPlacements(h.db, 'T2', today, { unitId: null, field: undefined })).toEqual([]);
    // Before staffB's placement started (2025-07-01).
    const early = await currentPlacements(h.db, 'T1', '2025-06-30', { unitId: f.unitB, field: undefined });
    expect(early).toEqual([]);
    await h.db.updateTable('staff').set({ employmentStatus: 'RETIRED' }).where('id', '=', s.lan).execute();
    const rows = await currentPlacements(h.db, 'T1', today, { unitId: f.unitA, field: 'JUSTICE_CIVIL_STATUS' });
    expect(rows.map((r) => r.staffId).sort((a, b) => a - b)).toEqual([s.staffA, s.hung].sort((a, b) => a - b));
  });
});
