import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
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

/**
 * `nextCodeSequence` for a counter intake, which also needs its dossier's id before writing
 * (its idempotency key stores the response): on PostgreSQL the id is drawn from the
 * dossiers' sequence in the same statement, so the dossier, its event and the key can go in
 * one more statement while the counter row is locked; SQLite answers null (the insert assigns it).
 */
export async function nextCodeSequenceAndDossierId(
  db: Db,
  provinceCode: string,
  agencyCode: string,
  day: string,
): Promise<{ seq: number; dossierId: number | null }> {
  if (dialectOf(db) !== 'postgres') return { seq: await nextCodeSequence(db, provinceCode, agencyCode, day), dossierId: null };
  const row = (await bumpCounterReservingId(db, { provinceCode, agencyCode, day })).rows[0];
  if (!row) throw new Error('the code counter upsert returned no row');
  return { seq: Number(row.lastSeq), dossierId: Number(row.dossierId) };
}

// The intake's statements have a fixed shape: built once per dialect (platform/db/fixed-query.ts).
const bumpCounter = fixedQuery<{ provinceCode: string; agencyCode: string; day: string }, { lastSeq: number }>((db, p) =>
  db
    .insertInto('dossierCodeCounters')
    .values({ provinceCode: p('provinceCode'), agencyCode: p('agencyCode'), day: p('day'), lastSeq: 1 })
    .onConflict((oc) => oc.columns(['agencyCode', 'day']).doUpdateSet((eb) => ({ lastSeq: eb('dossierCodeCounters.lastSeq', '+', 1) })))
    .returning('lastSeq'),
);

const bumpCounterReservingId = fixedQuery<
  { provinceCode: string; agencyCode: string; day: string },
  { lastSeq: number; dossierId: number | string }
>((db, p) =>
  db
    .insertInto('dossierCodeCounters')
    .values({ provinceCode: p('provinceCode'), agencyCode: p('agencyCode'), day: p('day'), lastSeq: 1 })
    .onConflict((oc) => oc.columns(['agencyCode', 'day']).doUpdateSet((eb) => ({ lastSeq: eb('dossierCodeCounters.lastSeq', '+', 1) })))
    .returning(['lastSeq', sql<number>`nextval(pg_get_serial_sequence('dossiers', 'id'))`.as('dossierId')]),
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

type IntakeParams = DossierRow & EventParams & { [K in keyof KeyRow as `k_${K}`]: KeyRow[K] } & { id: number; notBefore: string };

/**
 * PostgreSQL: the dossier (with its reserved id), its first event and its idempotency key in
 * one statement; `keys` is 0 when a live record of the key exists (then nothing may commit).
 */
const insertIntakeRows = fixedQuery<IntakeParams, { keys: number | string }>((db, p) =>
  db
    .with('d', (w) =>
      w
        .insertInto('dossiers')
        .values({ id: p('id'), ...(Object.fromEntries(DOSSIER_COLUMNS.map((c) => [c, p(c)])) as DossierRow) })
        .returning('id'),
    )
    .with('e', (w) =>
      w
        .insertInto('dossierEvents')
        .columns([...EVENT_COLUMNS, 'dossierId'])
        .expression((eb) => eb.selectFrom('d').select([...EVENT_COLUMNS.map((c) => eb.val(p(`e_${c}`)).as(c)), 'd.id as dossierId']))
        .returning('id'),
    )
    .with('k', (w) =>
      w
        .insertInto('idempotencyKeys')
        .values({
          provinceCode: p('k_provinceCode'),
          userId: p('k_userId'),
          key: p('k_key'),
          requestHash: p('k_requestHash'),
          statusCode: p('k_statusCode'),
          response: p('k_response'),
          createdAt: p('k_createdAt'),
        })
        .onConflict((oc) =>
          oc
            .columns(['userId', 'key'])
            .doUpdateSet((eb) => ({
              provinceCode: eb.ref('excluded.provinceCode'),
              requestHash: eb.ref('excluded.requestHash'),
              statusCode: eb.ref('excluded.statusCode'),
              response: eb.ref('excluded.response'),
              createdAt: eb.ref('excluded.createdAt'),
            }))
            .where('idempotencyKeys.createdAt', '<', p('notBefore')),
        )
        .returning('id'),
    )
    .selectFrom('k')
    .select((eb) => eb.fn.countAll<number>().as('keys')),
);

/**
 * Writes a counter intake: the dossier, its first event and, with `key`, the idempotency key
 * holding the response (built from the id by `key`). With an id reserved on PostgreSQL
 * (`nextCodeSequenceAndDossierId`) all three are one statement; otherwise one each. A live
 * record of the key throws `IdempotencyKeyTaken`, like `saveIdempotencyKey`.
 */
export async function insertIntake(
  db: Db,
  w: {
    reservedId: number | null;
    dossier: NewDossier;
    event: Omit<NewDossierEvent, 'dossierId'>;
    key: ((id: number) => IdempotencyKeyWrite) | null;
  },
): Promise<number> {
  if (w.reservedId === null || w.key === null || dialectOf(db) !== 'postgres') {
    const id = await insertDossierWithEvent(db, w.dossier, w.event);
    if (w.key) {
      const { row, notBefore } = w.key(id);
      await saveIdempotencyKey(db, row, notBefore);
    }
    return id;
  }
  const id = w.reservedId;
  const { row, notBefore } = w.key(id);
  const params: Record<string, unknown> = {
    ...w.dossier,
    id,
    applicantNameSearch: searchKey(w.dossier.applicantName),
    updatedAt: w.dossier.createdAt,
    notBefore,
  };
  const event: EventRow = {
    ...w.event,
    dossierId: id,
    data: w.event.data === undefined || w.event.data === null ? null : JSON.stringify(w.event.data),
  };
  for (const c of EVENT_COLUMNS) params[`e_${c}`] = event[c];
  const keyRow: KeyRow = { ...row, response: JSON.stringify(row.response) };
  for (const [k, v] of Object.entries(keyRow)) params[`k_${k}`] = v;
  const written = (await insertIntakeRows(db, params as IntakeParams)).rows[0];
  if (Number(written?.keys ?? 0) !== 1) throw new IdempotencyKeyTaken();
  return id;
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
    .onConflict((oc) =>
      oc
        .columns(['userId', 'key'])
        .doUpdateSet((eb) => ({
          provinceCode: eb.ref('excluded.provinceCode'),
          requestHash: eb.ref('excluded.requestHash'),
          statusCode: eb.ref('excluded.statusCode'),
          response: eb.ref('excluded.response'),
          createdAt: eb.ref('excluded.createdAt'),
        }))
        .where('idempotencyKeys.createdAt', '<', p('notBefore')),
    )
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
