import type { AuthzCase } from '../../../test/support/authz.ts';
import { PERMISSIONS } from '../../platform/auth/roles.ts';

const readers = PERMISSIONS['units.read'];
const editors = PERMISSIONS['units.update'];

/**
 * Unit rows address commune A's records: unit A itself, and the former ward that merged
 * into it (which commune A's roles see through lineage and commune B's must not).
 * Each write succeeds once, on its own unit, so the two writes never race on a version.
 */
export const unitsAuthzCases: AuthzCase[] = [
  { route: 'GET /api/v1/units', request: () => ({ url: '/api/v1/units' }), allowed: readers, scope: 'none' },
  { route: 'GET /api/v1/units/:id', request: (f) => ({ url: `/api/v1/units/${f.unitA}` }), allowed: readers, scope: 'unit' },
  { route: 'GET /api/v1/units/:id', request: (f) => ({ url: `/api/v1/units/${f.formerUnitA}` }), allowed: readers, scope: 'unit' },
  {
    route: 'GET /api/v1/units/:id/lineage',
    request: (f) => ({ url: `/api/v1/units/${f.formerUnitA}/lineage` }),
    allowed: readers,
    scope: 'unit',
  },
  {
    route: 'PATCH /api/v1/units/:id',
    request: (f) => ({ url: `/api/v1/units/${f.formerUnitA}`, payload: { version: 1, population: 15000 } }),
    allowed: editors,
    scope: 'unit',
    successAs: ['system_admin'],
  },
  { route: 'GET /units', request: () => ({ url: '/units?q=hoa' }), allowed: readers, scope: 'none' },
  { route: 'GET /units/:id', request: (f) => ({ url: `/units/${f.unitA}` }), allowed: readers, scope: 'unit' },
  {
    route: 'POST /units/:id',
    request: (f) => ({
      url: `/units/${f.unitA}`,
      form: { version: '1', name: 'Xã Hòa Bình', population: '21000', areaKm2: '12.5', createdByResolution: '1675/NQ-UBTVQH15' },
    }),
    allowed: editors,
    scope: 'unit',
    okStatus: [303],
    successAs: ['province_admin'],
  },
];
