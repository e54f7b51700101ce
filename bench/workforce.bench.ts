/**
 * National-scale workforce registry (issue 4): 3,321 communes/wards and about 130,000
 * officials in one PostgreSQL database; Cadre's use cases against the best hand-written SQL
 * for the same result, as a ratio of medians of alternating rounds in one run.
 *
 *   npm run bench:workforce
 *   BENCH_UNITS=400 BENCH_ROUNDS=5 npm run bench:workforce            # smaller, quicker
 *   BENCH_CACHE_DIR=/tmp/cadre-bench-cache npm run bench:workforce     # keep and reuse the seeded database
 *
 * Directory search: `listStaff` (src/modules/staff/use-cases/list-staff.ts) called in process
 * as a province analyst: the filters, the Vietnamese name order (given name, then full name),
 * one page of 50 rows with unit and body, and the total. Baseline: the count and the page as
 * two SQL statements on the bare pg driver (a pool of two), ordered by the stored sort key
 * (ADR 0007). Before timing, both must return the same ids in the same order and the same
 * total, and the first page must equal PostgreSQL's ICU Vietnamese collation order.
 *
 * Campaign dashboard (bench/workforce-campaign.ts), after the directory cases: a 2026 campaign
 * over every current commune and ward opened through `createCampaign` (timed), filled like a
 * finished campaign with bulk SQL, then `campaignDashboard` for one ward and for the whole
 * campaign against hand-written SQL for the same figures (BENCH_CAMPAIGN=0 skips this part).
 */

import { deepStrictEqual } from 'node:assert';
import { sql } from 'kysely';
import pg from 'pg';
import { listStaff } from '../src/modules/staff/use-cases/list-staff.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import { connectDatabase } from '../src/platform/db/connect.ts';
import { searchKey } from '../src/platform/text/search-key.ts';
import { systemClock } from '../src/platform/time/clock.ts';
import { cadre, type Dialect, machine, median, pgReachable, scratchDatabase, timed } from './support.ts';
import { benchCampaignDashboard, type CampaignBenchResult } from './workforce-campaign.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const UNITS = Number(process.env.BENCH_UNITS ?? 3321);
const STAFF_PER_UNIT = Number(process.env.BENCH_STAFF_PER_UNIT ?? 40);
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CACHE_DIR = process.env.BENCH_CACHE_DIR;
const PASSWORD = 'bench-Password-2026';
const PAGE_SIZE = 50;
const CAMPAIGN = process.env.BENCH_CAMPAIGN !== '0';

function log(s: string) {
  process.stderr.write(`${s}\n`);
}

type DirectoryCase = { name: string; q?: string; unitId?: number; page: number };

/**
 * The hand-written directory: the count and the page on the stored Vietnamese sort key
 * (ADR 0007), two statements sent at once on two connections, as an expert would.
 */
function handDirectory(pool: pg.Pool, provinceCode: string) {
  return async (c: DirectoryCase): Promise<{ ids: number[]; total: number }> => {
    const values: unknown[] = [provinceCode];
    const where = ['s.province_code = $1'];
    if (c.unitId !== undefined) {
      values.push(c.unitId);
      where.push(`s.unit_id = $${values.length}`);
    }
    for (const w of searchKey(c.q ?? '')
      .split(' ')
      .filter(Boolean)) {
      values.push(`${w}%`, `% ${w}%`);
      where.push(`(s.name_search like $${values.length - 1} or s.name_search like $${values.length})`);
    }
    const pageValues = [...values, PAGE_SIZE, (c.page - 1) * PAGE_SIZE];
    const [count, page] = await Promise.all([
      pool.query(`select count(*) as n from staff s where ${where.join(' and ')}`, values),
      pool.query(
        `select s.id, s.full_name, s.gender, s.birth_date, s.citizen_id, s.rank, s.employment_status, s.current_title,
                u.id as unit_id, u.name as unit_name, u.kind as unit_kind, b.id as body_id, b.name as body_name, b.kind as body_kind
           from staff s
           join administrative_units u on u.id = s.unit_id
           left join org_bodies b on b.id = s.org_body_id
          where ${where.join(' and ')}
          order by s.name_sort, s.id
          limit $${pageValues.length - 1} offset $${pageValues.length}`,
        pageValues,
      ),
    ]);
    return { ids: page.rows.map((x) => Number(x.id)), total: Number(count.rows[0].n) };
  };
}

/** The order Cadre shows must be the Vietnamese collation's: checked against PostgreSQL's ICU "vi" on the first page. */
async function icuOrder(pool: pg.Pool, provinceCode: string): Promise<number[]> {
  const r = await pool.query(
    `select id from staff where province_code = $1
      order by substring(trim(full_name) from '([^[:space:]]+)$') collate "vi-x-icu", full_name collate "vi-x-icu", id
      limit ${PAGE_SIZE}`,
    [provinceCode],
  );
  return r.rows.map((x) => Number(x.id));
}

async function benchDialect(dialect: Dialect) {
  const scratch = await scratchDatabase(dialect, {
    pgAdminUrl: PG_ADMIN,
    cacheDir: CACHE_DIR,
    cacheKey: `workforce-${UNITS}x${STAFF_PER_UNIT}`,
  });
  if (!scratch.reused) {
    const started = performance.now();
    cadre(
      ['seed', 'demo', '--password', PASSWORD, '--units', String(UNITS), '--staff-per-unit', String(STAFF_PER_UNIT), '--dossier-days', '0'],
      scratch.env,
    );
    scratch.markSeeded();
    log(`  ${dialect}: seeded ${UNITS} units × ${STAFF_PER_UNIT} staff in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const handle = connectDatabase({ databaseUrl: scratch.env.DATABASE_URL, sqlitePath: scratch.target });
  const pool = new pg.Pool({ connectionString: scratch.target, max: 2 });
  try {
    const db = handle.db;
    await sql`analyze`.execute(db);
    const province = await db.selectFrom('provinces').select('code').executeTakeFirstOrThrow();
    const staffCount = Number(
      (
        await db
          .selectFrom('staff')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const unit = await db
      .selectFrom('administrativeUnits')
      .select('id')
      .where('kind', '=', 'WARD')
      .where('validTo', 'is', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const actor: Actor = {
      userId: 0,
      username: 'bench',
      displayName: 'bench',
      role: 'province_analyst',
      provinceCode: province.code,
      unitId: null,
      locale: 'vi',
      sessionId: null,
      via: 'system',
    };
    const deps = { db, clock: systemClock };
    const hand = handDirectory(pool, province.code);
    const cases: DirectoryCase[] = [
      { name: 'whole province, page 1', page: 1 },
      { name: 'whole province, page 200', page: 200 },
      { name: 'search "nguyễn thị"', q: 'nguyễn thị', page: 1 },
      { name: 'search "hương"', q: 'hương', page: 1 },
      { name: 'one ward, page 1', unitId: unit.id, page: 1 },
    ];
    const rows = [];
    for (const c of cases) {
      const viaCadre = async () => {
        const r = await listStaff(deps, actor, { page: c.page, pageSize: PAGE_SIZE, q: c.q, unitId: c.unitId });
        return { ids: r.items.map((i) => i.id), total: r.total };
      };
      const expected = await viaCadre();
      if (c.page === 1 && !c.q && c.unitId === undefined) {
        deepStrictEqual(expected.ids, await icuOrder(pool, province.code), "Cadre's order differs from the ICU Vietnamese collation");
      }
      deepStrictEqual(await hand(c), expected, `${dialect} ${c.name}: the hand-written SQL and Cadre disagree`);
      for (let i = 0; i < 2; i++) {
        await viaCadre();
        await hand(c);
      }
      const cadreMs: number[] = [];
      const handMs: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        cadreMs.push((await timed(viaCadre))[0]);
        handMs.push((await timed(() => hand(c)))[0]);
      }
      const cm = median(cadreMs);
      const hm = median(handMs);
      log(`  ${dialect} ${c.name}: total ${expected.total}, Cadre ${cm.toFixed(1)} ms, hand ${hm.toFixed(1)} ms`);
      rows.push({ dialect, name: c.name, total: expected.total, cadre: cm, hand: hm, ratio: cm / hm });
    }
    const campaign: CampaignBenchResult | null = CAMPAIGN
      ? await benchCampaignDashboard({ db, target: scratch.target, provinceCode: province.code, wardId: unit.id, rounds: ROUNDS, log })
      : null;
    return { staffCount, rows, campaign };
  } finally {
    await pool.end().catch(() => {});
    await handle.close();
    await scratch.cleanup();
  }
}

if (!(await pgReachable(PG_ADMIN))) {
  log(`PostgreSQL is not reachable at ${PG_ADMIN}; this benchmark needs it.`);
  process.exit(1);
}
const result = await benchDialect('postgres');
console.log(
  `\nWorkforce registry, ${UNITS} units, ${result.staffCount} staff, PostgreSQL — ${ROUNDS} alternating rounds, medians; ${machine()}\n`,
);
console.log('| Query | Matches | Cadre ms | Hand SQL ms | Cadre/hand |');
console.log('|---|---|---|---|---|');
for (const r of result.rows) {
  console.log(`| ${r.name} | ${r.total} | ${r.cadre.toFixed(1)} | ${r.hand.toFixed(1)} | ${r.ratio.toFixed(2)} |`);
}
const c = result.campaign;
if (c) {
  console.log(
    `\nCampaign dashboard: createCampaign over every current commune and ward took ${(c.createMs / 1000).toFixed(1)} s ` +
      `(${c.participants} participants, ${c.competencyRows} competency rows, ${c.evaluations} evaluations); ` +
      `bench fill (levels, ratings, ${c.screenings} screenings, vacuum analyze) ${(c.fillMs / 1000).toFixed(1)} s\n`,
  );
  console.log('| Query | Participants | Cadre ms | Hand SQL ms | Cadre/hand |');
  console.log('|---|---|---|---|---|');
  for (const r of c.rows) {
    console.log(`| ${r.name} | ${r.matches} | ${r.cadre.toFixed(1)} | ${r.hand.toFixed(1)} | ${r.ratio.toFixed(2)} |`);
  }
}
