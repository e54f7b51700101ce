/**
 * Full stack vs bare baseline, on both dialects, as a ratio measured in one run.
 *
 *   npm run bench                       # SQLite, and PostgreSQL when reachable
 *   BENCH_ROUNDS=7 BENCH_SECONDS=10 npm run bench
 *
 * Full stack: `cadre serve` answering GET /api/v1/units/:id with a Bearer token (token
 * lookup, user lookup, access check, Zod validation and serialisation, Kysely, security
 * headers, rate limiter). Baseline: bench/bare-server.ts, bare Fastify + the bare driver
 * doing the same three SELECTs. Both run as separate processes on loopback; rounds
 * alternate (full, bare, full, bare…) because this machine's CPU speed drifts, and the
 * medians are compared. Only 127.0.0.1 is ever targeted.
 */
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';
import { cadre, freePort, machine, median, pgReachable, ROOT, scratchDatabase, waitFor } from './support.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'bench-Password-2026';

type Round = { rps: number; p99: number; errors: number; non2xx: number };

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Round> {
  const r = await autocannon({ url, headers, connections: CONNECTIONS, duration: seconds });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

async function prepare(dialect: 'sqlite' | 'postgres') {
  const scratch = await scratchDatabase(dialect, { pgAdminUrl: PG_ADMIN, env: { RATE_LIMIT_PER_MINUTE: '100000000' } });
  const { env, target } = scratch;
  cadre(['seed', 'demo', '--password', PASSWORD], env);
  const token = cadre(['token', 'create', '--user', 'analyst', '--name', 'bench'], env);
  let unitId: number;
  if (dialect === 'sqlite') {
    const db = new Database(target, { readonly: true });
    unitId = (db.prepare("select id from administrative_units where kind = 'WARD' order by id limit 1").get() as { id: number }).id;
    db.close();
  } else {
    const c = new pg.Client({ connectionString: target });
    await c.connect();
    unitId = (await c.query("select id from administrative_units where kind = 'WARD' order by id limit 1")).rows[0].id;
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
  const full = spawn(process.execPath, ['bin/cadre.js', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, ...p.env, PORT: String(fullPort) },
    stdio: 'ignore',
  });
  const bare = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-server.ts', dialect, p.target, String(barePort)], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  try {
    const fullUrl = `http://127.0.0.1:${fullPort}/api/v1/units/${p.unitId}`;
    const bareUrl = `http://127.0.0.1:${barePort}/units/${p.unitId}`;
    await waitFor(`http://127.0.0.1:${fullPort}/health/live`, full);
    await waitFor(bareUrl, bare);
    const auth = { authorization: `Bearer ${p.token}` };
    const check = await fetch(fullUrl, { headers: auth });
    if (check.status !== 200) throw new Error(`full stack answered ${check.status}: ${await check.text()}`);
    await load(fullUrl, auth, 2);
    await load(bareUrl, {}, 2);
    const fullRounds: Round[] = [];
    const bareRounds: Round[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      fullRounds.push(await load(fullUrl, auth, SECONDS));
      bareRounds.push(await load(bareUrl, {}, SECONDS));
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
    await new Promise((r) => setTimeout(r, 500));
    await p.cleanup();
  }
}

const dialects: ('sqlite' | 'postgres')[] = ['sqlite'];
if (process.env.BENCH_DIALECTS !== 'sqlite' && (await pgReachable(PG_ADMIN))) dialects.push('postgres');
const results = [];
for (const d of dialects) results.push(await benchDialect(d));
console.log(`\nGET /api/v1/units/:id — ${ROUNDS} alternating rounds × ${SECONDS} s, ${CONNECTIONS} connections, medians; ${machine()}\n`);
console.log('| Dialect | Full stack req/s | Full p99 ms | Bare req/s | Bare p99 ms | Full/bare throughput | Errors + non-2xx |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.dialect} | ${r.full.rps.toFixed(0)} | ${r.full.p99.toFixed(1)} | ${r.bare.rps.toFixed(0)} | ${r.bare.p99.toFixed(1)} | ${r.ratio.toFixed(2)} | ${r.failures} |`,
  );
}
