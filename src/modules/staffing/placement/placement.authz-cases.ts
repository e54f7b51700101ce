import type { AuthzCase } from '../../../../test/support/authz.ts';
import { PERMISSIONS } from '../../../platform/auth/roles.ts';

const placers = PERMISSIONS['staffing.place'];

/**
 * Placement recommendations belong to the province: rows are scoped to it (the other
 * province's administrator gets 404). The fixture's stored run (f.staffingRun) is the run; the
 * fixture also holds batch 1 on it with four real PROPOSED recommendations
 * (f.placementRecommendations, placement-authz.fixtures.ts), so the decision rows address a
 * recommendation that EXISTS: roles without staffing.place get 403 (the pipeline audits the
 * refusal as authz.denied), the other province's administrator 404, and the allowed roles reach
 * the handler. Each decision route has its own recommendation: the first allowed role to call
 * decides it (200 for the API, 303 for the form) and the next finds it decided (409
 * PLACEMENT_ALREADY_DECIDED); an accept can also be refused 409 PLACEMENT_STALE (the person
 * moved since) or PLACEMENT_RUN_NOT_LATEST (a newer run), all past the object-level check.
 * The first row's successes (province_analyst, then province_admin) store batches 2 and 3.
 * Audited refusals and the unchanged recommendation are asserted in placement-authz.http.test.ts.
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
    request: (f) => ({
      url: `/api/v1/staffing/placements/recommendations/${f.placementRecommendations.apiAccept}/accept`,
      payload: { version: 1 },
    }),
    allowed: placers,
    scope: 'province',
    okStatus: [200, 409],
  },
  {
    route: 'POST /api/v1/staffing/placements/recommendations/:id/reject',
    request: (f) => ({
      url: `/api/v1/staffing/placements/recommendations/${f.placementRecommendations.apiReject}/reject`,
      payload: { version: 1, reason: 'Ma trận quyền' },
    }),
    allowed: placers,
    scope: 'province',
    okStatus: [200, 409],
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
    request: (f) => ({
      url: `/staffing/placements/recommendations/${f.placementRecommendations.pageAccept}/accept`,
      form: { version: '1' },
    }),
    allowed: placers,
    scope: 'province',
    okStatus: [303, 409],
  },
  {
    route: 'POST /staffing/placements/recommendations/:id/reject',
    request: (f) => ({
      url: `/staffing/placements/recommendations/${f.placementRecommendations.pageReject}/reject`,
      form: { version: '1', reason: 'Ma trận quyền' },
    }),
    allowed: placers,
    scope: 'province',
    okStatus: [303, 409],
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
