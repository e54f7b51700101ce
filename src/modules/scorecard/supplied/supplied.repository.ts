import type { Db } from '../../../platform/db/database.ts';
import type { PeriodKind, PeriodRef, SuppliedEntry, SuppliedIndicator } from './supplied-counts.ts';

/**
 * SQL of the supplied 766 counts (migration 0025). Reads join the unit (code, name) and the
 * account that entered the row (its display name), so the card can say where a figure came from.
 */

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

type Raw = {
  id: unknown;
  unitId: unknown;
  unitCode: unknown;
  unitName: unknown;
  periodKind: unknown;
  periodYear: unknown;
  periodNo: unknown;
  indicatorCode: unknown;
  numerator: unknown;
  denominator: unknown;
  sourceNote: unknown;
  enteredBy: unknown;
  enteredByName: unknown;
  enteredAt: unknown;
  version: unknown;
};

const toEntry = (r: Raw): SuppliedEntry => ({
  id: Number(r.id),
  indicator: String(r.indicatorCode) as SuppliedIndicator,
  unit: r.unitId === null ? null : { id: Number(r.unitId), code: String(r.unitCode), name: String(r.unitName) },
  period: { kind: String(r.periodKind) as PeriodKind, year: Number(r.periodYear), number: Number(r.periodNo) },
  numerator: Number(r.numerator),
  denominator: Number(r.denominator),
  sourceNote: String(r.sourceNote),
  enteredBy: { id: r.enteredBy === null ? null : Number(r.enteredBy), name: r.enteredByName === null ? null : String(r.enteredByName) },
  enteredAt: iso(r.enteredAt),
  version: Number(r.version),
});

function selectEntries(db: Db, provinceCode: string) {
  return db
    .selectFrom('scorecardSuppliedCounts as s')
    .leftJoin('administrativeUnits as u', 'u.id', 's.unitId')
    .leftJoin('users as a', 'a.id', 's.enteredBy')
    .select([
      's.id',
      's.unitId',
      'u.code as unitCode',
      'u.name as unitName',
      's.periodKind',
      's.periodYear',
      's.periodNo',
      's.indicatorCode',
      's.numerator',
      's.denominator',
      's.sourceNote',
      's.enteredBy',
      'a.displayName as enteredByName',
      's.enteredAt',
      's.version',
    ])
    .where('s.provinceCode', '=', provinceCode);
}

/**
 * The entries a card of [fromYear, toYear] may use: for a unit, its own and the province's
 * (unit null); for the province (unitId null), every row of the province.
 */
export async function listEntriesForCard(
  db: Db,
  provinceCode: string,
  unitId: number | null,
  fromYear: number,
  toYear: number,
): Promise<SuppliedEntry[]> {
  let q = selectEntries(db, provinceCode).where('s.periodYear', '>=', fromYear).where('s.periodYear', '<=', toYear);
  if (unitId !== null) q = q.where((eb) => eb.or([eb('s.unitId', '=', unitId), eb('s.unitId', 'is', null)]));
  const rows = await q.orderBy('s.indicatorCode').orderBy('s.unitId').orderBy('s.periodYear').orderBy('s.periodNo').execute();
  return rows.map((r) => toEntry(r as Raw));
}

/** The entries of one scope (unit, or the province when null) and one period. */
export async function listEntriesAt(db: Db, provinceCode: string, unitId: number | null, period: PeriodRef): Promise<SuppliedEntry[]> {
  let q = selectEntries(db, provinceCode)
    .where('s.periodKind', '=', period.kind)
    .where('s.periodYear', '=', period.year)
    .where('s.periodNo', '=', period.number);
  q = unitId === null ? q.where('s.unitId', 'is', null) : q.where('s.unitId', '=', unitId);
  const rows = await q.orderBy('s.indicatorCode').execute();
  return rows.map((r) => toEntry(r as Raw));
}

export type SuppliedValues = { numerator: number; denominator: number; sourceNote: string };

export async function insertEntry(
  db: Db,
  row: { provinceCode: string; unitId: number | null; period: PeriodRef; indicator: SuppliedIndicator } & SuppliedValues,
  at: string,
  by: number | null,
): Promise<number> {
  const r = await db
    .insertInto('scorecardSuppliedCounts')
    .values({
      provinceCode: row.provinceCode,
      unitId: row.unitId,
      periodKind: row.period.kind,
      periodYear: row.period.year,
      periodNo: row.period.number,
      indicatorCode: row.indicator,
      numerator: row.numerator,
      denominator: row.denominator,
      sourceNote: row.sourceNote,
      enteredBy: by,
      enteredAt: at,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** Changes a row only while it still has `expectedVersion`; false when another change came first. */
export async function updateEntry(
  db: Db,
  id: number,
  expectedVersion: number,
  values: SuppliedValues,
  at: string,
  by: number | null,
): Promise<boolean> {
  const r = await db
    .updateTable('scorecardSuppliedCounts')
    .set({ ...values, enteredBy: by, enteredAt: at, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Removes a row only while it still has `expectedVersion`; false when another change came first. */
export async function deleteEntry(db: Db, id: number, expectedVersion: number): Promise<boolean> {
  const r = await db.deleteFrom('scorecardSuppliedCounts').where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
