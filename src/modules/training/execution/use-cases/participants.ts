import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { AppError, type FieldProblem } from '../../../../platform/errors/app-error.ts';
import { type Locale, type MessageKey, translator } from '../../../../platform/i18n/index.ts';
import { getRuleInForce } from '../../../../platform/rules/rules.ts';
import { domainToday } from '../../../../platform/time/format.ts';
import { setTrainingEvidence } from '../../../position-fit/use-cases/position-fit.ts';
import { reasonText } from '../../course-input.ts';
import { type EligibilityResult, eligibility } from '../../courses.ts';
import type { CourseRecord } from '../../training.repository.ts';
import type { TrainingDeps } from '../../use-cases/deps.ts';
import * as repo from '../execution.repository.ts';
import type { AttendanceInput, ClassDetail, CompleteInput, EnrolInput, EnrolmentView, EnrolResult } from '../execution.schemas.ts';
import { canEnrol, canRecordResults, canWithdraw, decideEnrolments, type EnrolCandidate, evidenceOf, holdsSeat } from '../execution.ts';
import { courseOf, getClass, loadVisibleClass, problem, throwProblems } from './classes.ts';
import { personFactsOf } from './person-facts.ts';

/** Eligibility of each person for the class's course on its first day (courses.ts `eligibility`, facts from personFactsOf). */
export async function eligibilityOf(
  trx: Db,
  actor: Actor,
  klass: repo.ClassRecord,
  course: CourseRecord,
  staffIds: readonly number[],
): Promise<Map<number, EligibilityResult>> {
  const onDate = klass.startDate;
  const [facts, rule] = await Promise.all([
    personFactsOf(trx, actor.provinceCode, staffIds, onDate, klass.id),
    getRuleInForce(trx, 'training.postgraduate', actor.provinceCode, onDate),
  ]);
  const out = new Map<number, EligibilityResult>();
  for (const [staffId, f] of facts) out.set(staffId, eligibility(course, f, onDate, rule.value));
  return out;
}

/**
 * Enrols people in order while seats are free, in one transaction that holds the class's
 * row lock (PostgreSQL) so two concurrent enrolments cannot both take the last seat. Each
 * refused person is reported with a reason (unknown, already enrolled, not eligible with
 * every unmet rule, class full); the others are enrolled. Audited.
 */
export async function enrol(
  deps: TrainingDeps,
  actor: Actor,
  classId: number,
  input: EnrolInput,
  meta: AuditMeta,
  locale: Locale,
): Promise<EnrolResult> {
  const t = translator(locale);
  return audited(deps.db, meta, 'training.class.enrol', 'training_class', async (trx) => {
    const klass = await loadVisibleClass(trx, actor, classId, true);
    if (!canEnrol(klass.status)) throw new AppError('TRAINING_CLASS_STATUS', { status: klass.status, to: 'ENROLLED' });
    const course = await courseOf(trx, klass);
    const [counts, existing, eligible] = await Promise.all([
      repo.seatCounts(trx, [classId]),
      repo.enrolmentStatusesIn(trx, classId, input.staffIds),
      eligibilityOf(trx, actor, klass, course, input.staffIds),
    ]);
    const seatsBefore = counts.get(classId)?.seats ?? 0;
    const candidates: EnrolCandidate[] = input.staffIds.map((staffId) => ({
      staffId,
      found: eligible.has(staffId),
      existing: existing.get(staffId)?.status ?? null,
      eligible: eligible.get(staffId)?.eligible ?? false,
    }));
    const result: EnrolResult = { classId, enrolled: [], refused: [], seatsTaken: seatsBefore, capacity: klass.capacity };
    for (const d of decideEnrolments(candidates, seatsBefore, klass.capacity)) {
      if ('refusal' in d) {
        const reasons = d.refusal === 'NOT_ELIGIBLE' ? (eligible.get(d.staffId)?.reasons ?? []).map((r) => reasonText(r, locale)) : [];
        result.refused.push({
          staffId: d.staffId,
          code: d.refusal,
          message: t(`trainingExec.refusal.${d.refusal}` as MessageKey),
          reasons,
        });
        continue;
      }
      const row = existing.get(d.staffId);
      let enrolmentId: number;
      if (d.action === 'REACTIVATE' && row) {
        await repo.reactivateEnrolment(trx, row.id, meta.at, actor.userId || null);
        enrolmentId = row.id;
      } else enrolmentId = await repo.insertEnrolment(trx, actor.provinceCode, classId, d.staffId, meta.at, actor.userId || null);
      result.enrolled.push({ staffId: d.staffId, enrolmentId });
    }
    result.seatsTaken = seatsBefore + result.enrolled.length;
    return {
      result,
      entityId: classId,
      before: { seatsTaken: seatsBefore },
      after: { enrolled: result.enrolled, refused: result.refused.map((r) => ({ staffId: r.staffId, code: r.code })) },
    };
  });
}

/** An enrolment of this class (else 404). */
async function enrolmentOf(db: Db, classId: number, enrolmentId: number): Promise<repo.EnrolmentRecord> {
  const e = await repo.findEnrolment(db, enrolmentId);
  if (!e || e.classId !== classId) throw new AppError('TRAINING_ENROLMENT_NOT_FOUND');
  return e;
}

/** Withdraws a person whose result is not recorded; the seat is freed. Audited. */
export async function withdraw(
  deps: TrainingDeps,
  actor: Actor,
  classId: number,
  enrolmentId: number,
  meta: AuditMeta,
): Promise<EnrolmentView> {
  await audited(deps.db, meta, 'training.enrolment.withdraw', 'training_enrolment', async (trx) => {
    await loadVisibleClass(trx, actor, classId, true);
    const e = await enrolmentOf(trx, classId, enrolmentId);
    if (!canWithdraw(e.status) || !(await repo.withdrawEnrolment(trx, enrolmentId, meta.at, actor.userId || null)))
      throw new AppError('TRAINING_ENROLMENT_STATUS', { status: e.status });
    return {
      result: null,
      entityId: enrolmentId,
      before: { classId, staffId: e.staffId, status: e.status },
      after: { status: 'WITHDRAWN' },
    };
  });
  const detail = await getClass(deps, actor, classId);
  const view = detail.enrolments.find((x) => x.id === enrolmentId);
  if (!view) throw AppError.denied('TRAINING_ENROLMENT_NOT_FOUND');
  return view;
}

/** Every listed enrolment must be of the class and hold a seat; problems point at the body's entries. */
function checkEntries(
  locale: Locale,
  byId: Map<number, repo.EnrolmentRecord>,
  entries: readonly { enrolmentId: number }[],
  prefix: string,
): FieldProblem[] {
  return entries.flatMap((x, i) => {
    const e = byId.get(x.enrolmentId);
    if (!e) return [problem(locale, `${prefix}.${i}.enrolmentId`, 'enrolmentUnknown', { id: x.enrolmentId })];
    if (!holdsSeat(e.status)) return [problem(locale, `${prefix}.${i}.enrolmentId`, 'enrolmentWithdrawn', { id: x.enrolmentId })];
    return [];
  });
}

/** Records attendance cells (enrolment × session day), overwriting earlier ones. Audited. */
export async function recordAttendance(
  deps: TrainingDeps,
  actor: Actor,
  classId: number,
  input: AttendanceInput,
  meta: AuditMeta,
  locale: Locale,
): Promise<{ classId: number; recorded: number }> {
  return audited(deps.db, meta, 'training.attendance.record', 'training_class', async (trx) => {
    const klass = await loadVisibleClass(trx, actor, classId, true);
    if (!canRecordResults(klass.status)) throw new AppError('TRAINING_CLASS_STATUS', { status: klass.status, to: 'ATTENDANCE' });
    const byId = new Map((await repo.listEnrolments(trx, classId)).map((e) => [e.id, e]));
    const problems = checkEntries(locale, byId, input.entries, 'entries');
    input.entries.forEach((x, i) => {
      if (x.day > klass.sessionDays) problems.push(problem(locale, `entries.${i}.day`, 'dayOutOfRange', { max: klass.sessionDays }));
    });
    throwProblems(problems);
    const recorded = await repo.upsertAttendance(trx, actor.provinceCode, input.entries, meta.at, actor.userId || null);
    return { result: { classId, recorded }, entityId: classId, after: { entries: input.entries } };
  });
}

/**
 * Records results and marks the class COMPLETED. A COMPLETED outcome (a passing result)
 * records, through position-fit, that the person is at least the course's level in each
 * competency it raises from the completion date, with the class and enrolment as the source
 * and the recording user; FAILED or NO_SHOW records none and removes what an earlier
 * COMPLETED result recorded (a correction). One audited transaction with both images.
 */
export async function complete(
  deps: TrainingDeps,
  actor: Actor,
  classId: number,
  input: CompleteInput,
  meta: AuditMeta,
  locale: Locale,
): Promise<ClassDetail> {
  await audited(deps.db, meta, 'training.class.complete', 'training_class', async (trx) => {
    const klass = await loadVisibleClass(trx, actor, classId, true);
    if (!canRecordResults(klass.status)) throw new AppError('TRAINING_CLASS_STATUS', { status: klass.status, to: 'COMPLETED' });
    const course = await courseOf(trx, klass);
    const byId = new Map((await repo.listEnrolments(trx, classId)).map((e) => [e.id, e]));
    const completedOn = input.completedOn ?? klass.endDate;
    const problems = checkEntries(locale, byId, input.results, 'results');
    if (completedOn < klass.startDate) problems.push(problem(locale, 'completedOn', 'completedBeforeStart'));
    if (completedOn > domainToday(deps.clock.now())) problems.push(problem(locale, 'completedOn', 'completedInFuture'));
    const seen = new Set<number>();
    input.results.forEach((r, i) => {
      if (seen.has(r.enrolmentId)) problems.push(problem(locale, `results.${i}.enrolmentId`, 'enrolmentTwice', { id: r.enrolmentId }));
      seen.add(r.enrolmentId);
    });
    throwProblems(problems);
    const before: unknown[] = [];
    const after: unknown[] = [];
    const by = actor.userId || null;
    for (const r of input.results) {
      const e = byId.get(r.enrolmentId) as repo.EnrolmentRecord;
      await repo.setResult(
        trx,
        e.id,
        { status: r.outcome, score: r.score ?? null, grade: r.grade ?? null, certificateNo: r.certificateNo ?? null, completedOn },
        meta.at,
        by,
      );
      const evidence = evidenceOf(r.outcome, course.competencies).map((x) => ({
        staffId: e.staffId,
        competencyCode: x.competencyCode,
        level: x.level,
        achievedOn: completedOn,
        enrolmentId: e.id,
        classId,
        classCode: klass.code,
        courseCode: course.code,
        courseName: course.nameVi,
      }));
      const ev = await setTrainingEvidence(trx, actor.provinceCode, e.id, evidence, meta.at, by);
      before.push({
        enrolmentId: e.id,
        staffId: e.staffId,
        status: e.status,
        score: e.score,
        completedOn: e.completedOn,
        evidence: ev.before,
      });
      after.push({ enrolmentId: e.id, staffId: e.staffId, status: r.outcome, score: r.score ?? null, completedOn, evidence: ev.after });
    }
    if (klass.status !== 'COMPLETED') await repo.setClassStatus(trx, classId, 'COMPLETED', meta.at, by);
    return {
      result: null,
      entityId: classId,
      before: { status: klass.status, results: before },
      after: { status: 'COMPLETED', results: after },
    };
  });
  return getClass(deps, actor, classId);
}
