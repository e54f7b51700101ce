import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import type { Db } from '../../platform/db/database.ts';
import { nameSortKey } from '../../platform/text/name-sort-key.ts';
import { searchKey } from '../../platform/text/search-key.ts';
import { findNormUnit, listNormUnits } from './norm.repository.ts';

let seq = 0;

async function unit(
  db: Db,
  u: { provinceCode: string; code: string; name: string; kind: string; population: number | null; mountainous: boolean; former?: boolean },
) {
  const { id } = await db
    .insertInto('administrativeUnits')
    .values({
      provinceCode: u.provinceCode,
      code: u.code,
      name: u.name,
      nameSearch: searchKey(u.name),
      kind: u.kind,
      parentId: null,
      population: u.population,
      areaKm2: null,
      isMountainous: u.mountainous ? 1 : 0,
      validFrom: u.former ? null : '2025-07-01',
      validTo: u.former ? '2025-06-30' : null,
      createdByResolution: null,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

async function staff(db: Db, provinceCode: string, unitId: number, status: string, n: number) {
  for (let i = 0; i < n; i++) {
    const fullName = `Người Thử ${++seq}`;
    await db
      .insertInto('staff')
      .values({
        provinceCode,
        unitId,
        orgBodyId: null,
        fullName,
        nameSearch: searchKey(fullName),
        nameSort: nameSortKey(fullName),
        gender: 'FEMALE',
        birthDate: '1990-01-01',
        citizenId: `0469${String(seq).padStart(8, '0')}`,
        rank: 'CHUYEN_VIEN',
        employmentStatus: status,
        createdAt: NOW,
        updatedAt: NOW,
      })
      .execute();
  }
}

describe.each(testDialects())('staffing norm repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  let mountain: number;
  let ward: number;
  let zone: number;
  let former: number;
  let other: number;
  let unitABaseline: number;

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    const db = h.db;
    mountain = await unit(db, {
      provinceCode: 'T1',
      code: '30001',
      name: 'Xã Núi Cao',
      kind: 'COMMUNE',
      population: 23500,
      mountainous: true,
    });
    ward = await unit(db, {
      provinceCode: 'T1',
      code: '30002',
      name: 'Phường Trung Tâm',
      kind: 'WARD',
      population: 16000,
      mountainous: false,
    });
    zone = await unit(db, {
      provinceCode: 'T1',
      code: '30003',
      name: 'Đặc khu Đảo',
      kind: 'SPECIAL_ZONE',
      population: null,
      mountainous: false,
    });
    former = await unit(db, {
      provinceCode: 'T1',
      code: '30004',
      name: 'Xã Cũ',
      kind: 'FORMER_COMMUNE',
      population: 5000,
      mountainous: false,
      former: true,
    });
    other = await unit(db, {
      provinceCode: 'T2',
      code: '30005',
      name: 'Xã Tỉnh Khác Hai',
      kind: 'COMMUNE',
      population: 30000,
      mountainous: false,
    });
    unitABaseline = (await listNormUnits(db, 'T1', f.unitA))[0]?.headcount ?? -1;
    await staff(db, 'T1', mountain, 'ACTIVE', 5);
    await staff(db, 'T1', mountain, 'ON_LEAVE', 2);
    await staff(db, 'T1', ward, 'ACTIVE', 3);
    await staff(db, 'T1', former, 'ACTIVE', 4);
    await staff(db, 'T2', other, 'ACTIVE', 6);
    await staff(db, 'T1', f.unitA, 'ACTIVE', 2);
    await staff(db, 'T1', f.unitA, 'ON_LEAVE', 1);
  });
  afterAll(async () => h?.close());

  it('lists the current communes, wards and special zones of the province with their ACTIVE headcount', async () => {
    const rows = await listNormUnits(h.db, 'T1', null);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual([f.unitA, f.unitB, mountain, ward, zone].sort((a, b) => a - b));
    expect(byId.get(mountain)).toEqual({
      id: mountain,
      code: '30001',
      name: 'Xã Núi Cao',
      kind: 'COMMUNE',
      population: 23500,
      isMountainous: true,
      headcount: 5,
    });
    expect(byId.get(ward)).toMatchObject({ kind: 'WARD', population: 16000, isMountainous: false, headcount: 3 });
    // A unit without staff still appears, with 0; a missing population stays null.
    expect(byId.get(zone)).toMatchObject({ kind: 'SPECIAL_ZONE', population: null, headcount: 0 });
    // Staff added to commune A count; staff on leave do not.
    expect(byId.get(f.unitA)?.headcount).toBe(unitABaseline + 2);
    expect(unitABaseline).toBeGreaterThanOrEqual(1);
  });

  it('keeps provinces apart and narrows to one unit', async () => {
    expect((await listNormUnits(h.db, 'T2', null)).map((r) => [r.id, r.headcount])).toEqual([
      [f.otherProvinceUnit, 0],
      [other, 6],
    ]);
    expect(await listNormUnits(h.db, 'T1', ward)).toEqual([expect.objectContaining({ id: ward, headcount: 3 })]);
    // A former unit is not listed even when asked for, nor another province's unit.
    expect(await listNormUnits(h.db, 'T1', former)).toEqual([]);
    expect(await listNormUnits(h.db, 'T1', other)).toEqual([]);
  });

  it('finds a unit with its province, kind and end of validity', async () => {
    expect(await findNormUnit(h.db, former)).toEqual({ id: former, provinceCode: 'T1', kind: 'FORMER_COMMUNE', validTo: '2025-06-30' });
    expect(await findNormUnit(h.db, 999_999)).toBeUndefined();
  });
});
