import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';

const readers = PERMISSIONS['overview.read'];

/**
 * The overview is scoped by the caller, not by a record in the URL: province roles get their own
 * province (another province's administrator gets theirs, so 'none'), a commune leader their own unit. The overdue drill-down names a unit: commune A's code, so
 * commune-B leaders are refused (404).
 */
export const overviewAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/overview',
    request: () => ({ url: '/api/v1/overview?period=month&year=2026&month=2' }),
    allowed: readers,
    scope: 'none',
  },
  { route: 'GET /overview', request: () => ({ url: '/overview?period=month&year=2026&month=2' }), allowed: readers, scope: 'none' },
  { route: 'GET /overview/overdue', request: () => ({ url: '/overview/overdue?unit=10001' }), allowed: readers, scope: 'unit' },
];
