import type { Db } from '../../../platform/db/database.ts';

/**
 * Who held which professional job position, per unit, on a run's date (a read next to
 * runs.repository.ts, whose write path is left alone). The run stores its staff counts per
 * unit × field only; the per-position view splits them with these rows (pages/position-view.ts).
 */

export const CADRE_GROUP = 'PROFESSIONAL';
export const COUNTED_STATUS = 'ACTIVE';

export type PositionHolderRow = {
  placementId: number;
  staffId: number;
  unitId: number;
  field: string;
  positionId: number;
  positionCode: string;
  nameVi: string;
  nameEn: string;
};

/**
 * Placements current on `onDate` (start ≤ date ≤ end) of ACTIVE staff in PROFESSIONAL positions
 * with a field, as the run counted them (runs.repository.ts staffCounts): the same conditions,
 * one row per placement, oldest placement first (the caller counts a person once per unit × field).
 */
export async function positionHolders(
  db: Db,
  provinceCode: string,
  onDate: string,
  filter: { unitId?: number | undefined; field?: string | undefined },
): Promise<PositionHolderRow[]> {
  let q = db
    .selectFrom('staffPositions as sp')
    .innerJoin('positions as p', 'p.id', 'sp.positionId')
    .innerJoin('staff as s', 's.id', 'sp.staffId')
    .select(['sp.id as placementId', 'sp.staffId', 'sp.unitId', 'p.field', 'p.id as positionId', 'p.code', 'p.nameVi', 'p.nameEn'])
    .where('sp.provinceCode', '=', provinceCode)
    .where('s.employmentStatus', '=', COUNTED_STATUS)
    .where('p.positionGroup', '=', CADRE_GROUP)
    .where('p.field', 'is not', null)
    .where('sp.startDate', '<=', onDate)
    .where((eb) => eb.or([eb('sp.endDate', 'is', null), eb('sp.endDate', '>=', onDate)]));
  if (filter.unitId !== undefined) q = q.where('sp.unitId', '=', filter.unitId);
  if (filter.field !== undefined) q = q.where('p.field', '=', filter.field);
  const rows = await q.orderBy('sp.id').execute();
  return rows.map((r) => ({
    placementId: Number(r.placementId),
    staffId: Number(r.staffId),
    unitId: Number(r.unitId),
    field: String(r.field),
    positionId: Number(r.positionId),
    positionCode: r.code,
    nameVi: r.nameVi,
    nameEn: r.nameEn,
  }));
}
