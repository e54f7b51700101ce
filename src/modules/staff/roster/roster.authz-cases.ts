import type { AuthzCase } from '../../../../test/support/authz.ts';
import { PERMISSIONS } from '../../../platform/auth/roles.ts';

const importers = PERMISSIONS['staff.import'];
const readers = PERMISSIONS['staff.read'];

/**
 * The matrix cannot build multipart bodies: the import rows send JSON / a urlencoded form,
 * which the allowed roles get answered 415 (after the access check). Real uploads, unit
 * scoping of imported rows (unit_hr of another unit) and every validation are in
 * roster.http.test.ts. Exports address commune A, so commune-B roles get 404.
 */
export const rosterAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/staff/import/template.xlsx',
    request: () => ({ url: '/api/v1/staff/import/template.xlsx' }),
    allowed: importers,
    scope: 'none',
  },
  {
    route: 'POST /api/v1/staff/import',
    request: () => ({ url: '/api/v1/staff/import?dryRun=true', payload: { file: 'not multipart' } }),
    allowed: importers,
    scope: 'none',
    okStatus: [415],
  },
  {
    route: 'GET /api/v1/staff/export.xlsx',
    request: (f) => ({ url: `/api/v1/staff/export.xlsx?unitId=${f.unitA}` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: 'GET /api/v1/staff/export.pdf',
    request: (f) => ({ url: `/api/v1/staff/export.pdf?unitId=${f.unitA}` }),
    allowed: readers,
    scope: 'unit',
  },
  { route: 'GET /staff/import', request: () => ({ url: '/staff/import' }), allowed: importers, scope: 'none' },
  {
    route: 'POST /staff/import',
    request: () => ({ url: '/staff/import', form: { mode: 'dryRun' } }),
    allowed: importers,
    scope: 'none',
    okStatus: [415],
  },
];
