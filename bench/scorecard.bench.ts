/**
 * Province Decision 766 scorecard over a year of demo dossiers: Cadre's use case against the
 * best single hand-written SQL query that computes the same numbers, on both dialects, as a
 * ratio of medians measured in one run (issue 3: target ≤ 1.5×).
 *
 *   npm run bench:scorecard
 *   BENCH_ROUNDS=9 BENCH_DOSSIER_DAYS=365 BENCH_DIALECTS=sqlite npm run bench:scorecard
 *   BENCH_CACHE_DIR=/tmp/cadre-bench-cache npm run bench:scorecard   # keep and reuse the seeded databases
 *
 * Cadre: `computeScorecard` (src/modules/scorecard/use-cases/compute-scorecard.ts) called
 * directly, in process, as a province analyst for `unit=province` and the last 365 days; no
 * HTTP. It reads the rules in force, the dossier facts (a grouped scan plus the paused
 * dossiers), the procedure flags and, for the paused dossiers, the working calendar.
 * Baseline: one SQL statement on the bare driver (better-sqlite3 / pg) that returns every
 * numerator and denominator Cadre computes from dossiers, including the due dates pushed back
 * by paused working time (a working-day index of the holiday calendar, built in the query).
 * Before timing, the bench checks that both give the same numbers and fails if not.
 *
 * Seeding a year takes minutes, so each dialect is seeded once per run into a fresh SQLite
 * file / PostgreSQL database that is removed afterwards. With BENCH_CACHE_DIR set, the SQLite
 * file and the name of the PostgreSQL database are kept there and reused by the next run.
 */

import { deepStrictEqual } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import type SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { CALENDAR_RULE_KEYS, rulesUsedOf, toWorkingTimeRules } from '../src/modules/calendar/calendar-rules.ts';
import type { WorkingTimeRules } from '../src/modules/calendar/working-days.ts';
import { computeScorecard766 } from '../src/modules/dossiers/lifecycle/scorecard-766.ts';
import { computeScorecard, loadClasses } from '../src/modules/scorecard/use-cases/compute-scorecard.ts';
import { cardOfClasses, factsOfClass } from '../src/modules/scorecard/use-cases/facts.ts';
import { periodOf } from '../src/modules/scorecard/use-cases/scope.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import { connectDatabase, type DatabaseHandle, openSqlite } from '../src/platform/db/connect.ts';
import { getRules } from '../src/platform/rules/rules.ts';
import { benchDialects, cadre, type Dialect, machine, median, scratchDatabase, timed } from './support.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const DOSSIER_DAYS = Number(process.env.BENCH_DOSSIER_DAYS ?? 365);
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CACHE_DIR = process.env.BENCH_CACHE_DIR;
const PASSWORD = 'bench-Password-2026';
const OFFSET_MS = 7 * 3_600_000; // Asia/Ho_Chi_Minh: UTC+7 all year (no daylight saving since 1975)
const DAY_MS = 86_400_000;

/** The numbers both sides must agree on: every numerator/denominator Cadre derives from dossiers. */
type Numbers = {
  receivedIn: number;
  onlineIn: number;
  feeBearingIn: number;
  finished: number;
  finishedPaperResult: number;
  toProcess: number;
  received: number;
  carriedOver: number;
  lateProcessed: number;
  lateInProcess: number;
  lateByRepeatSupplement: number;
  onTime: number;
};

type Prepared = { target: string; handle: DatabaseHandle; cleanup: () => Promise<void>; seeded: string };

function log(s: string) {
  process.stderr.write(`${s}\n`);
}

function seed(env: NodeJS.ProcessEnv): string {
  const started = performance.now();
  cadre(['seed', 'demo', '--password', PASSWORD, '--staff-per-unit', '5', '--dossier-days', String(DOSSIER_DAYS)], env);
  return `seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`;
}

/** A database with the demo province and DOSSIER_DAYS of dossiers: fresh, or reused from BENCH_CACHE_DIR. */
async function prepare(dialect: Dialect): Promise<Prepared> {
  const scratch = await scratchDatabase(dialect, { pgAdminUrl: PG_ADMIN, cacheDir: CACHE_DIR, cacheKey: `scorecard-${DOSSIER_DAYS}d` });
  const { env, target } = scratch;
  let seeded = `reused from ${scratch.dataDir}`;
  if (!scratch.reused) {
    seeded = seed(env);
    scratch.markSeeded();
  }
  const handle = connectDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: target });
  // The seed's bulk insert leaves PostgreSQL without statistics until autovacuum gets to it;
  // a live database has them, and both sides' plans depend on them.
  if (dialect === 'postgres') await sql`analyze`.execute(handle.db);
  return {
    target,
    handle,
    seeded,
    cleanup: async () => {
      await handle.close();
      await scratch.cleanup();
    },
  };
}

// ---------------------------------------------------------------------------------------
// The hand-written query. One statement: the working-day index of the calendar, the in-scope
// dossiers with their procedure flags, the due date of each paused dossier pushed back by its
// paused time counted in office hours (as extendByWorkingMs does), and one aggregate row.
// ---------------------------------------------------------------------------------------

type HandParams = {
  provinceCode: string;
  from: string;
  to: string;
  calendarFrom: string;
  calendarTo: string;
  overdueFrom: number;
  rules: WorkingTimeRules;
};

/** SQL fragments from the office periods: office time elapsed at a local ms of day, and its inverse. */
function officeSql(rules: WorkingTimeRules, dialect: Dialect) {
  const [min, max] = dialect === 'sqlite' ? ['min', 'max'] : ['least', 'greatest'];
  const periods = rules.officeHours.map((p) => ({ start: p.startMs, len: p.endMs - p.startMs }));
  const dayMs = periods.reduce((s, p) => s + p.len, 0);
  const elapsed = (m: string) => periods.map((p) => `${max}(${min}(${m} - ${p.start}, ${p.len}), 0)`).join(' + ');
  let before = 0;
  const whens = periods.map((p) => {
    const w = `when r <= ${before + p.len} then ${p.start} + r - ${before}`;
    before += p.len;
    return w;
  });
  return { dayMs, elapsed, msOfDay: `case ${whens.join(' ')} end` };
}

function sqliteHandSql(p: HandParams): string {
  const o = officeSql(p.rules, 'sqlite');
  const ms = (x: string) => `cast(round(unixepoch(${x}, 'subsec') * 1000) as integer)`;
  return `
with recursive
days(d) as (select @calendarFrom union all select date(d, '+1 day') from days where d < @calendarTo),
wd as (
  select d, working, sum(working) over (order by d) - working as before_
  from (
    select days.d,
      case when h.kind is not null then h.kind = 'WORKING_SATURDAY'
           when strftime('%w', days.d) = '0' then 0
           when strftime('%w', days.d) = '6' then ${p.rules.saturdaysCount ? 1 : 0}
           else 1 end as working
    from days left join holidays h on h.date = days.d)),
workdays as materialized (select before_ as k, d from wd where working = 1),
daypos as materialized (select d, working, before_ from wd),
scope as not materialized (
  select d.id, d.status, d.channel, d.received_at, d.due_at, d.updated_at, d.paused_ms, d.supplement_requests,
    coalesce(d.finished_at, d.returned_at) as fin, d.procedure_id
  from dossiers d
  where d.province_code = @provinceCode and d.received_at is not null and d.received_at < @to
    and (coalesce(d.finished_at, d.returned_at) is null or coalesce(d.finished_at, d.returned_at) >= @from)),
positioned as (
  select s.*, dp.before_ * ${o.dayMs} + case when dp.working then ${o.elapsed(`((${ms('s.due_at')} + ${OFFSET_MS}) % ${DAY_MS})`)} else 0 end + s.paused_ms as t
  from scope s left join daypos dp on dp.d = date(s.due_at, '+7 hours')
  where s.paused_ms > 0),
facts as (
  select received_at, channel, procedure_id, status, fin, updated_at, supplement_requests,
    due_at is not null and (case when fin < @to then fin else @to end) > due_at as late_by_time
  from scope where paused_ms = 0
  union all
  select received_at, channel, procedure_id, status, fin, updated_at, supplement_requests,
    coalesce(${ms('case when x.fin < @to then x.fin else @to end')} > (unixepoch(w.d) * 1000 - ${OFFSET_MS}) + ${o.msOfDay}, 0)
  from (select p.*, (t - 1) / ${o.dayMs} as k, t - ((t - 1) / ${o.dayMs}) * ${o.dayMs} as r from positioned p) x
  left join workdays w on w.k = x.k),
classes as (
  select procedure_id, channel = 2 as online, received_at >= @from as received_in, status in (9, 10) as result,
    fin is not null and fin < @to as finished_in, not (status = 7 and updated_at < @to) as to_process,
    late_by_time, supplement_requests >= @overdueFrom as repeated, count(*) as n
  from facts group by 1, 2, 3, 4, 5, 6, 7, 8)
select
  sum(n * received_in) as "receivedIn",
  sum(n * (received_in and online and not p.paper_result)) as "onlineIn",
  sum(n * (received_in and p.fee > 0)) as "feeBearingIn",
  sum(n * (result and finished_in)) as "finished",
  sum(n * (result and finished_in and p.paper_result)) as "finishedPaperResult",
  sum(n * to_process) as "toProcess",
  sum(n * (to_process and received_in)) as "received",
  sum(n * (to_process and not received_in)) as "carriedOver",
  sum(n * (to_process and (late_by_time or repeated) and finished_in)) as "lateProcessed",
  sum(n * (to_process and (late_by_time or repeated) and not finished_in)) as "lateInProcess",
  sum(n * (to_process and repeated and not late_by_time)) as "lateByRepeatSupplement",
  sum(n * (to_process and not (late_by_time or repeated))) as "onTime"
from classes c join procedures p on p.id = c.procedure_id`;
}

function postgresHandSql(p: HandParams): string {
  const o = officeSql(p.rules, 'postgres');
  const ms = (x: string) => `(extract(epoch from ${x}) * 1000)::bigint`;
  return `
with
days as (select g::date as d from generate_series($4::date, $5::date, interval '1 day') g),
wd as (
  select d, working, (sum(working) over (order by d) - working)::bigint as before_
  from (
    select days.d,
      case when h.kind is not null then (h.kind = 'WORKING_SATURDAY')::int
           when extract(dow from days.d) = 0 then 0
           when extract(dow from days.d) = 6 then ${p.rules.saturdaysCount ? 1 : 0}
           else 1 end as working
    from days left join holidays h on h.date = days.d) c),
scope as not materialized (
  select d.id, d.status, d.channel, d.received_at, d.due_at, d.updated_at, d.paused_ms, d.supplement_requests,
    coalesce(d.finished_at, d.returned_at) as fin, d.procedure_id
  from dossiers d
  where d.province_code = $1 and d.received_at is not null and d.received_at < $3::timestamptz
    and (coalesce(d.finished_at, d.returned_at) is null or coalesce(d.finished_at, d.returned_at) >= $2::timestamptz)),
positioned as (
  select s.*, wd.before_ * ${o.dayMs} + case when wd.working = 1 then ${o.elapsed(`((${ms('s.due_at')} + ${OFFSET_MS}) % ${DAY_MS})`)} else 0 end + s.paused_ms as t
  from scope s left join wd on wd.d = (s.due_at at time zone 'Asia/Ho_Chi_Minh')::date
  where s.paused_ms > 0),
facts as (
  select received_at, channel, procedure_id, status, fin, updated_at, supplement_requests,
    coalesce(least(fin, $3::timestamptz) > due_at, false) as late_by_time
  from scope where paused_ms = 0
  union all
  select received_at, channel, procedure_id, status, fin, updated_at, supplement_requests,
    coalesce(${ms('least(x.fin, $3::timestamptz)')} > ${ms('w.d::timestamp')} - ${OFFSET_MS} + ${o.msOfDay}, false)
  from (select p.*, (t - 1) / ${o.dayMs} as k, t - ((t - 1) / ${o.dayMs}) * ${o.dayMs} as r from positioned p) x
  left join wd w on w.working = 1 and w.before_ = x.k),
classes as (
  select procedure_id, channel = 2 as online, received_at >= $2::timestamptz as received_in, status in (9, 10) as result,
    coalesce(fin < $3::timestamptz, false) as finished_in, not (status = 7 and updated_at < $3::timestamptz) as to_process,
    late_by_time, supplement_requests >= $6 as repeated, count(*) as n
  from facts group by 1, 2, 3, 4, 5, 6, 7, 8)
select
  sum(n) filter (where received_in) as "receivedIn",
  sum(n) filter (where received_in and online and not p.paper_result) as "onlineIn",
  sum(n) filter (where received_in and p.fee > 0) as "feeBearingIn",
  sum(n) filter (where result and finished_in) as "finished",
  sum(n) filter (where result and finished_in and p.paper_result) as "finishedPaperResult",
  sum(n) filter (where to_process) as "toProcess",
  sum(n) filter (where to_process and received_in) as "received",
  sum(n) filter (where to_process and not received_in) as "carriedOver",
  sum(n) filter (where to_process and (late_by_time or repeated) and finished_in) as "lateProcessed",
  sum(n) filter (where to_process and (late_by_time or repeated) and not finished_in) as "lateInProcess",
  sum(n) filter (where to_process and repeated and not late_by_time) as "lateByRepeatSupplement",
  sum(n) filter (where to_process and not (late_by_time or repeated)) as "onTime"
from classes c join procedures p on p.id = c.procedure_id`;
}

function toNumbers(row: Record<string, unknown>): Numbers {
  const n = (k: keyof Numbers) => Number(row[k] ?? 0);
  return {
    receivedIn: n('receivedIn'),
    onlineIn: n('onlineIn'),
    feeBearingIn: n('feeBearingIn'),
    finished: n('finished'),
    finishedPaperResult: n('finishedPaperResult'),
    toProcess: n('toProcess'),
    received: n('received'),
    carriedOver: n('carriedOver'),
    lateProcessed: n('lateProcessed'),
    lateInProcess: n('lateInProcess'),
    lateByRepeatSupplement: n('lateByRepeatSupplement'),
    onTime: n('onTime'),
  };
}

/** BENCH_DUMP_SQL=<dir> writes each dialect's hand query and its parameters there (for EXPLAIN). */
function dumpSql(dialect: Dialect, text: string, params: unknown) {
  const dir = process.env.BENCH_DUMP_SQL;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `scorecard-hand-${dialect}.sql`), `-- parameters: ${JSON.stringify(params)}\n${text};\n`);
}

/** The bare-driver side: one prepared statement (SQLite) or one parameterised query (PostgreSQL). */
async function handRunner(
  dialect: Dialect,
  target: string,
  p: HandParams,
): Promise<{ run: () => Promise<Numbers>; close: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const db: SqliteDatabase.Database = openSqlite(target);
    const { rules: _rules, ...params } = p;
    const stmt = db.prepare(sqliteHandSql(p));
    dumpSql(dialect, sqliteHandSql(p), params);
    return {
      run: async () => toNumbers(stmt.get(params) as Record<string, unknown>),
      close: async () => {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  const text = postgresHandSql(p);
  const values = [p.provinceCode, p.from, p.to, p.calendarFrom, p.calendarTo, p.overdueFrom];
  dumpSql(dialect, text, values);
  return {
    run: async () => toNumbers((await client.query({ name: 'scorecard-hand', text, values })).rows[0]),
    close: () => client.end(),
  };
}

const addDaysIso = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const localDate = (iso: string) => new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 10);

/** The same numbers read off Cadre's card before unrecorded facts are blanked (the use case zeroes those). */
function numbersOfCard(card: ReturnType<typeof computeScorecard766>): Numbers {
  const ind = (code: string) => {
    const i = card.groups.flatMap((g) => g.indicators).find((x) => x.code === code);
    if (!i) throw new Error(`indicator ${code} missing from the card`);
    return i;
  };
  const terms = ind('2.1').explanation.terms;
  const t = (k: string) => terms[k] ?? Number.NaN;
  return {
    receivedIn: ind('4.3').denominator,
    onlineIn: ind('3.3').numerator,
    feeBearingIn: ind('3.6').denominator,
    finished: ind('4.2').denominator,
    finishedPaperResult: ind('4.1').denominator,
    toProcess: t('toProcess'),
    received: t('received'),
    carriedOver: t('carriedOver'),
    lateProcessed: t('lateProcessed'),
    lateInProcess: t('lateInProcess'),
    lateByRepeatSupplement: t('lateByRepeatSupplement'),
    onTime: t('onTime'),
  };
}

async function benchDialect(dialect: Dialect) {
  const prep = await prepare(dialect);
  log(`  ${dialect}: ${prep.seeded}`);
  const db = prep.handle.db;
  try {
    const province = await db.selectFrom('provinces').select('code').executeTakeFirstOrThrow();
    const span = await db
      .selectFrom('dossiers')
      .select((eb) => [eb.fn.max('receivedAt').as('last'), eb.fn.countAll().as('count')])
      .where('provinceCode', '=', province.code)
      .executeTakeFirstOrThrow();
    const lastIso = new Date(String(span.last)).toISOString();
    const to = addDaysIso(localDate(lastIso), 1);
    const range = { from: addDaysIso(to, -365), to };
    const period = periodOf(range);
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
    const config = (await getRules(db, ['scorecard766.config'], province.code, range.from))['scorecard766.config'].value;
    const rules = toWorkingTimeRules(rulesUsedOf(await getRules(db, CALENDAR_RULE_KEYS, province.code, range.from)));
    if (rules.timeZone !== 'Asia/Ho_Chi_Minh') throw new Error(`the hand query assumes UTC+7, rules say ${rules.timeZone}`);
    const params: HandParams = {
      provinceCode: province.code,
      from: period.start.toISOString(),
      to: period.end.toISOString(),
      // Cadre's calendar starts on 1 January of the year before the period; extended due dates can pass its end.
      calendarFrom: `${Number(range.from.slice(0, 4)) - 1}-01-01`,
      calendarTo: `${Number(range.to.slice(0, 4)) + 2}-12-31`,
      overdueFrom: config.overdueFromSupplementRequests,
      rules,
    };
    const hand = await handRunner(dialect, prep.target, params);
    const viaCadre = () => computeScorecard({ db }, actor, 'province', range);
    try {
      // Same numbers first: the card `computeScorecard766` computes from one fact per dossier
      // (Cadre's classes expanded, the reference path), and the use case's own 2.1.
      const overdueFrom = config.overdueFromSupplementRequests;
      const { classes, flags } = await loadClasses(db, { provinceCode: province.code, unitId: null }, range, period, overdueFrom);
      const facts = classes.flatMap((c) => factsOfClass(c, flags.get(c.procedureId), period, overdueFrom));
      const reference = computeScorecard766(facts, period, config);
      deepStrictEqual(
        cardOfClasses(classes, flags, period, config),
        reference,
        `${dialect}: cardOfClasses differs from computeScorecard766`,
      );
      const expected = numbersOfCard(reference);
      const got = await hand.run();
      deepStrictEqual(got, expected, `${dialect}: the hand-written SQL and Cadre disagree`);
      const card = (await viaCadre()).card;
      const i21 = card.groups.flatMap((g) => g.indicators).find((i) => i.code === '2.1');
      deepStrictEqual(
        { numerator: i21?.numerator, denominator: i21?.denominator },
        { numerator: got.onTime, denominator: got.toProcess },
        `${dialect}: computeScorecard's 2.1 differs from the hand-written SQL`,
      );
      log(`  ${dialect}: same numbers ${JSON.stringify(got)}`);
      const paused = await db
        .selectFrom('dossiers')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('provinceCode', '=', province.code)
        .where('pausedMs', '>', 0)
        .executeTakeFirstOrThrow();

      for (let i = 0; i < 2; i++) {
        await viaCadre();
        await hand.run();
      }
      const cadreMs: number[] = [];
      const handMs: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        cadreMs.push((await timed(viaCadre))[0]);
        handMs.push((await timed(hand.run))[0]);
        log(`  ${dialect} round ${i + 1}/${ROUNDS}: Cadre ${cadreMs.at(-1)?.toFixed(0)} ms, hand SQL ${handMs.at(-1)?.toFixed(0)} ms`);
      }
      const c = median(cadreMs);
      const h = median(handMs);
      return {
        dialect,
        range,
        dossiers: Number(span.count),
        paused: Number(paused.n),
        toProcess: got.toProcess,
        cadre: c,
        hand: h,
        ratio: c / h,
      };
    } finally {
      await hand.close();
    }
  } finally {
    await prep.cleanup();
  }
}

const dialects = await benchDialects(PG_ADMIN);
const results = [];
for (const d of dialects) results.push(await benchDialect(d));
console.log(`\nProvince 766 scorecard, ${DOSSIER_DAYS} days of demo dossiers — ${ROUNDS} alternating rounds, medians; ${machine()}\n`);
console.log('| Dialect | Period | Dossiers (paused) | To process | Cadre ms | Hand SQL ms | Cadre/hand |');
console.log('|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.dialect} | ${r.range.from} – ${r.range.to} | ${r.dossiers} (${r.paused}) | ${r.toProcess} | ${r.cadre.toFixed(0)} | ${r.hand.toFixed(0)} | ${r.ratio.toFixed(2)} |`,
  );
}
