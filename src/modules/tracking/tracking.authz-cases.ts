import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';

const handlers = PERMISSIONS['feedback.handle'];
const tablet = PERMISSIONS['ratings.record'];

/**
 * The matrix runs every file's rows in order in one fresh database. The first row receives
 * a dossier at ward B's counter (procedure DOSSIER.AUTHZ.1 comes from dossiers.authz-cases.ts),
 * whose code is therefore 10002-260302-0001 while no earlier file receives at ward B on the
 * fixture's day; the public tracking rows look it up with its phone ending. It is not
 * returned, so the rating rows answer 409 RATING_NOT_ALLOWED after access is granted.
 * Dossier 1 (commune A) is the first dossier of the matrix, and feedback 1 and 2 come from
 * the public feedback row below, all addressed to commune A.
 */
const TRACKED = { code: '10002-260302-0001', phone4: '7888' };
const TRACK_QUERY = `code=${TRACKED.code}&phone4=${TRACKED.phone4}`;

export const trackingAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/dossiers',
    request: (f) => ({
      url: '/api/v1/dossiers',
      payload: {
        procedureCode: 'DOSSIER.AUTHZ.1',
        competentUnitId: f.unitB,
        channel: 'IN_PERSON',
        applicantName: 'Phạm Thị Tra',
        applicantPhone: '0905777888',
      },
    }),
    allowed: PERMISSIONS['dossiers.receive'],
    scope: 'none',
    okStatus: [201],
    successAs: ['counter_officer_b'],
  },
  { route: 'GET /track', request: () => ({ url: `/track?${TRACK_QUERY}` }), allowed: 'public', scope: 'none' },
  { route: 'GET /api/v1/public/track', request: () => ({ url: `/api/v1/public/track?${TRACK_QUERY}` }), allowed: 'public', scope: 'none' },
  {
    route: 'POST /api/v1/public/ratings',
    request: () => ({ url: '/api/v1/public/ratings', payload: { ...TRACKED, answers: { OVERALL: 'SATISFIED' } } }),
    allowed: 'public',
    scope: 'none',
    okStatus: [409],
  },
  {
    route: 'POST /track/rating',
    request: () => ({ url: '/track/rating', form: { ...TRACKED, 'a.OVERALL': 'SATISFIED' } }),
    allowed: 'public',
    scope: 'none',
    okStatus: [409],
  },
  { route: 'GET /dossiers/:id/rating', request: () => ({ url: '/dossiers/1/rating' }), allowed: tablet, scope: 'unit' },
  {
    route: 'POST /dossiers/:id/rating',
    request: () => ({ url: '/dossiers/1/rating', form: { 'a.OVERALL': 'SATISFIED' } }),
    allowed: tablet,
    scope: 'unit',
    okStatus: [409],
  },
  {
    route: 'POST /api/v1/dossiers/:id/rating',
    request: () => ({ url: '/api/v1/dossiers/1/rating', payload: { answers: { OVERALL: 'SATISFIED' } } }),
    allowed: tablet,
    scope: 'unit',
    okStatus: [409],
  },
  {
    route: 'POST /api/v1/public/feedback',
    request: (f) => ({ url: '/api/v1/public/feedback', payload: { unitId: f.unitA, text: 'Phản ánh thử quyền truy cập.' } }),
    allowed: 'public',
    scope: 'none',
    okStatus: [201],
  },
  { route: 'GET /feedback', request: () => ({ url: '/feedback' }), allowed: 'public', scope: 'none' },
  {
    route: 'POST /feedback',
    request: (f) => ({ url: '/feedback', form: { unitId: String(f.unitA), kind: 'FEEDBACK', text: 'Phản ánh thử qua biểu mẫu.' } }),
    allowed: 'public',
    scope: 'none',
    okStatus: [201],
  },
  { route: 'GET /feedback/manage', request: () => ({ url: '/feedback/manage' }), allowed: handlers, scope: 'none' },
  { route: 'GET /api/v1/feedback', request: () => ({ url: '/api/v1/feedback' }), allowed: handlers, scope: 'none' },
  { route: 'GET /feedback/manage/:id', request: () => ({ url: '/feedback/manage/1' }), allowed: handlers, scope: 'unit' },
  {
    route: 'POST /api/v1/feedback/:id/answer',
    request: () => ({
      url: '/api/v1/feedback/1/answer',
      payload: { decision: 'INFO_REQUESTED', answer: 'Xin bổ sung địa chỉ.', version: 1 },
    }),
    allowed: handlers,
    scope: 'unit',
    successAs: ['unit_leader_a'],
  },
  {
    route: 'POST /feedback/manage/:id/answer',
    request: () => ({ url: '/feedback/manage/2/answer', form: { decision: 'ANSWERED', answer: 'Đã xử lý.', version: '1' } }),
    allowed: handlers,
    scope: 'unit',
    okStatus: [303],
    successAs: ['counter_officer_a'],
  },
];
