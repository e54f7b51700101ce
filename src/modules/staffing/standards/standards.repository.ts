import type { Db } from '../../../platform/db/database.ts';

/**
 * SQL of the procedure service standards (migration 0020): minutes per dossier of each
 * procedure, one row per (province, procedure, effective date). Reads the procedure catalogue
 * (latest version of each national code) to list every procedure, with or without a standard.
 */

const dateText = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

export type StandardRow = {
  id: number;
  procedureCode: string;
  minutesPerDossier: number;
  sourceKind: string;
  sourceNote: string;
  effectiveFrom: string;
  updatedAt: string;
  updatedBy: number | null;
  version: number;
};

const COLUMNS = [
  'id',
  'procedureCode',
  'minutesPerDossier',
  'sourceKind',
  'sourceNote',
  'effectiveFrom',
  'updatedAt',
  'updatedBy',
  'version',
] as const;

type Raw = { [K in (typeof COLUMNS)[number]]: unknown };
const toRow = (r: Raw): StandardRow => ({
  id: Number(r.id),
  procedureCode: String(r.procedureCode),
  minutesPerDossier: Number(r.minutesPerDossier),
  sourceKind: String(r.sourceKind),
  sourceNote: String(r.sourceNote),
  effectiveFrom: dateText(r.effectiveFrom),
  updatedAt: iso(r.updatedAt),
  updatedBy: r.updatedBy === null ? null : Number(r.updatedBy),
  version: Number(r.version),
});

/** Every stored standard of the province (all dates), by procedure then date: a catalogue has ~60–200 procedures. */
export async function listStandardRows(db: Db, provinceCode: string): Promise<StandardRow[]> {
  const rows = await db
    .selectFrom('procedureServiceStandards')
    .select(COLUMNS)
    .where('provinceCode', '=', provinceCode)
    .orderBy('procedureCode')
    .orderBy('effectiveFrom')
    .orderBy('id')
    .execute();
  return rows.map((r) => toRow(r as Raw));
}

export type CatalogueProcedure = { code: string; nameVi: string; nameEn: string; field: string };

/** One entry per national code of the province's catalogue: the version with the latest effective date. */
export async function listCatalogueProcedures(db: Db, provinceCode: string): Promise<CatalogueProcedure[]> {
  const rows = await db
    .selectFrom('procedures')
    .select(['nationalCode', 'nameVi', 'nameEn', 'field', 'effectiveFrom', 'id'])
    .where('provinceCode', '=', provinceCode)
    .orderBy('nationalCode')
    .orderBy('effectiveFrom')
    .orderBy('id')
    .execute();
  const byCode = new Map<string, CatalogueProcedure>();
  for (const r of rows) byCode.set(r.nationalCode, { code: r.nationalCode, nameVi: r.nameVi, nameEn: r.nameEn, field: r.field });
  return [...byCode.values()];
}

export async function procedureCodeExists(db: Db, provinceCode: string, code: string): Promise<boolean> {
  const r = await db
    .selectFrom('procedures')
    .select('id')
    .where('provinceCode', '=', provinceCode)
    .where('nationalCode', '=', code)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** The highest version of a procedure's standards (0: none): the optimistic-concurrency token. */
export async function currentStandardVersion(db: Db, provinceCode: string, code: string): Promise<number> {
  const r = await db
    .selectFrom('procedureServiceStandards')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('provinceCode', '=', provinceCode)
    .where('procedureCode', '=', code)
    .executeTakeFirst();
  return r?.v === null || r?.v === undefined ? 0 : Number(r.v);
}

export async function findStandardOn(db: Db, provinceCode: string, code: string, effectiveFrom: string): Promise<StandardRow | undefined> {
  const r = await db
    .selectFrom('procedureServiceStandards')
    .select(COLUMNS)
    .where('provinceCode', '=', provinceCode)
    .where('procedureCode', '=', code)
    .where('effectiveFrom', '=', effectiveFrom)
    .executeTakeFirst();
  return r && toRow(r as Raw);
}

export type NewStandard = {
  procedureCode: string;
  minutesPerDossier: number;
  sourceKind: string;
  sourceNote: string;
  effectiveFrom: string;
  version: number;
};

export async function insertStandards(
  db: Db,
  provinceCode: string,
  rows: readonly NewStandard[],
  at: string,
  by: number | null,
): Promise<void> {
  // 200 rows per statement keeps every dialect under its parameter limit.
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('procedureServiceStandards')
      .values(rows.slice(i, i + 200).map((r) => ({ provinceCode, ...r, updatedAt: at, updatedBy: by })))
      .execute();
  }
}

export async function insertStandard(db: Db, provinceCode: string, row: NewStandard, at: string, by: number | null): Promise<StandardRow> {
  const r = await db
    .insertInto('procedureServiceStandards')
    .values({ provinceCode, ...row, updatedAt: at, updatedBy: by })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toRow(r as Raw);
}

/** Corrects the version of one date in place, only while it still has `expectedVersion` (else undefined). */
export async function updateStandard(
  db: Db,
  id: number,
  expectedVersion: number,
  change: Omit<NewStandard, 'procedureCode' | 'effectiveFrom'>,
  at: string,
  by: number | null,
): Promise<StandardRow | undefined> {
  const r = await db
    .updateTable('procedureServiceStandards')
    .set({ ...change, updatedAt: at, updatedBy: by })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning(COLUMNS)
    .executeTakeFirst();
  return r && toRow(r as Raw);
}
