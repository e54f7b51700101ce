/**
 * The 2026–2030 training plan as a mixed-integer programme (issue 6 §3), pure: the caller
 * gathers courses, people (eligible courses, needs as the needs module computes them),
 * budgets and the limits; this file builds the model, and evaluates and checks any plan
 * against the same rules so the greedy baseline and the solver's answer are judged alike.
 *
 * Variables (only for pairs that can take a non-zero value):
 * - y[c,t] integer: classes of course c run in year t, 0 ≤ y ≤ min(⌈n/cap⌉, ⌊n/min⌋) for the
 *   n people eligible for c (more classes only cost more, so the bound loses no optimum);
 * - x[p,c,t] binary: person p attends course c in year t (eligible pairs only, never a
 *   course the person has already completed);
 * - a[p,t] binary: person p is away training at some time in year t (for the unit share);
 * - z[p,k] binary: need k of person p is closed.
 * Constraints:
 * - capacity Σ_p x[p,c,t] ≤ cap_c·y[c,t]; minimum size Σ_p x[p,c,t] ≥ min_c·y[c,t];
 * - budget Σ_{c funded by f} (costPerClass_c·y[c,t] + costPerParticipant_c·Σ_p x[p,c,t]) ≤ B[t,f]
 *   (a year × source without a budget line has budget 0);
 * - once: Σ_t x[p,c,t] ≤ 1;
 * - days: Σ_c days_c·x[p,c,t] ≤ maxDaysPerPersonYear;
 * - unit share: x[p,c,t] ≤ a[p,t] and Σ_{p in u} a[p,t] ≤ max(1, ⌊share·staff_u⌋). "At the same
 *   time" is approximated by "in the same year": anyone trained in a year counts as away for
 *   the year, which is conservative; at least one person per unit may go, or a small unit
 *   could never train anyone. Rows that cannot bind (fewer eligible people than the cap) are left out;
 * - prerequisites: x[p,B,t] ≤ Σ_{t' < t} x[p,A,t'] for each prerequisite A of B the person has not
 *   completed (a variable whose right-hand side is empty is not created at all);
 * - need closure: z[p,k] ≤ Σ_{c closing k, t} x[p,c,t], tighter than crediting each x.
 * Objective: maximise Σ w_k·z[p,k] − costPenalty·(total cost). costPenalty defaults to 0; a tiny
 * positive value prefers the cheaper of equally good plans (and drops attendees who close nothing).
 * Aggregating interchangeable participants (same unit, eligibility and needs) is a later step.
 */

export const PLAN_YEARS = [2026, 2027, 2028, 2029, 2030] as const;

export type PlanCourse = {
  /** Stable id, e.g. the course code; prerequisites refer to it. */
  id: string;
  costPerClass: number;
  costPerParticipant: number;
  capacity: number;
  minSize: number;
  /** Total training days (the sum of its sessions of at most 5 working days). */
  durationDays: number;
  competencies: readonly { competencyCode: string; raisesToLevel: number }[];
  /** Ids of courses that must be completed in an earlier year (or before the plan). */
  prerequisites: readonly string[];
  fundingSource: string;
};

/** A need as the needs module produces it: a competency gap to a required level, or a mandatory course. */
export type PlanNeed =
  | { kind: 'COMPETENCY'; competencyCode: string; requiredLevel: number; weight: number }
  | { kind: 'MANDATORY'; courseId: string; weight: number };

export type PlanPerson = {
  id: number;
  unitId: number;
  /** Course ids the person may attend (the caller applies `eligibility()` of courses.ts). */
  eligibleCourses: readonly string[];
  /** Course ids already completed: they satisfy prerequisites and are not planned again. */
  completedCourses: readonly string[];
  needs: readonly PlanNeed[];
};

export type PlanUnit = { id: number; staffCount: number };

export type PlanBudget = { year: number; fundingSource: string; amount: number };

export type PlanInput = {
  years: readonly number[];
  courses: readonly PlanCourse[];
  people: readonly PlanPerson[];
  units: readonly PlanUnit[];
  budgets: readonly PlanBudget[];
  maxDaysPerPersonYear: number;
  /** Share (0..1] of a unit's staff that may be away training in the same year. */
  maxUnitShareAway: number;
  /** Objective units per VND subtracted for cost; 0 (default) ignores cost beyond the budget. */
  costPenalty?: number;
};

export type VarType = 'binary' | 'integer' | 'continuous';

/** What a column stands for, by index into the input arrays. */
export type VarMeaning =
  | { kind: 'y'; course: number; year: number }
  | { kind: 'x'; person: number; course: number; year: number }
  | { kind: 'a'; person: number; year: number }
  | { kind: 'z'; person: number; need: number };

export type MipVar = { name: string; type: VarType; lower: number; upper: number; objective: number; meaning: VarMeaning };
export type MipRow = { name: string; terms: [variable: number, coefficient: number][]; sense: '<=' | '>='; rhs: number };
export type Mip = { sense: 'maximize'; vars: MipVar[]; rows: MipRow[] };

/** Does attending `course` close `need`? A competency need closes when the course raises it to the required level. */
export function closes(course: PlanCourse, need: PlanNeed): boolean {
  if (need.kind === 'MANDATORY') return need.courseId === course.id;
  return course.competencies.some((k) => k.competencyCode === need.competencyCode && k.raisesToLevel >= need.requiredLevel);
}

/** How many of a unit may be away in one year: ⌊share·staff⌋, at least 1 (see the header). */
export function unitAwayCap(staffCount: number, share: number): number {
  return Math.max(1, Math.floor(share * staffCount + 1e-9));
}

export function budgetOf(input: Pick<PlanInput, 'budgets'>, year: number, fundingSource: string): number {
  let sum = 0;
  for (const b of input.budgets) if (b.year === year && b.fundingSource === fundingSource) sum += b.amount;
  return sum;
}

/** Index helpers shared by the model, the greedy and the checker. */
export type PlanIndex = {
  courseIx: Map<string, number>;
  /** For each person, course indices they may attend (eligible, known, not completed). */
  candidates: number[][];
  completed: Set<string>[];
  /** Eligible people per course. */
  eligibleCount: number[];
  unitStaff: Map<number, number>;
};

export function indexPlan(input: PlanInput): PlanIndex {
  const courseIx = new Map(input.courses.map((c, i) => [c.id, i]));
  const completed = input.people.map((p) => new Set(p.completedCourses));
  const candidates = input.people.map((p, pi) => {
    const out: number[] = [];
    for (const id of new Set(p.eligibleCourses)) {
      const ci = courseIx.get(id);
      if (ci !== undefined && !completed[pi]?.has(id)) out.push(ci);
    }
    return out.sort((a, b) => a - b);
  });
  const eligibleCount = input.courses.map(() => 0);
  for (const cs of candidates) for (const ci of cs) eligibleCount[ci] = (eligibleCount[ci] ?? 0) + 1;
  // A unit without a staff line counts the people given for it.
  const unitStaff = new Map(input.units.map((u) => [u.id, u.staffCount]));
  const counted = new Map<number, number>();
  for (const p of input.people) counted.set(p.unitId, (counted.get(p.unitId) ?? 0) + 1);
  for (const [id, n] of counted) if (!unitStaff.has(id)) unitStaff.set(id, n);
  return { courseIx, candidates, completed, eligibleCount, unitStaff };
}

/** Upper bound on classes of a course in a year; 0 when too few people are eligible to fill one. */
export function maxClasses(course: PlanCourse, eligible: number): number {
  if (course.capacity <= 0 || eligible < Math.max(1, course.minSize)) return 0;
  const byCap = Math.ceil(eligible / course.capacity);
  const byMin = course.minSize > 0 ? Math.floor(eligible / course.minSize) : byCap;
  return Math.min(byCap, byMin);
}

export function buildPlanModel(input: PlanInput): Mip {
  const ix = indexPlan(input);
  const years = [...input.years].sort((a, b) => a - b);
  const penalty = input.costPenalty ?? 0;
  const vars: MipVar[] = [];
  const rows: MipRow[] = [];
  const add = (v: MipVar) => vars.push(v) - 1;

  // y[c,t]
  const yVar = new Map<string, number>();
  input.courses.forEach((c, ci) => {
    const ub = maxClasses(c, ix.eligibleCount[ci] ?? 0);
    if (ub === 0) return;
    years.forEach((year, ti) => {
      const v = add({
        name: `y_c${ci}_${year}`,
        type: 'integer',
        lower: 0,
        upper: ub,
        objective: -penalty * c.costPerClass,
        meaning: { kind: 'y', course: ci, year: ti },
      });
      yVar.set(`${ci}:${ti}`, v);
    });
  });

  // x[p,c,t], created year by year so that a prerequisite's earlier attendance is known.
  const xVar = new Map<string, number>();
  const prereqRows: { v: number; rhs: number[]; name: string }[] = [];
  input.people.forEach((_, pi) => {
    const done = ix.completed[pi] ?? new Set<string>();
    years.forEach((year, ti) => {
      for (const ci of ix.candidates[pi] ?? []) {
        const c = input.courses[ci];
        if (!c || !yVar.has(`${ci}:${ti}`) || c.durationDays > input.maxDaysPerPersonYear) continue;
        const rhsSets: { prereq: string; vars: number[] }[] = [];
        let blocked = false;
        for (const pre of c.prerequisites) {
          if (done.has(pre)) continue;
          const ai = ix.courseIx.get(pre);
          const earlier: number[] = [];
          if (ai !== undefined) {
            for (let t2 = 0; t2 < ti; t2++) {
              const v = xVar.get(`${pi}:${ai}:${t2}`);
              if (v !== undefined) earlier.push(v);
            }
          }
          if (earlier.length === 0) blocked = true;
          rhsSets.push({ prereq: pre, vars: earlier });
        }
        if (blocked) continue;
        const v = add({
          name: `x_p${pi}_c${ci}_${year}`,
          type: 'binary',
          lower: 0,
          upper: 1,
          objective: -penalty * c.costPerParticipant,
          meaning: { kind: 'x', person: pi, course: ci, year: ti },
        });
        xVar.set(`${pi}:${ci}:${ti}`, v);
        rhsSets.forEach((s, k) => {
          prereqRows.push({ v, rhs: s.vars, name: `pre_p${pi}_c${ci}_${year}_${k}` });
        });
      }
    });
  });

  // Capacity, minimum size and budget.
  const budgetTerms = new Map<string, [number, number][]>();
  input.courses.forEach((c, ci) => {
    years.forEach((year, ti) => {
      const y = yVar.get(`${ci}:${ti}`);
      if (y === undefined) return;
      const xs: number[] = [];
      input.people.forEach((_, pi) => {
        const v = xVar.get(`${pi}:${ci}:${ti}`);
        if (v !== undefined) xs.push(v);
      });
      rows.push({ name: `cap_c${ci}_${year}`, terms: [...xs.map((v): [number, number] => [v, 1]), [y, -c.capacity]], sense: '<=', rhs: 0 });
      if (c.minSize > 0)
        rows.push({
          name: `min_c${ci}_${year}`,
          terms: [...xs.map((v): [number, number] => [v, 1]), [y, -c.minSize]],
          sense: '>=',
          rhs: 0,
        });
      const key = `${year}\u0000${c.fundingSource}`;
      const terms = budgetTerms.get(key) ?? [];
      if (c.costPerClass !== 0) terms.push([y, c.costPerClass]);
      if (c.costPerParticipant !== 0) for (const v of xs) terms.push([v, c.costPerParticipant]);
      budgetTerms.set(key, terms);
    });
  });
  let bi = 0;
  for (const [key, terms] of budgetTerms) {
    const [yearText, source] = key.split('\u0000') as [string, string];
    if (terms.length === 0) continue;
    rows.push({ name: `budget_${bi++}_${yearText}`, terms, sense: '<=', rhs: budgetOf(input, Number(yearText), source) });
  }

  // Once per course, days per year, unit share.
  const awayByUnitYear = new Map<string, number[]>();
  input.people.forEach((p, pi) => {
    for (const ci of ix.candidates[pi] ?? []) {
      const xs = years.map((_, ti) => xVar.get(`${pi}:${ci}:${ti}`)).filter((v): v is number => v !== undefined);
      if (xs.length > 1) rows.push({ name: `once_p${pi}_c${ci}`, terms: xs.map((v) => [v, 1]), sense: '<=', rhs: 1 });
    }
    years.forEach((year, ti) => {
      const xs = (ix.candidates[pi] ?? [])
        .map((ci) => [ci, xVar.get(`${pi}:${ci}:${ti}`)] as const)
        .filter((e): e is readonly [number, number] => e[1] !== undefined);
      if (xs.length === 0) return;
      const days = xs.map(([ci, v]): [number, number] => [v, input.courses[ci]?.durationDays ?? 0]);
      if (days.reduce((s, [, d]) => s + d, 0) > input.maxDaysPerPersonYear)
        rows.push({ name: `days_p${pi}_${year}`, terms: days, sense: '<=', rhs: input.maxDaysPerPersonYear });
      const key = `${p.unitId}:${ti}`;
      const list = awayByUnitYear.get(key) ?? [];
      list.push(pi);
      awayByUnitYear.set(key, list);
    });
  });
  for (const [key, members] of awayByUnitYear) {
    const [unitText, tiText] = key.split(':') as [string, string];
    const ti = Number(tiText);
    const cap = unitAwayCap(ix.unitStaff.get(Number(unitText)) ?? 0, input.maxUnitShareAway);
    if (members.length <= cap) continue;
    const year = years[ti];
    const aVars: number[] = [];
    for (const pi of members) {
      const a = add({
        name: `a_p${pi}_${year}`,
        type: 'binary',
        lower: 0,
        upper: 1,
        objective: 0,
        meaning: { kind: 'a', person: pi, year: ti },
      });
      aVars.push(a);
      for (const ci of ix.candidates[pi] ?? []) {
        const x = xVar.get(`${pi}:${ci}:${ti}`);
        if (x !== undefined)
          rows.push({
            name: `away_p${pi}_c${ci}_${year}`,
            terms: [
              [x, 1],
              [a, -1],
            ],
            sense: '<=',
            rhs: 0,
          });
      }
    }
    rows.push({ name: `unit_u${unitText}_${year}`, terms: aVars.map((v) => [v, 1]), sense: '<=', rhs: cap });
  }

  for (const r of prereqRows)
    rows.push({ name: r.name, terms: [[r.v, 1], ...r.rhs.map((v): [number, number] => [v, -1])], sense: '<=', rhs: 0 });

  // z[p,k]: need closure.
  input.people.forEach((p, pi) => {
    p.needs.forEach((need, ki) => {
      if (need.weight <= 0) return;
      const xs: number[] = [];
      for (const ci of ix.candidates[pi] ?? []) {
        const c = input.courses[ci];
        if (!c || !closes(c, need)) continue;
        years.forEach((_, ti) => {
          const v = xVar.get(`${pi}:${ci}:${ti}`);
          if (v !== undefined) xs.push(v);
        });
      }
      if (xs.length === 0) return;
      const z = add({
        name: `z_p${pi}_n${ki}`,
        type: 'binary',
        lower: 0,
        upper: 1,
        objective: need.weight,
        meaning: { kind: 'z', person: pi, need: ki },
      });
      rows.push({ name: `close_p${pi}_n${ki}`, terms: [[z, 1], ...xs.map((v): [number, number] => [v, -1])], sense: '<=', rhs: 0 });
    });
  });

  return { sense: 'maximize', vars, rows };
}

// ---- Plans: decoding, evaluation, checking ----------------------------------------------

/** One course in one year: how many classes and who attends (split into classes by `splitClasses`). */
export type PlannedCourse = { courseId: string; year: number; classes: number; attendees: number[] };
export type Plan = { courses: PlannedCourse[] };

/** A plan from a solution vector of `model` (values rounded: the solver returns integral values within tolerance). */
export function decodePlan(input: PlanInput, model: Mip, values: ArrayLike<number>): Plan {
  const years = [...input.years].sort((a, b) => a - b);
  const byKey = new Map<string, PlannedCourse>();
  const entry = (ci: number, ti: number) => {
    const key = `${ci}:${ti}`;
    let e = byKey.get(key);
    if (!e) {
      e = { courseId: input.courses[ci]?.id ?? '', year: years[ti] ?? 0, classes: 0, attendees: [] };
      byKey.set(key, e);
    }
    return e;
  };
  model.vars.forEach((v, i) => {
    const value = Math.round(values[i] ?? 0);
    if (value <= 0) return;
    if (v.meaning.kind === 'y') entry(v.meaning.course, v.meaning.year).classes = value;
    else if (v.meaning.kind === 'x') entry(v.meaning.course, v.meaning.year).attendees.push(input.people[v.meaning.person]?.id ?? 0);
  });
  return normalisePlan(input, { courses: [...byKey.values()] });
}

/** Drops empty entries and sorts everything, so equal plans compare equal and output is reproducible. */
export function normalisePlan(input: PlanInput, plan: Plan): Plan {
  const order = new Map(input.courses.map((c, i) => [c.id, i]));
  const courses = plan.courses
    .filter((e) => e.classes > 0 || e.attendees.length > 0)
    .map((e) => ({ ...e, attendees: [...e.attendees].sort((a, b) => a - b) }))
    .sort((a, b) => a.year - b.year || (order.get(a.courseId) ?? 0) - (order.get(b.courseId) ?? 0));
  return { courses };
}

/** Attendees split into `classes` classes as evenly as possible (sizes differ by at most one). */
export function splitClasses(entry: PlannedCourse): number[][] {
  const n = Math.max(1, entry.classes);
  const out: number[][] = Array.from({ length: n }, () => []);
  const base = Math.floor(entry.attendees.length / n);
  const extra = entry.attendees.length % n;
  let at = 0;
  for (let k = 0; k < n; k++) {
    const size = base + (k < extra ? 1 : 0);
    out[k] = entry.attendees.slice(at, at + size);
    at += size;
  }
  return out;
}

export type PlanValue = {
  /** Σ weights of the needs closed by the plan. */
  gapClosed: number;
  closedNeeds: { personId: number; need: number }[];
  cost: number;
  costByYearSource: { year: number; fundingSource: string; cost: number }[];
};

export function evaluatePlan(input: PlanInput, plan: Plan): PlanValue {
  const ix = indexPlan(input);
  const personIx = new Map(input.people.map((p, i) => [p.id, i]));
  const attended = input.people.map(() => new Set<number>());
  const costs = new Map<string, { year: number; fundingSource: string; cost: number }>();
  let cost = 0;
  for (const e of plan.courses) {
    const ci = ix.courseIx.get(e.courseId);
    const c = ci === undefined ? undefined : input.courses[ci];
    if (!c || ci === undefined) continue;
    const amount = c.costPerClass * e.classes + c.costPerParticipant * e.attendees.length;
    cost += amount;
    const key = `${e.year}\u0000${c.fundingSource}`;
    const line = costs.get(key) ?? { year: e.year, fundingSource: c.fundingSource, cost: 0 };
    line.cost += amount;
    costs.set(key, line);
    for (const id of e.attendees) {
      const pi = personIx.get(id);
      if (pi !== undefined) attended[pi]?.add(ci);
    }
  }
  let gapClosed = 0;
  const closedNeeds: PlanValue['closedNeeds'] = [];
  input.people.forEach((p, pi) => {
    p.needs.forEach((need, ki) => {
      for (const ci of attended[pi] ?? []) {
        const c = input.courses[ci];
        if (c && closes(c, need)) {
          gapClosed += need.weight;
          closedNeeds.push({ personId: p.id, need: ki });
          return;
        }
      }
    });
  });
  const costByYearSource = [...costs.values()].sort((a, b) => a.year - b.year || a.fundingSource.localeCompare(b.fundingSource));
  return { gapClosed, closedNeeds, cost, costByYearSource };
}

export type PlanViolation =
  | { rule: 'UNKNOWN_COURSE' | 'YEAR'; courseId: string; year: number }
  | { rule: 'CAPACITY' | 'MIN_SIZE'; courseId: string; year: number; attendees: number; classes: number }
  | { rule: 'BUDGET'; year: number; fundingSource: string; cost: number; budget: number }
  | { rule: 'NOT_ELIGIBLE' | 'ALREADY_COMPLETED' | 'TWICE'; personId: number; courseId: string }
  | { rule: 'DAYS'; personId: number; year: number; days: number }
  | { rule: 'UNIT_SHARE'; unitId: number; year: number; away: number; cap: number }
  | { rule: 'PREREQUISITE'; personId: number; courseId: string; year: number; prerequisite: string };

/** Every rule of the model, checked directly on a plan (independent of the MIP, so it can catch a wrong model). */
export function checkPlan(input: PlanInput, plan: Plan): PlanViolation[] {
  const out: PlanViolation[] = [];
  const ix = indexPlan(input);
  const personIx = new Map(input.people.map((p, i) => [p.id, i]));
  const yearSet = new Set(input.years);
  const taken = new Map<string, number[]>(); // person:course -> years
  const days = new Map<string, number>(); // person:year -> days
  for (const e of plan.courses) {
    const ci = ix.courseIx.get(e.courseId);
    const c = ci === undefined ? undefined : input.courses[ci];
    if (!c) {
      out.push({ rule: 'UNKNOWN_COURSE', courseId: e.courseId, year: e.year });
      continue;
    }
    if (!yearSet.has(e.year)) out.push({ rule: 'YEAR', courseId: e.courseId, year: e.year });
    const n = e.attendees.length;
    if (n > c.capacity * e.classes) out.push({ rule: 'CAPACITY', courseId: c.id, year: e.year, attendees: n, classes: e.classes });
    if (n < c.minSize * e.classes || (e.classes === 0 && n > 0))
      out.push({ rule: 'MIN_SIZE', courseId: c.id, year: e.year, attendees: n, classes: e.classes });
    for (const id of e.attendees) {
      const pi = personIx.get(id);
      const p = pi === undefined ? undefined : input.people[pi];
      if (!p || pi === undefined) continue;
      if (!p.eligibleCourses.includes(c.id)) out.push({ rule: 'NOT_ELIGIBLE', personId: id, courseId: c.id });
      if (ix.completed[pi]?.has(c.id)) out.push({ rule: 'ALREADY_COMPLETED', personId: id, courseId: c.id });
      const k = `${id}:${c.id}`;
      taken.set(k, [...(taken.get(k) ?? []), e.year]);
      days.set(`${id}:${e.year}`, (days.get(`${id}:${e.year}`) ?? 0) + c.durationDays);
    }
  }
  for (const [k, ys] of taken) {
    const [id, courseId] = [Number(k.slice(0, k.indexOf(':'))), k.slice(k.indexOf(':') + 1)];
    if (ys.length > 1) out.push({ rule: 'TWICE', personId: id, courseId });
    const pi = personIx.get(id) ?? -1;
    const c = input.courses[ix.courseIx.get(courseId) ?? -1];
    for (const pre of c?.prerequisites ?? []) {
      if (ix.completed[pi]?.has(pre)) continue;
      const preYears = taken.get(`${id}:${pre}`) ?? [];
      for (const y of ys)
        if (!preYears.some((py) => py < y)) out.push({ rule: 'PREREQUISITE', personId: id, courseId, year: y, prerequisite: pre });
    }
  }
  for (const [k, d] of days) {
    const [id, year] = k.split(':').map(Number) as [number, number];
    if (d > input.maxDaysPerPersonYear) out.push({ rule: 'DAYS', personId: id, year, days: d });
  }
  const value = evaluatePlan(input, plan);
  for (const line of value.costByYearSource) {
    const budget = budgetOf(input, line.year, line.fundingSource);
    if (line.cost > budget + 1e-6)
      out.push({ rule: 'BUDGET', year: line.year, fundingSource: line.fundingSource, cost: line.cost, budget });
  }
  const away = new Map<string, Set<number>>();
  for (const k of days.keys()) {
    const [id, year] = k.split(':').map(Number) as [number, number];
    const p = input.people[personIx.get(id) ?? -1];
    if (!p) continue;
    const key = `${p.unitId}:${year}`;
    away.set(key, (away.get(key) ?? new Set()).add(id));
  }
  for (const [k, ids] of away) {
    const [unitId, year] = k.split(':').map(Number) as [number, number];
    const staff = ix.unitStaff.get(unitId) ?? 0;
    const cap = unitAwayCap(staff, input.maxUnitShareAway);
    if (ids.size > cap) out.push({ rule: 'UNIT_SHARE', unitId, year, away: ids.size, cap });
  }
  return out;
}
