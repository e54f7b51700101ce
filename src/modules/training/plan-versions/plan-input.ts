import { createHash } from 'node:crypto';
import type { TrainingPostgraduateConfig } from '../../../platform/rules/defaults/training.config.ts';
import { type EligibilityCourse, eligibility, type PersonFacts } from '../courses.ts';
import type { Need, PersonNeeds } from '../needs/needs.ts';
import { closes, type PlanCourse, type PlanInput, type PlanNeed } from '../plan/plan-model.ts';
import type { CourseRecord } from '../training.repository.ts';

/**
 * The optimiser's input from what the database holds (pure, so it is tested without one).
 * Reproducible: courses sorted by code, people by staff id, units by id and budgets by year and
 * source, so the same data and parameters give the same model, the same digest and (with HiGHS's
 * fixed seed, solved to the gap) the same plan.
 */

export type PlanParameters = {
  years: number[];
  budgets: { year: number; fundingSource: string; amount: number }[];
  maxDaysPerPersonYear: number;
  maxUnitShareAway: number;
  timeLimitSeconds: number;
  method: 'MIP' | 'GREEDY';
};

/** Why a person attends: one need the course closes, as the needs module explained it. */
export type ClosedNeed = {
  kind: 'COMPETENCY' | 'MANDATORY';
  competencyCode: string | null;
  courseCode: string | null;
  required: number | null;
  assessed: number | null;
  weight: number;
};

/** Reasons that do not keep a course out of the plan: the model orders prerequisites itself, and only courses in force are offered. */
const PLAN_HANDLES = new Set(['PREREQUISITE_MISSING', 'NOT_IN_FORCE']);

/**
 * Facts eligibility reads: the person's recorded facts (birth date, first appointment, locked
 * ratings, completed courses: execution's personFactsOf) when the caller gathered them, with the
 * rank, position group and field the needs were computed for. Without recorded facts the
 * postgraduate conditions cannot be met, so such courses stay out of that person's plan.
 */
function factsOf(p: PersonNeeds, recorded: PersonFacts | undefined): PersonFacts {
  return {
    birthDate: null,
    serviceStartDate: null,
    ratings: [],
    completedCourses: [],
    sentToPostgraduateBefore: false,
    retirementDate: null,
    ...recorded,
    rank: p.rank,
    positionGroup: p.positionGroup,
    field: p.field,
  };
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Courses offered to the plan: ACTIVE and in force at some day of the planned years. */
export function coursesInForce(courses: readonly CourseRecord[], years: readonly number[]): CourseRecord[] {
  const first = `${Math.min(...years)}-01-01`;
  const last = `${Math.max(...years)}-12-31`;
  return courses
    .filter((c) => c.status === 'ACTIVE' && c.effectiveFrom <= last && (c.effectiveTo === null || c.effectiveTo >= first))
    .sort((a, b) => byText(a.code, b.code));
}

export function toPlanNeed(n: Need): PlanNeed | null {
  if (n.weight <= 0) return null;
  if (n.kind === 'MANDATORY') return n.courseCode ? { kind: 'MANDATORY', courseId: n.courseCode, weight: n.weight } : null;
  if (n.competencyCode === null || n.required === null) return null;
  return { kind: 'COMPETENCY', competencyCode: n.competencyCode, requiredLevel: n.required, weight: n.weight };
}

export type GatheredPlan = {
  input: PlanInput;
  /** Per person (same order as input.people): the needs behind input.people[i].needs, index for index. */
  needsOf: Need[][];
  courses: CourseRecord[];
  people: PersonNeeds[];
};

/**
 * People with at least one need a course could close (others add nothing but fillers, and the
 * model stays smaller without them); eligibility is courses.ts's `eligibility()` on 1 January of
 * the first planned year. The cost penalty is small enough never to trade a need for money
 * (all the budget costs at most a thousandth of the smallest need) but makes the solver prefer
 * the cheaper of equally good plans and leave out attendees who close nothing.
 */
export function buildPlanInput(
  params: PlanParameters,
  courseRows: readonly CourseRecord[],
  peopleNeeds: readonly PersonNeeds[],
  unitStaff: ReadonlyMap<number, number>,
  postgraduate: TrainingPostgraduateConfig,
  recordedFacts: ReadonlyMap<number, PersonFacts> = new Map(),
): GatheredPlan {
  const years = [...new Set(params.years)].sort((a, b) => a - b);
  const courses = coursesInForce(courseRows, years);
  const onDate = `${years[0]}-01-01`;
  const planCourses: PlanCourse[] = courses.map((c) => ({
    id: c.code,
    costPerClass: c.costPerClass,
    costPerParticipant: c.costPerParticipant,
    capacity: c.classCapacity,
    minSize: c.minClassSize,
    durationDays: c.durationDays,
    competencies: [...c.competencies]
      .sort((a, b) => byText(a.competencyCode, b.competencyCode))
      .map((k) => ({ competencyCode: k.competencyCode, raisesToLevel: k.raisesToLevel })),
    prerequisites: [...c.prerequisites].sort(byText),
    fundingSource: c.fundingSource,
  }));
  const planCourseOf = new Map(courses.map((c, i) => [c, planCourses[i] as PlanCourse]));
  const people: PlanInput['people'][number][] = [];
  const needsOf: Need[][] = [];
  const kept: PersonNeeds[] = [];
  for (const p of [...peopleNeeds].sort((a, b) => a.staffId - b.staffId)) {
    const facts = factsOf(p, recordedFacts.get(p.staffId));
    const eligible = courses.filter((c) => {
      const course: EligibilityCourse = c;
      return eligibility(course, facts, onDate, postgraduate).reasons.every((r) => PLAN_HANDLES.has(r.code));
    });
    const pairs = p.needs.map((n) => [n, toPlanNeed(n)] as const).filter((x): x is readonly [Need, PlanNeed] => x[1] !== null);
    const closable = pairs.filter(([, pn]) => eligible.some((c) => closes(planCourseOf.get(c) as PlanCourse, pn)));
    if (closable.length === 0) continue;
    people.push({
      id: p.staffId,
      unitId: p.unitId,
      eligibleCourses: eligible.map((c) => c.code),
      // Completed courses satisfy prerequisites and are not planned again (only catalogue courses matter to the model).
      completedCourses: facts.completedCourses.filter((code) => courses.some((c) => c.code === code)),
      needs: closable.map(([, pn]) => pn),
    });
    needsOf.push(closable.map(([n]) => n));
    kept.push(p);
  }
  const unitIds = [...new Set([...unitStaff.keys(), ...people.map((p) => p.unitId)])].sort((a, b) => a - b);
  const units = unitIds.map((id) => ({ id, staffCount: unitStaff.get(id) ?? people.filter((p) => p.unitId === id).length }));
  const budgets = [...params.budgets].sort((a, b) => a.year - b.year || byText(a.fundingSource, b.fundingSource));
  const totalBudget = budgets.reduce((s, b) => s + b.amount, 0);
  const minWeight = Math.min(...people.flatMap((p) => p.needs.map((n) => n.weight)));
  const costPenalty = totalBudget > 0 && Number.isFinite(minWeight) ? minWeight / (totalBudget * 1000) : 0;
  return {
    input: {
      years,
      courses: planCourses,
      people,
      units,
      budgets,
      maxDaysPerPersonYear: params.maxDaysPerPersonYear,
      maxUnitShareAway: params.maxUnitShareAway,
      costPenalty,
    },
    needsOf,
    courses,
    people: kept,
  };
}

/** JSON with object keys sorted, so the digest does not depend on property order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => byText(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 of the model input and the solver settings that decide the answer. */
export function inputDigest(input: PlanInput, solver: { method: string; seed: number; mipRelGap: number }): string {
  return createHash('sha256').update(canonical({ input, solver })).digest('hex');
}

/** The needs (as explained by the needs module) that attending `course` closes for one person. */
export function closedBy(course: PlanCourse, planNeeds: readonly PlanNeed[], needs: readonly Need[]): ClosedNeed[] {
  const out: ClosedNeed[] = [];
  planNeeds.forEach((pn, k) => {
    const n = needs[k];
    if (!n || !closes(course, pn)) return;
    out.push({
      kind: n.kind,
      competencyCode: n.competencyCode,
      courseCode: n.courseCode,
      required: n.required,
      assessed: n.assessed,
      weight: n.weight,
    });
  });
  return out;
}
