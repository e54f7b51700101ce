/**
 * Province WISN run over a year of demo dossiers (issue 5 §2–3): Cadre's `createRun` end to
 * end against the best hand-written SQL aggregation of the same workload plus the same
 * arithmetic, as a ratio of medians measured in one run (goal ≤ 1.5×).
 *
 *   npm run bench:wisn
 *   BENCH_ROUNDS=7 BENCH_DIALECTS=sqlite BENCH_CACHE_DIR=/tmp/cadre-bench-cache npm run bench:wisn
 *
 * Cadre: `createRun` (src/modules/staffing/runs/use-cases/runs.ts) called in process as a
 * province analyst, period = the 365 days ending yesterday: it reads the rules, the holiday
 * calendar, the grouped dossier counts, staff per unit × category, the service standards and
 * fit to position for the expertise columns, computes every line (computeWisn) and writes the
 * run, its ~440 lines (packed: src/modules/staffing/runs/stored-line.ts) and an audit entry in
 * one transaction.
 * Baseline: on the bare driver (better-sqlite3 / a pg pool of 5, statements concurrent), the units,
 * the one-pass GROUP BY of the period's dossiers (competent unit × procedure × receiving unit ×
 * channel), the procedures, the staff count per unit × category and the standards, then the same
 * pure arithmetic (`splitWorkload`, `buildLines`). It writes nothing and does
 * not compute expertise, so the ratio shows the price of the stored, explained run.
 * Before timing, the bench checks that both give the same lines (unit, category, status,
 * required and actual staff) and fails if not.
 *
 * The demo seed with 365 days of dossiers takes minutes: with BENCH_CACHE_DIR the seeded
 * SQLite file / PostgreSQL database is kept and reused by the next run.
 */

import { deepStrictEqual } from 'node:assert';
import type SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { loadCalendarEntries } from '../src/modules/calendar/use-cases/load-calendar.ts';
import { addDays, zonedInstant } from '../src/modules/calendar/zoned-time.ts';
import {
  type BuildOutput,
  buildLines,
  calendarFigures,
  type StandardUsed,
  splitWorkload,
} from '../src/modules/staffing/runs/build-lines.ts';
import { createRun, getRun } from '../src/modules/staffing/runs/use-cases/runs.ts';
import { standardInForce } from '../src/modules/staffing/standards/standard-in-force.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import { connectDatabase, type DatabaseHandle, openSqlite } from '../src/platform/db/connect.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { getRules } from '../src/platform/rules/rules.ts';
import { systemClock } from '../src/platform/time/clock.ts';
import { DOMAIN_TIME_ZONE, domainToday } from '../src/platform/time/format.ts';
import { benchDialects, cadre, type Dialect, machine, median, scratchDatabase, timed } from './support.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const DOSSIER_DAYS = 365;
const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CACHE_DIR = process.env.BENCH_CACHE_DIR;
const PASSWORD = 'bench-Password-2026';

function log(s: string) {
  process.stderr.write(`${s}\n`);
}

type Prepared = { target: string; handle: DatabaseHandle; cleanup: () => Promise<void>; seeded: string };

async function prepare(dialect: Dialect): Promise<Prepared> {
  const scratch = await scratchDatabase(dialect, { pgAdminUrl: PG_ADMIN, cacheDir: CACHE_DIR, cacheKey: `wisn-${DOSSIER_DAYS}d` });
  const { env, target } = scratch;
  let seeded = `reused from ${scratch.dataDir}`;
  if (!scratch.reused) {
    const t0 = performance.now();
    cadre(['seed', 'demo', '--password', PASSWORD, '--dossier-days', String(DOSSIER_DAYS)], env);
    seeded = `seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`;
    scratch.markSeeded();
  }
  const handle = connectDatabase({ databaseUrl: env.DATABASE_URL, sqlitePath: target });
  // A cached database seeded by an older build gets the migrations added since.
  await migrateToLatest(handle.db);
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
// The hand-written side: five plain statements, then buildLines.
// ---------------------------------------------------------------------------------------

const Q = {
  units: `select id, code, name, kind from administrative_units
          where province_code = $1 and kind in ('COMMUNE', 'WARD', 'SPECIAL_ZONE') and valid_to is null`,
  // One scan: competent unit × procedure version × receiving unit × channel (the fastest form
  // measured on both dialects: one grouped pass on integer keys, procedures looked up after).
  workload: `select competent_unit_id, procedure_id, receiving_unit_id, channel, count(*) as n from dossiers
          where province_code = $1 and received_at >= $2 and received_at < $3
          group by competent_unit_id, procedure_id, receiving_unit_id, channel`,
  procedures: `select id, national_code, name_vi, field from procedures where province_code = $1`,
  staff: `select sp.unit_id, p.field, count(distinct sp.staff_id) as n
          from staff_positions sp join positions p on p.id = sp.position_id join staff s on s.id = sp.staff_id
          where sp.province_code = $1 and s.employment_status = 'ACTIVE' and p.position_group = 'PROFESSIONAL'
            and p.field is not null and sp.start_date <= $2 and (sp.end_date is null or sp.end_date >= $2)
          group by sp.unit_id, p.field`,
  standards: `select id, procedure_code, minutes_per_dossier, effective_from from procedure_service_standards
          where province_code = $1 and effective_from <= $2`,
};

type Row = Record<string, unknown>;
type Runner = { all: (name: keyof typeof Q, params: unknown[]) => Promise<Row[]>; close: () => Promise<void> };

async function handRunner(dialect: Dialect, target: string): Promise<Runner> {
  if (dialect === 'sqlite') {
    const db: SqliteDatabase.Database = openSqlite(target);
    // $n → @pn: better-sqlite3 binds named parameters from an object.
    const stmts = Object.fromEntries(Object.entries(Q).map(([k, text]) => [k, db.prepare(text.replace(/\$(\d)/g, '@p$1'))]));
    return {
      all: async (name, params) =>
        (stmts[name] as SqliteDatabase.Statement).all(Object.fromEntries(params.map((v, i) => [`p${i + 1}`, v]))) as Row[],
      close: async () => {
        db.close();
      },
    };
  }
  // Five connections, so the five statements run at the same time (the best the driver allows).
  const pool = new pg.Pool({ connectionString: target, max: 5 });
  return {
    all: async (name, params) => (await pool.query({ name: `wisn-${name}`, text: Q[name], values: params })).rows,
    close: () => pool.end(),
  };
}

const dateText = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

type Fixed = Omit<Parameters<typeof buildLines>[0], 'units' | 'processing' | 'reception' | 'staff' | 'standards' | 'expertise'>;

async function viaHand(
  h: Runner,
  provinceCode: string,
  range: { from: string; to: string },
  today: string,
  fixed: Fixed,
): Promise<BuildOutput> {
  const [units, workload, procedures, staff, standards] = await Promise.all([
    h.all('units', [provinceCode]),
    h.all('workload', [provinceCode, range.from, range.to]),
    h.all('procedures', [provinceCode]),
    h.all('staff', [provinceCode, today]),
    h.all('standards', [provinceCode, fixed.periodTo]),
  ]);
  const { processing, reception } = splitWorkload(
    workload.map((w) => ({
      competentUnitId: Number(w.competent_unit_id),
      procedureId: Number(w.procedure_id),
      receivingUnitId: Number(w.receiving_unit_id),
      channel: Number(w.channel),
      dossiers: Number(w.n),
    })),
    procedures.map((p) => ({ id: Number(p.id), code: String(p.national_code), name: String(p.name_vi), field: String(p.field) })),
  );
  const stdRows = standards.map((r) => ({
    id: Number(r.id),
    procedureCode: String(r.procedure_code),
    effectiveFrom: dateText(r.effective_from),
    minutes: Number(r.minutes_per_dossier),
  }));
  const std = new Map<string, StandardUsed>();
  for (const p of processing) {
    const s = standardInForce(stdRows, p.procedureCode, fixed.periodTo);
    if (s) std.set(p.procedureCode, { minutesPerDossier: s.minutes, source: 'hand' });
  }
  return buildLines({
    ...fixed,
    units: units.map((u) => ({ id: Number(u.id), code: String(u.code), name: String(u.name), kind: String(u.kind) })),
    processing,
    reception,
    staff: staff.map((s) => ({ unitId: Number(s.unit_id), category: String(s.field), staff: Number(s.n) })),
    standards: std,
    expertise: new Map(),
  });
}

const essence = (lines: BuildOutput['lines']) =>
  lines.map((l) => ({
    unit: l.unitId,
    field: l.field,
    status: l.status,
    required: l.result ? Number(l.result.requiredStaff.value.toFixed(9)) : null,
    actual: l.input.actualStaff,
  }));

/** Kilobytes of JSON one run stores: its lines' `line` texts and the run's line dictionary. */
async function storedSize(db: DatabaseHandle['db'], runId: number): Promise<number> {
  const [lines, run] = await Promise.all([
    db.selectFrom('staffingRunLines').select('line').where('runId', '=', runId).execute(),
    db.selectFrom('staffingRuns').select('lineDictionary').where('id', '=', runId).executeTakeFirstOrThrow(),
  ]);
  const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l.line), Buffer.byteLength(run.lineDictionary ?? ''));
  return bytes / 1000;
}

async function benchDialect(dialect: Dialect) {
  log(`${dialect}: preparing`);
  const prep = await prepare(dialect);
  log(`  ${prep.seeded}`);
  try {
    const db = prep.handle.db;
    const province = await db.selectFrom('provinces').select('code').executeTakeFirstOrThrow();
    const now = systemClock.now();
    const today = domainToday(now);
    const periodTo = addDays(today, -1);
    const periodFrom = addDays(periodTo, -364);
    const range = {
      from: zonedInstant(periodFrom, 0, DOMAIN_TIME_ZONE).toISOString(),
      to: zonedInstant(today, 0, DOMAIN_TIME_ZONE).toISOString(),
    };
    const dossiers = await db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('provinceCode', '=', province.code)
      .where('receivedAt', '>=', range.from)
      .where('receivedAt', '<', range.to)
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
    const year = Number(today.slice(0, 4));
    const deps = { db, clock: systemClock };
    const viaCadre = () =>
      createRun(
        deps,
        actor,
        { year, periodFrom, periodTo },
        { actor, requestId: null, at: new Date().toISOString(), provinceCode: province.code },
      );
    // The hand side's fixed inputs (rules and calendar) are read once, outside the timing.
    const rules = await getRules(db, ['staffing.leavePolicy', 'staffing.wisnStandards'], province.code, periodTo);
    const entries = await loadCalendarEntries({ db });
    const fixed: Fixed = {
      leave: rules['staffing.leavePolicy'].value,
      wisn: rules['staffing.wisnStandards'].value,
      calendar: calendarFigures(
        year,
        entries.map((e) => ({ date: e.date, kind: e.kind, name: e.nameVi })),
      ),
      periodFrom,
      periodTo,
    };
    const hand = await handRunner(dialect, prep.target);
    try {
      const first = await viaCadre();
      const stored = await getRun(deps, actor, first.id, {});
      const mine = await viaHand(hand, province.code, range, today, fixed);
      deepStrictEqual(essence(mine.lines), essence(stored.lines), `${dialect}: the hand-written side and Cadre disagree`);
      log(`  ${dialect}: same ${mine.lines.length} lines, totals ${JSON.stringify(stored.totals)}`);
      const storedKb = await storedSize(db, first.id);
      for (let i = 0; i < 2; i++) {
        await viaCadre();
        await viaHand(hand, province.code, range, today, fixed);
      }
      const cadreMs: number[] = [];
      const handMs: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        cadreMs.push((await timed(viaCadre))[0]);
        handMs.push((await timed(() => viaHand(hand, province.code, range, today, fixed)))[0]);
        log(`  ${dialect} round ${i + 1}/${ROUNDS}: Cadre ${cadreMs.at(-1)?.toFixed(0)} ms, hand SQL ${handMs.at(-1)?.toFixed(0)} ms`);
      }
      const c = median(cadreMs);
      const hMs = median(handMs);
      return {
        dialect,
        periodFrom,
        periodTo,
        dossiers: Number(dossiers.n),
        lines: mine.lines.length,
        storedKb,
        cadre: c,
        hand: hMs,
        ratio: c / hMs,
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
console.log(`\nProvince WISN run, ${DOSSIER_DAYS} days of demo dossiers — ${ROUNDS} alternating rounds, medians; ${machine()}\n`);
console.log('| Dialect | Period | Dossiers | Lines | Stored line JSON kB | Cadre createRun ms | Hand SQL + arithmetic ms | Cadre/hand |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(
    `| ${r.dialect} | ${r.periodFrom} – ${r.periodTo} | ${r.dossiers} | ${r.lines} | ${r.storedKb.toFixed(0)} | ${r.cadre.toFixed(0)} | ${r.hand.toFixed(0)} | ${r.ratio.toFixed(2)} |`,
  );
}
