import type { AuthzCase } from '../../../../test/support/authz.ts';
import { PERMISSIONS } from '../../../platform/auth/roles.ts';

const placers = PERMISSIONS['staffing.place'];

/** No such recommendation: the decision rows prove access control only (see below). */
const MISSING = 2_147_483_647;

/**
 * Placement recommendations belong to the province: rows are scoped to it (the other
 * province's administrator gets 404). The fixture's stored run (f.staffingRun) is the run;
 * the first row's successes (province_analyst, then province_admin) store batches 1 and 2 of
 * the matrix database, which the later rows read. The shared fixture has no job-position
 * framework (a framework there would renumber the competencies rows' version 1), so the
 * batches hold no recommendation: the accept/reject rows address a recommendation that does
 * not exist and count 404 as "past the access check" (401/403 still fail them). The full
 * success paths, conflicts and cross-province refusals on real recommendations are in
 * placement.http.test.ts and placement.repository.test.ts.
 */
export const placementAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/staffing/runs/:runId/placements',
    request: (f) => ({ url: `/api/v1/staffing/runs/${f.staffingRun}/placements`, payload: {} }),
    allowed: placers,
    scope: 'province',
    okStatus: [201],
  },
  {
    route: 'GET /api/v1/staffing/runs/:runId/placements',
    request: (f) => ({ url: `/api/v1/staffing/runs/${f.staffingRun}/placements` }),
    allowed: placers,
    scope: 'province',
  },
  {
    route: 'GET /api/v1/staffing/placements/:batchId',
    request: () => ({ url: '/api/v1/staffing/placements/1' }),
    allowed: placers,
    scope: 'province',
  },
  {
    route: 'POST /api/v1/staffing/placements/recommendations/:id/accept',
    request: () => ({ url: `/api/v1/staffing/placements/recommendations/${MISSING}/accept`, payload: { version: 1 } }),
    allowed: placers,
    scope: 'province',
    okStatus: [404],
  },
  {
    route: 'POST /api/v1/staffing/placements/recommendations/:id/reject',
    request: () => ({
      url: `/api/v1/staffing/placements/recommendations/${MISSING}/reject`,
      payload: { version: 1, reason: 'Ma trận quyền' },
    }),
    allowed: placers,
    scope: 'province',
    okStatus: [404],
  },
  {
    route: 'GET /staffing/runs/:runId/placements',
    request: (f) => ({ url: `/staffing/runs/${f.staffingRun}/placements` }),
    allowed: placers,
    scope: 'province',
  },
  {
    route: 'POST /staffing/runs/:runId/placements',
    request: (f) => ({ url: `/staffing/runs/${f.staffingRun}/placements`, form: { maxSharePercent: '10' } }),
    allowed: placers,
    scope: 'province',
    okStatus: [303],
  },
  {
    route: 'GET /staffing/placements/:batchId',
    request: () => ({ url: '/staffing/placements/1' }),
    allowed: placers,
    scope: 'province',
  },
  {
    route: 'POST /staffing/placements/recommendations/:id/accept',
    request: () => ({ url: `/staffing/placements/recommendations/${MISSING}/accept`, form: { version: '1' } }),
    allowed: placers,
    scope: 'province',
    okStatus: [404],
  },
  {
    route: 'POST /staffing/placements/recommendations/:id/reject',
    request: () => ({ url: `/staffing/placements/recommendations/${MISSING}/reject`, form: { version: '1', reason: 'Ma trận quyền' } }),
    allowed: placers,
    scope: 'province',
    okStatus: [404],
  },
  {
    route: 'GET /staffing/placements/:batchId/export.xlsx',
    request: () => ({ url: '/staffing/placements/1/export.xlsx' }),
    allowed: placers,
    scope: 'province',
  },
  {
    route: 'GET /staffing/placements/:batchId/export.pdf',
    request: () => ({ url: '/staffing/placements/1/export.pdf' }),
    allowed: placers,
    scope: 'province',
  },
];
