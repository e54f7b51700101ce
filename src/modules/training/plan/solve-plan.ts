import highsModule, { type Highs } from 'highs';
import { toLpFormat } from './lp-format.ts';
import { buildPlanModel, decodePlan, evaluatePlan, indexPlan, type Mip, type Plan, type PlanInput, type PlanValue } from './plan-model.ts';

/**
 * Solves the plan model with HiGHS (the `highs` npm package: HiGHS compiled to WebAssembly,
 * single-threaded). The model goes in as LP text, the same text `toLpFormat` exports, so what
 * the app solves and what an analyst re-solves elsewhere (scipy's native HiGHS) are one model.
 * The persistent API is used rather than the one-shot `solve()` because only it reports the MIP
 * dual bound and gap, accepts a warm start and gives progress callbacks.
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

export type SolveOptions = {
  /** Wall-clock limit in seconds (HiGHS `time_limit`). */
  timeLimitSeconds?: number;
  /** Stop when the relative gap is at most this (HiGHS `mip_rel_gap`; 0 proves optimality). */
  mipRelGap?: number;
  /** HiGHS `random_seed`: the same model, seed and options give the same plan. */
  seed?: number;
  /** A feasible plan (e.g. the greedy's) handed to HiGHS as its first incumbent. */
  start?: Plan;
  onProgress?: (p: SolveProgress) => void;
};

export type SolveResult = {
  status: SolveStatus;
  /** HiGHS's own status name, for logs. */
  highsStatus: string;
  /** The plan found (empty when none was found). */
  plan: Plan;
  value: PlanValue;
  /** Objective of the incumbent as HiGHS reports it (gap closed − cost penalty); null without one. */
  objective: number | null;
  /** Best proven upper bound on the objective; null when HiGHS reports none. */
  bestBound: number | null;
  /** Relative gap |bound − objective| / |objective| as HiGHS computes it; 0 when proved optimal. */
  gap: number | null;
  seconds: number;
  size: { columns: number; rows: number; integers: number };
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

/** Solves an already built model (so a caller can export and solve the very same model). */
export async function solveModel(input: PlanInput, model: Mip, options: SolveOptions = {}): Promise<SolveResult> {
  const highs = await highsRuntime();
  const lp = toLpFormat(model);
  const names = Object.entries(highs.constants.modelStatus) as [string, number][];
  const size = { columns: model.vars.length, rows: model.rows.length, integers: model.vars.filter((v) => v.type !== 'continuous').length };
  if (model.vars.length === 0) {
    const plan: Plan = { courses: [] };
    return {
      status: 'OPTIMAL',
      highsStatus: 'Empty',
      plan,
      value: evaluatePlan(input, plan),
      objective: 0,
      bestBound: 0,
      gap: 0,
      seconds: 0,
      size,
    };
  }
  return highs.withModel({ format: 'lp', data: lp }, (m) => {
    m.options.set({
      output_flag: false,
      time_limit: options.timeLimitSeconds ?? 60,
      mip_rel_gap: options.mipRelGap ?? 1e-4,
      random_seed: options.seed ?? 0,
    });
    const numCols = m.getDimensions().numCols;
    // Columns are numbered by HiGHS's LP reader; map them to ours by name.
    const ours = new Map(model.vars.map((v, i) => [v.name, i]));
    const colOf: number[] = [];
    for (let j = 0; j < numCols; j++) colOf.push(ours.get(m.getColName(j)) ?? -1);
    if (options.start) {
      const vec = planToVector(input, model, options.start);
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
    const values = new Array<number>(model.vars.length).fill(0);
    if (hasPrimal) {
      const col = m.getSolution().colValue;
      colOf.forEach((i, j) => {
        if (i >= 0) values[i] = col[j] ?? 0;
      });
    }
    const plan = hasPrimal ? decodePlan(input, model, values) : { courses: [] };
    const bound = Number(m.info.get('mip_dual_bound'));
    const gap = Number(m.info.get('mip_gap'));
    return {
      status,
      highsStatus,
      plan,
      value: evaluatePlan(input, plan),
      objective: hasPrimal ? m.getObjectiveValue() : null,
      bestBound: Number.isFinite(bound) ? bound : null,
      gap: Number.isFinite(gap) ? gap : null,
      seconds: m.getRunTime(),
      size,
    };
  });
}

function toProgress(d: { running_time?: number; mip_primal_bound?: number; mip_dual_bound?: number; mip_gap?: number }): SolveProgress {
  const fin = (n: number | undefined) => (n !== undefined && Number.isFinite(n) && Math.abs(n) < 1e300 ? n : null);
  return { seconds: d.running_time ?? 0, incumbent: fin(d.mip_primal_bound), bestBound: fin(d.mip_dual_bound), gap: fin(d.mip_gap) };
}

/** The model in fixed MPS format (the other standard exchange format), converted by HiGHS from the LP text. */
export async function toMpsFormat(model: Mip): Promise<Uint8Array> {
  const highs = await highsRuntime();
  return highs.withModel({ format: 'lp', data: toLpFormat(model) }, (m) => m.exportModel('mps'));
}

export async function solvePlan(input: PlanInput, options: SolveOptions = {}): Promise<SolveResult> {
  return solveModel(input, buildPlanModel(input), options);
}
