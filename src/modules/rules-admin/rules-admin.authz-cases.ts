import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';

const readers = PERMISSIONS['rules.read'];
const managers = PERMISSIONS['rules.manage'];

/**
 * Rules are read and set for the caller's own province only, so another province's roles
 * get their own province's answer: scope 'none'. The writes set the registry default of a
 * harmless rule again (1 working day), so whatever order the matrix runs in, no other row
 * sees a different behaviour. The first allowed write records that day's version; a later
 * allowed caller, past authorization, did not read it (no expectedRevision, or a form read
 * before) and is refused with 409 VERSION_CONFLICT rather than overwriting it.
 */
export const rulesAdminAuthzCases: AuthzCase[] = [
  { route: 'GET /api/v1/rules', request: () => ({ url: '/api/v1/rules' }), allowed: readers, scope: 'none' },
  {
    route: 'GET /api/v1/rules/:key',
    request: () => ({ url: '/api/v1/rules/dossier.nearDueWorkingDays' }),
    allowed: readers,
    scope: 'none',
  },
  {
    route: 'POST /api/v1/rules/:key/versions',
    request: () => ({
      url: '/api/v1/rules/dossier.nearDueWorkingDays/versions',
      payload: { value: 1, effectiveFrom: '2026-01-01', sourceNote: 'Kiểm thử phân quyền' },
    }),
    allowed: managers,
    scope: 'none',
    okStatus: [201, 409],
  },
  { route: 'GET /admin/rules', request: () => ({ url: '/admin/rules' }), allowed: readers, scope: 'none' },
  { route: 'GET /admin/rules/:key', request: () => ({ url: '/admin/rules/dossier.nearDueWorkingDays' }), allowed: readers, scope: 'none' },
  {
    route: 'POST /admin/rules/:key',
    request: () => ({
      url: '/admin/rules/dossier.nearDueWorkingDays',
      form: { value: '1', effectiveFrom: '2026-01-01', sourceNote: 'Kiểm thử phân quyền' },
    }),
    allowed: managers,
    scope: 'none',
    okStatus: [303, 409],
  },
];
