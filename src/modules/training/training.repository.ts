import { type Selectable, sql } from 'kysely';
import type { Db, TrainingCourseTable } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { likeContains, searchKey } from '../../platform/text/search-key.ts';
import type { ContentType, CourseCompetency, CourseMode, CourseStatus, Eligibility, FundingSource, Session } from './courses.ts';

/** One course as stored, with the competencies it raises. */
export type CourseRecord = {
  id: number;
  provinceCode: string;
  code: string;
  nameVi: string;
  nameEn: string;
  contentType: ContentType;
  mode: CourseMode;
  provider: string;
  location: string | null;
  durationDays: number;
  sessions: Session[];
  classCapacity: number;
  minClassSize: number;
  costPerClass: number;
  costPerParticipant: number;
  fundingSource: FundingSource;
  prerequisites: string[];
  eligibility: Eligibility;
  status: CourseStatus;
  version: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  createdAt: string;
  createdBy: number | null;
  updatedAt: string;
  updatedBy: number | null;
  competencies: CourseCompetency[];
};

/** What a write sets: everything but what the database or the write itself assigns. */
export type CourseContent = Omit<
  CourseRecord,
  'id' | 'provinceCode' | 'code' | 'status' | 'version' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy'
>;

export type CourseFilter = {
  q?: string | undefined;
  contentType?: string | undefined;
  mode?: string | undefined;
  competency?: string | undefined;
  status?: CourseStatus | undefined;
};

/** The folded search column holds the code and both names, so one box finds any of them. */
export function courseSearchKey(c: { code: string; nameVi: string; nameEn: string }): string {
  return searchKey(`${c.code} ${c.nameVi} ${c.nameEn}`);
}

/** JSON columns are written only by this file, so a parse failure means a corrupted row: fail loudly. */
function parseJson<T>(text: string, column: string, id: number): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`training_courses.${column} of row ${id} is not valid JSON`);
  }
}

type Row = Selectable<TrainingCourseTable>;

function toRecord(r: Row, competencies: CourseCompetency[]): CourseRecord {
  const { nameSearch: _s, sessions, prerequisites, eligibility, ...rest } = r;
  return {
    ...rest,
    contentType: r.contentType as ContentType,
    mode: r.mode as CourseMode,
    fundingSource: r.fundingSource as FundingSource,
    status: r.status as CourseStatus,
    durationDays: Number(r.durationDays),
    classCapacity: Number(r.classCapacity),
    minClassSize: Number(r.minClassSize),
    costPerClass: Number(r.costPerClass),
    costPerParticipant: Number(r.costPerParticipant),
    version: Number(r.version),
    sessions: parseJson<Session[]>(sessions, 'sessions', r.id),
    prerequisites: parseJson<string[]>(prerequisites, 'prerequisites', r.id),
    eligibility: parseJson<Eligibility>(eligibility, 'eligibility', r.id),
    competencies,
  };
}

function contentColumns(c: CourseContent, code: string) {
  return {
    nameVi: c.nameVi,
    nameEn: c.nameEn,
    nameSearch: courseSearchKey({ code, nameVi: c.nameVi, nameEn: c.nameEn }),
    contentType: c.contentType,
    mode: c.mode,
    provider: c.provider,
    location: c.location,
    durationDays: c.durationDays,
    sessions: JSON.stringify(c.sessions),
    classCapacity: c.classCapacity,
    minClassSize: c.minClassSize,
    costPerClass: c.costPerClass,
    costPerParticipant: c.costPerParticipant,
    fundingSource: c.fundingSource,
    prerequisites: JSON.stringify(c.prerequisites),
    eligibility: JSON.stringify(c.eligibility),
    effectiveFrom: c.effectiveFrom,
    effectiveTo: c.effectiveTo,
  };
}

/** PostgreSQL reports 23505; better-sqlite3 reports SQLITE_CONSTRAINT_UNIQUE. */
function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

async function competenciesOf(db: Db, courseIds: readonly number[]): Promise<Map<number, CourseCompetency[]>> {
  const map = new Map<number, CourseCompetency[]>();
  if (courseIds.length === 0) return map;
  // Chunked: a province lists a few hundred courses, but both dialects cap bound parameters.
  for (let i = 0; i < courseIds.length; i += 500) {
    const rows = await db
      .selectFrom('trainingCourseCompetencies')
      .select(['courseId', 'competencyCode', 'raisesToLevel'])
      .where('courseId', 'in', courseIds.slice(i, i + 500))
      .orderBy('courseId')
      .orderBy('competencyCode')
      .execute();
    for (const r of rows) {
      const list = map.get(r.courseId) ?? [];
      list.push({ competencyCode: r.competencyCode, raisesToLevel: Number(r.raisesToLevel) });
      map.set(r.courseId, list);
    }
  }
  return map;
}

async function writeCompetencies(db: Db, provinceCode: string, courseId: number, list: readonly CourseCompetency[]): Promise<void> {
  await db.deleteFrom('trainingCourseCompetencies').where('courseId', '=', courseId).execute();
  if (list.length === 0) return;
  await db
    .insertInto('trainingCourseCompetencies')
    .values(list.map((c) => ({ provinceCode, courseId, competencyCode: c.competencyCode, raisesToLevel: c.raisesToLevel })))
    .execute();
}

/**
 * Inserts an ACTIVE course with its competencies. A concurrent writer that took the code
 * first trips the unique constraint; that answers TRAINING_COURSE_CODE_TAKEN, not a 500.
 */
export async function insertCourse(
  db: Db,
  provinceCode: string,
  code: string,
  content: CourseContent,
  at: string,
  userId: number | null,
): Promise<number> {
  let id: number;
  try {
    ({ id } = await db
      .insertInto('trainingCourses')
      .values({
        provinceCode,
        code,
        ...contentColumns(content, code),
        status: 'ACTIVE',
        createdAt: at,
        createdBy: userId,
        updatedAt: at,
        updatedBy: userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow());
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('TRAINING_COURSE_CODE_TAKEN', { code });
    throw e;
  }
  await writeCompetencies(db, provinceCode, id, content.competencies);
  return id;
}

export async function findCourse(db: Db, id: number): Promise<CourseRecord | undefined> {
  const r = await db.selectFrom('trainingCourses').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  return toRecord(r, (await competenciesOf(db, [r.id])).get(r.id) ?? []);
}

export async function findCourseByCode(db: Db, provinceCode: string, code: string): Promise<CourseRecord | undefined> {
  const r = await db
    .selectFrom('trainingCourses')
    .select('id')
    .where('provinceCode', '=', provinceCode)
    .where('code', '=', code)
    .executeTakeFirst();
  return r ? findCourse(db, r.id) : undefined;
}

/**
 * Replaces a course's content if it still has the version the caller read; otherwise
 * VERSION_CONFLICT and nothing changes. Retired courses are not changed (TRAINING_COURSE_RETIRED
 * comes from the use case, which reads the row first; the status condition here closes the race).
 */
export async function updateCourse(
  db: Db,
  id: number,
  expectedVersion: number,
  content: CourseContent,
  code: string,
  provinceCode: string,
  at: string,
  userId: number | null,
): Promise<void> {
  const result = await db
    .updateTable('trainingCourses')
    .set((eb) => ({ ...contentColumns(content, code), version: eb('version', '+', 1), updatedAt: at, updatedBy: userId }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'ACTIVE')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('VERSION_CONFLICT');
  await writeCompetencies(db, provinceCode, id, content.competencies);
}

/** Marks a course RETIRED from `effectiveTo` on, under the same version check. */
export async function retireCourse(
  db: Db,
  id: number,
  expectedVersion: number,
  effectiveTo: string,
  at: string,
  userId: number | null,
): Promise<void> {
  const result = await db
    .updateTable('trainingCourses')
    .set((eb) => ({ status: 'RETIRED', effectiveTo, version: eb('version', '+', 1), updatedAt: at, updatedBy: userId }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('status', '=', 'ACTIVE')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('VERSION_CONFLICT');
}

/** Courses of a province matching the filter, with their competencies, unsorted: callers sort with Vietnamese collation. */
export async function listCourses(db: Db, provinceCode: string, f: CourseFilter): Promise<CourseRecord[]> {
  let q = db.selectFrom('trainingCourses').selectAll().where('provinceCode', '=', provinceCode);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.contentType) q = q.where('contentType', '=', f.contentType);
  if (f.mode) q = q.where('mode', '=', f.mode);
  if (f.competency) {
    const code = f.competency;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('trainingCourseCompetencies as tc')
          .select('tc.id')
          .whereRef('tc.courseId', '=', 'trainingCourses.id')
          .where('tc.competencyCode', '=', code),
      ),
    );
  }
  if (f.q) {
    // Every word must occur in the folded column, in any order; ESCAPE is explicit for SQLite.
    const words = searchKey(f.q).split(' ').filter(Boolean);
    if (words.length > 0)
      q = q.where((eb) => eb.and(words.map((w) => sql<boolean>`${sql.ref('nameSearch')} like ${likeContains(w)} escape '\\'`)));
  }
  const rows = await q.execute();
  const comps = await competenciesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toRecord(r, comps.get(r.id) ?? []));
}

/** Every course's code and prerequisites (any status), for existence and cycle checks. */
export async function listPrerequisiteGraph(
  db: Db,
  provinceCode: string,
): Promise<{ id: number; code: string; nameVi: string; prerequisites: string[] }[]> {
  const rows = await db
    .selectFrom('trainingCourses')
    .select(['id', 'code', 'nameVi', 'prerequisites'])
    .where('provinceCode', '=', provinceCode)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    nameVi: r.nameVi,
    prerequisites: parseJson<string[]>(r.prerequisites, 'prerequisites', r.id),
  }));
}

export async function courseCodeExists(db: Db, provinceCode: string, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('trainingCourses')
    .select('id')
    .where('provinceCode', '=', provinceCode)
    .where('code', '=', code)
    .executeTakeFirst();
  return row !== undefined;
}
