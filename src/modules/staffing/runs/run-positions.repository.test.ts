import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { type Fixture, seedFixture } from '../../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import { insertPlacementStaff, type PlacementSeed, seedPlacement } from '../placement/placement.fixtures.ts';
import { positionHolders } from './run-positions.repository.ts';

/**
 * Holders on a date with the run's conditions, on the placement seed: unit A holds four P.OFFICE
 * placements (OFFICE) and a P.LEAD one is added (LEADERSHIP: not the cadre); unit B one P.LAND.
 */
describe.each(testDialects())('run positions repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  let seed: PlacementSeed;
  let extra: { ended: number; future: number; onLeave: number; leader: number };
  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    seed = await seedPlacement(h.db, { provinceCode: 'T1', unitA: f.unitA, unitB: f.unitB });
    const add = async (name: string, positionId: number, startDate: string, endDate: string | null) => {
      const id = await insertPlacementStaff(h.db, 'T1', f.unitB, name);
      await h.db
        .insertInto('staffPositions')
        .values({ provinceCode: 'T1', staffId: id, positionId, unitId: f.unitB, startDate, endDate })
        .execute();
      return id;
    };
    extra = {
      ended: await add('Người Đã Chuyển', seed.positions.land2, '2025-07-01', '2026-03-01'),
      future: await add('Người Sắp Đến', seed.positions.land2, '2026-03-03', null),
      onLeave: await add('Người Nghỉ Phép', seed.positions.land2, '2025-07-01', null),
      leader: await add('Người Lãnh Đạo', seed.positions.lead, '2025-07-01', null),
    };
    await h.db.updateTable('staff').set({ employmentStatus: 'ON_LEAVE' }).where('id', '=', extra.onLeave).execute();
  });
  afterAll(async () => h?.close());

  it('reads the ACTIVE holders of professional positions with a field current on the date, oldest placement first', async () => {
    const rows = await positionHolders(h.db, 'T1', '2026-03-02', {});
    expect(rows.map((r) => [r.staffId, r.unitId, r.field, r.positionCode])).toEqual([
      [seed.staff.good, f.unitA, 'OFFICE', 'P.OFFICE'],
      [seed.staff.excellent, f.unitA, 'OFFICE', 'P.OFFICE'],
      [seed.staff.disciplined, f.unitA, 'OFFICE', 'P.OFFICE'],
      [seed.staff.weak, f.unitA, 'OFFICE', 'P.OFFICE'],
      [seed.staff.holderB, f.unitB, 'LAND', 'P.LAND'],
    ]);
    expect(rows[0]).toMatchObject({ positionId: seed.positions.office, nameVi: expect.any(String), nameEn: expect.any(String) });
    // The last day of a placement still counts; the day a new one starts too.
    const onFirst = await positionHolders(h.db, 'T1', '2026-03-01', { unitId: f.unitB });
    expect(onFirst.map((r) => r.staffId)).toEqual([seed.staff.holderB, extra.ended]);
    const onStart = await positionHolders(h.db, 'T1', '2026-03-03', { unitId: f.unitB });
    expect(onStart.map((r) => r.staffId)).toEqual([seed.staff.holderB, extra.future]);
  });

  it('filters by unit and field in SQL and keeps to the province', async () => {
    expect((await positionHolders(h.db, 'T1', '2026-03-02', { unitId: f.unitA, field: 'LAND' })).length).toBe(0);
    expect((await positionHolders(h.db, 'T1', '2026-03-02', { field: 'LAND' })).map((r) => r.staffId)).toEqual([seed.staff.holderB]);
    expect(await positionHolders(h.db, 'T2', '2026-03-02', {})).toEqual([]);
  });
});
