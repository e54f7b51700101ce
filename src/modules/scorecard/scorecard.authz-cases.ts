import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';

const readers = PERMISSIONS['scorecard.read'];
const suppliers = PERMISSIONS['scorecard.supply'];
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
  {
    route: 'GET /api/v1/scorecards/766/supplied/:unit/:period',
    request: () => ({ url: '/api/v1/scorecards/766/supplied/10001/2026-01' }),
    allowed: readers,
    scope: 'unit',
  },
  {
    // Commune A's own counts; only its leader writes them here (a province role would succeed too, but the version is spent).
    route: 'PUT /api/v1/scorecards/766/supplied/:unit/:period',
    request: () => ({
      url: '/api/v1/scorecards/766/supplied/10001/2026-01',
      payload: { items: [{ indicator: '5.2', numerator: 8, denominator: 10, sourceNote: 'authz', version: 0 }] },
    }),
    allowed: suppliers,
    scope: 'unit',
    successAs: ['unit_leader_a'],
  },
  {
    route: 'POST /scorecard/supplied',
    request: () => ({
      url: '/scorecard/supplied',
      form: {
        unit: '10001',
        period: '2026-02',
        from: '2026-02-01',
        to: '2026-03-01',
        'n.3.5': '3',
        'd.3.5': '4',
        's.3.5': 'authz form',
        'v.3.5': '0',
      },
    }),
    allowed: suppliers,
    scope: 'unit',
    okStatus: [303],
    successAs: ['unit_leader_a'],
  },
];
