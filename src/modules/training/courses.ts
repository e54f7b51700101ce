/**
 * The training course catalogue's rules, pure (issue 6 §1): what a course must satisfy
 * beyond its types, prerequisite cycles, and whether a person may attend a course on a date.
 * The plan optimiser (issue 6 §3) calls `eligibility` for every person and course, so it
 * takes plain facts and the rule in force and touches no database.
 */

import { type ReviewRating, ratingRank } from '../../platform/rules/defaults/reviews-common.config.ts';
import { FUNDING_SOURCES, REPAYMENT_TRIGGERS, type TrainingPostgraduateConfig } from '../../platform/rules/defaults/training.config.ts';

export { FUNDING_SOURCES, REPAYMENT_TRIGGERS };

/**
 * The five kinds of training content of Decree 171/2025 (domain.md §5.2 [C]): political
 * theory; national defence and security; state-management knowledge and skills; job-position
 * knowledge and skills; science, technology, innovation and digital skills.
 */
export const CONTENT_TYPES = ['POLITICAL_THEORY', 'DEFENCE_SECURITY', 'STATE_MANAGEMENT', 'JOB_POSITION', 'DIGITAL_INNOVATION'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];

export const COURSE_MODES = ['IN_PERSON', 'ONLINE', 'BLENDED'] as const;
export type CourseMode = (typeof COURSE_MODES)[number];

export const COURSE_STATUSES = ['ACTIVE', 'RETIRED'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export type FundingSource = (typeof FUNDING_SOURCES)[number];

/** MoHA practice for commune staff: long courses are split into sessions of at most 5 working days (Official Letter 4962/BNV-ĐT, domain.md §5.2 [C]). */
export const MAX_SESSION_DAYS = 5;

export type Session = { days: number; note?: string | undefined };

/** Per-course postgraduate terms; a null field takes the value of the rule `training.postgraduate` in force. */
export type PostgraduateTerms = {
  /** Length of the programme, from which the service commitment is computed. */
  programmeMonths: number;
  minServiceYears?: number | null | undefined;
  maxAgeAtFirstSending?: number | null | undefined;
  commitmentMultiple?: number | null | undefined;
};

export type Eligibility = {
  /** Law 80/2025 rank tiers the course is for; empty: every rank. */
  targetRanks: string[];
  /** Position groups (LEADERSHIP, PROFESSIONAL, SUPPORT); empty: every group. */
  positionGroups: string[];
  /** Fields of work (the position's field, e.g. LAND); empty: every field. */
  fields: string[];
  /** Set for postgraduate study (Decree 171/2025 conditions apply); null otherwise. */
  postgraduate: PostgraduateTerms | null;
};

export const OPEN_ELIGIBILITY: Eligibility = { targetRanks: [], positionGroups: [], fields: [], postgraduate: null };

export type CourseCompetency = { competencyCode: string; raisesToLevel: number };

/** What the rules read of a course: the API input, a stored row or a seed row alike. */
export type CourseFacts = {
  code: string;
  durationDays: number;
  sessions: readonly Session[];
  classCapacity: number;
  minClassSize: number;
  costPerClass: number;
  costPerParticipant: number;
  prerequisites: readonly string[];
  competencies: readonly CourseCompetency[];
  eligibility: Eligibility;
  effectiveFrom: string;
  effectiveTo: string | null;
};

/** A broken rule, untranslated: `path` follows the API body (sessions.1.days), `key` names the message. */
export type CourseProblem = { path: string; key: CourseProblemKey; params?: Record<string, string | number> };
export type CourseProblemKey =
  | 'sessionTooLong'
  | 'sessionsSum'
  | 'minAboveCapacity'
  | 'competencyUnknown'
  | 'competencyDuplicate'
  | 'prerequisiteSelf'
  | 'prerequisiteDuplicate'
  | 'prerequisiteUnknown'
  | 'prerequisiteCycle'
  | 'effectiveToBeforeFrom'
  | 'codeFormat';

/** Upper-case letters, digits, dots, dashes and underscores: BD.QLNN.01, DT-CDS_2. */
const COURSE_CODE = /^[A-Z0-9]+([._-][A-Z0-9]+)*$/;

export function checkCourseCode(code: string): CourseProblem[] {
  return COURSE_CODE.test(code) ? [] : [{ path: 'code', key: 'codeFormat' }];
}

/** What the catalogue knows when checking one course. */
export type CatalogueContext = {
  /** Competency codes of the published framework in force; null: no framework, so any competency is unknown. */
  competencyCodes: ReadonlySet<string> | null;
  /** Every other course of the province (any status): code and prerequisites, for existence and cycles. */
  otherCourses: readonly { code: string; prerequisites: readonly string[] }[];
};

function checkSessions(c: CourseFacts): CourseProblem[] {
  const problems: CourseProblem[] = c.sessions.flatMap((s, i) =>
    s.days > MAX_SESSION_DAYS
      ? [{ path: `sessions.${i}.days`, key: 'sessionTooLong' as const, params: { n: i + 1, max: MAX_SESSION_DAYS } }]
      : [],
  );
  const total = c.sessions.reduce((sum, s) => sum + s.days, 0);
  if (total !== c.durationDays) problems.push({ path: 'sessions', key: 'sessionsSum', params: { total, duration: c.durationDays } });
  return problems;
}

function checkCompetencies(c: CourseFacts, known: ReadonlySet<string> | null): CourseProblem[] {
  return c.competencies.flatMap((x, i): CourseProblem[] => {
    const path = `competencies.${i}.competencyCode`;
    if (c.competencies.findIndex((y) => y.competencyCode === x.competencyCode) !== i)
      return [{ path, key: 'competencyDuplicate', params: { code: x.competencyCode } }];
    if (!known?.has(x.competencyCode)) return [{ path, key: 'competencyUnknown', params: { code: x.competencyCode } }];
    return [];
  });
}

function checkPrerequisites(c: CourseFacts, others: CatalogueContext['otherCourses']): CourseProblem[] {
  const codes = new Set(others.map((o) => o.code));
  const problems = c.prerequisites.flatMap((p, i): CourseProblem[] => {
    const path = `prerequisites.${i}`;
    if (p === c.code) return [{ path, key: 'prerequisiteSelf' }];
    if (c.prerequisites.indexOf(p) !== i) return [{ path, key: 'prerequisiteDuplicate', params: { code: p } }];
    if (!codes.has(p)) return [{ path, key: 'prerequisiteUnknown', params: { code: p } }];
    return [];
  });
  if (problems.length > 0) return problems;
  const graph = new Map<string, readonly string[]>(others.map((o) => [o.code, o.prerequisites]));
  graph.set(c.code, c.prerequisites);
  const cycle = findPrerequisiteCycle(graph);
  return cycle ? [{ path: 'prerequisites', key: 'prerequisiteCycle', params: { cycle: cycle.join(' → ') } }] : [];
}

/**
 * Every rule a course breaks, beyond what the schema's types say, all at once so a form can
 * show them together. Competencies must be in the published framework; prerequisites must be
 * courses of the catalogue and must not lead back to the course.
 */
export function checkCourse(c: CourseFacts, ctx: CatalogueContext): CourseProblem[] {
  const problems = [...checkSessions(c)];
  if (c.minClassSize > c.classCapacity) {
    problems.push({ path: 'minClassSize', key: 'minAboveCapacity', params: { min: c.minClassSize, capacity: c.classCapacity } });
  }
  if (c.effectiveTo !== null && c.effectiveTo < c.effectiveFrom) problems.push({ path: 'effectiveTo', key: 'effectiveToBeforeFrom' });
  return [...problems, ...checkCompetencies(c, ctx.competencyCodes), ...checkPrerequisites(c, ctx.otherCourses)];
}

/**
 * A cycle in the prerequisite graph (course → the courses it requires), as the path of codes
 * that starts and ends at the same course, or null when there is none. Iterative depth-first
 * search with three colours, so a national catalogue cannot overflow the stack. Edges to codes
 * outside the graph are ignored (they cannot close a cycle). Deterministic: courses and edges
 * are visited in sorted order.
 */
export function findPrerequisiteCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const edgesOf = (code: string) => [...(graph.get(code) ?? [])].filter((p) => graph.has(p)).sort();
  for (const root of [...graph.keys()].sort()) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const pending: string[][] = [edgesOf(root)];
    state.set(root, 'open');
    while (path.length > 0) {
      const next = pending[pending.length - 1]?.shift();
      if (next === undefined) {
        state.set(path.pop() as string, 'done');
        pending.pop();
        continue;
      }
      const seen = state.get(next);
      if (seen === 'open') return [...path.slice(path.indexOf(next)), next];
      if (seen === 'done') continue;
      state.set(next, 'open');
      path.push(next);
      pending.push(edgesOf(next));
    }
  }
  return null;
}

/** Training periods (tiết) of a course: days × periods per day of the rule `training.minAnnualPeriods`. */
export function coursePeriods(durationDays: number, periodsPerDay: number): number {
  return durationDays * periodsPerDay;
}

/** Whole VND a class of `participants` costs: the fixed cost of the class plus the cost per participant. */
export function classCost(course: Pick<CourseFacts, 'costPerClass' | 'costPerParticipant'>, participants: number): number {
  return course.costPerClass + course.costPerParticipant * participants;
}

// ---- Eligibility ---------------------------------------------------------------------

/** What eligibility reads of a person: plain facts the caller gathers from staff, positions and reviews. */
export type PersonFacts = {
  /** Law 80/2025 rank tier; null when unknown. */
  rank: string | null;
  positionGroup: string | null;
  field: string | null;
  birthDate: string | null;
  /** First day of civil service (for service years); null when unknown. */
  serviceStartDate: string | null;
  /** Annual ratings by calendar year (Decree 90 levels / Decree 335 bands). */
  ratings: readonly { year: number; rating: ReviewRating }[];
  /** Codes of the courses the person has completed. */
  completedCourses: readonly string[];
  /** True when the person was sent to postgraduate study before (the age limit applies only the first time). */
  sentToPostgraduateBefore: boolean;
  /** Statutory retirement date, when known: the service commitment must end before it. */
  retirementDate: string | null;
};

export type IneligibleReason =
  | { code: 'NOT_IN_FORCE'; params: { date: string } }
  | { code: 'RETIRED'; params: Record<string, never> }
  | { code: 'RANK_NOT_TARGETED'; params: { rank: string } }
  | { code: 'POSITION_GROUP_NOT_TARGETED'; params: { group: string } }
  | { code: 'FIELD_NOT_TARGETED'; params: { field: string } }
  | { code: 'PREREQUISITE_MISSING'; params: { course: string } }
  | { code: 'SERVICE_YEARS_UNKNOWN'; params: { min: number } }
  | { code: 'SERVICE_YEARS_SHORT'; params: { years: number; min: number } }
  | { code: 'RATING_MISSING'; params: { year: number } }
  | { code: 'RATING_BELOW'; params: { year: number; rating: ReviewRating; min: ReviewRating } }
  | { code: 'AGE_UNKNOWN'; params: { max: number } }
  | { code: 'AGE_OVER_LIMIT'; params: { age: number; max: number } }
  | { code: 'COMMITMENT_PAST_RETIREMENT'; params: { until: string; retirement: string } };

/** What a person sent to postgraduate study takes on (domain.md §5.2). */
export type Obligation = {
  commitmentMonths: number;
  /** Last day of the commitment if the programme starts on the eligibility date. */
  commitmentUntil: string;
  repayment: TrainingPostgraduateConfig['repayment'];
};

export type EligibilityResult = { eligible: boolean; reasons: IneligibleReason[]; obligation: Obligation | null };

export type EligibilityCourse = Pick<CourseFacts, 'prerequisites' | 'eligibility' | 'effectiveFrom' | 'effectiveTo'> & {
  status: CourseStatus;
};

/** Full years from `from` to `to` ('YYYY-MM-DD'): a birthday or anniversary counts on its day. */
export function fullYearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) >= from.slice(5) ? years : years - 1;
}

/** 'YYYY-MM-DD' plus whole months; the 31st of a shorter month falls back to its last day. */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), last);
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function targetReasons(e: Eligibility, p: PersonFacts): IneligibleReason[] {
  const reasons: IneligibleReason[] = [];
  if (e.targetRanks.length > 0 && !(p.rank && e.targetRanks.includes(p.rank)))
    reasons.push({ code: 'RANK_NOT_TARGETED', params: { rank: p.rank ?? '' } });
  if (e.positionGroups.length > 0 && !(p.positionGroup && e.positionGroups.includes(p.positionGroup)))
    reasons.push({ code: 'POSITION_GROUP_NOT_TARGETED', params: { group: p.positionGroup ?? '' } });
  if (e.fields.length > 0 && !(p.field && e.fields.includes(p.field)))
    reasons.push({ code: 'FIELD_NOT_TARGETED', params: { field: p.field ?? '' } });
  return reasons;
}

/**
 * Decree 171/2025 postgraduate conditions (domain.md §5.2): service years, the ratings of the
 * preceding years, the age limit when first sent, and a commitment that must fit before retirement.
 */
function postgraduateReasons(
  terms: PostgraduateTerms,
  p: PersonFacts,
  onDate: string,
  rule: TrainingPostgraduateConfig,
): { reasons: IneligibleReason[]; obligation: Obligation } {
  const reasons: IneligibleReason[] = [];
  const minYears = terms.minServiceYears ?? rule.minServiceYears;
  if (p.serviceStartDate === null) reasons.push({ code: 'SERVICE_YEARS_UNKNOWN', params: { min: minYears } });
  else {
    const years = fullYearsBetween(p.serviceStartDate, onDate);
    if (years < minYears) reasons.push({ code: 'SERVICE_YEARS_SHORT', params: { years, min: minYears } });
  }
  const year = Number(onDate.slice(0, 4));
  for (let y = year - 1; y >= year - rule.recentRatingYears; y--) {
    const rated = p.ratings.find((r) => r.year === y);
    if (!rated) reasons.push({ code: 'RATING_MISSING', params: { year: y } });
    else if (ratingRank(rated.rating) > ratingRank(rule.minRating))
      reasons.push({ code: 'RATING_BELOW', params: { year: y, rating: rated.rating, min: rule.minRating } });
  }
  if (!p.sentToPostgraduateBefore) {
    const max = terms.maxAgeAtFirstSending ?? rule.maxAgeAtFirstSending;
    if (p.birthDate === null) reasons.push({ code: 'AGE_UNKNOWN', params: { max } });
    else {
      const age = fullYearsBetween(p.birthDate, onDate);
      if (age > max) reasons.push({ code: 'AGE_OVER_LIMIT', params: { age, max } });
    }
  }
  const commitmentMonths = Math.ceil(terms.programmeMonths * (terms.commitmentMultiple ?? rule.commitmentMultiple));
  // The commitment starts when the programme ends: serve `multiple` times its length afterwards.
  const commitmentUntil = addMonths(addMonths(onDate, terms.programmeMonths), commitmentMonths);
  if (p.retirementDate !== null && commitmentUntil > p.retirementDate)
    reasons.push({ code: 'COMMITMENT_PAST_RETIREMENT', params: { until: commitmentUntil, retirement: p.retirementDate } });
  return { reasons, obligation: { commitmentMonths, commitmentUntil, repayment: rule.repayment } };
}

/**
 * Whether a person may attend a course on `onDate`, with every reason they may not (a plan
 * shows them all). `postgraduate` is the rule `training.postgraduate` in force on that date;
 * a postgraduate course's own terms override its thresholds where set.
 */
export function eligibility(
  course: EligibilityCourse,
  person: PersonFacts,
  onDate: string,
  postgraduate: TrainingPostgraduateConfig,
): EligibilityResult {
  const reasons: IneligibleReason[] = [];
  if (course.status === 'RETIRED') reasons.push({ code: 'RETIRED', params: {} });
  if (course.effectiveFrom > onDate || (course.effectiveTo !== null && course.effectiveTo < onDate))
    reasons.push({ code: 'NOT_IN_FORCE', params: { date: onDate } });
  reasons.push(...targetReasons(course.eligibility, person));
  const done = new Set(person.completedCourses);
  for (const code of course.prerequisites) if (!done.has(code)) reasons.push({ code: 'PREREQUISITE_MISSING', params: { course: code } });
  let obligation: Obligation | null = null;
  if (course.eligibility.postgraduate) {
    const pg = postgraduateReasons(course.eligibility.postgraduate, person, onDate, postgraduate);
    reasons.push(...pg.reasons);
    obligation = pg.obligation;
  }
  return { eligible: reasons.length === 0, reasons, obligation };
}
