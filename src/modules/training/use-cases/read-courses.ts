import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { getRule } from '../../../platform/rules/rules.ts';
import { sortByText } from '../../../platform/text/collation.ts';
import { domainToday } from '../../../platform/time/format.ts';
import type { CompetencyView } from '../../competencies/competencies.schemas.ts';
import { listCompetencies } from '../../competencies/use-cases/library.ts';
import { coursePeriods } from '../courses.ts';
import { type CourseRecord, findCourse, listCourses as listCourseRows, listPrerequisiteGraph } from '../training.repository.ts';
import type { CourseDetail, CourseListQuery, CourseListResponse, CourseSummary } from '../training.schemas.ts';
import type { TrainingDeps } from './deps.ts';

export function toCourseSummary(c: CourseRecord): CourseSummary {
  return {
    id: c.id,
    code: c.code,
    nameVi: c.nameVi,
    nameEn: c.nameEn,
    contentType: c.contentType,
    mode: c.mode,
    provider: c.provider,
    durationDays: c.durationDays,
    classCapacity: c.classCapacity,
    minClassSize: c.minClassSize,
    costPerClass: c.costPerClass,
    costPerParticipant: c.costPerParticipant,
    fundingSource: c.fundingSource,
    status: c.status,
    effectiveFrom: c.effectiveFrom,
    effectiveTo: c.effectiveTo,
    competencies: c.competencies,
  };
}

/**
 * A course of the actor's province. The catalogue is province-wide, so every reader of the
 * province sees it; another province's course answers the same 404 as a missing one (and is
 * recorded as a refused access).
 */
export async function loadVisibleCourse(db: Db, actor: Actor, id: number): Promise<CourseRecord> {
  const c = await findCourse(db, id);
  if (!c) throw new AppError('TRAINING_COURSE_NOT_FOUND');
  if (c.provinceCode !== actor.provinceCode) throw AppError.denied('TRAINING_COURSE_NOT_FOUND');
  return c;
}

/**
 * The competencies of the published framework in force on `onDate`, or null when the
 * province has none yet (a course may then raise no competency).
 */
export async function frameworkCompetencies(deps: TrainingDeps, actor: Actor, onDate: string): Promise<CompetencyView[] | null> {
  try {
    return (await listCompetencies(deps, actor, { asOf: onDate })).items;
  } catch (e) {
    if (e instanceof AppError && e.code === 'FRAMEWORK_VERSION_NOT_FOUND') return null;
    throw e;
  }
}

/**
 * The province's courses matching the filters (ACTIVE by default), in Vietnamese
 * alphabetical order, one page at a time. A province keeps at most a few hundred courses,
 * so sorting happens here after one query: neither SQLite nor a C-locale PostgreSQL orders
 * Vietnamese correctly.
 */
export async function listCourses(deps: TrainingDeps, actor: Actor, query: CourseListQuery): Promise<CourseListResponse> {
  const rows = await listCourseRows(deps.db, actor.provinceCode, {
    q: query.q,
    contentType: query.contentType,
    mode: query.mode,
    competency: query.competency,
    status: query.status === 'ALL' ? undefined : query.status,
  });
  const sorted = sortByText(rows, (r) => r.nameVi, 'vi');
  const start = (query.page - 1) * query.pageSize;
  return {
    items: sorted.slice(start, start + query.pageSize).map(toCourseSummary),
    total: sorted.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One course with competency names from today's framework, its prerequisites resolved and, for postgraduate study, the rule in force. */
export async function getCourse(deps: TrainingDeps, actor: Actor, id: number): Promise<CourseDetail> {
  const c = await loadVisibleCourse(deps.db, actor, id);
  const today = domainToday(deps.clock.now());
  const [library, graph, periods, pgRule] = await Promise.all([
    frameworkCompetencies(deps, actor, today),
    listPrerequisiteGraph(deps.db, actor.provinceCode),
    getRule(deps.db, 'training.minAnnualPeriods', actor.provinceCode, today),
    c.eligibility.postgraduate ? getRule(deps.db, 'training.postgraduate', actor.provinceCode, today) : Promise.resolve(null),
  ]);
  const byCode = new Map((library ?? []).map((x) => [x.code, x]));
  const byCourse = new Map(graph.map((g) => [g.code, g]));
  const pg = c.eligibility.postgraduate;
  return {
    ...toCourseSummary(c),
    location: c.location,
    sessions: c.sessions.map((s) => (s.note ? { days: s.days, note: s.note } : { days: s.days })),
    prerequisites: c.prerequisites.map((code) => ({
      code,
      id: byCourse.get(code)?.id ?? null,
      nameVi: byCourse.get(code)?.nameVi ?? null,
    })),
    eligibility: {
      targetRanks: c.eligibility.targetRanks,
      positionGroups: c.eligibility.positionGroups,
      fields: c.eligibility.fields,
      postgraduate: pg
        ? {
            programmeMonths: pg.programmeMonths,
            minServiceYears: pg.minServiceYears ?? null,
            maxAgeAtFirstSending: pg.maxAgeAtFirstSending ?? null,
            commitmentMultiple: pg.commitmentMultiple ?? null,
          }
        : null,
    },
    competencies: c.competencies.map((x) => ({
      ...x,
      nameVi: byCode.get(x.competencyCode)?.nameVi ?? null,
      nameEn: byCode.get(x.competencyCode)?.nameEn ?? null,
    })),
    postgraduateRule: pgRule
      ? {
          version: pgRule.version,
          effectiveFrom: pgRule.effectiveFrom,
          sourceNote: pgRule.sourceNote,
          minServiceYears: pgRule.minServiceYears,
          recentRatingYears: pgRule.recentRatingYears,
          minRating: pgRule.minRating,
          maxAgeAtFirstSending: pgRule.maxAgeAtFirstSending,
          commitmentMultiple: pgRule.commitmentMultiple,
          repayment: pgRule.repayment,
        }
      : null,
    periods: coursePeriods(c.durationDays, periods.periodsPerDay),
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
