import { groupBy } from '../../../platform/collections/group-by.ts';
import type { Db } from '../../../platform/db/database.ts';
import { selectInChunks } from '../../../platform/db/in-chunks.ts';
import type { ReviewRating } from '../../../platform/rules/defaults/reviews-common.config.ts';
import { REVIEW_RATINGS } from '../../../platform/rules/defaults/reviews-common.config.ts';
import type { Requirement } from '../../competencies/framework.ts';
import type { WisnStatus } from '../runs/run.schemas.ts';
import type { PlacementLine, RatingFact } from './placement.ts';

/**
 * SQL of placement recommendations: reads stored WISN runs (staffing_runs, staffing_run_lines),
 * current appointments (staff_positions), the published framework in force, review results of
 * LOCKED campaigns, competency tests and the merger lineage; writes placement_batches and
 * placement_recommendations, and, on acceptance, staff_positions and staff.unit_id.
 * Dates are compared as 'YYYY-MM-DD' text on SQLite and date on PostgreSQL.
 */

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const dateText = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const dateOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : dateText(v));

/* ---------- runs ---------- */

export type RunRef = { id: number; provinceCode: string; createdAt: string };

export async function findRun(db: Db, runId: number): Promise<RunRef | undefined> {
  const r = await db.selectFrom('staffingRuns').select(['id', 'provinceCode', 'createdAt']).where('id', '=', runId).executeTakeFirst();
  return r && { id: Number(r.id), provinceCode: r.provinceCode, createdAt: iso(r.createdAt) };
}

/** The province's latest run: the highest id (runs are only ever added). */
export async function latestRunId(db: Db, provinceCode: string): Promise<number | null> {
  const r = await db
    .selectFrom('staffingRuns')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('provinceCode', '=', provinceCode)
    .executeTakeFirst();
  return r?.id === null || r?.id === undefined ? null : Number(r.id);
}

type StoredLine = { unitName?: string; expertise?: { gapCompetencies?: { code: string; name: string }[] } };

/** The run's lines with the figures placement needs; names and gap competencies come from the line JSON. */
export async function listRunLines(db: Db, runId: number): Promise<PlacementLine[]> {
  const rows = await db
    .selectFrom('staffingRunLines')
    .select(['unitId', 'field', 'status', 'requiredStaff', 'actualStaff', 'difference', 'ratio', 'line'])
    .where('runId', '=', runId)
    .orderBy('id')
    .execute();
  return rows.map((r) => {
    const stored = JSON.parse(r.line) as StoredLine;
    return {
      unitId: Number(r.unitId),
      unitName: stored.unitName ?? String(r.unitId),
      field: r.field,
      status: r.status as WisnStatus,
      requiredStaff: r.requiredStaff === null ? null : Number(r.requiredStaff),
      actualStaff: Number(r.actualStaff),
      difference: r.difference === null ? null : Number(r.difference),
      ratio: r.ratio === null ? null : Number(r.ratio),
      gapCompetencies: (stored.expertise?.gapCompetencies ?? []).map((g) => ({ code: g.code, name: g.name })),
    };
  });
}

/* ---------- people ---------- */

export type PersonRow = {
  staffId: number;
  fullName: string;
  homeUnitId: number;
  staffPositionId: number;
  unitId: number;
  positionId: number;
  positionGroup: string;
  field: string;
  rank: string;
  education: string | null;
  qualification: string | null;
  qualificationField: string | null;
  disciplinePendingUntil: string | null;
};

/**
 * ACTIVE staff holding a PROFESSIONAL or LEADERSHIP position with a field on `date`: the latest started appointment per
 * person (as fit to position reads it). The line a person counts in is that appointment's unit and field.
 */
export async function listPeopleInPost(db: Db, provinceCode: string, date: string): Promise<PersonRow[]> {
  const rows = await db
    .selectFrom('staffPositions as sp')
    .innerJoin('staff as s', 's.id', 'sp.staffId')
    .innerJoin('positions as p', 'p.id', 'sp.positionId')
    .select([
      'sp.staffId',
      's.fullName',
      's.unitId as homeUnitId',
      'sp.id as staffPositionId',
      'sp.unitId',
      'p.id as positionId',
      'p.positionGroup',
      'p.field',
      's.rank',
      's.education',
      's.qualification',
      's.qualificationField',
      's.disciplinePendingUntil',
      'sp.startDate',
    ])
    .where('sp.provinceCode', '=', provinceCode)
    .where('s.employmentStatus', '=', 'ACTIVE')
    .where('p.field', 'is not', null)
    // The run counts PROFESSIONAL holders; leaders are kept so the analyst can include them (support staff never).
    .where('p.positionGroup', 'in', ['PROFESSIONAL', 'LEADERSHIP'])
    .where('sp.startDate', '<=', date)
    .where((eb) => eb.or([eb('sp.endDate', 'is', null), eb('sp.endDate', '>=', date)]))
    .orderBy('sp.staffId')
    .orderBy('sp.startDate', 'desc')
    .orderBy('sp.id', 'desc')
    .execute();
  const seen = new Set<number>();
  const out: PersonRow[] = [];
  for (const r of rows) {
    const staffId = Number(r.staffId);
    if (seen.has(staffId)) continue;
    seen.add(staffId);
    out.push({
      staffId,
      fullName: r.fullName,
      homeUnitId: Number(r.homeUnitId),
      staffPositionId: Number(r.staffPositionId),
      unitId: Number(r.unitId),
      positionId: Number(r.positionId),
      positionGroup: r.positionGroup,
      field: r.field as string,
      rank: r.rank,
      education: r.education,
      qualification: r.qualification,
      qualificationField: r.qualificationField,
      disciplinePendingUntil: dateOrNull(r.disciplinePendingUntil),
    });
  }
  return out;
}

/** Annual ratings of LOCKED campaigns from `fromYear` on: the council's rating, else the computed one. */
export async function ratingsOf(
  db: Db,
  provinceCode: string,
  staffIds: readonly number[],
  fromYear: number,
): Promise<Map<number, RatingFact[]>> {
  const rows = await selectInChunks(staffIds, (part) =>
    db
      .selectFrom('reviewEvaluations as e')
      .innerJoin('reviewParticipants as rp', 'rp.id', 'e.participantId')
      .innerJoin('reviewCampaigns as c', 'c.id', 'rp.campaignId')
      .select(['rp.staffId', 'c.id as campaignId', 'c.year', 'e.rating', 'e.councilRating'])
      .where('c.provinceCode', '=', provinceCode)
      .where('c.status', '=', 'LOCKED')
      .where('c.year', '>=', fromYear)
      .where('rp.staffId', 'in', part)
      .where((eb) => eb.or([eb('e.rating', 'is not', null), eb('e.councilRating', 'is not', null)]))
      .execute(),
  );
  const out = new Map<number, RatingFact[]>();
  for (const r of rows) {
    const rating = (r.councilRating ?? r.rating) as string;
    if (!(REVIEW_RATINGS as readonly string[]).includes(rating)) continue;
    const list = out.get(Number(r.staffId)) ?? [];
    list.push({ year: Number(r.year), campaignId: Number(r.campaignId), rating: rating as ReviewRating });
    out.set(Number(r.staffId), list);
  }
  return out;
}

/* ---------- targets, units ---------- */

/** The published framework version in force on `date` (latest effective date, then version number). */
export async function frameworkInForce(db: Db, provinceCode: string, date: string): Promise<number | null> {
  const r = await db
    .selectFrom('frameworkVersions')
    .select('id')
    .where('provinceCode', '=', provinceCode)
    .where('status', '=', 'PUBLISHED')
    .where('effectiveFrom', '<=', date)
    .orderBy('effectiveFrom', 'desc')
    .orderBy('versionNo', 'desc')
    .executeTakeFirst();
  return r ? Number(r.id) : null;
}

export type PositionRow = {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
  field: string;
  requiredRank: string;
  educationLevel: string;
  qualificationFields: string[];
  requirements: Requirement[];
};

/** PROFESSIONAL positions of the version for these fields, in catalogue order, with their required levels. */
export async function professionalPositions(db: Db, versionId: number, fields: readonly string[]): Promise<PositionRow[]> {
  if (fields.length === 0) return [];
  const rows = await db
    .selectFrom('positions')
    .select(['id', 'code', 'nameVi', 'nameEn', 'field', 'requiredRank', 'educationLevel', 'qualificationFields'])
    .where('versionId', '=', versionId)
    .where('positionGroup', '=', 'PROFESSIONAL')
    .where('field', 'in', [...new Set(fields)])
    .orderBy('sortOrder')
    .orderBy('id')
    .execute();
  const ids = rows.map((r) => Number(r.id));
  const reqs = ids.length
    ? await db
        .selectFrom('positionCompetencies')
        .select(['positionId', 'competencyCode', 'requiredLevel'])
        .where('positionId', 'in', ids)
        .orderBy('id')
        .execute()
    : [];
  const byPosition = groupBy(
    reqs,
    (r) => Number(r.positionId),
    (r): Requirement => ({ competencyCode: r.competencyCode, level: r.requiredLevel }),
  );
  return rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    nameVi: r.nameVi,
    nameEn: r.nameEn,
    field: r.field as string,
    requiredRank: r.requiredRank,
    educationLevel: r.educationLevel,
    qualificationFields: JSON.parse(r.qualificationFields) as string[],
    requirements: byPosition.get(Number(r.id)) ?? [],
  }));
}

/** Free posts per `${unitId}:${positionCode}`: posts set for the unit minus holders on `date` (at least 0). */
export async function freePosts(db: Db, provinceCode: string, date: string, unitIds: readonly number[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (unitIds.length === 0) return out;
  const ids = [...new Set(unitIds)];
  const posts = await db
    .selectFrom('positionPosts')
    .select(['unitId', 'positionCode', 'posts'])
    .where('provinceCode', '=', provinceCode)
    .where('unitId', 'in', ids)
    .execute();
  const holders = await db
    .selectFrom('staffPositions as sp')
    .innerJoin('positions as p', 'p.id', 'sp.positionId')
    .select(['sp.unitId', 'p.code', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('sp.provinceCode', '=', provinceCode)
    .where('sp.unitId', 'in', ids)
    .where('sp.startDate', '<=', date)
    .where((eb) => eb.or([eb('sp.endDate', 'is', null), eb('sp.endDate', '>=', date)]))
    .groupBy(['sp.unitId', 'p.code'])
    .execute();
  const held = new Map(holders.map((h) => [`${h.unitId}:${h.code}`, Number(h.n)]));
  for (const p of posts) {
    const key = `${p.unitId}:${p.positionCode}`;
    out.set(key, Math.max(0, p.posts - (held.get(key) ?? 0)));
  }
  return out;
}

export async function activeStaffByUnit(db: Db, provinceCode: string): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('staff')
    .select(['unitId', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('provinceCode', '=', provinceCode)
    .where('employmentStatus', '=', 'ACTIVE')
    .groupBy('unitId')
    .execute();
  return new Map(rows.map((r) => [Number(r.unitId), Number(r.n)]));
}

/** Former districts of each current unit: lineage predecessor → its parent of kind FORMER_DISTRICT. */
export async function districtsByUnit(db: Db, provinceCode: string): Promise<Map<number, number[]>> {
  const rows = await db
    .selectFrom('unitLineage as l')
    .innerJoin('administrativeUnits as p', 'p.id', 'l.predecessorId')
    .innerJoin('administrativeUnits as d', 'd.id', 'p.parentId')
    .select(['l.successorId', 'd.id as districtId'])
    .where('l.provinceCode', '=', provinceCode)
    .where('d.kind', '=', 'FORMER_DISTRICT')
    .distinct()
    .execute();
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const list = out.get(Number(r.successorId)) ?? [];
    list.push(Number(r.districtId));
    out.set(
      Number(r.successorId),
      list.sort((a, b) => a - b),
    );
  }
  return out;
}

/** Unit names by id: the units module's read (one per 500 distinct ids). */
export { unitNamesByIds as unitNames } from '../../units/units.repository.ts';

/* ---------- batches and recommendations ---------- */

export type BatchRow = {
  id: number;
  provinceCode: string;
  runId: number;
  params: unknown;
  objective: number;
  createdAt: string;
  createdBy: number | null;
  status: 'OPEN' | 'CLOSED';
};

const BATCH_COLUMNS = ['id', 'provinceCode', 'runId', 'params', 'objective', 'createdAt', 'createdBy', 'status'] as const;

type BatchRaw = {
  id: number;
  provinceCode: string;
  runId: number;
  params: string;
  objective: number;
  createdAt: unknown;
  createdBy: number | null;
  status: string;
};
const toBatch = (r: BatchRaw): BatchRow => ({
  id: Number(r.id),
  provinceCode: r.provinceCode,
  runId: Number(r.runId),
  params: JSON.parse(r.params) as unknown,
  objective: Number(r.objective),
  createdAt: iso(r.createdAt),
  createdBy: r.createdBy === null ? null : Number(r.createdBy),
  status: r.status as BatchRow['status'],
});

export type NewRecommendation = {
  staffId: number;
  fromStaffPositionId: number;
  fromUnitId: number;
  fromPositionId: number | null;
  fromField: string;
  toUnitId: number;
  toPositionId: number;
  toField: string;
  kind: 'TRANSFER' | 'SECONDMENT';
  endDate: string | null;
  benefit: number;
  cost: number;
  explanation: unknown;
};

export async function insertBatch(
  db: Db,
  b: { provinceCode: string; runId: number; params: unknown; objective: number; createdAt: string; createdBy: number | null },
  recs: readonly NewRecommendation[],
): Promise<BatchRow> {
  const r = await db
    .insertInto('placementBatches')
    .values({
      provinceCode: b.provinceCode,
      runId: b.runId,
      params: JSON.stringify(b.params),
      objective: b.objective,
      createdAt: b.createdAt,
      createdBy: b.createdBy,
      status: recs.length === 0 ? 'CLOSED' : 'OPEN',
    })
    .returning(BATCH_COLUMNS)
    .executeTakeFirstOrThrow();
  const batch = toBatch(r as BatchRaw);
  for (let i = 0; i < recs.length; i += 200) {
    await db
      .insertInto('placementRecommendations')
      .values(
        recs.slice(i, i + 200).map((x) => ({
          provinceCode: b.provinceCode,
          batchId: batch.id,
          staffId: x.staffId,
          fromStaffPositionId: x.fromStaffPositionId,
          fromUnitId: x.fromUnitId,
          fromPositionId: x.fromPositionId,
          fromField: x.fromField,
          toUnitId: x.toUnitId,
          toPositionId: x.toPositionId,
          toField: x.toField,
          kind: x.kind,
          endDate: x.endDate,
          benefit: x.benefit,
          cost: x.cost,
          explanation: JSON.stringify(x.explanation),
          status: 'PROPOSED',
        })),
      )
      .execute();
  }
  return batch;
}

export async function findBatch(db: Db, id: number): Promise<BatchRow | undefined> {
  const r = await db.selectFrom('placementBatches').select(BATCH_COLUMNS).where('id', '=', id).executeTakeFirst();
  return r && toBatch(r as BatchRaw);
}

/** Batches of a run, newest first. */
export async function listBatches(db: Db, provinceCode: string, runId: number): Promise<BatchRow[]> {
  const rows = await db
    .selectFrom('placementBatches')
    .select(BATCH_COLUMNS)
    .where('provinceCode', '=', provinceCode)
    .where('runId', '=', runId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => toBatch(r as BatchRaw));
}

export type RecommendationRow = {
  id: number;
  provinceCode: string;
  batchId: number;
  staffId: number;
  fullName: string;
  fromStaffPositionId: number | null;
  fromUnitId: number;
  fromUnitName: string;
  fromPositionId: number | null;
  fromPositionName: string | null;
  fromField: string;
  toUnitId: number;
  toUnitName: string;
  toPositionId: number;
  toPositionCode: string;
  toPositionNameVi: string;
  toPositionNameEn: string;
  toField: string;
  kind: 'TRANSFER' | 'SECONDMENT';
  endDate: string | null;
  benefit: number;
  cost: number;
  explanation: unknown;
  status: 'PROPOSED' | 'ACCEPTED' | 'REJECTED';
  decidedAt: string | null;
  decidedBy: number | null;
  reason: string | null;
  version: number;
};

function recommendationQuery(db: Db) {
  return db
    .selectFrom('placementRecommendations as r')
    .innerJoin('staff as s', 's.id', 'r.staffId')
    .innerJoin('administrativeUnits as fu', 'fu.id', 'r.fromUnitId')
    .innerJoin('administrativeUnits as tu', 'tu.id', 'r.toUnitId')
    .innerJoin('positions as tp', 'tp.id', 'r.toPositionId')
    .leftJoin('positions as fp', 'fp.id', 'r.fromPositionId')
    .select([
      'r.id',
      'r.provinceCode',
      'r.batchId',
      'r.staffId',
      's.fullName',
      'r.fromStaffPositionId',
      'r.fromUnitId',
      'fu.name as fromUnitName',
      'r.fromPositionId',
      'fp.nameVi as fromPositionName',
      'r.fromField',
      'r.toUnitId',
      'tu.name as toUnitName',
      'r.toPositionId',
      'tp.code as toPositionCode',
      'tp.nameVi as toPositionNameVi',
      'tp.nameEn as toPositionNameEn',
      'r.toField',
      'r.kind',
      'r.endDate',
      'r.benefit',
      'r.cost',
      'r.explanation',
      'r.status',
      'r.decidedAt',
      'r.decidedBy',
      'r.reason',
      'r.version',
    ]);
}

type RecRaw = Record<string, unknown>;
const toRec = (r: RecRaw): RecommendationRow => ({
  id: Number(r.id),
  provinceCode: String(r.provinceCode),
  batchId: Number(r.batchId),
  staffId: Number(r.staffId),
  fullName: String(r.fullName),
  fromStaffPositionId: r.fromStaffPositionId === null ? null : Number(r.fromStaffPositionId),
  fromUnitId: Number(r.fromUnitId),
  fromUnitName: String(r.fromUnitName),
  fromPositionId: r.fromPositionId === null ? null : Number(r.fromPositionId),
  fromPositionName: (r.fromPositionName as string | null) ?? null,
  fromField: String(r.fromField),
  toUnitId: Number(r.toUnitId),
  toUnitName: String(r.toUnitName),
  toPositionId: Number(r.toPositionId),
  toPositionCode: String(r.toPositionCode),
  toPositionNameVi: String(r.toPositionNameVi),
  toPositionNameEn: String(r.toPositionNameEn),
  toField: String(r.toField),
  kind: r.kind as RecommendationRow['kind'],
  endDate: dateOrNull(r.endDate),
  benefit: Number(r.benefit),
  cost: Number(r.cost),
  explanation: JSON.parse(String(r.explanation)) as unknown,
  status: r.status as RecommendationRow['status'],
  decidedAt: r.decidedAt === null ? null : iso(r.decidedAt),
  decidedBy: r.decidedBy === null ? null : Number(r.decidedBy),
  reason: (r.reason as string | null) ?? null,
  version: Number(r.version),
});

/** A batch's recommendations in the order they were proposed. */
export async function listRecommendations(db: Db, batchId: number): Promise<RecommendationRow[]> {
  const rows = await recommendationQuery(db).where('r.batchId', '=', batchId).orderBy('r.id').execute();
  return rows.map((r) => toRec(r as RecRaw));
}

export async function findRecommendation(db: Db, id: number): Promise<RecommendationRow | undefined> {
  const r = await recommendationQuery(db).where('r.id', '=', id).executeTakeFirst();
  return r && toRec(r as RecRaw);
}

/**
 * PROPOSED → ACCEPTED / REJECTED if the version is still `expectedVersion`. The conditional
 * UPDATE is the lock: of two concurrent decisions only one matches (PostgreSQL re-checks the
 * WHERE after waiting for the row; SQLite serialises writers), so an acceptance can never run twice.
 */
export async function decide(
  db: Db,
  id: number,
  expectedVersion: number,
  d: { status: 'ACCEPTED' | 'REJECTED'; at: string; by: number | null; reason: string | null; kind?: string; endDate?: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('placementRecommendations')
    .set((eb) => ({
      status: d.status,
      decidedAt: d.at,
      decidedBy: d.by,
      reason: d.reason,
      ...(d.kind === undefined ? {} : { kind: d.kind }),
      ...(d.endDate === undefined ? {} : { endDate: d.endDate }),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'PROPOSED')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Closes the batch once nothing in it is PROPOSED any more. */
export async function closeBatchIfDecided(db: Db, batchId: number): Promise<void> {
  const open = await db
    .selectFrom('placementRecommendations')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('batchId', '=', batchId)
    .where('status', '=', 'PROPOSED')
    .executeTakeFirstOrThrow();
  if (Number(open.n) === 0) await db.updateTable('placementBatches').set({ status: 'CLOSED' }).where('id', '=', batchId).execute();
}

/* ---------- appointments (on acceptance) ---------- */

export type CurrentAppointment = { id: number; unitId: number; positionId: number | null; startDate: string; endDate: string | null };

/** The person's appointment on `date` (latest started), as fit to position reads it. */
export async function currentAppointment(db: Db, staffId: number, date: string): Promise<CurrentAppointment | undefined> {
  const r = await db
    .selectFrom('staffPositions')
    .select(['id', 'unitId', 'positionId', 'startDate', 'endDate'])
    .where('staffId', '=', staffId)
    .where('startDate', '<=', date)
    .where((eb) => eb.or([eb('endDate', 'is', null), eb('endDate', '>=', date)]))
    .orderBy('startDate', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return (
    r && {
      id: Number(r.id),
      unitId: Number(r.unitId),
      positionId: r.positionId === null ? null : Number(r.positionId),
      startDate: dateText(r.startDate),
      endDate: dateOrNull(r.endDate),
    }
  );
}

/** People with an appointment starting after `date`: a move already decided, still to happen. */
export async function staffWithScheduledMoves(db: Db, provinceCode: string, date: string, staffId?: number): Promise<Set<number>> {
  let q = db
    .selectFrom('staffPositions')
    .select('staffId')
    .distinct()
    .where('provinceCode', '=', provinceCode)
    .where('startDate', '>', date);
  if (staffId !== undefined) q = q.where('staffId', '=', staffId);
  const rows = await q.execute();
  return new Set(rows.map((r) => Number(r.staffId)));
}

/** Ends an appointment on `endDate` only if it still runs past it (false: someone ended it meanwhile). */
export async function endAppointment(db: Db, id: number, endDate: string): Promise<boolean> {
  const r = await db
    .updateTable('staffPositions')
    .set({ endDate })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('endDate', 'is', null), eb('endDate', '>', endDate)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertAppointment(
  db: Db,
  a: {
    provinceCode: string;
    staffId: number;
    positionId: number | null;
    unitId: number;
    startDate: string;
    endDate: string | null;
    assignmentKind: 'SECONDMENT' | null;
    originUnitId: number | null;
  },
): Promise<number> {
  const r = await db.insertInto('staffPositions').values(a).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

/**
 * A transfer moves the home unit. The org body belonged to the old unit, so it is cleared
 * (HR sets the new one); the staff record's version moves on like any other edit.
 */
export async function moveHomeUnit(db: Db, staffId: number, toUnitId: number, at: string): Promise<void> {
  await db
    .updateTable('staff')
    .set((eb) => ({ unitId: toUnitId, orgBodyId: null, updatedAt: at, version: eb('version', '+', 1) }))
    .where('id', '=', staffId)
    .execute();
}

export async function staffHome(db: Db, staffId: number): Promise<{ unitId: number; provinceCode: string } | undefined> {
  const r = await db.selectFrom('staff').select(['unitId', 'provinceCode']).where('id', '=', staffId).executeTakeFirst();
  return r && { unitId: Number(r.unitId), provinceCode: r.provinceCode };
}
