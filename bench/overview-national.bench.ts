/**
 * Province overview (issue 7) on a generated national-size instance, PostgreSQL only: Cadre's
 * use case, and the same overview through the HTTP API (GET /api/v1/overview with a Bearer
 * token, in process through app.inject: routing, authentication, validation, response schema
 * and serialisation on top of the use case), against the hand-written SQL of
 * bench/overview.bench.ts for the same figures, as ratios of medians of one run.
 *
 *   BENCH_CACHE_DIR=/tmp/h7b-cache npm run bench:overview-national
 *   BENCH_UNITS=168 BENCH_DOSSIER_DAYS=30 BENCH_CACHE_DIR=/tmp/h7b-cache npm run bench:overview-national
 *   # BENCH_UNITS (3321) · BENCH_DOSSIER_DAYS (7) · BENCH_STAFF_PER_UNIT (40) · BENCH_ROUNDS (5) · BENCH_PG_URL
 *
 * The instance: `cadre seed demo --units N` puts N current communes and wards in ONE province
 * (the demo's 40 named units and generated "Phường Mẫu 041"… after them), with
 * BENCH_STAFF_PER_UNIT staff each, the demo's rate of dossiers per unit (about 1,100 a month,
 * Hue's July 2025 rate, domain.md §6) for BENCH_DOSSIER_DAYS days, its positions, courses,
 * review campaigns (the 40 named units only) and training plan; then one province WISN run
 * through `createRun` (the staffing use case). One province of 3,321 units is the upper bound
 * of what one overview request reads: the overview is per province, and the largest real
 * province has about 170 units, so 3,321 in one province is twenty times the worst real case.
 * A year at the real rate for 3,321 units is about 44 million dossiers: more than a 2-core
 * shared machine can seed within a session, hence the shorter window (say so with the figures).
 *
 * Seeding takes long: with BENCH_CACHE_DIR the database is kept (key
 * overview-national-<units>u-<days>d-<staff>s) and reused by the next run.
 */

import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { provinceOverview } from '../src/modules/overview/use-cases/overview.ts';
import { createRun, latestRunId } from '../src/modules/staffing/runs/use-cases/runs.ts';
import { loadOrCreateSecrets } from '../src/platform/auth/secrets.ts';
import { parseConfig } from '../src/platform/config.ts';
import { connectDatabase } from '../src/platform/db/connect.ts';
import { alternate, handRunner, log, overviewCase, runHand, sameFigures } from './overview.bench.ts';
import { cadre, machine, pgReachable, scratchDatabase } from './support.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const UNITS = Number(process.env.BENCH_UNITS ?? 3321);
const DOSSIER_DAYS = Number(process.env.BENCH_DOSSIER_DAYS ?? 7);
const STAFF = Number(process.env.BENCH_STAFF_PER_UNIT ?? 40);
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CACHE_DIR = process.env.BENCH_CACHE_DIR;
const PASSWORD = 'bench-Password-2026';

if (!(await pgReachable(PG_ADMIN))) throw new Error(`PostgreSQL does not answer at ${PG_ADMIN}`);
const key = `overview-national-${UNITS}u-${DOSSIER_DAYS}d-${STAFF}s`;
const scratch = await scratchDatabase('postgres', { pgAdminUrl: PG_ADMIN, cacheDir: CACHE_DIR, cacheKey: key });
const { env, target } = scratch;
let seeded = `reused from ${scratch.dataDir}`;
if (!scratch.reused) {
  const started = performance.now();
  const args = ['--units', String(UNITS), '--staff-per-unit', String(STAFF), '--dossier-days', String(DOSSIER_DAYS)];
  log(`  seeding ${args.join(' ')} …`);
  cadre(['seed', 'demo', '--password', PASSWORD, ...args], env);
  seeded = `seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`;
}
const handle = connectDatabase({ databaseUrl: target, sqlitePath: '' });
const db = handle.db;
try {
  const c = await overviewCase(db);
  if (!scratch.reused) {
    // One province WISN run over the seeded dossiers (the staffing module's use case), so the overview has its WISN figures.
    const started = performance.now();
    const meta = { actor: c.actor, requestId: null, at: c.now.toISOString(), provinceCode: c.provinceCode };
    await createRun({ db, clock: c.clock }, c.actor, { note: 'bench:overview-national' }, meta);
    seeded += `; WISN run in ${((performance.now() - started) / 1000).toFixed(0)} s`;
    scratch.markSeeded();
  }
  // A bulk-seeded PostgreSQL database has no statistics until autovacuum runs; a live one has.
  await sql`analyze`.execute(db);
  log(`  postgres: ${seeded}`);
  const runId = await latestRunId({ db, clock: c.clock }, c.actor);
  if (runId === null) throw new Error('no WISN run in the instance');

  const count = async (table: string) =>
    Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n);
  const rows: Record<string, number> = {};
  for (const t of [
    'administrative_units',
    'staff',
    'staff_positions',
    'dossiers',
    'dossier_events',
    'dossier_ratings',
    'feedback',
    'staffing_run_lines',
    'training_plan_attendees',
  ])
    rows[t] = await count(t);
  log(`  rows: ${JSON.stringify(rows)}`);

  const hand = await handRunner('postgres', target, c.hand);
  const token = cadre(['token', 'create', '--user', 'analyst', '--name', `bench-${Date.now()}`], env);
  const config = parseConfig({ ...process.env, ...env, LOG_LEVEL: 'silent', COOKIE_SECURE: 'false' } as Record<string, string | undefined>);
  const app = await buildApp({
    config,
    database: handle,
    secrets: loadOrCreateSecrets(scratch.dataDir),
    clock: c.clock,
    rateLimit: false,
    loadShedding: false,
    logger: false,
  });
  await app.ready();
  try {
    log(`  postgres: same figures (${await sameFigures(db, c, hand, 'postgres')})`);
    const viaApi = async () => {
      const res = await app.inject({ method: 'GET', url: '/api/v1/overview', headers: { authorization: `Bearer ${token}` } });
      if (res.statusCode !== 200) throw new Error(`GET /api/v1/overview answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      return res.body.length;
    };
    const api = JSON.parse(
      (await app.inject({ method: 'GET', url: '/api/v1/overview', headers: { authorization: `Bearer ${token}` } })).body,
    );
    const direct = await provinceOverview({ db, clock: c.clock }, c.actor, c.query);
    if (api.total !== direct.total || api.units?.[0]?.unitId !== direct.units[0]?.unitId)
      throw new Error('the API and the use case disagree on the first page');
    const m = await alternate(ROUNDS, 'postgres', {
      Cadre: () => provinceOverview({ db, clock: c.clock }, c.actor, c.query),
      API: viaApi,
      hand: () => runHand(hand),
    });
    console.log(
      `\nProvince overview on a national-size instance: ${UNITS} units in one province, ${STAFF} staff per unit, ${DOSSIER_DAYS} days of demo dossiers (WISN run ${runId}) — PostgreSQL, ${ROUNDS} alternating rounds, medians; ${machine()}\n`,
    );
    console.log(
      `Rows: ${Object.entries(rows)
        .map(([k, v]) => `${k} ${v.toLocaleString('en')}`)
        .join(' · ')}\n`,
    );
    const hm = m.hand ?? 0;
    console.log('| Month | Units × periods | Dossiers | Cadre use case ms | API ms | Hand SQL ms | Use case/hand | API/hand |');
    console.log('|---|---|---|---|---|---|---|---|');
    console.log(
      `| ${c.range.from} – ${c.range.to} | ${UNITS} × ${c.ranges.length} | ${c.dossiers} | ${(m.Cadre ?? 0).toFixed(0)} | ${(m.API ?? 0).toFixed(0)} | ${hm.toFixed(0)} | ${((m.Cadre ?? 0) / hm).toFixed(2)} | ${((m.API ?? 0) / hm).toFixed(2)} |`,
    );
  } finally {
    await app.close();
    await hand.close();
  }
} finally {
  await handle.close().catch(() => {});
  await scratch.cleanup();
}
