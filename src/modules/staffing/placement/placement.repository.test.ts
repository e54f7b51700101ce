import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import type { AuditMeta } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { searchKey } from '../../../platform/text/search-key.ts';
import { fixedClock } from '../../../platform/time/clock.ts';
import { completeCourse } from '../runs/completed-course.fixtures.ts';
import { insertRun, type PlacementSeed, seedPlacement } from './placement.fixtures.ts';
import * as repo from './placement.repository.ts';
import { acceptRecommendation, generateBatch, getBatch, listBatches, rejectRecommendation } from './use-cases/placements.ts';

const NOW = '2026-03-02T03:00:00.000Z';
const TODAY = '2026-03-02';
const clock = fixedClock(NOW);

const analyst: Actor = {
  userId: 7,
  username: 'analyst',
  displayName: 'Analyst',
  role: 'province_analyst',
  provinceCode: 'T1',
  unitId: null,
  locale: 'vi',
  sessionId: null,
  via: 'token',
};
const otherProvince: Actor = { ...analyst, userId: 8, provinceCode: 'T2', role: 'province_admin' };
const meta = (actor: Actor = analyst): AuditMeta => ({ actor, requestId: 'test', at: NOW, provinceCode: actor.provinceCode });

async function unit(db: Db, provinceCode: string, code: string, name: string, kind: string) {
  const { id } = await db
    .insertInto('administrativeUnits')
    .values({
      provinceCode,
      code,
      name,
      nameSearch: searchKey(name),
      kind,
      parentId: null,
      population: 20000,
      areaKm2: null,
      isMountainous: 0,
      validFrom: '2025-07-01',
      validTo: null,
      createdByResolution: null,
      createdAt: NOW,
      updatedAt: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

const code = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'OK';
};

describe.each(testDialects())('placement repository and use cases (%s)', (dialect) => {
  let handle: DatabaseHandle;
  let db: Db;
  let unitA: number;
  let unitB: number;
  let seed: PlacementSeed;
  const deps = () => ({ db, clock });

  beforeEach(async () => {
    handle = await createTestDatabase(dialect);
    db = handle.db;
    await db
      .insertInto('provinces')
      .values([
        { code: 'T1', name: 'Tỉnh Thử', createdAt: NOW },
        { code: 'T2', name: 'Tỉnh Khác', createdAt: NOW },
      ])
      .execute();
    unitA = await unit(db, 'T1', '10001', 'Xã Hòa Bình', 'COMMUNE');
    unitB = await unit(db, 'T1', '10002', 'Phường Đông Ba', 'WARD');
    await unit(db, 'T2', '20001', 'Xã Tỉnh Khác', 'COMMUNE');
    seed = await seedPlacement(db, { provinceCode: 'T1', unitA, unitB });
  });
  afterEach(async () => {
    await handle.close();
  });

  it('reads the run, the people in post, free posts and the former districts', async () => {
    const lines = await repo.listRunLines(db, seed.runId);
    expect(lines.map((l) => [l.unitId, l.field, l.status, l.requiredStaff, l.actualStaff, l.difference])).toEqual([
      [unitA, 'OFFICE', 'SURPLUS', 2, 4, 2],
      [unitB, 'LAND', 'SHORTAGE', 3, 1, -2],
      [unitA, 'LAND', 'BALANCED', 1, 1, 0],
    ]);
    expect(lines[1]?.gapCompetencies).toEqual([{ code: 'L.LAW', name: 'Năng lực L.LAW' }]);
    expect(await repo.latestRunId(db, 'T1')).toBe(seed.runId);
    expect(await repo.latestRunId(db, 'T2')).toBeNull();
    const people = await repo.listPeopleInPost(db, 'T1', TODAY);
    expect(people.map((p) => p.staffId).sort((a, b) => a - b)).toEqual(
      [seed.staff.good, seed.staff.excellent, seed.staff.disciplined, seed.staff.weak, seed.staff.holderB].sort((a, b) => a - b),
    );
    expect(people.find((p) => p.staffId === seed.staff.disciplined)?.disciplinePendingUntil).toBe('2026-12-31');
    const free = await repo.freePosts(db, 'T1', TODAY, [unitB]);
    expect(free.get(`${unitB}:P.LAND`)).toBe(0);
    expect(free.get(`${unitB}:P.LAND2`)).toBe(2);
    const districts = await repo.districtsByUnit(db, 'T1');
    expect(districts.get(unitA)).toEqual([seed.districtId]);
    expect(districts.get(unitB)).toEqual([seed.districtId]);
    expect((await repo.activeStaffByUnit(db, 'T1')).get(unitA)).toBe(10);
    const ratings = await repo.ratingsOf(db, 'T1', [seed.staff.good, seed.staff.excellent], 2022);
    expect(ratings.get(seed.staff.excellent)).toEqual([{ year: 2025, campaignId: expect.any(Number), rating: 'EXCELLENT' }]);
    expect(await repo.ratingsOf(db, 'T1', [seed.staff.good], 2026)).toEqual(new Map());
  });

  it('generates a batch: the hand-computed assignment, stored with its explanation', async () => {
    const batch = await generateBatch(deps(), analyst, seed.runId, { maxShareMovedPerUnit: 0.3 }, meta());
    // 30 % of 10 = 3 ≥ 2 spare: good and excellent move to B's free P.LAND2 posts: −1.1 + −0.9.
    expect(batch.objective).toBeCloseTo(-2, 9);
    expect(batch.status).toBe('OPEN');
    expect(batch.isLatestRun).toBe(true);
    expect(batch.recommendations.map((r) => r.staffId).sort((a, b) => a - b)).toEqual(
      [seed.staff.good, seed.staff.excellent].sort((a, b) => a - b),
    );
    for (const r of batch.recommendations) {
      expect(r).toMatchObject({
        fromUnitId: unitA,
        toUnitId: unitB,
        toPositionId: seed.positions.land2,
        kind: 'TRANSFER',
        status: 'PROPOSED',
        version: 1,
      });
      expect(r.explanation.costs.moveKind).toBe('SAME_FORMER_DISTRICT');
      expect(r.explanation.fixes.gapCompetenciesCovered).toEqual([{ code: 'L.LAW', name: 'Năng lực L.LAW' }]);
      expect(r.explanation.position).toMatchObject({ code: 'P.LAND2', freePost: true });
    }
    expect(batch.recommendations.map((r) => [r.explanation.fixes.actualBefore, r.explanation.fixes.actualAfter])).toEqual([
      [1, 2],
      [2, 3],
    ]);
    expect(batch.params.excluded).toEqual([
      { staffId: seed.staff.disciplined, fullName: 'Hồ Văn Kỷ', unitId: unitA, field: 'OFFICE', reasons: ['DISCIPLINE_PENDING'] },
    ]);
    expect(batch.params.summary).toMatchObject({ slots: 2, peopleInSpareLines: 4, eligible: 3, withBeneficialMove: 2, recommended: 2 });
    expect(batch.params.options).toEqual({ includeLeadership: false, forbidOutsideDistrict: false, maxShareMovedPerUnit: 0.3 });
    const audit = await db.selectFrom('auditLog').select(['action', 'entityId']).where('action', '=', 'placement.batch.create').execute();
    expect(audit).toEqual([{ action: 'placement.batch.create', entityId: String(batch.id) }]);
    expect((await listBatches(deps(), analyst, seed.runId)).items.map((b) => [b.id, b.recommended])).toEqual([[batch.id, 2]]);
  });

  it('counts a class completed after the assessment as evidence: the weak official then fits the target post', async () => {
    // Leave excellent and weak as the only candidates; weak's L.LAW 2 (campaign locked 2025-12-20) fails P.LAND2's 3.
    await db.updateTable('staff').set({ disciplinePendingUntil: '2026-12-31' }).where('id', '=', seed.staff.good).execute();
    const before = await generateBatch(deps(), analyst, seed.runId, { maxShareMovedPerUnit: 0.3 }, meta());
    expect(before.recommendations.map((r) => r.staffId)).toEqual([seed.staff.excellent]);
    expect(before.params.summary).toMatchObject({ eligible: 2, withBeneficialMove: 1, recommended: 1 });

    await completeCourse(db, {
      provinceCode: 'T1',
      staffIds: [seed.staff.weak],
      competencyCode: 'L.LAW',
      level: 3,
      completedOn: '2026-02-06',
    });
    const after = await generateBatch(deps(), analyst, seed.runId, { maxShareMovedPerUnit: 0.3 }, meta());
    expect(after.params.summary).toMatchObject({ eligible: 2, withBeneficialMove: 2, recommended: 2 });
    const weak = after.recommendations.find((r) => r.staffId === seed.staff.weak);
    expect(weak).toMatchObject({ toUnitId: unitB, toPositionId: seed.positions.land2, kind: 'TRANSFER' });
    expect(weak?.explanation.eligibility.fit).toMatchObject({ meetsPosition: true, reasons: [] });
    expect(weak?.explanation.fixes.gapCompetenciesCovered).toEqual([{ code: 'L.LAW', name: 'Năng lực L.LAW' }]);
  });

  it('keeps the default 10 % share cap, and refuses a share outside the rule’s bounds without storing anything', async () => {
    const batch = await generateBatch(deps(), analyst, seed.runId, {}, meta());
    expect(batch.recommendations).toHaveLength(1);
    expect(await code(generateBatch(deps(), analyst, seed.runId, { maxShareMovedPerUnit: 0.5 }, meta()))).toBe(
      'PLACEMENT_OPTION_OUT_OF_BOUNDS',
    );
    expect((await listBatches(deps(), analyst, seed.runId)).items).toHaveLength(1);
  });

  it('hides another province’s runs and batches', async () => {
    const batch = await generateBatch(deps(), analyst, seed.runId, {}, meta());
    expect(await code(generateBatch(deps(), otherProvince, seed.runId, {}, meta(otherProvince)))).toBe('STAFFING_RUN_NOT_FOUND');
    expect(await code(getBatch(deps(), otherProvince, batch.id))).toBe('PLACEMENT_BATCH_NOT_FOUND');
    const rec = batch.recommendations[0];
    if (!rec) throw new Error('no recommendation');
    expect(await code(acceptRecommendation(deps(), otherProvince, rec.id, { version: 1 }, meta(otherProvince)))).toBe(
      'PLACEMENT_RECOMMENDATION_NOT_FOUND',
    );
  });

  it('accepts a transfer once: the old post ends the day before, the new one starts, the home unit moves', async () => {
    const batch = await generateBatch(deps(), analyst, seed.runId, { maxShareMovedPerUnit: 0.3 }, meta());
    const rec = batch.recommendations.find((r) => r.staffId === seed.staff.good);
    const twin = (await generateBatch(deps(), analyst, seed.runId, { maxShareMovedPerUnit: 0.3 }, meta())).recommendations.find(
      (r) => r.staffId === seed.staff.good,
    );
    if (!rec || !twin) throw new Error('no recommendation for good');
    const accepted = await acceptRecommendation(deps(), analyst, rec.id, { version: 1, startDate: '2026-04-01' }, meta());
    expect(accepted).toMatchObject({ status: 'ACCEPTED', version: 2, decidedBy: analyst.userId, kind: 'TRANSFER', endDate: null });
    const rows = await db
      .selectFrom('staffPositions')
      .select(['unitId', 'positionId', 'startDate', 'endDate', 'assignmentKind', 'originUnitId'])
      .where('staffId', '=', seed.staff.good)
      .orderBy('id')
      .execute();
    expect(
      rows.map((r) => ({ ...r, startDate: String(r.startDate).slice(0, 10), endDate: r.endDate && String(r.endDate).slice(0, 10) })),
    ).toEqual([
      {
        unitId: unitA,
        positionId: seed.positions.office,
        startDate: '2025-07-01',
        endDate: '2026-03-31',
        assignmentKind: null,
        originUnitId: null,
      },
      { unitId: unitB, positionId: seed.positions.land2, startDate: '2026-04-01', endDate: null, assignmentKind: null, originUnitId: null },
    ]);
    const staff = await db.selectFrom('staff').select(['unitId', 'version']).where('id', '=', seed.staff.good).executeTakeFirstOrThrow();
    expect(staff).toEqual({ unitId: unitB, version: 2 });
    // Again (same or stale version): refused, and no second appointment.
    expect(await code(acceptRecommendation(deps(), analyst, rec.id, { version: 1 }, meta()))).toBe('PLACEMENT_ALREADY_DECIDED');
    expect(await code(acceptRecommendation(deps(), analyst, rec.id, { version: 2 }, meta()))).toBe('PLACEMENT_ALREADY_DECIDED');
    // The same person in another batch: already scheduled to move (the new post starts after today), so stale,
    // even with a start date that would fit before the scheduled one; and no new batch proposes them.
    expect(await code(acceptRecommendation(deps(), analyst, twin.id, { version: 1, startDate: '2026-03-10' }, meta()))).toBe(
      'PLACEMENT_STALE',
    );
    const later = await generateBatch(deps(), analyst, seed.runId, { maxShareMovedPerUnit: 0.3 }, meta());
    expect(later.recommendations.map((r) => r.staffId)).toEqual([seed.staff.excellent]);
    const n = await db
      .selectFrom('staffPositions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('staffId', '=', seed.staff.good)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2);
    const audit = await db
      .selectFrom('auditLog')
      .select(['action', 'after'])
      .where('action', '=', 'placement.recommendation.accept')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(String(audit[0]?.after))).toMatchObject({ endedOn: '2026-03-31', startDate: '2026-04-01', homeUnitId: unitB });
  });

  it('lets only one of two concurrent acceptances through', async () => {
    const batch = await generateBatch(deps(), analyst, seed.runId, {}, meta());
    const rec = batch.recommendations[0];
    if (!rec) throw new Error('no recommendation');
    const results = await Promise.allSettled([
      acceptRecommendation(deps(), analyst, rec.id, { version: 1 }, meta()),
      acceptRecommendation(deps(), analyst, rec.id, { version: 1 }, meta()),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(['PLACEMENT_ALREADY_DECIDED', 'VERSION_CONFLICT']).toContain((rejected.reason as AppError).code);
    const open = await db
      .selectFrom('staffPositions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('staffId', '=', rec.staffId)
      .where('endDate', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(open.n)).toBe(1);
    const all = await db
      .selectFrom('staffPositions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('staffId', '=', rec.staffId)
      .executeTakeFirstOrThrow();
    expect(Number(all.n)).toBe(2);
  });

  it('refuses a person who moved since the batch, and a batch whose run is no longer the latest; nothing changes', async () => {
    const batch = await generateBatch(deps(), analyst, seed.runId, { maxShareMovedPerUnit: 0.3 }, meta());
    const [first, second] = batch.recommendations;
    if (!first || !second) throw new Error('two recommendations expected');
    // First: HR moved the person by hand meanwhile.
    await db.updateTable('staffPositions').set({ endDate: '2026-02-28' }).where('staffId', '=', first.staffId).execute();
    await db
      .insertInto('staffPositions')
      .values({
        provinceCode: 'T1',
        staffId: first.staffId,
        positionId: seed.positions.office,
        unitId: unitA,
        startDate: '2026-03-01',
        endDate: null,
      })
      .execute();
    expect(await code(acceptRecommendation(deps(), analyst, first.id, { version: 1 }, meta()))).toBe('PLACEMENT_STALE');
    expect((await repo.findRecommendation(db, first.id))?.status).toBe('PROPOSED');
    // A start date on or before the current post's start cannot end it the day before.
    expect(await code(acceptRecommendation(deps(), analyst, second.id, { version: 1, startDate: '2025-07-01' }, meta()))).toBe(
      'PLACEMENT_DATES_INVALID',
    );
    expect(await code(acceptRecommendation(deps(), analyst, second.id, { version: 1, endDate: '2026-09-01' }, meta()))).toBe(
      'PLACEMENT_DATES_INVALID',
    );
    // A newer run makes the batch stale as a whole.
    await insertRun(db, 'T1');
    expect(await code(acceptRecommendation(deps(), analyst, second.id, { version: 1 }, meta()))).toBe('PLACEMENT_RUN_NOT_LATEST');
    expect((await getBatch(deps(), analyst, batch.id)).isLatestRun).toBe(false);
    const rec = await repo.findRecommendation(db, second.id);
    expect(rec).toMatchObject({ status: 'PROPOSED', version: 1 });
    const staff = await db.selectFrom('staff').select('unitId').where('id', '=', second.staffId).executeTakeFirstOrThrow();
    expect(staff.unitId).toBe(unitA);
    expect(await db.selectFrom('auditLog').select('seq').where('action', '=', 'placement.recommendation.accept').execute()).toEqual([]);
  });

  it('accepts a secondment: a fixed-term post with the origin unit, the home unit unchanged', async () => {
    const batch = await generateBatch(deps(), analyst, seed.runId, {}, meta());
    const rec = batch.recommendations[0];
    if (!rec) throw new Error('no recommendation');
    const accepted = await acceptRecommendation(
      deps(),
      analyst,
      rec.id,
      { version: 1, kind: 'SECONDMENT', startDate: '2026-03-16' },
      meta(),
    );
    expect(accepted).toMatchObject({ kind: 'SECONDMENT', endDate: '2026-09-16', status: 'ACCEPTED' });
    const row = await db
      .selectFrom('staffPositions')
      .select(['unitId', 'endDate', 'assignmentKind', 'originUnitId'])
      .where('staffId', '=', rec.staffId)
      .where('startDate', '=', '2026-03-16')
      .executeTakeFirstOrThrow();
    expect({ ...row, endDate: String(row.endDate).slice(0, 10) }).toEqual({
      unitId: unitB,
      endDate: '2026-09-16',
      assignmentKind: 'SECONDMENT',
      originUnitId: unitA,
    });
    const staff = await db.selectFrom('staff').select('unitId').where('id', '=', rec.staffId).executeTakeFirstOrThrow();
    expect(staff.unitId).toBe(unitA);
    // The person's own post at the origin resumes the day after the secondment ends.
    const back = await db
      .selectFrom('staffPositions')
      .select(['unitId', 'endDate', 'assignmentKind'])
      .where('staffId', '=', rec.staffId)
      .where('startDate', '=', '2026-09-17')
      .executeTakeFirstOrThrow();
    expect(back).toEqual({ unitId: unitA, endDate: null, assignmentKind: null });
    // The only recommendation was decided: the batch closes.
    expect((await getBatch(deps(), analyst, batch.id)).status).toBe('CLOSED');
  });

  it('rejects with a reason (audited); a decided recommendation cannot be rejected again', async () => {
    const batch = await generateBatch(deps(), analyst, seed.runId, {}, meta());
    const rec = batch.recommendations[0];
    if (!rec) throw new Error('no recommendation');
    expect(await code(rejectRecommendation(deps(), analyst, rec.id, { version: 3, reason: 'x' }, meta()))).toBe('VERSION_CONFLICT');
    const rejected = await rejectRecommendation(deps(), analyst, rec.id, { version: 1, reason: 'Đang học lớp bồi dưỡng' }, meta());
    expect(rejected).toMatchObject({ status: 'REJECTED', reason: 'Đang học lớp bồi dưỡng', version: 2 });
    expect(await code(rejectRecommendation(deps(), analyst, rec.id, { version: 2, reason: 'x' }, meta()))).toBe(
      'PLACEMENT_ALREADY_DECIDED',
    );
    const audit = await db.selectFrom('auditLog').select('after').where('action', '=', 'placement.recommendation.reject').execute();
    expect(audit.map((a) => JSON.parse(String(a.after)))).toEqual([{ status: 'REJECTED', version: 2, reason: 'Đang học lớp bồi dưỡng' }]);
    const n = await db
      .selectFrom('staffPositions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('staffId', '=', rec.staffId)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });
});
