import type { AuthzCase } from '../../../../test/support/authz.ts';
import { PERMISSIONS } from '../../../platform/auth/roles.ts';

const readers = PERMISSIONS['staffing.read'];
const runners = PERMISSIONS['staffing.run'];

/**
 * Province WISN runs and service standards. The shared fixture holds a stored run of T1
 * (f.staffingRun) with lines for commune A (JUSTICE_CIVIL_STATUS among them) and commune B;
 * the GETs are scoped to commune A (through `unitId` or the line's unit), so commune-B roles and
 * the other province get 404. POST computes a one-day run over whatever the matrix database
 * holds. Standards: procedure DOSSIER.AUTHZ.1 (created by dossiers.authz-cases.ts, an earlier
 * file) gets its first standard (version 0 → 1) through the API, then a second version (1 → 2)
 * through the page form; each can succeed once, so only as province_admin.
 */
export const staffingRunsAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/staffing/runs',
    request: () => ({ url: '/api/v1/staffing/runs', payload: { periodFrom: '2026-03-02', periodTo: '2026-03-02', note: 'authz' } }),
    allowed: runners,
    scope: 'none',
    okStatus: [201],
  },
  { route: 'GET /api/v1/staffing/runs', request: () => ({ url: '/api/v1/staffing/runs' }), allowed: readers, scope: 'none' },
  {
    route: 'GET /api/v1/staffing/runs/:id',
    request: (f) => ({ url: `/api/v1/staffing/runs/${f.staffingRun}?unitId=${f.unitA}` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: 'GET /api/v1/staffing/runs/:id/lines/:unitId/:field',
    request: (f) => ({ url: `/api/v1/staffing/runs/${f.staffingRun}/lines/${f.unitA}/JUSTICE_CIVIL_STATUS` }),
    allowed: readers,
    scope: 'unit',
  },
  { route: 'GET /api/v1/staffing/standards', request: () => ({ url: '/api/v1/staffing/standards' }), allowed: readers, scope: 'none' },
  {
    route: 'PUT /api/v1/staffing/standards/:procedureCode',
    request: () => ({
      url: '/api/v1/staffing/standards/DOSSIER.AUTHZ.1',
      payload: { minutesPerDossier: 40, sourceKind: 'EXPERT_ESTIMATE', sourceNote: 'authz', effectiveFrom: '2025-07-01', version: 0 },
    }),
    allowed: runners,
    scope: 'none',
    successAs: ['province_admin'],
  },
  { route: 'GET /staffing/standards', request: () => ({ url: '/staffing/standards' }), allowed: readers, scope: 'none' },
  {
    route: 'POST /staffing/standards/:procedureCode',
    request: () => ({
      url: '/staffing/standards/DOSSIER.AUTHZ.1',
      form: { minutesPerDossier: '35', sourceKind: 'TIME_STUDY', sourceNote: 'authz form', effectiveFrom: '2026-01-01', version: '1' },
    }),
    allowed: runners,
    scope: 'none',
    okStatus: [303],
    successAs: ['province_admin'],
  },
];
