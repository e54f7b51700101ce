import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import {
  findStaff,
  findStaffByIds,
  findUnitScope,
  insertAppointment,
  insertStaff,
  listAppointments,
  listStaffKeys,
  listStaffPage,
  type NewStaff,
} from './staff.repository.ts';

function person(over: Partial<NewStaff> & Pick<NewStaff, 'unitId' | 'fullName' | 'citizenId'>): NewStaff {
  return {
    provinceCode: 'T1',
    orgBodyId: null,
    gender: 'FEMALE',
    birthDate: '1990-01-01',
    phone: null,
    email: null,
    ethnicity: null,
    education: null,
    qualification: null,
    qualificationField: null,
    politicalTheory: null,
    rank: 'CHUYEN_VIEN',
    employmentStatus: 'ACTIVE',
    currentTitle: null,
    ...over,
  };
}

describe.each(testDialects())('staff repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  let ids: { lan: number; dao: number; other: number };

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    const lan = await insertStaff(
      h.db,
      person({ unitId: f.unitB, fullName: 'Trần Thị Lan', citizenId: '046190000001', rank: 'CAN_SU' }),
      NOW,
    );
    const dao = await insertStaff(
      h.db,
      person({ unitId: f.unitA, fullName: 'Lê Đức Đào', citizenId: '046090000002', gender: 'MALE' }),
      NOW,
    );
    const other = await insertStaff(
      h.db,
      person({ provinceCode: 'T2', unitId: f.otherProvinceUnit, fullName: 'Nguyễn Văn Mạnh', citizenId: '001085000003' }),
      NOW,
    );
    await insertAppointment(h.db, {
      provinceCode: 'T1',
      staffId: dao,
      unitId: f.unitA,
      orgBodyId: null,
      title: 'Chuyên viên',
      startDate: '2025-07-01',
      endDate: null,
      decision: null,
    });
    ids = { lan, dao, other };
  });
  afterAll(async () => h?.close());

  const names = async (filter: Parameters<typeof listStaffKeys>[1]) => (await listStaffKeys(h.db, filter)).map((k) => k.fullName).sort();

  it('finds "Nguyễn Văn Mạnh" by "Nguyen Van Manh", in any case and word order', async () => {
    for (const q of ['Nguyen Van Manh', 'nguyễn văn mạnh', 'MANH', 'manh nguyen']) {
      expect(await names({ provinceCode: 'T1', q })).toEqual(['Nguyễn Văn Mạnh']);
    }
  });

  it('folds đ to d', async () => {
    expect(await names({ provinceCode: 'T1', q: 'duc dao' })).toEqual(['Lê Đức Đào']);
    expect(await names({ provinceCode: 'T1', q: 'Đức' })).toEqual(['Lê Đức Đào']);
  });

  it('never crosses into another province', async () => {
    expect(await names({ provinceCode: 'T2', q: 'manh' })).toEqual(['Nguyễn Văn Mạnh']);
    expect((await listStaffKeys(h.db, { provinceCode: 'T1' })).map((k) => k.id)).not.toContain(ids.other);
  });

  it('filters by unit, rank and org body', async () => {
    expect(await names({ provinceCode: 'T1', unitIds: [f.unitA] })).toEqual(['Lê Đức Đào', 'Nguyễn Văn Mạnh']);
    expect(await names({ provinceCode: 'T1', unitIds: [f.unitB] })).toEqual(['Trần Thị Lan']);
    expect(await names({ provinceCode: 'T1', unitIds: [] })).toEqual([]);
    expect(await names({ provinceCode: 'T1', rank: 'CAN_SU' })).toEqual(['Trần Thị Lan']);
    const manh = await findStaff(h.db, f.staffA);
    expect(await names({ provinceCode: 'T1', orgBodyId: manh?.orgBody?.id })).toEqual(['Nguyễn Văn Mạnh']);
  });

  it('loads a page of full rows in the order asked for, with unit and body names', async () => {
    const rows = await findStaffByIds(h.db, [ids.lan, f.staffA, 999_999]);
    expect(rows.map((r) => r.id)).toEqual([ids.lan, f.staffA]);
    expect(rows[1]).toMatchObject({
      fullName: 'Nguyễn Văn Mạnh',
      citizenId: '046085001234',
      birthDate: '1985-04-12',
      unit: { id: f.unitA, name: 'Xã Hòa Bình', kind: 'COMMUNE' },
      orgBody: { name: 'Phòng Kinh tế', kind: 'ECONOMIC' },
      version: 1,
    });
    expect(rows[0]?.orgBody).toBeNull();
  });

  it('returns the appointment history in date order, marking pre-merger units', async () => {
    const history = await listAppointments(h.db, f.staffA);
    expect(history.map((a) => [a.title, a.unit.name, a.unit.kind, a.unit.isFormer, a.endDate])).toEqual([
      ['Chủ tịch UBND phường', 'Phường Cũ An Hòa', 'FORMER_WARD', true, '2025-06-30'],
      ['Trưởng phòng Kinh tế', 'Xã Hòa Bình', 'COMMUNE', false, null],
    ]);
    expect(history[1]?.orgBody).toMatchObject({ kind: 'ECONOMIC' });
    expect(await listAppointments(h.db, ids.lan)).toEqual([]);
  });

  it('tells which province a unit belongs to', async () => {
    expect(await findUnitScope(h.db, f.otherProvinceUnit)).toEqual({ id: f.otherProvinceUnit, provinceCode: 'T2' });
    expect(await findUnitScope(h.db, 999_999)).toBeUndefined();
  });

  it('pages in Vietnamese name order (given name, Â after A, Đ after D), namesakes by id, on the stored key', async () => {
    const names = ['Trần Thị Đào', 'Hồ Văn Nam', 'Nguyễn Văn Anh', 'Lê Văn Dũng', 'Hồ Văn Nam', 'Phạm Thị Ân', 'Lê Thị Anh'];
    const inserted: number[] = [];
    for (const [i, fullName] of names.entries()) {
      inserted.push(
        await insertStaff(h.db, person({ provinceCode: 'T2', unitId: f.otherProvinceUnit, fullName, citizenId: `00109000010${i}` }), NOW),
      );
    }
    const filter = { provinceCode: 'T2' };
    const first = await listStaffPage(h.db, filter, { offset: 0, limit: 4 });
    const second = await listStaffPage(h.db, filter, { offset: 4, limit: 4 });
    expect(first.total).toBe(8);
    expect([...first.rows, ...second.rows].map((r) => r.fullName)).toEqual([
      'Lê Thị Anh',
      'Nguyễn Văn Anh',
      'Phạm Thị Ân',
      'Lê Văn Dũng',
      'Trần Thị Đào',
      'Nguyễn Văn Mạnh',
      'Hồ Văn Nam',
      'Hồ Văn Nam',
    ]);
    const namesakes = second.rows.filter((r) => r.fullName === 'Hồ Văn Nam').map((r) => r.id);
    expect(namesakes).toEqual([inserted[1], inserted[4]]);
    expect((await listStaffKeys(h.db, filter)).map((k) => k.id)).toEqual([...first.rows, ...second.rows].map((r) => r.id));
  });
});
