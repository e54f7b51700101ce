import { type Actor, canAccessUnit } from '../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../platform/auth/roles.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { ancestorsOf, currentUnitsOf, type LineageEdge } from '../lineage.ts';
import { findUnit, type LineageEdgeRecord, listLineage, type UnitRow } from '../units.repository.ts';

/**
 * The units a commune-level role may see: its own unit and every pre-merger unit that
 * flowed into it, because the records of those units now belong to it.
 */
export async function unitScopeIds(db: Db, actor: Actor): Promise<number[] | undefined> {
  if (!isUnitRole(actor.role)) return undefined;
  if (actor.unitId === null) return [];
  const edges = await listLineage(db, actor.provinceCode);
  return [actor.unitId, ...ancestorsOf(edges, actor.unitId)];
}

/** Whether the actor may see a unit, judging a former unit by the current unit(s) it became. */
export function canSeeUnit(actor: Actor, unit: { id: number; provinceCode: string }, edges: readonly LineageEdge[]): boolean {
  const owners = currentUnitsOf(edges, unit.id);
  const owner = actor.unitId !== null && owners.includes(actor.unitId) ? actor.unitId : (owners[0] ?? unit.id);
  return canAccessUnit(actor, { provinceCode: unit.provinceCode, unitId: owner });
}

/**
 * Loads a unit the actor may see. A unit of another province or commune answers the same
 * UNIT_NOT_FOUND as a missing one, so its existence does not leak.
 */
export async function loadVisibleUnit(db: Db, actor: Actor, id: number): Promise<{ unit: UnitRow; edges: LineageEdgeRecord[] }> {
  // Both reads at once: on PostgreSQL each is a network round trip.
  const [unit, edges] = await Promise.all([findUnit(db, id), listLineage(db, actor.provinceCode)]);
  if (!unit) throw new AppError('UNIT_NOT_FOUND');
  if (unit.provinceCode !== actor.provinceCode) throw AppError.denied('UNIT_NOT_FOUND');
  if (!canSeeUnit(actor, unit, edges)) throw AppError.denied('UNIT_NOT_FOUND');
  return { unit, edges };
}
