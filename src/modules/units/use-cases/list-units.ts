import type { Actor } from '../../../platform/auth/actor.ts';
import { sortByText } from '../../../platform/text/collation.ts';
import { listUnits as listUnitRows, type UnitRow } from '../units.repository.ts';
import type { UnitListQuery, UnitListResponse, UnitSummary } from '../units.schemas.ts';
import type { UnitsDeps } from './deps.ts';
import { unitScopeIds } from './unit-access.ts';

export function toUnitSummary(r: UnitRow): UnitSummary {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    population: r.population,
    areaKm2: r.areaKm2,
    isMountainous: r.isMountainous,
    validFrom: r.validFrom,
    validTo: r.validTo,
    isCurrent: r.validTo === null,
    predecessorCount: r.predecessorCount,
    staffCount: r.staffCount,
  };
}

/**
 * Units the actor may see, filtered, in Vietnamese alphabetical order, one page at a time.
 * A province has a few hundred units at most, so sorting happens here after one query:
 * neither SQLite nor a C-locale PostgreSQL orders Vietnamese correctly.
 */
export async function listUnits(deps: UnitsDeps, actor: Actor, query: UnitListQuery): Promise<UnitListResponse> {
  const ids = await unitScopeIds(deps.db, actor);
  const rows = await listUnitRows(deps.db, {
    provinceCode: actor.provinceCode,
    ids,
    kind: query.kind,
    status: query.status,
    q: query.q,
  });
  const sorted = sortByText(rows, (r) => r.name, 'vi');
  const start = (query.page - 1) * query.pageSize;
  return {
    items: sorted.slice(start, start + query.pageSize).map(toUnitSummary),
    total: sorted.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}
