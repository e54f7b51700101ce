import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { type Cluster, startCluster } from './cluster.ts';
import { type RoundRobinProxy, startRoundRobinProxy } from './round-robin-proxy.ts';
import { codeProblems, intakeBody, preparePgProvince } from './scale-support.ts';

/**
 * Capacity of scale-out on PostgreSQL (issue 8 §3, figures for docs/deploying.md and
 * bench/RESULTS.md): dossier intake and a dossier-list read through a proxy to ONE Cadre
 * process versus through the same proxy to TWO, in alternating rounds of the same run (the
 * machine's speed drifts; only ratios within a run mean anything). Bounded: ROUNDS × 2 × 2
 * runs of SECONDS each, loopback only. Ends by checking that every code handed out under
 * load is still unique and gap-free. Prints a Markdown table and the load average.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx test/scale/capacity.ts
 */

const ROUNDS = Number(process.env.SCALE_ROUNDS ?? 3);
const SECONDS = Number(process.env.SCALE_SECONDS ?? 8);
const CONNECTIONS = 20;

type Figures = { rps: number; p99: number; non2xx: number };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

let keySeq = 0;
async function run(base: string, token: string, unitId: number, kind: 'intake' | 'read'): Promise<Figures> {
  const headers = { authorization: `Bearer ${token}` };
  const r = await autocannon({
    url: kind === 'intake' ? `${base}/api/v1/dossiers` : `${base}/api/v1/dossiers?pageSize=20`,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      kind === 'intake'
        ? {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json' },
            body: JSON.stringify(intakeBody(unitId, 'capacity')),
            setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': `capacity-${++keySeq}` } }),
          }
        : { method: 'GET', headers },
    ],
  });
  return { rps: r.requests.average, p99: r.latency.p99, non2xx: r.non2xx + r.errors + r.timeouts };
}

const loadAverage = () => execFileSync('uptime', { encoding: 'utf8' }).trim();

async function main(): Promise<void> {
  const province = await preparePgProvince();
  let cluster: Cluster | undefined;
  let single: RoundRobinProxy | undefined;
  try {
    cluster = await startCluster(province.env, 2);
    const [first] = cluster.servers;
    if (!first) throw new Error('no server');
    single = await startRoundRobinProxy([{ host: '127.0.0.1', port: Number(new URL(first.base).port) }]);
    const startLoad = loadAverage();
    const results: Record<string, Figures[]> = {};
    for (let round = 0; round < ROUNDS; round++) {
      for (const kind of ['intake', 'read'] as const) {
        // Alternate which layout goes first so a drift in machine speed does not favour one.
        const order = round % 2 === 0 ? (['one', 'two'] as const) : (['two', 'one'] as const);
        for (const layout of order) {
          const base = layout === 'one' ? single.base : cluster.proxy.base;
          const f = await run(base, province.token, province.unitId, kind);
          const key = `${kind}:${layout}`;
          results[key] = [...(results[key] ?? []), f];
          process.stderr.write(`round ${round + 1} ${key}: ${f.rps.toFixed(0)} req/s, p99 ${f.p99} ms, failed ${f.non2xx}\n`);
        }
      }
    }
    const endLoad = loadAverage();
    const problems = await codeProblems(
      province,
      (await province.query<{ code: string }>("select code from dossiers where applicant_name = 'Trần Thị Mở Rộng capacity'")).map(
        (r) => r.code,
      ),
    );
    const row = (kind: 'intake' | 'read') => {
      const one = results[`${kind}:one`] ?? [];
      const two = results[`${kind}:two`] ?? [];
      const m1 = median(one.map((f) => f.rps));
      const m2 = median(two.map((f) => f.rps));
      const failed = [...one, ...two].reduce((n, f) => n + f.non2xx, 0);
      return `| ${kind === 'intake' ? 'POST /api/v1/dossiers (intake)' : 'GET /api/v1/dossiers?pageSize=20'} | ${m1.toFixed(0)} | ${median(one.map((f) => f.p99))} | ${m2.toFixed(0)} | ${median(two.map((f) => f.p99))} | ${(m2 / m1).toFixed(2)} | ${failed} |`;
    };
    const out = [
      `Scale-out capacity (${ROUNDS} alternating rounds × ${SECONDS} s, ${CONNECTIONS} connections, medians; PostgreSQL 15 on loopback)`,
      '',
      '| Case | 1 process req/s | p99 ms | 2 processes req/s | p99 ms | 2 ÷ 1 | failed |',
      '|---|---|---|---|---|---|---|',
      row('intake'),
      row('read'),
      '',
      `Dossier codes handed out under load: ${problems.length === 0 ? 'unique and gap-free' : problems.join('; ')}`,
      `Load at start: ${startLoad}`,
      `Load at end:   ${endLoad}`,
    ].join('\n');
    process.stdout.write(`${out}\n`);
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    await single?.close();
    await cluster?.stop();
    await province.cleanup();
  }
}

await main();
