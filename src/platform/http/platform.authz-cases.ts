import type { AuthzCase } from '../../../test/support/authz.ts';

/** Platform routes: public pages and probes. Module routes list their own cases. */
export const platformAuthzCases: AuthzCase[] = [
  { route: 'GET /health/live', request: () => ({ url: '/health/live' }), allowed: 'public', scope: 'none' },
  { route: 'GET /health/ready', request: () => ({ url: '/health/ready' }), allowed: 'public', scope: 'none' },
  { route: 'GET /openapi.json', request: () => ({ url: '/openapi.json' }), allowed: 'public', scope: 'none' },
  { route: 'GET /docs', request: () => ({ url: '/docs' }), allowed: 'public', scope: 'none' },
  { route: 'GET /docs/errors', request: () => ({ url: '/docs/errors' }), allowed: 'public', scope: 'none' },
  { route: 'GET /docs/tags/:tag', request: () => ({ url: '/docs/tags/units' }), allowed: 'public', scope: 'none' },
  { route: 'GET /', request: () => ({ url: '/' }), allowed: 'public', scope: 'none' },
  { route: 'GET /login', request: () => ({ url: '/login' }), allowed: 'public', scope: 'none', okStatus: [200, 303] },
  { route: 'GET /lang', request: () => ({ url: '/lang?set=en&next=/' }), allowed: 'public', scope: 'none', okStatus: [303] },
  // The sign-in steps are public by nature; their behaviour is proven in auth.http.test.ts.
  {
    route: 'POST /login',
    request: () => ({ url: '/login', form: { username: 'nobody', password: 'x' } }),
    allowed: 'public',
    scope: 'none',
    okStatus: [401, 303, 429],
  },
  { route: 'GET /login/totp', request: () => ({ url: '/login/totp' }), allowed: 'public', scope: 'none', okStatus: [303, 401] },
  {
    route: 'POST /login/totp',
    request: () => ({ url: '/login/totp', form: { code: '000000' } }),
    allowed: 'public',
    scope: 'none',
    okStatus: [401],
  },
  { route: 'GET /login/totp/enrol', request: () => ({ url: '/login/totp/enrol' }), allowed: 'public', scope: 'none', okStatus: [303, 401] },
  {
    route: 'POST /login/totp/enrol',
    request: () => ({ url: '/login/totp/enrol', form: { code: '000000' } }),
    allowed: 'public',
    scope: 'none',
    okStatus: [401],
  },
  {
    route: 'POST /logout',
    request: () => ({ url: '/logout', form: {} }),
    allowed: 'public',
    scope: 'none',
    okStatus: [303],
    successAs: ['citizen'],
  },
];
