import type { AuthzCase } from '../../../test/support/authz.ts';
import { TEST_PASSWORD } from '../../../test/support/fixture.ts';
import { STAFF_ROLES } from '../../platform/auth/roles.ts';

/**
 * My account: every staff role, never citizens. The matrix shares one app with every other
 * module, so the rows avoid lasting changes (a mismatched password confirmation, an
 * invalid TOTP code, a token id nobody owns); account.http.test.ts proves the real effects,
 * including that another user's token answers 404.
 */
const NO_SUCH_TOKEN = 999_999;

export const accountAuthzCases: AuthzCase[] = [
  { route: 'GET /account', request: () => ({ url: '/account' }), allowed: STAFF_ROLES, scope: 'none' },
  {
    route: 'POST /account/password',
    request: () => ({ url: '/account/password', form: { current: TEST_PASSWORD, next: 'matrix pass phrase', confirm: 'does not match' } }),
    allowed: STAFF_ROLES,
    scope: 'none',
    okStatus: [400],
  },
  { route: 'GET /account/totp', request: () => ({ url: '/account/totp' }), allowed: STAFF_ROLES, scope: 'none' },
  {
    route: 'POST /account/totp',
    request: () => ({ url: '/account/totp', form: { code: 'not-a-code' } }),
    allowed: STAFF_ROLES,
    scope: 'none',
    okStatus: [400],
  },
  {
    route: 'POST /account/tokens',
    request: () => ({ url: '/account/tokens', form: { name: 'matrix' } }),
    allowed: STAFF_ROLES,
    scope: 'none',
  },
  {
    route: 'POST /account/tokens/:id/revoke',
    request: () => ({ url: `/account/tokens/${NO_SUCH_TOKEN}/revoke`, form: {} }),
    allowed: STAFF_ROLES,
    scope: 'none',
    okStatus: [404],
  },
  {
    route: 'POST /account/locale',
    request: () => ({ url: '/account/locale', form: { locale: 'vi' } }),
    allowed: STAFF_ROLES,
    scope: 'none',
    okStatus: [303],
  },
  { route: 'GET /api/v1/me', request: () => ({ url: '/api/v1/me' }), allowed: STAFF_ROLES, scope: 'none' },
  { route: 'GET /api/v1/tokens', request: () => ({ url: '/api/v1/tokens' }), allowed: STAFF_ROLES, scope: 'none' },
  {
    route: 'POST /api/v1/tokens',
    request: () => ({ url: '/api/v1/tokens', payload: { name: 'matrix' } }),
    allowed: STAFF_ROLES,
    scope: 'none',
    okStatus: [201],
  },
  {
    route: 'DELETE /api/v1/tokens/:id',
    request: () => ({ url: `/api/v1/tokens/${NO_SUCH_TOKEN}` }),
    allowed: STAFF_ROLES,
    scope: 'none',
    okStatus: [404],
  },
];
