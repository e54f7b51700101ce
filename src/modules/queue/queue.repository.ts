import type { Db } from '../../platform/db/database.ts';
import { dialectOf } from '../../platform/db/dialect.ts';
import type { TicketStatus } from './queue-ticket.ts';

export type TicketRecord = {
  id: number;
  provinceCode: string;
  unitId: number;
  field: string;
  day: string;
  number: number;
  status: TicketStatus;
  issuedAt: string;
  calledAt: string | null;
  lastCalledAt: string | null;
  callCount: number;
  calledBy: number | null;
  counterLabel: string | null;
  servedAt: string | null;
  finishedAt: string | null;
  dossierId: number | null;
  dossierCode: string | null;
};

export type QueueUnit = { id: number; provinceCode: string; code: string; name: string };
export type NewTicket = { provinceCode: string; unitId: number; field: string; day: string; number: number; issuedAt: string };
export type TicketChanges = {
  status?: TicketStatus;
  calledAt?: string;
  lastCalledAt?: string;
  calledBy?: number;
  counterLabel?: string;
  servedAt?: string;
  finishedAt?: string;
  /** Adds one to the call count (call and recall). */
  addCall?: boolean;
};

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
// Guards against a driver that hands dates back as Date objects.
const dateText = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);

const COMMUNE_KINDS = ['COMMUNE', 'WARD', 'SPECIAL_ZONE'];

/** A current commune or ward by its code: the kiosk and display pages name their unit in the URL. */
export async function findCurrentUnitByCode(db: Db, code: string): Promise<QueueUnit | undefined> {
  return db
    .selectFrom('administrativeUnits')
    .select(['id', 'provinceCode', 'code', 'name'])
    .where('code', '=', code)
    .where('kind', 'in', COMMUNE_KINDS)
    .where('validTo', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
}

export async function findUnit(db: Db, id: number): Promise<QueueUnit | undefined> {
  return db.selectFrom('administrativeUnits').select(['id', 'provinceCode', 'code', 'name']).where('id', '=', id).executeTakeFirst();
}

/**
 * Bumps and returns the day's number for a unit and field. Run it in the issuing transaction:
 * the upsert's row lock (PostgreSQL) or the write transaction (SQLite) makes concurrent kiosks
 * take turns, and a rolled-back issue gives its number back, so there are no gaps.
 */
export async function nextTicketNumber(db: Db, provinceCode: string, unitId: number, field: string, day: string): Promise<number> {
  const row = await db
    .insertInto('queueTicketCounters')
    .values({ provinceCode, unitId, field, day, lastNumber: 1 })
    .onConflict((oc) =>
      oc.columns(['unitId', 'field', 'day']).doUpdateSet((eb) => ({ lastNumber: eb('queueTicketCounters.lastNumber', '+', 1) })),
    )
    .returning('lastNumber')
    .executeTakeFirstOrThrow();
  return Number(row.lastNumber);
}

export async function insertTicket(db: Db, t: NewTicket): Promise<number> {
  const { id } = await db
    .insertInto('queueTickets')
    .values({ ...t, status: 'WAITING' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Tickets of the same unit, field and day still waiting with a lower number. */
export async function countWaitingBefore(db: Db, t: Pick<NewTicket, 'unitId' | 'field' | 'day' | 'number'>): Promise<number> {
  const row = await db
    .selectFrom('queueTickets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('unitId', '=', t.unitId)
    .where('field', '=', t.field)
    .where('day', '=', t.day)
    .where('status', '=', 'WAITING')
    .where('number', '<', t.number)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function ticketQuery(db: Db) {
  return db
    .selectFrom('queueTickets as t')
    .leftJoin('dossiers as d', 'd.id', 't.dossierId')
    .select([
      't.id',
      't.provinceCode',
      't.unitId',
      't.field',
      't.day',
      't.number',
      't.status',
      't.issuedAt',
      't.calledAt',
      't.lastCalledAt',
      't.callCount',
      't.calledBy',
      't.counterLabel',
      't.servedAt',
      't.finishedAt',
      't.dossierId',
      'd.code as dossierCode',
    ]);
}

type RawTicket = Awaited<ReturnType<ReturnType<typeof ticketQuery>['executeTakeFirstOrThrow']>>;

function toRecord(r: RawTicket): TicketRecord {
  return {
    ...r,
    day: dateText(r.day),
    number: Number(r.number),
    callCount: Number(r.callCount),
    issuedAt: iso(r.issuedAt),
    calledAt: isoOrNull(r.calledAt),
    lastCalledAt: isoOrNull(r.lastCalledAt),
    servedAt: isoOrNull(r.servedAt),
    finishedAt: isoOrNull(r.finishedAt),
    dossierCode: r.dossierCode ?? null,
  };
}

export async function findTicket(db: Db, id: number): Promise<TicketRecord | undefined> {
  const r = await ticketQuery(db).where('t.id', '=', id).executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

/** A unit's tickets of one day in issue order. */
export async function listTickets(db: Db, unitId: number, day: string, status?: TicketStatus): Promise<TicketRecord[]> {
  let q = ticketQuery(db).where('t.unitId', '=', unitId).where('t.day', '=', day);
  if (status) q = q.where('t.status', '=', status);
  const rows = await q.orderBy('t.issuedAt').orderBy('t.id').execute();
  return rows.map(toRecord);
}

/** The longest-waiting ticket of the day among `fields` (every field when empty). */
export async function findOldestWaiting(db: Db, unitId: number, day: string, fields: readonly string[]): Promise<number | undefined> {
  let q = db.selectFrom('queueTickets').select('id').where('unitId', '=', unitId).where('day', '=', day).where('status', '=', 'WAITING');
  if (fields.length > 0) q = q.where('field', 'in', [...fields]);
  q = q.orderBy('issuedAt').orderBy('id').limit(1);
  // On PostgreSQL a ticket another counter has claimed but not yet committed is skipped rather
  // than waited on: with ten counters at once the loser would otherwise lose up to nine races in a
  // row. SQLite serialises writers, so the plain read is already exact there.
  if (dialectOf(db) === 'postgres') q = q.forUpdate().skipLocked();
  const row = await q.executeTakeFirst();
  return row?.id;
}

/**
 * Applies changes only while the ticket is still in `from`: two counters pressing "call next"
 * at once, or a double-clicked action, find the row already moved and get false.
 */
export async function updateTicketFrom(db: Db, id: number, from: TicketStatus, changes: TicketChanges): Promise<boolean> {
  const { addCall, ...set } = changes;
  const result = await db
    .updateTable('queueTickets')
    .set((eb) => (addCall ? { ...set, callCount: eb('callCount', '+', 1) } : set))
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type LinkableDossier = { id: number; provinceCode: string; receivingUnitId: number };

export async function findDossierByCode(db: Db, code: string): Promise<LinkableDossier | undefined> {
  return db.selectFrom('dossiers').select(['id', 'provinceCode', 'receivingUnitId']).where('code', '=', code).executeTakeFirst();
}

export async function isDossierLinked(db: Db, dossierId: number): Promise<boolean> {
  const row = await db.selectFrom('queueTickets').select('id').where('dossierId', '=', dossierId).executeTakeFirst();
  return row !== undefined;
}

/** Sets the dossier once: a ticket already linked keeps its first dossier. */
export async function setTicketDossier(db: Db, id: number, dossierId: number): Promise<boolean> {
  const result = await db
    .updateTable('queueTickets')
    .set({ dossierId })
    .where('id', '=', id)
    .where('dossierId', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type TicketTimesRecord = {
  field: string;
  status: string;
  issuedAt: string;
  calledAt: string | null;
  servedAt: string | null;
  finishedAt: string | null;
};

/** The instants of a unit's tickets issued between two days, both included. */
export async function listTicketTimes(db: Db, unitId: number, from: string, to: string): Promise<TicketTimesRecord[]> {
  const rows = await db
    .selectFrom('queueTickets')
    .select(['field', 'status', 'issuedAt', 'calledAt', 'servedAt', 'finishedAt'])
    .where('unitId', '=', unitId)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .execute();
  return rows.map((r) => ({
    field: r.field,
    status: r.status,
    issuedAt: iso(r.issuedAt),
    calledAt: isoOrNull(r.calledAt),
    servedAt: isoOrNull(r.servedAt),
    finishedAt: isoOrNull(r.finishedAt),
  }));
}

export type CalledRecord = { field: string; number: number; counterLabel: string | null; lastCalledAt: string };

/** The day's tickets now called or being served, the latest call first. */
export async function listLatestCalled(db: Db, unitId: number, day: string, limit: number): Promise<CalledRecord[]> {
  const rows = await db
    .selectFrom('queueTickets')
    .select(['field', 'number', 'counterLabel', 'lastCalledAt'])
    .where('unitId', '=', unitId)
    .where('day', '=', day)
    .where('status', 'in', ['CALLED', 'SERVING'])
    .orderBy('lastCalledAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ field: r.field, number: Number(r.number), counterLabel: r.counterLabel, lastCalledAt: iso(r.lastCalledAt) }));
}

export async function countWaitingByField(db: Db, unitId: number, day: string): Promise<{ field: string; count: number }[]> {
  const rows = await db
    .selectFrom('queueTickets')
    .select(['field', (eb) => eb.fn.countAll<number>().as('n')])
    .where('unitId', '=', unitId)
    .where('day', '=', day)
    .where('status', '=', 'WAITING')
    .groupBy('field')
    .execute();
  return rows.map((r) => ({ field: r.field, count: Number(r.n) }));
}
