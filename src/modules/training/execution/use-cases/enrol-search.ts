import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Locale } from '../../../../platform/i18n/index.ts';
import { listStaff } from '../../../staff/use-cases/list-staff.ts';
import { reasonText } from '../../course-input.ts';
import type { NeedView } from '../../needs/needs.schemas.ts';
import { listNeeds } from '../../needs/use-cases/training-needs.ts';
import type { CourseRecord } from '../../training.repository.ts';
import type { TrainingDeps } from '../../use-cases/deps.ts';
import type { CandidateList, CandidateQuery, ClosedNeed, Suggestion, SuggestionList, SuggestionQuery } from '../enrol-search.schemas.ts';
import * as repo from '../execution.repository.ts';
import { courseOf, loadVisibleClass } from './classes.ts';
import { eligibilityOf } from './participants.ts';

/**
 * Finding the people to enrol in a class without knowing their record numbers: a search by
 * name over the staff the caller may see (unit roles: their own unit, as in the directory),
 * and the people whose training needs the class's course closes. Each comes with their
 * eligibility for the course on the class's first day and their row in the class, if any.
 */

/** Eligibility and enrolment of each person, as the bulk enrolment would judge them. */
async function judge(
  deps: TrainingDeps,
  actor: Actor,
  klass: repo.ClassRecord,
  course: CourseRecord,
  staffIds: readonly number[],
  locale: Locale,
) {
  const [eligible, existing] = await Promise.all([
    eligibilityOf(deps.db, actor, klass, course, staffIds),
    repo.enrolmentStatusesIn(deps.db, klass.id, staffIds),
  ]);
  return (staffId: number) => {
    const e = eligible.get(staffId);
    return {
      eligible: e?.eligible ?? false,
      reasons: (e?.reasons ?? []).map((r) => reasonText(r, locale)),
      enrolment: existing.get(staffId)?.status ?? null,
    };
  };
}

/** A page of the staff in the caller's scope whose name matches, in directory order. */
export async function searchCandidates(
  deps: TrainingDeps,
  actor: Actor,
  classId: number,
  q: CandidateQuery,
  locale: Locale,
): Promise<CandidateList> {
  const klass = await loadVisibleClass(deps.db, actor, classId);
  const [course, page] = await Promise.all([
    courseOf(deps.db, klass),
    listStaff(deps, actor, { q: q.q, page: q.page, pageSize: q.pageSize }),
  ]);
  const of = await judge(
    deps,
    actor,
    klass,
    course,
    page.items.map((s) => s.id),
    locale,
  );
  return {
    classId,
    total: page.total,
    page: q.page,
    pageSize: q.pageSize,
    items: page.items.map((s) => ({
      staffId: s.id,
      fullName: s.fullName,
      unitName: s.unit.name,
      rank: s.rank,
      currentTitle: s.currentTitle,
      ...of(s.id),
    })),
  };
}

/** The needs of one person the course closes: a competency it raises to at least the required level, or its mandatory programme. */
export function closedBy(course: Pick<CourseRecord, 'code' | 'competencies'>, needs: readonly NeedView[]): ClosedNeed[] {
  return needs
    .filter((n) => {
      if (n.kind === 'MANDATORY') return n.courseCode === course.code;
      const raise = course.competencies.find((c) => c.competencyCode === n.competencyCode);
      return raise !== undefined && n.required !== null && raise.raisesToLevel >= n.required;
    })
    .map((n) => ({
      kind: n.kind,
      competencyCode: n.competencyCode,
      competencyNameVi: n.competencyNameVi,
      competencyNameEn: n.competencyNameEn,
      courseCode: n.courseCode,
      required: n.required,
      assessed: n.assessed,
      weight: n.weight,
    }))
    .sort((a, b) => b.weight - a.weight);
}

/** Every person in scope has their needs computed at once: one computation, whatever the page. */
const ALL_PEOPLE = 1_000_000;

/**
 * People in the caller's scope (unit roles: their unit) with a training need the class's
 * course closes and no seat in the class yet, largest total need weight first (then name),
 * the first `limit` of them.
 */
export async function suggestCandidates(
  deps: TrainingDeps,
  actor: Actor,
  classId: number,
  q: SuggestionQuery,
  locale: Locale,
): Promise<SuggestionList> {
  const klass = await loadVisibleClass(deps.db, actor, classId);
  const [course, needs] = await Promise.all([courseOf(deps.db, klass), listNeeds(deps, actor, { page: 1, pageSize: ALL_PEOPLE })]);
  const matched = needs.items
    .map((p) => {
      const closed = closedBy(course, p.needs);
      return { person: p, closed, weight: closed.reduce((s, n) => s + n.weight, 0) };
    })
    .filter((m) => m.closed.length > 0);
  const seated = await repo.enrolmentStatusesIn(
    deps.db,
    classId,
    matched.map((m) => m.person.staffId),
  );
  const open = matched
    .filter((m) => {
      const status = seated.get(m.person.staffId)?.status;
      return status === undefined || status === 'WITHDRAWN';
    })
    .sort((a, b) => b.weight - a.weight || a.person.fullName.localeCompare(b.person.fullName, 'vi') || a.person.staffId - b.person.staffId);
  const top = open.slice(0, q.limit);
  const of = await judge(
    deps,
    actor,
    klass,
    course,
    top.map((m) => m.person.staffId),
    locale,
  );
  const items: Suggestion[] = top.map((m) => ({
    staffId: m.person.staffId,
    fullName: m.person.fullName,
    unitName: m.person.unitName,
    weight: m.weight,
    needs: m.closed,
    ...of(m.person.staffId),
  }));
  return { classId, courseCode: course.code, asOf: needs.asOf, total: open.length, items };
}
