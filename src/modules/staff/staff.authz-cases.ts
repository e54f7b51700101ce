import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';

const readers = PERMISSIONS['staff.read'];

/** Every row addresses commune A: its staff list (by unit filter) or its staff member. */
export const staffAuthzCases: AuthzCase[] = [
  { route: 'GET /api/v1/staff', request: (f) => ({ url: `/api/v1/staff?unitId=${f.unitA}` }), allowed: readers, scope: 'unit' },
  { route: 'GET /api/v1/staff/:id', request: (f) => ({ url: `/api/v1/staff/${f.staffA}` }), allowed: readers, scope: 'unit' },
  { route: 'GET /staff', request: (f) => ({ url: `/staff?unitId=${f.unitA}&q=manh` }), allowed: readers, scope: 'unit' },
  { route: 'GET /staff/:id', request: (f) => ({ url: `/staff/${f.staffA}` }), allowed: readers, scope: 'unit' },
];
