import type { AuthzCase } from '../../../../test/support/authz.ts';
import type { Fixture } from '../../../../test/support/fixture.ts';
import { PERMISSIONS } from '../../../platform/auth/roles.ts';

/**
 * The fixture's staffA (commune A) belongs to field_specialist_a and takes part in three
 * commune-A campaigns, one per writing stage (fixture.assessments). Everyone on staff holds
 * reviews.self, but only the owner may write the self-assessment (another user of the same
 * role gets 403: see assessments.http.test.ts); commune-B roles and the other province are
 * refused everywhere. Locked campaigns refusing every write are tested in the HTTP tests.
 */
const path = (f: Fixture, which: 'self' | 'supervisor' | 'council', tail: string) => {
  const a = f.assessments[which];
  return `/api/v1/review-campaigns/${a.campaignId}/participants/${a.participantId}/${tail}`;
};

const EVALUATION = {
  isLeader: false,
  generalScores: { ETHICS: 5 },
  periods: [
    { label: 'Q1', items: [{ id: 'a', coefficient: 1, completed: true, sendBacks: 0, delays: 0, objectiveCauseConfirmed: false }] },
  ],
  vetoes: [],
};

export const assessmentsAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/review-campaigns/:campaignId/participants/:participantId/assessment',
    request: (f) => ({ url: path(f, 'self', 'assessment') }),
    allowed: PERMISSIONS['reviews.self'],
    scope: 'unit',
    // The owner and the reviewers in scope read it; other staff of commune A get 404 (tested in the HTTP tests).
    successAs: ['field_specialist_a', 'unit_leader_a', 'unit_hr_a', 'province_analyst', 'province_admin'],
  },
  {
    route: 'PUT /api/v1/review-campaigns/:campaignId/participants/:participantId/self-assessment',
    request: (f) => ({
      url: path(f, 'self', 'self-assessment'),
      payload: { levels: [{ competencyCode: 'T.LAW', level: 3, evidence: 'Hồ sơ' }] },
    }),
    allowed: PERMISSIONS['reviews.self'],
    scope: 'unit',
    successAs: ['field_specialist_a'],
  },
  {
    route: 'PUT /api/v1/review-campaigns/:campaignId/participants/:participantId/supervisor-review',
    request: (f) => ({
      url: path(f, 'supervisor', 'supervisor-review'),
      payload: { levels: [{ competencyCode: 'T.LAW', level: 2 }], evaluation: EVALUATION },
    }),
    allowed: PERMISSIONS['reviews.supervise'],
    scope: 'unit',
  },
  {
    route: 'PUT /api/v1/review-campaigns/:campaignId/participants/:participantId/council',
    request: (f) => ({ url: path(f, 'council', 'council'), payload: { levels: [{ competencyCode: 'T.DIGITAL', level: 2 }] } }),
    allowed: PERMISSIONS['reviews.council'],
    scope: 'unit',
  },
  {
    route: 'GET /api/v1/review-campaigns/:campaignId/results',
    request: (f) => ({ url: `/api/v1/review-campaigns/${f.assessments.self.campaignId}/results` }),
    allowed: PERMISSIONS['reviews.read'],
    scope: 'unit',
  },
];
