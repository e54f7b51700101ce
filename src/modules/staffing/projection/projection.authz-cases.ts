import type { AuthzCase } from '../../../../test/support/authz.ts';
import { PERMISSIONS } from '../../../platform/auth/roles.ts';

const readers = PERMISSIONS['staffing.read'];

/**
 * The projection of the fixture's stored run (test/support/fixture.ts), narrowed to commune A,
 * so commune-B roles and other provinces are refused (404) and every allowed role gets 200.
 */
export const staffingProjectionAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/staffing/runs/:runId/projection',
    request: (f) => ({ url: `/api/v1/staffing/runs/${f.staffingRun}/projection?unitId=${f.unitA}` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: 'GET /staffing/runs/:runId/projection',
    request: (f) => ({ url: `/staffing/runs/${f.staffingRun}/projection?unitId=${f.unitA}` }),
    allowed: readers,
    scope: 'unit',
  },
];
