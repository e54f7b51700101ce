import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findUnit, type UnitRow, updateUnit as updateUnitRow } from '../units.repository.ts';
import type { UnitDetail, UnitUpdateInput } from '../units.schemas.ts';
import type { UnitsDeps } from './deps.ts';
import { getUnit } from './get-unit.ts';
import { loadVisibleUnit } from './unit-access.ts';

/** What the audit log keeps of a unit change: the editable fields and the version. */
function editable(u: UnitRow) {
  return {
    name: u.name,
    population: u.population,
    areaKm2: u.areaKm2,
    isMountainous: u.isMountainous,
    createdByResolution: u.createdByResolution,
    version: u.version,
  };
}

/**
 * Changes a unit's editable fields if the caller saw the latest version; a stale version
 * answers VERSION_CONFLICT and changes nothing. The change and its audit entry (before
 * and after) commit together.
 */
export async function updateUnit(deps: UnitsDeps, actor: Actor, id: number, input: UnitUpdateInput, meta: AuditMeta): Promise<UnitDetail> {
  const { version, ...changes } = input;
  await audited(deps.db, meta, 'unit.update', 'administrative_unit', async (trx) => {
    const { unit: before } = await loadVisibleUnit(trx, actor, id);
    if (before.version !== version) throw new AppError('VERSION_CONFLICT');
    await updateUnitRow(trx, id, version, changes, meta.at);
    const after = await findUnit(trx, id);
    if (!after) throw new AppError('UNIT_NOT_FOUND');
    return { result: undefined, entityId: id, before: editable(before), after: editable(after) };
  });
  return getUnit(deps, actor, id);
}
