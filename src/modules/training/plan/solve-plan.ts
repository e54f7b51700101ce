import highsModule, { type Highs, type ModelData } from 'highs';
import { type AggModel, aggregatedVector, buildAggregatedModel } from './aggregate-model.ts';
import { decomposedPlan } from './decomposed-plan.ts';
import { improvedGreedyPlan } from './greedy-plan.ts';
import { largePlan } from './large-plan.ts';
import { type LinearModel, toLpFormat } from './lp-format.ts';
import { groupPeople, type PersonGroup } from './plan-groups.ts';
import { buildPlanModel, decodePlan, evaluatePlan, indexPlan, type Mip, type Plan, type PlanInput, type PlanValue } from './plan-model.ts';
import { realisePlan } from './realise-plan.ts';
import { type BoundKind, reportedBound } from './relaxation-bound.ts';

/**
 * Solves the plan model with HiGHS (the `highs` npm package: HiGHS compiled to WebAssembly,
 * single-threaded). The model goes in as LP text, the same text `toLpFormat` exports, so what
 * the app solves and what an analyst re-solves elsewhere (scipy's native HiGHS) are one model.
 * The persistent API is used rather than the one-shot `solve()` because only it reports the MIP
 * dual bound and gap, accepts a warm start and gives progress callbacks.
 *
 * `solvePlan` (ADR 0011) by default: a greedy-plus-local-search plan as the warm start; the
 * aggregated model (interchangeable people as integer counts, tightened); the solution realised
 * as people, and groups whose realisation fell short split into single people and solved again
 * while time is left. Instances whose aggregated model exceeds `decomposeAbove` columns go to the
 * course-level decomposition (decomposed-plan.ts), much larger ones to the heuristic of
 * large-plan.ts; both report their gap to an LP bound. The whole call keeps to timeLimitSeconds.
 */

// highs ships one CommonJS-style types.d.ts for both builds, so under NodeNext TypeScript sees the
// default import as the module object while Node's ESM build gives the loader function itself.
type LoadHighs = (typeof highsModule)['default'];
const loadHighs: LoadHighs = typeof highsModule === 'function' ? (highsModule as unknown as LoadHighs) : highsModule.default;

let runtime: Promise<Highs> | undefined;
/** The WASM runtime, loaded once per process (loading costs far more than a small solve). */
export function highsRuntime(): Promise<Highs> {
  runtime ??= loadHighs();
  return runtime;
}

export type SolveStatus =
  | 'OPTIMAL'
  | 'TIME_LIMIT'
  | 'INFEASIBLE'
  | 'INTERRUPTED'
  | 'SOLUTION_LIMIT'
  | 'ITERATION_LIMIT'
  | 'EMPTY'
  | 'UNBOUNDED'
  | 'ERROR';

export type SolveProgress = { seconds: number; incumbent: number | null; bestBound: number | null; gap: number | null };

/**
 * - `person`: the per-person model of plan-model.ts, as built by buildPlanModel;
 * - `aggregated`: the aggregated model with realisation and refinement (exact, see the file header);
 * - `decomposed`: decomposed-plan.ts (course-level LP, people assigned to its classes, local
 *   search; gap to the LP bound of the course-level model);
 * - `heuristic`: large-plan.ts (decomposition by blocks of units, gap to an LP bound);
 * - `auto` (default): `aggregated` while its model stays below `decomposeAbove` columns (it can
 *   then prove optimality), `decomposed` up to `maxColumns`, `heuristic` above.
 */
export type SolveMethod = 'auto' | 'person' | 'aggregated' | 'decomposed' | 'heuristic';

export type SolveOptions = {
  /** Wall-clock limit in seconds (HiGHS `time_limit`; for `auto` the whole solve, heuristic included). */
  timeLimitSeconds?: number;
  /** Stop when the relative gap is at most this (HiGHS `mip_rel_gap`; 0 proves optimality). */
  mipRelGap?: number;
  /** HiGHS `random_seed`: the same model, seed and options give the same plan. */
  seed?: number;
  /** A feasible plan (e.g. the greedy's) handed to HiGHS as its first incumbent. */
  start?: Plan;
  onProgress?: (p: SolveProgress) => void;
  method?: SolveMethod;
  /** Above this many columns of the aggregated model, `auto` uses the heuristic (default 250 000). */
  maxColumns?: number;
  /** Above this many (estimated) columns of the aggregated model, `auto` uses `decomposed` (default 20 000). */
  decomposeAbove?: number;
};

export type SolveResult = {
  status: SolveStatus;
  /** HiGHS's own status name, for logs. */
  highsStatus: string;
  /** The plan found (empty when none was found). */
  plan: Plan;
  value: PlanValue;
  /** Objective of the plan (gap closed − cost penalty); null without one. */
  objective: number | null;
  /** Best proven upper bound on the objective; null when none is known. */
  bestBound: number | null;
  /**
   * Where bestBound comes from: `solver`, HiGHS's dual bound of the model solved (or of its LP
   * relaxation); `relaxation`, the bound of relaxation-bound.ts, computed without HiGHS when HiGHS
   * gave none (abort, time limit) or a weaker one; `none` without a bound.
   */
  boundKind?: BoundKind;
  /** Relative gap |bound − objective| / |objective|; 0 when proved optimal. */
  gap: number | null;
  seconds: number;
  size: { columns: number; rows: number; integers: number };
  /** How the plan was found (absent only in results of `solveModel`). */
  method?: Exclude<SolveMethod, 'auto'>;
  /** Groups of interchangeable people in the last aggregated model solved. */
  groups?: number;
  /** Aggregated solves (1 + refinements). */
  rounds?: number;
  /** Gap closed by the warm-start heuristic plan. */
  startValue?: number;
};

const STATUS_BY_NAME: Record<string, SolveStatus> = {
  optimal: 'OPTIMAL',
  timeLimit: 'TIME_LIMIT',
  infeasible: 'INFEASIBLE',
  interrupted: 'INTERRUPTED',
  solutionLimit: 'SOLUTION_LIMIT',
  iterationLimit: 'ITERATION_LIMIT',
  empty: 'EMPTY',
  unbounded: 'UNBOUNDED',
  unboundedOrInfeasible: 'UNBOUNDED',
};

/** The full column vector of `model` for a plan: y and x from the plan, a and z as implied. */
export function planToVector(input: PlanInput, model: Mip, plan: Plan): number[] {
  const ix = indexPlan(input);
  const years = [...input.years].sort((a, b) => a - b);
  const personIx = new Map(input.people.map((p, i) => [p.id, i]));
  const classes = new Map<string, number>();
  const attends = new Set<string>();
  const away = new Set<string>();
  for (const e of plan.courses) {
    const ci = ix.courseIx.get(e.courseId);
    const ti = years.indexOf(e.year);
    if (ci === undefined || ti < 0) continue;
    classes.set(`${ci}:${ti}`, e.classes);
    for (const id of e.attendees) {
      const pi = personIx.get(id);
      if (pi === undefined) continue;
      attends.add(`${pi}:${ci}:${ti}`);
      away.add(`${pi}:${ti}`);
    }
  }
  const closedBy = new Set(evaluatePlan(input, plan).closedNeeds.map((n) => `${personIx.get(n.personId)}:${n.need}`));
  return model.vars.map((v) => {
    const m = v.meaning;
    if (m.kind === 'y') return classes.get(`${m.course}:${m.year}`) ?? 0;
    if (m.kind === 'x') return attends.has(`${m.person}:${m.course}:${m.year}`) ? 1 : 0;
    if (m.kind === 'a') return away.has(`${m.person}:${m.year}`) ? 1 : 0;
    return closedBy.has(`${m.person}:${m.need}`) ? 1 : 0;
  });
}

export type HighsRun = {
  status: SolveStatus;
  highsStatus: string;
  /** Column values in `model.vars` order; null without a primal solution. */
  values: number[] | null;
  objective: number | null;
  bestBound: number | null;
  gap: number | null;
  seconds: number;
};

/** The model as HiGHS's in-memory arrays (rows compressed), columns in `model.vars` order. */
export function toModelData(highs: Highs, model: LinearModel): ModelData {
  const starts = new Int32Array(model.rows.length + 1);
  let nz = 0;
  model.rows.forEach((r, i) => {
    nz += r.terms.length;
    starts[i + 1] = nz;
  });
  const indices = new Int32Array(nz);
  const values = new Float64Array(nz);
  let at = 0;
  for (const r of model.rows)
    for (const [v, c] of r.terms) {
      indices[at] = v;
      values[at++] = c;
    }
  const inf = highs.infinity;
  return {
    numCols: model.vars.length,
    numRows: model.rows.length,
    sense: model.sense === 'maximize' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    colCost: Float64Array.from(model.vars, (v) => v.objective),
    colLower: Float64Array.from(model.vars, (v) => v.lower),
    colUpper: Float64Array.from(model.vars, (v) => (Number.isFinite(v.upper) ? v.upper : inf)),
    rowLower: Float64Array.from(model.rows, (r) => (r.sense === '>=' ? r.rhs : -inf)),
    rowUpper: Float64Array.from(model.rows, (r) => (r.sense === '<=' ? r.rhs : inf)),
    matrix: { format: 'csr', numRows: model.rows.length, numCols: model.vars.length, starts, indices, values },
    integrality: Int32Array.from(model.vars, (v) => (v.type === 'continuous' ? 0 : 1)),
  };
}

/** One HiGHS run of any linear model (the plan's, the aggregated one or a relaxation). */
export async function runHighs(
  model: LinearModel,
  options: {
    timeLimitSeconds?: number;
    mipRelGap?: number;
    seed?: number;
    start?: readonly number[];
    onProgress?: (p: SolveProgress) => void;
    /** Further HiGHS options (e.g. `mip_heuristic_effort`), set after the ones above. */
    highsOptions?: Record<string, string | number | boolean>;
  },
): Promise<HighsRun> {
  const highs = await highsRuntime();
  if (model.vars.length === 0)
    return { status: 'OPTIMAL', highsStatus: 'Empty', values: [], objective: 0, bestBound: 0, gap: 0, seconds: 0 };
  const names = Object.entries(highs.constants.modelStatus) as [string, number][];
  const began = Date.now();
  try {
    return solveLoaded(highs, names, model, options);
  } catch (error) {
    // HiGHS compiled to WebAssembly aborts when a model outgrows its memory (a national plan's
    // bound LP did): the module is unusable afterwards, so the next solve loads a fresh one, and
    // this one reports an error its callers treat as "no solution and no bound" (the greedy plan
    // stands) instead of failing the plan job, or every later solve of the process.
    if (!(error instanceof WebAssembly.RuntimeError)) throw error;
    runtime = undefined;
    const seconds = (Date.now() - began) / 1000;
    return {
      status: 'ERROR',
      highsStatus: `ABORTED: ${error.message}`,
      values: null,
      objective: null,
      bestBound: null,
      gap: null,
      seconds,
    };
  }
}

function solveLoaded(highs: Highs, names: [string, number][], model: LinearModel, options: Parameters<typeof runHighs>[1]): HighsRun {
  // Passed as arrays, not LP text: reading 10 MB of LP text took HiGHS longer than solving small models.
  return highs.withModel(toModelData(highs, model), (m) => {
    m.options.set({
      output_flag: false,
      time_limit: Math.max(0.1, options.timeLimitSeconds ?? 60),
      mip_rel_gap: options.mipRelGap ?? 1e-4,
      random_seed: options.seed ?? 0,
      ...options.highsOptions,
    });
    const colOf = model.vars.map((_, i) => i);
    if (options.start) {
      const vec = options.start;
      m.setSolution({ colValue: colOf.map((i) => (i >= 0 ? (vec[i] ?? 0) : 0)) });
    }
    const progress = options.onProgress;
    let lastReport = -1;
    m.run(
      progress
        ? {
            4: (e) => {
              progress(toProgress(e.data));
              return undefined;
            },
            6: (e) => {
              // Throttled: the interrupt channel fires at every node.
              const t = e.data.running_time ?? 0;
              if (t - lastReport >= 0.5) {
                lastReport = t;
                progress(toProgress(e.data));
              }
              return undefined;
            },
          }
        : undefined,
    );
    const code = m.getModelStatus();
    const highsStatus = names.find(([, c]) => c === code)?.[0] ?? 'unknown';
    const status = STATUS_BY_NAME[highsStatus] ?? 'ERROR';
    const hasPrimal = Number(m.info.get('primal_solution_status')) === 2;
    let values: number[] | null = null;
    if (hasPrimal) {
      values = new Array<number>(model.vars.length).fill(0);
      const col = m.getSolution().colValue;
      colOf.forEach((i, j) => {
        if (i >= 0 && values) values[i] = col[j] ?? 0;
      });
    }
    const isMip = model.vars.some((v) => v.type !== 'continuous');
    const bound = isMip ? Number(m.info.get('mip_dual_bound')) : hasPrimal ? m.getObjectiveValue() : Number.NaN;
    const gap = isMip ? Number(m.info.get('mip_gap')) : 0;
    return {
      status,
      highsStatus,
      values,
      objective: hasPrimal ? m.getObjectiveValue() : null,
      bestBound: Number.isFinite(bound) && Math.abs(bound) < 1e300 ? bound : null,
      gap: Number.isFinite(gap) ? gap : null,
      seconds: m.getRunTime(),
    };
  });
}

const sizeOf = (model: LinearModel) => ({
  columns: model.vars.length,
  rows: model.rows.length,
  integers: model.vars.filter((v) => v.type !== 'continuous').length,
});

/** Solves an already built per-person model (so a caller can export and solve the very same model). */
export async function solveModel(input: PlanInput, model: Mip, options: SolveOptions = {}): Promise<SolveResult> {
  const r = await runHighs(model, { ...options, start: options.start ? planToVector(input, model, options.start) : undefined });
  const plan = r.values ? decodePlan(input, model, r.values) : { courses: [] };
  return {
    status: r.status,
    highsStatus: r.highsStatus,
    plan,
    value: evaluatePlan(input, plan),
    objective: r.objective,
    bestBound: r.bestBound,
    boundKind: r.bestBound === null ? 'none' : 'solver',
    gap: r.gap,
    seconds: r.seconds,
    size: sizeOf(model),
  };
}

function toProgress(d: { running_time?: number; mip_primal_bound?: number; mip_dual_bound?: number; mip_gap?: number }): SolveProgress {
  const fin = (n: number | undefined) => (n !== undefined && Number.isFinite(n) && Math.abs(n) < 1e300 ? n : null);
  return { seconds: d.running_time ?? 0, incumbent: fin(d.mip_primal_bound), bestBound: fin(d.mip_dual_bound), gap: fin(d.mip_gap) };
}

/** The model in fixed MPS format (the other standard exchange format), converted by HiGHS from the LP text. */
export async function toMpsFormat(model: LinearModel): Promise<Uint8Array> {
  const highs = await highsRuntime();
  return highs.withModel({ format: 'lp', data: toLpFormat(model) }, (m) => m.exportModel('mps'));
}

/** Objective of a plan in the model's units: gap closed − costPenalty · cost. */
export function planObjective(input: PlanInput, value: PlanValue): number {
  return value.gapClosed - (input.costPenalty ?? 0) * value.cost;
}

/** Relative gap between a bound and an objective, as HiGHS defines it. */
export function relativeGap(bound: number | null, objective: number): number | null {
  if (bound === null) return null;
  return Math.abs(bound - objective) / Math.max(1e-9, Math.abs(objective));
}

/** The aggregated model `solvePlan` would solve first (the model the bench exports for scipy). */
export function buildSolverModel(input: PlanInput): AggModel {
  return buildAggregatedModel(input, groupPeople(input));
}

export async function solvePlan(input: PlanInput, options: SolveOptions = {}): Promise<SolveResult> {
  const method = options.method ?? 'auto';
  if (method === 'person') return solveModel(input, buildPlanModel(input), options);
  const started = Date.now();
  const limit = options.timeLimitSeconds ?? 60;
  const left = () => limit - (Date.now() - started) / 1000;
  let groups = groupPeople(input);
  const columns = estimateColumns(input, groups);
  if (method === 'heuristic' || (method === 'auto' && columns > (options.maxColumns ?? 250_000)))
    return largePlan(input, { ...options, timeLimitSeconds: limit });
  if (method === 'decomposed' || (method === 'auto' && columns > (options.decomposeAbove ?? 20_000)))
    return solveDecomposed(input, options, started, limit);

  // Warm start: at most a sixth of the time for the greedy variants and the local search.
  const start = options.start ?? improvedGreedyPlan(input, { timeLimitSeconds: Math.min(20, limit / 6) });
  let best = start;
  let bestValue = evaluatePlan(input, best);
  const startValue = bestValue.gapClosed;
  let last: HighsRun | null = null;
  let model: AggModel = buildAggregatedModel(input, groups);
  let bound: number | null = null;
  let rounds = 0;
  let exact = false;
  let usefulOnly = true;
  const explicit = new Set<number>();
  options.onProgress?.({ seconds: 0, incumbent: planObjective(input, bestValue), bestBound: null, gap: null });
  // HiGHS gets what is left of the limit after the warm start and the model build, minus a reserve
  // for realising its solution (the whole solvePlan keeps to timeLimitSeconds, issue 6 §3).
  const reserve = Math.min(5, limit / 10);
  while (rounds === 0 || left() > reserve + 0.5) {
    rounds++;
    last = await runHighs(model, {
      timeLimitSeconds: left() - reserve,
      mipRelGap: options.mipRelGap,
      seed: options.seed,
      start: aggregatedVector(input, model, best),
      onProgress: options.onProgress,
    });
    // The aggregated model relaxes the per-person one: its bound bounds the per-person optimum too.
    if (last.bestBound !== null) bound = bound === null ? last.bestBound : Math.min(bound, last.bestBound);
    if (!last.values) break;
    const realised = realisePlan(input, model, last.values);
    const value = evaluatePlan(input, realised.plan);
    if (planObjective(input, value) > planObjective(input, bestValue) + 1e-9) {
      best = realised.plan;
      bestValue = value;
    }
    exact = realised.exact;
    if (exact) break;
    // Refine: split the groups that fell short; give every group a column for courses whose filler
    // pool could not be seated; when neither changes anything, drop the pools altogether (the
    // model is then the per-person model for the singletons), so the loop always converges.
    const split = realised.failedGroups.filter((gi) => (groups[gi]?.members.length ?? 0) > 1);
    const more = realised.fillerShortCourses.filter((ci) => !explicit.has(ci));
    if (split.length === 0 && more.length === 0) {
      if (!usefulOnly) break;
      usefulOnly = false;
    }
    for (const ci of more) explicit.add(ci);
    groups = splitGroups(groups, new Set(split));
    model = buildAggregatedModel(input, groups, { usefulOnly, explicitCourses: explicit });
  }
  const objective = planObjective(input, bestValue);
  const proved = exact && last?.status === 'OPTIMAL';
  // Not proved: HiGHS's bound may be missing (abort, no root LP in time) or weaker than the relaxation's.
  const reported = proved ? { bestBound: bound, boundKind: 'solver' as const } : reportedBound(input, bound);
  const gap = proved ? (last?.gap ?? 0) : relativeGap(reported.bestBound, objective);
  options.onProgress?.({ seconds: (Date.now() - started) / 1000, incumbent: objective, bestBound: reported.bestBound, gap });
  return {
    status: proved ? 'OPTIMAL' : last?.status === 'OPTIMAL' ? 'TIME_LIMIT' : (last?.status ?? 'ERROR'),
    highsStatus: last?.highsStatus ?? 'none',
    plan: best,
    value: bestValue,
    objective,
    ...reported,
    gap,
    seconds: (Date.now() - started) / 1000,
    size: sizeOf(model),
    method: 'aggregated',
    groups: groups.length,
    rounds,
    startValue,
  };
}

async function solveDecomposed(input: PlanInput, options: SolveOptions, started: number, limit: number): Promise<SolveResult> {
  let lpSeconds = 0;
  const r = await decomposedPlan(input, {
    timeLimitSeconds: limit,
    started,
    start: options.start,
    solveLp: async (model, seconds) => {
      const run = await runHighs(model, { timeLimitSeconds: seconds, seed: options.seed });
      lpSeconds = run.seconds;
      return run;
    },
  });
  const value = evaluatePlan(input, r.plan);
  const objective = planObjective(input, value);
  const reported = reportedBound(input, r.bound);
  const gap = relativeGap(reported.bestBound, objective);
  options.onProgress?.({ seconds: (Date.now() - started) / 1000, incumbent: objective, bestBound: reported.bestBound, gap });
  return {
    status: 'TIME_LIMIT',
    highsStatus: r.lpStatus,
    plan: r.plan,
    value,
    objective,
    ...reported,
    gap,
    seconds: (Date.now() - started) / 1000,
    size: { columns: r.columns, rows: r.rows, integers: 0 },
    method: 'decomposed',
    groups: r.groups,
    rounds: lpSeconds > 0 ? 1 : 0,
    startValue: r.startValue,
  };
}

/** The groups with the listed ones replaced by their members one by one. */
export function splitGroups(groups: readonly PersonGroup[], split: ReadonlySet<number>): PersonGroup[] {
  return groups.flatMap((g, gi) =>
    split.has(gi) && g.members.length > 1 ? g.members.map((pi) => ({ members: [pi], unitId: g.unitId, candidates: g.candidates })) : [g],
  );
}

/** Columns of the aggregated model, estimated without building it (groups × candidates × years). */
export function estimateColumns(input: PlanInput, groups: readonly PersonGroup[]): number {
  let n = 0;
  for (const g of groups) n += g.candidates.length * input.years.length;
  return n;
}
