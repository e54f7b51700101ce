import { groupBy } from '../../../platform/collections/group-by.ts';
import { buildAggregatedModel } from './aggregate-model.ts';
import { greedyPlan, runGreedy } from './greedy-plan.ts';
import { groupPeople } from './plan-groups.ts';
import { evaluatePlan, normalisePlan, type Plan, type PlanInput } from './plan-model.ts';
import { PlanState } from './plan-state.ts';
import { reportedBound } from './relaxation-bound.ts';
import { planObjective, relativeGap, runHighs, type SolveOptions, type SolveResult, solvePlan } from './solve-plan.ts';

/**
 * The heuristic for instances too large for one MIP (ADR 0011), e.g. a national plan:
 *
 * 1. Bound: the LP relaxation of a coarser aggregation, people grouped across units (the unit
 *    share left out), which relaxes the per-person model, so its optimum bounds every plan.
 * 2. Decompose: units in input order into blocks of at most `blockPeople` people (a unit is never
 *    split, so each unit's share stays inside one block); each budget line is shared among the
 *    blocks in proportion to the weight of their open needs; each block is solved as its own
 *    aggregated MIP (warm-started from the greedy) within an equal share of the time.
 * 3. Merge: per course and year the blocks' attendees are put together in the fewest classes
 *    that hold them (min·k ≤ n ≤ cap·k still holds), which frees class costs; then the greedy
 *    spends what is left of every budget line on the whole instance, starting from that plan.
 * The plan is feasible by construction; the reported gap is to the bound of step 1, or, when HiGHS
 * cannot solve that LP (on a national instance HiGHS-WASM runs out of memory and aborts) or it is
 * weaker, to the relaxation bound of relaxation-bound.ts (computed without HiGHS, in seconds).
 */
export type LargePlanOptions = SolveOptions & { blockPeople?: number; timeLimitSeconds: number };

/** Below this share of the time a block is planned by the greedy alone (see the loop). */
const MIN_BLOCK_SECONDS = 5;

export async function largePlan(input: PlanInput, options: LargePlanOptions): Promise<SolveResult> {
  const started = Date.now();
  const limit = options.timeLimitSeconds;
  const left = () => limit - (Date.now() - started) / 1000;

  // 1. Bound from the LP relaxation of the unit-free aggregation, within a quarter of the time.
  const coarse = buildAggregatedModel(input, groupPeople(input, { byUnit: false }), { ignoreUnitShare: true });
  const relaxed = { ...coarse, vars: coarse.vars.map((v) => ({ ...v, type: 'continuous' as const })) };
  const lp = await runHighs(relaxed, { timeLimitSeconds: limit / 4 });
  const reported = reportedBound(input, lp.status === 'OPTIMAL' ? lp.objective : null);
  const bound = reported.bestBound;

  // 2. Blocks of whole units.
  const blockPeople = options.blockPeople ?? 2000;
  const byUnit = groupBy(
    input.people,
    (p) => p.unitId,
    (_p, pi) => pi,
  );
  const blocks: number[][] = [];
  let current: number[] = [];
  for (const members of byUnit.values()) {
    if (current.length > 0 && current.length + members.length > blockPeople) {
      blocks.push(current);
      current = [];
    }
    current.push(...members);
  }
  if (current.length > 0) blocks.push(current);
  const weightOf = (pis: number[]) =>
    pis.reduce((s, pi) => s + (input.people[pi]?.needs ?? []).reduce((t, n) => t + Math.max(0, n.weight), 0), 0);
  const total = weightOf(input.people.map((_, i) => i)) || 1;
  const parts: Plan[] = [];
  let blockIndex = 0;
  for (const pis of blocks) {
    const share = weightOf(pis) / total;
    const unitIds = new Set(pis.map((pi) => input.people[pi]?.unitId));
    const sub: PlanInput = {
      ...input,
      people: pis.map((pi) => input.people[pi]).filter((p) => p !== undefined),
      units: input.units.filter((u) => unitIds.has(u.id)),
      budgets: input.budgets.map((b) => ({ ...b, amount: Math.floor(b.amount * share) })),
    };
    // Equal time for the blocks still to solve, keeping a tenth of the total for the merge. A block
    // left less than a few seconds gets the greedy alone: building and warm-starting its MIP takes
    // seconds whatever its limit, and fifty such blocks ran a 300 s national plan to 500 s and more.
    const time = (left() - limit / 10) / (blocks.length - blockIndex);
    blockIndex++;
    const plan =
      time >= MIN_BLOCK_SECONDS
        ? (await solvePlan(sub, { method: 'aggregated', timeLimitSeconds: time, mipRelGap: options.mipRelGap, seed: options.seed })).plan
        : greedyPlan(sub);
    parts.push(plan);
    options.onProgress?.({ seconds: (Date.now() - started) / 1000, incumbent: null, bestBound: bound, gap: null });
  }

  // 3. Merge into the fewest classes, then spend what is left.
  const byKey = new Map<string, { courseId: string; year: number; attendees: number[] }>();
  for (const part of parts)
    for (const e of part.courses) {
      const key = `${e.courseId}\u0000${e.year}`;
      const entry = byKey.get(key) ?? { courseId: e.courseId, year: e.year, attendees: [] };
      entry.attendees.push(...e.attendees);
      byKey.set(key, entry);
    }
  const courseOf = new Map(input.courses.map((c) => [c.id, c]));
  const merged = normalisePlan(input, {
    courses: [...byKey.values()].map((e) => ({
      ...e,
      classes: Math.ceil(e.attendees.length / Math.max(1, courseOf.get(e.courseId)?.capacity ?? 1)),
    })),
  });
  const state = new PlanState(input);
  state.load(merged);
  runGreedy(state, { deadline: started + limit * 1000 });
  const plan = state.toPlan();
  const value = evaluatePlan(input, plan);
  const objective = planObjective(input, value);
  return {
    status: 'TIME_LIMIT',
    highsStatus: lp.highsStatus,
    plan,
    value,
    objective,
    ...reported,
    gap: relativeGap(bound, objective),
    seconds: (Date.now() - started) / 1000,
    size: { columns: coarse.vars.length, rows: coarse.rows.length, integers: 0 },
    method: 'heuristic',
    groups: coarse.groups.length,
    rounds: blocks.length,
  };
}
