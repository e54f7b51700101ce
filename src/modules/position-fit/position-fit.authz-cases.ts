import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';

const readers = PERMISSIONS['fit.read'];
const recorders = PERMISSIONS['fit.record'];

/**
 * Fit to position reads a person of commune A (the fixture's staffA), so commune-B roles and
 * the other province get 404. Recording a test needs a competency of the framework in force:
 * competencies.authz-cases.ts (which runs before this file) leaves version 2 in force, with T.LAW.
 */
export const positionFitAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/staff/:staffId/position-fit',
    request: (f) => ({ url: `/api/v1/staff/${f.staffA}/position-fit` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: 'GET /api/v1/staff/:staffId/service-evidence',
    request: (f) => ({ url: `/api/v1/staff/${f.staffA}/service-evidence?from=2026-01-01&to=2026-02-28` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: 'GET /api/v1/staff/:staffId/competency-tests',
    request: (f) => ({ url: `/api/v1/staff/${f.staffA}/competency-tests` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: 'POST /api/v1/staff/:staffId/competency-tests',
    request: (f) => ({
      url: `/api/v1/staff/${f.staffA}/competency-tests`,
      payload: {
        competencyCode: 'T.LAW',
        testName: 'Sát hạch pháp luật',
        takenOn: '2026-02-20',
        score: 80,
        maxScore: 100,
        levelAchieved: 3,
        passed: true,
      },
    }),
    allowed: recorders,
    scope: 'unit',
    okStatus: [201],
  },
  {
    route: 'GET /api/v1/position-fit',
    request: (f) => ({ url: `/api/v1/position-fit?unitId=${f.unitA}` }),
    allowed: readers,
    scope: 'unit',
  },
  { route: 'GET /position-fit', request: (f) => ({ url: `/position-fit?unitId=${f.unitA}` }), allowed: readers, scope: 'unit' },
];
