import type { AuthzCase } from '../../../../../test/support/authz.ts';
import type { Fixture } from '../../../../../test/support/fixture.ts';
import { PERMISSIONS } from '../../../../platform/auth/roles.ts';

/**
 * The assessment pages (issue 4 §7). staffA (commune A) is field_specialist_a's record and
 * takes part in one commune-A campaign per writing stage (fixture.assessments). The self form
 * opens for its owner only (reviewers of commune A: 403, other staff: 404; see assessment-pages.http.test.tsx);
 * commune-B roles and the other province are refused everywhere (404).
 * The forms send the sheet version; the fixture sheets start at 1 and every allowed write moves
 * them on, so after the first success (or the API rows' writes) a later allowed caller is past
 * authorization but holds a stale version: 409 VERSION_CONFLICT is an allowed outcome here.
 */
const page = (f: Fixture, which: 'self' | 'supervisor' | 'council') => {
  const a = f.assessments[which];
  return `/reviews/campaigns/${a.campaignId}/participants/${a.participantId}/${which}`;
};

export const assessmentPagesAuthzCases: AuthzCase[] = [
  {
    route: 'GET /reviews/mine',
    request: () => ({ url: '/reviews/mine' }),
    allowed: PERMISSIONS['reviews.self'],
    scope: 'none',
  },
  {
    route: 'GET /reviews/campaigns/:campaignId/participants/:participantId/self',
    request: (f) => ({ url: page(f, 'self') }),
    allowed: PERMISSIONS['reviews.self'],
    scope: 'unit',
    successAs: ['field_specialist_a'],
  },
  {
    route: 'POST /reviews/campaigns/:campaignId/participants/:participantId/self',
    request: (f) => ({ url: page(f, 'self'), form: { version: '1', 'level.T.LAW': '3', 'evidence.T.LAW': 'Hồ sơ' } }),
    allowed: PERMISSIONS['reviews.self'],
    scope: 'unit',
    successAs: ['field_specialist_a'],
    okStatus: [303, 409],
  },
  {
    route: 'GET /reviews/campaigns/:campaignId/participants/:participantId/supervisor',
    request: (f) => ({ url: page(f, 'supervisor') }),
    allowed: PERMISSIONS['reviews.supervise'],
    scope: 'unit',
  },
  {
    route: 'POST /reviews/campaigns/:campaignId/participants/:participantId/supervisor',
    request: (f) => ({
      url: page(f, 'supervisor'),
      form: {
        version: '1',
        'level.T.LAW': '2',
        'general.ETHICS': '5',
        rows: '1',
        'item.0.period': 'Q1',
        'item.0.id': 'a',
        'item.0.coefficient': '1',
        'item.0.completed': 'on',
        'item.0.quality': 'on',
        'leader.unitResult': '100',
        'leader.onPlan': 'on',
      },
    }),
    allowed: PERMISSIONS['reviews.supervise'],
    scope: 'unit',
    okStatus: [303, 409],
  },
  {
    route: 'GET /reviews/campaigns/:campaignId/participants/:participantId/council',
    request: (f) => ({ url: page(f, 'council') }),
    allowed: PERMISSIONS['reviews.council'],
    scope: 'unit',
  },
  {
    route: 'POST /reviews/campaigns/:campaignId/participants/:participantId/council',
    request: (f) => ({ url: page(f, 'council'), form: { version: '1', 'level.T.DIGITAL': '2' } }),
    allowed: PERMISSIONS['reviews.council'],
    scope: 'unit',
    okStatus: [303, 409],
  },
  {
    route: 'GET /reviews/campaigns/:campaignId/council',
    request: (f) => ({ url: `/reviews/campaigns/${f.assessments.council.campaignId}/council` }),
    allowed: PERMISSIONS['reviews.council'],
    scope: 'unit',
  },
];
