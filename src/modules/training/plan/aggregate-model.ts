import type { PersonGroup } from './plan-groups.ts';
import {
  budgetOf,
  closes,
  indexPlan,
  type MipRow,
  maxClasses,
  type Plan,
  type PlanIndex,
  type PlanInput,
  unitAwayCap,
  type VarType,
} from './plan-model.ts';

/**
 * The aggregated plan model (ADR 0011): the per-person model of plan-model.ts with every group
 * of interchangeable people (plan-groups.ts) folded into integer counts, plus tightening.
 *
 * Variables, for group g of n_g members:
 * - y[c,t] integer classes, as in the per-person model, bounded also by the budget:
 *   ⌊B[t,f] / (costPerClass + costPerParticipant·minSize)⌋;
 * - X[g,c,t] integer 0..min(n_g, unit cap): members of g attending c in t;
 * - A[g,t] integer 0..min(n_g, unit cap): members of g away in t (only where the unit share can bind);
 * - Z[g,k] integer 0..n_g: members of g whose need k is closed.
 * Rows (each the sum over g's members of the per-person row, so every per-person plan maps to
 * a solution with the same objective: the model is a relaxation of the per-person model):
 * - capacity, minimum size, budget: as per person with X for Σx;
 * - once: Σ_t X[g,c,t] ≤ n_g; days: Σ_c d_c·X[g,c,t] ≤ D·A[g,t] (D·n_g without A);
 * - away: X[g,c,t] ≤ A[g,t]; unit share Σ_g A[g,t] ≤ cap_u;
 * - prerequisite A of B, cumulative: Σ_{t'≤t} X[g,B,t'] ≤ Σ_{t'<t} X[g,A,t'] (for one person this is
 *   the per-person row, in the LP it is tighter);
 * - closure: Z[g,k] ≤ Σ_{c closing k, t} X[g,c,t];
 * - tightening: X[g,c,t] ≤ min(n_g, cap_c)·y[c,t] (a class must run for anyone to attend; this
 *   variable upper bound is what makes the LP pay for whole classes). Rows that cannot bind
 *   (once, days, unit share with too few candidates) are left out.
 * - fillers: X[g,c,t] exists only when c closes one of g's needs or is a prerequisite of such a
 *   course; the other people who may attend c (who would only fill the class to its minimum
 *   size) are one integer pool F[c,t] ≤ their number, counted in capacity, minimum size and
 *   budget but not in their own days, unit share or prerequisites. Dropping those terms only
 *   loosens rows, so the model stays a relaxation; it shrinks several-fold (most people may
 *   attend far more courses than close one of their needs).
 * With every group a single person this is exactly the per-person model. With larger groups the
 * optimum can only be higher; `realisePlan` (realise-plan.ts) turns a solution into people, and
 * when it reaches the same objective the solution is optimal for the per-person model too.
 */

export type AggMeaning =
  | { kind: 'y'; course: number; year: number }
  | { kind: 'X'; group: number; course: number; year: number }
  | { kind: 'A'; group: number; year: number }
  | { kind: 'Z'; group: number; need: number }
  | { kind: 'F'; course: number; year: number };

export type AggVar = { name: string; type: VarType; lower: number; upper: number; objective: number; meaning: AggMeaning };
export type AggModel = {
  sense: 'maximize';
  vars: AggVar[];
  rows: MipRow[];
  groups: PersonGroup[];
  /** Column of X[g,c,t] by `${g}:${c}:${t}`, of y by `${c}:${t}`. */
  xVar: Map<string, number>;
  yVar: Map<string, number>;
};

export type AggOptions = {
  /** X ≤ min(n, cap)·y rows (default true). */
  variableUpperBounds?: boolean;
  /** Leave out the unit share (groups may then span units): a relaxation used for bounds. */
  ignoreUnitShare?: boolean;
  /**
   * X only where the course closes a need of the group (or is a prerequisite of such a course);
   * everyone else who may attend counts in a filler pool F[c,t] (default true, see the header).
   */
  usefulOnly?: boolean;
  /** Courses that get an X column for every group that may attend them, fillers included (no pool). */
  explicitCourses?: ReadonlySet<number>;
  index?: PlanIndex;
};

export function buildAggregatedModel(input: PlanInput, groups: readonly PersonGroup[], options: AggOptions = {}): AggModel {
  const ix = options.index ?? indexPlan(input);
  const years = [...input.years].sort((a, b) => a - b);
  const penalty = input.costPenalty ?? 0;
  const vub = options.variableUpperBounds ?? true;
  const usefulOnly = options.usefulOnly ?? true;
  const fillersOf = new Map<number, number>(); // course -> people who may attend it without an X column
  const vars: AggVar[] = [];
  const rows: MipRow[] = [];
  const add = (v: AggVar) => vars.push(v) - 1;
  const D = input.maxDaysPerPersonYear;

  const yVar = new Map<string, number>();
  const yUb = new Map<string, number>();
  input.courses.forEach((c, ci) => {
    const ub = maxClasses(c, ix.eligibleCount[ci] ?? 0);
    if (ub === 0 || c.durationDays > D) return;
    years.forEach((year, ti) => {
      const perClass = c.costPerClass + c.costPerParticipant * Math.max(1, c.minSize);
      const budget = budgetOf(input, year, c.fundingSource);
      const byBudget = perClass > 0 ? Math.floor(budget / perClass + 1e-9) : ub;
      const u = Math.min(ub, byBudget);
      if (u <= 0) return;
      const v = add({
        name: `y_c${ci}_${year}`,
        type: 'integer',
        lower: 0,
        upper: u,
        objective: -penalty * c.costPerClass,
        meaning: { kind: 'y', course: ci, year: ti },
      });
      yVar.set(`${ci}:${ti}`, v);
      yUb.set(`${ci}:${ti}`, u);
    });
  });

  // Unit caps and which units need the share rows (more candidates than the cap).
  const unitCap = (unitId: number) => unitAwayCap(ix.unitStaff.get(unitId) ?? 0, input.maxUnitShareAway);
  const unitPeople = new Map<number, number>();
  if (!options.ignoreUnitShare)
    for (const g of groups) if (g.candidates.length > 0) unitPeople.set(g.unitId, (unitPeople.get(g.unitId) ?? 0) + g.members.length);
  const shareBinds = (unitId: number) => !options.ignoreUnitShare && (unitPeople.get(unitId) ?? 0) > unitCap(unitId);

  const xVar = new Map<string, number>();
  const cumulativeRows: MipRow[] = [];
  groups.forEach((g, gi) => {
    const n = g.members.length;
    const rep = g.members[0] ?? 0;
    const person = input.people[rep];
    if (!person) return;
    const done = ix.completed[rep] ?? new Set<string>();
    const ub = shareBinds(g.unitId) ? Math.min(n, unitCap(g.unitId)) : n;
    const useful = (ci: number) => {
      const c = input.courses[ci];
      return !!c && person.needs.some((k) => k.weight > 0 && closes(c, k));
    };
    // A course that is only a prerequisite of a useful one stays useful too.
    const keep = new Set<number>();
    if (usefulOnly) {
      const stack = g.candidates.filter((ci) => useful(ci) || options.explicitCourses?.has(ci));
      while (stack.length > 0) {
        const ci = stack.pop() as number;
        if (keep.has(ci)) continue;
        keep.add(ci);
        for (const pre of input.courses[ci]?.prerequisites ?? []) {
          const ai = ix.courseIx.get(pre);
          if (ai !== undefined && !done.has(pre) && g.candidates.includes(ai)) stack.push(ai);
        }
      }
    }
    if (usefulOnly) for (const ci of g.candidates) if (!keep.has(ci)) fillersOf.set(ci, (fillersOf.get(ci) ?? 0) + n);
    years.forEach((year, ti) => {
      for (const ci of g.candidates) {
        const c = input.courses[ci];
        const y = yVar.get(`${ci}:${ti}`);
        if (!c || y === undefined) continue;
        if (usefulOnly && !keep.has(ci)) continue;
        const preRows: { pre: number }[] = [];
        let blocked = false;
        for (const pre of c.prerequisites) {
          if (done.has(pre)) continue;
          const ai = ix.courseIx.get(pre);
          let earlier = false;
          if (ai !== undefined) for (let t2 = 0; t2 < ti; t2++) if (xVar.has(`${gi}:${ai}:${t2}`)) earlier = true;
          if (!earlier || ai === undefined) blocked = true;
          else preRows.push({ pre: ai });
        }
        if (blocked) continue;
        const upper = Math.min(ub, c.capacity * (yUb.get(`${ci}:${ti}`) ?? 0));
        if (upper <= 0) continue;
        const v = add({
          name: `x_g${gi}_c${ci}_${year}`,
          type: n === 1 ? 'binary' : 'integer',
          lower: 0,
          upper,
          objective: -penalty * c.costPerParticipant,
          meaning: { kind: 'X', group: gi, course: ci, year: ti },
        });
        xVar.set(`${gi}:${ci}:${ti}`, v);
        if (vub)
          rows.push({
            name: `vub_g${gi}_c${ci}_${year}`,
            terms: [
              [v, 1],
              [y, -Math.min(upper, c.capacity)],
            ],
            sense: '<=',
            rhs: 0,
          });
        for (const { pre } of preRows) {
          const terms: [number, number][] = [];
          for (let t2 = 0; t2 <= ti; t2++) {
            const b = xVar.get(`${gi}:${ci}:${t2}`);
            if (b !== undefined) terms.push([b, 1]);
            const a = t2 < ti ? xVar.get(`${gi}:${pre}:${t2}`) : undefined;
            if (a !== undefined) terms.push([a, -1]);
          }
          cumulativeRows.push({ name: `pre_g${gi}_c${ci}_${year}_${pre}`, terms, sense: '<=', rhs: 0 });
        }
      }
    });
  });

  // Capacity, minimum size, budget.
  const budgetTerms = new Map<string, [number, number][]>();
  input.courses.forEach((c, ci) => {
    years.forEach((year, ti) => {
      const y = yVar.get(`${ci}:${ti}`);
      if (y === undefined) return;
      const xs: number[] = [];
      groups.forEach((_, gi) => {
        const v = xVar.get(`${gi}:${ci}:${ti}`);
        if (v !== undefined) xs.push(v);
      });
      const pool = Math.min(fillersOf.get(ci) ?? 0, c.capacity * (yUb.get(`${ci}:${ti}`) ?? 0));
      // Fillers alone never open a class (they close nothing), so the pool needs some X beside it.
      if (pool > 0 && xs.length > 0 && c.minSize > 1)
        xs.push(
          add({
            name: `f_c${ci}_${year}`,
            type: 'integer',
            lower: 0,
            upper: pool,
            objective: -penalty * c.costPerParticipant,
            meaning: { kind: 'F', course: ci, year: ti },
          }),
        );
      const key = `${year}\u0000${c.fundingSource}`;
      const terms = budgetTerms.get(key) ?? [];
      budgetTerms.set(key, terms);
      if (xs.length === 0) {
        // No one can attend in this year: the class variable is fixed at 0.
        const yv = vars[y];
        if (yv) yv.upper = 0;
        return;
      }
      rows.push({ name: `cap_c${ci}_${year}`, terms: [...xs.map((v): [number, number] => [v, 1]), [y, -c.capacity]], sense: '<=', rhs: 0 });
      if (c.minSize > 0)
        rows.push({
          name: `min_c${ci}_${year}`,
          terms: [...xs.map((v): [number, number] => [v, 1]), [y, -c.minSize]],
          sense: '>=',
          rhs: 0,
        });
      if (c.costPerClass !== 0) terms.push([y, c.costPerClass]);
      if (c.costPerParticipant !== 0) for (const v of xs) terms.push([v, c.costPerParticipant]);
    });
  });
  let bi = 0;
  for (const [key, terms] of budgetTerms) {
    const [yearText, source] = key.split('\u0000') as [string, string];
    if (terms.length === 0) continue;
    // In VND the budget rows' coefficients are 10⁶–10⁹ against 1 elsewhere; rescaling the row (an
    // equivalent row) keeps the LP well conditioned (unscaled, HiGHS's simplex stalled on the province instance).
    const scale = costScale(terms.map(([, c]) => c));
    rows.push({
      name: `budget_${bi++}_${yearText}`,
      terms: terms.map(([v, c]): [number, number] => [v, c / scale]),
      sense: '<=',
      rhs: budgetOf(input, Number(yearText), source) / scale,
    });
  }

  // Once, days, away and unit share.
  const awayByUnitYear = new Map<string, number[]>();
  groups.forEach((g, gi) => {
    const n = g.members.length;
    for (const ci of g.candidates) {
      const xs = years.map((_, ti) => xVar.get(`${gi}:${ci}:${ti}`)).filter((v): v is number => v !== undefined);
      const room = xs.reduce((s, v) => s + (vars[v]?.upper ?? 0), 0);
      if (xs.length > 1 && room > n) rows.push({ name: `once_g${gi}_c${ci}`, terms: xs.map((v) => [v, 1]), sense: '<=', rhs: n });
    }
    const withShare = shareBinds(g.unitId);
    years.forEach((year, ti) => {
      const xs = g.candidates
        .map((ci) => [ci, xVar.get(`${gi}:${ci}:${ti}`)] as const)
        .filter((e): e is readonly [number, number] => e[1] !== undefined);
      if (xs.length === 0) return;
      const days = xs.map(([ci, v]): [number, number] => [v, input.courses[ci]?.durationDays ?? 0]);
      const most = xs.reduce((s, [ci, v]) => s + (input.courses[ci]?.durationDays ?? 0) * (vars[v]?.upper ?? 0), 0);
      if (!withShare) {
        if (most > D * n) rows.push({ name: `days_g${gi}_${year}`, terms: days, sense: '<=', rhs: D * n });
        return;
      }
      const a = add({
        name: `a_g${gi}_${year}`,
        type: n === 1 ? 'binary' : 'integer',
        lower: 0,
        upper: Math.min(n, unitCap(g.unitId)),
        objective: 0,
        meaning: { kind: 'A', group: gi, year: ti },
      });
      // For one person the days row below (always written then) already forces every X to 0 when A is 0;
      // a group needs X ≤ A per course, or more members could attend one course than are away.
      if (n > 1)
        for (const [ci, v] of xs)
          rows.push({
            name: `away_g${gi}_c${ci}_${year}`,
            terms: [
              [v, 1],
              [a, -1],
            ],
            sense: '<=',
            rhs: 0,
          });
      // Σ d·X ≤ D·A follows from X ≤ A when all the year's courses together fit in D days.
      if (n === 1 || days.reduce((s, [, d]) => s + d, 0) > D)
        rows.push({ name: `days_g${gi}_${year}`, terms: [...days, [a, -D]], sense: '<=', rhs: 0 });
      const key = `${g.unitId}:${ti}`;
      const list = awayByUnitYear.get(key) ?? [];
      list.push(a);
      awayByUnitYear.set(key, list);
    });
  });
  for (const [key, aVars] of awayByUnitYear) {
    const [unitText, tiText] = key.split(':') as [string, string];
    const year = years[Number(tiText)];
    rows.push({ name: `unit_u${unitText}_${year}`, terms: aVars.map((v) => [v, 1]), sense: '<=', rhs: unitCap(Number(unitText)) });
  }
  rows.push(...cumulativeRows);

  // Z[g,k]: needs closed.
  groups.forEach((g, gi) => {
    const rep = input.people[g.members[0] ?? -1];
    if (!rep) return;
    rep.needs.forEach((need, ki) => {
      if (need.weight <= 0) return;
      const xs: number[] = [];
      for (const ci of g.candidates) {
        const c = input.courses[ci];
        if (!c || !closes(c, need)) continue;
        years.forEach((_, ti) => {
          const v = xVar.get(`${gi}:${ci}:${ti}`);
          if (v !== undefined) xs.push(v);
        });
      }
      if (xs.length === 0) return;
      const n = g.members.length;
      const z = add({
        name: `z_g${gi}_n${ki}`,
        type: n === 1 ? 'binary' : 'integer',
        lower: 0,
        upper: n,
        objective: need.weight,
        meaning: { kind: 'Z', group: gi, need: ki },
      });
      rows.push({ name: `close_g${gi}_n${ki}`, terms: [[z, 1], ...xs.map((v): [number, number] => [v, -1])], sense: '<=', rhs: 0 });
    });
  });

  return { sense: 'maximize', vars, rows, groups: [...groups], xVar, yVar };
}

/** A power of ten that brings the largest coefficient of a row to between 10 and 100. */
export function costScale(coefficients: readonly number[]): number {
  const most = Math.max(0, ...coefficients.map(Math.abs));
  return most >= 100 ? 10 ** (Math.floor(Math.log10(most)) - 1) : 1;
}

/** The aggregated column vector of a per-person plan (a warm start): counts per group. */
export function aggregatedVector(input: PlanInput, model: AggModel, plan: Plan): number[] {
  const ix = indexPlan(input);
  const years = [...input.years].sort((a, b) => a - b);
  const personIx = new Map(input.people.map((p, i) => [p.id, i]));
  const groupOf = new Map<number, number>();
  model.groups.forEach((g, gi) => {
    for (const pi of g.members) groupOf.set(pi, gi);
  });
  const classes = new Map<string, number>();
  const count = new Map<string, number>();
  const filled = new Map<string, number>();
  const attended = input.people.map(() => new Set<number>());
  const away = new Map<string, Set<number>>();
  for (const e of plan.courses) {
    const ci = ix.courseIx.get(e.courseId);
    const ti = years.indexOf(e.year);
    if (ci === undefined || ti < 0) continue;
    classes.set(`${ci}:${ti}`, (classes.get(`${ci}:${ti}`) ?? 0) + e.classes);
    for (const id of e.attendees) {
      const pi = personIx.get(id);
      const gi = pi === undefined ? undefined : groupOf.get(pi);
      if (pi === undefined || gi === undefined) continue;
      if (model.xVar.has(`${gi}:${ci}:${ti}`)) count.set(`${gi}:${ci}:${ti}`, (count.get(`${gi}:${ci}:${ti}`) ?? 0) + 1);
      else filled.set(`${ci}:${ti}`, (filled.get(`${ci}:${ti}`) ?? 0) + 1);
      attended[pi]?.add(ci);
      const k = `${gi}:${ti}`;
      away.set(k, (away.get(k) ?? new Set()).add(pi));
    }
  }
  return model.vars.map((v) => {
    const m = v.meaning;
    if (m.kind === 'y') return classes.get(`${m.course}:${m.year}`) ?? 0;
    if (m.kind === 'X') return count.get(`${m.group}:${m.course}:${m.year}`) ?? 0;
    if (m.kind === 'A') return away.get(`${m.group}:${m.year}`)?.size ?? 0;
    if (m.kind === 'F') return filled.get(`${m.course}:${m.year}`) ?? 0;
    // Z: members of the group whose need (as the representative lists it) a course they attend closes.
    const g = model.groups[m.group];
    const need = input.people[g?.members[0] ?? -1]?.needs[m.need];
    if (!g || !need) return 0;
    let closed = 0;
    for (const pi of g.members) {
      for (const ci of attended[pi] ?? []) {
        const c = input.courses[ci];
        if (c && closes(c, need)) {
          closed++;
          break;
        }
      }
    }
    return closed;
  });
}
