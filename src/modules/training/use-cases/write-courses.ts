import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { throwIfProblems } from '../course-input.ts';
import { type CourseFacts, checkCourse, checkCourseCode } from '../courses.ts';
import * as repo from '../training.repository.ts';
import type { CourseCreateInput, CourseDetail, CourseRetireInput, CourseUpdateInput } from '../training.schemas.ts';
import type { TrainingDeps } from './deps.ts';
import { frameworkCompetencies, getCourse, loadVisibleCourse } from './read-courses.ts';

type ContentInput = Omit<CourseUpdateInput, 'version'>;

export function toContent(input: ContentInput, effectiveFrom: string): repo.CourseContent {
  return {
    nameVi: input.nameVi,
    nameEn: input.nameEn,
    contentType: input.contentType,
    mode: input.mode,
    provider: input.provider,
    location: input.location ?? null,
    durationDays: input.durationDays,
    sessions: input.sessions.map((s) => (s.note ? { days: s.days, note: s.note } : { days: s.days })),
    classCapacity: input.classCapacity,
    minClassSize: input.minClassSize,
    costPerClass: input.costPerClass,
    costPerParticipant: input.costPerParticipant,
    fundingSource: input.fundingSource,
    prerequisites: input.prerequisites,
    eligibility: input.eligibility,
    competencies: input.competencies,
    effectiveFrom,
    effectiveTo: input.effectiveTo ?? null,
  };
}

/**
 * Checks a course against the catalogue as it is inside the transaction: competencies
 * against the published framework in force when the course is first offered (or today, if
 * later: the catalogue plans from now on), prerequisites against the other courses.
 */
async function checkAgainstCatalogue(
  deps: TrainingDeps,
  trx: Db,
  actor: Actor,
  code: string,
  content: repo.CourseContent,
  locale: Locale,
): Promise<void> {
  const today = domainToday(deps.clock.now());
  // ISO dates sort as text: the later of the two.
  const onDate = [content.effectiveFrom, today].sort()[1] ?? today;
  const library = content.competencies.length > 0 ? await frameworkCompetencies({ db: trx, clock: deps.clock }, actor, onDate) : [];
  const graph = await repo.listPrerequisiteGraph(trx, actor.provinceCode);
  const facts: CourseFacts = { code, ...content };
  throwIfProblems(
    checkCourse(facts, {
      competencyCodes: library === null ? null : new Set(library.map((c) => c.code)),
      otherCourses: graph.filter((g) => g.code !== code),
    }),
    locale,
  );
}

/** What the audit log keeps of a course: its content, not the search column or timestamps. */
function auditImage(code: string, c: repo.CourseContent, status = 'ACTIVE') {
  return { code, status, ...c };
}

/**
 * Adds an ACTIVE course to the actor's province catalogue, offered from `effectiveFrom`
 * (today in Vietnam when omitted). A code already in the catalogue answers
 * TRAINING_COURSE_CODE_TAKEN; every rule problem answers VALIDATION_FAILED, nothing written.
 */
export async function createCourse(
  deps: TrainingDeps,
  actor: Actor,
  input: CourseCreateInput,
  meta: AuditMeta,
  locale: Locale,
): Promise<CourseDetail> {
  throwIfProblems(checkCourseCode(input.code), locale);
  const content = toContent(input, input.effectiveFrom ?? domainToday(deps.clock.now()));
  const id = await audited(deps.db, meta, 'training.course.create', 'training_course', async (trx) => {
    if (await repo.courseCodeExists(trx, actor.provinceCode, input.code))
      throw new AppError('TRAINING_COURSE_CODE_TAKEN', { code: input.code });
    await checkAgainstCatalogue(deps, trx, actor, input.code, content, locale);
    const newId = await repo.insertCourse(trx, actor.provinceCode, input.code, content, meta.at, actor.userId || null);
    return { result: newId, entityId: newId, after: auditImage(input.code, content) };
  });
  return getCourse(deps, actor, id);
}

/**
 * Replaces the content of an ACTIVE course (its code stays: plans and prerequisites refer to
 * it). The caller sends the version it read: a stale one answers VERSION_CONFLICT, a retired
 * course TRAINING_COURSE_RETIRED, and nothing changes.
 */
export async function updateCourse(
  deps: TrainingDeps,
  actor: Actor,
  id: number,
  input: CourseUpdateInput,
  meta: AuditMeta,
  locale: Locale,
): Promise<CourseDetail> {
  await audited(deps.db, meta, 'training.course.update', 'training_course', async (trx) => {
    const current = await loadVisibleCourse(trx, actor, id);
    if (current.status === 'RETIRED') throw new AppError('TRAINING_COURSE_RETIRED');
    if (current.version !== input.version) throw new AppError('VERSION_CONFLICT');
    const content = toContent(input, input.effectiveFrom ?? current.effectiveFrom);
    await checkAgainstCatalogue(deps, trx, actor, current.code, content, locale);
    await repo.updateCourse(trx, id, input.version, content, current.code, actor.provinceCode, meta.at, actor.userId || null);
    const {
      id: _i,
      provinceCode: _p,
      code,
      status,
      version: _v,
      createdAt: _c,
      createdBy: _cb,
      updatedAt: _u,
      updatedBy: _ub,
      ...before
    } = current;
    return { result: null, entityId: id, before: auditImage(code, before, status), after: auditImage(code, content) };
  });
  return getCourse(deps, actor, id);
}

/**
 * Retires a course: no longer offered after `effectiveTo` (today when omitted), kept for
 * the plans and records that name it. Same version check as an update.
 */
export async function retireCourse(
  deps: TrainingDeps,
  actor: Actor,
  id: number,
  input: CourseRetireInput,
  meta: AuditMeta,
  locale: Locale,
): Promise<CourseDetail> {
  const effectiveTo = input.effectiveTo ?? domainToday(deps.clock.now());
  await audited(deps.db, meta, 'training.course.retire', 'training_course', async (trx) => {
    const current = await loadVisibleCourse(trx, actor, id);
    if (current.status === 'RETIRED') throw new AppError('TRAINING_COURSE_RETIRED');
    if (current.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (effectiveTo < current.effectiveFrom) throwIfProblems([{ path: 'effectiveTo', key: 'effectiveToBeforeFrom' }], locale);
    await repo.retireCourse(trx, id, input.version, effectiveTo, meta.at, actor.userId || null);
    return {
      result: null,
      entityId: id,
      before: { status: current.status, effectiveTo: current.effectiveTo },
      after: { status: 'RETIRED', effectiveTo },
    };
  });
  return getCourse(deps, actor, id);
}
