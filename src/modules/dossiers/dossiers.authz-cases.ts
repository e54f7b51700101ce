import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';
import { procedureBody } from '../procedures/procedures.fixtures.ts';

const readers = PERMISSIONS['dossiers.read'];
const receivers = PERMISSIONS['dossiers.receive'];
const CODE = 'DOSSIER.AUTHZ.1';

const intake = (unitA: number) => ({
  procedureCode: CODE,
  competentUnitId: unitA,
  channel: 'IN_PERSON',
  applicantName: 'Nguyễn Thị Thử',
  applicantPhone: '0905000111',
});
const online = (unitA: number) => ({
  procedureCode: CODE,
  competentUnitId: unitA,
  applicantName: 'Trần Văn Thử',
  applicantPhone: '0905000222',
});

/**
 * The shared fixture has no procedures or dossiers, so these rows build their own, in
 * order, in the matrix's fresh database: the first row creates the procedure (procedure 1,
 * as province_admin; this file runs before procedures.authz-cases.ts, whose rows then
 * address procedure 1 and 2 as the same kind of commune-level procedure and still pass),
 * the intake row creates dossier 1 (received and decided by commune A), the two public
 * rows create online submissions 2 and 3 competent to commune A, which the accept and
 * refuse rows decide; the two public form rows create submissions 4 and 5, which the
 * HTML accept and refuse rows decide. A seeded procedure and dossier in test/support/fixture.ts would
 * remove this ordering; the ids hold while no earlier file creates dossiers.
 */
export const dossiersAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/procedures',
    request: () => ({ url: '/api/v1/procedures', payload: procedureBody(CODE, { effectiveFrom: '2025-07-01' }) }),
    allowed: PERMISSIONS['procedures.manage'],
    scope: 'none',
    okStatus: [201],
    successAs: ['province_admin'],
  },
  {
    route: 'POST /api/v1/dossiers',
    request: (f) => ({ url: '/api/v1/dossiers', payload: intake(f.unitA) }),
    allowed: receivers,
    scope: 'none',
    okStatus: [201],
    successAs: ['counter_officer_a'],
  },
  { route: 'GET /api/v1/dossiers', request: () => ({ url: '/api/v1/dossiers?q=nguyen%20thi' }), allowed: readers, scope: 'none' },
  { route: 'GET /api/v1/dossiers/:id', request: () => ({ url: '/api/v1/dossiers/1' }), allowed: readers, scope: 'unit' },
  {
    route: 'POST /api/v1/public/dossiers',
    request: (f) => ({ url: '/api/v1/public/dossiers', payload: online(f.unitA) }),
    allowed: 'public',
    scope: 'none',
    okStatus: [201],
    successAs: ['citizen'],
  },
  {
    route: 'POST /api/v1/public/dossiers',
    request: (f) => ({ url: '/api/v1/public/dossiers', payload: online(f.unitA) }),
    allowed: 'public',
    scope: 'none',
    okStatus: [201],
    successAs: ['province_analyst'],
  },
  {
    route: 'POST /api/v1/dossiers/:id/accept',
    request: () => ({ url: '/api/v1/dossiers/2/accept', payload: { version: 1 } }),
    allowed: receivers,
    scope: 'unit',
    successAs: ['counter_officer_a'],
  },
  {
    route: 'POST /api/v1/dossiers/:id/refuse',
    request: () => ({ url: '/api/v1/dossiers/3/refuse', payload: { version: 1, reason: 'Hồ sơ không thuộc thẩm quyền' } }),
    allowed: receivers,
    scope: 'unit',
    successAs: ['counter_officer_a'],
  },
  {
    route: 'POST /submit',
    request: (f) => ({ url: '/submit', form: { ...online(f.unitA), competentUnitId: String(f.unitA) } }),
    allowed: 'public',
    scope: 'none',
    okStatus: [201],
    successAs: ['citizen'],
  },
  {
    route: 'POST /submit',
    request: (f) => ({ url: '/submit', form: { ...online(f.unitA), competentUnitId: String(f.unitA) } }),
    allowed: 'public',
    scope: 'none',
    okStatus: [201],
    successAs: ['unit_hr_a'],
  },
  { route: 'GET /dossiers', request: () => ({ url: '/dossiers?q=nguyen' }), allowed: readers, scope: 'none' },
  { route: 'GET /dossiers/new', request: () => ({ url: '/dossiers/new' }), allowed: receivers, scope: 'none' },
  { route: 'GET /dossiers/:id', request: () => ({ url: '/dossiers/1' }), allowed: readers, scope: 'unit' },
  {
    route: 'POST /dossiers/:id/accept',
    request: () => ({ url: '/dossiers/4/accept', form: { version: '1' } }),
    allowed: receivers,
    scope: 'unit',
    okStatus: [303],
    successAs: ['counter_officer_a'],
  },
  {
    route: 'POST /dossiers/:id/refuse',
    request: () => ({ url: '/dossiers/5/refuse', form: { version: '1', reason: 'Không thuộc thẩm quyền' } }),
    allowed: receivers,
    scope: 'unit',
    okStatus: [303],
    successAs: ['counter_officer_a'],
  },
  {
    route: 'POST /dossiers/new',
    request: (f) => ({ url: '/dossiers/new', form: { ...intake(f.unitA), competentUnitId: String(f.unitA) } }),
    allowed: receivers,
    scope: 'none',
    okStatus: [303],
    successAs: ['counter_officer_a'],
  },
  { route: 'GET /submit', request: () => ({ url: '/submit' }), allowed: 'public', scope: 'none' },
];
