import type { AuthzCase } from '../../../../test/support/authz.ts';
import { PERMISSIONS } from '../../../platform/auth/roles.ts';

/**
 * Commune A's dossier 1 (left by dossiers.authz-cases.ts) is open and has not reused data:
 * asking for `reusedData: false` changes nothing, so the success rows hold whatever state and
 * version the other files' rows leave it in. Behaviour: facts.http.test.ts.
 */
export const factsAuthzCases: AuthzCase[] = [
  {
    route: 'GET /api/v1/dossiers/:id/facts',
    request: () => ({ url: '/api/v1/dossiers/1/facts' }),
    allowed: PERMISSIONS['dossiers.read'],
    scope: 'unit',
  },
  {
    route: 'POST /api/v1/dossiers/:id/facts',
    request: () => ({ url: '/api/v1/dossiers/1/facts', payload: { reusedData: false, version: 1 } }),
    allowed: PERMISSIONS['dossiers.process'],
    scope: 'unit',
  },
  {
    route: 'POST /dossiers/:id/facts',
    request: () => ({ url: '/dossiers/1/facts', form: { reusedData: 'false', version: '1' } }),
    allowed: PERMISSIONS['dossiers.process'],
    scope: 'unit',
    okStatus: [303],
  },
  {
    // Acts on the caller's own province, so another province's administrator succeeds on theirs.
    route: 'POST /api/v1/integrations/national-sync',
    request: () => ({ url: '/api/v1/integrations/national-sync', payload: { codes: ['NO-SUCH-CODE'], syncedAt: '2026-01-05T03:00:00Z' } }),
    allowed: PERMISSIONS['integrations.sync'],
    scope: 'none',
  },
];
