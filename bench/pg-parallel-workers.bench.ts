/**
 * Parallel query on the primary under Cadre's mixed load (PG_PARALLEL_WORKERS, ADR 0019's
 * companion finding): two loops of province overviews (an analyst's and a commune leader's, as the
 * heavy-reads bulkhead lets two run at once) beside two loops of a counter officer's inbox and
 * dossier list, for BENCH_SECONDS each, on a copy of the load rig's seeded province with fresh
 * planner statistics; once with the server's max_parallel_workers_per_gather (PostgreSQL's default
 * 2) and once with Cadre's default 0, alternating BENCH_ROUNDS times. In process, through the use
 * cases; the ratios are the result.
 *
 *   npm run bench:pg-parallel-workers         (BENCH_SOURCE_DB, BENCH_SECONDS 30, BENCH_ROUNDS 2)
 *
 * BENCH_SOURCE_DB defaults to the load rig's `cadre_load_full_…` (made by `SOAK_DIALECT=postgres
 * npm run test:soak` or `LOAD_DIALECTS=postgres npm run test:load`); it is copied, never changed.
 */
import { DossierListQuerySchema } from '../src/modules/dossiers/dossiers.schemas.ts';
import { listInbox } from '../src/modules/dossiers/processing/use-cases/inbox.ts';
import type { DossiersDeps } from '../src/modules/dossiers/use-cases/deps.ts';
import { listDossiers } from '../src/modules/dossiers/use-cases/read-dossiers.ts';
import { OverviewQuerySchema } from '../src/modules/overview/overview.schemas.ts';
import { provinceOverview } from '../src/modules/overview/use-cases/overview.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import { connectDatabase } from '../src/platform/db/connect.ts';
import { refreshPlannerStatistics } from '../src/platform/db/planner-statistics.ts';
import { systemClock } from '../src/platform/time/clock.ts';
import { pgAdminQuery } from '../test/support/scratch-pg.ts';
import { machine, median, seededProvinceCopy } from './support.ts';

const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

const copy = await seededProvinceCopy(PG_ADMIN, 'cadre_bench_parallel');
const source = copy.source;

type Figures = { heavy: number[]; light: number[] };

async function round(parallel: number | undefined): Promise<Figures> {
  const h = connectDatabase({ databaseUrl: copy.url, sqlitePath: '', poolSize: 10, pgParallelWorkers: parallel });
  try {
    const counter = await h.db
      .selectFrom('users')
      .select(['id', 'username', 'provinceCode', 'unitId'])
      .where('username', '=', 'counter')
      .executeTakeFirstOrThrow();
    const actor = {
      userId: counter.id,
      username: counter.username,
      role: 'counter_officer',
      unitId: Number(counter.unitId),
      provinceCode: counter.provinceCode,
      locale: 'vi',
    } as Actor;
    const overview = (a: Actor) => () => provinceOverview({ db: h.db, clock: systemClock }, a, OverviewQuerySchema.parse({}));
    const analyst = overview({ ...actor, role: 'province_analyst', unitId: null });
    const leader = overview({ ...actor, role: 'unit_leader' });
    const light = [
      () => listInbox({ db: h.db, clock: systemClock }, actor, { page: 1, pageSize: 20 }),
      () => listDossiers({ db: h.db } as unknown as DossiersDeps, actor, DossierListQuerySchema.parse({ pageSize: '20' })),
    ];
    const end = performance.now() + SECONDS * 1000;
    const out: Figures = { heavy: [], light: [] };
    const loop = async (calls: (() => Promise<unknown>)[], into: number[]) => {
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        await calls[i % calls.length]?.();
        into.push(performance.now() - t);
      }
    };
    await Promise.all([
      loop([analyst, leader], out.heavy),
      loop([leader, analyst], out.heavy),
      loop(light, out.light),
      loop(light, out.light),
    ]);
    return out;
  } finally {
    await h.close();
  }
}

try {
  const h = connectDatabase({ databaseUrl: copy.url, sqlitePath: '', poolSize: 2 });
  await refreshPlannerStatistics(h.db, 'postgres');
  await h.close();
  const server = (await pgAdminQuery(PG_ADMIN, 'show max_parallel_workers_per_gather')).rows[0]?.max_parallel_workers_per_gather;
  const all = { server: { heavy: [], light: [] } as Figures, zero: { heavy: [], light: [] } as Figures };
  for (let r = 0; r < ROUNDS; r++) {
    for (const [key, parallel] of (r % 2
      ? [
          ['zero', 0],
          ['server', undefined],
        ]
      : [
          ['server', undefined],
          ['zero', 0],
        ]) as ['server' | 'zero', number | undefined][]) {
      const f = await round(parallel);
      all[key].heavy.push(...f.heavy);
      all[key].light.push(...f.light);
      process.stderr.write(`round ${r + 1} ${key}: overviews ${f.heavy.length}, light ${f.light.length}\n`);
    }
  }
  const seconds = SECONDS * ROUNDS;
  const row = (label: string, f: Figures) =>
    `| ${label} | ${f.heavy.length} | ${median(f.heavy).toFixed(0)} | ${Math.max(...f.heavy).toFixed(0)} | ${(f.light.length / seconds).toFixed(1)} | ${median(f.light).toFixed(0)} | ${Math.max(...f.light).toFixed(0)} |`;
  console.log(
    `\nParallel query on the primary — ${machine()}; ${source} copied, statistics fresh; ${ROUNDS} alternating rounds × ${SECONDS} s\n`,
  );
  console.log('| max_parallel_workers_per_gather | overviews done | median ms | max ms | light req/s | light median ms | light max ms |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  console.log(row(`${server} (server)`, all.server));
  console.log(row('0 (Cadre default)', all.zero));
  console.log(
    `\n0 ÷ server: overviews done ${(all.zero.heavy.length / all.server.heavy.length).toFixed(2)}, overview median ${(median(all.zero.heavy) / median(all.server.heavy)).toFixed(2)}, light throughput ${(all.zero.light.length / all.server.light.length).toFixed(2)}, light median ${(median(all.zero.light) / median(all.server.light)).toFixed(2)}`,
  );
} finally {
  await copy.drop();
}
