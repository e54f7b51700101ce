import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';
import { procedureBody, procedureForm, versionBody } from './procedures.fixtures.ts';

const readers = PERMISSIONS['procedures.read'];
const managers = PERMISSIONS['procedures.manage'];

/**
 * The catalogue is province-wide: every staff role of the province reads it, only the
 * province's administrators change it, another province's administrator is refused (404).
 *
 * The shared fixture has no procedures, so these rows build their own, in order, in the
 * matrix's fresh database: the first row creates procedure 1 (succeeding once, as
 * province_admin), the PUT row turns it into version 2, the HTML edit row adds version 3
 * and the HTML create row procedure 4. The ids hold while no earlier *.authz-cases.ts
 * file creates procedures; if one ever does, seed a procedure in test/support/fixture.ts
 * and address it from there.
 */
export const proceduresAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/procedures',
    request: () => ({ url: '/api/v1/procedures', payload: procedureBody('AUTHZ.1') }),
    allowed: managers,
    scope: 'none',
    okStatus: [201],
    successAs: ['province_admin'],
  },
  { route: 'GET /api/v1/procedures', request: () => ({ url: '/api/v1/procedures?q=ho%20kinh%20doanh' }), allowed: readers, scope: 'none' },
  { route: 'GET /api/v1/procedures/:id', request: () => ({ url: '/api/v1/procedures/1' }), allowed: readers, scope: 'province' },
  {
    route: 'PUT /api/v1/procedures/:id',
    request: () => ({ url: '/api/v1/procedures/1', payload: versionBody(1, '2026-04-01', { fee: 120_000 }) }),
    allowed: managers,
    scope: 'province',
    successAs: ['province_admin'],
  },
  { route: 'GET /procedures', request: () => ({ url: '/procedures?q=kinh%20doanh' }), allowed: readers, scope: 'none' },
  { route: 'GET /procedures/new', request: () => ({ url: '/procedures/new' }), allowed: managers, scope: 'none' },
  { route: 'GET /procedures/:id', request: () => ({ url: '/procedures/1' }), allowed: readers, scope: 'province' },
  { route: 'GET /procedures/:id/edit', request: () => ({ url: '/procedures/2/edit' }), allowed: managers, scope: 'province' },
  {
    route: 'POST /procedures/:id',
    request: () => ({ url: '/procedures/2', form: procedureForm({ version: '1', effectiveFrom: '2026-05-01' }) }),
    allowed: managers,
    scope: 'province',
    okStatus: [303],
    successAs: ['system_admin'],
  },
  {
    route: 'POST /procedures',
    request: () => ({ url: '/procedures', form: procedureForm({ nationalCode: 'AUTHZ.2', effectiveFrom: '2026-03-02' }) }),
    allowed: managers,
    scope: 'none',
    okStatus: [303],
    successAs: ['system_admin'],
  },
];
