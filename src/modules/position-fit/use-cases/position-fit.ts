import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import { type Actor, canAccessUnit } from '../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../platform/auth/roles.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { listCandidateRuleValues } from '../../../platform/rules/rules.repository.ts';
import { getRuleInForce, getRules, pickInForce } from '../../../platform/rules/rules.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import { DOMAIN_TIME_ZONE, domainToday } from '../../../platform/time/format.ts';
import { loadWorkingCalendar } from '../../calendar/use-cases/load-calendar.ts';
import { addDays, zonedInstant } from '../../calendar/zoned-time.ts';
import { listCompetencies } from '../../competencies/use-cases/library.ts';
import { extendByWorkingMs } from '../../dossiers/lifecycle/due-state.ts';
import { type Assessed, type CampaignLevel, evaluateFit, type FitResult, type TestLevel, type TrainingLevel } from '../fit.ts';
import * as repo from '../position-fit.repository.ts';
import type { EvidenceQuery, GapList, GapQuery, GapRow, PositionFitView, ServiceEvidenceView, TestBody } from '../position-fit.schemas.ts';
import { addContributions, pausedContribution, serviceEvidence } from '../service-evidence.ts';

export type FitDeps = { db: Db; clock: Clock };

/** The criterion whose answer is the citizen's overall rating (as the scorecard reads it). */
const OVERALL_CRITERION = 'OVERALL';
export const ON_TIME_DEFINITION =
  'Decision 766 (domain.md §6.6), as the scorecard: finished (DONE > RETURNED > STOPPED) no later than the due date pushed back by paused working time, and sent back for supplements fewer times than scorecard766.config overdueFromSupplementRequests.';

/** A staff record the actor may reach: its province, and for unit roles its unit (else 404, audited). */
async function reachableStaff(deps: FitDeps, actor: Actor, staffId: number): Promise<repo.StaffFacts> {
  const staff = await repo.findStaffFacts(deps.db, staffId);
  if (!staff) throw new AppError('STAFF_NOT_FOUND');
  if (!canAccessUnit(actor, { provinceCode: staff.provinceCode, unitId: staff.unitId })) throw AppError.denied('STAFF_NOT_FOUND');
  return staff;
}

const toCampaignLevel = (r: repo.LockedLevelRow): CampaignLevel => ({
  competencyCode: r.competencyCode,
  campaignId: r.campaignId,
  campaignName: r.campaignName,
  lockedOn: domainToday(new Date(r.lockedAt)),
  selfLevel: r.selfLevel,
  supervisorLevel: r.supervisorLevel,
  councilLevel: r.councilLevel,
});

const toTestLevel = (t: repo.TestRow): TestLevel => ({
  id: t.id,
  competencyCode: t.competencyCode,
  testName: t.testName,
  takenOn: t.takenOn,
  levelAchieved: t.levelAchieved,
  passed: t.passed,
});

export const toTrainingLevel = (e: repo.TrainingEvidenceRow): TrainingLevel => ({
  enrolmentId: e.enrolmentId,
  competencyCode: e.competencyCode,
  level: e.level,
  achievedOn: e.achievedOn,
  classId: e.classId,
  classCode: e.classCode,
  courseCode: e.courseCode,
  courseName: e.courseName,
});

function assessedView(a: Assessed | null) {
  if (!a) return null;
  const o = a.origin;
  return {
    level: a.level,
    source: o.kind,
    on: o.on,
    campaignId: o.kind === 'CAMPAIGN' ? o.campaignId : null,
    campaignName: o.kind === 'CAMPAIGN' ? o.campaignName : null,
    stage: o.kind === 'CAMPAIGN' ? o.stage : null,
    testId: o.kind === 'TEST' ? o.testId : null,
    testName: o.kind === 'TEST' ? o.testName : null,
    passed: o.kind === 'TEST' ? o.passed : null,
    enrolmentId: o.kind === 'TRAINING' ? o.enrolmentId : null,
    classId: o.kind === 'TRAINING' ? o.classId : null,
    classCode: o.kind === 'TRAINING' ? o.classCode : null,
    courseCode: o.kind === 'TRAINING' ? o.courseCode : null,
    courseName: o.kind === 'TRAINING' ? o.courseName : null,
  };
}

/** Competency names of the framework versions the positions belong to (missing versions give no names). */
async function competencyNames(deps: FitDeps, actor: Actor, versionIds: readonly number[]) {
  const names = new Map<string, { nameVi: string; nameEn: string }>();
  for (const versionId of new Set(versionIds)) {
    const lib = await listCompetencies(deps, actor, { versionId });
    for (const c of lib.items) if (!names.has(c.code)) names.set(c.code, { nameVi: c.nameVi, nameEn: c.nameEn });
  }
  return names;
}

export type Evaluated = { placement: repo.Placement; fit: FitResult };

/** Fit of several placements at once: one query each for requirements, campaign levels and tests. */
/**
 * What a fit evaluation reads, in bulk, for other modules (training needs): the requirements of
 * the positions, the levels of locked campaigns and the competency tests of the people.
 */
export async function fitEvidence(db: Db, provinceCode: string, positionIds: readonly number[], staffIds: readonly number[]) {
  const [requirements, levels, tests, trainings] = await Promise.all([
    repo.requirementsOf(db, positionIds),
    repo.lockedCampaignLevels(db, provinceCode, staffIds),
    repo.listTests(db, provinceCode, staffIds),
    repo.listTrainingEvidence(db, provinceCode, staffIds),
  ]);
  return { requirements, levels, tests, trainings };
}

/** The same evidence per person, as the pure fit evaluation takes it (placement checks fit to a target post with it). */
export async function fitEvidenceByPerson(
  db: Db,
  provinceCode: string,
  staffIds: readonly number[],
): Promise<{ levels: Map<number, CampaignLevel[]>; tests: Map<number, TestLevel[]>; trainings: Map<number, TrainingLevel[]> }> {
  const [levelRows, testRows, trainingRows] = await Promise.all([
    repo.lockedCampaignLevels(db, provinceCode, staffIds),
    repo.listTests(db, provinceCode, staffIds),
    repo.listTrainingEvidence(db, provinceCode, staffIds),
  ]);
  const trainings = new Map<number, TrainingLevel[]>();
  for (const e of trainingRows) {
    const list = trainings.get(e.staffId) ?? [];
    list.push(toTrainingLevel(e));
    trainings.set(e.staffId, list);
  }
  const levels = new Map<number, CampaignLevel[]>();
  for (const r of levelRows) {
    const list = levels.get(r.staffId) ?? [];
    list.push(toCampaignLevel(r));
    levels.set(r.staffId, list);
  }
  const tests = new Map<number, TestLevel[]>();
  for (const t of testRows) {
    const list = tests.get(t.staffId) ?? [];
    list.push(toTestLevel(t));
    tests.set(t.staffId, list);
  }
  return { levels, tests, trainings };
}

/**
 * The grace rule in force on each placement start date (a placement keeps the grace it started
 * with): the candidate versions are read once and each date matched to its version, then one
 * read per distinct version, not per date — a province's placements start on hundreds of dates.
 */
export async function graceMonthsByStartDate(db: Db, provinceCode: string, dates: readonly string[]): Promise<Map<string, number>> {
  const distinct = [...new Set(dates)].sort();
  const last = distinct.at(-1);
  if (last === undefined) return new Map();
  const candidates = await listCandidateRuleValues(db, ['review.positionGrace'], provinceCode, last);
  const byVersion = new Map<number | null, string[]>();
  for (const d of distinct) {
    const id = pickInForce(candidates, 'review.positionGrace', provinceCode, d)?.id ?? null;
    byVersion.set(id, [...(byVersion.get(id) ?? []), d]);
  }
  const grace = new Map<string, number>();
  for (const group of byVersion.values()) {
    const months = (await getRuleInForce(db, 'review.positionGrace', provinceCode, group[0] as string)).value.graceMonths;
    for (const d of group) grace.set(d, months);
  }
  return grace;
}

/** Fit of each placement to its position, from the bulk evidence of everyone placed (a few queries in all). */
export async function evaluatePlacements(
  db: Db,
  provinceCode: string,
  placements: readonly repo.Placement[],
  today: string,
): Promise<{ evaluated: Evaluated[]; graceMonthsOf: (startDate: string) => number }> {
  const [requirements, evidence, grace] = await Promise.all([
    repo.requirementsOf(
      db,
      placements.map((p) => p.positionId),
    ),
    fitEvidenceByPerson(
      db,
      provinceCode,
      placements.map((p) => p.staffId),
    ),
    graceMonthsByStartDate(
      db,
      provinceCode,
      placements.map((p) => p.startDate),
    ),
  ]);
  const graceMonthsOf = (d: string) => grace.get(d) ?? 12;
  const evaluated = placements.map((placement) => ({
    placement,
    fit: evaluateFit({
      person: placement,
      position: { ...placement, requirements: requirements.get(placement.positionId) ?? [] },
      campaignLevels: evidence.levels.get(placement.staffId) ?? [],
      tests: evidence.tests.get(placement.staffId) ?? [],
      trainings: evidence.trainings.get(placement.staffId) ?? [],
      graceMonths: graceMonthsOf(placement.startDate),
      today,
    }),
  }));
  return { evaluated, graceMonthsOf };
}

/** A person's fit to the position they hold today. */
export async function personFit(deps: FitDeps, actor: Actor, staffId: number): Promise<PositionFitView> {
  const staff = await reachableStaff(deps, actor, staffId);
  const today = domainToday(deps.clock.now());
  const placement = await repo.currentPlacement(deps.db, actor.provinceCode, staffId, today);
  const ruleDate = placement?.startDate ?? today;
  const graceRule = await getRuleInForce(deps.db, 'review.positionGrace', actor.provinceCode, ruleDate);
  const base = { staff: { id: staff.id, fullName: staff.fullName, unitId: staff.unitId, unitName: staff.unitName }, asOf: today };
  const ruleView = {
    graceMonths: graceRule.value.graceMonths,
    effectiveFrom: graceRule.effectiveFrom,
    origin: graceRule.origin,
    sourceNote: graceRule.sourceNote,
  };
  if (!placement) {
    const fit = evaluateFit({ person: staff, position: null, campaignLevels: [], tests: [], graceMonths: 0, today });
    return { ...base, position: null, ...fit, competencies: [], graceRule: ruleView };
  }
  const { evaluated } = await evaluatePlacements(deps.db, actor.provinceCode, [placement], today);
  const fit = (evaluated[0] as Evaluated).fit;
  const names = await competencyNames(deps, actor, [placement.versionId]);
  return {
    ...base,
    position: {
      id: placement.positionId,
      code: placement.positionCode,
      nameVi: placement.positionNameVi,
      nameEn: placement.positionNameEn,
      field: placement.field,
      requiredRank: placement.requiredRank,
      educationLevel: placement.educationLevel,
      qualificationFields: placement.qualificationFields,
      startDate: placement.startDate,
    },
    ...fit,
    competencies: fit.competencies.map((c) => ({
      competencyCode: c.competencyCode,
      nameVi: names.get(c.competencyCode)?.nameVi ?? null,
      nameEn: names.get(c.competencyCode)?.nameEn ?? null,
      required: c.required,
      assessed: assessedView(c.assessed),
      gap: c.gap,
    })),
    graceRule: ruleView,
  };
}

/** The evidence period: inclusive local dates, the current year by default. */
export function evidenceRange(q: EvidenceQuery, today: string): { from: string; to: string } {
  if (q.from && q.to) return { from: q.from, to: q.to };
  const year = today.slice(0, 4);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** Service evidence of a person for a period, from the dossiers their linked accounts received and handled. */
export async function personServiceEvidence(deps: FitDeps, actor: Actor, staffId: number, q: EvidenceQuery): Promise<ServiceEvidenceView> {
  await reachableStaff(deps, actor, staffId);
  const now = deps.clock.now();
  const range = evidenceRange(q, domainToday(now));
  const start = zonedInstant(range.from, 0, DOMAIN_TIME_ZONE);
  const end = zonedInstant(addDays(range.to, 1), 0, DOMAIN_TIME_ZONE);
  const measured = now.getTime() < end.getTime() ? (now.getTime() < start.getTime() ? start : now) : end;
  const p: repo.EvidencePeriod = { from: start.toISOString(), to: end.toISOString(), measuredAt: measured.toISOString() };
  const rules = await getRules(deps.db, ['scorecard766.config', 'satisfaction.criteria'], actor.provinceCode, range.from);
  const overdueFrom = rules['scorecard766.config'].value.overdueFromSupplementRequests;
  const levels = rules['satisfaction.criteria'].value.levels;
  const linkedAccounts = await repo.countLinkedAccounts(deps.db, actor.provinceCode, staffId);
  const outOf = { staffId, from: range.from, to: range.to, onTimeDefinition: ON_TIME_DEFINITION };
  if (linkedAccounts === 0) return { ...outOf, status: 'NO_DATA', reason: 'NO_LINKED_ACCOUNT', figures: null };
  const [received, grouped, paused, ratingsByLevel] = await Promise.all([
    repo.countReceived(deps.db, actor.provinceCode, staffId, p),
    repo.handledCounts(deps.db, actor.provinceCode, staffId, p, overdueFrom),
    repo.pausedHandled(deps.db, actor.provinceCode, staffId, p),
    repo.ratingCounts(
      deps.db,
      actor.provinceCode,
      staffId,
      p,
      OVERALL_CRITERION,
      levels.map((l) => l.code),
    ),
  ]);
  let handled = grouped;
  if (paused.length > 0) {
    const cal = await loadWorkingCalendar(deps, actor.provinceCode, start);
    const extend = (due: Date, ms: number) => extendByWorkingMs(due, ms, cal);
    handled = addContributions(
      grouped,
      paused.map((d) => pausedContribution(d, end, measured, overdueFrom, extend)),
    );
  }
  const evidence = serviceEvidence({ linkedAccounts, received, ...handled, ratingsByLevel }, levels);
  return { ...outOf, ...evidence };
}

export async function listPersonTests(deps: FitDeps, actor: Actor, staffId: number): Promise<repo.TestRow[]> {
  await reachableStaff(deps, actor, staffId);
  return repo.listTests(deps.db, actor.provinceCode, [staffId]);
}

/**
 * Records one competency-test sitting, audited. The competency must be in the published
 * framework in force today; a test dated in the future is refused.
 */
export async function recordTest(deps: FitDeps, actor: Actor, staffId: number, body: TestBody, meta: AuditMeta): Promise<repo.TestRow> {
  await reachableStaff(deps, actor, staffId);
  const today = domainToday(deps.clock.now());
  const problems: { path: string; message: string }[] = [];
  if (body.takenOn > today) problems.push({ path: 'takenOn', message: 'DATE_IN_FUTURE' });
  let known = new Set<string>();
  try {
    const lib = await listCompetencies(deps, actor, { asOf: today });
    known = new Set(lib.items.map((c) => c.code));
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'FRAMEWORK_VERSION_NOT_FOUND')) throw e;
  }
  if (!known.has(body.competencyCode)) problems.push({ path: 'competencyCode', message: 'UNKNOWN_COMPETENCY' });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', {}, problems);
  return audited(deps.db, meta, 'competency_test.record', 'competency_test_result', async (trx) => {
    const row = await repo.insertTest(trx, actor.provinceCode, { staffId, ...body }, meta.at, actor.via === 'system' ? null : actor.userId);
    return { result: row, entityId: row.id, before: null, after: { staffId, ...body } };
  });
}

/** The unit asked for (or the actor's own for unit roles; null = the province for province roles). */
export async function resolveUnit(deps: FitDeps, actor: Actor, unitId: number | undefined): Promise<repo.UnitRef | null> {
  const id = unitId ?? (isUnitRole(actor.role) ? (actor.unitId ?? undefined) : undefined);
  if (id === undefined) return null;
  const unit = await repo.findUnit(deps.db, id);
  if (!unit) throw new AppError('UNIT_NOT_FOUND');
  if (!canAccessUnit(actor, { provinceCode: unit.provinceCode, unitId: unit.id })) throw AppError.denied('UNIT_NOT_FOUND');
  return unit;
}

function gapRows(e: Evaluated, names: Map<string, { nameVi: string; nameEn: string }>, include: 'gaps' | 'all'): GapRow[] {
  const { placement: p, fit } = e;
  return fit.competencies
    .filter((c) => include === 'all' || c.gap === null || c.gap > 0)
    .map((c) => ({
      staffId: p.staffId,
      fullName: p.fullName,
      unitId: p.unitId,
      unitName: p.unitName,
      positionId: p.positionId,
      positionCode: p.positionCode,
      positionName: p.positionNameVi,
      field: p.field,
      competencyCode: c.competencyCode,
      competencyName: names.get(c.competencyCode)?.nameVi ?? null,
      required: c.required,
      assessed: c.assessed?.level ?? null,
      source: c.assessed?.origin.kind ?? null,
      gap: c.gap,
      meetsPosition: fit.meetsPosition,
      status: fit.status,
      graceDeadline: fit.graceDeadline,
    }));
}

/**
 * The competency gaps of every person placed in a unit (or, for province roles without a
 * unit, the province), a page of people at a time: the input of the training plan.
 */
export async function listGaps(deps: FitDeps, actor: Actor, q: GapQuery): Promise<GapList> {
  const unit = await resolveUnit(deps, actor, q.unitId);
  const today = domainToday(deps.clock.now());
  const page = await repo.listPlacements(
    deps.db,
    actor.provinceCode,
    today,
    { unitId: unit?.id ?? null, field: q.field },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  const { evaluated } = await evaluatePlacements(deps.db, actor.provinceCode, page.items, today);
  const names = await competencyNames(
    deps,
    actor,
    page.items.map((p) => p.versionId),
  );
  return {
    unitId: unit?.id ?? null,
    asOf: today,
    page: q.page,
    pageSize: q.pageSize,
    totalPeople: page.total,
    rows: evaluated.flatMap((e) => gapRows(e, names, q.include)),
  };
}

/** At most this many placements are read for the unit page (a commune has a few dozen officials). */
export const UNIT_PAGE_LIMIT = 500;

export type NotMeetingPerson = { placement: repo.Placement; fit: FitResult; names: Map<string, { nameVi: string; nameEn: string }> };

/** People of one unit who do not meet (or are not shown to meet) their position, with their gaps. */
export async function unitNotMeeting(
  deps: FitDeps,
  actor: Actor,
  unitId: number | undefined,
  field: string | undefined,
): Promise<{ unit: repo.UnitRef | null; total: number; truncated: boolean; people: NotMeetingPerson[] }> {
  const unit = await resolveUnit(deps, actor, unitId);
  if (!unit) return { unit: null, total: 0, truncated: false, people: [] };
  const today = domainToday(deps.clock.now());
  const page = await repo.listPlacements(
    deps.db,
    actor.provinceCode,
    today,
    { unitId: unit.id, field },
    { limit: UNIT_PAGE_LIMIT, offset: 0 },
  );
  const { evaluated } = await evaluatePlacements(deps.db, actor.provinceCode, page.items, today);
  const names = await competencyNames(
    deps,
    actor,
    page.items.map((p) => p.versionId),
  );
  const people = evaluated.filter((e) => e.fit.status !== 'MEETS').map((e) => ({ ...e, names }));
  return { unit, total: page.total, truncated: page.total > page.items.length, people };
}

/** Units the actor may pick on the unit page: unit roles their own, province roles every current one. */
export async function unitChoices(deps: FitDeps, actor: Actor): Promise<{ id: number; name: string }[]> {
  const all = await repo.listCurrentUnits(deps.db, actor.provinceCode);
  return isUnitRole(actor.role) ? all.filter((u) => u.id === actor.unitId) : all;
}

/** What a completed class records for one competency of its course. */
export type TrainingEvidenceInput = repo.NewTrainingEvidence;

/**
 * Sets the competency evidence of one enrolment (issue 6 §5), inside the caller's audited
 * transaction: `items` replace what the enrolment recorded before; none removes it (a result
 * corrected to FAILED). Returns both images for the caller's audit entry.
 */
export async function setTrainingEvidence(
  trx: Db,
  provinceCode: string,
  enrolmentId: number,
  items: readonly TrainingEvidenceInput[],
  at: string,
  by: number | null,
): Promise<{ before: repo.TrainingEvidenceRow[]; after: readonly TrainingEvidenceInput[] }> {
  const before = await repo.replaceTrainingEvidence(trx, provinceCode, enrolmentId, items, at, by);
  return { before, after: items };
}

/** A person's training evidence, newest first (for the staff profile). */
export async function listPersonTrainingEvidence(deps: FitDeps, actor: Actor, staffId: number): Promise<repo.TrainingEvidenceRow[]> {
  await reachableStaff(deps, actor, staffId);
  return repo.listTrainingEvidence(deps.db, actor.provinceCode, [staffId]);
}
