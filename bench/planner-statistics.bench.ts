/**
 * What PostgreSQL's missing planner statistics cost, and what Cadre's start-up ANALYZE
 * (src/platform/db/planner-statistics.ts) gives back: the busiest ward's inbox and first dossier
 * page on a copy of a province with a year of dossiers whose statistics were removed (as after
 * `pg_restore`, or with autovacuum off), then on the same copy after refreshPlannerStatistics —
 * the same calls in the same run, so the ratio is the result.
 *
 *   npm run bench:planner-statistics                 (BENCH_SOURCE_DB=<a seeded database> to choose)
 *
 * BENCH_SOURCE_DB defaults to the load rig's seeded province (`cadre_load_full_…`, made by
 * `LOAD_DIALECTS=postgres npm run test:load` or `SOAK_DIALECT=postgres npm run test:soak`); it is
 * copied (CREATE DATABASE … TEMPLATE), never changed. Removing statistics needs a superuser:
 * the local trust-authenticated `postgres` role of BENCH_PG_URL. BENCH_CALLS (10) per case.
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
import { machine, median, seededProvinceCopy, timed } from './support.ts';

const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CALLS = Number(process.env.BENCH_CALLS ?? 10);

const copy = await seededProvinceCopy(PG_ADMIN, 'cadre_bench_stats');
const source = copy.source;
try {
  await pgAdminQuery(
    copy.url,
    "delete from pg_statistic where starelid in (select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public')",
  );
  const handle = connectDatabase({ databaseUrl: copy.url, sqlitePath: '', poolSize: 5 });
  try {
    // The ward (with a counter officer: the province itself has none) holding the most open dossiers.
    const busiest = await handle.db
      .selectFrom('dossiers as d')
      .innerJoin('users as u', (j) => j.onRef('u.unitId', '=', 'd.competentUnitId').on('u.role', '=', 'counter_officer'))
      .select(['d.competentUnitId', (eb) => eb.fn.count<number>('d.id').distinct().as('n')])
      .where('d.status', 'in', [1, 2, 4, 5, 6, 9])
      .groupBy('d.competentUnitId')
      .orderBy('n', 'desc')
      .executeTakeFirstOrThrow();
    const counter = await handle.db
      .selectFrom('users')
      .select(['id', 'username', 'provinceCode'])
      .where('role', '=', 'counter_officer')
      .where('unitId', '=', Number(busiest.competentUnitId))
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const actor = {
      userId: counter.id,
      username: counter.username,
      role: 'counter_officer',
      unitId: Number(busiest.competentUnitId),
      provinceCode: counter.provinceCode,
      locale: 'vi',
    } as Actor;
    const total = await handle.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const cases: { name: string; call: () => Promise<unknown> }[] = [
      {
        name: `inbox of the busiest ward (${busiest.n} open dossiers)`,
        call: () => listInbox({ db: handle.db, clock: systemClock }, actor, { page: 1, pageSize: 20 }),
      },
      {
        name: 'the province overview (an analyst)',
        call: () =>
          provinceOverview(
            { db: handle.db, clock: systemClock },
            { ...actor, role: 'province_analyst', unitId: null },
            OverviewQuerySchema.parse({}),
          ),
      },
      {
        name: 'its first dossier page',
        call: () => listDossiers({ db: handle.db } as unknown as DossiersDeps, actor, DossierListQuerySchema.parse({ pageSize: '20' })),
      },
    ];
    const measure = async () => {
      const out: number[] = [];
      for (const c of cases) {
        await c.call();
        const times: number[] = [];
        for (let i = 0; i < CALLS; i++) times.push((await timed(c.call))[0]);
        out.push(median(times));
      }
      return out;
    };
    const before = await measure();
    const [refreshMs, analyzed] = await timed(() => refreshPlannerStatistics(handle.db, 'postgres'));
    const after = await measure();
    console.log(`\nPlanner statistics — ${machine()}; ${source} copied, ${Number(total.n)} dossiers, statistics removed`);
    console.log(`refreshPlannerStatistics: ${analyzed.length} tables analyzed in ${(refreshMs / 1000).toFixed(1)} s\n`);
    console.log('| Case | without statistics ms | after refresh ms | after ÷ without |');
    console.log('|---|---:|---:|---:|');
    cases.forEach((c, i) => {
      const [b, a] = [before[i] ?? 0, after[i] ?? 0];
      console.log(`| ${c.name} | ${b.toFixed(1)} | ${a.toFixed(1)} | ${(a / b).toFixed(2)} |`);
    });
    console.log(`\nMedian of ${CALLS} calls each, after one warm call; in process, through the use cases.`);
  } finally {
    await handle.close();
  }
} finally {
  await copy.drop();
}
