import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { groupBy } from '../../../../platform/collections/group-by.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { enqueueJob, getJob, isDuplicateKey, jobForIdempotencyKey } from '../../../../platform/jobs/job-queue.ts';
import type { JobRecord } from '../../../../platform/jobs/jobs.ts';
import { toLpFormat } from '../../plan/lp-format.ts';
import { buildPlanModel } from '../../plan/plan-model.ts';
import { toMpsFormat } from '../../plan/solve-plan.ts';
import type { PlanParameters } from '../plan-input.ts';
import { inputDigest } from '../plan-input.ts';
import * as repo from '../plan-versions.repository.ts';
import type { CreatePlanBody, EnqueuedPlan, JobView, PlanDetail, PlanDetailQuery, PlanSummary } from '../plan-versions.schemas.ts';
import { gatherPlanInput, type PlanDeps } from './gather-plan-input.ts';
import { PLAN_JOB_KIND, type PlanJobPayload, SOLVER_SETTINGS } from './generate-plan.ts';

export { PLAN_JOB_KIND };

/** The list shows the latest versions only. */
export const PLAN_LIST_LIMIT = 200;

export type PlanIdempotency = { key: string; hash: string };
export type Outcome<T> = { statusCode: number; body: T; replayed: boolean };

/** A started job would answer its events at this address. */
export const eventsUrlOf = (jobId: number) => `/api/v1/training/plans/jobs/${jobId}/events`;

export function jobView(j: JobRecord): JobView {
  return {
    id: j.id,
    status: j.status,
    attempts: j.attempts,
    maxAttempts: j.maxAttempts,
    progress: j.progress,
    error: j.error,
    createdAt: j.createdAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
  };
}

function summaryOf(p: repo.PlanRow): PlanSummary {
  const { provinceCode: _p, ...rest } = p;
  return rest;
}

async function visiblePlan(deps: PlanDeps, actor: Actor, id: number): Promise<repo.PlanRow> {
  const plan = await repo.findPlan(deps.db, id);
  if (!plan) throw new AppError('TRAINING_PLAN_NOT_FOUND');
  if (plan.provinceCode !== actor.provinceCode) throw AppError.denied('TRAINING_PLAN_NOT_FOUND');
  return plan;
}

/** A plan-generation job of the actor's province (another kind or province answers 404). */
export async function visiblePlanJob(deps: PlanDeps, actor: Actor, jobId: number): Promise<JobRecord> {
  const job = await getJob(deps.db, jobId);
  if (!job || job.kind !== PLAN_JOB_KIND) throw new AppError('JOB_NOT_FOUND');
  if (job.provinceCode !== actor.provinceCode) throw AppError.denied('JOB_NOT_FOUND');
  return job;
}

async function enqueuedOf(deps: PlanDeps, job: JobRecord): Promise<EnqueuedPlan> {
  const plan = await repo.findPlanByJob(deps.db, job.id);
  if (!plan) throw new AppError('TRAINING_PLAN_NOT_FOUND');
  return { plan: summaryOf(plan), job: jobView(job), eventsUrl: eventsUrlOf(job.id) };
}

/**
 * POST /api/v1/training/plans: stores the plan version (QUEUED) and its generation job in one
 * audited transaction; the worker does the rest. With an Idempotency-Key, a retry of the same
 * request within 24 hours gets the same plan and job back; another request with the key is 422.
 */
export async function enqueuePlan(
  deps: PlanDeps,
  actor: Actor,
  body: CreatePlanBody,
  meta: AuditMeta,
  idem?: PlanIdempotency,
): Promise<Outcome<EnqueuedPlan>> {
  const now = deps.clock.now();
  const key = idem ? { key: `u${actor.userId}:${idem.key}`, hash: idem.hash } : undefined;
  const replay = async () => {
    const prior = key ? await jobForIdempotencyKey(deps.db, PLAN_JOB_KIND, key, now) : undefined;
    return prior ? { statusCode: 202, body: await enqueuedOf(deps, prior), replayed: true } : undefined;
  };
  const before = await replay();
  if (before) return before;
  const parameters: PlanParameters = {
    years: [...body.years].sort((a, b) => a - b),
    budgets: body.budgets,
    maxDaysPerPersonYear: body.maxDaysPerPersonYear,
    maxUnitShareAway: body.maxUnitShareAway,
    timeLimitSeconds: body.timeLimitSeconds,
    method: body.method,
  };
  // The CLI's system actor has no account row (user id 0).
  const createdBy = actor.userId > 0 ? actor.userId : null;
  try {
    const job = await audited(deps.db, meta, 'training.plan.generate', 'training_plan', async (trx) => {
      const planId = await repo.insertPlan(trx, {
        provinceCode: actor.provinceCode,
        name: body.name,
        parameters,
        createdBy,
        createdAt: now.toISOString(),
      });
      const payload: PlanJobPayload = {
        planId,
        actor: {
          userId: actor.userId,
          username: actor.username,
          displayName: actor.displayName,
          role: actor.role,
          provinceCode: actor.provinceCode,
        },
      };
      const job = await enqueueJob(
        trx,
        {
          kind: PLAN_JOB_KIND,
          provinceCode: actor.provinceCode,
          payload,
          createdBy,
          maxAttempts: 3,
          idempotencyKey: key?.key ?? null,
          requestHash: key?.hash ?? null,
        },
        now,
      );
      await repo.setPlanJob(trx, planId, job.id);
      return { result: job, entityId: planId, after: { name: body.name, parameters, jobId: job.id } };
    });
    return { statusCode: 202, body: await enqueuedOf(deps, job), replayed: false };
  } catch (e) {
    // Two requests with one key raced: the loser's transaction rolled back; answer with the winner's.
    if (key && isDuplicateKey(e)) {
      const winner = await replay();
      if (winner) return winner;
    }
    throw e;
  }
}

export async function listPlanVersions(deps: PlanDeps, actor: Actor): Promise<PlanSummary[]> {
  return (await repo.listPlans(deps.db, actor.provinceCode, PLAN_LIST_LIMIT)).map(summaryOf);
}

/** One version: totals by year × source against the budget, then a page of classes with attendees and why. */
export async function getPlanVersion(deps: PlanDeps, actor: Actor, id: number, q: PlanDetailQuery): Promise<PlanDetail> {
  const plan = await visiblePlan(deps, actor, id);
  const filter = { year: q.year, courseCode: q.course, classId: q.classId };
  const [costRows, courseCodes, totalClasses, classRows] = await Promise.all([
    repo.planCosts(deps.db, id),
    repo.planCourseCodes(deps.db, id),
    repo.countClasses(deps.db, id, filter),
    repo.listClasses(deps.db, id, filter, { offset: (q.page - 1) * q.pageSize, limit: q.pageSize }),
  ]);
  const attendees = await repo.listAttendees(
    deps.db,
    classRows.map((c) => c.id),
  );
  const byClass = groupBy(attendees, (a) => a.classId);
  const costs = new Map(costRows.map((c) => [`${c.year}:${c.fundingSource}`, { ...c, budget: 0 }]));
  for (const b of plan.parameters.budgets) {
    const k = `${b.year}:${b.fundingSource}`;
    const line = costs.get(k) ?? { year: b.year, fundingSource: b.fundingSource, classes: 0, participants: 0, cost: 0, budget: 0 };
    line.budget += b.amount;
    costs.set(k, line);
  }
  return {
    ...summaryOf(plan),
    costs: [...costs.values()].sort((a, b) => a.year - b.year || (a.fundingSource < b.fundingSource ? -1 : 1)),
    courseCodes,
    page: q.page,
    pageSize: q.pageSize,
    totalClasses,
    classes: classRows.map((c) => ({
      ...c,
      attendees: (byClass.get(c.id) ?? []).map(({ classId: _c, nameSort: _n, ...a }) => a),
    })),
  };
}

/**
 * The model of a version in CPLEX LP or MPS, built again from today's data with the version's
 * parameters (the per-person model of plan-model.ts). `sameInput` says whether today's input is
 * the one the version solved (equal digests).
 */
export async function exportPlanModel(
  deps: PlanDeps,
  actor: Actor,
  id: number,
  format: 'lp' | 'mps',
): Promise<{ body: string | Uint8Array; digest: string; sameInput: boolean }> {
  const plan = await visiblePlan(deps, actor, id);
  const { input } = await gatherPlanInput(deps, actor, plan.parameters);
  const digest = inputDigest(input, { method: plan.parameters.method, ...SOLVER_SETTINGS });
  const model = buildPlanModel(input);
  const body = format === 'lp' ? toLpFormat(model) : await toMpsFormat(model);
  return { body, digest, sameInput: digest === plan.inputDigest };
}

/** The plan a generation job works on (for the progress page and the events' done message). */
export async function planOfJob(deps: PlanDeps, job: JobRecord): Promise<PlanSummary | null> {
  const plan = await repo.findPlanByJob(deps.db, job.id);
  return plan ? summaryOf(plan) : null;
}
