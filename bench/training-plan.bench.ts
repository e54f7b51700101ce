/**
 * The 2026–2030 training plan (issue 6 Performance): Cadre's solvePlan within BENCH_SECONDS (60)
 * against the plain greedy and against scipy's native HiGHS (scipy.optimize.milp) on the same
 * exported model for BENCH_SCIPY_SECONDS (600, the issue's ten minutes).
 *
 *   npm run bench:training-plan
 *   BENCH_QUICK=1 npm run bench:training-plan                      # 20 units, 15 s, scipy 30 s
 *   BENCH_SCIPY_SECONDS=120 BENCH_UNITS=100 npm run bench:training-plan
 *   BENCH_NATIONAL=1 BENCH_NATIONAL_SECONDS=600 npm run bench:training-plan   # adds 3,321 units × 20–40
 *   BENCH_NATIONAL=1 BENCH_PROVINCE=0 npm run bench:training-plan              # the national part alone
 *
 * National part: Cadre's solvePlan (the heuristic of large-plan.ts) within BENCH_NATIONAL_SECONDS
 * (600); then the bound it reports (and which kind: HiGHS's LP, or the relaxation bound of
 * relaxation-bound.ts when HiGHS-WASM cannot solve the LP), the relaxation bound alone, and the
 * LP that large-plan.ts takes as its bound (unit-free aggregation, unit share left out, every column
 * continuous) written as free MPS without HiGHS (writeFreeMps) and solved by scipy's native HiGHS
 * (`training_plan_scipy.py --lp`, or `--ipm` with BENCH_NATIONAL_LP_METHOD=ipm) within
 * BENCH_NATIONAL_LP_SECONDS (600). BENCH_NATIONAL_UNITS
 * (3321) shrinks the instance to check the pipeline.
 *
 * The instance is generated deterministically (generated-instance.ts, seed BENCH_SEED): BENCH_UNITS
 * units (100) of 10–22 officials, 60 courses, five years, budgets at 35 % of what closing every need
 * would cost. The model scipy gets is the aggregated model Cadre solves first (buildSolverModel),
 * written as MPS into BENCH_CACHE_DIR (<tmpdir>/cadre-training-plan-bench); its objective is gap
 * closed in the original units (people × weights), so objectives compare directly. scipy runs as
 * `/usr/bin/python3 bench/training_plan_scipy.py <model.mps> --seconds S` (BENCH_PYTHON overrides).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAggregatedModel } from '../src/modules/training/plan/aggregate-model.ts';
import { generateInstance } from '../src/modules/training/plan/generated-instance.ts';
import { greedyPlan } from '../src/modules/training/plan/greedy-plan.ts';
import { writeFreeMps } from '../src/modules/training/plan/lp-format.ts';
import { groupPeople } from '../src/modules/training/plan/plan-groups.ts';
import { checkPlan, evaluatePlan, type PlanInput } from '../src/modules/training/plan/plan-model.ts';
import { relaxationBound } from '../src/modules/training/plan/relaxation-bound.ts';
import { buildSolverModel, planObjective, relativeGap, solvePlan, toMpsFormat } from '../src/modules/training/plan/solve-plan.ts';
import { machine, ROOT } from './support.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const UNITS = Number(process.env.BENCH_UNITS ?? (QUICK ? 20 : 100));
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 15 : 60));
const SCIPY_SECONDS = Number(process.env.BENCH_SCIPY_SECONDS ?? (QUICK ? 30 : 600));
const SEED = Number(process.env.BENCH_SEED ?? 20260601);
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const CACHE_DIR = process.env.BENCH_CACHE_DIR ?? path.join(os.tmpdir(), 'cadre-training-plan-bench');
const NATIONAL = process.env.BENCH_NATIONAL === '1';
const NATIONAL_SECONDS = Number(process.env.BENCH_NATIONAL_SECONDS ?? 600);
const NATIONAL_UNITS = Number(process.env.BENCH_NATIONAL_UNITS ?? 3321);
const NATIONAL_LP_SECONDS = Number(process.env.BENCH_NATIONAL_LP_SECONDS ?? 600);
/** `simplex` (scipy milp, HiGHS dual simplex) or `ipm` (linprog highs-ipm) for the national LP. */
const NATIONAL_LP_METHOD = process.env.BENCH_NATIONAL_LP_METHOD === 'ipm' ? 'ipm' : 'simplex';
const PROVINCE = process.env.BENCH_PROVINCE !== '0';

const log = (s: string) => process.stderr.write(`${s}\n`);
const fmt = (n: number | null | undefined, d = 1) => (n === null || n === undefined ? '–' : n.toFixed(d));
const pct = (n: number | null | undefined) => (n === null || n === undefined ? '–' : `${(n * 100).toFixed(2)} %`);

function describe(input: PlanInput) {
  const budget = input.budgets.reduce((s, b) => s + b.amount, 0);
  const weight = input.people.reduce((s, p) => s + p.needs.reduce((t, n) => t + n.weight, 0), 0);
  return `${input.people.length} people in ${input.units.length} units, ${input.courses.length} courses, ${input.years.length} years, budget ${(budget / 1e9).toFixed(2)} bn VND, total need weight ${weight.toFixed(0)}`;
}

function timed<T>(f: () => T): { value: T; seconds: number } {
  const t = performance.now();
  const value = f();
  return { value, seconds: (performance.now() - t) / 1000 };
}

type ScipyRun = {
  objective: number | null;
  bound: number | null;
  gap: number | null;
  seconds: number;
  message: string;
  scipy: string;
  columns?: number;
  rows?: number;
  read_seconds?: number;
};

function runScipy(file: string, seconds: number, extra: string[] = []): ScipyRun {
  const out = execFileSync(PYTHON, [path.join(ROOT, 'bench', 'training_plan_scipy.py'), file, '--seconds', String(seconds), ...extra], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as ScipyRun;
}

const rows: string[] = [];
let province: PlanInput | null = null;
let summary = '';
if (PROVINCE) {
  const input = generateInstance({ units: UNITS, staffPerUnit: [10, 22], seed: SEED });
  province = input;
  log(`province-like instance: ${describe(input)}`);

  const greedy = timed(() => greedyPlan(input));
  const greedyValue = evaluatePlan(input, greedy.value);
  if (checkPlan(input, greedy.value).length > 0) throw new Error('greedy plan breaks a rule');
  log(`greedy: ${greedyValue.gapClosed.toFixed(2)} in ${greedy.seconds.toFixed(1)} s`);

  const t0 = performance.now();
  const cadre = await solvePlan(input, {
    timeLimitSeconds: SECONDS,
    onProgress: (p) => log(`  cadre ${p.seconds.toFixed(0)} s incumbent ${fmt(p.incumbent, 2)} bound ${fmt(p.bestBound, 2)}`),
  });
  const cadreWall = (performance.now() - t0) / 1000;
  if (checkPlan(input, cadre.plan).length > 0) throw new Error('Cadre plan breaks a rule');
  log(
    `cadre: ${cadre.value.gapClosed.toFixed(2)} (${cadre.method}, ${cadre.status}), bound ${fmt(cadre.bestBound, 2)} (${cadre.boundKind}), ${cadreWall.toFixed(1)} s`,
  );

  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const model = buildSolverModel(input);
  const mpsFile = path.join(CACHE_DIR, `province-${UNITS}-seed${SEED}.mps`);
  fs.writeFileSync(mpsFile, await toMpsFormat(model));
  log(`model for scipy: ${model.vars.length} columns, ${model.rows.length} rows → ${mpsFile}; scipy for ${SCIPY_SECONDS} s`);
  const scipy = runScipy(mpsFile, SCIPY_SECONDS);
  log(`scipy: ${JSON.stringify(scipy)}`);

  const vsScipy = scipy.objective ? (cadre.value.gapClosed - scipy.objective) / scipy.objective : null;
  rows.push(
    // The greedy's gap is measured against Cadre's bound (the best bound this run has).
    `| greedy (gap closed per VND) | ${greedyValue.gapClosed.toFixed(2)} | ${fmt(cadre.bestBound, 2)} | ${pct(cadre.bestBound === null ? null : (cadre.bestBound - greedyValue.gapClosed) / greedyValue.gapClosed)} | ${greedy.seconds.toFixed(1)} | ${(greedyValue.cost / 1e9).toFixed(2)} |`,
    `| Cadre solvePlan (${cadre.method}, ${cadre.status}, ${cadre.rounds ?? 1} round(s), ${cadre.groups ?? '–'} groups, bound: ${cadre.boundKind}) | ${cadre.value.gapClosed.toFixed(2)} | ${fmt(cadre.bestBound, 2)} | ${pct(cadre.gap)} | ${cadreWall.toFixed(1)} | ${(cadre.value.cost / 1e9).toFixed(2)} |`,
    `| scipy ${scipy.scipy} milp, same model (${scipy.message.split('.')[0]}) | ${fmt(scipy.objective, 2)} | ${fmt(scipy.bound, 2)} | ${pct(scipy.gap)} | ${scipy.seconds.toFixed(1)} | – |`,
  );
  summary = `\nCadre vs scipy's best: ${pct(vsScipy)} (goal: ≥ −1 %); Cadre vs greedy: +${pct((cadre.value.gapClosed - greedyValue.gapClosed) / greedyValue.gapClosed)}.`;
}

const national: string[] = [];
if (NATIONAL) {
  const big = generateInstance({ units: NATIONAL_UNITS, staffPerUnit: [20, 40], seed: SEED + 1 });
  log(`national instance: ${describe(big)}`);
  const t1 = performance.now();
  const r = await solvePlan(big, {
    timeLimitSeconds: NATIONAL_SECONDS,
    onProgress: (p) => log(`  national ${p.seconds.toFixed(0)} s bound ${fmt(p.bestBound, 2)}`),
  });
  const wall = (performance.now() - t1) / 1000;
  const broken = checkPlan(big, r.plan).length;
  const objective = planObjective(big, r.value);
  log(
    `national: ${r.method}, gap closed ${r.value.gapClosed.toFixed(1)}, bound ${fmt(r.bestBound, 1)} (${r.boundKind}; HiGHS: ${r.highsStatus}), gap ${pct(r.gap)}, ${wall.toFixed(0)} s, ${broken} rule violations`,
  );

  // The fallback bound alone (what solvePlan reports when HiGHS gives none), timed.
  const relaxation = timed(() => relaxationBound(big));
  log(`relaxation bound: ${JSON.stringify(relaxation.value)} in ${relaxation.seconds.toFixed(1)} s`);

  // The LP large-plan.ts takes as its bound, exported without HiGHS and solved by scipy's native HiGHS.
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const lpFile = path.join(CACHE_DIR, `national-${NATIONAL_UNITS}-seed${SEED + 1}-lp.mps`);
  const built = timed(() => {
    const coarse = buildAggregatedModel(big, groupPeople(big, { byUnit: false }), { ignoreUnitShare: true });
    const relaxed = { ...coarse, vars: coarse.vars.map((v) => ({ ...v, type: 'continuous' as const })) };
    const fd = fs.openSync(lpFile, 'w');
    try {
      writeFreeMps(relaxed, (chunk) => fs.writeSync(fd, chunk));
    } finally {
      fs.closeSync(fd);
    }
    return { columns: relaxed.vars.length, rows: relaxed.rows.length, groups: coarse.groups.length };
  });
  const mb = fs.statSync(lpFile).size / 1e6;
  log(
    `coarse LP: ${built.value.groups} groups, ${built.value.columns} columns, ${built.value.rows} rows, ${mb.toFixed(0)} MB → ${lpFile} in ${built.seconds.toFixed(1)} s; scipy for ${NATIONAL_LP_SECONDS} s`,
  );
  const lp = runScipy(lpFile, NATIONAL_LP_SECONDS, NATIONAL_LP_METHOD === 'ipm' ? ['--ipm'] : ['--lp']);
  log(`scipy LP: ${JSON.stringify(lp)}`);

  const total = big.people.reduce((s, p) => s + p.needs.reduce((t, n) => t + Math.max(0, n.weight), 0), 0);
  const line = (what: string, bound: number | null, seconds: string) =>
    `| ${what} | ${fmt(bound, 1)} | ${pct(bound === null ? null : relativeGap(bound, objective))} | ${seconds} |`;
  national.push(
    `\nNational instance (${describe(big)}): Cadre ${r.method}, gap closed ${r.value.gapClosed.toFixed(1)} (objective ${objective.toFixed(1)}), ${wall.toFixed(0)} s (limit ${NATIONAL_SECONDS} s), cost ${(r.value.cost / 1e9).toFixed(1)} bn VND, ${broken} rule violations; solvePlan's bound ${fmt(r.bestBound, 1)} (${r.boundKind}), gap ${pct(r.gap)}.\n`,
    '| Bound | Value | Gap of Cadre’s plan to it | Seconds |',
    '|---|---|---|---|',
    line(
      `LP of the unit-free aggregation (${built.value.columns} columns, ${built.value.rows} rows), scipy ${lp.scipy} native HiGHS (${NATIONAL_LP_METHOD}), ${lp.message.split('.')[0]}`,
      lp.bound,
      `${lp.seconds.toFixed(1)} (+ ${built.seconds.toFixed(1)} build and write, ${(lp.read_seconds ?? 0).toFixed(1)} read)`,
    ),
    line(
      `relaxation bound (relaxation-bound.ts, ${relaxation.value.items} items for ${relaxation.value.needs} needs)`,
      relaxation.value.bound,
      relaxation.seconds.toFixed(1),
    ),
    line('  … with one multiplier for the merged budget', relaxation.value.mergedBound, '–'),
    line(`reported by solvePlan (${r.boundKind})`, r.bestBound, '–'),
    line('total need weight (trivial)', total, '–'),
  );
}
console.log(`\nTraining plan${province ? `, ${describe(province)}` : ''}; ${machine()}\n`);
if (province) {
  console.log('| Plan | Gap closed | Bound | Gap | Seconds | Cost (bn VND) |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  console.log(summary);
}
for (const l of national) console.log(l);
