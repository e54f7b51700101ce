import type { Selectable } from 'kysely';
import type { Db, ReportTable } from '../../platform/db/database.ts';

/** SQL of the stored periodic reports (migration 0027). Instants are ISO strings; files are Buffers. */

export const REPORT_STATUSES = ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_TRIGGERS = ['ON_DEMAND', 'SCHEDULED'] as const;
export type ReportTrigger = (typeof REPORT_TRIGGERS)[number];

/** Units a report can be about: the current communes, wards and special zones (as the overview lists them). */
const REPORT_UNIT_KINDS = ['COMMUNE', 'WARD', 'SPECIAL_ZONE'] as const;

/** A report without its snapshot and files (what lists and status answers need). */
export type ReportRow = {
  id: number;
  provinceCode: string;
  unitId: number | null;
  unitCode: string | null;
  unitName: string | null;
  kind: 'MONTH' | 'QUARTER';
  periodFrom: string;
  periodTo: string;
  trigger: ReportTrigger;
  status: ReportStatus;
  jobId: number | null;
  requestedBy: number | null;
  createdAt: string;
  builtAt: string | null;
  snapshotSha256: string | null;
  pdfSha256: string | null;
  xlsxSha256: string | null;
  error: string | null;
};

export type NewReport = {
  provinceCode: string;
  unitId: number | null;
  kind: 'MONTH' | 'QUARTER';
  periodFrom: string;
  periodTo: string;
  trigger: ReportTrigger;
  /** Set for SCHEDULED reports only: unique, so one schedule run in any process creates it once. */
  scheduleKey: string | null;
  requestedBy: number | null;
  createdAt: string;
};

export type ReportResult = {
  builtAt: string;
  snapshot: string;
  snapshotSha256: string;
  pdf: Buffer;
  xlsx: Buffer;
  pdfSha256: string;
  xlsxSha256: string;
};

export type ReportFilter = {
  provinceCode: string;
  /** undefined: every scope; null: the province's own reports; a number: that unit's. */
  unitId?: number | null;
  kind?: 'MONTH' | 'QUARTER';
  year?: number;
};

const SUMMARY = [
  'r.id',
  'r.provinceCode',
  'r.unitId',
  'u.code as unitCode',
  'u.name as unitName',
  'r.kind',
  'r.periodFrom',
  'r.periodTo',
  'r.trigger',
  'r.status',
  'r.jobId',
  'r.requestedBy',
  'r.createdAt',
  'r.builtAt',
  'r.snapshotSha256',
  'r.pdfSha256',
  'r.xlsxSha256',
  'r.error',
] as const;

type SummarySelect = Pick<Selectable<ReportTable>, 'id' | 'unitId' | 'jobId' | 'requestedBy'> &
  Omit<ReportRow, 'id' | 'unitId' | 'jobId' | 'requestedBy' | 'kind' | 'trigger' | 'status'> & {
    kind: string;
    trigger: string;
    status: string;
  };

const numOrNull = (v: number | null) => (v === null ? null : Number(v));

function toRow(r: SummarySelect): ReportRow {
  return {
    ...r,
    id: Number(r.id),
    unitId: numOrNull(r.unitId),
    jobId: numOrNull(r.jobId),
    requestedBy: numOrNull(r.requestedBy),
    kind: r.kind as ReportRow['kind'],
    trigger: r.trigger as ReportTrigger,
    status: r.status as ReportStatus,
  };
}

const base = (db: Db) => db.selectFrom('reports as r').leftJoin('administrativeUnits as u', 'u.id', 'r.unitId');

/** Inserts a QUEUED report; undefined when a SCHEDULED report with the same key already exists. */
export async function insertReport(db: Db, r: NewReport): Promise<number | undefined> {
  const row = await db
    .insertInto('reports')
    .values({ ...r, status: 'QUEUED' })
    .onConflict((oc) => oc.column('scheduleKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row ? Number(row.id) : undefined;
}

export async function setReportJob(db: Db, id: number, jobId: number): Promise<void> {
  await db.updateTable('reports').set({ jobId }).where('id', '=', id).execute();
}

export async function findReport(db: Db, id: number): Promise<ReportRow | undefined> {
  const row = await base(db).select(SUMMARY).where('r.id', '=', id).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export async function findReportByJob(db: Db, jobId: number): Promise<ReportRow | undefined> {
  const row = await base(db).select(SUMMARY).where('r.jobId', '=', jobId).executeTakeFirst();
  return row ? toRow(row) : undefined;
}

function filtered(db: Db, f: ReportFilter) {
  let q = base(db).where('r.provinceCode', '=', f.provinceCode);
  if (f.unitId === null) q = q.where('r.unitId', 'is', null);
  else if (f.unitId !== undefined) q = q.where('r.unitId', '=', f.unitId);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  // Periods start on the first of a month, so a year is a string range on period_from.
  if (f.year !== undefined) q = q.where('r.periodFrom', '>=', `${f.year}-01-01`).where('r.periodFrom', '<', `${f.year + 1}-01-01`);
  return q;
}

/** Newest period first, then newest request. */
export async function listReports(db: Db, f: ReportFilter, page: { offset: number; limit: number }): Promise<ReportRow[]> {
  const rows = await filtered(db, f)
    .select(SUMMARY)
    .orderBy('r.periodFrom', 'desc')
    .orderBy('r.id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  return rows.map(toRow);
}

export async function countReports(db: Db, f: ReportFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findReportFile(db: Db, id: number, format: 'pdf' | 'xlsx'): Promise<Buffer | null> {
  const row = await db.selectFrom('reports').select(format).where('id', '=', id).executeTakeFirst();
  const bytes = row?.[format] ?? null;
  // better-sqlite3 and pg both give a Buffer; a Uint8Array is copied into one, just in case.
  return bytes === null ? null : Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes as Uint8Array);
}

export async function findReportSnapshot(db: Db, id: number): Promise<{ snapshot: string; sha256: string } | undefined> {
  const row = await db.selectFrom('reports').select(['snapshot', 'snapshotSha256']).where('id', '=', id).executeTakeFirst();
  if (!row?.snapshot || !row.snapshotSha256) return undefined;
  return { snapshot: row.snapshot, sha256: row.snapshotSha256 };
}

/** QUEUED → RUNNING (the job started; a retried attempt finds it RUNNING already). */
export async function markReportRunning(db: Db, id: number): Promise<void> {
  await db.updateTable('reports').set({ status: 'RUNNING', error: null }).where('id', '=', id).where('status', '!=', 'DONE').execute();
}

/** The one write of a finished build: snapshot, files, hashes, built_at and DONE (in the job's commit). */
export async function storeReportResult(db: Db, id: number, r: ReportResult): Promise<void> {
  await db
    .updateTable('reports')
    .set({ ...r, status: 'DONE', error: null })
    .where('id', '=', id)
    .execute();
}

export async function markReportFailed(db: Db, id: number, error: string): Promise<void> {
  await db.updateTable('reports').set({ status: 'FAILED', error }).where('id', '=', id).where('status', '!=', 'DONE').execute();
}

/** A current unit of the province by its code (what a request names), or undefined. */
export async function findCurrentUnit(
  db: Db,
  provinceCode: string,
  code: string,
): Promise<{ id: number; code: string; name: string } | undefined> {
  const row = await db
    .selectFrom('administrativeUnits')
    .select(['id', 'code', 'name'])
    .where('provinceCode', '=', provinceCode)
    .where('code', '=', code)
    .where('kind', 'in', [...REPORT_UNIT_KINDS])
    .where('validTo', 'is', null)
    .executeTakeFirst();
  return row ? { id: Number(row.id), code: row.code, name: row.name } : undefined;
}

/** Current units of every province (the schedule's scopes), by province then code. */
export async function listCurrentUnits(db: Db): Promise<{ provinceCode: string; id: number; code: string }[]> {
  const rows = await db
    .selectFrom('administrativeUnits')
    .select(['provinceCode', 'id', 'code'])
    .where('kind', 'in', [...REPORT_UNIT_KINDS])
    .where('validTo', 'is', null)
    .orderBy('provinceCode')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ provinceCode: r.provinceCode, id: Number(r.id), code: r.code }));
}

/** Current units of one province (the form's choices). */
export async function listProvinceUnits(db: Db, provinceCode: string): Promise<{ id: number; code: string; name: string }[]> {
  const rows = await db
    .selectFrom('administrativeUnits')
    .select(['id', 'code', 'name'])
    .where('provinceCode', '=', provinceCode)
    .where('kind', 'in', [...REPORT_UNIT_KINDS])
    .where('validTo', 'is', null)
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name }));
}

/** Which of these schedule keys exist already (in chunks: a national run asks for thousands). */
export async function existingScheduleKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const rows = await db.selectFrom('reports').select('scheduleKey').where('scheduleKey', 'in', chunk).execute();
    for (const r of rows) if (r.scheduleKey) found.add(r.scheduleKey);
  }
  return found;
}
