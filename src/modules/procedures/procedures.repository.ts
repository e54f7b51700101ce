import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { fromDbBool, toDbBool } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { likeContains, searchKey } from '../../platform/text/search-key.ts';
import type { RequiredDocument, WorkflowStep } from './procedures.schemas.ts';

/** One version of a procedure's rules, as stored. */
export type ProcedureRecord = {
  id: number;
  provinceCode: string;
  nationalCode: string;
  nameVi: string;
  nameEn: string;
  field: string;
  competentLevel: string;
  timeLimitAmount: number;
  timeLimitUnit: string;
  timeLimitNote: string | null;
  fee: number;
  feeNote: string | null;
  onlineLevel: string;
  paperResult: boolean;
  essentialService: boolean;
  requiredDocuments: RequiredDocument[];
  workflow: WorkflowStep[];
  sourceTag: string | null;
  sourceNote: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type ProcedureSummaryRecord = Pick<
  ProcedureRecord,
  | 'id'
  | 'nationalCode'
  | 'nameVi'
  | 'nameEn'
  | 'field'
  | 'competentLevel'
  | 'timeLimitAmount'
  | 'timeLimitUnit'
  | 'fee'
  | 'onlineLevel'
  | 'paperResult'
  | 'essentialService'
  | 'effectiveFrom'
  | 'effectiveTo'
>;

export type VersionRecord = Pick<
  ProcedureRecord,
  'id' | 'effectiveFrom' | 'effectiveTo' | 'timeLimitAmount' | 'timeLimitUnit' | 'fee' | 'version'
>;

/** A version to insert: everything but what the database assigns. */
export type NewProcedureVersion = Omit<ProcedureRecord, 'id' | 'version' | 'createdAt' | 'updatedAt' | 'effectiveTo'>;

export type ProcedureFilter = {
  provinceCode: string;
  inForceOn: string;
  field?: string | undefined;
  onlineLevel?: string | undefined;
  q?: string | undefined;
};

const SUMMARY_COLUMNS = [
  'id',
  'nationalCode',
  'nameVi',
  'nameEn',
  'field',
  'competentLevel',
  'timeLimitAmount',
  'timeLimitUnit',
  'fee',
  'onlineLevel',
  'paperResult',
  'essentialService',
  'effectiveFrom',
  'effectiveTo',
] as const;

type RawSummary = Omit<ProcedureSummaryRecord, 'paperResult' | 'essentialService'> & {
  paperResult: boolean | number;
  essentialService: boolean | number;
};

function toSummary(r: RawSummary): ProcedureSummaryRecord {
  return {
    ...r,
    timeLimitAmount: Number(r.timeLimitAmount),
    fee: Number(r.fee),
    paperResult: fromDbBool(r.paperResult),
    essentialService: fromDbBool(r.essentialService),
  };
}

/** JSON columns are written only by this file, so a parse failure means a corrupted row: fail loudly. */
function parseJsonArray<T>(text: string, column: string, id: number): T[] {
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error(`procedures.${column} of row ${id} is not a JSON array`);
  return parsed as T[];
}

/** The folded name column also holds the code and the English name, so one search box finds all three. */
export function procedureSearchKey(p: { nationalCode: string; nameVi: string; nameEn: string }): string {
  return searchKey(`${p.nationalCode} ${p.nameVi} ${p.nameEn}`);
}

function toRow(p: NewProcedureVersion, now: string) {
  return {
    provinceCode: p.provinceCode,
    nationalCode: p.nationalCode,
    nameVi: p.nameVi,
    nameEn: p.nameEn,
    nameSearch: procedureSearchKey(p),
    field: p.field,
    competentLevel: p.competentLevel,
    timeLimitAmount: p.timeLimitAmount,
    timeLimitUnit: p.timeLimitUnit,
    timeLimitNote: p.timeLimitNote,
    fee: p.fee,
    feeNote: p.feeNote,
    onlineLevel: p.onlineLevel,
    paperResult: toDbBool(p.paperResult),
    essentialService: toDbBool(p.essentialService),
    requiredDocuments: JSON.stringify(p.requiredDocuments),
    workflow: JSON.stringify(p.workflow),
    sourceTag: p.sourceTag,
    sourceNote: p.sourceNote,
    effectiveFrom: p.effectiveFrom,
    effectiveTo: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** PostgreSQL reports 23505; better-sqlite3 reports SQLITE_CONSTRAINT_UNIQUE. */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Inserts one version. A concurrent writer that already opened a version of the same code
 * trips the partial unique index; that answers PROCEDURE_CODE_TAKEN, not a 500.
 */
export async function insertProcedureVersion(db: Db, p: NewProcedureVersion, now: string): Promise<number> {
  try {
    const { id } = await db.insertInto('procedures').values(toRow(p, now)).returning('id').executeTakeFirstOrThrow();
    return id;
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('PROCEDURE_CODE_TAKEN', { code: p.nationalCode });
    throw e;
  }
}

/** Bulk insert for the catalogue seed, in chunks to stay under both dialects' parameter limits. */
export async function insertProcedureVersions(db: Db, rows: readonly NewProcedureVersion[], now: string): Promise<number> {
  const CHUNK = 20;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('procedures')
      .values(rows.slice(i, i + CHUNK).map((r) => toRow(r, now)))
      .execute();
  }
  return rows.length;
}

export async function findProcedure(db: Db, id: number): Promise<ProcedureRecord | undefined> {
  const r = await db.selectFrom('procedures').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const { nameSearch: _nameSearch, requiredDocuments, workflow, ...rest } = r;
  return {
    ...rest,
    timeLimitAmount: Number(r.timeLimitAmount),
    fee: Number(r.fee),
    paperResult: fromDbBool(r.paperResult),
    essentialService: fromDbBool(r.essentialService),
    requiredDocuments: parseJsonArray<RequiredDocument>(requiredDocuments, 'required_documents', r.id),
    workflow: parseJsonArray<WorkflowStep>(workflow, 'workflow', r.id),
    version: Number(r.version),
  };
}

/** Every version of one procedure, newest first. */
export async function listProcedureVersions(db: Db, provinceCode: string, nationalCode: string): Promise<VersionRecord[]> {
  const rows = await db
    .selectFrom('procedures')
    .select(['id', 'effectiveFrom', 'effectiveTo', 'timeLimitAmount', 'timeLimitUnit', 'fee', 'version'])
    .where('provinceCode', '=', provinceCode)
    .where('nationalCode', '=', nationalCode)
    .orderBy('effectiveFrom', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, timeLimitAmount: Number(r.timeLimitAmount), fee: Number(r.fee), version: Number(r.version) }));
}

/**
 * The version of a procedure whose rules applied on a date: the one a dossier received
 * that day is handled under. Undefined when the procedure did not exist, or was not yet
 * or no longer in force, on that date.
 */
export async function findProcedureInForce(
  db: Db,
  provinceCode: string,
  nationalCode: string,
  onDate: string,
): Promise<ProcedureRecord | undefined> {
  const row = await db
    .selectFrom('procedures')
    .select('id')
    .where('provinceCode', '=', provinceCode)
    .where('nationalCode', '=', nationalCode)
    .where('effectiveFrom', '<=', onDate)
    .where((eb) => eb.or([eb('effectiveTo', 'is', null), eb('effectiveTo', '>=', onDate)]))
    .orderBy('effectiveFrom', 'desc')
    .executeTakeFirst();
  return row ? findProcedure(db, row.id) : undefined;
}

/** Versions in force on the filter's date, unsorted: callers sort with Vietnamese collation. */
export async function listProcedures(db: Db, f: ProcedureFilter): Promise<ProcedureSummaryRecord[]> {
  let q = db
    .selectFrom('procedures')
    .select(SUMMARY_COLUMNS)
    .where('provinceCode', '=', f.provinceCode)
    .where('effectiveFrom', '<=', f.inForceOn)
    .where((eb) => eb.or([eb('effectiveTo', 'is', null), eb('effectiveTo', '>=', f.inForceOn)]));
  if (f.field) q = q.where('field', '=', f.field);
  if (f.onlineLevel) q = q.where('onlineLevel', '=', f.onlineLevel);
  if (f.q) {
    // Every word must occur in the folded column, in any order; ESCAPE is explicit for SQLite.
    const words = searchKey(f.q).split(' ').filter(Boolean);
    if (words.length > 0) {
      q = q.where((eb) => eb.and(words.map((w) => sql<boolean>`${sql.ref('nameSearch')} like ${likeContains(w)} escape '\\'`)));
    }
  }
  return (await q.execute()).map(toSummary);
}

/** National codes already in a province's catalogue (any version), for idempotent seeding. */
export async function listNationalCodes(db: Db, provinceCode: string): Promise<Set<string>> {
  const rows = await db.selectFrom('procedures').select('nationalCode').distinct().where('provinceCode', '=', provinceCode).execute();
  return new Set(rows.map((r) => r.nationalCode));
}

export async function nationalCodeExists(db: Db, provinceCode: string, nationalCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('procedures')
    .select('id')
    .where('provinceCode', '=', provinceCode)
    .where('nationalCode', '=', nationalCode)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Ends the open-ended version `id` on `effectiveTo`, if it still has the version the caller
 * read and is still open; otherwise VERSION_CONFLICT and nothing changes. Closing bumps
 * the version too, so a client holding the old row cannot edit it again.
 */
export async function closeProcedureVersion(db: Db, id: number, expectedVersion: number, effectiveTo: string, now: string): Promise<void> {
  const result = await db
    .updateTable('procedures')
    .set((eb) => ({ effectiveTo, version: eb('version', '+', 1), updatedAt: now }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('effectiveTo', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('VERSION_CONFLICT');
}
