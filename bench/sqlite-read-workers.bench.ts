/**
 * What a province overview on SQLite does to the other requests of the process (ADR 0014): the
 * analytic reads on the main connection (SQLITE_READ_WORKERS=0, the baseline) against the same
 * reads on worker threads (the default, 2), alternating in one run on the same database file.
 *
 *   npm run bench:read-workers
 *   BENCH_CACHE_DIR=/tmp/cadre-bench-cache npm run bench:read-workers   # reuse the seeded year (overview bench's cache)
 *   BENCH_SQLITE_FILE=/tmp/cadre-load-cache/<key>-sqlite/cadre.sqlite npm run bench:read-workers   # a copy of any seeded file
 *
 * Each round: two province analysts compute the overview at once (provinceOverview, the default
 * query, as the overview bench), while a light request — one dossier by code on the main
 * connection, what public tracking reads — is due every 5 ms. Reported per mode, medians over
 * the rounds: the overviews' wall time, the light reads' p99 and max latency (from when each was
 * due), the longest gap between two ticks of a 1 ms timer (the event loop's longest block), and
 * how many light reads were answered while the overviews ran.
 */

import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { CamelCasePlugin, Kysely } from 'kysely';
import { provinceOverview } from '../src/modules/overview/use-cases/overview.ts';
import { connectDatabase } from '../src/platform/db/connect.ts';
import type { Database, Db } from '../src/platform/db/database.ts';
import { SqliteReadDialect } from '../src/platform/db/sqlite-read-pool.ts';
import { overviewCase } from './overview.bench.ts';
import { cadre, machine, median, scratchDatabase } from './support.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DOSSIER_DAYS = Number(process.env.BENCH_DOSSIER_DAYS ?? 365);
const CACHE_DIR = process.env.BENCH_CACHE_DIR;
const WORKERS = 2;
const LIGHT_EVERY_MS = 5;

const log = (s: string) => process.stderr.write(`${s}\n`);

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

type Round = { overviewMs: number; lightP99: number; lightMax: number; loopMaxMs: number; served: number };

/**
 * Two overviews at once on `readDb`, light reads on `db` meanwhile. A light read k is due at
 * t0 + k × LIGHT_EVERY_MS and its latency counts from then (not from when a blocked loop got
 * round to sending it), so time spent waiting behind a blocked event loop is counted.
 */
async function round(db: Db, readDb: Db, c: Awaited<ReturnType<typeof overviewCase>>, code: string): Promise<Round> {
  let last = performance.now();
  let loopMax = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    loopMax = Math.max(loopMax, now - last);
    last = now;
  }, 1);
  const latencies: number[] = [];
  let running = true;
  const t0 = performance.now();
  const light = (async () => {
    for (let k = 0; running; k++) {
      const due = t0 + k * LIGHT_EVERY_MS;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      await db.selectFrom('dossiers').select(['id', 'status']).where('code', '=', code).executeTakeFirst();
      latencies.push(performance.now() - due);
    }
  })();
  await Promise.all([0, 1].map(() => provinceOverview({ db: readDb, clock: c.clock }, c.actor, c.query)));
  const overviewMs = performance.now() - t0;
  // One more tick, so a block that lasted to the end is measured too.
  await sleep(2);
  clearInterval(ticker);
  running = false;
  await light;
  return {
    overviewMs,
    lightP99: quantile(latencies, 0.99),
    lightMax: Math.max(...latencies),
    loopMaxMs: loopMax,
    served: latencies.length,
  };
}

const scratch = await scratchDatabase('sqlite', {
  pgAdminUrl: 'postgres://unused',
  cacheDir: CACHE_DIR,
  cacheKey: `overview-${DOSSIER_DAYS}d`,
});
if (process.env.BENCH_SQLITE_FILE) {
  // A copy, so the source (the load tests' cache, say) is never written to.
  fs.copyFileSync(process.env.BENCH_SQLITE_FILE, scratch.target);
  log(`copied ${process.env.BENCH_SQLITE_FILE}`);
} else if (!scratch.reused) {
  const t = performance.now();
  cadre(['seed', 'demo', '--password', 'bench-Password-2026', '--dossier-days', String(DOSSIER_DAYS)], scratch.env);
  log(`seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  scratch.markSeeded();
}
const handle = connectDatabase({ sqlitePath: scratch.target });
const workers = new Kysely<Database>({ dialect: new SqliteReadDialect(scratch.target, WORKERS), plugins: [new CamelCasePlugin()] });
try {
  const c = await overviewCase(handle.db);
  const probe = await handle.db.selectFrom('dossiers').select('code').orderBy('id', 'desc').executeTakeFirstOrThrow();
  // Warm-up of both paths (statement caches, JIT), not recorded.
  await round(handle.db, handle.db, c, probe.code);
  await round(handle.db, workers, c, probe.code);
  const results: Record<'main' | 'workers', Round[]> = { main: [], workers: [] };
  for (let i = 0; i < ROUNDS; i++) {
    for (const mode of i % 2 === 0 ? (['main', 'workers'] as const) : (['workers', 'main'] as const)) {
      const r = await round(handle.db, mode === 'main' ? handle.db : workers, c, probe.code);
      results[mode].push(r);
      log(
        `  round ${i + 1} ${mode}: overviews ${r.overviewMs.toFixed(0)} ms, light p99 ${r.lightP99.toFixed(1)} ms max ${r.lightMax.toFixed(1)} ms, loop max ${r.loopMaxMs.toFixed(0)} ms, ${r.served} served`,
      );
    }
  }
  const med = (mode: 'main' | 'workers', k: keyof Round) => median(results[mode].map((r) => r[k]));
  console.log(
    `\nSQLite reads on worker threads — ${c.dossiers} dossiers, two province overviews at once, a light read every ${LIGHT_EVERY_MS} ms; ${ROUNDS} alternating rounds, medians; ${machine()}\n`,
  );
  console.log('| Reads on | Two overviews ms | Light read p99 ms | Light read max ms | Event loop max delay ms | Light reads answered |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const mode of ['main', 'workers'] as const) {
    console.log(
      `| ${mode === 'main' ? 'main connection (baseline)' : `${WORKERS} worker threads`} | ${med(mode, 'overviewMs').toFixed(0)} | ${med(mode, 'lightP99').toFixed(1)} | ${med(mode, 'lightMax').toFixed(1)} | ${med(mode, 'loopMaxMs').toFixed(0)} | ${med(mode, 'served').toFixed(0)} |`,
    );
  }
  console.log(
    `\nRatios workers / main: overviews ${(med('workers', 'overviewMs') / med('main', 'overviewMs')).toFixed(2)}, light p99 ${(med('workers', 'lightP99') / med('main', 'lightP99')).toFixed(3)}, event-loop max delay ${(med('workers', 'loopMaxMs') / med('main', 'loopMaxMs')).toFixed(3)}`,
  );
} finally {
  await workers.destroy();
  await handle.close();
  await scratch.cleanup();
}
