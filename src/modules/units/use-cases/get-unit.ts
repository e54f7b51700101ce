import type { Actor } from '../../../platform/auth/actor.ts';
import { currentUnitsOf, lineageEdgesOf } from '../lineage.ts';
import { findUnitRefs, type LineageRecord, listLineageLinks, listOrgBodies } from '../units.repository.ts';
import type { LineageLink, LineageResponse, UnitDetail } from '../units.schemas.ts';
import type { UnitsDeps } from './deps.ts';
import { toUnitSummary } from './list-units.ts';
import { loadVisibleUnit } from './unit-access.ts';

const link = (r: LineageRecord, side: 'predecessor' | 'successor'): LineageLink => ({
  unit: r[side],
  resolution: r.resolution,
  effectiveDate: r.effectiveDate,
});

/** One unit with its bodies, the units merged into it and, for a former unit, what it became. */
export async function getUnit(deps: UnitsDeps, actor: Actor, id: number): Promise<UnitDetail> {
  const { unit } = await loadVisibleUnit(deps.db, actor, id);
  const [bodies, predecessors, successors] = await Promise.all([
    listOrgBodies(deps.db, id),
    listLineageLinks(deps.db, id, 'predecessorOf'),
    listLineageLinks(deps.db, id, 'successorOf'),
  ]);
  return {
    ...toUnitSummary(unit),
    parentId: unit.parentId,
    createdByResolution: unit.createdByResolution,
    version: unit.version,
    bodies: bodies.map(({ unitId: _unitId, ...b }) => b),
    predecessors: predecessors.map((r) => link(r, 'predecessor')),
    successors: successors.map((r) => link(r, 'successor')),
  };
}

/** The merger history around a unit and the current unit(s) its records belong to. */
export async function getUnitLineage(deps: UnitsDeps, actor: Actor, id: number): Promise<LineageResponse> {
  const { edges } = await loadVisibleUnit(deps.db, actor, id);
  const related = lineageEdgesOf(edges, id);
  const current = currentUnitsOf(edges, id);
  const ids = new Set([...current, ...related.flatMap((e) => [e.predecessorId, e.successorId])]);
  const refs = new Map((await findUnitRefs(deps.db, [...ids])).map((r) => [r.id, r]));
  const ref = (unitId: number) => refs.get(unitId) ?? { id: unitId, code: '', name: '', kind: '' };
  return {
    unitId: id,
    currentUnits: current.map(ref),
    mergers: related.map((e) => ({
      predecessor: ref(e.predecessorId),
      successor: ref(e.successorId),
      resolution: e.resolution,
      effectiveDate: e.effectiveDate,
    })),
  };
}
