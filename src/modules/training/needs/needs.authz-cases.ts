import type { AuthzCase } from '../../../../test/support/authz.ts';
import { PERMISSIONS } from '../../../platform/auth/roles.ts';

const readers = PERMISSIONS['training.read'];

/**
 * Training needs are personnel data of a unit: unit leaders and HR read their own unit's
 * (another unit answers 404), the province's analysts and administrators any unit of their
 * province (another province's administrator gets 404).
 */
export const trainingNeedsAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/training/needs',
    request: (f) => ({ url: `/api/v1/training/needs?unitId=${f.unitA}` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: 'GET /api/v1/training/needs/summary',
    request: (f) => ({ url: `/api/v1/training/needs/summary?unitId=${f.unitA}` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: 'GET /training/needs',
    request: (f) => ({ url: `/training/needs?unitId=${f.unitA}` }),
    allowed: readers,
    scope: 'unit',
  },
];
