import type { Db } from '../../../platform/db/database.ts';
import { PAUSE_EVENT_KINDS } from './stored-state.ts';

/** What processing reads of a dossier: the lifecycle columns, routing, and the applicant's contact for notices. */
export type ProcessingRow = {
  id: number;
  provinceCode: string;
  code: string;
  receivingUnitId: number;
  competentUnitId: number;
  procedureId: number;
  status: number;
  stepIndex: number;
  assigneeId: number | null;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  stoppedAt: string | null;
  withdrawnAt: string | null;
  promisedAt: string | null;
  pausedMs: number;
  supplementRequests: number;
  version: number;
  updatedAt: string;
  applicantName: string;
  applicantEmail: string | null;
};

export type LifecycleEventRow = { dossierId: number; kind: string; at: string };

export type SlipRecord = {
  id: number;
  dossierId: number;
  reason: string;
  previousDueAt: string;
  newDueAt: string;
  issuedAt: string;
  issuedBy: number;
  issuedByName: string | null;
  channel: string;
  recipient: string | null;
  deliveredAt: string | null;
  deliveryError: string | null;
};

export type NewSlip = Omit<SlipRecord, 'id' | 'issuedByName' | 'deliveredAt' | 'deliveryError'> & { provinceCode: string };

export type UnitUser = { id: number; provinceCode: string; role: string; unitId: number | null; displayName: string; active: boolean };

/** The columns of a ProcessingRow, for any query over `dossiers as d` (the inbox, the province overview). */
export const PROCESSING_ROW_COLUMNS = [
  'd.id',
  'd.provinceCode',
  'd.code',
  'd.receivingUnitId',
  'd.competentUnitId',
  'd.procedureId',
  'd.status',
  'd.stepIndex',
  'd.assigneeId',
  'd.receivedAt',
  'd.dueAt',
  'd.finishedAt',
  'd.returnedAt',
  'd.stoppedAt',
  'd.withdrawnAt',
  'd.promisedAt',
  'd.pausedMs',
  'd.supplementRequests',
  'd.version',
  'd.updatedAt',
  'd.applicantName',
  'd.applicantEmail',
] as const;

type RawRow = Omit<ProcessingRow, 'pausedMs'> & { pausedMs: string | number };

/**
 * A row selected with PROCESSING_ROW_COLUMNS (plus any extra columns) as numbers where the
 * driver may give text. The driver's fresh row is converted in place: copying it (a spread of
 * two dozen keys) cost seconds on the overview's few hundred thousand open dossiers.
 */
export function toProcessingRow<T extends RawRow>(r: T): T & ProcessingRow {
  const row = r as T & ProcessingRow;
  row.id = Number(r.id);
  row.receivingUnitId = Number(r.receivingUnitId);
  row.competentUnitId = Number(r.competentUnitId);
  row.procedureId = Number(r.procedureId);
  row.assigneeId = r.assigneeId === null ? null : Number(r.assigneeId);
  row.status = Number(r.status);
  row.stepIndex = Number(r.stepIndex);
  row.pausedMs = Number(r.pausedMs);
  row.supplementRequests = Number(r.supplementRequests);
  row.version = Number(r.version);
  return row;
}

export async function findProcessingRow(db: Db, id: number): Promise<ProcessingRow | undefined> {
  const r = await db.selectFrom('dossiers as d').select(PROCESSING_ROW_COLUMNS).where('d.id', '=', id).executeTakeFirst();
  return r ? toProcessingRow(r) : undefined;
}

/** Event kinds and instants of some dossiers, in order: the pauses and the last event come from them. */
export async function listLifecycleEvents(db: Db, dossierIds: readonly number[], kinds?: readonly string[]): Promise<LifecycleEventRow[]> {
  if (dossierIds.length === 0) return [];
  let q = db
    .selectFrom('dossierEvents')
    .select(['dossierId', 'kind', 'at'])
    .where('dossierId', 'in', [...dossierIds]);
  if (kinds) q = q.where('kind', 'in', [...kinds]);
  return q.orderBy('dossierId').orderBy('id').execute();
}

/** Ids per query for the pause facts: under both drivers' parameter limits, few statements for the overview's many dossiers. */
const FACT_CHUNK = 5000;

async function inChunks<T>(ids: readonly number[], load: (part: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += FACT_CHUNK) out.push(...(await load(ids.slice(i, i + FACT_CHUNK))));
  return out;
}

function byDossier<T extends { dossierId: number }>(rows: readonly T[]): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const r of rows) {
    const list = map.get(r.dossierId);
    if (list) list.push(r);
    else map.set(r.dossierId, [r]);
  }
  return map;
}

/**
 * What a dossier's due state needs beyond its row, by dossier: the pause events (no `lastEventAt`
 * from them) and the apology slips. The inbox and the province overview weigh many dossiers at once.
 */
export async function listPauseFacts(
  db: Db,
  ids: readonly number[],
): Promise<{ eventsOf: Map<number, LifecycleEventRow[]>; slipsOf: Map<number, SlipRecord[]> }> {
  const [events, slips] = await Promise.all([
    inChunks(ids, (part) => listLifecycleEvents(db, part, PAUSE_EVENT_KINDS)),
    inChunks(ids, (part) => listSlips(db, part)),
  ]);
  return { eventsOf: byDossier(events), slipsOf: byDossier(slips) };
}

export async function listSlips(db: Db, dossierIds: readonly number[]): Promise<SlipRecord[]> {
  if (dossierIds.length === 0) return [];
  return db
    .selectFrom('apologySlips as s')
    .leftJoin('users as u', 'u.id', 's.issuedBy')
    .select([
      's.id',
      's.dossierId',
      's.reason',
      's.previousDueAt',
      's.newDueAt',
      's.issuedAt',
      's.issuedBy',
      'u.displayName as issuedByName',
      's.channel',
      's.recipient',
      's.deliveredAt',
      's.deliveryError',
    ])
    .where('s.dossierId', 'in', [...dossierIds])
    .orderBy('s.dossierId')
    .orderBy('s.id')
    .execute();
}

export type LifecycleChanges = Partial<
  Pick<
    ProcessingRow,
    | 'status'
    | 'stepIndex'
    | 'assigneeId'
    | 'receivedAt'
    | 'dueAt'
    | 'finishedAt'
    | 'returnedAt'
    | 'stoppedAt'
    | 'withdrawnAt'
    | 'pausedMs'
    | 'supplementRequests'
  >
> & { validAt?: string };

/** Applies a decided change if nobody changed the dossier since `version` was read; answers whether it did. */
export async function updateLifecycle(db: Db, id: number, version: number, changes: LifecycleChanges, now: string): Promise<boolean> {
  const result = await db
    .updateTable('dossiers')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updatedAt: now }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The appointment shown to the citizen moves with a slip; the status does not, so the version stays. */
export async function setPromisedAt(db: Db, id: number, promisedAt: string, now: string): Promise<void> {
  await db.updateTable('dossiers').set({ promisedAt, updatedAt: now }).where('id', '=', id).execute();
}

export async function insertSlip(db: Db, s: NewSlip): Promise<number> {
  const { id } = await db.insertInto('apologySlips').values(s).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function recordSlipDelivery(db: Db, id: number, outcome: { deliveredAt: string } | { deliveryError: string }): Promise<void> {
  await db.updateTable('apologySlips').set(outcome).where('id', '=', id).execute();
}

export async function findUnitUser(db: Db, id: number): Promise<UnitUser | undefined> {
  const r = await db
    .selectFrom('users')
    .select(['id', 'provinceCode', 'role', 'unitId', 'displayName', 'disabledAt'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r
    ? { id: r.id, provinceCode: r.provinceCode, role: r.role, unitId: r.unitId, displayName: r.displayName, active: r.disabledAt === null }
    : undefined;
}

/** Active users of a unit with a role, by name: the assignment picker. */
export async function listUnitUsers(db: Db, unitId: number, role: string): Promise<{ id: number; displayName: string }[]> {
  return db
    .selectFrom('users')
    .select(['id', 'displayName'])
    .where('unitId', '=', unitId)
    .where('role', '=', role)
    .where('disabledAt', 'is', null)
    .orderBy('displayName')
    .execute();
}

/** Display names of some users (the assignees on an inbox page). */
export async function listUserNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'displayName'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [Number(r.id), r.displayName]));
}
