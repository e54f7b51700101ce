import type { AuthzCase } from '../../../../test/support/authz.ts';
import { PERMISSIONS } from '../../../platform/auth/roles.ts';

const readers = PERMISSIONS['reviews.read'];
const managers = PERMISSIONS['reviews.manage'];
const BASE = '/api/v1/review-campaigns';

/**
 * Uses the fixture's review campaigns (test/support/fixture.ts): three campaigns owned by
 * commune A, each with staffA as participant, all at version 1. Commune B's roles and the other
 * province's administrator get 404; roles without the permission 403. Writes succeed once,
 * so each runs its success check as one user.
 */
export const reviewCampaignsAuthzCases: AuthzCase[] = [
  {
    route: `POST ${BASE}`,
    request: (f) => ({
      url: BASE,
      payload: {
        name: 'Đợt đánh giá ma trận phân quyền',
        year: 2026,
        periodFrom: '2026-01-01',
        periodTo: '2026-12-15',
        instruments: ['ANNUAL_EVALUATION'],
        scope: { kind: 'UNITS', unitIds: [f.unitA] },
      },
    }),
    allowed: managers,
    scope: 'unit',
    okStatus: [201],
  },
  { route: `GET ${BASE}`, request: () => ({ url: `${BASE}?year=2026` }), allowed: readers, scope: 'none' },
  { route: `GET ${BASE}/:id`, request: (f) => ({ url: `${BASE}/${f.reviewCampaigns.open}` }), allowed: readers, scope: 'unit' },
  {
    route: `GET ${BASE}/:id/participants`,
    request: (f) => ({ url: `${BASE}/${f.reviewCampaigns.open}/participants` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: `GET ${BASE}/:id/snapshots`,
    request: (f) => ({ url: `${BASE}/${f.reviewCampaigns.locked}/snapshots` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: `GET ${BASE}/:id/snapshots/:sequence`,
    request: (f) => ({ url: `${BASE}/${f.reviewCampaigns.locked}/snapshots/1` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: `POST ${BASE}/:id/advance`,
    request: (f) => ({ url: `${BASE}/${f.reviewCampaigns.open}/advance`, payload: { expectedVersion: 1 } }),
    allowed: managers,
    scope: 'unit',
    successAs: ['unit_hr_a'],
  },
  {
    route: `POST ${BASE}/:id/lock`,
    request: (f) => ({ url: `${BASE}/${f.reviewCampaigns.council}/lock`, payload: { expectedVersion: 1 } }),
    allowed: managers,
    scope: 'unit',
    successAs: ['province_analyst'],
  },
  {
    route: `POST ${BASE}/:id/reopen`,
    request: (f) => ({
      url: `${BASE}/${f.reviewCampaigns.locked}/reopen`,
      payload: { reason: 'Sửa sai sót kết quả xếp loại', expectedVersion: 1 },
    }),
    allowed: managers,
    scope: 'unit',
    successAs: ['province_admin'],
  },
];
