import type { Db } from '../../../platform/db/database.ts';
import { claimNextJob, insertJob, markJobDone } from '../../../platform/jobs/jobs.repository.ts';
import type { PlanParameters } from './plan-input.ts';
import { insertPlan, setPlanJob, storePlanResult } from './plan-versions.repository.ts';
import { PLAN_JOB_KIND } from './use-cases/generate-plan.ts';

export const FIXTURE_PLAN_PARAMETERS: PlanParameters = {
  years: [2026, 2027],
  budgets: [{ year: 2026, fundingSource: 'STATE_BUDGET', amount: 100_000_000 }],
  maxDaysPerPersonYear: 10,
  maxUnitShareAway: 0.5,
  timeLimitSeconds: 5,
  method: 'GREEDY',
};

/**
 * A finished plan version of the shared fixture (no classes, so no course is needed and the
 * catalogue other tests count stays as it is) with its DONE generation job: the authorization
 * matrix reads it, streams the job's events (which end at once) and exports its model.
 */
export async function seedPlanFixture(db: Db, o: { provinceCode: string; createdBy: number | null; at: string }) {
  const planId = await insertPlan(db, {
    provinceCode: o.provinceCode,
    name: 'Phương án thử',
    parameters: FIXTURE_PLAN_PARAMETERS,
    createdBy: o.createdBy,
    createdAt: o.at,
  });
  const job = await insertJob(db, { kind: PLAN_JOB_KIND, provinceCode: o.provinceCode, payload: { planId }, createdBy: o.createdBy }, o.at);
  await setPlanJob(db, planId, job.id);
  const claimed = await claimNextJob(db, [PLAN_JOB_KIND], o.at, { until: o.at, token: 'fixture' });
  if (claimed?.id !== job.id) throw new Error('fixture plan job was not the one claimed');
  await storePlanResult(
    db,
    planId,
    {
      method: 'GREEDY',
      solverStatus: 'GREEDY_ONLY',
      objective: 0,
      bestBound: null,
      gap: null,
      solveSeconds: 0,
      greedyObjective: 0,
      gapClosed: 0,
      totalCost: 0,
      inputDigest: '0'.repeat(64),
      inputSummary: { people: 0, courses: 0, units: 0, needs: 0 },
    },
    [],
    o.at,
  );
  await markJobDone(db, job.id, 'fixture', o.at, { planId });
  return { id: planId, jobId: job.id };
}
