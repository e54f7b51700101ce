import { CompiledQuery, type OnConflictBuilder, sql } from 'kysely';
import type { Database, Db } from '../../platform/db/database.ts';
import { dialectOf } from '../../platform/db/dialect.ts';
import { fixedQuery } from '../../platform/db/fixed-query.ts';
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
  const { rows } = await bumpCounter(db, { provinceCode, agencyCode, day });
  const row = rows[0];
  if (!row) throw new Error('the code counter upsert returned no row');
  return Number(row.lastSeq);
}

// The intake's statements have a fixed shape: built once per dialect (platform/db/fixed-query.ts).
const bumpCounter = fixedQuery<{ provinceCode: string; agencyCode: string; day: string }, { lastSeq: number }>((db, p) =>
  db
    .insertInto('dossierCodeCounters')
    .values({ provinceCode: p('provinceCode'), agencyCode: p('agencyCode'), day: p('day'), lastSeq: 1 })
    .onConflict((oc) => oc.columns(['agencyCode', 'day']).doUpdateSet((eb) => ({ lastSeq: eb('dossierCodeCounters.lastSeq', '+', 1) })))
    .returning('lastSeq'),
);

type DossierRow = NewDossier & { applicantNameSearch: string; updatedAt: string };

const DOSSIER_COLUMNS = [
  'provinceCode',
  'code',
  'receivingUnitId',
  'competentUnitId',
  'procedureId',
  'channel',
  'status',
  'applicantName',
  'applicantNameSearch',
  'applicantIdNumber',
  'applicantPhone',
  'applicantEmail',
  'applicantAddress',
  'summary',
  'receivedAt',
  'validAt',
  'dueAt',
  'createdAt',
  'updatedAt',
  'createdBy',
] as const satisfies readonly (keyof DossierRow)[];
// A column added to NewDossier but not to the list above fails to compile here instead of being dropped silently.
const everyDossierColumn: Exclude<keyof DossierRow, (typeof DOSSIER_COLUMNS)[number]> extends never ? true : never = true;
void everyDossierColumn;

const insertDossierRow = fixedQuery<DossierRow, { id: number }>((db, p) =>
  db
    .insertInto('dossiers')
    .values(Object.fromEntries(DOSSIER_COLUMNS.map((c) => [c, p(c)])) as DossierRow)
    .returning('id'),
);

export async function insertDossier(db: Db, d: NewDossier): Promise<number> {
  const { rows } = await insertDossierRow(db, { ...d, applicantNameSearch: searchKey(d.applicantName), updatedAt: d.createdAt });
  const row = rows[0];
  if (!row) throw new Error('the dossier insert returned no id');
  return Number(row.id);
}

type EventRow = Omit<NewDossierEvent, 'data'> & { data: string | null };

const insertEventRow = fixedQuery<EventRow, never>((db, p) =>
  db.insertInto('dossierEvents').values({
    provinceCode: p('provinceCode'),
    dossierId: p('dossierId'),
    at: p('at'),
    actorUserId: p('actorUserId'),
    kind: p('kind'),
    fromStatus: p('fromStatus'),
    toStatus: p('toStatus'),
    note: p('note'),
    data: p('data'),
  }),
);

export async function insertDossierEvent(db: Db, e: NewDossierEvent): Promise<void> {
  await insertEventRow(db, { ...e, data: e.data === undefined || e.data === null ? null : JSON.stringify(e.data) });
}

type EventParams = { [K in keyof EventRow as `e_${K}`]: EventRow[K] };

const EVENT_COLUMNS = [
  'provinceCode',
  'at',
  'actorUserId',
  'kind',
  'fromStatus',
  'toStatus',
  'note',
  'data',
] as const satisfies readonly (keyof EventRow)[];

/** PostgreSQL: the dossier and its first event in one statement (one round trip while the code counter's row is locked). */
const insertDossierAndEventRow = fixedQuery<DossierRow & EventParams, { dossierId: number }>((db, p) =>
  db
    .with('d', (w) =>
      w
        .insertInto('dossiers')
        .values(Object.fromEntries(DOSSIER_COLUMNS.map((c) => [c, p(c)])) as DossierRow)
        .returning('id'),
    )
    .insertInto('dossierEvents')
    .columns([...EVENT_COLUMNS, 'dossierId'])
    .expression((eb) => eb.selectFrom('d').select([...EVENT_COLUMNS.map((c) => eb.val(p(`e_${c}`)).as(c)), 'd.id as dossierId']))
    .returning('dossierId'),
);

/** A new dossier and its first timeline event; answers the dossier's id. */
export async function insertDossierWithEvent(db: Db, d: NewDossier, e: Omit<NewDossierEvent, 'dossierId'>): Promise<number> {
  if (dialectOf(db) !== 'postgres') {
    const id = await insertDossier(db, d);
    await insertDossierEvent(db, { ...e, dossierId: id });
    return id;
  }
  const params: Record<string, unknown> = { ...d, applicantNameSearch: searchKey(d.applicantName), updatedAt: d.createdAt };
  const event: EventRow = { ...e, dossierId: 0, data: e.data === undefined || e.data === null ? null : JSON.stringify(e.data) };
  for (const c of EVENT_COLUMNS) params[`e_${c}`] = event[c];
  const row = (await insertDossierAndEventRow(db, params as DossierRow & EventParams)).rows[0];
  if (!row) throw new Error('the dossier insert returned no id');
  return Number(row.dossierId);
}

/** An idempotency key row as `saveIdempotencyKey` writes it, with the instant before which a stored record has expired. */
export type IdempotencyKeyWrite = {
  row: { provinceCode: string; userId: number; key: string; requestHash: string; statusCode: number; response: unknown; createdAt: string };
  notBefore: string;
};

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

/**
 * Counting stops here: a list answers "more than 10,000" instead of counting a province's
 * years of dossiers on every page (the count cost grew with the table: 50 ms at 50,000 rows).
 */
export const DOSSIER_COUNT_CAP = 10_000;

/** The dossiers a list filter matches, on the dossiers table alone (no joins: the count needs none). */
function filteredDossiers(db: Db, f: DossierFilter) {
  let q = db.selectFrom('dossiers as d').where('d.provinceCode', '=', f.provinceCode);
  if (f.unitId !== undefined) {
    const unitId = f.unitId;
    q = q.where((eb) => eb.or([eb('d.receivingUnitId', '=', unitId), eb('d.competentUnitId', '=', unitId)]));
  }
  if (f.status !== undefined) q = q.where('d.status', '=', f.status);
  if (f.procedureCode) {
    const code = f.procedureCode;
    q = q.where('d.procedureId', 'in', (eb) => eb.selectFrom('procedures').select('id').where('nationalCode', '=', code));
  }
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
  return q;
}

/**
 * One page of the list, newest first, and how many match, counted up to `countCap`
 * (`capped`: more match than `total`). The page picks its ids on the dossiers table and joins
 * the names for those rows only.
 */
export async function listDossiers(
  db: Db,
  f: DossierFilter,
  countCap = DOSSIER_COUNT_CAP,
): Promise<{ items: DossierRecord[]; total: number; capped: boolean }> {
  const pageIds = filteredDossiers(db, f)
    .select('d.id')
    .orderBy('d.createdAt', 'desc')
    .orderBy('d.id', 'desc')
    .offset(f.offset)
    .limit(f.limit);
  const [rows, count] = await Promise.all([
    dossierQuery(db).where('d.id', 'in', pageIds).orderBy('d.createdAt', 'desc').orderBy('d.id', 'desc').execute(),
    db
      .selectFrom(
        filteredDossiers(db, f)
          .select(sql<number>`1`.as('one'))
          .limit(countCap + 1)
          .as('m'),
      )
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const n = Number(count.n);
  return { items: rows.map(toRecord), total: Math.min(n, countCap), capped: n > countCap };
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
 * A live record of the key already exists (or is being written by a concurrent request):
 * the condition the key's unique constraint guards, reported like a unique violation.
 */
export class IdempotencyKeyTaken extends Error {
  readonly code = 'IDEMPOTENCY_KEY_TAKEN';
  constructor() {
    super('a live record of this idempotency key exists');
  }
}

type KeyRow = {
  provinceCode: string;
  userId: number;
  key: string;
  requestHash: string;
  statusCode: number;
  response: string;
  createdAt: string;
};

/**
 * One statement: insert the key, or take over an expired record of it. When the existing
 * record is live the update's condition fails and nothing is written; on PostgreSQL a
 * concurrent uncommitted insert of the key is waited for first (its unique index entry).
 */
const upsertKey = fixedQuery<KeyRow & { notBefore: string }, { id: number }>((db, p) =>
  db
    .insertInto('idempotencyKeys')
    .values({
      provinceCode: p('provinceCode'),
      userId: p('userId'),
      key: p('key'),
      requestHash: p('requestHash'),
      statusCode: p('statusCode'),
      response: p('response'),
      createdAt: p('createdAt'),
    })
    .onConflict((oc) => replaceExpiredKey(oc, p('notBefore')))
    .returning('id'),
);

/**
 * Stores a key with the response it produced, replacing an expired record of the same key.
 * A live record of the key (a concurrent request with the same key included) throws
 * `IdempotencyKeyTaken`, which rolls back the caller's whole transaction: only one of two
 * racing requests creates anything.
 */
export async function saveIdempotencyKey(
  db: Db,
  row: { provinceCode: string; userId: number; key: string; requestHash: string; statusCode: number; response: unknown; createdAt: string },
  notBefore: string,
): Promise<void> {
  const { rows } = await upsertKey(db, { ...row, response: JSON.stringify(row.response), notBefore });
  if (rows.length !== 1) throw new IdempotencyKeyTaken();
}

/** PostgreSQL reports 23505; better-sqlite3 reports SQLITE_CONSTRAINT_UNIQUE (or _PRIMARYKEY). */
export function isUniqueViolation(e: unknown): boolean {
  if (e instanceof IdempotencyKeyTaken) return true;
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

/** Rows per re-timing statement: three parameters each, far under both drivers' limits. */
export const RETIME_ROWS_PER_STATEMENT = 1_000;

/**
 * Moves the due instants of several dossiers that are still open, each to its own new
 * instant, in one statement (an UPDATE … FROM a VALUES list; at most
 * RETIME_ROWS_PER_STATEMENT moves). Answers the ids it changed, so a dossier closed meanwhile
 * gets no event or audit entry. The version is left alone: re-timing is not an officer's
 * edit, and bumping it would refuse every form open on these dossiers.
 */
export async function setDueAtsOfOpen(
  db: Db,
  moves: readonly { id: number; dueAt: string }[],
  openStatuses: readonly number[],
  now: string,
): Promise<number[]> {
  if (moves.length === 0) return [];
  if (moves.length > RETIME_ROWS_PER_STATEMENT) throw new Error(`at most ${RETIME_ROWS_PER_STATEMENT} moves per statement`);
  const statuses = sql.join(openStatuses.map((s) => sql`${s}`));
  // PostgreSQL types a VALUES list from its first row, so the casts; SQLite has no such types (a cast would mangle the text).
  const moved =
    dialectOf(db) === 'postgres'
      ? sql<{ id: number }>`update dossiers as d set due_at = v.due_at, updated_at = ${now}
          from (values ${sql.join(moves.map((m) => sql`(${m.id}::integer, ${m.dueAt}::timestamptz)`))}) as v(id, due_at)
          where d.id = v.id and d.status in (${statuses}) returning d.id`
      : sql<{ id: number }>`update dossiers set due_at = v.due_at, updated_at = ${now}
          from (select column1 as id, column2 as due_at from (values ${sql.join(moves.map((m) => sql`(${m.id}, ${m.dueAt})`))})) as v
          where dossiers.id = v.id and dossiers.status in (${statuses}) returning dossiers.id`;
  const { rows } = await moved.execute(db);
  return rows.map((r) => Number(r.id));
}

/** Several timeline events, one statement per RETIME_ROWS_PER_STATEMENT of them (nine parameters each). */
export async function insertDossierEvents(db: Db, events: readonly NewDossierEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += RETIME_ROWS_PER_STATEMENT) {
    await db
      .insertInto('dossierEvents')
      .values(
        events
          .slice(i, i + RETIME_ROWS_PER_STATEMENT)
          .map((e) => ({ ...e, data: e.data === undefined || e.data === null ? null : JSON.stringify(e.data) })),
      )
      .execute();
  }
}

// Savepoints of a group commit (use-cases/intake-batch.ts): one name, used by one intake at a time.
const savepointIntake = CompiledQuery.raw('savepoint intake');
const releaseIntake = CompiledQuery.raw('release savepoint intake');
const rollbackToIntake = CompiledQuery.raw('rollback to savepoint intake');

/** Marks where one intake of a batch starts inside the batch's transaction. */
export async function beginIntakeSavepoint(trx: Db): Promise<void> {
  await trx.executeQuery(savepointIntake);
}

/** Keeps what the intake since `beginIntakeSavepoint` wrote (it commits with the batch). */
export async function releaseIntakeSavepoint(trx: Db): Promise<void> {
  await trx.executeQuery(releaseIntake);
}

/** Undoes what the intake since `beginIntakeSavepoint` wrote (its code number included), leaving the rest of the batch. */
export async function undoIntakeSavepoint(trx: Db): Promise<void> {
  await trx.executeQuery(rollbackToIntake);
  await trx.executeQuery(releaseIntake);
}

// Group commit (use-cases/intake-batch.ts): a batch of intakes of one agency and day takes its
// numbers in one statement and, on PostgreSQL, writes its rows in one more.

const bumpCounterBy = fixedQuery<{ provinceCode: string; agencyCode: string; day: string; n: number }, { lastSeq: number }>((db, p) =>
  db
    .insertInto('dossierCodeCounters')
    .values({ provinceCode: p('provinceCode'), agencyCode: p('agencyCode'), day: p('day'), lastSeq: p('n') })
    .onConflict((oc) =>
      oc
        .columns(['agencyCode', 'day'])
        .doUpdateSet((eb) => ({ lastSeq: eb('dossierCodeCounters.lastSeq', '+', eb.ref('excluded.lastSeq')) })),
    )
    .returning('lastSeq'),
);

const bumpCounterByReservingIds = fixedQuery<
  { provinceCode: string; agencyCode: string; day: string; n: number },
  { lastSeq: number; ids: (number | string)[] }
>((db, p) =>
  db
    .insertInto('dossierCodeCounters')
    .values({ provinceCode: p('provinceCode'), agencyCode: p('agencyCode'), day: p('day'), lastSeq: p('n') })
    .onConflict((oc) =>
      oc
        .columns(['agencyCode', 'day'])
        .doUpdateSet((eb) => ({ lastSeq: eb('dossierCodeCounters.lastSeq', '+', eb.ref('excluded.lastSeq')) })),
    )
    .returning([
      'lastSeq',
      sql<
        (number | string)[]
      >`array(select nextval(pg_get_serial_sequence('dossiers', 'id')) from generate_series(1, ${p('n')}::integer))`.as('ids'),
    ]),
);

/**
 * Takes `n` consecutive numbers of the agency's day in one statement (the first is `lastSeq - n + 1`)
 * and, on PostgreSQL, `n` dossier ids from the dossiers' sequence (null on SQLite, where the insert
 * assigns it). Run it in the transaction that writes the `n` dossiers: a rollback gives the numbers back.
 */
export async function takeCodeSequences(
  db: Db,
  c: { provinceCode: string; agencyCode: string; day: string; n: number },
): Promise<{ lastSeq: number; ids: number[] | null }> {
  if (dialectOf(db) !== 'postgres') {
    const row = (await bumpCounterBy(db, c)).rows[0];
    if (!row) throw new Error('the code counter upsert returned no row');
    return { lastSeq: Number(row.lastSeq), ids: null };
  }
  const row = (await bumpCounterByReservingIds(db, c)).rows[0];
  if (!row) throw new Error('the code counter upsert returned no row');
  return { lastSeq: Number(row.lastSeq), ids: row.ids.map(Number) };
}

/** One intake's rows with its id reserved (`takeCodeSequences` on PostgreSQL). */
export type ReservedIntake = {
  id: number;
  dossier: NewDossier;
  event: Omit<NewDossierEvent, 'dossierId'>;
  key: IdempotencyKeyWrite | null;
};

/**
 * PostgreSQL: the dossiers, events and idempotency keys of several intakes with reserved ids in
 * one statement. A live record of any of the keys (or one key twice) writes nothing of the batch:
 * `IdempotencyKeyTaken` (or the database's error) and the caller's transaction rolls back.
 */
export async function insertReservedIntakes(db: Db, intakes: readonly ReservedIntake[]): Promise<void> {
  if (intakes.length === 0) return;
  const dossiers = intakes.map((w) => {
    const row: Record<string, unknown> = {
      id: w.id,
      applicantNameSearch: searchKey(w.dossier.applicantName),
      updatedAt: w.dossier.createdAt,
    };
    for (const c of DOSSIER_COLUMNS)
      if (c !== 'applicantNameSearch' && c !== 'updatedAt') row[c] = (w.dossier as Record<string, unknown>)[c] ?? null;
    return row as DossierRow & { id: number };
  });
  const events = intakes.map((w) => ({
    ...w.event,
    dossierId: w.id,
    data: w.event.data === undefined || w.event.data === null ? null : JSON.stringify(w.event.data),
  }));
  const keys = intakes.flatMap((w) => (w.key ? [{ ...w.key.row, response: JSON.stringify(w.key.row.response) }] : []));
  // One cutoff for the statement: the earliest intake's. A key that expired in the few
  // milliseconds since counts as live here; the caller then writes the intakes one by one.
  const notBefore = intakes.reduce<string | null>(
    (min, w) => (w.key && (min === null || w.key.notBefore < min) ? w.key.notBefore : min),
    null,
  );
  const q = db
    .with('d', (w) => w.insertInto('dossiers').values(dossiers).returning('id'))
    .with('e', (w) => w.insertInto('dossierEvents').values(events).returning('id'));
  if (keys.length === 0 || notBefore === null) {
    const r = await q
      .selectFrom('d')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    if (Number(r?.n ?? 0) !== intakes.length) throw new Error('the dossier insert wrote fewer rows than asked');
    return;
  }
  const written = await q
    .with('k', (w) =>
      w
        .insertInto('idempotencyKeys')
        .values(keys)
        .onConflict((oc) => replaceExpiredKey(oc, notBefore))
        .returning('id'),
    )
    .selectFrom('k')
    .select((eb) => eb.fn.countAll<number>().as('keys'))
    .executeTakeFirst();
  if (Number(written?.keys ?? 0) !== keys.length) throw new IdempotencyKeyTaken();
}

/**
 * An idempotency key's insert that takes over an expired key of the same user and key (a live one
 * updates nothing, so the caller sees no row and knows the key is taken).
 */
function replaceExpiredKey(oc: OnConflictBuilder<Database, 'idempotencyKeys'>, notBefore: string) {
  return oc
    .columns(['userId', 'key'])
    .doUpdateSet((eb) => ({
      provinceCode: eb.ref('excluded.provinceCode'),
      requestHash: eb.ref('excluded.requestHash'),
      statusCode: eb.ref('excluded.statusCode'),
      response: eb.ref('excluded.response'),
      createdAt: eb.ref('excluded.createdAt'),
    }))
    .where('idempotencyKeys.createdAt', '<', notBefore);
}
