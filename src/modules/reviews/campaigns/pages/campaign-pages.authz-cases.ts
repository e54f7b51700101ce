import type { AuthzCase } from '../../../../../test/support/authz.ts';
import { PERMISSIONS } from '../../../../platform/auth/roles.ts';

const readers = PERMISSIONS['reviews.read'];
const managers = PERMISSIONS['reviews.manage'];
const PAGES = '/reviews/campaigns';
const API = '/api/v1/review-campaigns';

/**
 * The campaign pages and the results exports, on the fixture's commune-A campaigns
 * (test/support/fixture.ts). The three actions share those campaigns with the JSON API's rows
 * (campaigns.authz-cases.ts), which move them first; so a permitted caller may meet a stage or
 * version conflict (409, re-rendered in the page) instead of the redirect. Both prove the
 * caller got past the authorization checks; other communes get 404, roles without the
 * permission 403.
 */
export const reviewCampaignPagesAuthzCases: AuthzCase[] = [
  { route: `GET ${PAGES}`, request: () => ({ url: `${PAGES}?year=2026` }), allowed: readers, scope: 'none' },
  { route: `GET ${PAGES}/new`, request: () => ({ url: `${PAGES}/new` }), allowed: managers, scope: 'none' },
  {
    route: `POST ${PAGES}`,
    request: (f) => ({
      url: PAGES,
      form: {
        name: 'Đợt đánh giá ma trận (trang)',
        year: '2026',
        periodFrom: '2026-01-01',
        periodTo: '2026-12-15',
        instruments: 'ANNUAL_EVALUATION',
        scopeKind: 'UNITS',
        unitIds: String(f.unitA),
      },
    }),
    allowed: managers,
    scope: 'unit',
    okStatus: [303],
  },
  { route: `GET ${PAGES}/:id`, request: (f) => ({ url: `${PAGES}/${f.reviewCampaigns.open}` }), allowed: readers, scope: 'unit' },
  {
    route: `POST ${PAGES}/:id/advance`,
    request: (f) => ({ url: `${PAGES}/${f.reviewCampaigns.open}/advance`, form: { expectedVersion: '1', confirm: 'yes' } }),
    allowed: managers,
    scope: 'unit',
    okStatus: [303, 409],
    successAs: ['unit_hr_a'],
  },
  {
    route: `POST ${PAGES}/:id/lock`,
    request: (f) => ({ url: `${PAGES}/${f.reviewCampaigns.council}/lock`, form: { expectedVersion: '1', confirm: 'yes' } }),
    allowed: managers,
    scope: 'unit',
    okStatus: [303, 409],
    successAs: ['province_analyst'],
  },
  {
    route: `POST ${PAGES}/:id/reopen`,
    request: (f) => ({
      url: `${PAGES}/${f.reviewCampaigns.locked}/reopen`,
      form: { reason: 'Sửa sai sót kết quả xếp loại', expectedVersion: '1' },
    }),
    allowed: managers,
    scope: 'unit',
    okStatus: [303, 409],
    successAs: ['province_admin'],
  },
  {
    route: `GET ${PAGES}/:id/results`,
    request: (f) => ({ url: `${PAGES}/${f.reviewCampaigns.open}/results` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: `GET ${API}/:id/results.xlsx`,
    request: (f) => ({ url: `${API}/${f.reviewCampaigns.open}/results.xlsx` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: `GET ${API}/:id/results.pdf`,
    request: (f) => ({ url: `${API}/${f.reviewCampaigns.open}/results.pdf` }),
    allowed: readers,
    scope: 'unit',
  },
];
