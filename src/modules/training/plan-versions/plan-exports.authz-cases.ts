import type { AuthzCase } from '../../../../test/support/authz.ts';
import { PERMISSIONS } from '../../../platform/auth/roles.ts';

const readers = PERMISSIONS['training.plan.read'];

/**
 * Plan documents and the comparison. The fixture's finished version (f.trainingPlan, no
 * classes) is compared with itself; the other province's administrator gets 404 on it.
 */
export const planExportsAuthzCases: AuthzCase[] = [
  ...(['document.xlsx', 'document.pdf'] as const).map(
    (file): AuthzCase => ({
      route: `GET /api/v1/training/plans/:id/${file}`,
      request: (f) => ({ url: `/api/v1/training/plans/${f.trainingPlan.id}/${file}` }),
      allowed: readers,
      scope: 'province',
    }),
  ),
  ...(['plan.xlsx', 'plan.pdf'] as const).map(
    (file): AuthzCase => ({
      route: `GET /training/plans/:id/${file}`,
      request: (f) => ({ url: `/training/plans/${f.trainingPlan.id}/${file}` }),
      allowed: readers,
      scope: 'province',
    }),
  ),
  {
    route: 'GET /api/v1/training/plans/compare',
    request: (f) => ({ url: `/api/v1/training/plans/compare?a=${f.trainingPlan.id}&b=${f.trainingPlan.id}` }),
    allowed: readers,
    scope: 'province',
  },
  {
    route: 'GET /training/plans/compare',
    request: (f) => ({ url: `/training/plans/compare?a=${f.trainingPlan.id}&b=${f.trainingPlan.id}` }),
    allowed: readers,
    scope: 'province',
  },
];
