import { budgetOf, closes, indexPlan, maxClasses, type PlanIndex, type PlanInput } from './plan-model.ts';

/**
 * A valid upper bound on the plan's objective computed without an LP solver (ADR 0011, "A bound
 * without HiGHS"): the fallback when HiGHS cannot give one (a national instance's LP outgrows
 * WebAssembly's memory, or the LP does not finish in its share of the time). Cheap: linear in the
 * people and their needs, then a few hundred passes over the distinct need "items" (people with
 * the same needs and options collapse into one item with a count).
 *
 * The argument. Let Ω be the objective Σ w_k·z_k − π·cost (π = costPenalty ≥ 0) of any feasible
 * plan, and λ_L ≥ 0 one multiplier per budget line L = (year, funding source) with amount B_L.
 * 1. Budget rows hold, so Ω ≤ Σ_L λ_L·B_L + Σ w·z − Σ_L (λ_L + π)·cost_L (Lagrangian relaxation:
 *    every added term λ_L·(B_L − cost_L) is ≥ 0).
 * 2. Cost per attendance: n people attend course c in year t only with y ≥ n / cap_c classes, and
 *    with y ≥ 1 ≥ n / E_c when n ≥ 1 (E_c people may attend c at all), so with k_c = min(cap_c, E_c)
 *    cost_L ≥ Σ over the line's attendances of e_c = costPerParticipant_c + costPerClass_c / k_c
 *    (costs are non-negative amounts of money). Filler attendances (closing nothing) only add cost.
 * 3. Drop every other coupling row (capacity beyond step 2, minimum size, unit share, days,
 *    prerequisite order): the rest is a separate choice per person of a set S of (course, year)
 *    options, worth V(S) − Σ_{(c,t)∈S} μ_{t,c}·e_c with μ_{t,c} = λ_{(t, source of c)} + π.
 * 4. Per person, one attendance may close several needs and several courses may close one need:
 *    give each closed need k one course c(k) ∈ S closing it; course c is given to at most m_c needs,
 *    m_c = how many of the person's needs c closes, so Σ_{(c,t)∈S} μ·e_c ≥ Σ_{closed k} μ·e_{c(k)} / m_{c(k)}.
 *    Hence V(S) − μ·e(S) ≤ Σ_k max(0, w_k − min over options (c,t) closing k of μ_{t,c}·e_c / m_c).
 * So for every λ ≥ 0:  Ω ≤ f(λ) = Σ_L λ_L·B_L + Σ_{p,k} max(0, w_k − min_{(c,t)} μ_{t,c}·e_c / m_c),
 * and the smallest f found is the bound. Options that no feasible plan can use are left out, which
 * only removes plans that do not exist: a course longer than the days limit, a course without
 * enough eligible people for one class (maxClasses = 0), a year whose budget line cannot pay one
 * class (costPerClass + costPerParticipant·max(1, min size)), a course whose uncompleted prerequisite
 * the person cannot attend (and, with one, the first year).
 * Minimising f: with one λ for every line f is a fractional knapsack's dual, minimised exactly by
 * sorting; a block-coordinate descent over the per-line λ (per source, per line) then tightens it. Any λ ≥ 0 is valid,
 * so convergence matters only for how tight the bound is, never for whether it holds.
 */

export type RelaxationBound = {
  /** The bound (objective units: gap closed − costPenalty · cost). */
  bound: number;
  /** With one multiplier for all budget lines (the merged budget); `bound` ≤ this. */
  mergedBound: number;
  /** Distinct items (need weight × options) and the needs they stand for. */
  items: number;
  needs: number;
  /** Evaluations of f in the coordinate descent. */
  iterations: number;
};

type Item = { weight: number; count: number; cost: Float64Array; line: Int32Array };

export function relaxationBound(input: PlanInput, options: { sweeps?: number; index?: PlanIndex } = {}): RelaxationBound {
  const ix = options.index ?? indexPlan(input);
  const years = [...input.years].sort((a, b) => a - b);
  const penalty = Math.max(0, input.costPenalty ?? 0);
  const D = input.maxDaysPerPersonYear;

  // Budget lines that some usable option draws on.
  const lineIx = new Map<string, number>();
  const amounts: number[] = [];
  const lineYear: number[] = [];
  const lineOf = (year: number, source: string) => {
    const key = `${year}\u0000${source}`;
    let l = lineIx.get(key);
    if (l === undefined) {
      l = amounts.length;
      lineIx.set(key, l);
      amounts.push(Math.max(0, budgetOf(input, year, source)));
      lineYear.push(year);
    }
    return l;
  };

  // Per course: cost per attendance and the years (as budget lines) it can run in at all.
  const seatCost: number[] = [];
  const runLines: number[][] = [];
  input.courses.forEach((c, ci) => {
    const perClass = Math.max(1, Math.min(c.capacity, ix.eligibleCount[ci] ?? 0));
    seatCost[ci] = Math.max(0, c.costPerParticipant) + Math.max(0, c.costPerClass) / perClass;
    const lines: number[] = [];
    if (c.durationDays <= D && maxClasses(c, ix.eligibleCount[ci] ?? 0) > 0) {
      const oneClass = c.costPerClass + c.costPerParticipant * Math.max(1, c.minSize);
      for (const year of years)
        if (oneClass <= 0 || budgetOf(input, year, c.fundingSource) + 1e-9 >= oneClass) lines.push(lineOf(year, c.fundingSource));
    }
    runLines[ci] = lines;
  });
  const firstYear = years[0];

  // Items: one per (person, need), identical ones merged with a count.
  const byKey = new Map<string, Item>();
  let needs = 0;
  let free = 0; // weight of needs some zero-cost option closes: counted whatever λ is
  input.people.forEach((p, pi) => {
    const done = ix.completed[pi] ?? new Set<string>();
    const cand = ix.candidates[pi] ?? [];
    const candSet = new Set(cand);
    const usable: { ci: number; lines: number[] }[] = [];
    for (const ci of cand) {
      const c = input.courses[ci];
      if (!c) continue;
      let lines = runLines[ci] ?? [];
      let blocked = false;
      for (const pre of c.prerequisites) {
        if (done.has(pre)) continue;
        const ai = ix.courseIx.get(pre);
        if (ai === undefined || !candSet.has(ai)) blocked = true;
        // Attended in an earlier year: never in the first.
        else lines = lines.filter((l) => lineYear[l] !== firstYear);
      }
      if (!blocked && lines.length > 0) usable.push({ ci, lines });
    }
    const positive = p.needs.filter((k) => k.weight > 0);
    if (positive.length === 0 || usable.length === 0) return;
    const shares = new Map<number, number>(); // m_c: the person's needs course c closes
    for (const { ci } of usable) {
      const c = input.courses[ci];
      if (c) shares.set(ci, positive.filter((k) => closes(c, k)).length);
    }
    for (const k of positive) {
      const cost: number[] = [];
      const line: number[] = [];
      for (const { ci, lines } of usable) {
        const c = input.courses[ci];
        if (!c || !closes(c, k)) continue;
        const a = (seatCost[ci] ?? 0) / Math.max(1, shares.get(ci) ?? 1);
        for (const l of lines) {
          cost.push(a);
          line.push(l);
        }
      }
      if (cost.length === 0) continue;
      needs++;
      if (cost.some((a) => a === 0)) {
        free += k.weight;
        continue;
      }
      const key = `${k.weight}|${cost.join(',')}|${line.join(',')}`;
      const item = byKey.get(key);
      if (item) item.count++;
      else byKey.set(key, { weight: k.weight, count: 1, cost: Float64Array.from(cost), line: Int32Array.from(line) });
    }
  });

  const items = [...byKey.values()];
  const lines = amounts.length;
  const f = (lambda: Float64Array): number => {
    let sum = free;
    for (let l = 0; l < lines; l++) sum += (lambda[l] ?? 0) * (amounts[l] ?? 0);
    for (const it of items) {
      let best = Number.POSITIVE_INFINITY;
      for (let o = 0; o < it.cost.length; o++) {
        const v = ((lambda[it.line[o] ?? 0] ?? 0) + penalty) * (it.cost[o] ?? 0);
        if (v < best) best = v;
      }
      if (it.weight > best) sum += it.count * (it.weight - best);
    }
    return sum;
  };

  // 1. One multiplier for every line (the merged budget): exact minimum by sorting breakpoints.
  // With μ = λ + π equal on all lines, item i costs μ·ρ_i (ρ_i its cheapest option) and is worth
  // taking while λ < w_i/ρ_i − π; f is convex and piecewise linear with a kink at each of these.
  const total = amounts.reduce((s, b) => s + b, 0);
  const rho = items.map((it) => Math.min(...it.cost));
  const order = items.map((_, i) => i).sort((a, b) => breakpoint(b) - breakpoint(a));
  function breakpoint(i: number): number {
    return (items[i]?.weight ?? 0) / (rho[i] ?? 1) - penalty;
  }
  let merged = Number.POSITIVE_INFINITY;
  let mergedLambda = 0;
  let w = 0;
  let r = 0;
  // f(λ) = λ·total + free + Σ_{i: b_i > λ} n_i·(w_i − (λ+π)·ρ_i), evaluated at λ = each b_j ≥ 0 and at 0.
  for (const i of order) {
    const b = breakpoint(i);
    if (b < 0) break;
    const value = b * total + free + w - (b + penalty) * r;
    if (value < merged) {
      merged = value;
      mergedLambda = b;
    }
    const it = items[i] as Item;
    w += it.count * it.weight;
    r += it.count * (rho[i] ?? 0);
  }
  const atZero = free + w - penalty * r;
  if (atZero < merged) {
    merged = atZero;
    mergedLambda = 0;
  }

  // 2. Per-line multipliers: cyclic block-coordinate descent from the merged optimum. Blocks: all
  // lines of one funding source (one value for its years), then each line alone; each by a ternary
  // search (f is convex along any such block; beyond λ_hi every option of a line is priced out).
  // It may stop short of the joint minimum (f is not smooth); every λ it visits is valid anyway.
  const lambda = new Float64Array(lines).fill(mergedLambda);
  let best = f(lambda);
  let lambdaHi = 0;
  for (const it of items) for (const a of it.cost) if (a > 0) lambdaHi = Math.max(lambdaHi, it.weight / a);
  const bySource = new Map<string, number[]>();
  for (const [key, l] of lineIx) {
    const source = key.slice(key.indexOf('\u0000') + 1);
    bySource.set(source, [...(bySource.get(source) ?? []), l]);
  }
  const blocks = [...bySource.values(), ...amounts.map((_, l) => [l])];
  const sweeps = options.sweeps ?? 4;
  let iterations = 0;
  for (let sweep = 0; sweep < sweeps && lines > 1 && items.length > 0; sweep++) {
    const before = best;
    for (const block of blocks) {
      const keep = block.map((l) => lambda[l] ?? 0);
      const at = (x: number) => {
        for (const l of block) lambda[l] = x;
        iterations++;
        return f(lambda);
      };
      let lo = 0;
      let hi = Math.max(lambdaHi, ...keep);
      for (let k = 0; k < 60 && hi - lo > 1e-12 * Math.max(1, hi); k++) {
        const m1 = lo + (hi - lo) / 3;
        const m2 = hi - (hi - lo) / 3;
        if (at(m1) <= at(m2)) hi = m2;
        else lo = m1;
      }
      const found = at((lo + hi) / 2);
      if (found < best) best = found;
      else
        block.forEach((l, k) => {
          lambda[l] = keep[k] ?? 0;
        });
    }
    if (best > before - 1e-9 * Math.abs(before)) break;
  }
  const bound = Math.min(merged, best);
  return { bound, mergedBound: merged, items: items.length, needs, iterations };
}

/** Where a plan's bound comes from: HiGHS's dual bound of a model (LP or MIP), this file's relaxation, or nowhere. */
export type BoundKind = 'solver' | 'relaxation' | 'none';

/**
 * The bound to report: the smaller of the solver's bound (null when HiGHS gave none: abort, time
 * limit) and the relaxation bound above. Both bound the optimum, so the smaller does too.
 */
export function reportedBound(
  input: PlanInput,
  solverBound: number | null,
  index?: PlanIndex,
): { bestBound: number; boundKind: BoundKind } {
  const fallback = relaxationBound(input, { index }).bound;
  if (solverBound !== null && solverBound <= fallback) return { bestBound: solverBound, boundKind: 'solver' };
  return { bestBound: fallback, boundKind: 'relaxation' };
}
