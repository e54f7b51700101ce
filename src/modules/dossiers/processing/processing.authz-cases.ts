import type { AuthzCase } from '../../../../test/support/authz.ts';
import { PERMISSIONS } from '../../../platform/auth/roles.ts';

const readers = PERMISSIONS['dossiers.read'];
const processors = PERMISSIONS['dossiers.process'];
const assigners = PERMISSIONS['dossiers.assign'];

/**
 * These rows run right after dossiers.authz-cases.ts (path order), which leaves dossiers 1,
 * 4 and 6 received (status 2) and competent to commune A: 1 at version 1 (counter intake),
 * 4 at version 2 (accepted online), 6 at version 1 (counter intake form). The rows below
 * move them on in order, so each success row addresses the version the previous one left.
 * The full behaviour (every action, refusals, inbox order, email) is in
 * processing.http.test.ts and apology.http.test.ts.
 */
export const processingAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/dossiers/:id/processing',
    request: () => ({ url: '/api/v1/dossiers/1/processing' }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: 'POST /api/v1/dossiers/:id/transitions',
    request: () => ({ url: '/api/v1/dossiers/1/transitions', payload: { action: 'START_PROCESSING', version: 1 } }),
    allowed: processors,
    scope: 'unit',
    successAs: ['counter_officer_a'],
  },
  {
    route: 'POST /api/v1/dossiers/:id/assignment',
    request: (f) => ({
      url: '/api/v1/dossiers/1/assignment',
      payload: { assigneeId: f.users.field_specialist_a?.userId ?? 0, version: 2 },
    }),
    allowed: assigners,
    scope: 'unit',
    successAs: ['unit_leader_a'],
  },
  {
    route: 'POST /api/v1/dossiers/bulk',
    request: () => ({ url: '/api/v1/dossiers/bulk', payload: { action: 'START_PROCESSING', ids: [4] } }),
    allowed: assigners,
    scope: 'none',
    successAs: ['counter_officer_a'],
  },
  { route: 'GET /api/v1/inbox', request: () => ({ url: '/api/v1/inbox?due=NOT_DUE' }), allowed: processors, scope: 'none' },
  {
    route: 'POST /api/v1/dossiers/:id/apology',
    request: () => ({ url: '/api/v1/dossiers/1/apology', payload: { reason: 'Cần xác minh thêm', newDueAt: '2026-03-20' } }),
    allowed: processors,
    scope: 'unit',
    okStatus: [201],
    successAs: ['field_specialist_a'],
  },
  { route: 'GET /inbox', request: () => ({ url: '/inbox' }), allowed: processors, scope: 'none' },
  {
    route: 'POST /inbox/bulk',
    request: (f) => ({
      url: '/inbox/bulk',
      form: { action: 'ASSIGN', assigneeId: String(f.users.field_specialist_a?.userId ?? 0), ids: '6' },
    }),
    allowed: assigners,
    scope: 'none',
    successAs: ['unit_leader_a'],
  },
  {
    route: 'POST /dossiers/:id/transitions',
    request: () => ({ url: '/dossiers/6/transitions', form: { action: 'START_PROCESSING', version: '2' } }),
    allowed: processors,
    scope: 'unit',
    okStatus: [303],
    successAs: ['counter_officer_a'],
  },
  {
    route: 'POST /dossiers/:id/assign',
    request: (f) => ({ url: '/dossiers/6/assign', form: { assigneeId: String(f.users.field_specialist_a?.userId ?? 0), version: '3' } }),
    allowed: assigners,
    scope: 'unit',
    okStatus: [303],
    successAs: ['unit_leader_a'],
  },
  {
    route: 'POST /dossiers/:id/apology',
    request: () => ({ url: '/dossiers/6/apology', form: { reason: 'Chờ ý kiến cơ quan khác', newDueAt: '2026-03-20' } }),
    allowed: processors,
    scope: 'unit',
    okStatus: [303],
    successAs: ['unit_leader_a'],
  },
];
