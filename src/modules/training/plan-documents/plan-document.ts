/**
 * The training plan as a document (issue 6 §4): everything the XLSX, the PDF and the comparison
 * read, and nothing they must look up. Pure. A stored plan version (or a freshly solved Plan,
 * through `planDocumentFromPlan`) is turned into this shape once; the renderers never touch the
 * database. Names follow the course catalogue (courses.ts, training.schemas.ts).
 */
import { type ContentType, type CourseMode, FUNDING_SOURCES, type FundingSource } from '../courses.ts';
import { closes, type Plan, type PlanInput, type PlanNeed, splitClasses } from '../plan/plan-model.ts';

/** A need the person's attendance closes: why they are in the class. */
export type NeedClosed = { label: string; weight: number };

export type PlanParticipant = {
  staffId: number;
  fullName: string;
  unitName: string;
  positionName: string;
  needsClosed: NeedClosed[];
};

export type PlanClass = {
  year: number;
  courseCode: string;
  courseName: string;
  /** One of the five kinds of content of Decree 171/2025. */
  contentType: ContentType;
  mode: CourseMode;
  fundingSource: FundingSource;
  /** 1, 2, … within the course and year. */
  classNo: number;
  /** Sessions of at most 5 working days, and the days they add up to. */
  sessions: number;
  days: number;
  participants: PlanParticipant[];
  /** Fixed cost of the class (VND). */
  costPerClass: number;
  /** Per-participant cost × participants (VND). */
  costParticipants: number;
  /** costPerClass + costParticipants. */
  total: number;
};

export type PlanBudgetLine = { year: number; fundingSource: FundingSource; amount: number };

export type PlanParameters = {
  years: number[];
  budgets: PlanBudgetLine[];
  maxDaysPerPersonYear: number;
  /** Share (0..1] of a unit's staff that may be away training in the same year. */
  maxUnitShareAway: number;
  timeLimitSeconds: number | null;
};

export type PlanSolverSummary = {
  /** The solver's status (OPTIMAL, TIME_LIMIT, … of solve-plan.ts) or GREEDY for the heuristic. */
  status: string;
  objective: number | null;
  bestBound: number | null;
  /** Relative optimality gap (0.012 = 1.2 %); null when unknown. */
  gap: number | null;
  seconds: number | null;
  /** Objective of the greedy baseline for the same input, for comparison. */
  greedyObjective: number | null;
};

export type PlanTotalLine = {
  classes: number;
  participants: number;
  cost: number;
  budget: number;
  /** budget − cost; negative only for a plan over its budget. */
  remaining: number;
};

export type PlanTotals = {
  byYearSource: (PlanTotalLine & { year: number; fundingSource: FundingSource })[];
  byYear: (PlanTotalLine & { year: number })[];
  bySource: (PlanTotalLine & { fundingSource: FundingSource })[];
  all: PlanTotalLine & { people: number };
};

export type PlanDocument = {
  /** The stored plan version, when there is one (links and file names). */
  planId: number | null;
  provinceName: string;
  planName: string;
  /** UTC ISO instant the plan was generated. */
  generatedAt: string;
  parameters: PlanParameters;
  solver: PlanSolverSummary;
  /** Sorted by year, course code, class number. */
  classes: PlanClass[];
  totals: PlanTotals;
};

/** Funding sources in the order of Decree 171/2025 Art. 32 (courses.ts FUNDING_SOURCES). */
const FUNDING_ORDER: readonly FundingSource[] = FUNDING_SOURCES;
export const sourceRank = (s: string) => {
  const i = FUNDING_ORDER.indexOf(s as FundingSource);
  return i < 0 ? FUNDING_ORDER.length : i;
};

const emptyLine = (): PlanTotalLine => ({ classes: 0, participants: 0, cost: 0, budget: 0, remaining: 0 });

/**
 * Totals by year × funding source, by year, by source and overall, against the budget. Every
 * budget line appears even when no class uses it (the remaining money is the point), and a
 * year × source with classes but no budget line has budget 0.
 */
export function planTotals(classes: readonly PlanClass[], budgets: readonly PlanBudgetLine[]): PlanTotals {
  const cells = new Map<string, PlanTotalLine & { year: number; fundingSource: FundingSource }>();
  const cell = (year: number, fundingSource: FundingSource) => {
    const key = `${year}\u0000${fundingSource}`;
    let c = cells.get(key);
    if (!c) {
      c = { year, fundingSource, ...emptyLine() };
      cells.set(key, c);
    }
    return c;
  };
  for (const b of budgets) cell(b.year, b.fundingSource).budget += b.amount;
  const people = new Set<number>();
  for (const k of classes) {
    const c = cell(k.year, k.fundingSource);
    c.classes += 1;
    c.participants += k.participants.length;
    c.cost += k.total;
    for (const p of k.participants) people.add(p.staffId);
  }
  const byYearSource = [...cells.values()]
    .map((c) => ({ ...c, remaining: c.budget - c.cost }))
    .sort((a, b) => a.year - b.year || sourceRank(a.fundingSource) - sourceRank(b.fundingSource));
  const add = (into: PlanTotalLine, c: PlanTotalLine) => {
    into.classes += c.classes;
    into.participants += c.participants;
    into.cost += c.cost;
    into.budget += c.budget;
    into.remaining += c.remaining;
  };
  const byYear = new Map<number, PlanTotalLine & { year: number }>();
  const bySource = new Map<FundingSource, PlanTotalLine & { fundingSource: FundingSource }>();
  const all = { ...emptyLine(), people: people.size };
  for (const c of byYearSource) {
    const y = byYear.get(c.year) ?? { year: c.year, ...emptyLine() };
    add(y, c);
    byYear.set(c.year, y);
    const s = bySource.get(c.fundingSource) ?? { fundingSource: c.fundingSource, ...emptyLine() };
    add(s, c);
    bySource.set(c.fundingSource, s);
    add(all, c);
  }
  return {
    byYearSource,
    byYear: [...byYear.values()].sort((a, b) => a.year - b.year),
    bySource: [...bySource.values()].sort((a, b) => sourceRank(a.fundingSource) - sourceRank(b.fundingSource)),
    all,
  };
}

export function sortClasses(classes: readonly PlanClass[]): PlanClass[] {
  return [...classes].sort(
    (a, b) => a.year - b.year || (a.courseCode < b.courseCode ? -1 : a.courseCode > b.courseCode ? 1 : 0) || a.classNo - b.classNo,
  );
}

/** The document from its parts, classes sorted and totals computed (so no caller computes them differently). */
export function makePlanDocument(parts: Omit<PlanDocument, 'totals' | 'classes'> & { classes: readonly PlanClass[] }): PlanDocument {
  const classes = sortClasses(parts.classes);
  return { ...parts, classes, totals: planTotals(classes, parts.parameters.budgets) };
}

/** What `planDocumentFromPlan` needs to know of a course beyond the optimiser's PlanCourse. */
export type CourseInfo = { code: string; name: string; contentType: ContentType; mode: CourseMode; sessions: number; days: number };
export type PersonInfo = { fullName: string; unitName: string; positionName: string };

/**
 * A document from the optimiser's own Plan (before or without storing it): classes split evenly
 * with splitClasses, costs from the course, and for each attendee the needs the class closes.
 * A need that two planned courses both close is credited to the earlier one only (as
 * evaluatePlan counts it once), so the "why" never double counts.
 */
export function planDocumentFromPlan(args: {
  header: Omit<PlanDocument, 'classes' | 'totals' | 'parameters'> & { parameters: Omit<PlanParameters, 'budgets' | 'years'> };
  input: PlanInput;
  plan: Plan;
  course: (id: string) => CourseInfo;
  person: (staffId: number) => PersonInfo;
  needLabel: (need: PlanNeed) => string;
}): PlanDocument {
  const { input, plan } = args;
  const courseById = new Map(input.courses.map((c) => [c.id, c]));
  const personById = new Map(input.people.map((p) => [p.id, p]));
  const credited = new Set<string>();
  const entries = [...plan.courses].sort((a, b) => a.year - b.year || (a.courseId < b.courseId ? -1 : a.courseId > b.courseId ? 1 : 0));
  const classes: PlanClass[] = [];
  for (const e of entries) {
    const c = courseById.get(e.courseId);
    if (!c || e.classes <= 0) continue;
    const info = args.course(e.courseId);
    splitClasses(e).forEach((ids, k) => {
      const participants = ids.map((staffId): PlanParticipant => {
        const needsClosed: NeedClosed[] = [];
        (personById.get(staffId)?.needs ?? []).forEach((need, ni) => {
          const key = `${staffId}:${ni}`;
          if (need.weight <= 0 || credited.has(key) || !closes(c, need)) return;
          credited.add(key);
          needsClosed.push({ label: args.needLabel(need), weight: need.weight });
        });
        return { staffId, ...args.person(staffId), needsClosed };
      });
      const costParticipants = c.costPerParticipant * participants.length;
      classes.push({
        year: e.year,
        courseCode: info.code,
        courseName: info.name,
        contentType: info.contentType,
        mode: info.mode,
        fundingSource: c.fundingSource as FundingSource,
        classNo: k + 1,
        sessions: info.sessions,
        days: info.days,
        participants,
        costPerClass: c.costPerClass,
        costParticipants,
        total: c.costPerClass + costParticipants,
      });
    });
  }
  return makePlanDocument({
    ...args.header,
    parameters: {
      ...args.header.parameters,
      years: [...input.years].sort((a, b) => a - b),
      budgets: input.budgets.map((b) => ({ year: b.year, fundingSource: b.fundingSource as FundingSource, amount: b.amount })),
    },
    classes,
  });
}

/** A need closed as a stored plan version keeps it (the "why" of one attendance). */
export type StoredNeed = {
  kind: 'COMPETENCY' | 'MANDATORY';
  competencyCode: string | null;
  courseCode: string | null;
  required: number | null;
  assessed: number | null;
  weight: number;
};

/** A stored class with its attendees: the shape of the plan-version detail, structurally. */
export type StoredClass = {
  year: number;
  courseCode: string;
  classNo: number;
  attendees: readonly { staffId: number; fullName: string; unitName: string; positionName?: string | null; needs: readonly StoredNeed[] }[];
};

/**
 * One stored class as a document class. The costs are recomputed from the course (class cost
 * once, the per-participant cost per attendee) so the document splits them; the funding source
 * is the course's, as the optimiser budgets it.
 */
export function planClassFromStored(
  k: StoredClass,
  course: CourseInfo & { costPerClass: number; costPerParticipant: number; fundingSource: FundingSource },
  needLabel: (need: StoredNeed) => string,
): PlanClass {
  const costParticipants = course.costPerParticipant * k.attendees.length;
  return {
    year: k.year,
    courseCode: k.courseCode,
    courseName: course.name,
    contentType: course.contentType,
    mode: course.mode,
    fundingSource: course.fundingSource,
    classNo: k.classNo,
    sessions: course.sessions,
    days: course.days,
    participants: k.attendees.map((a) => ({
      staffId: a.staffId,
      fullName: a.fullName,
      unitName: a.unitName,
      positionName: a.positionName ?? '',
      needsClosed: a.needs.map((n) => ({ label: needLabel(n), weight: n.weight })),
    })),
    costPerClass: course.costPerClass,
    costParticipants,
    total: course.costPerClass + costParticipants,
  };
}
