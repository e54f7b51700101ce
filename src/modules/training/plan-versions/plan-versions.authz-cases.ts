import type { AuthzCase } from '../../../../test/support/authz.ts';
import { PERMISSIONS } from '../../../platform/auth/roles.ts';

const readers = PERMISSIONS['training.plan.read'];
const managers = PERMISSIONS['training.plan.manage'];

const body = {
  name: 'authz',
  years: [2026],
  budgets: [{ year: 2026, fundingSource: 'STATE_BUDGET', amount: 1_000_000 }],
  maxDaysPerPersonYear: 5,
  maxUnitShareAway: 0.5,
  timeLimitSeconds: 1,
  method: 'GREEDY',
};

/**
 * Training plan versions. The shared fixture holds a finished version of T1 with a DONE job
 * (f.trainingPlan), so its events stream ends at once; the other province's administrator gets
 * 404 on it. POSTs only enqueue (the matrix app never runs its worker).
 */
export const trainingPlanAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/training/plans',
    request: () => ({ url: '/api/v1/training/plans', payload: body }),
    allowed: managers,
    scope: 'none',
    okStatus: [202],
  },
  { route: 'GET /api/v1/training/plans', request: () => ({ url: '/api/v1/training/plans' }), allowed: readers, scope: 'none' },
  {
    route: 'GET /api/v1/training/plans/:id',
    request: (f) => ({ url: `/api/v1/training/plans/${f.trainingPlan.id}` }),
    allowed: readers,
    scope: 'province',
  },
  {
    route: 'GET /api/v1/training/plans/:id/model.lp',
    request: (f) => ({ url: `/api/v1/training/plans/${f.trainingPlan.id}/model.lp` }),
    allowed: readers,
    scope: 'province',
  },
  {
    route: 'GET /api/v1/training/plans/:id/model.mps',
    request: (f) => ({ url: `/api/v1/training/plans/${f.trainingPlan.id}/model.mps` }),
    allowed: readers,
    scope: 'province',
  },
  {
    route: 'GET /api/v1/training/plans/jobs/:jobId/events',
    request: (f) => ({ url: `/api/v1/training/plans/jobs/${f.trainingPlan.jobId}/events` }),
    allowed: readers,
    scope: 'province',
  },
  { route: 'GET /training/plans', request: () => ({ url: '/training/plans' }), allowed: readers, scope: 'none' },
  {
    route: 'POST /training/plans',
    request: () => ({
      url: '/training/plans',
      form: {
        name: 'authz form',
        budget_2026_STATE_BUDGET: '1000000',
        maxDaysPerPersonYear: '5',
        maxUnitSharePercent: '50',
        timeLimitSeconds: '1',
        method: 'GREEDY',
      },
    }),
    allowed: managers,
    scope: 'none',
    okStatus: [303],
  },
  {
    route: 'GET /training/plans/jobs/:jobId',
    request: (f) => ({ url: `/training/plans/jobs/${f.trainingPlan.jobId}` }),
    allowed: readers,
    scope: 'province',
    okStatus: [303],
  },
  {
    route: 'GET /training/plans/:id',
    request: (f) => ({ url: `/training/plans/${f.trainingPlan.id}` }),
    allowed: readers,
    scope: 'province',
  },
];
