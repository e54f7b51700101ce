import type { AuthzCase } from '../../../../test/support/authz.ts';
import { PERMISSIONS } from '../../../platform/auth/roles.ts';

const recorders = PERMISSIONS['staff.discipline'];

/**
 * Every row addresses staffA of commune A: commune B's HR gets 404 (audited), roles without
 * staff.discipline 403. The writes lift a matter that is not recorded (null, so nothing about
 * staffA changes for later rows) at version 1: the first allowed caller succeeds and bumps the
 * version, the next gets 409 VERSION_CONFLICT, both past the access checks.
 */
export const staffDisciplineAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/staff/:id/discipline',
    request: (f) => ({ url: `/api/v1/staff/${f.staffA}/discipline` }),
    allowed: recorders,
    scope: 'unit',
  },
  {
    route: 'PUT /api/v1/staff/:id/discipline',
    request: (f) => ({ url: `/api/v1/staff/${f.staffA}/discipline`, payload: { pendingUntil: null, reason: 'Ma trận quyền', version: 1 } }),
    allowed: recorders,
    scope: 'unit',
    okStatus: [200, 409],
  },
  {
    route: 'POST /staff/:id/discipline',
    request: (f) => ({
      url: `/staff/${f.staffA}/discipline`,
      form: { pendingUntil: '', reason: 'Ma trận quyền', documentRef: '', version: '1' },
    }),
    allowed: recorders,
    scope: 'unit',
    okStatus: [303, 409],
  },
];
