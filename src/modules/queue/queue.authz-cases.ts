import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';

const callers = PERMISSIONS['queue.call'];
const stats = PERMISSIONS['queue.stats'];

/**
 * The matrix runs every file's rows in order in one fresh database. The public rows issue
 * tickets at commune A (code 10001), all at the fixture's instant, so ticket 1 is the
 * longest-waiting: counter officer A calls it, starts and finishes it, then links it (to a
 * code no unit received: 422 once access is granted). Ward B's officers reach none of it.
 */
const UNIT_A = '10001';

export const queueAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/public/queue/:unitCode/tickets',
    request: () => ({ url: `/api/v1/public/queue/${UNIT_A}/tickets`, payload: { field: 'CIVIL_STATUS' } }),
    allowed: 'public',
    scope: 'none',
    okStatus: [201],
  },
  {
    route: 'POST /kiosk/:unitCode',
    request: () => ({ url: `/kiosk/${UNIT_A}`, form: { field: 'LAND' } }),
    allowed: 'public',
    scope: 'none',
    okStatus: [201],
  },
  { route: 'GET /kiosk/:unitCode', request: () => ({ url: `/kiosk/${UNIT_A}` }), allowed: 'public', scope: 'none' },
  { route: 'GET /queue-display/:unitCode', request: () => ({ url: `/queue-display/${UNIT_A}` }), allowed: 'public', scope: 'none' },
  {
    route: 'GET /api/v1/public/queue/:unitCode/display',
    request: () => ({ url: `/api/v1/public/queue/${UNIT_A}/display` }),
    allowed: 'public',
    scope: 'none',
  },
  { route: 'GET /queue', request: () => ({ url: '/queue' }), allowed: callers, scope: 'none' },
  { route: 'GET /queue/closed', request: () => ({ url: '/queue/closed?page=2' }), allowed: callers, scope: 'none' },
  { route: 'GET /api/v1/queue/tickets', request: () => ({ url: '/api/v1/queue/tickets' }), allowed: callers, scope: 'none' },
  { route: 'GET /api/v1/queue/stats', request: () => ({ url: '/api/v1/queue/stats' }), allowed: stats, scope: 'none' },
  {
    route: 'POST /api/v1/queue/call-next',
    request: () => ({ url: '/api/v1/queue/call-next', payload: { counter: 'Quầy 1' } }),
    allowed: callers,
    scope: 'none',
    successAs: ['counter_officer_a'],
  },
  {
    route: 'POST /api/v1/queue/tickets/:id/actions',
    request: () => ({ url: '/api/v1/queue/tickets/1/actions', payload: { action: 'start' } }),
    allowed: callers,
    scope: 'unit',
  },
  {
    route: 'POST /queue/tickets/:id/actions',
    request: () => ({ url: '/queue/tickets/1/actions', form: { action: 'finish', counter: 'Quầy 1' } }),
    allowed: callers,
    scope: 'unit',
    okStatus: [303],
  },
  {
    route: 'POST /api/v1/queue/tickets/:id/link',
    request: () => ({ url: '/api/v1/queue/tickets/1/link', payload: { dossierCode: 'NO-SUCH-CODE' } }),
    allowed: callers,
    scope: 'unit',
    okStatus: [422],
  },
  {
    route: 'POST /queue/tickets/:id/link',
    request: () => ({ url: '/queue/tickets/1/link', form: { dossierCode: 'NO-SUCH-CODE' } }),
    allowed: callers,
    scope: 'unit',
    okStatus: [422],
  },
  {
    route: 'POST /queue/call-next',
    request: () => ({ url: '/queue/call-next', form: { counter: 'Quầy 2', fields: 'LAND' } }),
    allowed: callers,
    scope: 'none',
    okStatus: [303],
    successAs: ['counter_officer_a'],
  },
];
