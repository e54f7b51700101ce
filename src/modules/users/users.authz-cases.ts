import type { AuthzCase } from '../../../test/support/authz.ts';
import type { Fixture } from '../../../test/support/fixture.ts';

/**
 * Account administration: system administrators only. Disabling a fixture account would
 * break every later row of the shared matrix app, so the disable rows target the
 * administrator's own account, which passes authorisation and is then refused with 409
 * (USER_CANNOT_DISABLE_SELF). users.http.test.ts proves real disabling.
 */
const self = (f: Fixture) => f.users.system_admin?.userId ?? 0;

export const usersAuthzCases: AuthzCase[] = [
  { route: 'GET /admin/users', request: () => ({ url: '/admin/users' }), allowed: ['system_admin'], scope: 'none' },
  {
    route: 'POST /admin/users',
    request: () => ({
      url: '/admin/users',
      form: { username: 'matrix_html', displayName: 'Matrix HTML', role: 'province_analyst', unitId: '', password: 'matrix long password' },
    }),
    allowed: ['system_admin'],
    scope: 'none',
    okStatus: [303],
  },
  {
    route: 'POST /admin/users/:id/disable',
    request: (f) => ({ url: `/admin/users/${self(f)}/disable`, form: {} }),
    allowed: ['system_admin'],
    scope: 'province',
    okStatus: [409],
  },
  {
    route: 'POST /admin/users/:id/enable',
    request: (f) => ({ url: `/admin/users/${self(f)}/enable`, form: {} }),
    allowed: ['system_admin'],
    scope: 'province',
    okStatus: [303],
  },
  { route: 'GET /api/v1/users', request: () => ({ url: '/api/v1/users' }), allowed: ['system_admin'], scope: 'none' },
  {
    route: 'POST /api/v1/users',
    request: (f) => ({
      url: '/api/v1/users',
      payload: {
        username: 'matrix_api',
        displayName: 'Matrix API',
        role: 'counter_officer',
        unitId: f.unitA,
        password: 'matrix long password',
      },
    }),
    allowed: ['system_admin'],
    scope: 'none',
    okStatus: [201],
  },
  {
    route: 'POST /api/v1/users/:id/disable',
    request: (f) => ({ url: `/api/v1/users/${self(f)}/disable` }),
    allowed: ['system_admin'],
    scope: 'province',
    okStatus: [409],
  },
  {
    route: 'POST /api/v1/users/:id/enable',
    request: (f) => ({ url: `/api/v1/users/${self(f)}/enable` }),
    allowed: ['system_admin'],
    scope: 'province',
  },
];
