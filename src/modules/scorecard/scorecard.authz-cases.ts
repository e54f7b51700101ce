import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';

const readers = PERMISSIONS['scorecard.read'];
/** Commune A's code in the shared fixture; commune-B roles asking for it get 404. */
const q = 'unit=10001&from=2026-01-01&to=2026-02-01';

export const scorecardAuthzCases: AuthzCase[] = [
  { route: 'GET /api/v1/scorecards/766', request: () => ({ url: `/api/v1/scorecards/766?${q}` }), allowed: readers, scope: 'unit' },
  {
    route: 'GET /api/v1/statistics/workload',
    request: () => ({ url: `/api/v1/statistics/workload?${q}` }),
    allowed: readers,
    scope: 'unit',
  },
  { route: 'GET /scorecard', request: () => ({ url: `/scorecard?${q}` }), allowed: readers, scope: 'unit' },
  { route: 'GET /scorecard.xlsx', request: () => ({ url: `/scorecard.xlsx?${q}` }), allowed: readers, scope: 'unit' },
  { route: 'GET /statistics', request: () => ({ url: `/statistics?${q}&groupBy=month` }), allowed: readers, scope: 'unit' },
];
