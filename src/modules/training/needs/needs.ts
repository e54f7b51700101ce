import type { TrainingMandatoryCoursesConfig } from '../../../platform/rules/defaults/training.config.ts';
import type { TrainingNeedWeightsConfig } from '../../../platform/rules/defaults/training-needs.config.ts';
import type { CompetencyFit } from '../../position-fit/fit.ts';

/**
 * Training needs of officials (issue 6 §2). Pure: the caller loads each person's fit to
 * position (position-fit's `competencyFits`: required against assessed levels), the competency
 * groups, the WISN lines of the latest stored run, the course catalogue and the two rules in
 * force. The formula is documented in platform/rules/defaults/training-needs.config.ts; every
 * need carries each factor with its value and where it came from.
 */

export type CompetencyGroup = 'GENERAL' | 'FIELD';

export type PersonInput = {
  staffId: number;
  fullName: string;
  /** Sort key of the name (stored name_sort), for a stable order among equal needs. */
  nameSort: string;
  rank: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  positionId: number;
  positionCode: string;
  positionNameVi: string;
  positionNameEn: string;
  positionGroup: string;
  field: string | null;
  competencies: readonly CompetencyFit[];
  /** Courses the person completed (a passed result), with the last day of the class: they satisfy mandatory programmes. */
  completedCourses?: readonly CompletedCourse[];
};

export type CompletedCourse = { courseCode: string; completedOn: string };

export type CompetencyInfo = { group: CompetencyGroup; nameVi: string; nameEn: string };

/** One line of a stored WISN run: unit × field (staff category) and its ratio (actual / required). */
export type PressureLine = { unitId: number; field: string; status: string; ratio: number | null };
export type PressureBasis = { runId: number | null; lines: readonly PressureLine[] };

export type CourseOffer = {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
  competencies: readonly { competencyCode: string; raisesToLevel: number }[];
  eligibility: { targetRanks: readonly string[]; positionGroups: readonly string[]; fields: readonly string[] };
};

export const FACTOR_NAMES = ['GAP', 'CRITICALITY', 'PRESSURE', 'UNIT_PRIORITY', 'MANDATORY_WEIGHT'] as const;
export type FactorName = (typeof FACTOR_NAMES)[number];

/**
 * Where a factor's value came from:
 * - GAP: ASSESSED (required − assessed), NOT_ASSESSED (required − the rule's notAssessedLevel);
 * - CRITICALITY: RULE_GROUP (group weight only), RULE_GROUP_CRITICAL (group weight × critical multiplier),
 *   RULE_GROUP_UNKNOWN (competency not in the framework: the GENERAL weight);
 * - PRESSURE: WISN_RUN, NO_RUN, NO_FIELD (the position has no field), NO_LINE (the run has no line for
 *   the unit × field), NO_RATIO (the line has no ratio: refused, or no workload);
 * - UNIT_PRIORITY: RULE_UNIT, DEFAULT;
 * - MANDATORY_WEIGHT: RULE_MANDATORY.
 */
export const FACTOR_SOURCES = [
  'ASSESSED',
  'NOT_ASSESSED',
  'RULE_GROUP',
  'RULE_GROUP_CRITICAL',
  'RULE_GROUP_UNKNOWN',
  'WISN_RUN',
  'NO_RUN',
  'NO_FIELD',
  'NO_LINE',
  'NO_RATIO',
  'RULE_UNIT',
  'DEFAULT',
  'RULE_MANDATORY',
] as const;
export type FactorSource = (typeof FACTOR_SOURCES)[number];

export type Factor = {
  factor: FactorName;
  value: number;
  source: FactorSource;
  /** The figures behind the value (required and assessed levels, group, run id and ratio, unit code …). */
  detail: Record<string, string | number | null>;
};

export type CandidateCourse = { id: number; code: string; nameVi: string; nameEn: string; raisesToLevel: number };

export type Need = {
  kind: 'COMPETENCY' | 'MANDATORY';
  competencyCode: string | null;
  courseCode: string | null;
  required: number | null;
  assessed: number | null;
  notAssessed: boolean;
  gap: number | null;
  weight: number;
  factors: Factor[];
  candidateCourses: CandidateCourse[];
};

export type PersonNeeds = Omit<PersonInput, 'competencies' | 'nameSort'> & { totalWeight: number; needs: Need[] };

export type NeedsInput = {
  people: readonly PersonInput[];
  competencies: ReadonlyMap<string, CompetencyInfo>;
  pressure: PressureBasis;
  courses: readonly CourseOffer[];
  weights: TrainingNeedWeightsConfig;
  mandatory: TrainingMandatoryCoursesConfig;
  /** The day needs are computed for: a mandatory programme completed within its repeat period before it is no need. */
  asOf?: string;
};

/** Criticality of a competency to the position: its group weight, times the multiplier when the required level is critical. */
export function criticalityOf(required: number, info: CompetencyInfo | undefined, w: TrainingNeedWeightsConfig): Factor {
  const group = info?.group ?? null;
  const groupWeight = w.groupWeights[group ?? 'GENERAL'];
  const critical = required >= w.criticalFromLevel;
  const value = critical ? groupWeight * w.criticalMultiplier : groupWeight;
  const source: FactorSource = group === null ? 'RULE_GROUP_UNKNOWN' : critical ? 'RULE_GROUP_CRITICAL' : 'RULE_GROUP';
  return {
    factor: 'CRITICALITY',
    value,
    source,
    detail: {
      group,
      groupWeight,
      required,
      criticalFromLevel: w.criticalFromLevel,
      criticalMultiplier: critical ? w.criticalMultiplier : null,
    },
  };
}

const lineKey = (unitId: number, field: string) => `${unitId}\u0000${field}`;

/** Workload pressure of (unit, field): 1 + slope × max(0, 1 − ratio), capped; neutral when the run says nothing. */
export function pressureOf(
  unitId: number,
  field: string | null,
  basis: PressureBasis,
  lines: ReadonlyMap<string, PressureLine>,
  w: TrainingNeedWeightsConfig,
): Factor {
  const neutral = (source: FactorSource, detail: Factor['detail'] = {}): Factor => ({
    factor: 'PRESSURE',
    value: w.pressure.neutral,
    source,
    detail: { runId: basis.runId, field, ...detail },
  });
  if (basis.runId === null) return neutral('NO_RUN');
  if (field === null) return neutral('NO_FIELD');
  const line = lines.get(lineKey(unitId, field));
  if (!line) return neutral('NO_LINE');
  if (line.ratio === null || !Number.isFinite(line.ratio)) return neutral('NO_RATIO', { status: line.status });
  const value = Math.min(w.pressure.maxFactor, 1 + w.pressure.slope * Math.max(0, 1 - line.ratio));
  return {
    factor: 'PRESSURE',
    value,
    source: 'WISN_RUN',
    detail: { runId: basis.runId, field, status: line.status, ratio: line.ratio, slope: w.pressure.slope, maxFactor: w.pressure.maxFactor },
  };
}

export function unitPriorityOf(unitCode: string, w: TrainingNeedWeightsConfig): Factor {
  const hit = w.unitPriorities.find((p) => p.unitCode === unitCode);
  return hit
    ? { factor: 'UNIT_PRIORITY', value: hit.priority, source: 'RULE_UNIT', detail: { unitCode } }
    : { factor: 'UNIT_PRIORITY', value: 1, source: 'DEFAULT', detail: { unitCode } };
}

/** Empty list = no restriction (the catalogue's and the mandatory rule's convention). */
const within = (list: readonly string[], value: string | null) => list.length === 0 || (value !== null && list.includes(value));

function isEligible(c: CourseOffer, p: PersonInput): boolean {
  return (
    within(c.eligibility.targetRanks, p.rank) &&
    within(c.eligibility.positionGroups, p.positionGroup) &&
    within(c.eligibility.fields, p.field)
  );
}

/**
 * Catalogue courses the person may attend that raise the competency to at least the required
 * level, lowest sufficient level first, then by code. Postgraduate conditions (service years,
 * age, ratings) are left to the plan, which knows the year of sending.
 */
export function candidateCourses(
  courses: readonly CourseOffer[],
  p: PersonInput,
  competencyCode: string,
  required: number,
): CandidateCourse[] {
  const out: CandidateCourse[] = [];
  for (const c of courses) {
    if (!isEligible(c, p)) continue;
    const raise = c.competencies.find((x) => x.competencyCode === competencyCode);
    if (!raise || raise.raisesToLevel < required) continue;
    out.push({ id: c.id, code: c.code, nameVi: c.nameVi, nameEn: c.nameEn, raisesToLevel: raise.raisesToLevel });
  }
  return out.sort((a, b) => a.raisesToLevel - b.raisesToLevel || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/**
 * Mandatory programmes of the rule whose rank and position-group scope include the person (empty
 * scope = everyone) and that the person has not yet satisfied on `asOf`: a programme taken once
 * (everyYears null) is satisfied by any completion on or before that day, a repeated one by a
 * completion within the last `everyYears` years.
 */
export function mandatoryFor(
  p: Pick<PersonInput, 'rank' | 'positionGroup' | 'completedCourses'>,
  m: TrainingMandatoryCoursesConfig,
  asOf?: string,
) {
  return m.courses.filter(
    (c) => within(c.ranks, p.rank) && within(c.positionGroups, p.positionGroup) && !satisfied(c, p.completedCourses ?? [], asOf),
  );
}

function satisfied(c: { courseCode: string; everyYears: number | null }, done: readonly CompletedCourse[], asOf: string | undefined) {
  if (asOf === undefined) return false;
  const since = c.everyYears === null ? null : `${String(Number(asOf.slice(0, 4)) - c.everyYears).padStart(4, '0')}${asOf.slice(4)}`;
  return done.some((d) => d.courseCode === c.courseCode && d.completedOn <= asOf && (since === null || d.completedOn > since));
}

const product = (factors: readonly Factor[]) => factors.reduce((acc, f) => acc * f.value, 1);

/** The needs of one person, largest weight first (ties: competency needs by code, then mandatory ones by course code). */
export function personNeeds(p: PersonInput, ctx: Omit<NeedsInput, 'people'>, lines: ReadonlyMap<string, PressureLine>): PersonNeeds {
  const w = ctx.weights;
  const priority = unitPriorityOf(p.unitCode, w);
  const pressure = pressureOf(p.unitId, p.field, ctx.pressure, lines, w);
  const needs: Need[] = [];
  for (const c of p.competencies) {
    const notAssessed = c.assessed === null;
    const assessed = c.assessed?.level ?? null;
    const gapSize = notAssessed ? Math.max(0, c.required - w.notAssessedLevel) : Math.max(0, c.required - (assessed as number));
    if (gapSize <= 0) continue;
    const gap: Factor = notAssessed
      ? { factor: 'GAP', value: gapSize, source: 'NOT_ASSESSED', detail: { required: c.required, notAssessedLevel: w.notAssessedLevel } }
      : {
          factor: 'GAP',
          value: gapSize,
          source: 'ASSESSED',
          detail: {
            required: c.required,
            assessed,
            assessedFrom: c.assessed?.origin.kind ?? null,
            assessedOn: c.assessed?.origin.on ?? null,
          },
        };
    const factors = [gap, criticalityOf(c.required, ctx.competencies.get(c.competencyCode), w), pressure, priority];
    needs.push({
      kind: 'COMPETENCY',
      competencyCode: c.competencyCode,
      courseCode: null,
      required: c.required,
      assessed,
      notAssessed,
      gap: notAssessed ? null : gapSize,
      weight: product(factors),
      factors,
      candidateCourses: candidateCourses(ctx.courses, p, c.competencyCode, c.required),
    });
  }
  for (const m of mandatoryFor(p, ctx.mandatory, ctx.asOf)) {
    const base: Factor = {
      factor: 'MANDATORY_WEIGHT',
      value: w.mandatoryWeight,
      source: 'RULE_MANDATORY',
      detail: {
        courseCode: m.courseCode,
        everyYears: m.everyYears,
        ranks: m.ranks.join(', ') || null,
        positionGroups: m.positionGroups.join(', ') || null,
      },
    };
    const factors = [base, priority];
    const course = ctx.courses.find((c) => c.code === m.courseCode);
    needs.push({
      kind: 'MANDATORY',
      competencyCode: null,
      courseCode: m.courseCode,
      required: null,
      assessed: null,
      notAssessed: false,
      gap: null,
      weight: product(factors),
      factors,
      candidateCourses: course
        ? [{ id: course.id, code: course.code, nameVi: course.nameVi, nameEn: course.nameEn, raisesToLevel: 0 }]
        : [],
    });
  }
  const keyOf = (n: Need) => n.competencyCode ?? n.courseCode ?? '';
  needs.sort(
    (a, b) =>
      b.weight - a.weight ||
      (a.kind === b.kind ? 0 : a.kind === 'COMPETENCY' ? -1 : 1) ||
      (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0),
  );
  const { competencies: _c, nameSort: _n, completedCourses: _d, ...facts } = p;
  return { ...facts, totalWeight: needs.reduce((s, n) => s + n.weight, 0), needs };
}

/** Every person's needs, most in need first (then by name sort key, then id). */
export function computeNeeds(input: NeedsInput): PersonNeeds[] {
  const lines = new Map(input.pressure.lines.map((l) => [lineKey(l.unitId, l.field), l]));
  const sortKey = new Map(input.people.map((p) => [p.staffId, p.nameSort]));
  return input.people
    .map((p) => personNeeds(p, input, lines))
    .sort((a, b) => {
      const ka = sortKey.get(a.staffId) ?? '';
      const kb = sortKey.get(b.staffId) ?? '';
      return b.totalWeight - a.totalWeight || (ka < kb ? -1 : ka > kb ? 1 : a.staffId - b.staffId);
    });
}

/** Keeps only the needs of one competency (and the people who have one). */
export function onlyCompetency(people: readonly PersonNeeds[], competencyCode: string): PersonNeeds[] {
  const out: PersonNeeds[] = [];
  for (const p of people) {
    const needs = p.needs.filter((n) => n.competencyCode === competencyCode);
    if (needs.length > 0) out.push({ ...p, needs, totalWeight: needs.reduce((s, n) => s + n.weight, 0) });
  }
  return out.sort((a, b) => b.totalWeight - a.totalWeight);
}

export type AggregateRow = { key: string; people: number; needs: number; notAssessed: number; totalWeight: number };

export type NeedsSummary = {
  people: number;
  peopleWithNeeds: number;
  needs: number;
  totalWeight: number;
  byUnit: AggregateRow[];
  byField: AggregateRow[];
  byCompetency: AggregateRow[];
  byMandatoryCourse: AggregateRow[];
};

/** The key a person's field aggregates under when their position has none (leadership, support). */
export const NO_FIELD_KEY = '';

/**
 * Totals by unit (unit id as text), field and competency (competency needs) and mandatory
 * course: people with at least one need in the group, the number of needs, how many of them
 * rest on a competency never assessed, and the total weight. Heaviest first, then by key.
 */
export function summarise(people: readonly PersonNeeds[]): NeedsSummary {
  type Acc = { people: Set<number>; needs: number; notAssessed: number; totalWeight: number };
  const groups = {
    unit: new Map<string, Acc>(),
    field: new Map<string, Acc>(),
    competency: new Map<string, Acc>(),
    course: new Map<string, Acc>(),
  };
  const add = (m: Map<string, Acc>, key: string, staffId: number, n: Need) => {
    const a = m.get(key) ?? { people: new Set<number>(), needs: 0, notAssessed: 0, totalWeight: 0 };
    a.people.add(staffId);
    a.needs += 1;
    if (n.notAssessed) a.notAssessed += 1;
    a.totalWeight += n.weight;
    m.set(key, a);
  };
  let needs = 0;
  let totalWeight = 0;
  let withNeeds = 0;
  for (const p of people) {
    if (p.needs.length > 0) withNeeds += 1;
    for (const n of p.needs) {
      needs += 1;
      totalWeight += n.weight;
      add(groups.unit, String(p.unitId), p.staffId, n);
      add(groups.field, p.field ?? NO_FIELD_KEY, p.staffId, n);
      if (n.kind === 'COMPETENCY' && n.competencyCode !== null) add(groups.competency, n.competencyCode, p.staffId, n);
      if (n.kind === 'MANDATORY' && n.courseCode !== null) add(groups.course, n.courseCode, p.staffId, n);
    }
  }
  const rows = (m: Map<string, Acc>): AggregateRow[] =>
    [...m]
      .map(([key, a]) => ({ key, people: a.people.size, needs: a.needs, notAssessed: a.notAssessed, totalWeight: a.totalWeight }))
      .sort((x, y) => y.totalWeight - x.totalWeight || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return {
    people: people.length,
    peopleWithNeeds: withNeeds,
    needs,
    totalWeight,
    byUnit: rows(groups.unit),
    byField: rows(groups.field),
    byCompetency: rows(groups.competency),
    byMandatoryCourse: rows(groups.course),
  };
}
