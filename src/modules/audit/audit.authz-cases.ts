import type { AuthzCase } from '../../../test/support/authz.ts';

/**
 * The audit log: province and system administrators. Lists are scoped to the reader's own
 * province inside the use case (the other province's admin sees only theirs), which
 * audit.http.test.ts proves; here the scope is 'none' because the page exists for them too.
 */
export const auditAuthzCases: AuthzCase[] = [
  { route: 'GET /audit', request: () => ({ url: '/audit' }), allowed: ['province_admin', 'system_admin'], scope: 'none' },
  { route: 'GET /api/v1/audit', request: () => ({ url: '/api/v1/audit' }), allowed: ['province_admin', 'system_admin'], scope: 'none' },
];
