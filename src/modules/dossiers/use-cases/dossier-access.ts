import type { Actor } from '../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../platform/auth/roles.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { type DossierRecord, findDossier } from '../dossiers.repository.ts';

/**
 * Reception is boundary-free within the province (domain.md §6.1), so a dossier belongs to
 * two units: the one that received it and the one competent to decide it. Unit roles see
 * it from either; province roles see the whole province.
 */
export function canSeeDossier(actor: Actor, d: Pick<DossierRecord, 'provinceCode' | 'receivingUnitId' | 'competentUnitId'>): boolean {
  if (d.provinceCode !== actor.provinceCode) return false;
  if (!isUnitRole(actor.role)) return true;
  return actor.unitId !== null && (d.receivingUnitId === actor.unitId || d.competentUnitId === actor.unitId);
}

/** Loads a dossier the actor may see; another unit's or province's answers the same 404 as a missing one. */
export async function loadVisibleDossier(db: Db, actor: Actor, id: number): Promise<DossierRecord> {
  const d = await findDossier(db, id);
  if (!d) throw new AppError('DOSSIER_NOT_FOUND');
  if (!canSeeDossier(actor, d)) throw AppError.denied('DOSSIER_NOT_FOUND');
  return d;
}
