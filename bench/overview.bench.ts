/**
 * Province overview (issue 7) over the demo province with a year of dossiers: Cadre's use case
 * against hand-written SQL for the same figures, on both dialects, as a ratio of medians
 * measured in one run (target ≤ 1.5× the sum of the hand statements).
 *
 *   npm run bench:overview
 *   BENCH_CACHE_DIR=/tmp/cadre-bench-cache npm run bench:overview   # keep and reuse the seeded databases
 *   BENCH_ROUNDS=5 BENCH_DIALECTS=sqlite npm run bench:overview
 *
 * Cadre: `provinceOverview` (src/modules/overview/use-cases/overview.ts) called in process as a
 * province analyst, default query (the current month, page 1 of 20, weakest score first), the
 * clock at the last receipt of the seeded year. It reads the units, the 766 cards of every
 * unit for the month and the month before and the province's card for each of the six trend
 * months, the open dossiers overdue or about to miss their appointment, the staffing norm, the
 * latest WISN run, fit to position and training progress, then builds rows, alerts and trend.
 *
 * Hand-written SQL, on the bare driver (better-sqlite3 prepared statements / pg named queries),
 * run one after the other and summed:
 *  1. the 766 dossier counts of every competent unit for each of the seven periods (the month,
 *     the month before, the trend months) in one statement: the working-day index of the
 *     calendar, due dates pushed back by paused office time, classes per unit × period;
 *  2. the open dossiers near or past their due date with their pause events and apology slips;
 *  3. headcount (ACTIVE staff) per unit;
 *  4. today's placements with their positions' required levels and the locked campaign levels
 *     and tests of the people placed;
 *  5. the latest WISN run's lines; 6. training-plan attendance for the year; 7. late campaigns.
 * Before timing, the bench checks that statement 1's on-time and to-process counts equal the
 * 2.1 terms of Cadre's cards for every unit and period (and the province's, as their sum), and
 * that statement 3's headcounts and statement 4's placed people per unit equal the overview's.
 */

import { deepStrictEqual } from 'node:assert';
import path from 'node:path';
import type SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { CALENDAR_RULE_KEYS, rulesUsedOf, toWorkingTimeRules } from '../src/modules/calendar/calendar-rules.ts';
import type { WorkingTimeRules } from '../src/modules/calendar/working-days.ts';
import { listOverviewUnits } from '../src/modules/overview/overview.repository.ts';
import { monthsUpTo, previousRange } from '../src/modules/overview/overview-table.ts';
import { periodScorecards } from '../src/modules/overview/read-model/unit-scorecards.ts';
import { overviewRange, provinceOverview, TREND_MONTHS } from '../src/modules/overview/use-cases/overview.ts';
import { computeScorecard } from '../src/modules/scorecard/use-cases/compute-scorecard.ts';
import { type DateRange, periodOf } from '../src/modules/scorecard/use-cases/scope.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import { connectDatabase, type DatabaseHandle, openSqlite } from '../src/platform/db/connect.ts';
import type { Db } from '../src/platform/db/database.ts';
import { getRules } from '../src/platform/rules/rules.ts';
import { type Clock, fixedClock } from '../src/platform/time/clock.ts';
import { domainToday } from '../src/platform/time/format.ts';
import { benchDialects, cadre, type Dialect, machine, median, scratchDatabase, timed } from './support.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const DOSSIER_DAYS = Number(process.env.BENCH_DOSSIER_DAYS ?? 365);
const UNITS = Number(process.env.BENCH_UNITS ?? 40);
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CACHE_DIR = process.env.BENCH_CACHE_DIR;
const PASSWORD = 'bench-Password-2026';
const OFFSET_MS = 7 * 3_600_000; // Asia/Ho_Chi_Minh: UTC+7 all year
const DAY_MS = 86_400_000;

export function log(s: string) {
  process.stderr.write(`${s}\n`);
}

type Prepared = { target: string; handle: DatabaseHandle; cleanup: () => Promise<void>; seeded: string };

/** The demo province (default staff per unit) with DOSSIER_DAYS of dossiers: fresh, or reused from BENCH_CACHE_DIR. */
async function prepare(dialect: Dialect): Promise<Prepared> {
  const key = `overview-${DOSSIER_DAYS}d${UNITS === 40 ? '' : `-${UNITS}u`}`;
  const scratch = await scratchDatabase(dialect, { pgAdminUrl: PG_ADMIN, cacheDir: CACHE_DIR, cacheKey: key });
  const { env, target } = scratch;
  let seeded = `reused from ${scratch.dataDir}`;
  if (!scratch.reused) {
    const started = performance.now();
    cadre(['seed', 'demo', '--password', PASSWORD, '--units', String(UNITS), '--dossier-days', String(DOSSIER_DAYS)], env);
    seeded = `seeded in ${((performance.now() - started) / 1000).toFixed(0)} s`;
    scratch.markSeeded();
  }
  const handle = connectDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: target });
  // A bulk-seeded PostgreSQL database has no statistics until autovacuum runs; a live one has.
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
// Statement 1: the dossier counts per unit × period (the scorecard bench's query, with a
// table of periods and grouped by competent unit).
// ---------------------------------------------------------------------------------------

export type Period = { from: string; to: string; overdueFrom: number };

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

function periodsValues(periods: readonly Period[], dialect: Dialect): string {
  const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return periods
    .map((p, i) =>
      dialect === 'sqlite'
        ? `select ${i} as idx, ${lit(p.from)} as p_from, ${lit(p.to)} as p_to, ${p.overdueFrom} as overdue_from`
        : `select ${i} as idx, ${lit(p.from)}::timestamptz as p_from, ${lit(p.to)}::timestamptz as p_to, ${p.overdueFrom} as overdue_from`,
    )
    .join(' union all ');
}

function sqliteCountsSql(periods: readonly Period[], rules: WorkingTimeRules): string {
  const o = officeSql(rules, 'sqlite');
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
           when strftime('%w', days.d) = '6' then ${rules.saturdaysCount ? 1 : 0}
           else 1 end as working
    from days left join holidays h on h.date = days.d)),
workdays as materialized (select before_ as k, d from wd where working = 1),
daypos as materialized (select d, working, before_ from wd),
m as materialized (${periodsValues(periods, 'sqlite')}),
scope as not materialized (
  select m.idx, m.p_from, m.p_to, m.overdue_from, d.competent_unit_id as unit, d.status, d.received_at, d.due_at, d.updated_at,
    d.paused_ms, d.supplement_requests, coalesce(d.finished_at, d.returned_at) as fin,
    d.channel, pr.fee > 0 as fee_bearing, pr.paper_result as paper,
    (case when d.national_sync_at < m.p_to then 1 else 0 end + case when d.paid_online_at < m.p_to then 2 else 0 end + case when d.electronic_result_at < m.p_to then 4 else 0 end + case when exists (select 1 from dossier_attachments a where a.dossier_id = d.id and a.created_at < m.p_to) then 8 else 0 end + case when d.reused_data = 1 then 16 else 0 end + case when exists (select 1 from dossier_ratings r where r.dossier_id = d.id and r.created_at < m.p_to and r.answers like '%"OVERALL":"UNSATISFIED"%') then 32 else 0 end + case when exists (select 1 from feedback f where f.dossier_id = d.id and f.kind = 'COMPLAINT' and f.received_at < m.p_to) then 64 else 0 end) as facts766
  from dossiers d join procedures pr on pr.id = d.procedure_id join m on d.received_at < m.p_to
    and (coalesce(d.finished_at, d.returned_at) is null or coalesce(d.finished_at, d.returned_at) >= m.p_from)
  where d.province_code = @provinceCode and d.received_at is not null),
positioned as (
  select s.*, dp.before_ * ${o.dayMs} + case when dp.working then ${o.elapsed(`((${ms('s.due_at')} + ${OFFSET_MS}) % ${DAY_MS})`)} else 0 end + s.paused_ms as t
  from scope s left join daypos dp on dp.d = date(s.due_at, '+7 hours')
  where s.paused_ms > 0),
facts as (
  select idx, p_from, p_to, overdue_from, unit, facts766, channel, fee_bearing, paper, received_at, status, fin, updated_at, supplement_requests,
    due_at is not null and (case when fin < p_to then fin else p_to end) > due_at as late_by_time
  from scope where paused_ms = 0
  union all
  select idx, p_from, p_to, overdue_from, unit, facts766, channel, fee_bearing, paper, received_at, status, fin, updated_at, supplement_requests,
    coalesce(${ms('case when x.fin < x.p_to then x.fin else x.p_to end')} > (unixepoch(w.d) * 1000 - ${OFFSET_MS}) + ${o.msOfDay}, 0)
  from (select p.*, (t - 1) / ${o.dayMs} as k, t - ((t - 1) / ${o.dayMs}) * ${o.dayMs} as r from positioned p) x
  left join workdays w on w.k = x.k)
select idx, unit, facts766,
  sum(not (status = 7 and updated_at < p_to)) as "toProcess",
  sum(not (status = 7 and updated_at < p_to) and not (late_by_time or supplement_requests >= overdue_from)) as "onTime"
from facts group by idx, unit, facts766, channel, fee_bearing, paper, received_at >= p_from, status in (9, 10), fin is not null and fin < p_to`;
}

function postgresCountsSql(periods: readonly Period[], rules: WorkingTimeRules): string {
  const o = officeSql(rules, 'postgres');
  const ms = (x: string) => `(extract(epoch from ${x}) * 1000)::bigint`;
  return `
with
days as (select g::date as d from generate_series($2::date, $3::date, interval '1 day') g),
wd as (
  select d, working, (sum(working) over (order by d) - working)::bigint as before_
  from (
    select days.d,
      case when h.kind is not null then (h.kind = 'WORKING_SATURDAY')::int
           when extract(dow from days.d) = 0 then 0
           when extract(dow from days.d) = 6 then ${rules.saturdaysCount ? 1 : 0}
           else 1 end as working
    from days left join holidays h on h.date = days.d) c),
m as materialized (${periodsValues(periods, 'postgres')}),
scope as not materialized (
  select m.idx, m.p_from, m.p_to, m.overdue_from, d.competent_unit_id as unit, d.status, d.received_at, d.due_at, d.updated_at,
    d.paused_ms, d.supplement_requests, coalesce(d.finished_at, d.returned_at) as fin,
    d.channel, pr.fee > 0 as fee_bearing, pr.paper_result as paper,
    (case when d.national_sync_at < m.p_to then 1 else 0 end + case when d.paid_online_at < m.p_to then 2 else 0 end + case when d.electronic_result_at < m.p_to then 4 else 0 end + case when exists (select 1 from dossier_attachments a where a.dossier_id = d.id and a.created_at < m.p_to) then 8 else 0 end + case when d.reused_data = true then 16 else 0 end + case when exists (select 1 from dossier_ratings r where r.dossier_id = d.id and r.created_at < m.p_to and r.answers like '%"OVERALL":"UNSATISFIED"%') then 32 else 0 end + case when exists (select 1 from feedback f where f.dossier_id = d.id and f.kind = 'COMPLAINT' and f.received_at < m.p_to) then 64 else 0 end) as facts766
  from dossiers d join procedures pr on pr.id = d.procedure_id join m on d.received_at < m.p_to
    and (coalesce(d.finished_at, d.returned_at) is null or coalesce(d.finished_at, d.returned_at) >= m.p_from)
  where d.province_code = $1 and d.received_at is not null),
positioned as (
  select s.*, wd.before_ * ${o.dayMs} + case when wd.working = 1 then ${o.elapsed(`((${ms('s.due_at')} + ${OFFSET_MS}) % ${DAY_MS})`)} else 0 end + s.paused_ms as t
  from scope s left join wd on wd.d = (s.due_at at time zone 'Asia/Ho_Chi_Minh')::date
  where s.paused_ms > 0),
facts as (
  select idx, p_from, p_to, overdue_from, unit, facts766, channel, fee_bearing, paper, received_at, status, fin, updated_at, supplement_requests,
    coalesce(least(fin, p_to) > due_at, false) as late_by_time
  from scope where paused_ms = 0
  union all
  select idx, p_from, p_to, overdue_from, unit, facts766, channel, fee_bearing, paper, received_at, status, fin, updated_at, supplement_requests,
    coalesce(${ms('least(x.fin, x.p_to)')} > ${ms('w.d::timestamp')} - ${OFFSET_MS} + ${o.msOfDay}, false)
  from (select p.*, (t - 1) / ${o.dayMs} as k, t - ((t - 1) / ${o.dayMs}) * ${o.dayMs} as r from positioned p) x
  left join wd w on w.working = 1 and w.before_ = x.k)
select idx, unit, facts766,
  count(*) filter (where not (status = 7 and updated_at < p_to)) as "toProcess",
  count(*) filter (where not (status = 7 and updated_at < p_to) and not (late_by_time or supplement_requests >= overdue_from)) as "onTime"
from facts group by idx, unit, facts766, channel, fee_bearing, paper, received_at >= p_from, status in (9, 10), fin is not null and fin < p_to`;
}

// ---------------------------------------------------------------------------------------
// Statements 2–7: the other figure families, one statement each.
// ---------------------------------------------------------------------------------------

function otherSql(dialect: Dialect): Record<string, string> {
  const p = (n: number, name: string) => (dialect === 'sqlite' ? `@${name}` : `$${n}`);
  const prov = p(1, 'provinceCode');
  return {
    due: `
select d.id, d.code, d.competent_unit_id, d.status, d.received_at, d.due_at, d.paused_ms, d.finished_at, d.returned_at,
  p.national_code, p.name_vi, p.field,
  (select ${dialect === 'sqlite' ? 'json_group_array(json_array(e.kind, e.at))' : 'json_agg(json_build_array(e.kind, e.at) order by e.id)'}
     from dossier_events e where e.dossier_id = d.id
       and e.kind in ('REQUEST_SUPPLEMENT', 'REQUEST_PAYMENT', 'SUPPLEMENT_RECEIVED', 'PAYMENT_RECEIVED', 'WITHDRAW')) as pauses,
  (select max(s.new_due_at) from apology_slips s where s.dossier_id = d.id) as slip_due
from dossiers d join procedures p on p.id = d.procedure_id
where d.province_code = ${prov} and d.status in (2, 4, 5, 6) and d.due_at is not null and d.due_at < ${p(2, 'dueBefore')}
order by d.due_at, d.id`,
    headcount: `
select unit_id, count(*) as n from staff where province_code = ${prov} and employment_status = 'ACTIVE' group by unit_id`,
    fit: `
select sp.unit_id, p.field, sp.staff_id, sp.start_date, pc.competency_code, pc.required_level,
  (select max(coalesce(l.council_level, l.supervisor_level, l.self_level)) from review_competency_levels l
     join review_participants rp on rp.id = l.participant_id join review_campaigns c on c.id = rp.campaign_id
     where c.province_code = ${prov} and c.status = 'LOCKED' and rp.staff_id = sp.staff_id and l.competency_code = pc.competency_code) as assessed
from staff_positions sp join positions p on p.id = sp.position_id
  left join position_competencies pc on pc.position_id = p.id
where sp.province_code = ${prov} and sp.start_date <= ${p(2, 'today')} and (sp.end_date is null or sp.end_date >= ${p(2, 'today')})`,
    wisn: `
select l.unit_id, l.field, l.status, l.required_staff, l.actual_staff, l.difference, l.ratio from staffing_run_lines l
where l.run_id = (select max(r.id) from staffing_runs r where r.province_code = ${prov})`,
    training: `
select a.unit_id, count(*) as planned from training_plan_attendees a join training_plan_classes c on c.id = a.class_id
where a.plan_id = (select max(t.id) from training_plans t where t.province_code = ${prov} and t.status = 'DONE') and c.year = ${p(2, 'year')}
group by a.unit_id`,
    campaigns: `
select id, name, owner_unit_id, period_to from review_campaigns where province_code = ${prov} and status <> 'LOCKED' and period_to < ${p(2, 'today')}`,
  };
}

type CountRow = { idx: number; unit: number; toProcess: number; onTime: number };

/** The parameters of the hand statements. */
export type HandQuery = {
  provinceCode: string;
  periods: Period[];
  rules: WorkingTimeRules;
  calendarFrom: string;
  calendarTo: string;
  now: string;
  dueBefore: string;
  today: string;
};

export type HandRunner = {
  counts: () => Promise<CountRow[]>;
  others: Record<string, () => Promise<Record<string, unknown>[]>>;
  close: () => Promise<void>;
};

export async function handRunner(dialect: Dialect, target: string, q: HandQuery): Promise<HandRunner> {
  const others = otherSql(dialect);
  const second: Record<string, unknown> = { due: q.dueBefore, fit: q.today, training: Number(q.today.slice(0, 4)), campaigns: q.today };
  // Rows come per unit × period × combination of the recorded 766 facts; the check adds them up per unit × period.
  const toCounts = (rows: Record<string, unknown>[]): CountRow[] => {
    const out = new Map<string, CountRow>();
    for (const r of rows) {
      const k = `${r.idx}/${r.unit}`;
      const c = out.get(k) ?? { idx: Number(r.idx), unit: Number(r.unit), toProcess: 0, onTime: 0 };
      c.toProcess += Number(r.toProcess);
      c.onTime += Number(r.onTime);
      out.set(k, c);
    }
    return [...out.values()];
  };
  if (dialect === 'sqlite') {
    const db: SqliteDatabase.Database = openSqlite(target);
    const counts = db.prepare(sqliteCountsSql(q.periods, q.rules));
    const prepared = Object.entries(others).map(([k, text]) => [k, db.prepare(text)] as const);
    const named: Record<string, Record<string, unknown>> = {
      due: { provinceCode: q.provinceCode, dueBefore: q.dueBefore },
      headcount: { provinceCode: q.provinceCode },
      fit: { provinceCode: q.provinceCode, today: q.today },
      wisn: { provinceCode: q.provinceCode },
      training: { provinceCode: q.provinceCode, year: Number(q.today.slice(0, 4)) },
      campaigns: { provinceCode: q.provinceCode, today: q.today },
    };
    return {
      counts: async () =>
        toCounts(
          counts.all({ provinceCode: q.provinceCode, calendarFrom: q.calendarFrom, calendarTo: q.calendarTo }) as Record<string, unknown>[],
        ),
      others: Object.fromEntries(prepared.map(([k, stmt]) => [k, async () => stmt.all(named[k]) as Record<string, unknown>[]])),
      close: async () => {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  const countsText = postgresCountsSql(q.periods, q.rules);
  return {
    counts: async () =>
      toCounts(
        (await client.query({ name: 'overview-counts', text: countsText, values: [q.provinceCode, q.calendarFrom, q.calendarTo] })).rows,
      ),
    others: Object.fromEntries(
      Object.entries(others).map(([k, text]) => [
        k,
        async () =>
          (await client.query({ name: `overview-${k}`, text, values: k in second ? [q.provinceCode, second[k]] : [q.provinceCode] })).rows,
      ]),
    ),
    close: () => client.end(),
  };
}

/** What the overview and the hand statements are asked, derived from a seeded province: its last receipt is "now". */
export type OverviewCase = {
  provinceCode: string;
  dossiers: number;
  now: Date;
  clock: Clock;
  actor: Actor;
  query: { page: number; pageSize: number };
  range: DateRange;
  ranges: DateRange[];
  hand: HandQuery;
};

export async function overviewCase(db: Db): Promise<OverviewCase> {
  const province = await db.selectFrom('provinces').select('code').executeTakeFirstOrThrow();
  const span = await db
    .selectFrom('dossiers')
    .select((eb) => [eb.fn.max('receivedAt').as('last'), eb.fn.countAll().as('count')])
    .where('provinceCode', '=', province.code)
    .executeTakeFirstOrThrow();
  const last: unknown = span.last;
  const now = new Date(last instanceof Date ? last.toISOString() : String(last));
  const clock = fixedClock(now.toISOString());
  const today = domainToday(now);
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
  const query = { page: 1, pageSize: 20 };
  const range = overviewRange(query, today);
  const months = monthsUpTo(`${range.from.slice(0, 8)}01`, TREND_MONTHS);
  const ranges = [range, previousRange(range), ...months].filter(
    (r, i, all) => all.findIndex((x) => x.from === r.from && x.to === r.to) === i,
  );
  const rulesAt = async (from: string) => (await getRules(db, ['scorecard766.config'], province.code, from))['scorecard766.config'].value;
  const periods: Period[] = [];
  for (const r of ranges) {
    const p = periodOf(r);
    periods.push({
      from: p.start.toISOString(),
      to: p.end.toISOString(),
      overdueFrom: (await rulesAt(r.from)).overdueFromSupplementRequests,
    });
  }
  const rules = toWorkingTimeRules(rulesUsedOf(await getRules(db, CALENDAR_RULE_KEYS, province.code, range.from)));
  if (rules.timeZone !== 'Asia/Ho_Chi_Minh') throw new Error(`the hand query assumes UTC+7, rules say ${rules.timeZone}`);
  const alerts = (await getRules(db, ['overview.alerts'], province.code, today))['overview.alerts'].value;
  const earliest = ranges.map((r) => r.from).sort()[0] as string;
  return {
    provinceCode: province.code,
    dossiers: Number(span.count),
    now,
    clock,
    actor,
    query,
    range,
    ranges,
    hand: {
      provinceCode: province.code,
      periods,
      rules,
      calendarFrom: `${Number(earliest.slice(0, 4)) - 1}-01-01`,
      calendarTo: `${Number(range.to.slice(0, 4)) + 2}-12-31`,
      now: now.toISOString(),
      dueBefore: new Date(now.getTime() + (2 * alerts.dueWithinWorkingDays + 12) * DAY_MS).toISOString(),
      today,
    },
  };
}

export async function runHand(hand: HandRunner) {
  const counts = await hand.counts();
  const others: Record<string, Record<string, unknown>[]> = {};
  for (const [k, f] of Object.entries(hand.others)) others[k] = await f();
  return { counts, others };
}

type CardLike = { groups: { indicators: { code: string; explanation: { terms: Record<string, number> } }[] }[] };

/**
 * Stops the bench unless Cadre and the hand SQL give the same figures: the hand statement's
 * 2.1 counts equal every unit's and the province's card terms for every period, headcount and
 * people placed per unit equal the overview's, and (so the overview's grouped scan is held
 * to the scorecard page, not only to the hand SQL) the province's whole card of every period
 * and `checkUnits` units' cards of the month equal `computeScorecard`'s.
 */
export async function sameFigures(db: Db, c: OverviewCase, hand: HandRunner, label: string, checkUnits = 3): Promise<string> {
  const units = await listOverviewUnits(db, c.provinceCode, null);
  const cards = await periodScorecards(
    db,
    c.provinceCode,
    units.map((u) => u.id),
    c.ranges,
    true,
  );
  const got = await runHand(hand);
  const terms = (card: CardLike) => {
    const t = card.groups.flatMap((g) => g.indicators).find((i) => i.code === '2.1')?.explanation.terms ?? {};
    return { toProcess: t.toProcess ?? 0, onTime: t.onTime ?? 0 };
  };
  for (const [i, p] of cards.entries()) {
    for (const u of units) {
      const row = got.counts.find((x) => x.idx === i && x.unit === u.id);
      const card = p.units.get(u.id)?.card;
      if (!card) throw new Error(`no card for unit ${u.id}`);
      deepStrictEqual(
        terms(card),
        { toProcess: row?.toProcess ?? 0, onTime: row?.onTime ?? 0 },
        `${label}: unit ${u.code} ${p.range.from}`,
      );
    }
    const sum = got.counts
      .filter((x) => x.idx === i)
      .reduce((s, x) => ({ toProcess: s.toProcess + x.toProcess, onTime: s.onTime + x.onTime }), { toProcess: 0, onTime: 0 });
    if (!p.province) throw new Error('no province card');
    deepStrictEqual(terms(p.province), sum, `${label}: province ${p.range.from}`);
    deepStrictEqual(
      p.province,
      (await computeScorecard({ db }, c.actor, 'province', p.range)).card,
      `${label}: province card ${p.range.from}`,
    );
  }
  const month = cards[0];
  const step = Math.max(1, Math.floor(units.length / checkUnits));
  for (let k = 0; k < units.length && k / step < checkUnits; k += step) {
    const u = units[k] as (typeof units)[number];
    deepStrictEqual(
      month?.units.get(u.id)?.card,
      (await computeScorecard({ db }, c.actor, u.code, c.range)).card,
      `${label}: card of ${u.code}`,
    );
  }
  const all = await provinceOverview({ db, clock: c.clock }, c.actor, { ...c.query, pageSize: 100_000 });
  const headcount = new Map((got.others.headcount ?? []).map((r) => [Number(r.unit_id), Number(r.n)]));
  const placed = new Map<number, Set<number>>();
  for (const r of got.others.fit ?? []) {
    const s = placed.get(Number(r.unit_id)) ?? new Set<number>();
    s.add(Number(r.staff_id));
    placed.set(Number(r.unit_id), s);
  }
  for (const u of all.units) {
    deepStrictEqual(u.headcount ?? 0, headcount.get(u.unitId) ?? 0, `${label}: headcount of ${u.code}`);
    deepStrictEqual(u.fitPlaced, placed.get(u.unitId)?.size ?? 0, `${label}: placed in ${u.code}`);
  }
  return `${units.length} units × ${c.ranges.length} periods; ${got.others.due?.length} due candidates; ${got.counts.length} unit × period rows; ${all.total} units in the view`;
}

/** Medians of `rounds` alternating rounds of each measured function, after two warm-up rounds. */
export async function alternate(
  rounds: number,
  label: string,
  fns: Record<string, () => Promise<unknown>>,
): Promise<Record<string, number>> {
  for (let i = 0; i < 2; i++) for (const f of Object.values(fns)) await f();
  const ms: Record<string, number[]> = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  for (let i = 0; i < rounds; i++) {
    const line: string[] = [];
    for (const [k, f] of Object.entries(fns)) {
      const t = (await timed(f))[0];
      ms[k]?.push(t);
      line.push(`${k} ${t.toFixed(0)} ms`);
    }
    log(`  ${label} round ${i + 1}/${rounds}: ${line.join(', ')}`);
  }
  return Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, median(v)]));
}

async function benchDialect(dialect: Dialect) {
  const prep = await prepare(dialect);
  log(`  ${dialect}: ${prep.seeded}`);
  const db = prep.handle.db;
  try {
    const c = await overviewCase(db);
    const hand = await handRunner(dialect, prep.target, c.hand);
    try {
      log(`  ${dialect}: same figures (${await sameFigures(db, c, hand, dialect)})`);
      const m = await alternate(ROUNDS, dialect, {
        Cadre: () => provinceOverview({ db, clock: c.clock }, c.actor, c.query),
        hand: () => runHand(hand),
      });
      const cadreMs = m.Cadre ?? 0;
      const handMs = m.hand ?? 0;
      return {
        dialect,
        range: c.range,
        units: 0,
        periods: c.ranges.length,
        dossiers: c.dossiers,
        cadre: cadreMs,
        hand: handMs,
        ratio: cadreMs / handMs,
      };
    } finally {
      await hand.close();
    }
  } finally {
    await prep.cleanup();
  }
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const dialects = await benchDialects(PG_ADMIN);
  const results = [];
  for (const d of dialects) results.push(await benchDialect(d));
  console.log(
    `\nProvince overview, ${UNITS} units, ${DOSSIER_DAYS} days of demo dossiers — ${ROUNDS} alternating rounds, medians; ${machine()}\n`,
  );
  console.log('| Dialect | Month | Units × periods | Dossiers | Cadre ms | Hand SQL ms | Cadre/hand |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.dialect} | ${r.range.from} – ${r.range.to} | ${UNITS} × ${r.periods} | ${r.dossiers} | ${r.cadre.toFixed(0)} | ${r.hand.toFixed(0)} | ${r.ratio.toFixed(2)} |`,
    );
  }
}
