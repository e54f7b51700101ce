import { type Actor, canAccessUnit } from '../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../platform/auth/roles.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { compareVietnameseNames } from '../../../platform/text/collation.ts';
import { maskPersonal } from '../masking.ts';
import { findStaffByIds, findUnitScope, listStaffKeys, type StaffKey, type StaffRecord } from '../staff.repository.ts';
import type { StaffListQuery, StaffListResponse, StaffSummary } from '../staff.schemas.ts';
import type { StaffDeps } from './deps.ts';

/** Vietnamese order: given name, then full name; the id keeps namesakes in a stable order. */
export function sortStaffKeys(keys: readonly StaffKey[]): StaffKey[] {
  return [...keys].sort((a, b) => compareVietnameseNames(a.fullName, b.fullName) || a.id - b.id);
}

export function toStaffSummary(r: StaffRecord, canSeePersonalData: boolean): StaffSummary {
  const m = maskPersonal(r, canSeePersonalData);
  return {
    id: m.id,
    fullName: m.fullName,
    gender: m.gender,
    birthDate: m.birthDate,
    citizenId: m.citizenId,
    rank: m.rank,
    employmentStatus: m.employmentStatus,
    currentTitle: m.currentTitle,
    unit: m.unit,
    orgBody: m.orgBody,
    masked: m.masked,
  };
}

/** Unit roles see their own commune only; a unit filter outside the caller's scope answers 404. */
async function unitIdsFor(deps: StaffDeps, actor: Actor, unitId: number | undefined): Promise<number[] | undefined> {
  if (unitId !== undefined) {
    const unit = await findUnitScope(deps.db, unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    if (!canAccessUnit(actor, { provinceCode: unit.provinceCode, unitId: unit.id })) throw AppError.denied('UNIT_NOT_FOUND');
    return [unitId];
  }
  if (!isUnitRole(actor.role)) return undefined;
  return actor.unitId === null ? [] : [actor.unitId];
}

/**
 * A page of staff in Vietnamese name order. Lists are always masked, whatever the role:
 * personal data is shown in full only on a profile, where each view is audited, so no
 * list page can expose a whole commune's ID numbers without a trace.
 */
export async function listStaff(deps: StaffDeps, actor: Actor, query: StaffListQuery): Promise<StaffListResponse> {
  const unitIds = await unitIdsFor(deps, actor, query.unitId);
  const keys = await listStaffKeys(deps.db, {
    provinceCode: actor.provinceCode,
    unitIds,
    q: query.q,
    rank: query.rank,
    orgBodyId: query.orgBodyId,
  });
  const start = (query.page - 1) * query.pageSize;
  const pageIds = sortStaffKeys(keys)
    .slice(start, start + query.pageSize)
    .map((k) => k.id);
  const rows = await findStaffByIds(deps.db, pageIds);
  return { items: rows.map((r) => toStaffSummary(r, false)), total: keys.length, page: query.page, pageSize: query.pageSize };
}
