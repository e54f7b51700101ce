import type { AuthzCase } from '../../../../test/support/authz.ts';
import { PERMISSIONS } from '../../../platform/auth/roles.ts';

const readers = PERMISSIONS['staffing.read'];
const runners = PERMISSIONS['staffing.run'];

/**
 * The province staffing pages and report exports, on the fixture's stored run (test/support/fixture.ts:
 * lines for communes A and B of province T1). A run belongs to the province: every reader of T1
 * may open it (a unit role sees its own unit's lines only), so those rows are scoped to the
 * province; the drill-down of a commune-A line is scoped to the unit (commune-B roles get 404).
 */
export const staffingRunPagesAuthzCases: AuthzCase[] = [
  { route: 'GET /staffing', request: () => ({ url: '/staffing' }), allowed: readers, scope: 'none' },
  {
    route: 'POST /staffing/runs',
    request: () => ({
      url: '/staffing/runs',
      form: { year: '2026', periodFrom: '2025-03-01', periodTo: '2026-02-28', note: 'Ma trận quyền' },
    }),
    allowed: runners,
    scope: 'none',
    okStatus: [303],
  },
  { route: 'GET /staffing/runs/:id', request: (f) => ({ url: `/staffing/runs/${f.staffingRun}` }), allowed: readers, scope: 'province' },
  {
    route: 'GET /staffing/runs/:id/expertise',
    request: (f) => ({ url: `/staffing/runs/${f.staffingRun}/expertise` }),
    allowed: readers,
    scope: 'province',
  },
  {
    route: 'GET /staffing/runs/:id/positions',
    request: (f) => ({ url: `/staffing/runs/${f.staffingRun}/positions?field=JUSTICE_CIVIL_STATUS` }),
    allowed: readers,
    scope: 'province',
  },
  {
    route: 'GET /staffing/runs/:id/units/:unitId/fields/:field',
    request: (f) => ({ url: `/staffing/runs/${f.staffingRun}/units/${f.unitA}/fields/JUSTICE_CIVIL_STATUS` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: 'GET /staffing/runs/:id/export.xlsx',
    request: (f) => ({ url: `/staffing/runs/${f.staffingRun}/export.xlsx` }),
    allowed: readers,
    scope: 'province',
  },
  {
    route: 'GET /staffing/runs/:id/export.pdf',
    request: (f) => ({ url: `/staffing/runs/${f.staffingRun}/export.pdf` }),
    allowed: readers,
    scope: 'province',
  },
];
