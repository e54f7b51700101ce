import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';

const readers = PERMISSIONS['reports.read'];
const generators = PERMISSIONS['reports.generate'];

/**
 * The fixture's report (f.report) is commune A's February 2026 report, DONE: commune-B leaders and
 * the other province's administrator get 404. Generation names commune A (unit 10001): a commune-B
 * leader is refused, another province does not know the code (404). Lists are scoped by the caller.
 */
export const reportsAuthzCases: AuthzCase[] = [
  { route: 'GET /api/v1/reports', request: () => ({ url: '/api/v1/reports' }), allowed: readers, scope: 'none' },
  {
    route: 'POST /api/v1/reports',
    request: () => ({ url: '/api/v1/reports', payload: { kind: 'MONTH', year: 2026, month: 2, unit: '10001' } }),
    allowed: generators,
    scope: 'unit',
    okStatus: [202],
  },
  { route: 'GET /api/v1/reports/:id', request: (f) => ({ url: `/api/v1/reports/${f.report}` }), allowed: readers, scope: 'unit' },
  { route: 'GET /api/v1/reports/:id/pdf', request: (f) => ({ url: `/api/v1/reports/${f.report}/pdf` }), allowed: readers, scope: 'unit' },
  { route: 'GET /api/v1/reports/:id/xlsx', request: (f) => ({ url: `/api/v1/reports/${f.report}/xlsx` }), allowed: readers, scope: 'unit' },
  {
    route: 'GET /api/v1/reports/:id/snapshot',
    request: (f) => ({ url: `/api/v1/reports/${f.report}/snapshot` }),
    allowed: readers,
    scope: 'unit',
  },
  { route: 'GET /reports', request: () => ({ url: '/reports' }), allowed: readers, scope: 'none' },
  {
    route: 'POST /reports',
    request: () => ({ url: '/reports', form: { kind: 'MONTH', year: '2026', month: '2', quarter: '1', unit: '10001' } }),
    allowed: generators,
    scope: 'unit',
    okStatus: [303],
  },
  { route: 'GET /reports/:id', request: (f) => ({ url: `/reports/${f.report}` }), allowed: readers, scope: 'unit' },
];
