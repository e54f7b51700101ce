import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { verifyAuditChain } from '../../platform/audit/audit.repository.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import type { Db } from '../../platform/db/database.ts';
import { fixedClock } from '../../platform/time/clock.ts';
import { DEMO_SUPPLIED_MONTHS, DEMO_SUPPLIED_SOURCE } from './demo-supplied.ts';
import { SHOWCASE_NAME } from './generate-staff.ts';
import { isDatabaseEmpty, type SeedResult, seedDemo } from './seed-demo.ts';

const PASSWORD = 'perfume river at dusk';
const STAFF_PER_UNIT = 5;
const clock = fixedClock('2026-03-02T03:00:00.000Z');

async function staffNames(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('staff').select('fullName').orderBy('id').execute();
  return rows.map((r) => r.fullName);
}

describe.each(testDialects())('seedDemo on %s', (dialect) => {
  let database: DatabaseHandle;
  let db: Db;
  let result: SeedResult;
  const progress: { done: number; total: number }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.db;
    expect(await isDatabaseEmpty(db)).toBe(true);
    result = await seedDemo(db, {
      trainingPlan: false,
      seed: 2025,
      password: PASSWORD,
      staffPerUnit: STAFF_PER_UNIT,
      clock,
      onProgress: (done, total) => progress.push({ done, total }),
    });
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  it('creates the province with 40 current units: 21 wards and 19 communes, valid from 1/7/2025', async () => {
    expect(await isDatabaseEmpty(db)).toBe(false);
    const current = await db
      .selectFrom('administrativeUnits')
      .select(['kind', 'code', 'validFrom', 'createdByResolution'])
      .where('provinceCode', '=', '46')
      .where('kind', 'in', ['WARD', 'COMMUNE'])
      .execute();
    expect(current).toHaveLength(40);
    expect(current.filter((u) => u.kind === 'WARD')).toHaveLength(21);
    expect(current.filter((u) => u.kind === 'COMMUNE')).toHaveLength(19);
    for (const u of current) {
      expect(u.code).toMatch(/^\d{5}$/);
      expect(u.validFrom).toBe('2025-07-01');
      expect(u.createdByResolution).toBe('1675/NQ-UBTVQH15');
    }
    expect(result.units).toBe(40);
  });

  it('stores 133 predecessors (48/78/7), each with exactly one successor, and every current unit has one', async () => {
    const former = await db
      .selectFrom('administrativeUnits')
      .select(['id', 'kind', 'validTo', 'parentId'])
      .where('kind', 'in', ['FORMER_WARD', 'FORMER_COMMUNE', 'FORMER_TOWNSHIP'])
      .execute();
    expect(former).toHaveLength(133);
    expect(former.filter((u) => u.kind === 'FORMER_WARD')).toHaveLength(48);
    expect(former.filter((u) => u.kind === 'FORMER_COMMUNE')).toHaveLength(78);
    expect(former.filter((u) => u.kind === 'FORMER_TOWNSHIP')).toHaveLength(7);
    expect(former.every((u) => u.validTo === '2025-06-30')).toBe(true);

    const districts = await db.selectFrom('administrativeUnits').select('id').where('kind', '=', 'FORMER_DISTRICT').execute();
    const districtIds = new Set(districts.map((d) => d.id));
    expect(districtIds.size).toBeGreaterThan(0);
    expect(former.every((u) => u.parentId !== null && districtIds.has(u.parentId))).toBe(true);

    const lineage = await db.selectFrom('unitLineage').select(['predecessorId', 'successorId', 'resolution', 'effectiveDate']).execute();
    expect(lineage).toHaveLength(133);
    expect(new Set(lineage.map((l) => l.predecessorId))).toEqual(new Set(former.map((u) => u.id)));
    expect(lineage.every((l) => l.effectiveDate === '2025-07-01' && l.resolution === '1675/NQ-UBTVQH15')).toBe(true);

    const withPredecessor = await db
      .selectFrom('administrativeUnits as u')
      .select('u.id')
      .where('u.kind', 'in', ['WARD', 'COMMUNE'])
      .where((eb) => eb.exists(eb.selectFrom('unitLineage as l').select('l.id').whereRef('l.successorId', '=', 'u.id')))
      .execute();
    expect(withPredecessor).toHaveLength(40);
    expect(result.predecessors).toBe(133);
  });

  it('gives every current unit the four Decree 150 bodies with their fields', async () => {
    const bodies = await db.selectFrom('orgBodies').select(['unitId', 'kind', 'fields', 'deputyQuota']).execute();
    expect(bodies).toHaveLength(160);
    const perUnit = new Map<number, string[]>();
    for (const b of bodies) perUnit.set(b.unitId, [...(perUnit.get(b.unitId) ?? []), b.kind]);
    expect(perUnit.size).toBe(40);
    for (const kinds of perUnit.values()) expect(kinds).toHaveLength(4);
    const pasc = bodies.find((b) => b.kind === 'PASC');
    expect(JSON.parse(pasc?.fields ?? '[]')).toEqual(['ONE_STOP']);
    expect(bodies.every((b) => Number(b.deputyQuota) === 2)).toBe(true);
  });

  it('creates the staff with unique citizen IDs, all in current units', async () => {
    const staff = await db.selectFrom('staff').select(['citizenId', 'unitId', 'nameSearch']).execute();
    expect(staff).toHaveLength(40 * STAFF_PER_UNIT);
    expect(result.staff).toBe(40 * STAFF_PER_UNIT);
    expect(new Set(staff.map((s) => s.citizenId)).size).toBe(staff.length);
    expect(staff.every((s) => /^046\d{9}$/.test(s.citizenId))).toBe(true);
    const current = await db.selectFrom('administrativeUnits').select('id').where('kind', 'in', ['WARD', 'COMMUNE']).execute();
    const currentIds = new Set(current.map((u) => u.id));
    expect(staff.every((s) => currentIds.has(s.unitId))).toBe(true);
  });

  it('has the showcase: chairman of a predecessor until 30/6/2025, head of a department of the merged ward since', async () => {
    expect(result.showcase?.fullName).toBe(SHOWCASE_NAME);
    const person = await db
      .selectFrom('staff')
      .select(['id', 'unitId'])
      .where('nameSearch', '=', 'ton nu minh thu')
      .executeTakeFirstOrThrow();
    const appointments = await db
      .selectFrom('appointments as a')
      .innerJoin('administrativeUnits as u', 'u.id', 'a.unitId')
      .leftJoin('orgBodies as b', 'b.id', 'a.orgBodyId')
      .select(['a.unitId', 'u.kind', 'a.title', 'a.startDate', 'a.endDate', 'b.kind as bodyKind'])
      .where('a.staffId', '=', person.id)
      .orderBy('a.startDate')
      .execute();
    const chair = appointments.find((a) => a.title === 'Chủ tịch UBND');
    expect(chair).toMatchObject({ kind: 'FORMER_WARD', endDate: '2025-06-30' });
    const lineage = await db
      .selectFrom('unitLineage')
      .select('successorId')
      .where('predecessorId', '=', chair?.unitId ?? -1)
      .executeTakeFirstOrThrow();
    expect(lineage.successorId).toBe(person.unitId);
    const current = appointments.at(-1);
    expect(current).toMatchObject({ unitId: person.unitId, startDate: '2025-07-01', endDate: null, bodyKind: 'ECON_INFRA_URBAN' });
    expect(current?.title).toMatch(/^Trưởng phòng /);
  });

  it('records appointments across the merger, some in former districts', async () => {
    const rows = await db
      .selectFrom('appointments as a')
      .innerJoin('administrativeUnits as u', 'u.id', 'a.unitId')
      .select(['u.kind', 'a.endDate'])
      .execute();
    const former = rows.filter((r) => r.kind.startsWith('FORMER_'));
    expect(former.length).toBeGreaterThan(100);
    expect(former.every((r) => r.endDate !== null && r.endDate <= '2025-06-30')).toBe(true);
    expect(rows.filter((r) => r.endDate === null)).toHaveLength(40 * STAFF_PER_UNIT);
    expect(rows.some((r) => r.kind === 'FORMER_DISTRICT')).toBe(true);
  });

  it('creates every demo account with its role and unit, all with the given password', async () => {
    const users = await db
      .selectFrom('users as usr')
      .leftJoin('administrativeUnits as u', 'u.id', 'usr.unitId')
      .select(['usr.username', 'usr.role', 'usr.passwordHash', 'u.name as unitName', 'u.isMountainous'])
      .execute();
    const byName = new Map(users.map((u) => [u.username, u]));
    const expected: [string, string, string | null][] = [
      ['analyst', 'province_analyst', null],
      ['admin', 'system_admin', null],
      ['padmin', 'province_admin', null],
      ['counter', 'counter_officer', 'Phường Phú Xuân'],
      ['specialist', 'field_specialist', 'Phường Phú Xuân'],
      ['leader', 'unit_leader', 'Phường Phú Xuân'],
      ['hr', 'unit_hr', 'Phường Phú Xuân'],
    ];
    for (const [username, role, unitName] of expected) {
      expect(byName.get(username)).toMatchObject({ role, unitName });
    }
    const counter2 = byName.get('counter2');
    expect(counter2?.role).toBe('counter_officer');
    expect(counter2?.isMountainous === true || counter2?.isMountainous === 1).toBe(true);
    expect(result.accounts.map((a) => a.username).sort()).toEqual([...byName.keys()].sort());
    expect(await verifyPassword(byName.get('leader')?.passwordHash ?? '', PASSWORD)).toBe(true);
    expect(new Set(users.map((u) => u.passwordHash)).size).toBe(users.length);
  });

  it('writes one audit entry for the whole seed, and the chain verifies', async () => {
    const entries = await db.selectFrom('auditLog').select(['action', 'entityId', 'actorUsername', 'after']).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'demo.seed', entityId: '46', actorUsername: 'system' });
    expect(entries[0]?.after).not.toContain(PASSWORD);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('enters the illustrative 766 counts: 1.1–1.3 for the province and 3.5, 5.2 for each of the 40 units, for 6 months', async () => {
    const rows = await db.selectFrom('scorecardSuppliedCounts').select(['unitId', 'indicatorCode', 'sourceNote']).execute();
    expect(rows).toHaveLength(DEMO_SUPPLIED_MONTHS * (3 + 40 * 2));
    expect(new Set(rows.filter((r) => r.unitId === null).map((r) => r.indicatorCode))).toEqual(new Set(['1.1', '1.2', '1.3']));
    expect(new Set(rows.map((r) => r.sourceNote))).toEqual(new Set([DEMO_SUPPLIED_SOURCE]));
  });

  it('reports progress up to the total', () => {
    const last = progress.at(-1);
    expect(progress.length).toBeGreaterThan(3);
    expect(last?.done).toBe(last?.total);
  });

  it('refuses to seed a database that already has the province', async () => {
    await expect(seedDemo(db, { trainingPlan: false, seed: 1, password: PASSWORD, staffPerUnit: STAFF_PER_UNIT })).rejects.toThrow(
      /already/,
    );
    expect(await db.selectFrom('staff').select(db.fn.countAll<number>().as('n')).executeTakeFirst()).toMatchObject({
      n: 40 * STAFF_PER_UNIT,
    });
  });

  it('refuses a common password before writing anything', async () => {
    const fresh = await createTestDatabase(dialect);
    try {
      await expect(
        seedDemo(fresh.db, { trainingPlan: false, seed: 1, password: 'password123', staffPerUnit: STAFF_PER_UNIT }),
      ).rejects.toMatchObject({
        code: 'PASSWORD_TOO_COMMON',
      });
      expect(await isDatabaseEmpty(fresh.db)).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it('gives identical staff names for the same seed on two fresh databases', async () => {
    const [a, b] = await Promise.all([createTestDatabase(dialect), createTestDatabase(dialect)]);
    try {
      await seedDemo(a.db, { trainingPlan: false, seed: 77, password: PASSWORD, staffPerUnit: STAFF_PER_UNIT });
      await seedDemo(b.db, { trainingPlan: false, seed: 77, password: PASSWORD, staffPerUnit: STAFF_PER_UNIT });
      const namesA = await staffNames(a.db);
      expect(namesA).toHaveLength(40 * STAFF_PER_UNIT);
      expect(await staffNames(b.db)).toEqual(namesA);
      expect(namesA).not.toEqual(await staffNames(db));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);
});
