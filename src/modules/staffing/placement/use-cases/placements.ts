import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { solveLinearAssignment } from '../../../../platform/optimize/linear-assignment.ts';
import { getRuleInForce } from '../../../../platform/rules/rules.ts';
import type { Clock } from '../../../../platform/time/clock.ts';
import { domainToday } from '../../../../platform/time/format.ts';
import { addMonths } from '../../../position-fit/fit.ts';
import { fitEvidenceByPerson } from '../../../position-fit/use-cases/position-fit.ts';
import * as repo from '../placement.repository.ts';
import type {
  AcceptBody,
  BatchList,
  BatchParamsStored,
  BatchView,
  GenerateBody,
  RecommendationView,
  RejectBody,
} from '../placement.schemas.ts';
import { type Person, type PlacementOptions, proposePlacements, spareOf, type TargetPosition } from '../placement.ts';

export type PlacementDeps = { db: Db; clock: Clock };

/** A province-wide tool: another province's batch or run answers 404 (audited as a refusal). */
function assertProvince(
  actor: Actor,
  provinceCode: string,
  code: 'STAFFING_RUN_NOT_FOUND' | 'PLACEMENT_BATCH_NOT_FOUND' | 'PLACEMENT_RECOMMENDATION_NOT_FOUND',
) {
  if (provinceCode !== actor.provinceCode) throw AppError.denied(code);
}

function dayBefore(date: string): string {
  return addDays(date, -1);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function positionName(actor: Actor, r: repo.RecommendationRow): string {
  return actor.locale === 'en' ? r.toPositionNameEn : r.toPositionNameVi;
}

function toView(actor: Actor, r: repo.RecommendationRow): RecommendationView {
  const { toPositionNameVi: _vi, toPositionNameEn: _en, provinceCode: _p, fromStaffPositionId: _s, ...rest } = r;
  return { ...rest, toPositionName: positionName(actor, r), explanation: r.explanation as RecommendationView['explanation'] };
}

/** The options of one solve: the rule's defaults, the share checked against the rule's bounds. */
function optionsOf(body: GenerateBody, rule: Awaited<ReturnType<typeof getRuleInForce<'staffing.placement'>>>['value']): PlacementOptions {
  const share = body.maxShareMovedPerUnit ?? rule.maxShareMovedPerUnit;
  const { min, max } = rule.maxShareMovedPerUnitBounds;
  if (share < min || share > max) {
    throw new AppError('PLACEMENT_OPTION_OUT_OF_BOUNDS', { min: Math.round(min * 100), max: Math.round(max * 100) });
  }
  return {
    includeLeadership: body.includeLeadership ?? rule.includeLeadershipDefault,
    forbidOutsideDistrict: body.forbidOutsideDistrict ?? rule.forbidOutsideDistrictDefault,
    maxShareMovedPerUnit: share,
  };
}

/** For each shortage line: the field's PROFESSIONAL position with a free post at the unit, else the field's first. */
async function targetsFor(db: Db, provinceCode: string, today: string, shortage: { unitId: number; field: string }[]) {
  const versionId = await repo.frameworkInForce(db, provinceCode, today);
  if (versionId === null || shortage.length === 0) return { versionId, targets: [] as TargetPosition[] };
  const positions = await repo.professionalPositions(
    db,
    versionId,
    shortage.map((l) => l.field),
  );
  const free = await repo.freePosts(
    db,
    provinceCode,
    today,
    shortage.map((l) => l.unitId),
  );
  const targets: TargetPosition[] = [];
  for (const l of shortage) {
    const ofField = positions.filter((p) => p.field === l.field);
    const withFree = ofField.find((p) => (free.get(`${l.unitId}:${p.code}`) ?? 0) > 0);
    const chosen = withFree ?? ofField[0];
    if (!chosen) continue;
    targets.push({
      unitId: l.unitId,
      field: l.field,
      positionId: chosen.id,
      positionCode: chosen.code,
      positionName: chosen.nameVi,
      requiredRank: chosen.requiredRank,
      educationLevel: chosen.educationLevel,
      qualificationFields: chosen.qualificationFields,
      requirements: chosen.requirements,
      freePost: withFree !== undefined,
    });
  }
  return { versionId, targets };
}

/**
 * Solves the assignment for a stored run and stores the batch with its recommendations
 * (PROPOSED), in one audited transaction. The people, ratings and positions are read as of
 * today in Vietnam; the run gives the lines.
 */
export async function generateBatch(
  deps: PlacementDeps,
  actor: Actor,
  runId: number,
  body: GenerateBody,
  meta: AuditMeta,
): Promise<BatchView> {
  const { db } = deps;
  const run = await repo.findRun(db, runId);
  if (!run) throw new AppError('STAFFING_RUN_NOT_FOUND');
  assertProvince(actor, run.provinceCode, 'STAFFING_RUN_NOT_FOUND');
  const today = domainToday(deps.clock.now());
  const rule = await getRuleInForce(db, 'staffing.placement', actor.provinceCode, today);
  const config = rule.value;
  const options = optionsOf(body, config);

  const lines = await repo.listRunLines(db, runId);
  const spareKeys = new Set(lines.filter((l) => spareOf(l) > 0).map((l) => `${l.unitId}:${l.field}`));
  const shortage = lines.filter((l) => l.status === 'SHORTAGE' && l.difference !== null && l.difference < 0);
  // Someone whose next appointment is already decided (it starts after today) is not moved twice.
  const [everyone, scheduled] = await Promise.all([
    repo.listPeopleInPost(db, actor.provinceCode, today),
    repo.staffWithScheduledMoves(db, actor.provinceCode, today),
  ]);
  const inPost = everyone.filter((p) => spareKeys.has(`${p.unitId}:${p.field}`) && !scheduled.has(p.staffId));
  const ids = inPost.map((p) => p.staffId);
  const fromYear = Number(today.slice(0, 4)) - config.ratingYears + 1;
  const [ratings, { levels, tests, trainings }, { versionId, targets }, activeStaff, districts] = await Promise.all([
    repo.ratingsOf(db, actor.provinceCode, ids, fromYear),
    fitEvidenceByPerson(db, actor.provinceCode, ids),
    targetsFor(db, actor.provinceCode, today, shortage),
    repo.activeStaffByUnit(db, actor.provinceCode),
    repo.districtsByUnit(db, actor.provinceCode),
  ]);
  const people: Person[] = inPost.map((p) => ({
    staffId: p.staffId,
    fullName: p.fullName,
    unitId: p.unitId,
    field: p.field,
    staffPositionId: p.staffPositionId,
    positionId: p.positionId,
    positionGroup: p.positionGroup,
    facts: { rank: p.rank, education: p.education, qualification: p.qualification, qualificationField: p.qualificationField },
    ratings: ratings.get(p.staffId) ?? [],
    disciplinePendingUntil: p.disciplinePendingUntil,
    campaignLevels: levels.get(p.staffId) ?? [],
    tests: tests.get(p.staffId) ?? [],
    trainings: trainings.get(p.staffId) ?? [],
  }));
  const result = proposePlacements(
    { today, config, options, lines, targets, people, activeStaffByUnit: activeStaff, districtsByUnit: districts },
    solveLinearAssignment,
  );
  const params: BatchParamsStored = {
    today,
    options,
    rule: {
      version: config.version,
      effectiveFrom: rule.effectiveFrom ?? config.effectiveFrom,
      origin: rule.origin,
      sourceNote: rule.sourceNote,
    },
    frameworkVersionId: versionId,
    summary: result.summary,
    excluded: result.excluded,
  };
  const batch = await audited(db, meta, 'placement.batch.create', 'placement_batch', async (trx) => {
    const b = await repo.insertBatch(
      trx,
      { provinceCode: actor.provinceCode, runId, params, objective: result.objective, createdAt: meta.at, createdBy: actor.userId || null },
      result.recommendations.map(({ fullName: _n, ...r }) => r),
    );
    return {
      result: b,
      entityId: b.id,
      after: { runId, options, ruleVersion: config.version, objective: result.objective, summary: result.summary },
    };
  });
  return getBatch(deps, actor, batch.id);
}

export async function getBatch(deps: PlacementDeps, actor: Actor, batchId: number): Promise<BatchView> {
  const batch = await repo.findBatch(deps.db, batchId);
  if (!batch) throw new AppError('PLACEMENT_BATCH_NOT_FOUND');
  assertProvince(actor, batch.provinceCode, 'PLACEMENT_BATCH_NOT_FOUND');
  const [recs, latest] = await Promise.all([repo.listRecommendations(deps.db, batchId), repo.latestRunId(deps.db, batch.provinceCode)]);
  return {
    id: batch.id,
    runId: batch.runId,
    createdAt: batch.createdAt,
    createdBy: batch.createdBy,
    status: batch.status,
    objective: batch.objective,
    recommended: recs.length,
    isLatestRun: latest === batch.runId,
    params: batch.params as BatchParamsStored,
    recommendations: recs.map((r) => toView(actor, r)),
  };
}

export async function listBatches(deps: PlacementDeps, actor: Actor, runId: number): Promise<BatchList> {
  const run = await repo.findRun(deps.db, runId);
  if (!run) throw new AppError('STAFFING_RUN_NOT_FOUND');
  assertProvince(actor, run.provinceCode, 'STAFFING_RUN_NOT_FOUND');
  const [batches, latest] = await Promise.all([
    repo.listBatches(deps.db, actor.provinceCode, runId),
    repo.latestRunId(deps.db, actor.provinceCode),
  ]);
  return {
    runId,
    isLatestRun: latest === runId,
    items: batches.map((b) => ({
      id: b.id,
      runId: b.runId,
      createdAt: b.createdAt,
      createdBy: b.createdBy,
      status: b.status,
      objective: b.objective,
      recommended: (b.params as BatchParamsStored).summary.recommended,
    })),
  };
}

async function loadForDecision(db: Db, actor: Actor, id: number, version: number) {
  const rec = await repo.findRecommendation(db, id);
  if (!rec) throw new AppError('PLACEMENT_RECOMMENDATION_NOT_FOUND');
  assertProvince(actor, rec.provinceCode, 'PLACEMENT_RECOMMENDATION_NOT_FOUND');
  if (rec.status !== 'PROPOSED') throw new AppError('PLACEMENT_ALREADY_DECIDED');
  if (rec.version !== version) throw new AppError('VERSION_CONFLICT');
  return rec;
}

/** The batch a recommendation belongs to (the page a refused decision is shown on). */
export async function findRecommendationBatch(deps: PlacementDeps, actor: Actor, id: number): Promise<number> {
  const rec = await repo.findRecommendation(deps.db, id);
  if (!rec) throw new AppError('PLACEMENT_RECOMMENDATION_NOT_FOUND');
  assertProvince(actor, rec.provinceCode, 'PLACEMENT_RECOMMENDATION_NOT_FOUND');
  return rec.batchId;
}

/** The conditional update lost: tell a decision already taken from a stale version. */
async function refusalAfterRace(db: Db, id: number): Promise<AppError> {
  const now = await repo.findRecommendation(db, id);
  return new AppError(now && now.status !== 'PROPOSED' ? 'PLACEMENT_ALREADY_DECIDED' : 'VERSION_CONFLICT');
}

/**
 * Accepts a recommendation in one audited transaction: the person's current appointment ends
 * the day before the start date, a new one starts at the target unit and position (a
 * TRANSFER also moves the home unit, staff.unit_id; a SECONDMENT keeps it and records the
 * origin unit and end date), and the recommendation becomes ACCEPTED. Refused when the run is
 * no longer the latest, or the person's appointment is no longer the one the batch saw.
 */
export async function acceptRecommendation(
  deps: PlacementDeps,
  actor: Actor,
  id: number,
  body: AcceptBody,
  meta: AuditMeta,
): Promise<RecommendationView> {
  const { db } = deps;
  const rec = await loadForDecision(db, actor, id, body.version);
  const batch = await repo.findBatch(db, rec.batchId);
  if (!batch) throw new AppError('PLACEMENT_BATCH_NOT_FOUND');
  if ((await repo.latestRunId(db, actor.provinceCode)) !== batch.runId) throw new AppError('PLACEMENT_RUN_NOT_LATEST');
  const today = domainToday(deps.clock.now());
  const startDate = body.startDate ?? today;
  const kind = body.kind ?? rec.kind;
  if (kind === 'TRANSFER' && body.endDate !== undefined) throw new AppError('PLACEMENT_DATES_INVALID');
  let endDate: string | null = null;
  if (kind === 'SECONDMENT') {
    const months = (await getRuleInForce(db, 'staffing.placement', actor.provinceCode, startDate)).value.secondmentMonths;
    endDate = body.endDate ?? addMonths(startDate, months);
    if (endDate < startDate) throw new AppError('PLACEMENT_DATES_INVALID');
  }
  const updated = await audited(db, meta, 'placement.recommendation.accept', 'placement_recommendation', async (trx) => {
    if (
      !(await repo.decide(trx, id, body.version, {
        status: 'ACCEPTED',
        at: meta.at,
        by: actor.userId || null,
        reason: null,
        kind,
        endDate,
      }))
    )
      throw await refusalAfterRace(trx, id);
    const current = await repo.currentAppointment(trx, rec.staffId, today);
    if (!current || current.id !== rec.fromStaffPositionId) throw new AppError('PLACEMENT_STALE');
    if ((await repo.staffWithScheduledMoves(trx, actor.provinceCode, today, rec.staffId)).size > 0) throw new AppError('PLACEMENT_STALE');
    // The current post ends the day before the new one starts: it must have started by then.
    if (current.startDate >= startDate) throw new AppError('PLACEMENT_DATES_INVALID');
    const ended = dayBefore(startDate);
    if (!(await repo.endAppointment(trx, current.id, ended))) throw new AppError('PLACEMENT_STALE');
    const appointmentId = await repo.insertAppointment(trx, {
      provinceCode: actor.provinceCode,
      staffId: rec.staffId,
      positionId: rec.toPositionId,
      unitId: rec.toUnitId,
      startDate,
      endDate,
      assignmentKind: kind === 'SECONDMENT' ? 'SECONDMENT' : null,
      originUnitId: kind === 'SECONDMENT' ? rec.fromUnitId : null,
    });
    // A secondment is lent, not moved: the person's own post at the origin resumes the day after
    // it ends, written now so nobody has to remember to bring them back (domain.md §3.3).
    const returnAppointmentId =
      kind === 'SECONDMENT' && endDate !== null
        ? await repo.insertAppointment(trx, {
            provinceCode: actor.provinceCode,
            staffId: rec.staffId,
            positionId: current.positionId,
            unitId: current.unitId,
            startDate: addDays(endDate, 1),
            endDate: current.endDate !== null && current.endDate > endDate ? current.endDate : null,
            assignmentKind: null,
            originUnitId: null,
          })
        : null;
    const home = await repo.staffHome(trx, rec.staffId);
    if (kind === 'TRANSFER') await repo.moveHomeUnit(trx, rec.staffId, rec.toUnitId, meta.at);
    await repo.closeBatchIfDecided(trx, rec.batchId);
    const after = await repo.findRecommendation(trx, id);
    if (!after) throw new AppError('PLACEMENT_RECOMMENDATION_NOT_FOUND');
    return {
      result: after,
      entityId: id,
      before: {
        status: 'PROPOSED',
        version: body.version,
        appointmentId: current.id,
        appointmentEnd: current.endDate,
        homeUnitId: home?.unitId ?? null,
      },
      after: {
        status: 'ACCEPTED',
        version: after.version,
        staffId: rec.staffId,
        kind,
        startDate,
        endDate,
        endedAppointmentId: current.id,
        endedOn: ended,
        newAppointmentId: appointmentId,
        returnAppointmentId,
        homeUnitId: kind === 'TRANSFER' ? rec.toUnitId : (home?.unitId ?? null),
      },
    };
  });
  return toView(actor, updated);
}

/** Rejects a recommendation with a reason (audited); nothing else changes. */
export async function rejectRecommendation(
  deps: PlacementDeps,
  actor: Actor,
  id: number,
  body: RejectBody,
  meta: AuditMeta,
): Promise<RecommendationView> {
  const { db } = deps;
  await loadForDecision(db, actor, id, body.version);
  const updated = await audited(db, meta, 'placement.recommendation.reject', 'placement_recommendation', async (trx) => {
    if (!(await repo.decide(trx, id, body.version, { status: 'REJECTED', at: meta.at, by: actor.userId || null, reason: body.reason })))
      throw await refusalAfterRace(trx, id);
    const rec = await repo.findRecommendation(trx, id);
    if (!rec) throw new AppError('PLACEMENT_RECOMMENDATION_NOT_FOUND');
    await repo.closeBatchIfDecided(trx, rec.batchId);
    return {
      result: rec,
      entityId: id,
      before: { status: 'PROPOSED', version: body.version },
      after: { status: 'REJECTED', version: rec.version, reason: body.reason },
    };
  });
  return toView(actor, updated);
}

/** The latest batch of a run, or null (for the run's placement page). */
export async function latestBatchOf(
  deps: PlacementDeps,
  actor: Actor,
  runId: number,
): Promise<{ list: BatchList; latest: BatchView | null }> {
  const list = await listBatches(deps, actor, runId);
  const first = list.items[0];
  return { list, latest: first ? await getBatch(deps, actor, first.id) : null };
}
