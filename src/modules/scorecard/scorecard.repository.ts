import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { dialectOf } from '../../platform/db/dialect.ts';

/**
 * Dossier facts for the Decision 766 scorecard and the workload statistics. Reads the
 * dossiers, procedures and holidays tables (a reporting module reads across them by design).
 * Instants are compared in SQL: ISO-8601 text on SQLite (one fixed format, so text order is
 * time order) and timestamptz on PostgreSQL.
 */

/** Whose dossiers: the competent unit, or the whole province when `unitId` is null. */
export type FactScope = { provinceCode: string; unitId: number | null };

/** A period as ISO instants: [from, to). */
export type IsoPeriod = { from: string; to: string };

/** A period's bounds in SQL: bound values, or columns of a table of periods (the multi-period scans). */
type Bounds = { from: string | RawBuilder<unknown>; to: string | RawBuilder<unknown> };

export type UnitChoice = { id: number; code: string; name: string };

/**
 * Dossiers that share a class: the same procedure and channel, and the same position of
 * every instant relative to the period and to the due date. `cls` packs the bits below.
 */
export type FactClassRow = { procedureId: number; channel: number; cls: number; count: number };
export const CLS = {
  CARRIED: 1,
  FINISHED_IN: 2,
  WITHDRAWN: 4,
  LATE: 8,
  REPEAT_SUPPLEMENT: 16,
  RESULT: 32,
  /** The Decision 766 facts recorded on the dossier (migration 0014), as of the period's end. */
  SYNCED: 64,
  PAID_ONLINE: 128,
  ELECTRONIC_RESULT: 256,
  FILES_DIGITISED: 512,
  REUSED_DATA: 1024,
  /** An overall rating on the "unsatisfied" level, given before the period's end. */
  UNSATISFIED: 2048,
  /** A complaint (feedback of kind COMPLAINT) linked to the dossier, received before the period's end. */
  COMPLAINED: 4096,
} as const;
/** Every bit of `CLS`: a class number is below this. */
export const CLS_LIMIT = 8192;

/**
 * A dossier whose clock stopped: its due date must be pushed back by the paused working time,
 * which needs the working calendar, so its LATE bit is left to the caller. `cls` holds the
 * other bits; `measuredAt` is its finish if before the period's end, else the end.
 */
export type PausedDossierRow = {
  procedureId: number;
  channel: number;
  cls: number;
  dueAt: string | null;
  pausedMs: number;
  measuredAt: string;
};

export type ProcedureFlags = {
  id: number;
  nationalCode: string;
  nameVi: string;
  nameEn: string;
  field: string;
  onlineLevel: string;
  feeBearing: boolean;
  paperResult: boolean;
};

export type HolidayRow = { date: string; kind: string; nameVi: string; nameEn: string; confirmed: boolean };

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));

/** End of processing: the DONE/STOPPED instant, else the return (a returned dossier was done). */
const finishExpr = sql`coalesce(d.finished_at, d.returned_at)`;
const bit = (cond: RawBuilder<unknown>, value: number) => sql`(case when ${cond} then ${sql.lit(value)} else 0 end)`;

/** Received before the period's end; not finished before its start (the to-process set and those received in it). */
function inScope(db: Db, scope: FactScope, p: Bounds) {
  let q = db
    .selectFrom('dossiers as d')
    .where('d.provinceCode', '=', scope.provinceCode)
    .where('d.receivedAt', 'is not', null)
    .where(sql<boolean>`d.received_at < ${p.to}`)
    .where(sql<boolean>`(${finishExpr} is null or ${finishExpr} >= ${p.from})`);
  if (scope.unitId !== null) q = q.where('d.competentUnitId', '=', scope.unitId);
  return q;
}

/** The class bits of a dossier row; LATE only when the due date needs no pause added. */
function classBits(p: Bounds, overdueFromSupplementRequests: number | RawBuilder<unknown>, withLate: boolean) {
  const measured = sql`(case when ${finishExpr} < ${p.to} then ${finishExpr} else ${p.to} end)`;
  const late = withLate ? sql` + ${bit(sql`d.due_at is not null and ${measured} > d.due_at`, CLS.LATE)}` : sql``;
  return sql<number>`${bit(sql`d.received_at < ${p.from}`, CLS.CARRIED)} + ${bit(
    sql`${finishExpr} < ${p.to}`,
    CLS.FINISHED_IN,
  )} + ${bit(sql`d.status = 7 and d.updated_at < ${p.to}`, CLS.WITHDRAWN)}${late} + ${bit(
    sql`d.supplement_requests >= ${overdueFromSupplementRequests}`,
    CLS.REPEAT_SUPPLEMENT,
  )} + ${bit(sql`d.status in (9, 10)`, CLS.RESULT)} + ${factBits(p)}`;
}

/**
 * The recorded 766 facts. The rating's answers are JSON.stringify text of a flat
 * {criterion: level} object (tracking.repository.ts), so the overall answer reads as this exact substring.
 */
const OVERALL_UNSATISFIED = '%"OVERALL":"UNSATISFIED"%';
function factBits(p: Bounds) {
  const attached = sql`exists (select 1 from dossier_attachments a where a.dossier_id = d.id and a.created_at < ${p.to})`;
  const unsatisfied = sql`exists (select 1 from dossier_ratings r where r.dossier_id = d.id and r.created_at < ${p.to} and r.answers like ${OVERALL_UNSATISFIED})`;
  const complained = sql`exists (select 1 from feedback f where f.dossier_id = d.id and f.kind = 'COMPLAINT' and f.received_at < ${p.to})`;
  return sql`${bit(sql`d.national_sync_at < ${p.to}`, CLS.SYNCED)} + ${bit(sql`d.paid_online_at < ${p.to}`, CLS.PAID_ONLINE)} + ${bit(
    sql`d.electronic_result_at < ${p.to}`,
    CLS.ELECTRONIC_RESULT,
  )} + ${bit(attached, CLS.FILES_DIGITISED)} + ${bit(sql`d.reused_data = ${sql.lit(true)}`, CLS.REUSED_DATA)} + ${bit(
    unsatisfied,
    CLS.UNSATISFIED,
  )} + ${bit(complained, CLS.COMPLAINED)}`;
}

/**
 * One grouped scan: the count of dossiers per class. Dossiers with paused time are left
 * out (see `pausedDossiers`). A withdrawn dossier (status 7, terminal) was withdrawn at its
 * last update.
 */
export async function factClasses(db: Db, scope: FactScope, p: IsoPeriod, overdueFromSupplementRequests: number): Promise<FactClassRow[]> {
  const rows = await inScope(db, scope, p)
    .where(sql<boolean>`d.paused_ms = 0`)
    .select(['d.procedureId', 'd.channel', classBits(p, overdueFromSupplementRequests, true).as('cls'), sql<number>`count(*)`.as('count')])
    .groupBy(['d.procedureId', 'd.channel', sql`3`])
    .execute();
  return rows.map((r) => ({ procedureId: Number(r.procedureId), channel: Number(r.channel), cls: Number(r.cls), count: Number(r.count) }));
}

/** The dossiers with paused time: their class bits but LATE, and what deciding LATE needs. */
export async function pausedDossiers(
  db: Db,
  scope: FactScope,
  p: IsoPeriod,
  overdueFromSupplementRequests: number,
): Promise<PausedDossierRow[]> {
  const rows = await inScope(db, scope, p)
    .where(sql<boolean>`d.paused_ms > 0`)
    .select([
      'd.procedureId',
      'd.channel',
      classBits(p, overdueFromSupplementRequests, false).as('cls'),
      'd.dueAt',
      'd.pausedMs',
      sql<string>`(case when ${finishExpr} < ${p.to} then ${finishExpr} else ${p.to} end)`.as('measuredAt'),
    ])
    .execute();
  return rows.map((r) => ({
    procedureId: Number(r.procedureId),
    channel: Number(r.channel),
    cls: Number(r.cls),
    dueAt: isoOrNull(r.dueAt),
    pausedMs: Number(r.pausedMs),
    measuredAt: iso(r.measuredAt),
  }));
}

/** One row per dossier for the workload statistics: the few columns they need. */
export type WorkloadRow = {
  procedureId: number;
  unitId: number;
  status: number;
  receivedAt: string;
  dueAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
  pausedMs: number;
};

export async function workloadRows(db: Db, scope: FactScope, p: IsoPeriod): Promise<WorkloadRow[]> {
  const rows = await inScope(db, scope, p)
    .select([
      'd.procedureId',
      'd.competentUnitId',
      'd.status',
      'd.receivedAt',
      'd.dueAt',
      sql<string | null>`${finishExpr}`.as('finishedAt'),
      'd.updatedAt',
      'd.pausedMs',
    ])
    .execute();
  return rows.map((r) => ({
    procedureId: Number(r.procedureId),
    unitId: Number(r.competentUnitId),
    status: Number(r.status),
    receivedAt: iso(r.receivedAt),
    dueAt: isoOrNull(r.dueAt),
    finishedAt: isoOrNull(r.finishedAt),
    updatedAt: iso(r.updatedAt),
    pausedMs: Number(r.pausedMs),
  }));
}

export async function procedureFlags(db: Db, provinceCode: string, ids: readonly number[]): Promise<Map<number, ProcedureFlags>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('procedures')
    .select(['id', 'nationalCode', 'nameVi', 'nameEn', 'field', 'onlineLevel', 'fee', 'paperResult'])
    .where('provinceCode', '=', provinceCode)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((r) => [
      Number(r.id),
      {
        id: Number(r.id),
        nationalCode: r.nationalCode,
        nameVi: r.nameVi,
        nameEn: r.nameEn,
        field: r.field,
        onlineLevel: r.onlineLevel,
        feeBearing: Number(r.fee) > 0,
        paperResult: Boolean(r.paperResult),
      },
    ]),
  );
}

/** Holidays from `fromDate` on ('YYYY-MM-DD'): pauses may push a due date past the period. */
export async function holidaysFrom(db: Db, fromDate: string): Promise<HolidayRow[]> {
  const rows = await db
    .selectFrom('holidays')
    .select(['date', 'kind', 'nameVi', 'nameEn', 'confirmed'])
    .where('date', '>=', fromDate)
    .orderBy('date')
    .execute();
  return rows.map((r) => ({ date: String(r.date), kind: r.kind, nameVi: r.nameVi, nameEn: r.nameEn, confirmed: Boolean(r.confirmed) }));
}

/** Current communes and wards of a province, for the unit picker and `unit=<code>`. */
export async function listCurrentUnits(db: Db, provinceCode: string): Promise<UnitChoice[]> {
  const rows = await db
    .selectFrom('administrativeUnits')
    .select(['id', 'code', 'name'])
    .where('provinceCode', '=', provinceCode)
    .where('kind', 'in', ['COMMUNE', 'WARD', 'SPECIAL_ZONE'])
    .where('validTo', 'is', null)
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name }));
}

export async function findUnitByCode(db: Db, provinceCode: string, code: string): Promise<UnitChoice | undefined> {
  const r = await db
    .selectFrom('administrativeUnits')
    .select(['id', 'code', 'name'])
    .where('provinceCode', '=', provinceCode)
    .where('code', '=', code)
    .executeTakeFirst();
  return r ? { id: Number(r.id), code: r.code, name: r.name } : undefined;
}

/** PAKN counts for indicator 5.1 (domain.md §7.2, 5.x): received in the period, decided on time, still pending at its end. */
export type PaknFacts = { received: number; onTime: number; pending: number };

/**
 * One scan of the feedback received in the period. A decision is on time when it was taken
 * before the period's end and by its own deadline (refusal, information request or answer;
 * rows without the first two use the answer's). An item still open at the period's end whose
 * answer is not yet due is pending: neither on time nor late yet.
 */
export async function paknFacts(db: Db, scope: FactScope, p: IsoPeriod): Promise<PaknFacts> {
  let q = db
    .selectFrom('feedback as f')
    .where('f.provinceCode', '=', scope.provinceCode)
    .where('f.receivedAt', '>=', p.from)
    .where('f.receivedAt', '<', p.to);
  if (scope.unitId !== null) q = q.where('f.unitId', '=', scope.unitId);
  return paknFactsOf(await q.select(paknCounts(p)).executeTakeFirstOrThrow());
}

/** The counts of `paknFacts` as select expressions, so the per-unit scan sums exactly the same. */
function paknCounts(p: IsoPeriod) {
  const deadline = sql`(case f.status when 'REFUSED' then coalesce(f.refuse_due_at, f.due_at) when 'INFO_REQUESTED' then coalesce(f.info_due_at, f.due_at) else f.due_at end)`;
  return [
    sql<number>`count(*)`.as('received'),
    sql<number>`coalesce(sum(case when f.status <> 'RECEIVED' and f.answered_at < ${p.to} and f.answered_at <= ${deadline} then 1 else 0 end), 0)`.as(
      'onTime',
    ),
    sql<number>`coalesce(sum(case when (f.status = 'RECEIVED' or f.answered_at >= ${p.to}) and f.due_at >= ${p.to} then 1 else 0 end), 0)`.as(
      'pending',
    ),
  ] as const;
}

const paknFactsOf = (r: { received: unknown; onTime: unknown; pending: unknown }): PaknFacts => ({
  received: Number(r.received),
  onTime: Number(r.onTime),
  pending: Number(r.pending),
});

/** A procedure in force for the catalogue indicators 3.1 and 3.2. */
export type CatalogueEntry = { nationalCode: string; onlineLevel: string };

/** The procedures in force on `onDate`: a unit's card counts those decided at commune level, the province's its whole catalogue. */
export async function proceduresInForce(db: Db, scope: FactScope, onDate: string): Promise<CatalogueEntry[]> {
  let q = db
    .selectFrom('procedures')
    .select(['nationalCode', 'onlineLevel'])
    .where('provinceCode', '=', scope.provinceCode)
    .where('effectiveFrom', '<=', onDate)
    .where((eb) => eb.or([eb('effectiveTo', 'is', null), eb('effectiveTo', '>=', onDate)]));
  if (scope.unitId !== null) q = q.where('competentLevel', '=', 'COMMUNE');
  return q.execute();
}

/*
 * Every competent unit of a province at once (the province overview, issue 7): the same scans
 * as `factClasses`, `pausedDossiers` and `paknFacts`, grouped by unit as well, so hundreds of
 * units cost a few queries and each unit's card is built from exactly the classes its own
 * scorecard would read.
 */

/** `paknFacts` per unit of the province (units without feedback in the period are absent). */
export async function paknFactsByUnit(db: Db, provinceCode: string, p: IsoPeriod): Promise<Map<number, PaknFacts>> {
  const rows = await db
    .selectFrom('feedback as f')
    .where('f.provinceCode', '=', provinceCode)
    .where('f.receivedAt', '>=', p.from)
    .where('f.receivedAt', '<', p.to)
    .select(['f.unitId', ...paknCounts(p)])
    .groupBy('f.unitId')
    .execute();
  return new Map(rows.map((r) => [Number(r.unitId), paknFactsOf(r)]));
}

/*
 * Several periods in one pass (the overview's period, the one before it and its six-month
 * trend): the same scans as `factClasses` and `pausedDossiers` with the competent unit, joined to a small
 * table of periods, each row tagged with its period's index. Every bit is computed against its
 * own period's bounds and overdue threshold, so the rows of period i are exactly what the
 * one-period scans return for it.
 */

/**
 * A period of a multi-period scan with the 766 configuration's repeat-supplement threshold in
 * force for it. `byUnit: false` asks for the province's classes only (a trend month whose unit
 * cards nobody reads): its rows carry no unit, forty times fewer rows to send and merge.
 */
export type ScanPeriod = IsoPeriod & { overdueFrom: number; byUnit: boolean };

function periodsTable(db: Db, periods: readonly ScanPeriod[]) {
  const pg = dialectOf(db) === 'postgres';
  const instant = (v: string) => (pg ? sql`cast(${v} as timestamptz)` : sql`${v}`);
  const int = (v: number) => (pg ? sql`cast(${v} as integer)` : sql`${v}`);
  const rows = periods.map(
    (p, i) =>
      sql`select ${int(i)} as idx, ${instant(p.from)} as p_from, ${instant(p.to)} as p_to, ${int(p.overdueFrom)} as overdue_from, ${int(p.byUnit ? 1 : 0)} as by_unit`,
  );
  return sql`(${sql.join(rows, sql` union all `)})`.as('m');
}

const M: Bounds = { from: sql`m.p_from`, to: sql`m.p_to` };

/** A class row of one period; `unitId` is null in a period scanned without units (`byUnit: false`). */
export type PeriodUnitFactClassRow = FactClassRow & { period: number; unitId: number | null };
export type PeriodUnitPausedDossierRow = PausedDossierRow & { period: number; unitId: number | null };

/** The class rows and the paused dossiers of a province per competent unit and period (`classesByUnitAndPeriod`). */
export type PeriodUnitScan = { classes: PeriodUnitFactClassRow[]; paused: PeriodUnitPausedDossierRow[] };

/**
 * `factClasses` and `pausedDossiers` of the province (or of the units `onlyUnits` names) per
 * competent unit and period, in ONE scan of the dossiers (on SQLite's single connection two
 * scans ran one after the other).
 *
 * Unpaused dossiers are grouped by what a card reads of their procedure, not by the procedure:
 * its fee and paper-result flags (the signature of `ClassCardCache`), and its id only for
 * online dossiers received in the period (indicator 3.2 matches those by national code). The
 * group's smallest procedure id stands for the others, which share the flags it carries, so
 * every card is the one the per-procedure classes give (a tenth of the rows to send and merge).
 * A paused dossier is its own group (its id is in the key): its LATE bit needs its due date
 * pushed back by the paused working time, which the caller decides (classOfPaused).
 *
 * The bounds of the whole set of periods are also stated on the dossier alone, so dossiers
 * outside every period are dropped before they meet the table of periods (the same rows).
 */
export async function classesByUnitAndPeriod(
  db: Db,
  provinceCode: string,
  periods: readonly ScanPeriod[],
  onlyUnits: readonly number[] | null = null,
): Promise<PeriodUnitScan> {
  if (periods.length === 0 || onlyUnits?.length === 0) return { classes: [], paused: [] };
  // ISO instants of one format: text order is time order.
  const maxTo = periods.map((p) => p.to).sort()[periods.length - 1] as string;
  const minFrom = periods.map((p) => p.from).sort()[0] as string;
  const measured = sql`(case when ${finishExpr} < m.p_to then ${finishExpr} else m.p_to end)`;
  const late = bit(sql`d.paused_ms = 0 and d.due_at is not null and ${measured} > d.due_at`, CLS.LATE);
  const pausedId = sql`(case when d.paused_ms > 0 then d.id end)`;
  const onlineProcedure = sql`(case when d.channel = 2 and d.received_at >= m.p_from then d.procedure_id end)`;
  const unit = sql<number | null>`(case when m.by_unit = 1 then d.competent_unit_id end)`;
  let scoped = inScope(db, { provinceCode, unitId: null }, { from: minFrom, to: maxTo });
  if (onlyUnits) scoped = scoped.where('d.competentUnitId', 'in', [...onlyUnits]);
  const rows = await scoped
    .innerJoin('procedures as pr', 'pr.id', 'd.procedureId')
    .crossJoin(periodsTable(db, periods))
    .where(sql<boolean>`d.received_at < m.p_to`)
    .where(sql<boolean>`(${finishExpr} is null or ${finishExpr} >= m.p_from)`)
    .select([
      sql<number>`m.idx`.as('period'),
      unit.as('unitId'),
      'd.channel',
      sql<number>`${classBits(M, sql`m.overdue_from`, false)} + ${late}`.as('cls'),
      pausedId.as('pausedId'),
      sql<number>`min(d.procedure_id)`.as('procedureId'),
      sql<number>`count(*)`.as('count'),
      sql<string | null>`min(d.due_at)`.as('dueAt'),
      sql<number>`min(d.paused_ms)`.as('pausedMs'),
      sql<string>`min(${measured})`.as('measuredAt'),
    ])
    .groupBy([sql`1`, sql`2`, 'd.channel', sql`4`, sql`5`, sql`pr.fee > 0`, 'pr.paperResult', onlineProcedure])
    .execute();
  const out: PeriodUnitScan = { classes: [], paused: [] };
  for (const r of rows) {
    const row = {
      period: Number(r.period),
      unitId: r.unitId === null || r.unitId === undefined ? null : Number(r.unitId),
      procedureId: Number(r.procedureId),
      channel: Number(r.channel),
      cls: Number(r.cls),
    };
    if (r.pausedId === null || r.pausedId === undefined) out.classes.push({ ...row, count: Number(r.count) });
    else out.paused.push({ ...row, dueAt: isoOrNull(r.dueAt), pausedMs: Number(r.pausedMs), measuredAt: iso(r.measuredAt) });
  }
  return out;
}
