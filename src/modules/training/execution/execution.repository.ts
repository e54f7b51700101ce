import { sql } from 'kysely';
import type { Db } from '../../../platform/db/database.ts';
import { fromDbBool, toDbBool } from '../../../platform/db/database.ts';
import { dialectOf } from '../../../platform/db/dialect.ts';
import { selectInChunks } from '../../../platform/db/in-chunks.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { REVIEW_RATINGS, type ReviewRating } from '../../../platform/rules/defaults/reviews-common.config.ts';
import type { CourseMode } from '../courses.ts';
import type { ClassStatus, ClassUnitSeats, EnrolmentStatus, PlannedClassUnit } from './execution.ts';

/**
 * SQL of training execution: held classes, enrolments, attendance, the facts eligibility
 * reads, and the grouped figures of plan versus actual. Dates are 'YYYY-MM-DD' on both
 * dialects, instants UTC ISO strings.
 */

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
const dateText = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));
const dateOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : dateText(v));

/** PostgreSQL reports 23505; better-sqlite3 reports SQLITE_CONSTRAINT_UNIQUE. */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export type ClassRecord = {
  id: number;
  provinceCode: string;
  courseId: number;
  courseCode: string;
  courseNameVi: string;
  courseNameEn: string;
  code: string;
  organisingUnitId: number | null;
  organisingUnitName: string | null;
  provider: string;
  year: number;
  startDate: string;
  endDate: string;
  sessionDays: number;
  location: string | null;
  mode: CourseMode;
  capacity: number;
  status: ClassStatus;
  planClassId: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type ClassContent = Pick<
  ClassRecord,
  'organisingUnitId' | 'provider' | 'year' | 'startDate' | 'endDate' | 'sessionDays' | 'location' | 'mode' | 'capacity' | 'planClassId'
>;

const CLASS_COLUMNS = [
  'c.id',
  'c.provinceCode',
  'c.courseId',
  'k.code as courseCode',
  'k.nameVi as courseNameVi',
  'k.nameEn as courseNameEn',
  'c.code',
  'c.organisingUnitId',
  'u.name as organisingUnitName',
  'c.provider',
  'c.year',
  'c.startDate',
  'c.endDate',
  'c.sessionDays',
  'c.location',
  'c.mode',
  'c.capacity',
  'c.status',
  'c.planClassId',
  'c.version',
  'c.createdAt',
  'c.updatedAt',
] as const;

type ClassRaw = Record<string, unknown>;

function toClass(r: ClassRaw): ClassRecord {
  return {
    id: Number(r.id),
    provinceCode: String(r.provinceCode),
    courseId: Number(r.courseId),
    courseCode: String(r.courseCode),
    courseNameVi: String(r.courseNameVi),
    courseNameEn: String(r.courseNameEn),
    code: String(r.code),
    organisingUnitId: r.organisingUnitId === null ? null : Number(r.organisingUnitId),
    organisingUnitName: (r.organisingUnitName as string | null) ?? null,
    provider: String(r.provider),
    year: Number(r.year),
    startDate: dateText(r.startDate),
    endDate: dateText(r.endDate),
    sessionDays: Number(r.sessionDays),
    location: (r.location as string | null) ?? null,
    mode: r.mode as CourseMode,
    capacity: Number(r.capacity),
    status: r.status as ClassStatus,
    planClassId: r.planClassId === null ? null : Number(r.planClassId),
    version: Number(r.version),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

/** Only the editable columns, whatever else the caller's object carries. */
function contentColumns(v: ClassContent) {
  return {
    organisingUnitId: v.organisingUnitId,
    provider: v.provider,
    year: v.year,
    startDate: v.startDate,
    endDate: v.endDate,
    sessionDays: v.sessionDays,
    location: v.location,
    mode: v.mode,
    capacity: v.capacity,
    planClassId: v.planClassId,
  };
}

function classQuery(db: Db) {
  return db
    .selectFrom('trainingClasses as c')
    .innerJoin('trainingCourses as k', 'k.id', 'c.courseId')
    .leftJoin('administrativeUnits as u', 'u.id', 'c.organisingUnitId');
}

/** Inserts a class; a code already taken in the province answers TRAINING_CLASS_CODE_TAKEN. */
export async function insertClass(
  db: Db,
  provinceCode: string,
  v: ClassContent & { courseId: number; code: string; status: ClassStatus },
  at: string,
  by: number | null,
): Promise<number> {
  try {
    const r = await db
      .insertInto('trainingClasses')
      .values({
        provinceCode,
        courseId: v.courseId,
        code: v.code,
        status: v.status,
        ...contentColumns(v),
        createdAt: at,
        createdBy: by,
        updatedAt: at,
        updatedBy: by,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('TRAINING_CLASS_CODE_TAKEN', { code: v.code });
    throw e;
  }
}

export async function findClass(db: Db, id: number): Promise<ClassRecord | undefined> {
  const r = await classQuery(db).select(CLASS_COLUMNS).where('c.id', '=', id).executeTakeFirst();
  return r && toClass(r as unknown as ClassRaw);
}

/**
 * Reads the class inside a transaction and, on PostgreSQL, locks its row until the
 * transaction ends: concurrent enrolments in the same class queue here, so the seat count
 * each one reads is final. SQLite runs one write transaction at a time already.
 */
export async function lockClass(trx: Db, id: number): Promise<ClassRecord | undefined> {
  if (dialectOf(trx) === 'postgres') await trx.selectFrom('trainingClasses').select('id').where('id', '=', id).forUpdate().execute();
  return findClass(trx, id);
}

export type ClassFilter = { year?: number | undefined; courseId?: number | undefined; status?: ClassStatus | undefined };

/** A page of the province's classes, latest start first. */
export async function listClasses(
  db: Db,
  provinceCode: string,
  f: ClassFilter,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: ClassRecord[] }> {
  let q = classQuery(db).where('c.provinceCode', '=', provinceCode);
  if (f.year !== undefined) q = q.where('c.year', '=', f.year);
  if (f.courseId !== undefined) q = q.where('c.courseId', '=', f.courseId);
  if (f.status !== undefined) q = q.where('c.status', '=', f.status);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    q.select(CLASS_COLUMNS).orderBy('c.startDate', 'desc').orderBy('c.id', 'desc').limit(page.limit).offset(page.offset).execute(),
  ]);
  return { total: Number(count.n), items: rows.map((r) => toClass(r as unknown as ClassRaw)) };
}

/** Classes of a course in a year, for the default class code. */
export async function countClassesOf(db: Db, courseId: number, year: number): Promise<number> {
  const r = await db
    .selectFrom('trainingClasses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('courseId', '=', courseId)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Replaces the editable fields if the row still has the version read; otherwise VERSION_CONFLICT. */
export async function updateClass(
  db: Db,
  id: number,
  expectedVersion: number,
  v: ClassContent & { status: ClassStatus },
  at: string,
  by: number | null,
): Promise<void> {
  const r = await db
    .updateTable('trainingClasses')
    .set((eb) => ({ ...contentColumns(v), status: v.status, version: eb('version', '+', 1), updatedAt: at, updatedBy: by }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new AppError('VERSION_CONFLICT');
}

/** Sets the status (results recorded: COMPLETED) and bumps the version, so an edit based on the old state conflicts. */
export async function setClassStatus(db: Db, id: number, status: ClassStatus, at: string, by: number | null): Promise<void> {
  await db
    .updateTable('trainingClasses')
    .set((eb) => ({ status, version: eb('version', '+', 1), updatedAt: at, updatedBy: by }))
    .where('id', '=', id)
    .execute();
}

/** Seats taken (all but WITHDRAWN) and completed participants per class. */
export async function seatCounts(db: Db, classIds: readonly number[]): Promise<Map<number, { seats: number; completed: number }>> {
  const rows = await selectInChunks(classIds, (part) =>
    db
      .selectFrom('trainingEnrolments')
      .select([
        'classId',
        sql<number>`sum(case when status <> 'WITHDRAWN' then 1 else 0 end)`.as('seats'),
        sql<number>`sum(case when status = 'COMPLETED' then 1 else 0 end)`.as('completed'),
      ])
      .where('classId', 'in', part)
      .groupBy('classId')
      .execute(),
  );
  return new Map(rows.map((r) => [Number(r.classId), { seats: Number(r.seats), completed: Number(r.completed) }]));
}

export type EnrolmentRecord = {
  id: number;
  classId: number;
  staffId: number;
  fullName: string;
  unitId: number;
  unitName: string;
  nameSort: string;
  status: EnrolmentStatus;
  score: number | null;
  grade: string | null;
  certificateNo: string | null;
  completedOn: string | null;
};

function enrolmentQuery(db: Db) {
  return db
    .selectFrom('trainingEnrolments as e')
    .innerJoin('staff as s', 's.id', 'e.staffId')
    .innerJoin('administrativeUnits as u', 'u.id', 's.unitId')
    .select([
      'e.id',
      'e.classId',
      'e.staffId',
      's.fullName',
      's.unitId',
      'u.name as unitName',
      's.nameSort',
      'e.status',
      'e.score',
      'e.grade',
      'e.certificateNo',
      'e.completedOn',
    ]);
}

type EnrolmentRaw = Awaited<ReturnType<ReturnType<typeof enrolmentQuery>['execute']>>[number];
const toEnrolment = (r: EnrolmentRaw): EnrolmentRecord => ({
  ...r,
  id: Number(r.id),
  classId: Number(r.classId),
  staffId: Number(r.staffId),
  unitId: Number(r.unitId),
  status: r.status as EnrolmentStatus,
  score: r.score === null ? null : Number(r.score),
  completedOn: dateOrNull(r.completedOn),
});

/** The people of a class, by name (byte-comparable Vietnamese sort key). */
export async function listEnrolments(db: Db, classId: number): Promise<EnrolmentRecord[]> {
  const rows = await enrolmentQuery(db).where('e.classId', '=', classId).orderBy('s.nameSort').orderBy('e.id').execute();
  return rows.map(toEnrolment);
}

export async function findEnrolment(db: Db, id: number): Promise<EnrolmentRecord | undefined> {
  const r = await enrolmentQuery(db).where('e.id', '=', id).executeTakeFirst();
  return r && toEnrolment(r);
}

/** Each listed person's row in the class, if any. */
export async function enrolmentStatusesIn(
  db: Db,
  classId: number,
  staffIds: readonly number[],
): Promise<Map<number, { id: number; status: EnrolmentStatus }>> {
  const rows = await selectInChunks(staffIds, (part) =>
    db
      .selectFrom('trainingEnrolments')
      .select(['id', 'staffId', 'status'])
      .where('classId', '=', classId)
      .where('staffId', 'in', part)
      .execute(),
  );
  return new Map(rows.map((r) => [Number(r.staffId), { id: Number(r.id), status: r.status as EnrolmentStatus }]));
}

export async function insertEnrolment(
  db: Db,
  provinceCode: string,
  classId: number,
  staffId: number,
  at: string,
  by: number | null,
): Promise<number> {
  const r = await db
    .insertInto('trainingEnrolments')
    .values({ provinceCode, classId, staffId, status: 'ENROLLED', enrolledAt: at, enrolledBy: by, updatedAt: at, updatedBy: by })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

/** A withdrawn person enrolled again on their old row (attendance kept, result cleared). */
export async function reactivateEnrolment(db: Db, id: number, at: string, by: number | null): Promise<void> {
  await db
    .updateTable('trainingEnrolments')
    .set({ status: 'ENROLLED', score: null, grade: null, certificateNo: null, completedOn: null, updatedAt: at, updatedBy: by })
    .where('id', '=', id)
    .where('status', '=', 'WITHDRAWN')
    .execute();
}

/** ENROLLED → WITHDRAWN; false when the row was not ENROLLED any more. */
export async function withdrawEnrolment(db: Db, id: number, at: string, by: number | null): Promise<boolean> {
  const r = await db
    .updateTable('trainingEnrolments')
    .set({ status: 'WITHDRAWN', updatedAt: at, updatedBy: by })
    .where('id', '=', id)
    .where('status', '=', 'ENROLLED')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export type ResultValues = {
  status: EnrolmentStatus;
  score: number | null;
  grade: string | null;
  certificateNo: string | null;
  completedOn: string | null;
};

export async function setResult(db: Db, id: number, v: ResultValues, at: string, by: number | null): Promise<void> {
  await db
    .updateTable('trainingEnrolments')
    .set({ ...v, updatedAt: at, updatedBy: by })
    .where('id', '=', id)
    .execute();
}

/** Records attendance cells; a cell recorded before is overwritten. Returns the cells written. */
export async function upsertAttendance(
  db: Db,
  provinceCode: string,
  entries: readonly { enrolmentId: number; day: number; present: boolean }[],
  at: string,
  by: number | null,
): Promise<number> {
  for (let i = 0; i < entries.length; i += 200) {
    const part = entries.slice(i, i + 200);
    await db
      .insertInto('trainingAttendance')
      .values(
        part.map((e) => ({
          provinceCode,
          enrolmentId: e.enrolmentId,
          day: e.day,
          present: toDbBool(e.present),
          recordedAt: at,
          recordedBy: by,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['enrolmentId', 'day']).doUpdateSet((eb) => ({
          present: eb.ref('excluded.present'),
          recordedAt: eb.ref('excluded.recordedAt'),
          recordedBy: eb.ref('excluded.recordedBy'),
        })),
      )
      .execute();
  }
  return entries.length;
}

/** Attendance cells of these enrolments. */
export async function listAttendance(
  db: Db,
  enrolmentIds: readonly number[],
): Promise<{ enrolmentId: number; day: number; present: boolean }[]> {
  const rows = await selectInChunks(enrolmentIds, (part) =>
    db.selectFrom('trainingAttendance').select(['enrolmentId', 'day', 'present']).where('enrolmentId', 'in', part).orderBy('day').execute(),
  );
  return rows.map((r) => ({ enrolmentId: Number(r.enrolmentId), day: Number(r.day), present: fromDbBool(r.present) }));
}

/* ---------- what eligibility reads of a person ---------- */

export type StaffEligibilityRow = {
  id: number;
  unitId: number;
  rank: string;
  birthDate: string | null;
  positionGroup: string | null;
  field: string | null;
  serviceStartDate: string | null;
};

/**
 * Staff of the province with their position group and field on `date` (latest started
 * placement) and the first day of their earliest appointment (service years). People of
 * another province are simply not returned.
 */
export async function staffForEligibility(
  db: Db,
  provinceCode: string,
  staffIds: readonly number[],
  date: string,
): Promise<StaffEligibilityRow[]> {
  const staff = await selectInChunks(staffIds, (part) =>
    db
      .selectFrom('staff')
      .select(['id', 'unitId', 'rank', 'birthDate'])
      .where('provinceCode', '=', provinceCode)
      .where('id', 'in', part)
      .execute(),
  );
  const ids = staff.map((s) => Number(s.id));
  const [placements, firsts] = await Promise.all([
    selectInChunks(ids, (part) =>
      db
        .selectFrom('staffPositions as sp')
        .innerJoin('positions as p', 'p.id', 'sp.positionId')
        .select(['sp.staffId', 'p.positionGroup', 'p.field', 'sp.startDate', 'sp.id'])
        .where('sp.staffId', 'in', part)
        .where('sp.startDate', '<=', date)
        .where((eb) => eb.or([eb('sp.endDate', 'is', null), eb('sp.endDate', '>=', date)]))
        .orderBy('sp.startDate', 'desc')
        .orderBy('sp.id', 'desc')
        .execute(),
    ),
    selectInChunks(ids, (part) =>
      db
        .selectFrom('appointments')
        .select(['staffId', (eb) => eb.fn.min('startDate').as('first')])
        .where('staffId', 'in', part)
        .groupBy('staffId')
        .execute(),
    ),
  ]);
  const placementOf = new Map<number, { positionGroup: string; field: string | null }>();
  for (const p of placements) if (!placementOf.has(Number(p.staffId))) placementOf.set(Number(p.staffId), p);
  const firstOf = new Map(firsts.map((f) => [Number(f.staffId), dateOrNull(f.first)]));
  return staff.map((s) => ({
    id: Number(s.id),
    unitId: Number(s.unitId),
    rank: s.rank,
    birthDate: dateOrNull(s.birthDate),
    positionGroup: placementOf.get(Number(s.id))?.positionGroup ?? null,
    field: placementOf.get(Number(s.id))?.field ?? null,
    serviceStartDate: firstOf.get(Number(s.id)) ?? null,
  }));
}

/** Annual ratings of LOCKED campaigns from `fromYear` on: the council's rating, else the computed one. */
export async function ratingsOf(
  db: Db,
  provinceCode: string,
  staffIds: readonly number[],
  fromYear: number,
): Promise<Map<number, { year: number; rating: ReviewRating }[]>> {
  const rows = await selectInChunks(staffIds, (part) =>
    db
      .selectFrom('reviewEvaluations as e')
      .innerJoin('reviewParticipants as rp', 'rp.id', 'e.participantId')
      .innerJoin('reviewCampaigns as c', 'c.id', 'rp.campaignId')
      .select(['rp.staffId', 'c.year', 'e.rating', 'e.councilRating'])
      .where('c.provinceCode', '=', provinceCode)
      .where('c.status', '=', 'LOCKED')
      .where('c.year', '>=', fromYear)
      .where('rp.staffId', 'in', part)
      .execute(),
  );
  const out = new Map<number, { year: number; rating: ReviewRating }[]>();
  for (const r of rows) {
    const rating = r.councilRating ?? r.rating;
    if (!rating || !(REVIEW_RATINGS as readonly string[]).includes(rating)) continue;
    const list = out.get(Number(r.staffId)) ?? [];
    list.push({ year: Number(r.year), rating: rating as ReviewRating });
    out.set(Number(r.staffId), list);
  }
  return out;
}

/** Every class each person holds or held a seat in (not withdrawn), with the course's code and eligibility JSON. */
export async function courseHistoryOf(
  db: Db,
  staffIds: readonly number[],
): Promise<{ staffId: number; classId: number; courseCode: string; eligibility: string; status: EnrolmentStatus }[]> {
  const rows = await selectInChunks(staffIds, (part) =>
    db
      .selectFrom('trainingEnrolments as e')
      .innerJoin('trainingClasses as c', 'c.id', 'e.classId')
      .innerJoin('trainingCourses as k', 'k.id', 'c.courseId')
      .select(['e.staffId', 'e.classId', 'k.code as courseCode', 'k.eligibility', 'e.status'])
      .where('e.staffId', 'in', part)
      .where('e.status', '<>', 'WITHDRAWN')
      .execute(),
  );
  return rows.map((r) => ({ ...r, staffId: Number(r.staffId), classId: Number(r.classId), status: r.status as EnrolmentStatus }));
}

/* ---------- plan versus actual ---------- */

export type UnitYearFilter = { year?: number | undefined; unitId?: number | undefined };

/**
 * Seats of each held class by the participants' unit, grouped in SQL: one row per class ×
 * unit, with the class's total seats and the course's costs. Cancelled classes are left out.
 */
export async function heldClassUnits(db: Db, provinceCode: string, f: UnitYearFilter): Promise<ClassUnitSeats[]> {
  let q = db
    .selectFrom('trainingEnrolments as e')
    .innerJoin('trainingClasses as c', 'c.id', 'e.classId')
    .innerJoin('trainingCourses as k', 'k.id', 'c.courseId')
    .innerJoin('staff as s', 's.id', 'e.staffId')
    .where('c.provinceCode', '=', provinceCode)
    .where('c.status', '<>', 'CANCELLED')
    .where('e.status', '<>', 'WITHDRAWN');
  if (f.year !== undefined) q = q.where('c.year', '=', f.year);
  const rows = await q
    .select([
      'c.id as classId',
      'c.year',
      's.unitId',
      'k.costPerClass',
      'k.costPerParticipant',
      sql<number>`count(*)`.as('seats'),
      sql<number>`sum(case when e.status = 'COMPLETED' then 1 else 0 end)`.as('completed'),
      sql<number>`(select count(*) from training_enrolments e2 where e2.class_id = c.id and e2.status <> 'WITHDRAWN')`.as('classSeats'),
    ])
    .groupBy(['c.id', 'c.year', 's.unitId', 'k.costPerClass', 'k.costPerParticipant'])
    .execute();
  return rows
    .map((r) => ({
      classId: Number(r.classId),
      year: Number(r.year),
      unitId: Number(r.unitId),
      seats: Number(r.seats),
      completed: Number(r.completed),
      classSeats: Number(r.classSeats),
      costPerClass: Number(r.costPerClass),
      costPerParticipant: Number(r.costPerParticipant),
    }))
    .filter((r) => f.unitId === undefined || r.unitId === f.unitId);
}

export type PlanRef = { id: number; name: string; createdAt: string };

/** The plan asked for (of the province), or the latest finished one; null when there is none. */
export async function findPlan(db: Db, provinceCode: string, planId: number | undefined): Promise<PlanRef | null> {
  let q = db.selectFrom('trainingPlans').select(['id', 'name', 'createdAt']).where('provinceCode', '=', provinceCode);
  q = planId === undefined ? q.where('status', '=', 'DONE') : q.where('id', '=', planId);
  const r = await q.orderBy('createdAt', 'desc').orderBy('id', 'desc').executeTakeFirst();
  return r ? { id: Number(r.id), name: r.name, createdAt: iso(r.createdAt) } : null;
}

/** Finished plans of the province, newest first (for the page's picker). */
export async function listPlans(db: Db, provinceCode: string): Promise<PlanRef[]> {
  const rows = await db
    .selectFrom('trainingPlans')
    .select(['id', 'name', 'createdAt'])
    .where('provinceCode', '=', provinceCode)
    .where('status', '=', 'DONE')
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name, createdAt: iso(r.createdAt) }));
}

/** Attendees of each planned class by their unit, grouped in SQL, with the class's planned size and cost. */
export async function plannedClassUnits(db: Db, planId: number, f: UnitYearFilter): Promise<PlannedClassUnit[]> {
  let q = db
    .selectFrom('trainingPlanAttendees as a')
    .innerJoin('trainingPlanClasses as pc', 'pc.id', 'a.classId')
    .where('a.planId', '=', planId);
  if (f.year !== undefined) q = q.where('pc.year', '=', f.year);
  if (f.unitId !== undefined) q = q.where('a.unitId', '=', f.unitId);
  const rows = await q
    .select(['pc.id as classId', 'pc.year', 'a.unitId', 'pc.participants', 'pc.cost', sql<number>`count(*)`.as('attendees')])
    .groupBy(['pc.id', 'pc.year', 'a.unitId', 'pc.participants', 'pc.cost'])
    .execute();
  return rows.map((r) => ({
    classId: Number(r.classId),
    year: Number(r.year),
    unitId: Number(r.unitId),
    attendees: Number(r.attendees),
    classParticipants: Number(r.participants),
    classCost: Number(r.cost),
  }));
}

/** Unit names by id: the units module's read (one per 500 distinct ids). */
export { unitNamesByIds as unitNames } from '../../units/units.repository.ts';

export async function findUnit(db: Db, id: number): Promise<{ id: number; provinceCode: string; name: string } | undefined> {
  const r = await db.selectFrom('administrativeUnits').select(['id', 'provinceCode', 'name']).where('id', '=', id).executeTakeFirst();
  return r && { id: Number(r.id), provinceCode: r.provinceCode, name: r.name };
}

/** Current units of the province (communes, wards, departments), for the organising-unit picker. */
export async function listCurrentUnits(db: Db, provinceCode: string): Promise<{ id: number; name: string }[]> {
  const rows = await db
    .selectFrom('administrativeUnits')
    .select(['id', 'name'])
    .where('provinceCode', '=', provinceCode)
    .where('validTo', 'is', null)
    .execute();
  return rows.map((r) => ({ id: Number(r.id), name: r.name })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** Names of the province's staff among these ids (an enrolment report names the people it refused). */
export async function staffNames(db: Db, provinceCode: string, staffIds: readonly number[]): Promise<Map<number, string>> {
  const rows = await selectInChunks(staffIds, (part) =>
    db.selectFrom('staff').select(['id', 'fullName']).where('provinceCode', '=', provinceCode).where('id', 'in', part).execute(),
  );
  return new Map(rows.map((r) => [Number(r.id), r.fullName]));
}
