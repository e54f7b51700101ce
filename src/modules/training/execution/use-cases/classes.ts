import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import { type Actor, canAccessUnit } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { AppError, type FieldProblem } from '../../../../platform/errors/app-error.ts';
import { type Locale, type MessageKey, translator } from '../../../../platform/i18n/index.ts';
import { type CourseRecord, findCourse, findCourseByCode } from '../../training.repository.ts';
import type { TrainingDeps } from '../../use-cases/deps.ts';
import * as repo from '../execution.repository.ts';
import type { ClassCreateInput, ClassDetail, ClassList, ClassListQuery, ClassSummary, ClassUpdateInput } from '../execution.schemas.ts';
import { canChangeStatus } from '../execution.ts';

/** A problem with a field, in the caller's language (`key` under trainingExec.rule.). */
export function problem(locale: Locale, path: string, key: string, params: Record<string, string | number> = {}): FieldProblem {
  return { path, message: translator(locale)(`trainingExec.rule.${key}` as MessageKey, params) };
}

export function throwProblems(problems: readonly FieldProblem[]): void {
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', {}, [...problems]);
}

/** A class of the actor's province (another province's answers the same 404, audited as refused). */
export async function loadVisibleClass(db: Db, actor: Actor, id: number, lock = false): Promise<repo.ClassRecord> {
  const c = lock ? await repo.lockClass(db, id) : await repo.findClass(db, id);
  if (!c) throw new AppError('TRAINING_CLASS_NOT_FOUND');
  if (c.provinceCode !== actor.provinceCode) throw AppError.denied('TRAINING_CLASS_NOT_FOUND');
  return c;
}

export async function courseOf(db: Db, c: repo.ClassRecord): Promise<CourseRecord> {
  const course = await findCourse(db, c.courseId);
  if (!course) throw new AppError('TRAINING_COURSE_NOT_FOUND');
  return course;
}

function toSummary(c: repo.ClassRecord, counts: { seats: number; completed: number } | undefined): ClassSummary {
  const { provinceCode: _p, createdAt: _c, updatedAt: _u, ...rest } = c;
  return { ...rest, seatsTaken: counts?.seats ?? 0, completed: counts?.completed ?? 0 };
}

/** The province's classes, latest start first, with seats taken and completions. */
export async function listClasses(deps: TrainingDeps, actor: Actor, q: ClassListQuery): Promise<ClassList> {
  const page = await repo.listClasses(
    deps.db,
    actor.provinceCode,
    { year: q.year, courseId: q.courseId, status: q.status },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  const counts = await repo.seatCounts(
    deps.db,
    page.items.map((c) => c.id),
  );
  return { items: page.items.map((c) => toSummary(c, counts.get(c.id))), total: page.total, page: q.page, pageSize: q.pageSize };
}

/**
 * One class with its participants and their attendance. Unit roles read the class but see
 * only the people of their own unit (the counts stay the whole class's).
 */
export async function getClass(deps: TrainingDeps, actor: Actor, id: number): Promise<ClassDetail> {
  const c = await loadVisibleClass(deps.db, actor, id);
  const [course, counts, enrolments] = await Promise.all([
    courseOf(deps.db, c),
    repo.seatCounts(deps.db, [id]),
    repo.listEnrolments(deps.db, id),
  ]);
  const visible = enrolments.filter((e) => canAccessUnit(actor, { provinceCode: c.provinceCode, unitId: e.unitId }));
  const cells = await repo.listAttendance(
    deps.db,
    visible.map((e) => e.id),
  );
  return {
    ...toSummary(c, counts.get(id)),
    competencies: course.competencies,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    enrolments: visible.map(({ classId: _c, nameSort: _n, ...e }) => ({
      ...e,
      presentDays: cells.filter((x) => x.enrolmentId === e.id && x.present).map((x) => x.day),
      absentDays: cells.filter((x) => x.enrolmentId === e.id && !x.present).map((x) => x.day),
    })),
  };
}

/** Organising unit of the province, or a field problem. */
async function checkUnit(db: Db, actor: Actor, unitId: number | null | undefined, locale: Locale): Promise<FieldProblem[]> {
  if (unitId === null || unitId === undefined) return [];
  const u = await repo.findUnit(db, unitId);
  return u && u.provinceCode === actor.provinceCode ? [] : [problem(locale, 'organisingUnitId', 'unitUnknown')];
}

function contentOf(input: ClassCreateInput | ClassUpdateInput, course: CourseRecord): repo.ClassContent {
  return {
    organisingUnitId: input.organisingUnitId ?? null,
    provider: input.provider ?? course.provider,
    year: Number(input.startDate.slice(0, 4)),
    startDate: input.startDate,
    endDate: input.endDate,
    sessionDays: input.sessionDays ?? course.durationDays,
    location: input.location === undefined ? course.location : input.location,
    mode: input.mode ?? course.mode,
    capacity: input.capacity ?? course.classCapacity,
    planClassId: input.planClassId ?? null,
  };
}

/**
 * Organises a class of an ACTIVE catalogue course: provider, mode, location, capacity and
 * days default to the course's. The code defaults to COURSE-YEAR-n (n: the course's classes
 * that year + 1). Audited.
 */
export async function createClass(
  deps: TrainingDeps,
  actor: Actor,
  input: ClassCreateInput,
  meta: AuditMeta,
  locale: Locale,
): Promise<ClassDetail> {
  const id = await audited(deps.db, meta, 'training.class.create', 'training_class', async (trx) => {
    const course =
      input.courseId !== undefined
        ? await findCourse(trx, input.courseId)
        : await findCourseByCode(trx, actor.provinceCode, input.courseCode as string);
    if (!course) throw new AppError('TRAINING_COURSE_NOT_FOUND');
    if (course.provinceCode !== actor.provinceCode) throw AppError.denied('TRAINING_COURSE_NOT_FOUND');
    if (course.status === 'RETIRED') throw new AppError('TRAINING_COURSE_RETIRED');
    const content = contentOf(input, course);
    const problems = await checkUnit(trx, actor, content.organisingUnitId, locale);
    if (course.effectiveFrom > content.startDate || (course.effectiveTo !== null && course.effectiveTo < content.startDate))
      problems.push(problem(locale, 'startDate', 'courseNotInForce', { code: course.code }));
    throwProblems(problems);
    const code = input.code ?? `${course.code}-${content.year}-${(await repo.countClassesOf(trx, course.id, content.year)) + 1}`;
    const newId = await repo.insertClass(
      trx,
      actor.provinceCode,
      { ...content, courseId: course.id, code, status: input.status },
      meta.at,
      actor.userId || null,
    );
    return { result: newId, entityId: newId, after: { code, courseCode: course.code, status: input.status, ...content } };
  });
  return getClass(deps, actor, id);
}

/**
 * Changes a class's details and status under the version the caller read. The course stays;
 * status moves PLANNED → OPEN → RUNNING (or back one step) or to CANCELLED; COMPLETED comes
 * from recording results. Capacity cannot fall under the seats taken. Audited.
 */
export async function updateClass(
  deps: TrainingDeps,
  actor: Actor,
  id: number,
  input: ClassUpdateInput,
  meta: AuditMeta,
  locale: Locale,
): Promise<ClassDetail> {
  await audited(deps.db, meta, 'training.class.update', 'training_class', async (trx) => {
    const current = await loadVisibleClass(trx, actor, id, true);
    if (current.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (!canChangeStatus(current.status, input.status))
      throw new AppError('TRAINING_CLASS_STATUS', { status: current.status, to: input.status });
    const course = await courseOf(trx, current);
    const content = contentOf(input, course);
    const problems = await checkUnit(trx, actor, content.organisingUnitId, locale);
    const seats = (await repo.seatCounts(trx, [id])).get(id)?.seats ?? 0;
    if (content.capacity < seats) problems.push(problem(locale, 'capacity', 'capacityBelowSeats', { seats }));
    throwProblems(problems);
    await repo.updateClass(trx, id, input.version, { ...content, status: input.status }, meta.at, actor.userId || null);
    const { version: _v, createdAt: _c, updatedAt: _u, ...before } = current;
    return { result: null, entityId: id, before, after: { ...content, status: input.status } };
  });
  return getClass(deps, actor, id);
}
