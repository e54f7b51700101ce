import { Client, type Outcome } from './load-http.ts';
import { refusalProblems } from './load-pressure.ts';
import { type LatencySummary, pickWeighted, summarise } from './load-stats.ts';
import type { Operation, WorkloadContext } from './workload.ts';

/**
 * Runs the mixed workload as a closed loop: `concurrency` simulated users each send one
 * request, wait for the answer, and send the next, until the time is up. Every outcome is
 * recorded per operation: latencies of successful answers, clean load-shedding refusals
 * (503 with Retry-After), errors (any other unexpected status or a connection error) and
 * timeouts, which are counted apart because they must never happen.
 */

export type OpStats = {
  name: string;
  who: string;
  ok: number[];
  errors: number;
  timeouts: number;
  /** Well-formed 503 refusals of the load shedding (problem+json or page, Retry-After): clean, but not served. */
  shed: number;
  /** status or error code → count, for everything that was not a success. */
  failures: Map<string, number>;
  /** The first few failing answers, to say what went wrong. */
  examples: string[];
};

export type LevelReport = {
  concurrency: number;
  seconds: number;
  ops: OpStats[];
  total: { count: number; errors: number; timeouts: number; shed: number; throughput: number; latency: LatencySummary };
};

/**
 * Clients reach the server through a reverse proxy (TRUST_PROXY=true), each with their own
 * address: the simulated users rotate over a pool of private addresses so the per-address
 * rate limiter sees many clients, as in production, and never throttles the workload.
 */
let nextAddress = 0;
export function workloadAddress(): string {
  const n = nextAddress++ % 4096;
  return `10.8.${Math.floor(n / 256)}.${n % 256}`;
}

function record(stats: OpStats, op: Operation, outcome: Outcome, api: boolean): void {
  if (outcome.kind === 'reply' && op.ok.includes(outcome.reply.status)) {
    stats.ok.push(outcome.reply.ms);
    return;
  }
  if (
    outcome.kind === 'reply' &&
    outcome.reply.status === 503 &&
    refusalProblems(outcome.reply, 503, 'SERVICE_UNAVAILABLE', api).length === 0
  ) {
    stats.shed++;
    return;
  }
  const key = outcome.kind === 'reply' ? String(outcome.reply.status) : outcome.kind === 'timeout' ? 'timeout' : outcome.message;
  if (outcome.kind === 'timeout') stats.timeouts++;
  else stats.errors++;
  stats.failures.set(key, (stats.failures.get(key) ?? 0) + 1);
  if (stats.examples.length < 3) {
    stats.examples.push(outcome.kind === 'reply' ? `${outcome.reply.status} ${outcome.reply.body.slice(0, 300)}` : key);
  }
}

export function emptyStats(ops: readonly Operation[]): OpStats[] {
  return ops.map((o) => ({ name: o.name, who: o.who, ok: [], errors: 0, timeouts: 0, shed: 0, failures: new Map(), examples: [] }));
}

/**
 * One closed-loop run. `onSample` (optional) lets the soak read the stats while they grow;
 * `stop` ends the run early (a failure seen elsewhere).
 */
export async function runLevel(
  client: Client,
  ops: readonly Operation[],
  ctx: WorkloadContext,
  concurrency: number,
  seconds: number,
  stats: OpStats[] = emptyStats(ops),
  stop: { requested: boolean } = { requested: false },
): Promise<LevelReport> {
  const weights = ops.map((o) => o.weight);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const user = async () => {
    while (performance.now() < deadline && !stop.requested) {
      const i = pickWeighted(weights, ctx.random());
      const op = ops[i] as Operation;
      const req = op.build(ctx);
      req.headers = { ...req.headers, 'x-forwarded-for': workloadAddress() };
      record(stats[i] as OpStats, op, await client.send(req), req.path.startsWith('/api/'));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, user));
  const elapsed = (performance.now() - started) / 1000;
  const all = stats.flatMap((s) => s.ok);
  const errors = stats.reduce((n, s) => n + s.errors, 0);
  const timeouts = stats.reduce((n, s) => n + s.timeouts, 0);
  const shed = stats.reduce((n, s) => n + s.shed, 0);
  const count = all.length + errors + timeouts + shed;
  return {
    concurrency,
    seconds: elapsed,
    ops: stats,
    total: { count, errors, timeouts, shed, throughput: count / elapsed, latency: summarise(all) },
  };
}

const f0 = (x: number) => x.toFixed(0);
const f1 = (x: number) => x.toFixed(1);

/** A Markdown table of one level: per operation, then all together. */
export function levelTable(r: LevelReport): string {
  const lines = [
    '| Request | Who | n served | req/s | p50 ms | p95 ms | p99 ms | max ms | shed 503 | errors | timeouts |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  return lines
    .concat(
      r.ops.map((s) => {
        const l = summarise(s.ok);
        return `| ${s.name} | ${s.who} | ${l.count} | ${f1(l.count / r.seconds)} | ${f1(l.p50)} | ${f1(l.p95)} | ${f1(l.p99)} | ${f0(l.max)} | ${s.shed} | ${s.errors} | ${s.timeouts} |`;
      }),
      [
        `| **all** | | ${r.total.count} | ${f1(r.total.throughput)} | ${f1(r.total.latency.p50)} | ${f1(r.total.latency.p95)} | ${f1(r.total.latency.p99)} | ${f0(r.total.latency.max)} | ${r.total.shed} | ${r.total.errors} | ${r.total.timeouts} |`,
      ],
    )
    .join('\n');
}

/** Why a level failed, one line per failing operation. */
export function failureLines(r: LevelReport): string[] {
  return r.ops
    .filter((s) => s.errors > 0 || s.timeouts > 0)
    .map((s) => `${s.name}: ${[...s.failures].map(([k, n]) => `${k} ×${n}`).join(', ')}; e.g. ${s.examples.join(' | ')}`);
}

export { Client };
