import type { Actor } from '../../../../platform/auth/actor.ts';
import { groupBy } from '../../../../platform/collections/group-by.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import type { TrainingNeedWeightsConfig } from '../../../../platform/rules/defaults/training-needs.config.ts';
import { getRules, type RuleInForce, type RuleKey } from '../../../../platform/rules/rules.ts';
import type { Clock } from '../../../../platform/time/clock.ts';
import { domainToday } from '../../../../platform/time/format.ts';
import { listCompetencies } from '../../../competencies/use-cases/library.ts';
import { type CampaignLevel, competencyFits, type TestLevel } from '../../../position-fit/fit.ts';
import { fitEvidence, resolveUnit, toTrainingLevel } from '../../../position-fit/use-cases/position-fit.ts';
import { getRun, latestRunId } from '../../../staffing/runs/use-cases/runs.ts';
import { listCourses as listCourseRows } from '../../training.repository.ts';
import * as repo from '../needs.repository.ts';
import {
  type AggregateView,
  NEEDS_FORMULA,
  type NeedsBasis,
  type NeedsList,
  type NeedsQuery,
  type NeedsSummaryQuery,
  type NeedsSummaryView,
  type PersonNeedsView,
} from '../needs.schemas.ts';
import {
  type CompetencyInfo,
  type CourseOffer,
  computeNeeds,
  NO_FIELD_KEY,
  onlyCompetency,
  type PersonInput,
  type PersonNeeds,
  type PressureBasis,
  summarise,
} from '../needs.ts';

export type NeedsDeps = { db: Db; clock: Clock };

type Computed = {
  basis: NeedsBasis;
  people: PersonNeeds[];
  competencyNames: Map<string, { nameVi: string; nameEn: string }>;
  courseNames: Map<string, string>;
  weights: TrainingNeedWeightsConfig;
};

const NEEDS_RULES = ['training.needWeights', 'training.mandatoryCourses'] as const satisfies readonly RuleKey[];

const ruleBasis = (r: RuleInForce<(typeof NEEDS_RULES)[number]>) => ({
  key: r.key,
  version: r.value.version,
  effectiveFrom: r.effectiveFrom,
  origin: r.origin,
  sourceNote: r.sourceNote,
});

/** The competency library of each framework version the placements belong to: group and names. */
async function competencyInfo(deps: NeedsDeps, actor: Actor, versionIds: readonly number[]): Promise<Map<string, CompetencyInfo>> {
  const out = new Map<string, CompetencyInfo>();
  for (const versionId of new Set(versionIds)) {
    try {
      const lib = await listCompetencies(deps, actor, { versionId });
      for (const c of lib.items) if (!out.has(c.code)) out.set(c.code, { group: c.group, nameVi: c.nameVi, nameEn: c.nameEn });
    } catch (e) {
      // A version that is gone leaves its competencies without a group: the need says so (RULE_GROUP_UNKNOWN).
      if (!(e instanceof AppError && e.code === 'FRAMEWORK_VERSION_NOT_FOUND')) throw e;
    }
  }
  return out;
}

/**
 * Every need of the people in scope (the actor's province; a unit role's own unit; the unit
 * and field asked for), read in bulk: one query each for placements, requirements, campaign
 * levels, tests, courses and the run's lines, whatever the number of people.
 */
async function computeAll(deps: NeedsDeps, actor: Actor, q: NeedsSummaryQuery): Promise<Computed> {
  const unit = await resolveUnit(deps, actor, q.unitId);
  const today = domainToday(deps.clock.now());
  const placements = await repo.currentPlacements(deps.db, actor.provinceCode, today, { unitId: unit?.id ?? null, field: q.field });
  const staffIds = placements.map((p) => p.staffId);
  const [{ requirements, levels, tests, trainings }, competencies, rules, courseRows, runId, completed] = await Promise.all([
    fitEvidence(
      deps.db,
      actor.provinceCode,
      placements.map((p) => p.positionId),
      staffIds,
    ),
    competencyInfo(
      deps,
      actor,
      placements.map((p) => p.versionId),
    ),
    getRules(deps.db, NEEDS_RULES, actor.provinceCode, today),
    listCourseRows(deps.db, actor.provinceCode, { status: 'ACTIVE' }),
    latestRunId(deps, actor),
    repo.completedCoursesOf(deps.db, staffIds),
  ]);
  const run = runId === null ? null : await getRun(deps, actor, runId, { unitId: unit?.id, field: q.field });
  const pressure: PressureBasis = {
    runId: run?.id ?? null,
    lines: (run?.lines ?? []).map((l) => ({ unitId: l.unitId, field: l.field, status: l.status, ratio: l.result?.ratio?.value ?? null })),
  };
  const levelsBy = groupBy(levels, (r) => r.staffId);
  const testsBy = groupBy(tests, (r) => r.staffId);
  const trainingsBy = groupBy(trainings, (r) => r.staffId);
  const people: PersonInput[] = placements.map((p) => {
    const campaignLevels: CampaignLevel[] = (levelsBy.get(p.staffId) ?? []).map((l) => ({
      competencyCode: l.competencyCode,
      campaignId: l.campaignId,
      campaignName: l.campaignName,
      lockedOn: domainToday(new Date(l.lockedAt)),
      selfLevel: l.selfLevel,
      supervisorLevel: l.supervisorLevel,
      councilLevel: l.councilLevel,
    }));
    const testLevels: TestLevel[] = (testsBy.get(p.staffId) ?? []).map((t) => ({
      id: t.id,
      competencyCode: t.competencyCode,
      testName: t.testName,
      takenOn: t.takenOn,
      levelAchieved: t.levelAchieved,
      passed: t.passed,
    }));
    const { versionId: _v, startDate: _s, ...facts } = p;
    const trainingLevels = (trainingsBy.get(p.staffId) ?? []).map(toTrainingLevel);
    return {
      ...facts,
      competencies: competencyFits(requirements.get(p.positionId) ?? [], campaignLevels, testLevels, trainingLevels),
      completedCourses: completed.get(p.staffId) ?? [],
    };
  });
  // Courses in the catalogue and in effect today.
  const courses: CourseOffer[] = courseRows
    .filter((c) => c.effectiveFrom <= today && (c.effectiveTo === null || c.effectiveTo >= today))
    .map((c) => ({
      id: c.id,
      code: c.code,
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      competencies: c.competencies,
      eligibility: c.eligibility,
    }));
  const all = computeNeeds({
    people,
    competencies,
    pressure,
    courses,
    weights: rules['training.needWeights'].value,
    mandatory: rules['training.mandatoryCourses'].value,
    asOf: today,
  });
  return {
    basis: {
      asOf: today,
      unitId: unit?.id ?? null,
      formula: NEEDS_FORMULA,
      run: run ? { id: run.id, periodFrom: run.periodFrom, periodTo: run.periodTo, createdAt: run.createdAt } : null,
      rules: NEEDS_RULES.map((k) => ruleBasis(rules[k])),
    },
    people: all,
    competencyNames: new Map([...competencies].map(([code, c]) => [code, { nameVi: c.nameVi, nameEn: c.nameEn }])),
    courseNames: new Map(courseRows.map((c) => [c.code, c.nameVi])),
    weights: rules['training.needWeights'].value,
  };
}

function personView(p: PersonNeeds, names: Computed['competencyNames']): PersonNeedsView {
  return {
    ...p,
    needs: p.needs.map((n) => ({
      ...n,
      competencyNameVi: n.competencyCode === null ? null : (names.get(n.competencyCode)?.nameVi ?? null),
      competencyNameEn: n.competencyCode === null ? null : (names.get(n.competencyCode)?.nameEn ?? null),
    })),
  };
}

/** Keeps the people of one field (already done in SQL for the API) and the needs of one competency. */
function narrow(c: Computed, q: NeedsSummaryQuery): Computed {
  let people = c.people;
  if (q.staffId) people = people.filter((p) => p.staffId === q.staffId);
  if (q.field) people = people.filter((p) => p.field === q.field);
  if (q.competency) people = onlyCompetency(people, q.competency);
  return { ...c, people };
}

/** GET /api/v1/training/needs: the needs of each official in scope, most in need first, a page at a time. */
export async function listNeeds(deps: NeedsDeps, actor: Actor, q: NeedsQuery): Promise<NeedsList> {
  return listView(narrow(await computeAll(deps, actor, q), q), q);
}

function summaryView(c: Computed): NeedsSummaryView {
  const s = summarise(c.people);
  const unitNames = new Map(c.people.map((p) => [String(p.unitId), p.unitName]));
  const label = (rows: typeof s.byUnit, name: (key: string) => string | undefined): AggregateView[] =>
    rows.map((r) => ({ ...r, label: name(r.key) ?? r.key }));
  return {
    ...c.basis,
    people: s.people,
    peopleWithNeeds: s.peopleWithNeeds,
    needs: s.needs,
    totalWeight: s.totalWeight,
    byUnit: label(s.byUnit, (k) => unitNames.get(k)),
    byField: label(s.byField, (k) => (k === NO_FIELD_KEY ? '' : k)),
    byCompetency: label(s.byCompetency, (k) => c.competencyNames.get(k)?.nameVi),
    byMandatoryCourse: label(s.byMandatoryCourse, (k) => c.courseNames.get(k)),
  };
}

function listView(c: Computed, q: NeedsQuery): NeedsList {
  const start = (q.page - 1) * q.pageSize;
  return {
    ...c.basis,
    page: q.page,
    pageSize: q.pageSize,
    total: c.people.length,
    items: c.people.slice(start, start + q.pageSize).map((p) => personView(p, c.competencyNames)),
  };
}

/** GET /api/v1/training/needs/summary: totals by unit, field, competency and mandatory programme. */
export async function summariseNeeds(deps: NeedsDeps, actor: Actor, q: NeedsSummaryQuery): Promise<NeedsSummaryView> {
  return summaryView(narrow(await computeAll(deps, actor, q), q));
}

/**
 * The page's data from one computation over the unit in scope: the summary and a page of
 * people for the filters, and the fields and competencies that have needs there (the filter choices).
 */
export async function needsPage(
  deps: NeedsDeps,
  actor: Actor,
  q: NeedsQuery,
): Promise<{
  summary: NeedsSummaryView;
  list: NeedsList;
  fields: string[];
  competencies: { code: string; nameVi: string; nameEn: string }[];
  weights: TrainingNeedWeightsConfig;
}> {
  const all = await computeAll(deps, actor, { unitId: q.unitId });
  const fields = new Set<string>();
  const codes = new Set<string>();
  for (const p of all.people) {
    if (p.field !== null) fields.add(p.field);
    for (const n of p.needs) if (n.competencyCode !== null) codes.add(n.competencyCode);
  }
  const c = narrow(all, q);
  return {
    summary: summaryView(c),
    list: listView(c, q),
    weights: all.weights,
    fields: [...fields].sort(),
    competencies: [...codes].sort().map((code) => ({
      code,
      nameVi: all.competencyNames.get(code)?.nameVi ?? code,
      nameEn: all.competencyNames.get(code)?.nameEn ?? code,
    })),
  };
}
