import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { fromDbBool, toDbBool } from '../../platform/db/database.ts';
import { selectInChunks } from '../../platform/db/in-chunks.ts';
import { escapeLike } from '../../platform/text/search-key.ts';
import type { Requirement } from '../competencies/framework.ts';
import type { PausedDossier } from './service-evidence.ts';

/**
 * SQL of fit to position and service evidence. Reads staff, positions, staff_positions,
 * review campaigns (LOCKED only), dossiers and ratings; writes competency_test_results.
 * Instants are compared in SQL as the scorecard does: ISO-8601 text on SQLite, timestamptz on PostgreSQL.
 */

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
const dateText = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

export type StaffFacts = {
  id: number;
  provinceCode: string;
  unitId: number;
  unitName: string;
  fullName: string;
  rank: string;
  education: string | null;
  qualification: string | null;
  qualificationField: string | null;
};

export async function findStaffFacts(db: Db, staffId: number): Promise<StaffFacts | undefined> {
  const r = await db
    .selectFrom('staff as s')
    .innerJoin('administrativeUnits as u', 'u.id', 's.unitId')
    .select([
      's.id',
      's.provinceCode',
      's.unitId',
      'u.name as unitName',
      's.fullName',
      's.rank',
      's.education',
      's.qualification',
      's.qualificationField',
    ])
    .where('s.id', '=', staffId)
    .executeTakeFirst();
  return r && { ...r, id: Number(r.id), unitId: Number(r.unitId) };
}

export type Placement = {
  staffId: number;
  fullName: string;
  rank: string;
  education: string | null;
  qualification: string | null;
  qualificationField: string | null;
  unitId: number;
  unitName: string;
  positionId: number;
  versionId: number;
  positionCode: string;
  positionNameVi: string;
  positionNameEn: string;
  field: string | null;
  requiredRank: string;
  educationLevel: string;
  qualificationFields: string[];
  startDate: string;
};

function placementQuery(db: Db, provinceCode: string, date: string) {
  return db
    .selectFrom('staffPositions as sp')
    .innerJoin('positions as p', 'p.id', 'sp.positionId')
    .innerJoin('staff as s', 's.id', 'sp.staffId')
    .innerJoin('administrativeUnits as u', 'u.id', 'sp.unitId')
    .where('sp.provinceCode', '=', provinceCode)
    .where('sp.startDate', '<=', date)
    .where((eb) => eb.or([eb('sp.endDate', 'is', null), eb('sp.endDate', '>=', date)]));
}

const PLACEMENT_COLUMNS = [
  'sp.staffId',
  's.fullName',
  's.rank',
  's.education',
  's.qualification',
  's.qualificationField',
  'sp.unitId',
  'u.name as unitName',
  'p.id as positionId',
  'p.versionId',
  'p.code as positionCode',
  'p.nameVi as positionNameVi',
  'p.nameEn as positionNameEn',
  'p.field',
  'p.requiredRank',
  'p.educationLevel',
  'p.qualificationFields',
  'sp.startDate',
] as const;

type PlacementRaw = Omit<Placement, 'qualificationFields' | 'startDate'> & { qualificationFields: string; startDate: unknown };
const toPlacement = (r: PlacementRaw): Placement => ({
  ...r,
  staffId: Number(r.staffId),
  unitId: Number(r.unitId),
  positionId: Number(r.positionId),
  versionId: Number(r.versionId),
  qualificationFields: JSON.parse(r.qualificationFields) as string[],
  startDate: dateText(r.startDate),
});

/** The person's position on `date` (the latest started when several overlap), or undefined. */
export async function currentPlacement(db: Db, provinceCode: string, staffId: number, date: string): Promise<Placement | undefined> {
  const r = await placementQuery(db, provinceCode, date)
    .select(PLACEMENT_COLUMNS)
    .where('sp.staffId', '=', staffId)
    .orderBy('sp.startDate', 'desc')
    .orderBy('sp.id', 'desc')
    .executeTakeFirst();
  return r && toPlacement(r as PlacementRaw);
}

export type PlacementFilter = { unitId: number | null; field?: string | undefined };

/** Placements on `date` of a unit (or the province), optionally of one position field: a page, by name. */
export async function listPlacements(
  db: Db,
  provinceCode: string,
  date: string,
  filter: PlacementFilter,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: Placement[] }> {
  let q = placementQuery(db, provinceCode, date);
  if (filter.unitId !== null) q = q.where('sp.unitId', '=', filter.unitId);
  if (filter.field) q = q.where('p.field', '=', filter.field);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q
      .select(PLACEMENT_COLUMNS)
      .orderBy('s.nameSearch')
      .orderBy('sp.staffId')
      .orderBy('sp.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
  ]);
  return { total: Number(count.n), items: rows.map((r) => toPlacement(r as PlacementRaw)) };
}

export async function requirementsOf(db: Db, positionIds: readonly number[]): Promise<Map<number, Requirement[]>> {
  const out = new Map<number, Requirement[]>();
  if (positionIds.length === 0) return out;
  const rows = await db
    .selectFrom('positionCompetencies')
    .select(['positionId', 'competencyCode', 'requiredLevel'])
    .where('positionId', 'in', [...new Set(positionIds)])
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const list = out.get(Number(r.positionId)) ?? [];
    list.push({ competencyCode: r.competencyCode, level: r.requiredLevel });
    out.set(Number(r.positionId), list);
  }
  return out;
}

export type LockedLevelRow = {
  staffId: number;
  competencyCode: string;
  campaignId: number;
  campaignName: string;
  lockedAt: string;
  selfLevel: number | null;
  supervisorLevel: number | null;
  councilLevel: number | null;
};

/** Competency levels of LOCKED campaigns for these people (rows with at least one level). */
export async function lockedCampaignLevels(db: Db, provinceCode: string, staffIds: readonly number[]): Promise<LockedLevelRow[]> {
  const rows = await selectInChunks(staffIds, (part) =>
    db
      .selectFrom('reviewCompetencyLevels as l')
      .innerJoin('reviewParticipants as rp', 'rp.id', 'l.participantId')
      .innerJoin('reviewCampaigns as c', 'c.id', 'rp.campaignId')
      .select([
        'rp.staffId',
        'l.competencyCode',
        'c.id as campaignId',
        'c.name as campaignName',
        'c.lockedAt',
        'l.selfLevel',
        'l.supervisorLevel',
        'l.councilLevel',
      ])
      .where('c.provinceCode', '=', provinceCode)
      .where('c.status', '=', 'LOCKED')
      .where('c.lockedAt', 'is not', null)
      .where('rp.staffId', 'in', part)
      .where((eb) =>
        eb.or([eb('l.selfLevel', 'is not', null), eb('l.supervisorLevel', 'is not', null), eb('l.councilLevel', 'is not', null)]),
      )
      .execute(),
  );
  return rows.map((r) => ({
    ...r,
    staffId: Number(r.staffId),
    campaignId: Number(r.campaignId),
    lockedAt: iso(r.lockedAt),
  }));
}

export type TestRow = {
  id: number;
  staffId: number;
  competencyCode: string;
  testName: string;
  takenOn: string;
  score: number;
  maxScore: number;
  levelAchieved: number;
  passed: boolean;
  recordedAt: string;
  recordedBy: number | null;
};

const TEST_COLUMNS = [
  'id',
  'staffId',
  'competencyCode',
  'testName',
  'takenOn',
  'score',
  'maxScore',
  'levelAchieved',
  'passed',
  'recordedAt',
  'recordedBy',
] as const;

type TestRaw = Omit<TestRow, 'passed' | 'takenOn' | 'recordedAt'> & { passed: boolean | number; takenOn: unknown; recordedAt: unknown };
const toTest = (r: TestRaw): TestRow => ({
  ...r,
  id: Number(r.id),
  staffId: Number(r.staffId),
  score: Number(r.score),
  maxScore: Number(r.maxScore),
  takenOn: dateText(r.takenOn),
  passed: fromDbBool(r.passed),
  recordedAt: iso(r.recordedAt),
  recordedBy: r.recordedBy === null ? null : Number(r.recordedBy),
});

/** Test results of these people, newest sitting first. */
export async function listTests(db: Db, provinceCode: string, staffIds: readonly number[]): Promise<TestRow[]> {
  const rows = await selectInChunks(staffIds, (part) =>
    db
      .selectFrom('competencyTestResults')
      .select(TEST_COLUMNS)
      .where('provinceCode', '=', provinceCode)
      .where('staffId', 'in', part)
      .orderBy('takenOn', 'desc')
      .orderBy('id', 'desc')
      .execute(),
  );
  return rows.map((r) => toTest(r as TestRaw));
}

export type NewTest = Omit<TestRow, 'id' | 'recordedAt' | 'recordedBy'>;

export async function insertTest(db: Db, provinceCode: string, t: NewTest, at: string, by: number | null): Promise<TestRow> {
  const r = await db
    .insertInto('competencyTestResults')
    .values({ provinceCode, ...t, passed: toDbBool(t.passed), recordedAt: at, recordedBy: by })
    .returning(TEST_COLUMNS)
    .executeTakeFirstOrThrow();
  return toTest(r as TestRaw);
}

export type UnitRef = { id: number; provinceCode: string; name: string };

export async function findUnit(db: Db, id: number): Promise<UnitRef | undefined> {
  const r = await db.selectFrom('administrativeUnits').select(['id', 'provinceCode', 'name']).where('id', '=', id).executeTakeFirst();
  return r && { ...r, id: Number(r.id) };
}

/* ---------- service evidence ---------- */

/** A period as ISO instants [from, to) and the instant open dossiers are measured at (≤ to). */
export type EvidencePeriod = { from: string; to: string; measuredAt: string };

const finishExpr = sql`coalesce(d.finished_at, d.returned_at)`;
const STOPPED = sql`(5, 6)`;

/** The staff record's accounts (users.staff_id), in the same province. */
function accountsOf(db: Db, provinceCode: string, staffId: number) {
  return db.selectFrom('users').select('users.id').where('users.staffId', '=', staffId).where('users.provinceCode', '=', provinceCode);
}

export async function countLinkedAccounts(db: Db, provinceCode: string, staffId: number): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('staffId', '=', staffId)
    .where('provinceCode', '=', provinceCode)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Dossiers received by the person's accounts in the period: one count. */
export async function countReceived(db: Db, provinceCode: string, staffId: number, p: EvidencePeriod): Promise<number> {
  const r = await db
    .selectFrom('dossiers as d')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('d.provinceCode', '=', provinceCode)
    .where('d.createdBy', 'in', accountsOf(db, provinceCode, staffId))
    .where('d.receivedAt', '>=', p.from)
    .where('d.receivedAt', '<', p.to)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Dossiers assigned to the person's accounts and in process in the period (not withdrawn before its end). */
function handledScope(db: Db, provinceCode: string, staffId: number, p: EvidencePeriod) {
  return db
    .selectFrom('dossiers as d')
    .where('d.provinceCode', '=', provinceCode)
    .where('d.assigneeId', 'in', accountsOf(db, provinceCode, staffId))
    .where('d.receivedAt', 'is not', null)
    .where('d.receivedAt', '<', p.to)
    .where(sql<boolean>`(${finishExpr} is null or ${finishExpr} >= ${p.from})`)
    .where(sql<boolean>`not (d.status = 7 and d.updated_at < ${p.to})`);
}

export type HandledCounts = { handled: number; finished: number; finishedOnTime: number; overdueOpen: number };

/**
 * One grouped scan of the handled dossiers whose clock never stopped: on time and overdue are
 * decided in SQL against the stored due date. Paused ones are left to `pausedHandled`.
 */
export async function handledCounts(
  db: Db,
  provinceCode: string,
  staffId: number,
  p: EvidencePeriod,
  overdueFromSupplementRequests: number,
): Promise<HandledCounts> {
  const finishedIn = sql`${finishExpr} < ${p.to}`;
  const r = await handledScope(db, provinceCode, staffId, p)
    .where(sql<boolean>`d.paused_ms = 0`)
    .where(sql<boolean>`d.status not in ${STOPPED}`)
    .select([
      sql<number>`count(*)`.as('handled'),
      sql<number>`coalesce(sum(case when ${finishedIn} then 1 else 0 end), 0)`.as('finished'),
      sql<number>`coalesce(sum(case when ${finishedIn} and (d.due_at is null or ${finishExpr} <= d.due_at) and d.supplement_requests < ${overdueFromSupplementRequests} then 1 else 0 end), 0)`.as(
        'finishedOnTime',
      ),
      sql<number>`coalesce(sum(case when (${finishExpr} is null or ${finishExpr} >= ${p.measuredAt}) and d.due_at is not null and d.due_at < ${p.measuredAt} then 1 else 0 end), 0)`.as(
        'overdueOpen',
      ),
    ])
    .executeTakeFirstOrThrow();
  return {
    handled: Number(r.handled),
    finished: Number(r.finished),
    finishedOnTime: Number(r.finishedOnTime),
    overdueOpen: Number(r.overdueOpen),
  };
}

/** The handled dossiers whose clock stopped at some point (paused time, or paused now): few rows, decided with the calendar. */
export async function pausedHandled(db: Db, provinceCode: string, staffId: number, p: EvidencePeriod): Promise<PausedDossier[]> {
  const rows = await handledScope(db, provinceCode, staffId, p)
    .where(sql<boolean>`(d.paused_ms > 0 or d.status in ${STOPPED})`)
    .select(['d.status', 'd.dueAt', 'd.pausedMs', sql<string | null>`${finishExpr}`.as('finishedAt'), 'd.supplementRequests'])
    .execute();
  return rows.map((r) => ({
    status: Number(r.status),
    dueAt: isoOrNull(r.dueAt),
    pausedMs: Number(r.pausedMs),
    finishedAt: isoOrNull(r.finishedAt),
    supplementRequests: Number(r.supplementRequests),
  }));
}

/**
 * Ratings given in the period on dossiers assigned to the person's accounts, counted per
 * overall level in one scan. Answers are JSON.stringify text of a flat {criterion: level}
 * object (tracking.repository.ts), so the overall answer reads as an exact substring.
 */
export async function ratingCounts(
  db: Db,
  provinceCode: string,
  staffId: number,
  p: EvidencePeriod,
  overallCriterion: string,
  levelCodes: readonly string[],
): Promise<Record<string, number>> {
  if (levelCodes.length === 0) return {};
  const columns = levelCodes.map((code, i) => {
    const pattern = `%${escapeLike(`"${overallCriterion}":"${code}"`)}%`;
    return sql<number>`coalesce(sum(case when r.answers like ${pattern} escape '\\' then 1 else 0 end), 0)`.as(`l${i}`);
  });
  const r = (await db
    .selectFrom('dossierRatings as r')
    .innerJoin('dossiers as d', 'd.id', 'r.dossierId')
    .select(columns)
    .where('r.provinceCode', '=', provinceCode)
    .where('d.assigneeId', 'in', accountsOf(db, provinceCode, staffId))
    .where('r.createdAt', '>=', p.from)
    .where('r.createdAt', '<', p.to)
    .executeTakeFirstOrThrow()) as Record<string, unknown>;
  return Object.fromEntries(levelCodes.map((code, i) => [code, Number(r[`l${i}`] ?? 0)]));
}

/** Current communes and wards of a province, for the unit picker. */
export async function listCurrentUnits(db: Db, provinceCode: string): Promise<{ id: number; name: string }[]> {
  const rows = await db
    .selectFrom('administrativeUnits')
    .select(['id', 'name'])
    .where('provinceCode', '=', provinceCode)
    .where('kind', 'in', ['COMMUNE', 'WARD', 'SPECIAL_ZONE'])
    .where('validTo', 'is', null)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/* ---------- training evidence (issue 6 §5) ---------- */

export type TrainingEvidenceRow = {
  id: number;
  staffId: number;
  competencyCode: string;
  level: number;
  achievedOn: string;
  enrolmentId: number;
  classId: number;
  classCode: string;
  courseCode: string;
  courseName: string;
  recordedAt: string;
  recordedBy: number | null;
};

const EVIDENCE_COLUMNS = [
  'id',
  'staffId',
  'competencyCode',
  'level',
  'achievedOn',
  'enrolmentId',
  'classId',
  'classCode',
  'courseCode',
  'courseName',
  'recordedAt',
  'recordedBy',
] as const;

type EvidenceRaw = Omit<TrainingEvidenceRow, 'achievedOn' | 'recordedAt'> & { achievedOn: unknown; recordedAt: unknown };
const toEvidence = (r: EvidenceRaw): TrainingEvidenceRow => ({
  ...r,
  id: Number(r.id),
  staffId: Number(r.staffId),
  level: Number(r.level),
  enrolmentId: Number(r.enrolmentId),
  classId: Number(r.classId),
  achievedOn: dateText(r.achievedOn),
  recordedAt: iso(r.recordedAt),
  recordedBy: r.recordedBy === null ? null : Number(r.recordedBy),
});

/** Training evidence of these people, newest first. */
export async function listTrainingEvidence(db: Db, provinceCode: string, staffIds: readonly number[]): Promise<TrainingEvidenceRow[]> {
  const rows = await selectInChunks(staffIds, (part) =>
    db
      .selectFrom('competencyTrainingEvidence')
      .select(EVIDENCE_COLUMNS)
      .where('provinceCode', '=', provinceCode)
      .where('staffId', 'in', part)
      .orderBy('achievedOn', 'desc')
      .orderBy('id', 'desc')
      .execute(),
  );
  return rows.map((r) => toEvidence(r as EvidenceRaw));
}

export type NewTrainingEvidence = Omit<TrainingEvidenceRow, 'id' | 'recordedAt' | 'recordedBy'>;

/** Replaces the evidence of one enrolment with `items` (none: the evidence is removed); returns the rows removed. */
export async function replaceTrainingEvidence(
  db: Db,
  provinceCode: string,
  enrolmentId: number,
  items: readonly NewTrainingEvidence[],
  at: string,
  by: number | null,
): Promise<TrainingEvidenceRow[]> {
  const before = await db
    .selectFrom('competencyTrainingEvidence')
    .select(EVIDENCE_COLUMNS)
    .where('enrolmentId', '=', enrolmentId)
    .execute();
  await db.deleteFrom('competencyTrainingEvidence').where('enrolmentId', '=', enrolmentId).execute();
  if (items.length > 0)
    await db
      .insertInto('competencyTrainingEvidence')
      .values(items.map((e) => ({ provinceCode, ...e, enrolmentId, recordedAt: at, recordedBy: by })))
      .execute();
  return before.map((r) => toEvidence(r as EvidenceRaw));
}
