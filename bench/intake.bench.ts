/**
 * Dossier intake through the full stack vs a bare insert endpoint, on both dialects, as a
 * ratio measured in one run (issue 3: target ≥ 0.7).
 *
 *   node --import tsx bench/intake.bench.ts
 *   BENCH_ROUNDS=5 BENCH_SECONDS=5 BENCH_CONNECTIONS=10 node --import tsx bench/intake.bench.ts
 *   BENCH_DIALECTS=sqlite|postgres runs one dialect only
 *
 * Full stack: `cadre serve` answering POST /api/v1/dossiers as the demo counter officer,
 * with a fresh Idempotency-Key on every request (token lookup, access check, Zod, the
 * idempotency check and key, procedure/unit/calendar/rules reads, code counter, dossier,
 * event, audit chain entry; the response is built from the values written). Baseline:
 * bench/bare-intake-server.ts, bare Fastify + driver doing the counter upsert, dossier row
 * and event row in one transaction. Rounds alternate (full, bare, …) because this
 * machine's CPU speed drifts; medians are compared. Only 127.0.0.1 is targeted.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';
import { cadre, freePort, machine, median, pgReachable, ROOT, scratchDatabase, waitFor } from './support.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SERVER_LOG = process.env.BENCH_SERVER_LOG ? fs.openSync(process.env.BENCH_SERVER_LOG, 'a') : undefined;
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'bench-Password-2026';
/** BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the full-stack server there (where the time goes). */
const PROFILE = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];

type Round = { rps: number; p99: number; errors: number; non2xx: number };

let keySeq = 0;
const runId = randomBytes(3).toString('hex');

/** Every request carries its own Idempotency-Key, as a real client's new intake would. */
async function load(url: string, headers: Record<string, string>, body: string, seconds: number): Promise<Round> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': `bench-${runId}-${++keySeq}` } }),
      },
    ],
  });
  if (r.non2xx || r.errors || r.timeouts) {
    process.stderr.write(`  ${url}: status codes ${JSON.stringify(r.statusCodeStats)}, ${r.errors} errors, ${r.timeouts} timeouts\n`);
  }
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

async function prepare(dialect: 'sqlite' | 'postgres') {
  const scratch = await scratchDatabase(dialect, { pgAdminUrl: PG_ADMIN, env: { RATE_LIMIT_PER_MINUTE: '100000000' } });
  const { env, target } = scratch;
  cadre(['seed', 'demo', '--password', PASSWORD, '--staff-per-unit', '5'], env);
  const token = cadre(['token', 'create', '--user', 'counter', '--name', 'bench'], env);
  const sql = "select unit_id from users where username = 'counter'";
  let unitId: number;
  if (dialect === 'sqlite') {
    const db = new Database(target, { readonly: true });
    unitId = (db.prepare(sql).get() as { unit_id: number }).unit_id;
    db.close();
  } else {
    const c = new pg.Client({ connectionString: target });
    await c.connect();
    unitId = (await c.query(sql)).rows[0].unit_id;
    await c.end();
  }
  return {
    env,
    target,
    token,
    unitId,
    cleanup: scratch.cleanup,
  };
}

async function benchDialect(dialect: 'sqlite' | 'postgres') {
  const p = await prepare(dialect);
  const fullPort = await freePort();
  const barePort = await freePort();
  const { DATABASE_URL: _inherited, ...parentEnv } = process.env;
  const full = spawn(process.execPath, [...PROFILE, 'bin/cadre.js', 'serve'], {
    cwd: ROOT,
    env: { ...parentEnv, ...p.env, PORT: String(fullPort) },
    // BENCH_SERVER_LOG=<file> keeps the server's log (to see why a request failed).
    stdio: SERVER_LOG ? ['ignore', SERVER_LOG, SERVER_LOG] : 'ignore',
  });
  const bare = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/bare-intake-server.ts', dialect, p.target, String(barePort), String(p.unitId)],
    { cwd: ROOT, stdio: 'ignore' },
  );
  try {
    const fullUrl = `http://127.0.0.1:${fullPort}/api/v1/dossiers`;
    const bareUrl = `http://127.0.0.1:${barePort}/dossiers`;
    await waitFor(`http://127.0.0.1:${fullPort}/health/live`, full);
    await waitFor(`http://127.0.0.1:${barePort}/`, bare);
    const auth = { authorization: `Bearer ${p.token}` };
    const body = JSON.stringify({
      procedureCode: '1.001193',
      competentUnitId: p.unitId,
      channel: 'IN_PERSON',
      applicantName: 'Trần Thị Hồng Nhung',
      applicantPhone: '0905111222',
      summary: 'Đăng ký khai sinh cho con',
    });
    const check = await fetch(fullUrl, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `check-${runId}` },
      body,
    });
    if (check.status !== 201) throw new Error(`full stack answered ${check.status}: ${await check.text()}`);
    const bareCheck = await fetch(bareUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (bareCheck.status !== 201) throw new Error(`bare server answered ${bareCheck.status}: ${await bareCheck.text()}`);
    await load(fullUrl, auth, body, 2);
    await load(bareUrl, {}, body, 2);
    const fullRounds: Round[] = [];
    const bareRounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      fullRounds.push(await load(fullUrl, auth, body, SECONDS));
      bareRounds.push(await load(bareUrl, {}, body, SECONDS));
      process.stderr.write(
        `  ${dialect} round ${i + 1}/${ROUNDS}: full ${fullRounds.at(-1)?.rps.toFixed(0)} req/s, bare ${bareRounds.at(-1)?.rps.toFixed(0)} req/s\n`,
      );
    }
    const f = { rps: median(fullRounds.map((r) => r.rps)), p99: median(fullRounds.map((r) => r.p99)) };
    const b = { rps: median(bareRounds.map((r) => r.rps)), p99: median(bareRounds.map((r) => r.p99)) };
    const failures = [...fullRounds, ...bareRounds].reduce((a, r) => a + r.errors + r.non2xx, 0);
    return { dialect, full: f, bare: b, ratio: f.rps / b.rps, failures };
  } finally {
    full.kill('SIGTERM');
    bare.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1500));
    await p.cleanup();
  }
}

// BENCH_DIALECTS=sqlite or =postgres runs one dialect; by default both (PostgreSQL when reachable).
const wanted = process.env.BENCH_DIALECTS;
const dialects: ('sqlite' | 'postgres')[] = wanted === 'postgres' ? [] : ['sqlite'];
if (wanted !== 'sqlite' && (await pgReachable(PG_ADMIN))) dialects.push('postgres');
const results = [];
for (const d of dialects) results.push(await benchDialect(d));
console.log(`\nPOST /api/v1/dossiers — ${ROUNDS} alternating rounds × ${SECONDS} s, ${CONNECTIONS} connections, medians; ${machine()}\n`);
console.log('| Dialect | Full stack req/s | Full p99 ms | Bare req/s | Bare p99 ms | Full/bare throughput | Errors + non-2xx |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.dialect} | ${r.full.rps.toFixed(0)} | ${r.full.p99.toFixed(1)} | ${r.bare.rps.toFixed(0)} | ${r.bare.p99.toFixed(1)} | ${r.ratio.toFixed(2)} | ${r.failures} |`,
  );
}
