import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';
import { courseBody, courseForm } from './training.fixtures.ts';

const readers = PERMISSIONS['training.read'];
const managers = PERMISSIONS['training.manage'];

/**
 * The catalogue is province-wide: unit leaders and HR of the province and the province's
 * analysts and administrators read it; the analysts and administrators change it; another
 * province's administrator is refused (404).
 *
 * The shared fixture has no courses, so these rows build their own, in order, in the matrix's
 * fresh database: the first row creates course 1 (succeeding once, as province_admin), the HTML
 * create row course 2. Course 1 becomes version 2 through the PUT row and version 3 through the
 * HTML edit row, then the HTML retire row retires it; the API retire row retires course 2 (each
 * write succeeds once, as the named user). The ids hold while no earlier *.authz-cases.ts file
 * creates training courses. The courses raise no competency, so no framework is needed.
 *
 * The matrix cannot build multipart bodies: the import rows send JSON or a urlencoded form, which
 * the allowed roles get answered 415 (after the access check); real uploads are in training.http.test.ts.
 */
export const trainingAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/training/courses',
    request: () => ({ url: '/api/v1/training/courses', payload: courseBody('AUTHZ.1') }),
    allowed: managers,
    scope: 'none',
    okStatus: [201],
    successAs: ['province_admin'],
  },
  {
    route: 'GET /api/v1/training/courses',
    request: () => ({ url: '/api/v1/training/courses?q=ky%20nang' }),
    allowed: readers,
    scope: 'none',
  },
  {
    route: 'GET /api/v1/training/courses/:id',
    request: () => ({ url: '/api/v1/training/courses/1' }),
    allowed: readers,
    scope: 'province',
  },
  {
    route: 'PUT /api/v1/training/courses/:id',
    request: () => {
      const { code: _code, ...rest } = courseBody('AUTHZ.1', { costPerClass: 32_000_000 });
      return { url: '/api/v1/training/courses/1', payload: { ...rest, version: 1 } };
    },
    allowed: managers,
    scope: 'province',
    successAs: ['province_admin'],
  },
  { route: 'GET /training/courses', request: () => ({ url: '/training/courses?q=ky%20nang' }), allowed: readers, scope: 'none' },
  { route: 'GET /training/courses/new', request: () => ({ url: '/training/courses/new' }), allowed: managers, scope: 'none' },
  {
    route: 'POST /training/courses',
    request: () => ({ url: '/training/courses', form: courseForm({ code: 'AUTHZ.2' }) }),
    allowed: managers,
    scope: 'none',
    okStatus: [303],
    successAs: ['province_analyst'],
  },
  { route: 'GET /training/courses/:id', request: () => ({ url: '/training/courses/1' }), allowed: readers, scope: 'province' },
  { route: 'GET /training/courses/:id/edit', request: () => ({ url: '/training/courses/1/edit' }), allowed: managers, scope: 'province' },
  {
    route: 'POST /training/courses/:id',
    request: () => ({ url: '/training/courses/1', form: courseForm({ version: '2' }) }),
    allowed: managers,
    scope: 'province',
    okStatus: [303],
    successAs: ['province_analyst'],
  },
  {
    route: 'POST /api/v1/training/courses/:id/retire',
    request: () => ({ url: '/api/v1/training/courses/2/retire', payload: { version: 1, effectiveTo: '2026-06-30' } }),
    allowed: managers,
    scope: 'province',
    successAs: ['province_analyst'],
  },
  {
    route: 'POST /training/courses/:id/retire',
    request: () => ({ url: '/training/courses/1/retire', form: { version: '3', effectiveTo: '2026-06-30' } }),
    allowed: managers,
    scope: 'province',
    okStatus: [303],
    successAs: ['province_admin'],
  },
  {
    route: 'GET /api/v1/training/courses/export.xlsx',
    request: () => ({ url: '/api/v1/training/courses/export.xlsx?status=ALL' }),
    allowed: readers,
    scope: 'none',
  },
  {
    route: 'POST /api/v1/training/courses/import',
    request: () => ({ url: '/api/v1/training/courses/import?dryRun=true', payload: { file: 'not multipart' } }),
    allowed: managers,
    scope: 'none',
    okStatus: [415],
  },
  { route: 'GET /training/courses/import', request: () => ({ url: '/training/courses/import' }), allowed: managers, scope: 'none' },
  {
    route: 'POST /training/courses/import',
    request: () => ({ url: '/training/courses/import', form: { mode: 'dryRun' } }),
    allowed: managers,
    scope: 'none',
    okStatus: [415],
  },
];
