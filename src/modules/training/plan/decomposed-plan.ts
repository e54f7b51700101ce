import { type AggModel, aggregatedVector } from './aggregate-model.ts';
import { buildCourseLevelModel, courseLevelGroups } from './course-level-model.ts';
import { prng } from './generated-instance.ts';
import { improvedGreedyPlan, localSearch, runGreedy } from './greedy-plan.ts';
import { evaluatePlan, indexPlan, type Plan, type PlanInput } from './plan-model.ts';
import { PlanState } from './plan-state.ts';

/**
 * Step 2 of the decomposition (ADR 0011): a course-level solution (classes per course and year,
 * head-counts per group, course and year) turned into named people. Classes are opened as the
 * solution says; year by year, longest course first, each group's seats go to its members for
 * whom the course closes the most open weight, then to members already away that year, then to
 * members of units with the most room left (the unit share is the rule the course-level model
 * only sums), by input order last. Every per-person rule is checked (PlanState), seats beyond
 * the classes' capacity are not given, filler seats go to anyone who may still attend. Then
 * classes are re-sized to their minimum (PlanState.fixMinimumSizes) and the greedy spends
 * what the budget has left (it also fills free seats of open classes). Feasible by construction.
 */
export function realiseCourseLevel(input: PlanInput, model: AggModel, values: ArrayLike<number>, deadline?: number): Plan {
  const state = new PlanState(input);
  const T = state.years.length;
  const target = new Map<string, number>();
  const fill = new Map<string, number>();
  // Classes: the whole ones first, then the rounded-up fractions, largest first, while the budget allows.
  const fractions: { ci: number; ti: number; f: number }[] = [];
  const canPay = (ci: number, ti: number, amount: number) => {
    const c = input.courses[ci];
    return !!c && state.budgetLeft(ti, c.fundingSource) >= amount - 1e-6;
  };
  model.vars.forEach((v, i) => {
    const x = values[i] ?? 0;
    const m = v.meaning;
    if (m.kind === 'y') {
      const whole = Math.floor(x + 1e-6);
      for (let k = 0; k < whole; k++)
        if (canPay(m.course, m.year, input.courses[m.course]?.costPerClass ?? 0)) state.openClass(m.course, m.year);
      if (x - whole >= 0.5) fractions.push({ ci: m.course, ti: m.year, f: x - whole });
    } else if (m.kind === 'X' && Math.round(x) > 0) target.set(`${m.group}:${m.course}:${m.year}`, Math.round(x));
    else if (m.kind === 'F' && Math.round(x) > 0) fill.set(`${m.course}:${m.year}`, Math.round(x));
  });
  fractions.sort((a, b) => b.f - a.f || a.ci - b.ci || a.ti - b.ti);
  for (const { ci, ti } of fractions) {
    const c = input.courses[ci];
    if (c && canPay(ci, ti, c.costPerClass + c.costPerParticipant * c.minSize)) state.openClass(ci, ti);
  }
  const seatCost = (ci: number) => input.courses[ci]?.costPerParticipant ?? 0;
  const room = (ci: number, ti: number) =>
    (state.classes[ci]?.[ti] ?? 0) * (input.courses[ci]?.capacity ?? 0) - (state.seats[ci]?.[ti]?.size ?? 0);
  for (let ti = 0; ti < T; ti++) {
    const wanted: { gi: number; ci: number; want: number }[] = [];
    for (const [key, want] of target) {
      const [gi, ci, t] = key.split(':').map(Number) as [number, number, number];
      if (t === ti) wanted.push({ gi, ci, want });
    }
    wanted.sort(
      (a, b) => (input.courses[b.ci]?.durationDays ?? 0) - (input.courses[a.ci]?.durationDays ?? 0) || a.ci - b.ci || a.gi - b.gi,
    );
    for (const { gi, ci, want } of wanted) {
      const members = model.groups[gi]?.members ?? [];
      const ranked = members
        .filter((pi) => state.canAttend(pi, ci, ti))
        .map((pi) => {
          const unit = input.people[pi]?.unitId ?? 0;
          return {
            pi,
            gain: state.gain(pi, ci),
            away: state.isAway(pi, ti) ? 1 : 0,
            unitRoom: state.unitCap(unit) - state.awayIn(unit, ti),
          };
        })
        .sort((a, b) => b.gain - a.gain || b.away - a.away || b.unitRoom - a.unitRoom || a.pi - b.pi);
      let placed = 0;
      for (const r of ranked) {
        if (placed >= want || room(ci, ti) <= 0 || !canPay(ci, ti, seatCost(ci))) break;
        // The unit's room may have shrunk since ranking (earlier members of the same unit).
        if (!state.canAttend(r.pi, ci, ti)) continue;
        state.add(r.pi, ci, ti);
        placed++;
      }
    }
    for (const [key, want] of fill) {
      const [ci, t] = key.split(':').map(Number) as [number, number];
      if (t !== ti) continue;
      for (const pi of state.fillers(ci, ti, Math.min(want, room(ci, ti)))) if (canPay(ci, ti, seatCost(ci))) state.add(pi, ci, ti);
    }
  }
  state.fixMinimumSizes();
  runGreedy(state, { deadline });
  return state.toPlan();
}

/** The course-level model with the largest member weights (its LP optimum bounds every plan). */
export function courseLevelModel(input: PlanInput, weights: 'mean' | 'max' = 'max'): AggModel {
  const ix = indexPlan(input);
  return buildCourseLevelModel(input, courseLevelGroups(input, ix), { index: ix, weights });
}

export type DecomposedResult = {
  plan: Plan;
  /** Gap closed by the warm-start heuristic (greedy variants + local search). */
  startValue: number;
  /** Gap closed by the realised LP solution before the local search; null when the LP did not finish. */
  realisedValue: number | null;
  /** LP optimum of the course-level model with the largest weights: a valid upper bound; null if not reached. */
  bound: number | null;
  lpStatus: string;
  columns: number;
  rows: number;
  groups: number;
};

/**
 * The decomposition within `timeLimitSeconds`, wall clock from `started` (ADR 0011):
 * 1. warm start: the improved greedy within a sixth of the time;
 * 2. the LP relaxation of the course-level model (largest weights), within what is left minus a
 *    reserve of a third of the limit for 3–4: its optimum is the bound;
 * 3. the LP solution realised as people (realiseCourseLevel: classes rounded within the budget,
 *    head-counts rounded, every rule checked), the greedy spending what is left;
 * 4. the drop-one-class-and-refill local search from the better of the realised and the warm-start
 *    plan, then from the other if it stops with time left, until the deadline.
 * `solveLp` is injected (the HiGHS runner of solve-plan.ts) to keep this file free of the WASM runtime.
 */
export async function decomposedPlan(
  input: PlanInput,
  options: {
    timeLimitSeconds: number;
    started?: number;
    start?: Plan;
    solveLp: (model: AggModel, seconds: number) => Promise<{ values: number[] | null; objective: number | null; status: string }>;
  },
): Promise<DecomposedResult> {
  const started = options.started ?? Date.now();
  const deadline = started + options.timeLimitSeconds * 1000;
  const left = () => (deadline - Date.now()) / 1000;
  const start = options.start ?? improvedGreedyPlan(input, { timeLimitSeconds: options.timeLimitSeconds / 8 });
  const startValue = evaluatePlan(input, start).gapClosed;
  const model = courseLevelModel(input, 'max');
  const size = { columns: model.vars.length, rows: model.rows.length, groups: model.groups.length };
  const lpSeconds = left() - options.timeLimitSeconds / 4;
  let bound: number | null = null;
  let realisedValue: number | null = null;
  let lpStatus = 'not run';
  let realised: Plan | null = null;
  if (lpSeconds > 0.5) {
    const relaxed = { ...model, vars: model.vars.map((v) => ({ ...v, type: 'continuous' as const })) };
    const lp = await options.solveLp(relaxed, lpSeconds);
    lpStatus = lp.status;
    if (lp.status === 'OPTIMAL' && lp.values) {
      bound = lp.objective;
      realised = realiseCourseLevel(input, model, lp.values, deadline);
      realisedValue = evaluatePlan(input, realised).gapClosed;
    }
  }
  // The warm start re-realised through the model (same classes and head-counts, people and fill
  // chosen afresh) is a third start: on the quick instance its local search went furthest.
  const reshuffled = realiseCourseLevel(input, model, aggregatedVector(input, model, start), deadline);
  // Local search from each start, best first, each within an equal share of the time left.
  const starts = [start, reshuffled, ...(realised ? [realised] : [])].sort(
    (a, b) => evaluatePlan(input, b).gapClosed - evaluatePlan(input, a).gapClosed,
  );
  // The best start counts even if no time is left to search from it.
  let best = starts[0] ?? start;
  let bestValue = evaluatePlan(input, best).gapClosed;
  for (let k = 0; k < starts.length; k++) {
    const plan = starts[k] as Plan;
    if (k > 0 && Date.now() >= deadline) break;
    // An equal share of what is left for each start (on a province one search alone never stops).
    const improved = localSearch(input, plan, Date.now() + (deadline - Date.now()) / (starts.length - k));
    const value = evaluatePlan(input, improved).gapClosed;
    if (value > bestValue + 1e-9) {
      best = improved;
      bestValue = value;
    }
  }
  best = perturbSearch(input, best, deadline);
  return { plan: best, startValue, realisedValue, bound, lpStatus, ...size };
}

/**
 * Uses the time the local search leaves (it stops at a local optimum): drop two to four classes
 * picked at random (seeded, so the sequence of trials is reproducible; how many fit in the time is
 * not), with their attendees and what depended on them, refill with the greedy (cost exponent 1,
 * 0.7 or 0.4, also at random) with those course-years barred, keep the plan if it closes more.
 */
export function perturbSearch(input: PlanInput, plan: Plan, deadline: number, seed = 1): Plan {
  const rnd = prng(seed);
  let best = plan;
  let bestValue = evaluatePlan(input, plan).gapClosed;
  const exponents = [1, 0.7, 0.4];
  const ix = indexPlan(input);
  while (Date.now() < deadline && best.courses.length >= 2) {
    const state = new PlanState(input, ix);
    state.load(best);
    const barred = new Set<string>();
    const drop = 2 + Math.floor(rnd() * 3);
    for (let k = 0; k < drop; k++) {
      const e = best.courses[Math.floor(rnd() * best.courses.length)];
      const ci = e ? state.ix.courseIx.get(e.courseId) : undefined;
      const ti = e ? state.years.indexOf(e.year) : -1;
      if (ci === undefined || ti < 0 || barred.has(`${ci}:${ti}`)) continue;
      barred.add(`${ci}:${ti}`);
      for (const pi of [...(state.seats[ci]?.[ti] ?? [])]) state.removeWithDependants(pi, ci);
      while ((state.classes[ci]?.[ti] ?? 0) > 0) state.closeClass(ci, ti);
    }
    state.fixMinimumSizes();
    runGreedy(state, { deadline, costExponent: exponents[Math.floor(rnd() * exponents.length)] }, barred);
    const value = state.gapClosed();
    if (value > bestValue + 1e-9) {
      best = state.toPlan();
      bestValue = value;
    }
  }
  return best;
}
