import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';
import { frameworkFixture } from './competencies.fixtures.ts';

const readers = PERMISSIONS['positions.read'];
const managers = PERMISSIONS['positions.manage'];

/**
 * The framework is province-wide: every staff role reads it, the province's administrators
 * change it, another province's administrator is refused (404). The shared fixture has no
 * framework, so the rows build one, in order, in the matrix's fresh database:
 * version 1 is imported (a draft) and published, version 2 is started and published from the
 * HTML form (effective 2026-01-01, so in force on the fixture's date), and version 3 is left
 * as a draft for positions.authz-cases.ts (its positions are ids 5 and 6; each version
 * holds 2 competencies and 2 positions). The ids hold while no earlier *.authz-cases.ts file
 * writes frameworks.
 */
export const competenciesAuthzCases: AuthzCase[] = [
  {
    route: 'POST /api/v1/competencies/versions/import',
    request: () => ({ url: '/api/v1/competencies/versions/import', payload: frameworkFixture() as unknown as Record<string, unknown> }),
    allowed: managers,
    scope: 'none',
    okStatus: [201],
    successAs: ['province_admin'],
  },
  {
    route: 'POST /api/v1/competencies/versions/:id/publish',
    request: () => ({ url: '/api/v1/competencies/versions/1/publish' }),
    allowed: managers,
    scope: 'province',
    successAs: ['province_admin'],
  },
  {
    route: 'POST /competencies/versions',
    request: () => ({ url: '/competencies/versions', form: { label: 'Phiên bản 2', effectiveFrom: '2026-01-01', sourceNote: 'Thử' } }),
    allowed: managers,
    scope: 'none',
    okStatus: [303],
    successAs: ['system_admin'],
  },
  {
    route: 'POST /competencies/versions/:id/publish',
    request: () => ({ url: '/competencies/versions/2/publish', form: {} }),
    allowed: managers,
    scope: 'province',
    okStatus: [303],
    successAs: ['system_admin'],
  },
  {
    route: 'POST /api/v1/competencies/versions',
    request: () => ({
      url: '/api/v1/competencies/versions',
      payload: { label: 'Phiên bản 3', effectiveFrom: '2026-07-01', sourceNote: 'Thử' },
    }),
    allowed: managers,
    scope: 'none',
    okStatus: [201],
    successAs: ['province_admin'],
  },
  { route: 'GET /api/v1/competencies', request: () => ({ url: '/api/v1/competencies?group=GENERAL' }), allowed: readers, scope: 'none' },
  {
    route: 'GET /api/v1/competencies/versions',
    request: () => ({ url: '/api/v1/competencies/versions' }),
    allowed: readers,
    scope: 'none',
  },
  { route: 'GET /api/v1/competencies/:id', request: () => ({ url: '/api/v1/competencies/1' }), allowed: readers, scope: 'province' },
  {
    route: 'GET /api/v1/competencies/versions/:id/export.json',
    request: () => ({ url: '/api/v1/competencies/versions/1/export.json' }),
    allowed: readers,
    scope: 'province',
  },
  {
    route: 'GET /api/v1/competencies/versions/:id/export.xlsx',
    request: () => ({ url: '/api/v1/competencies/versions/1/export.xlsx' }),
    allowed: readers,
    scope: 'province',
  },
  { route: 'GET /competencies', request: () => ({ url: '/competencies?q=nang' }), allowed: readers, scope: 'none' },
  { route: 'GET /competencies/versions', request: () => ({ url: '/competencies/versions' }), allowed: readers, scope: 'none' },
  { route: 'GET /competencies/:id', request: () => ({ url: '/competencies/1' }), allowed: readers, scope: 'province' },
];
