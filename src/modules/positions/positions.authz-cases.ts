import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';

const readers = PERMISSIONS['positions.read'];
const managers = PERMISSIONS['positions.manage'];

/**
 * Runs after competencies.authz-cases.ts, which leaves versions 1–2 published (version 2 in
 * force) and version 3 a draft whose positions are ids 5 and 6. Positions are province-wide;
 * a unit's posts and vacancies are unit-scoped (another commune's unit roles get 404). Posts are
 * set and cleared by the province's administrators for any of its units (P.JUSTICE and
 * P.CLERK are positions of version 2, in force on the fixture's date).
 */
export const positionsAuthzCases: AuthzCase[] = [
  { route: 'GET /api/v1/positions', request: () => ({ url: '/api/v1/positions?group=PROFESSIONAL' }), allowed: readers, scope: 'none' },
  { route: 'GET /api/v1/positions/:id', request: () => ({ url: '/api/v1/positions/1' }), allowed: readers, scope: 'province' },
  {
    route: 'PUT /api/v1/positions/:id/framework',
    request: () => ({
      url: '/api/v1/positions/5/framework',
      payload: { frameworkRevision: 1, requirements: [{ competencyCode: 'T.LAW', level: 2 }] },
    }),
    allowed: managers,
    scope: 'province',
    // Past authorization a later manager holds a stale revision (the first success moved it on).
    okStatus: [200, 409],
  },
  {
    route: 'GET /api/v1/positions/units/:unitId/vacancies',
    request: (f) => ({ url: `/api/v1/positions/units/${f.unitA}/vacancies` }),
    allowed: readers,
    scope: 'unit',
  },
  { route: 'GET /positions', request: () => ({ url: '/positions?bodyKind=OFFICE_HDND_UBND' }), allowed: readers, scope: 'none' },
  { route: 'GET /positions/units/:unitId', request: (f) => ({ url: `/positions/units/${f.unitA}` }), allowed: readers, scope: 'unit' },
  { route: 'GET /positions/:id', request: () => ({ url: '/positions/1' }), allowed: readers, scope: 'province' },
  { route: 'GET /positions/:id/framework', request: () => ({ url: '/positions/5/framework' }), allowed: managers, scope: 'province' },
  {
    route: 'POST /positions/:id/framework',
    request: () => ({ url: '/positions/5/framework', form: { frameworkRevision: '1', 'level.T.LAW': '3', 'level.T.CIVIL': '' } }),
    allowed: managers,
    scope: 'province',
    okStatus: [303, 409],
  },
  {
    route: 'PUT /api/v1/units/:unitId/position-posts/:positionCode',
    request: (f) => ({ url: `/api/v1/units/${f.unitA}/position-posts/P.JUSTICE`, payload: { posts: 2 } }),
    allowed: managers,
    scope: 'province',
  },
  {
    route: 'PUT /api/v1/units/:unitId/position-posts',
    request: (f) => ({ url: `/api/v1/units/${f.unitA}/position-posts`, payload: { items: [{ positionCode: 'P.CLERK', posts: 1 }] } }),
    allowed: managers,
    scope: 'province',
  },
  {
    route: 'DELETE /api/v1/units/:unitId/position-posts/:positionCode',
    request: (f) => ({ url: `/api/v1/units/${f.unitA}/position-posts/P.CLERK` }),
    allowed: managers,
    scope: 'province',
    okStatus: [204],
  },
  {
    route: 'POST /positions/units/:unitId/posts',
    request: (f) => ({ url: `/positions/units/${f.unitA}/posts`, form: { positionCode: 'P.JUSTICE', posts: '1' } }),
    allowed: managers,
    scope: 'province',
    okStatus: [303],
  },
];
