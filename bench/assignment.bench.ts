/**
 * Cadre's linear assignment solver (src/platform/optimize/linear-assignment.ts) against
 * scipy.optimize.linear_sum_assignment on the same instances (issue 5: target ≤ 3× scipy at 2000).
 *
 *   npm run bench:assignment
 *   BENCH_SIZES=500,1000 BENCH_ROUNDS=3 npm run bench:assignment
 *   npm run bench:assignment -- --instance my-instance.json [--instance other.json]
 *
 * Instances (format: top of bench/assignment_scipy.py; integers, `null` = forbidden pair) are
 * generated deterministically from a seeded PRNG and written to BENCH_CACHE_DIR (or
 * <tmpdir>/cadre-assignment-bench), reused when already there. Two kinds per size n:
 * - dense n × n: uniform integer costs in [0, 1 000 000);
 * - placement n × 2n: the shape of placement with the "stay" option. Columns 0…n-1 are posts
 *   (integer cost in [0, 1000), 30 % of person–post pairs forbidden as ineligible); columns
 *   n…2n-1 are "stay" columns: person i may only take stay column n+i (a person-specific cost in
 *   [0, 1000)), every other stay cell is forbidden. Always feasible (everyone can stay).
 *
 * scipy runs as `/usr/bin/python3 bench/assignment_scipy.py <instance> --serve` (BENCH_PYTHON to
 * override): it loads the instance once, then times one linear_sum_assignment call per request.
 * Cadre is timed the same way in this process: one solveLinearAssignment call on a Float64Array
 * prepared before timing. After one untimed warm-up solve each (V8 compiles the solver on its first
 * call), the two sides alternate for BENCH_ROUNDS rounds (default 7) and each reports its best round; file loading and conversion are never timed. The bench exits 1 if the
 * two optimal totals (or feasibility) differ on any instance.
 */

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { solveLinearAssignment } from '../src/platform/optimize/linear-assignment.ts';
import { machine, ROOT } from './support.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const SIZES = (process.env.BENCH_SIZES ?? '500,1000,2000').split(',').map(Number);
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const CACHE_DIR = process.env.BENCH_CACHE_DIR ?? path.join(os.tmpdir(), 'cadre-assignment-bench');
const SEED = 20260501;
/** Bump when the generator changes, so cached instances are not reused under the old shape. */
const GENERATOR_VERSION = 1;

type Instance = { nRows: number; nCols: number; cost: (number | null)[][] };
type Case = { label: string; file: string };

function log(s: string) {
  process.stderr.write(`${s}\n`);
}

/** mulberry32: a tiny deterministic PRNG, so every run (and every machine) gets the same instances. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function denseInstance(n: number, seed: number): Instance {
  const rnd = prng(seed);
  const cost: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(n);
    for (let j = 0; j < n; j++) row[j] = Math.floor(rnd() * 1_000_000);
    cost.push(row);
  }
  return { nRows: n, nCols: n, cost };
}

function placementInstance(n: number, seed: number): Instance {
  const rnd = prng(seed);
  const cost: (number | null)[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number | null>(2 * n).fill(null);
    for (let j = 0; j < n; j++) {
      const fit = Math.floor(rnd() * 1000);
      row[j] = rnd() < 0.3 ? null : fit;
    }
    row[n + i] = Math.floor(rnd() * 1000);
    cost.push(row);
  }
  return { nRows: n, nCols: 2 * n, cost };
}

/** Writes the instance row by row (one JSON.stringify of 8 million cells would be one huge string). */
function writeInstance(file: string, inst: Instance) {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  fs.writeSync(fd, `{"nRows":${inst.nRows},"nCols":${inst.nCols},"cost":[\n`);
  inst.cost.forEach((row, i) => {
    fs.writeSync(fd, `[${row.map((c) => (c === null ? 'null' : String(c))).join(',')}]${i + 1 < inst.cost.length ? ',' : ''}\n`);
  });
  fs.writeSync(fd, ']}\n');
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
}

function generatedCases(): Case[] {
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const cases: Case[] = [];
  for (const n of SIZES) {
    for (const kind of ['dense', 'placement'] as const) {
      const file = path.join(CACHE_DIR, `v${GENERATOR_VERSION}-${kind}-${n}-seed${SEED}.json`);
      if (!fs.existsSync(file)) {
        log(`generating ${file}`);
        writeInstance(file, kind === 'dense' ? denseInstance(n, SEED + n) : placementInstance(n, SEED + n + 1));
      }
      cases.push({ label: kind === 'dense' ? `dense ${n} × ${n}` : `placement ${n} × ${2 * n}`, file });
    }
  }
  return cases;
}

function instanceArgs(): string[] {
  const files: string[] = [];
  const argv = process.argv.slice(2);
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--instance') {
      const f = argv[++k];
      if (f === undefined) throw new Error('--instance needs a file');
      files.push(path.resolve(f));
    } else {
      throw new Error(`unknown argument ${argv[k]}`);
    }
  }
  return files;
}

/** The instance as the solver's row-major Float64Array; null (forbidden) becomes +Infinity. */
function loadCost(file: string): { nRows: number; nCols: number; cost: Float64Array } {
  const inst = JSON.parse(fs.readFileSync(file, 'utf8')) as Instance;
  const { nRows, nCols } = inst;
  if (inst.cost.length !== nRows) throw new Error(`${file}: ${inst.cost.length} rows, nRows says ${nRows}`);
  const cost = new Float64Array(nRows * nCols);
  inst.cost.forEach((row, i) => {
    if (row.length !== nCols) throw new Error(`${file}: row ${i} has ${row.length} cells, nCols says ${nCols}`);
    for (let j = 0; j < nCols; j++) {
      const c = row[j];
      cost[i * nCols + j] = c === null || c === undefined ? Number.POSITIVE_INFINITY : c;
    }
  });
  return { nRows, nCols, cost };
}

type Solve = { feasible: boolean; totalCost?: number; ms: number };
type Side = Solve & { rounds: Solve[] };

/** scipy in a long-lived `--serve` process: the instance is loaded once, then one timed solve per request. */
async function startScipy(file: string): Promise<{ solve: () => Promise<Solve & { scipy: string }>; stop: () => void }> {
  const child = spawn(PYTHON, [path.join(ROOT, 'bench', 'assignment_scipy.py'), file, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error(`assignment_scipy.py exited (${child.exitCode}) on ${file}`);
    return JSON.parse(line.value) as Record<string, unknown>;
  };
  await next(); // {"ready": true}: the file is loaded
  return {
    solve: async () => {
      child.stdin.write('solve\n');
      const r = (await next()) as { feasible: boolean; totalCost?: number; seconds: number; scipy: string };
      return { feasible: r.feasible, totalCost: r.totalCost, ms: r.seconds * 1000, scipy: r.scipy };
    },
    stop: () => child.stdin.end(),
  };
}

function solveCadre(cost: Float64Array, nRows: number, nCols: number): Solve {
  const started = performance.now();
  const result = solveLinearAssignment(cost, nRows, nCols);
  const ms = performance.now() - started;
  return result.feasible ? { feasible: true, totalCost: result.totalCost, ms } : { feasible: false, ms };
}

/** Best of the rounds; every round must agree with the first (the solvers are deterministic). */
function best(rounds: Solve[]): Side {
  const first = rounds[0] as Solve;
  for (const r of rounds) {
    if (r.feasible !== first.feasible || r.totalCost !== first.totalCost) throw new Error('a solver changed its answer between rounds');
  }
  return { ...first, ms: Math.min(...rounds.map((r) => r.ms)), rounds };
}

const given = instanceArgs();
const cases: Case[] = given.length > 0 ? given.map((file) => ({ label: path.basename(file), file })) : generatedCases();

/** Milliseconds with three significant digits at least, so sub-millisecond instances still show a number. */
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toPrecision(3));

type Row = { label: string; shape: string; cadre: Side; scipy: Side; same: boolean };
const rows: Row[] = [];
let scipyVersion = '?';
for (const c of cases) {
  const { nRows, nCols, cost } = loadCost(c.file);
  if (nRows > nCols) throw new Error(`${c.file}: ${nRows} × ${nCols}; the bench expects nRows ≤ nCols`);
  const scipy = await startScipy(c.file);
  const cadreRounds: Solve[] = [];
  const scipyRounds: Solve[] = [];
  // One untimed solve each first: Cadre's first call includes V8 compiling the solver, scipy's is native code.
  await scipy.solve();
  solveCadre(cost, nRows, nCols);
  // Alternate the sides round by round, so a change in machine load hits both alike.
  for (let r = 0; r < ROUNDS; r++) {
    const sp = await scipy.solve();
    scipyVersion = sp.scipy;
    scipyRounds.push(sp);
    cadreRounds.push(solveCadre(cost, nRows, nCols));
  }
  scipy.stop();
  const cd = best(cadreRounds);
  const sp = best(scipyRounds);
  const same = cd.feasible === sp.feasible && (!cd.feasible || cd.totalCost === sp.totalCost);
  rows.push({ label: c.label, shape: `${nRows} × ${nCols}`, cadre: cd, scipy: sp, same });
  const all = (s: Side) => s.rounds.map((x) => fmt(x.ms)).join(' ');
  const total = (s: Side) => (s.feasible ? String(s.totalCost) : 'infeasible');
  log(`${c.label}: cadre ${all(cd)} ms; scipy ${all(sp)} ms; totals ${total(cd)} / ${total(sp)}${same ? '' : '  MISMATCH'}`);
}
console.log(
  `\nLinear assignment, best of ${ROUNDS} alternating rounds (one solve per side per round); ${machine()}, scipy ${scipyVersion}\n`,
);
console.log('| Instance | Rows × columns | Optimal total (both) | Cadre ms | scipy ms | Cadre/scipy |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  const total = r.same
    ? r.cadre.feasible
      ? String(r.cadre.totalCost)
      : 'infeasible'
    : `**differ: ${r.cadre.totalCost} vs ${r.scipy.totalCost}**`;
  console.log(`| ${r.label} | ${r.shape} | ${total} | ${fmt(r.cadre.ms)} | ${fmt(r.scipy.ms)} | ${(r.cadre.ms / r.scipy.ms).toFixed(2)} |`);
}
const bad = rows.filter((r) => !r.same);
if (bad.length > 0) {
  console.error(`\n${bad.length} instance(s) where Cadre and scipy disagree on the optimum: ${bad.map((r) => r.label).join(', ')}`);
  process.exit(1);
}
