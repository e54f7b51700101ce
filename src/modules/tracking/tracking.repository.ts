import type { Db } from '../../platform/db/database.ts';

/** What the public tracking page may read of a dossier: no applicant fields except the phone to compare. */
export type TrackedDossierRecord = {
  id: number;
  provinceCode: string;
  code: string;
  competentUnitId: number;
  receivingUnitId: number;
  competentUnitName: string;
  procedureNameVi: string;
  procedureNameEn: string;
  status: number;
  applicantPhone: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
};

export type StatusEventRecord = { at: string; kind: string; toStatus: number | null };

export type RatingRecord = {
  id: number;
  provinceCode: string;
  dossierId: number;
  channel: 'TRACKING_PAGE' | 'COUNTER_TABLET';
  answers: Record<string, string>;
  comment: string | null;
  createdAt: string;
  createdBy: number | null;
};

export type FeedbackStatus = 'RECEIVED' | 'ANSWERED' | 'REFUSED' | 'INFO_REQUESTED';
export type FeedbackKind = 'FEEDBACK' | 'COMPLAINT' | 'PETITION';

export type FeedbackRecord = {
  id: number;
  provinceCode: string;
  unitId: number;
  unitName: string;
  dossierId: number | null;
  dossierCode: string | null;
  kind: FeedbackKind;
  text: string;
  contact: string | null;
  receivedAt: string;
  dueAt: string;
  refuseDueAt: string | null;
  infoDueAt: string | null;
  status: FeedbackStatus;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: number | null;
  version: number;
};

export type UnitOption = { id: number; name: string };

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));

export async function findDossierByCode(db: Db, code: string): Promise<TrackedDossierRecord | undefined> {
  const r = await db
    .selectFrom('dossiers as d')
    .innerJoin('procedures as p', 'p.id', 'd.procedureId')
    .innerJoin('administrativeUnits as cu', 'cu.id', 'd.competentUnitId')
    .select([
      'd.id',
      'd.provinceCode',
      'd.code',
      'd.competentUnitId',
      'd.receivingUnitId',
      'cu.name as competentUnitName',
      'p.nameVi as procedureNameVi',
      'p.nameEn as procedureNameEn',
      'd.status',
      'd.applicantPhone',
      'd.receivedAt',
      'd.dueAt',
      'd.finishedAt',
      'd.returnedAt',
    ])
    .where('d.code', '=', code)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    ...r,
    status: Number(r.status),
    receivedAt: isoOrNull(r.receivedAt),
    dueAt: isoOrNull(r.dueAt),
    finishedAt: isoOrNull(r.finishedAt),
    returnedAt: isoOrNull(r.returnedAt),
  };
}

export async function findDossierById(db: Db, id: number): Promise<TrackedDossierRecord | undefined> {
  const r = await db.selectFrom('dossiers').select('code').where('id', '=', id).executeTakeFirst();
  return r ? findDossierByCode(db, r.code) : undefined;
}

/** Timeline events without actor or note: the public page shows dates and status changes only. */
export async function listStatusEvents(db: Db, dossierId: number): Promise<StatusEventRecord[]> {
  const rows = await db
    .selectFrom('dossierEvents')
    .select(['at', 'kind', 'toStatus'])
    .where('dossierId', '=', dossierId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ at: iso(r.at), kind: r.kind, toStatus: r.toStatus === null ? null : Number(r.toStatus) }));
}

/** Failed look-ups per key since `since`; keys without failures are absent. */
export async function countAttempts(db: Db, keys: readonly string[], since: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('trackingAttempts')
    .select(['key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('key', 'in', [...keys])
    .where('at', '>', since)
    .groupBy('key')
    .execute();
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

/** Records a failed look-up under each key and drops that key's rows older than the window. */
export async function recordAttempts(db: Db, keys: readonly string[], at: string, olderThan: string): Promise<void> {
  await db
    .insertInto('trackingAttempts')
    .values(keys.map((key) => ({ key, at })))
    .execute();
  await db
    .deleteFrom('trackingAttempts')
    .where('key', 'in', [...keys])
    .where('at', '<=', olderThan)
    .execute();
}

/**
 * The latest apology and new-appointment slip of a dossier (table of dossiers/processing,
 * migration 0008): only the date and the reason, which are written for the citizen.
 */
export async function findLatestApologySlip(
  db: Db,
  dossierId: number,
): Promise<{ newDueAt: string; reason: string; issuedAt: string } | undefined> {
  const r = await db
    .selectFrom('apologySlips')
    .select(['newDueAt', 'reason', 'issuedAt'])
    .where('dossierId', '=', dossierId)
    .orderBy('issuedAt', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return r ? { newDueAt: iso(r.newDueAt), reason: r.reason, issuedAt: iso(r.issuedAt) } : undefined;
}

export async function findRating(db: Db, dossierId: number): Promise<RatingRecord | undefined> {
  const r = await db.selectFrom('dossierRatings').selectAll().where('dossierId', '=', dossierId).executeTakeFirst();
  if (!r) return undefined;
  return { ...r, answers: JSON.parse(r.answers) as Record<string, string>, createdAt: iso(r.createdAt) };
}

export async function insertRating(db: Db, r: Omit<RatingRecord, 'id'>): Promise<number> {
  const { id } = await db
    .insertInto('dossierRatings')
    .values({ ...r, answers: JSON.stringify(r.answers) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function listCurrentUnits(db: Db, provinceCode: string): Promise<UnitOption[]> {
  return db
    .selectFrom('administrativeUnits')
    .select(['id', 'name'])
    .where('provinceCode', '=', provinceCode)
    .where('validTo', 'is', null)
    .where('kind', 'in', ['COMMUNE', 'WARD', 'SPECIAL_ZONE'])
    .orderBy('name')
    .execute();
}

export async function findCurrentUnit(db: Db, id: number): Promise<{ id: number; provinceCode: string } | undefined> {
  return db
    .selectFrom('administrativeUnits')
    .select(['id', 'provinceCode'])
    .where('id', '=', id)
    .where('validTo', 'is', null)
    .where('kind', 'in', ['COMMUNE', 'WARD', 'SPECIAL_ZONE'])
    .executeTakeFirst();
}

export async function findDefaultProvince(db: Db): Promise<string | undefined> {
  const r = await db.selectFrom('provinces').select('code').orderBy('code').executeTakeFirst();
  return r?.code;
}

function feedbackQuery(db: Db) {
  return db
    .selectFrom('feedback as f')
    .innerJoin('administrativeUnits as u', 'u.id', 'f.unitId')
    .select([
      'f.id',
      'f.provinceCode',
      'f.unitId',
      'u.name as unitName',
      'f.dossierId',
      'f.dossierCode',
      'f.kind',
      'f.text',
      'f.contact',
      'f.receivedAt',
      'f.dueAt',
      'f.refuseDueAt',
      'f.infoDueAt',
      'f.status',
      'f.answer',
      'f.answeredAt',
      'f.answeredBy',
      'f.version',
    ]);
}

type RawFeedback = Awaited<ReturnType<ReturnType<typeof feedbackQuery>['executeTakeFirstOrThrow']>>;

function toFeedback(r: RawFeedback): FeedbackRecord {
  return {
    ...r,
    receivedAt: iso(r.receivedAt),
    dueAt: iso(r.dueAt),
    refuseDueAt: isoOrNull(r.refuseDueAt),
    infoDueAt: isoOrNull(r.infoDueAt),
    answeredAt: isoOrNull(r.answeredAt),
    version: Number(r.version),
  };
}

export type NewFeedback = Omit<FeedbackRecord, 'id' | 'unitName' | 'answer' | 'answeredAt' | 'answeredBy' | 'version' | 'status'>;

export async function insertFeedback(db: Db, f: NewFeedback): Promise<number> {
  const { id } = await db
    .insertInto('feedback')
    .values({ ...f, status: 'RECEIVED' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findFeedback(db: Db, id: number): Promise<FeedbackRecord | undefined> {
  const r = await feedbackQuery(db).where('f.id', '=', id).executeTakeFirst();
  return r ? toFeedback(r) : undefined;
}

/**
 * A unit's feedback, open items first by due date (so the overdue ones lead), then the
 * closed ones, latest answer first.
 */
export async function listFeedback(
  db: Db,
  f: { provinceCode: string; unitId?: number | undefined; offset: number; limit: number },
): Promise<{ items: FeedbackRecord[]; total: number }> {
  let q = feedbackQuery(db).where('f.provinceCode', '=', f.provinceCode);
  if (f.unitId !== undefined) q = q.where('f.unitId', '=', f.unitId);
  const [rows, count] = await Promise.all([
    q
      .orderBy((eb) => eb.case().when('f.status', 'in', ['ANSWERED', 'REFUSED']).then(1).else(0).end())
      .orderBy('f.dueAt')
      .orderBy('f.id')
      .offset(f.offset)
      .limit(f.limit)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toFeedback), total: Number(count.n) };
}

/** Closes or advances a feedback item if nobody changed it since it was read. */
export async function updateFeedbackAnswer(
  db: Db,
  id: number,
  expectedVersion: number,
  changes: { status: FeedbackStatus; answer: string; answeredAt: string; answeredBy: number },
): Promise<boolean> {
  const result = await db
    .updateTable('feedback')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
