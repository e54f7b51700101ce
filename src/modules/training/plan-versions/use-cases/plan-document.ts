import type { Actor } from '../../../../platform/auth/actor.ts';
import { groupBy } from '../../../../platform/collections/group-by.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import type { Locale, Translate } from '../../../../platform/i18n/index.ts';
import { domainToday } from '../../../../platform/time/format.ts';
import type { FundingSource } from '../../courses.ts';
import { comparePlans, type PlanDiff } from '../../plan-documents/plan-compare.ts';
import { makePlanDocument, type PlanClass, type PlanDocument, planClassFromStored } from '../../plan-documents/plan-document.ts';
import { closedNeedLabel } from '../../plan-documents/plan-text.ts';
import { listCourses } from '../../training.repository.ts';
import { positionNamesOn, provinceNameOf, publishedCompetencyNames } from '../plan-document.repository.ts';
import * as repo from '../plan-versions.repository.ts';
import type { PlanDeps } from './gather-plan-input.ts';

/** A DONE version of the actor's province: another province's answers 404 (audited), an unfinished one 409. */
async function finishedPlan(deps: PlanDeps, actor: Actor, id: number): Promise<repo.PlanRow> {
  const plan = await repo.findPlan(deps.db, id);
  if (!plan) throw new AppError('TRAINING_PLAN_NOT_FOUND');
  if (plan.provinceCode !== actor.provinceCode) throw AppError.denied('TRAINING_PLAN_NOT_FOUND');
  if (plan.status !== 'DONE') throw new AppError('TRAINING_PLAN_NOT_READY');
  return plan;
}

/**
 * The whole stored version as a PlanDocument (issue 6 §4): every class with its attendees, their
 * unit (as stored), their job position on the version's date and the needs each attendance closes;
 * course names, content type, mode and sessions from the catalogue. The class cost and funding
 * source are the stored ones (the catalogue may have changed since); the per-class part is the
 * course's, the rest is the participants' share.
 */
export async function planDocumentOf(deps: PlanDeps, actor: Actor, id: number, t: Translate, locale: Locale): Promise<PlanDocument> {
  const plan = await finishedPlan(deps, actor, id);
  const classRows = await repo.listClasses(deps.db, id, {});
  const [attendees, courses, provinceName, competencyNames] = await Promise.all([
    repo.listAttendees(
      deps.db,
      classRows.map((c) => c.id),
    ),
    listCourses(deps.db, plan.provinceCode, {}),
    provinceNameOf(deps.db, plan.provinceCode),
    publishedCompetencyNames(deps.db, plan.provinceCode),
  ]);
  const positions = await positionNamesOn(
    deps.db,
    plan.provinceCode,
    [...new Set(attendees.map((a) => a.staffId))],
    domainToday(new Date(plan.createdAt)),
  );
  const byClass = groupBy(attendees, (a) => a.classId);
  const courseById = new Map(courses.map((c) => [c.id, c]));
  const nameOf = (v: { vi: string; en: string } | undefined) => (v ? (locale === 'vi' ? v.vi : v.en) : null);
  const classes: PlanClass[] = classRows.map((k) => {
    const c = courseById.get(k.courseId);
    const course = {
      code: k.courseCode,
      name: c ? (locale === 'vi' ? c.nameVi : c.nameEn) : locale === 'vi' ? k.courseNameVi : k.courseNameEn,
      contentType: c?.contentType ?? 'JOB_POSITION',
      mode: c?.mode ?? 'IN_PERSON',
      sessions: c?.sessions.length ?? 1,
      days: c?.durationDays ?? 0,
      costPerClass: Math.min(c?.costPerClass ?? 0, k.cost),
      costPerParticipant: c?.costPerParticipant ?? 0,
      fundingSource: k.fundingSource as FundingSource,
    };
    const doc = planClassFromStored(
      {
        year: k.year,
        courseCode: k.courseCode,
        classNo: k.classNo,
        attendees: (byClass.get(k.id) ?? []).map((a) => ({
          staffId: a.staffId,
          fullName: a.fullName,
          unitName: a.unitName,
          positionName: nameOf(positions.get(a.staffId)),
          needs: a.needs,
        })),
      },
      course,
      (n) => closedNeedLabel(t, n, n.competencyCode ? nameOf(competencyNames.get(n.competencyCode)) : null),
    );
    // The stored cost is what the optimiser budgeted: keep it as the total.
    return { ...doc, costParticipants: k.cost - doc.costPerClass, total: k.cost };
  });
  return makePlanDocument({
    planId: plan.id,
    provinceName,
    planName: plan.name,
    generatedAt: plan.finishedAt ?? plan.createdAt,
    parameters: {
      years: plan.parameters.years,
      budgets: plan.parameters.budgets.map((b) => ({ ...b, fundingSource: b.fundingSource as FundingSource })),
      maxDaysPerPersonYear: plan.parameters.maxDaysPerPersonYear,
      maxUnitShareAway: plan.parameters.maxUnitShareAway,
      timeLimitSeconds: plan.parameters.timeLimitSeconds,
    },
    solver: {
      status: plan.method === 'GREEDY' ? 'GREEDY' : (plan.solverStatus ?? 'GREEDY'),
      objective: plan.objective,
      bestBound: plan.bestBound,
      gap: plan.gap,
      seconds: plan.solveSeconds,
      greedyObjective: plan.greedyObjective,
    },
    classes,
  });
}

/** Two finished versions of the actor's province side by side (B − A). */
export async function comparePlanVersions(
  deps: PlanDeps,
  actor: Actor,
  a: number,
  b: number,
  t: Translate,
  locale: Locale,
): Promise<PlanDiff> {
  const [docA, docB] = await Promise.all([planDocumentOf(deps, actor, a, t, locale), planDocumentOf(deps, actor, b, t, locale)]);
  return comparePlans(docA, docB);
}

/** The versions a comparison can pick from: finished ones, newest first. */
export async function finishedPlanChoices(
  deps: PlanDeps,
  actor: Actor,
  limit: number,
): Promise<{ id: number; name: string; createdAt: string }[]> {
  return (await repo.listPlans(deps.db, actor.provinceCode, limit))
    .filter((p) => p.status === 'DONE')
    .map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt }));
}
