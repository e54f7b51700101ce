import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';
import { courseBody } from './training.fixtures.ts';

const readers = PERMISSIONS['training.read'];
const managers = PERMISSIONS['training.manage'];

/**
 * Held classes (issue 6 §5): read by the catalogue's readers, kept by its managers; another
 * province's administrator is refused (404).
 *
 * This file sits next to training.authz-cases.ts rather than in execution/ on purpose: the
 * matrix runs files in path order, and that file expects to create the first training courses.
 * Running after it, the first row here creates course AUTHZ.EXEC (its id is unknown, so classes
 * name it by code) and the rows build, in order: class 1 (API, OPEN), version 2 through the PUT
 * row, enrolment 1 of staffA (withdrawn, then enrolled again), attendance and results (class 1
 * becomes COMPLETED); class 2 (HTML form, PLANNED) is opened, enrols staffA (enrolment 2), who
 * is withdrawn. Repeatable rows (enrol, attendance, results) let every allowed role succeed.
 */
const dates = { startDate: '2026-02-02', endDate: '2026-02-06' };

export const trainingExecutionAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/training/courses',
    request: () => ({
      url: '/api/v1/training/courses',
      payload: courseBody('AUTHZ.EXEC', { durationDays: 5, sessions: [{ days: 5 }] }),
    }),
    allowed: managers,
    scope: 'none',
    okStatus: [201],
    successAs: ['province_admin'],
  },
  {
    route: 'POST /api/v1/training/classes',
    request: () => ({ url: '/api/v1/training/classes', payload: { courseCode: 'AUTHZ.EXEC', status: 'OPEN', ...dates } }),
    allowed: managers,
    scope: 'none',
    okStatus: [201],
    successAs: ['province_admin'],
  },
  {
    route: 'GET /api/v1/training/classes',
    request: () => ({ url: '/api/v1/training/classes?year=2026' }),
    allowed: readers,
    scope: 'none',
  },
  {
    route: 'GET /api/v1/training/classes/:id',
    request: () => ({ url: '/api/v1/training/classes/1' }),
    allowed: readers,
    scope: 'province',
  },
  {
    route: 'PUT /api/v1/training/classes/:id',
    request: () => ({ url: '/api/v1/training/classes/1', payload: { version: 1, status: 'RUNNING', ...dates } }),
    allowed: managers,
    scope: 'province',
    successAs: ['province_analyst'],
  },
  {
    route: 'POST /api/v1/training/classes/:id/enrolments',
    request: (f) => ({ url: '/api/v1/training/classes/1/enrolments', payload: { staffIds: [f.staffA] } }),
    allowed: managers,
    scope: 'province',
  },
  {
    route: 'POST /api/v1/training/classes/:id/enrolments/:enrolmentId/withdraw',
    request: () => ({ url: '/api/v1/training/classes/1/enrolments/1/withdraw' }),
    allowed: managers,
    scope: 'province',
    successAs: ['province_analyst'],
  },
  {
    route: 'POST /api/v1/training/classes/:id/enrolments',
    request: (f) => ({ url: '/api/v1/training/classes/1/enrolments', payload: { staffIds: [f.staffA] } }),
    allowed: managers,
    scope: 'province',
  },
  {
    route: 'POST /api/v1/training/classes/:id/attendance',
    request: () => ({ url: '/api/v1/training/classes/1/attendance', payload: { entries: [{ enrolmentId: 1, day: 1, present: true }] } }),
    allowed: managers,
    scope: 'province',
  },
  {
    route: 'POST /api/v1/training/classes/:id/complete',
    request: () => ({
      url: '/api/v1/training/classes/1/complete',
      payload: { completedOn: '2026-02-06', results: [{ enrolmentId: 1, outcome: 'COMPLETED', score: 8 }] },
    }),
    allowed: managers,
    scope: 'province',
  },
  {
    route: 'GET /api/v1/training/execution',
    request: () => ({ url: '/api/v1/training/execution?year=2026' }),
    allowed: readers,
    scope: 'none',
  },
  { route: 'GET /training/classes', request: () => ({ url: '/training/classes?status=COMPLETED' }), allowed: readers, scope: 'none' },
  { route: 'GET /training/classes/new', request: () => ({ url: '/training/classes/new' }), allowed: managers, scope: 'none' },
  {
    route: 'POST /training/classes',
    request: () => ({ url: '/training/classes', form: { courseCode: 'AUTHZ.EXEC', status: 'PLANNED', ...dates } }),
    allowed: managers,
    scope: 'none',
    okStatus: [303],
    successAs: ['province_analyst'],
  },
  { route: 'GET /training/classes/:id', request: () => ({ url: '/training/classes/1?from=1' }), allowed: readers, scope: 'province' },
  {
    route: 'POST /training/classes/:id/status',
    request: () => ({ url: '/training/classes/2/status', form: { version: '1', status: 'OPEN' } }),
    allowed: managers,
    scope: 'province',
    okStatus: [303],
    successAs: ['province_admin'],
  },
  {
    route: 'POST /training/classes/:id/enrol',
    request: (f) => ({ url: '/training/classes/2/enrol', form: { staffIds: String(f.staffA) } }),
    allowed: managers,
    scope: 'province',
  },
  {
    route: 'POST /training/classes/:id/enrolments/:enrolmentId/withdraw',
    request: () => ({ url: '/training/classes/2/enrolments/2/withdraw', form: { confirm: '1' } }),
    allowed: managers,
    scope: 'province',
    okStatus: [303],
    successAs: ['province_analyst'],
  },
  {
    route: 'POST /training/classes/:id/attendance',
    request: () => ({ url: '/training/classes/1/attendance?from=1', form: { enrolments: '1', days: '1-1', present: '1:1' } }),
    allowed: managers,
    scope: 'province',
    okStatus: [303],
  },
  {
    route: 'POST /training/classes/:id/complete',
    request: () => ({ url: '/training/classes/1/complete', form: { completedOn: '2026-02-06', 'outcome.1': 'COMPLETED' } }),
    allowed: managers,
    scope: 'province',
    okStatus: [303],
  },
  { route: 'GET /training/execution', request: () => ({ url: '/training/execution' }), allowed: readers, scope: 'none' },
  // Finding people to enrol in class 2 (still open): by name and from training needs; unit roles see their own unit's people.
  {
    route: 'GET /api/v1/training/classes/:id/candidates',
    request: () => ({ url: '/api/v1/training/classes/2/candidates?q=nguyen' }),
    allowed: readers,
    scope: 'province',
  },
  {
    route: 'GET /api/v1/training/classes/:id/suggestions',
    request: () => ({ url: '/api/v1/training/classes/2/suggestions?limit=5' }),
    allowed: readers,
    scope: 'province',
  },
  {
    route: 'GET /training/classes/:id/candidates',
    request: () => ({ url: '/training/classes/2/candidates?q=nguyen' }),
    allowed: readers,
    scope: 'province',
  },
  {
    route: 'GET /training/classes/:id/suggestions',
    request: () => ({ url: '/training/classes/2/suggestions' }),
    allowed: readers,
    scope: 'province',
  },
];
