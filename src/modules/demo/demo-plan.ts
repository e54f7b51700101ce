import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { getJob } from '../../platform/jobs/job-queue.ts';
import { JobWorker } from '../../platform/jobs/job-worker.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { PLAN_YEARS } from '../training/plan/plan-model.ts';
import type { CreatePlanBody } from '../training/plan-versions/plan-versions.schemas.ts';
import { planJobHandler } from '../training/plan-versions/use-cases/generate-plan.ts';
import { enqueuePlan } from '../training/plan-versions/use-cases/plan-versions.ts';

/**
 * The demo's 2026–2030 training plan version (issue 6 §6), generated through the same use case
 * and job as the web form: the greedy method, so seeding stays quick and the plan is the same
 * for the same data (the greedy baseline has no time limit or randomness). The budget is a
 * demo figure chosen to bind in the busiest years: 400 M VND of state budget and 60 M of the
 * employer's own funds a year.
 */
export const DEMO_PLAN_BODY: CreatePlanBody = {
  name: 'Phương án minh họa 2026–2030 (tham lam)',
  years: [...PLAN_YEARS],
  budgets: PLAN_YEARS.flatMap((year) => [
    { year, fundingSource: 'STATE_BUDGET' as const, amount: 400_000_000 },
    { year, fundingSource: 'EMPLOYER' as const, amount: 60_000_000 },
  ]),
  maxDaysPerPersonYear: 10,
  maxUnitShareAway: 0.3,
  timeLimitSeconds: 10,
  method: 'GREEDY',
};

export type DemoPlanResult = { planId: number; status: string };

/** Enqueues the demo plan and works the job here (no server runs yet while seeding). */
export async function seedDemoPlan(db: Db, clock: Clock, provinceCode: string): Promise<DemoPlanResult> {
  const deps = { db, clock };
  const actor = SYSTEM_ACTOR(provinceCode);
  const meta = { actor, requestId: `seed-${randomUUID()}`, at: clock.now().toISOString(), provinceCode };
  const { body } = await enqueuePlan(deps, actor, DEMO_PLAN_BODY, meta);
  const worker = new JobWorker({ db, clock });
  worker.register(planJobHandler(deps));
  // Greedy does not fail on data; one claim runs it. A second tick only if something else was first in the queue.
  for (let i = 0; i < 3; i++) {
    const job = await getJob(db, body.job.id);
    if (!job || job.status === 'DONE' || job.status === 'FAILED') break;
    await worker.tick();
  }
  const job = await getJob(db, body.job.id);
  return { planId: body.plan.id, status: job?.status ?? 'FAILED' };
}
