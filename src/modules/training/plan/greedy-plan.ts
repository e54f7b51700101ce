import { evaluatePlan, indexPlan, type Plan, type PlanInput } from './plan-model.ts';
import { PlanState } from './plan-state.ts';

/**
 * The greedy baseline (issue 6 §3: "a simple greedy plan, gap closed per budget"), the warm start
 * of the MIP and the core of the heuristic for instances too large for it. Repeatedly take the
 * move with the most weight of open needs closed per VND (per VND^α with `costExponent` α):
 * either open a new class of course c in year t (its best open-need candidates, topped up with
 * other feasible people to the minimum size, trimmed to the remaining budget) or add people to a
 * class already opened with free seats. Every move keeps every rule of the model (PlanState), so
 * the plan is feasible by construction; checkPlan verifies it in the tests. Deterministic: ties
 * go to the earlier course, year and person in input order.
 *
 * Moves are cached per course × year and only the ones a move can have changed are re-scored
 * (the move's year: budget, days and unit room; other years: courses closing the same needs of
 * the people moved, the course itself and the courses it is a prerequisite of).
 */
export type GreedyOptions = {
  /** Start from this (feasible) plan instead of an empty one. */
  start?: Plan;
  /** Score = gain / cost^α; 1 (default) is gap closed per VND, smaller values favour large classes. */
  costExponent?: number;
  /** Stop adding moves after this wall-clock instant (ms since the epoch). */
  deadline?: number;
};

type Move = { score: number; gain: number; ci: number; ti: number; people: number[]; newClass: boolean };

export function greedyPlan(input: PlanInput, options: GreedyOptions = {}): Plan {
  const state = new PlanState(input);
  if (options.start) state.load(options.start);
  runGreedy(state, options);
  return state.toPlan();
}

/** Runs greedy moves on `state` until none is left (or the deadline passes). */
export function runGreedy(state: PlanState, options: GreedyOptions = {}, forbidden?: ReadonlySet<string>): void {
  const { input } = state;
  const C = input.courses.length;
  const T = state.years.length;
  const alpha = options.costExponent ?? 1;
  const eligible = Array.from({ length: C }, () => [] as number[]);
  state.ix.candidates.forEach((cs, pi) => {
    for (const ci of cs) eligible[ci]?.push(pi);
  });
  const prereqOf = Array.from({ length: C }, () => [] as number[]); // course -> courses requiring it
  input.courses.forEach((c, cj) => {
    for (const pre of c.prerequisites) {
      const ai = state.ix.courseIx.get(pre);
      if (ai !== undefined) prereqOf[ai]?.push(cj);
    }
  });
  const score = (gain: number, cost: number) => (cost > 0 ? gain / cost ** alpha : Number.POSITIVE_INFINITY);

  const evaluate = (ci: number, ti: number): Move | null => {
    const c = input.courses[ci];
    if (!c || c.capacity <= 0 || forbidden?.has(`${ci}:${ti}`)) return null;
    const left = state.budgetLeft(ti, c.fundingSource);
    const scored: { pi: number; g: number }[] = [];
    for (const pi of eligible[ci] ?? []) if (state.canAttend(pi, ci, ti)) scored.push({ pi, g: state.gain(pi, ci) });
    if (scored.length === 0) return null;
    scored.sort((a, b) => b.g - a.g || a.pi - b.pi);
    const pick = (limit: number, needed: number) => {
      const room = new Map<number, number>();
      const chosen: number[] = [];
      let gain = 0;
      for (const { pi, g } of scored) {
        if (chosen.length >= limit) break;
        if (g <= 0 && chosen.length >= needed) break;
        const unit = input.people[pi]?.unitId ?? 0;
        if (!state.isAway(pi, ti)) {
          const r = room.get(unit) ?? state.unitCap(unit) - state.awayIn(unit, ti);
          if (r <= 0) continue;
          room.set(unit, r - 1);
        }
        chosen.push(pi);
        gain += g;
      }
      return { chosen, gain };
    };
    let best: Move | null = null;
    const free = (state.classes[ci]?.[ti] ?? 0) * c.capacity - (state.seats[ci]?.[ti]?.size ?? 0);
    if (free > 0) {
      const byBudget = c.costPerParticipant > 0 ? Math.floor(left / c.costPerParticipant + 1e-9) : free;
      const { chosen, gain } = pick(Math.min(free, byBudget), 0);
      if (chosen.length > 0 && gain > 0)
        best = { score: score(gain, c.costPerParticipant * chosen.length), gain, ci, ti, people: chosen, newClass: false };
    }
    const minSize = Math.max(1, c.minSize);
    if (left >= c.costPerClass + c.costPerParticipant * minSize) {
      const byBudget = c.costPerParticipant > 0 ? Math.floor((left - c.costPerClass) / c.costPerParticipant + 1e-9) : c.capacity;
      const { chosen, gain } = pick(Math.min(c.capacity, byBudget), minSize);
      if (chosen.length >= minSize && gain > 0) {
        const s = score(gain, c.costPerClass + c.costPerParticipant * chosen.length);
        if (!best || s > best.score || (s === best.score && gain > best.gain))
          best = { score: s, gain, ci, ti, people: chosen, newClass: true };
      }
    }
    return best;
  };

  const cache: (Move | null)[] = new Array(C * T).fill(null);
  const dirty = new Uint8Array(C * T).fill(1);
  for (;;) {
    if (options.deadline !== undefined && Date.now() > options.deadline) break;
    let best: Move | null = null;
    for (let ci = 0; ci < C; ci++) {
      for (let ti = 0; ti < T; ti++) {
        const k = ci * T + ti;
        if (dirty[k]) {
          cache[k] = evaluate(ci, ti);
          dirty[k] = 0;
        }
        const m = cache[k];
        if (m && (!best || m.score > best.score || (m.score === best.score && m.gain > best.gain))) best = m;
      }
    }
    if (!best) break;
    if (best.newClass) state.openClass(best.ci, best.ti);
    const touched = new Set<number>([best.ci]);
    for (const pi of best.people) {
      state.needCourses[pi]?.forEach((s, k) => {
        if (s.has(best.ci) && (state.closedCount[pi]?.[k] ?? 0) === 0) for (const cj of s) touched.add(cj);
      });
      state.add(pi, best.ci, best.ti);
    }
    for (const cj of prereqOf[best.ci] ?? []) touched.add(cj);
    for (let ci = 0; ci < C; ci++) dirty[ci * T + best.ti] = 1;
    for (const cj of touched) for (let ti = 0; ti < T; ti++) dirty[cj * T + ti] = 1;
  }
}

/**
 * The greedy made better (ADR 0011), within a time budget: the plain greedy and variants with a
 * cost exponent below 1 (which escape the "ratio trap" of many small cheap classes crowding out
 * an expensive valuable one), then a local search on the best: drop one class with its attendees
 * (and what depended on them), refill the budget greedily with that course and year barred, keep
 * the change if the gap closed grows. Deterministic for a given input and exponents; the time
 * budget can only cut the local search short.
 */
export function improvedGreedyPlan(
  input: PlanInput,
  options: { timeLimitSeconds?: number; exponents?: number[]; start?: Plan } = {},
): Plan {
  const deadline = Date.now() + (options.timeLimitSeconds ?? 10) * 1000;
  let best: Plan | null = options.start ?? null;
  let bestValue = best ? evaluatePlan(input, best).gapClosed : Number.NEGATIVE_INFINITY;
  for (const alpha of options.exponents ?? [1, 0.7, 0.4]) {
    if (best && Date.now() > deadline) break;
    // The first variant always runs to the end: a greedy cut short is a poor plan (and warm start).
    const plan = greedyPlan(input, { costExponent: alpha, deadline: best ? deadline : undefined });
    const value = evaluatePlan(input, plan).gapClosed;
    if (value > bestValue + 1e-9) {
      best = plan;
      bestValue = value;
    }
  }
  if (!best) return { courses: [] };
  return localSearch(input, best, deadline);
}

/** Drop-one-class-and-refill moves on `plan` until no move improves or the deadline passes. */
export function localSearch(input: PlanInput, plan: Plan, deadline: number): Plan {
  // One index for every state built here: rebuilding it per trial dominated the time on a province.
  const ix = indexPlan(input);
  let best = plan;
  let bestValue = evaluatePlan(input, best).gapClosed;
  for (let improved = true; improved && Date.now() < deadline; ) {
    improved = false;
    const base = new PlanState(input, ix);
    base.load(best);
    // Weakest classes first: least weight lost per VND if they go (weight only they close for their attendees).
    const entries = best.courses
      .map((e) => {
        const ci = ix.courseIx.get(e.courseId) ?? -1;
        const ti = base.years.indexOf(e.year);
        const c = input.courses[ci];
        const cost = c ? c.costPerClass * e.classes + c.costPerParticipant * e.attendees.length : 0;
        let loss = 0;
        for (const pi of base.seats[ci]?.[ti] ?? []) {
          const needs = input.people[pi]?.needs ?? [];
          base.needCourses[pi]?.forEach((closers, k) => {
            if (closers.has(ci) && base.closedCount[pi]?.[k] === 1) loss += needs[k]?.weight ?? 0;
          });
        }
        return { ci, ti, ratio: cost > 0 ? loss / cost : Number.POSITIVE_INFINITY };
      })
      .sort((a, b) => a.ratio - b.ratio);
    for (const { ci, ti } of entries) {
      if (Date.now() > deadline) break;
      if (ci < 0 || ti < 0) continue;
      const state = new PlanState(input, ix);
      state.load(best);
      for (const pi of [...(state.seats[ci]?.[ti] ?? [])]) state.removeWithDependants(pi, ci);
      while ((state.classes[ci]?.[ti] ?? 0) > 0) state.closeClass(ci, ti);
      state.fixMinimumSizes();
      runGreedy(state, { deadline }, new Set([`${ci}:${ti}`]));
      const value = state.gapClosed();
      if (value > bestValue + 1e-9) {
        best = state.toPlan();
        bestValue = value;
        improved = true;
        break;
      }
    }
  }
  return best;
}
