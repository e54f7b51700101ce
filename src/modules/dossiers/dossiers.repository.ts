import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { likeContains, searchKey } from '../../platform/text/search-key.ts';

/** A dossier as stored, with the names a page shows beside the ids. */
export type DossierRecord = {
  id: number;
  provinceCode: string;
  code: string;
  receivingUnitId: number;
  receivingUnitName: string;
  competentUnitId: number;
  competentUnitName: string;
  procedureId: number;
  procedureCode: string;
  procedureNameVi: string;
  procedureNameEn: string;
  channel: number;
  status: number;
  applicantName: string;
  applicantIdNumber: string | null;
  applicantPhone: string | null;
  applicantEmail: string | null;
  applicantAddress: string | null;
  summary: string | null;
  receivedAt: string | null;
  validAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  pausedMs: number;
  supplementRequests: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: number | null;
};

export type NewDossier = Omit<
  DossierRecord,
  | 'id'
  | 'receivingUnitName'
  | 'competentUnitName'
  | 'procedureCode'
  | 'procedureNameVi'
  | 'procedureNameEn'
  | 'pausedMs'
  | 'supplementRequests'
  | 'version'
  | 'updatedAt'
  | 'finishedAt'
  | 'returnedAt'
>;

export type DossierEventRecord = {
  id: number;
  at: string;
  actorUserId: number | null;
  actorName: string | null;
  kind: string;
  fromStatus: number | null;
  toStatus: number | null;
  note: string | null;
  data: unknown;
};

export type NewDossierEvent = Omit<DossierEventRecord, 'id' | 'actorName'> & { provinceCode: string; dossierId: number };

export type DossierFilter = {
  provinceCode: string;
  /** Unit roles: dossiers their unit received or is competent for. Undefined: the whole province. */
  unitId?: number | undefined;
  status?: number | undefined;
  procedureCode?: string | undefined;
  q?: string | undefined;
  offset: number;
  limit: number;
};

export type UnitRef = { id: number; provinceCode: string; code: string; name: string; kind: string; isCurrent: boolean };

/** Reads the dossier with its procedure and unit names (one join per name). */
function dossierQuery(db: Db) {
  return db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedureId')
    .innerJoin('administrativeUnits as ru', 'ru.id', 'd.receivingUnitId')
    .innerJoin('administrativeUnits as cu', 'cu.id', 'd.competentUnitId')
    .select([
      'd.id',
      'd.provinceCode',
      'd.code',
      'd.receivingUnitId',
      'ru.name as receivingUnitName',
      'd.competentUnitId',
      'cu.name as competentUnitName',
      'd.procedureId',
      'p.nationalCode as procedureCode',
      'p.nameVi as procedureNameVi',
      'p.nameEn as procedureNameEn',
      'd.channel',
      'd.status',
      'd.applicantName',
      'd.applicantIdNumber',
      'd.applicantPhone',
      'd.applicantEmail',
      'd.applicantAddress',
      'd.summary',
      'd.receivedAt',
      'd.validAt',
      'd.dueAt',
      'd.finishedAt',
      'd.returnedAt',
      'd.pausedMs',
      'd.supplementRequests',
      'd.version',
      'd.createdAt',
      'd.updatedAt',
      'd.createdBy',
    ]);
}

type RawDossier = Awaited<ReturnType<ReturnType<typeof dossierQuery>['executeTakeFirstOrThrow']>>;

function toRecord(r: RawDossier): DossierRecord {
  return {
    ...r,
    channel: Number(r.channel),
    status: Number(r.status),
    pausedMs: Number(r.pausedMs),
    supplementRequests: Number(r.supplementRequests),
    version: Number(r.version),
  };
}

/**
 * Bumps and returns the day's sequence for an agency. Run it in the intake transaction:
 * the upsert's row lock (PostgreSQL) or the write transaction (SQLite) makes concurrent
 * intakes take turns, and a rolled-back intake gives its number back, so there are no gaps.
 */
export async function nextCodeSequence(db: Db, provinceCode: string, agencyCode: string, day: string): Promise<number> {
  const row = await db
    .insertInto('dossierCodeCounters')
    .values({ provinceCode, agencyCode, day, lastSeq: 1 })
    .onConflict((oc) => oc.columns(['agencyCode', 'day']).doUpdateSet((eb) => ({ lastSeq: eb('dossierCodeCounters.lastSeq', '+', 1) })))
    .returning('lastSeq')
    .executeTakeFirstOrThrow();
  return Number(row.lastSeq);
}

export async function insertDossier(db: Db, d: NewDossier): Promise<number> {
  const { id } = await db
    .insertInto('dossiers')
    .values({ ...d, applicantNameSearch: searchKey(d.applicantName), updatedAt: d.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertDossierEvent(db: Db, e: NewDossierEvent): Promise<void> {
  await db
    .insertInto('dossierEvents')
    .values({ ...e, data: e.data === undefined || e.data === null ? null : JSON.stringify(e.data) })
    .execute();
}

export async function findDossier(db: Db, id: number): Promise<DossierRecord | undefined> {
  const r = await dossierQuery(db).where('d.id', '=', id).executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

export async function listDossierEvents(db: Db, dossierId: number): Promise<DossierEventRecord[]> {
  const rows = await db
    .selectFrom('dossierEvents as e')
    .leftJoin('users as u', 'u.id', 'e.actorUserId')
    .select(['e.id', 'e.at', 'e.actorUserId', 'u.displayName as actorName', 'e.kind', 'e.fromStatus', 'e.toStatus', 'e.note', 'e.data'])
    .where('e.dossierId', '=', dossierId)
    .orderBy('e.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    fromStatus: r.fromStatus === null ? null : Number(r.fromStatus),
    toStatus: r.toStatus === null ? null : Number(r.toStatus),
    data: r.data === null ? null : (JSON.parse(r.data) as unknown),
  }));
}

export async function listDossiers(db: Db, f: DossierFilter): Promise<{ items: DossierRecord[]; total: number }> {
  let q = dossierQuery(db).where('d.provinceCode', '=', f.provinceCode);
  if (f.unitId !== undefined) {
    const unitId = f.unitId;
    q = q.where((eb) => eb.or([eb('d.receivingUnitId', '=', unitId), eb('d.competentUnitId', '=', unitId)]));
  }
  if (f.status !== undefined) q = q.where('d.status', '=', f.status);
  if (f.procedureCode) q = q.where('p.nationalCode', '=', f.procedureCode);
  if (f.q) {
    const text = f.q.trim();
    const words = searchKey(text).split(' ').filter(Boolean);
    if (words.length > 0) {
      q = q.where((eb) =>
        eb.or([
          eb('d.code', '=', text.toUpperCase()),
          eb.and(words.map((w) => sql<boolean>`${sql.ref('d.applicantNameSearch')} like ${likeContains(w)} escape '\\'`)),
        ]),
      );
    }
  }
  const [rows, count] = await Promise.all([
    q.orderBy('d.createdAt', 'desc').orderBy('d.id', 'desc').offset(f.offset).limit(f.limit).execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toRecord), total: Number(count.n) };
}

/**
 * Moves a dossier from one intake status to another if nobody changed it since it was read;
 * answers whether it did, so the caller can report a conflict.
 */
export async function updateIntakeStatus(
  db: Db,
  id: number,
  expected: { version: number; status: number },
  changes: { status: number; receivedAt?: string; validAt?: string; dueAt?: string; receivingUnitId?: number },
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('dossiers')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updatedAt: now }))
    .where('id', '=', id)
    .where('version', '=', expected.version)
    .where('status', '=', expected.status)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findUnitRef(db: Db, id: number): Promise<UnitRef | undefined> {
  const r = await db
    .selectFrom('administrativeUnits')
    .select(['id', 'provinceCode', 'code', 'name', 'kind', 'validTo'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r
    ? { id: r.id, provinceCode: r.provinceCode, code: r.code, name: r.name, kind: r.kind, isCurrent: r.validTo === null }
    : undefined;
}

/** The province's current units of a kind set (communes and wards, or the province itself). */
export async function listCurrentUnits(db: Db, provinceCode: string, kinds: readonly string[]): Promise<UnitRef[]> {
  const rows = await db
    .selectFrom('administrativeUnits')
    .select(['id', 'provinceCode', 'code', 'name', 'kind'])
    .where('provinceCode', '=', provinceCode)
    .where('validTo', 'is', null)
    .where('kind', 'in', [...kinds])
    .execute();
  return rows.map((r) => ({ ...r, isCurrent: true }));
}

export type IdempotencyRecord = { requestHash: string; statusCode: number; response: unknown; createdAt: string };

/** The live (unexpired) record of a key, if any. */
export async function findIdempotencyKey(db: Db, userId: number, key: string, notBefore: string): Promise<IdempotencyRecord | undefined> {
  const r = await db
    .selectFrom('idempotencyKeys')
    .select(['requestHash', 'statusCode', 'response', 'createdAt'])
    .where('userId', '=', userId)
    .where('key', '=', key)
    .where('createdAt', '>=', notBefore)
    .executeTakeFirst();
  return r ? { ...r, statusCode: Number(r.statusCode), response: JSON.parse(r.response) as unknown } : undefined;
}

/**
 * Stores a key with the response it produced, replacing an expired record of the same key.
 * A concurrent request with the same key trips the unique constraint, which rolls back
 * its whole transaction: only one of the two creates anything.
 */
export async function saveIdempotencyKey(
  db: Db,
  row: { provinceCode: string; userId: number; key: string; requestHash: string; statusCode: number; response: unknown; createdAt: string },
  notBefore: string,
): Promise<void> {
  await db
    .deleteFrom('idempotencyKeys')
    .where('userId', '=', row.userId)
    .where('key', '=', row.key)
    .where('createdAt', '<', notBefore)
    .execute();
  await db
    .insertInto('idempotencyKeys')
    .values({ ...row, response: JSON.stringify(row.response) })
    .execute();
}

/** PostgreSQL reports 23505; better-sqlite3 reports SQLITE_CONSTRAINT_UNIQUE (or _PRIMARYKEY). */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** The first province with current communes or wards: the public form's default. */
export async function findDefaultProvince(db: Db): Promise<string | undefined> {
  const r = await db
    .selectFrom('administrativeUnits')
    .select('provinceCode')
    .where('validTo', 'is', null)
    .where('kind', 'in', ['COMMUNE', 'WARD', 'SPECIAL_ZONE'])
    .orderBy('provinceCode')
    .limit(1)
    .executeTakeFirst();
  return r?.provinceCode;
}

/** What re-timing reads of an open dossier: when its clock started, its due instant and its procedure's time limit. */
export type RetimeRow = {
  id: number;
  provinceCode: string;
  receivedAt: string | null;
  validAt: string | null;
  dueAt: string;
  procedureId: number;
  timeLimitAmount: number;
  timeLimitUnit: string;
};

const iso = (v: unknown): string => new Date(v as string | Date).toISOString();

/**
 * One page (by id, after `afterId`) of the open dossiers, all provinces, whose clock started
 * before `startedBefore` and whose due instant is at or after `dueFrom`. Holidays are national,
 * so a change reaches every province.
 */
export async function listRetimeCandidates(
  db: Db,
  f: { openStatuses: readonly number[]; startedBefore: string; dueFrom: string; afterId: number; limit: number },
): Promise<RetimeRow[]> {
  const rows = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedureId')
    .select(['d.id', 'd.provinceCode', 'd.receivedAt', 'd.validAt', 'd.dueAt', 'd.procedureId', 'p.timeLimitAmount', 'p.timeLimitUnit'])
    .where('d.status', 'in', [...f.openStatuses])
    .where('d.dueAt', 'is not', null)
    .where('d.dueAt', '>=', f.dueFrom)
    .where((eb) => eb.fn.coalesce('d.validAt', 'd.receivedAt'), '<', f.startedBefore)
    .where('d.id', '>', f.afterId)
    .orderBy('d.id')
    .limit(f.limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    provinceCode: r.provinceCode,
    receivedAt: r.receivedAt === null ? null : iso(r.receivedAt),
    validAt: r.validAt === null ? null : iso(r.validAt),
    dueAt: iso(r.dueAt),
    procedureId: Number(r.procedureId),
    timeLimitAmount: Number(r.timeLimitAmount),
    timeLimitUnit: r.timeLimitUnit,
  }));
}

/**
 * Sets one due instant on several dossiers that are still open; answers the ids it changed,
 * so a dossier closed meanwhile gets no audit entry. The version is left alone: re-timing is
 * not an officer's edit, and bumping it would refuse every form open on these dossiers.
 */
export async function setDueAtOfOpen(
  db: Db,
  ids: readonly number[],
  openStatuses: readonly number[],
  dueAt: string,
  now: string,
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .updateTable('dossiers')
    .set({ dueAt, updatedAt: now })
    .where('id', 'in', [...ids])
    .where('status', 'in', [...openStatuses])
    .returning('id')
    .execute();
  return rows.map((r) => Number(r.id));
}

/** Several timeline events in one statement. */
export async function insertDossierEvents(db: Db, events: readonly NewDossierEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('dossierEvents')
    .values(events.map((e) => ({ ...e, data: e.data === undefined || e.data === null ? null : JSON.stringify(e.data) })))
    .execute();
}
