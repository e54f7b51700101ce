/**
 * The 2026–2030 training plan (issue 6 Performance): Cadre's solvePlan within BENCH_SECONDS (60)
 * against the plain greedy and against scipy's native HiGHS (scipy.optimize.milp) on the same
 * exported model for BENCH_SCIPY_SECONDS (600, the ten minutes).
 *
 *   npm run bench:training-plan
 *   BENCH_QUICK=1 npm run bench:training-plan                      # 20 units, 15 s, scipy 30 s
 *   BENCH_SCIPY_SECONDS=120 BENCH_UNITS=100 npm run bench:training-plan
 *   BENCH_NATIONAL=1 BENCH_NATIONAL_SECONDS=600 npm run bench:training-plan   # adds 3,321 units × 20–40
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
import { generateInstance } from '../src/modules/training/plan/generated-instance.ts';
import { greedyPlan } from '../src/modules/training/plan/greedy-plan.ts';
import { checkPlan, evaluatePlan, type PlanInput } from '../src/modules/training/plan/plan-model.ts';
import { buildSolverModel, solvePlan, toMpsFormat } from '../src/modules/training/plan/solve-plan.ts';
import { ROOT } from './support.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const UNITS = Number(process.env.BENCH_UNITS ?? (QUICK ? 20 : 100));
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 15 : 60));
const SCIPY_SECONDS = Number(process.env.BENCH_SCIPY_SECONDS ?? (QUICK ? 30 : 600));
const SEED = Number(process.env.BENCH_SEED ?? 20260601);
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const CACHE_DIR = process.env.BENCH_CACHE_DIR ?? path.join(os.tmpdir(), 'cadre-training-plan-bench');
const NATIONAL = process.env.BENCH_NATIONAL === '1';
const NATIONAL_SECONDS = Number(process.env.BENCH_NATIONAL_SECONDS ?? 600);

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

const rows: string[] = [];
const input = generateInstance({ units: UNITS, staffPerUnit: [10, 22], seed: SEED });
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
  `cadre: ${cadre.value.gapClosed.toFixed(2)} (${cadre.method}, ${cadre.status}), bound ${fmt(cadre.bestBound, 2)}, ${cadreWall.toFixed(1)} s`,
);

fs.mkdirSync(CACHE_DIR, { recursive: true });
const model = buildSolverModel(input);
const mpsFile = path.join(CACHE_DIR, `province-${UNITS}-seed${SEED}.mps`);
fs.writeFileSync(mpsFile, await toMpsFormat(model));
log(`model for scipy: ${model.vars.length} columns, ${model.rows.length} rows → ${mpsFile}; scipy for ${SCIPY_SECONDS} s`);
const scipyOut = execFileSync(PYTHON, [path.join(ROOT, 'bench', 'training_plan_scipy.py'), mpsFile, '--seconds', String(SCIPY_SECONDS)], {
  encoding: 'utf8',
  maxBuffer: 1 << 24,
});
const scipy = JSON.parse(scipyOut.trim().split('\n').pop() ?? '{}') as {
  objective: number | null;
  bound: number | null;
  gap: number | null;
  seconds: number;
  message: string;
  scipy: string;
};
log(`scipy: ${JSON.stringify(scipy)}`);

const vsScipy = scipy.objective ? (cadre.value.gapClosed - scipy.objective) / scipy.objective : null;
rows.push(
  // The greedy's gap is measured against Cadre's bound (the best bound this run has).
  `| greedy (gap closed per VND) | ${greedyValue.gapClosed.toFixed(2)} | ${fmt(cadre.bestBound, 2)} | ${pct(cadre.bestBound === null ? null : (cadre.bestBound - greedyValue.gapClosed) / greedyValue.gapClosed)} | ${greedy.seconds.toFixed(1)} | ${(greedyValue.cost / 1e9).toFixed(2)} |`,
  `| Cadre solvePlan (${cadre.method}, ${cadre.status}, ${cadre.rounds ?? 1} round(s), ${cadre.groups ?? '–'} groups) | ${cadre.value.gapClosed.toFixed(2)} | ${fmt(cadre.bestBound, 2)} | ${pct(cadre.gap)} | ${cadreWall.toFixed(1)} | ${(cadre.value.cost / 1e9).toFixed(2)} |`,
  `| scipy ${scipy.scipy} milp, same model (${scipy.message.split('.')[0]}) | ${fmt(scipy.objective, 2)} | ${fmt(scipy.bound, 2)} | ${pct(scipy.gap)} | ${scipy.seconds.toFixed(1)} | – |`,
);

let national = '';
if (NATIONAL) {
  const big = generateInstance({ units: 3321, staffPerUnit: [20, 40], seed: SEED + 1 });
  log(`national instance: ${describe(big)}`);
  const t1 = performance.now();
  const r = await solvePlan(big, {
    timeLimitSeconds: NATIONAL_SECONDS,
    onProgress: (p) => log(`  national ${p.seconds.toFixed(0)} s bound ${fmt(p.bestBound, 2)}`),
  });
  const wall = (performance.now() - t1) / 1000;
  const broken = checkPlan(big, r.plan).length;
  national = `\nNational instance (${describe(big)}): ${r.method}, gap closed ${r.value.gapClosed.toFixed(1)}, LP bound ${fmt(r.bestBound, 1)}, gap ${pct(r.gap)}, ${wall.toFixed(0)} s (limit ${NATIONAL_SECONDS} s), cost ${(r.value.cost / 1e9).toFixed(1)} bn VND, ${broken} rule violations.`;
}

const load = os
  .loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
console.log(
  `\nTraining plan, ${describe(input)}; ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, Node ${process.version}, load ${load}\n`,
);
console.log('| Plan | Gap closed | Bound | Gap | Seconds | Cost (bn VND) |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(
  `\nCadre vs scipy's best: ${pct(vsScipy)} (goal: ≥ −1 %); Cadre vs greedy: +${pct((cadre.value.gapClosed - greedyValue.gapClosed) / greedyValue.gapClosed)}.${national}`,
);
