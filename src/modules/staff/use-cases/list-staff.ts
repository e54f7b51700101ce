import { type Actor, canAccessUnit } from '../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../platform/auth/roles.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { maskPersonal } from '../masking.ts';
import { findUnitScope, listStaffKeys, listStaffPage, type StaffFilter, type StaffKey, type StaffRecord } from '../staff.repository.ts';
import type { StaffListQuery, StaffListResponse, StaffSummary } from '../staff.schemas.ts';
import type { StaffDeps } from './deps.ts';

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

async function filterFor(deps: StaffDeps, actor: Actor, query: StaffListQuery): Promise<StaffFilter> {
  return {
    provinceCode: actor.provinceCode,
    unitIds: await unitIdsFor(deps, actor, query.unitId),
    q: query.q,
    rank: query.rank,
    status: query.status,
    orgBodyId: query.orgBodyId,
  };
}

/** Every matching key in directory order, within the caller's scope (the exports read them all). */
export async function staffKeysFor(deps: StaffDeps, actor: Actor, query: StaffListQuery): Promise<StaffKey[]> {
  return listStaffKeys(deps.db, await filterFor(deps, actor, query));
}

/**
 * A page of staff in Vietnamese name order (given name, then full name; ADR 0007). Lists
 * are always masked, whatever the role: personal data is shown in full only on a profile,
 * where each view is audited, so no list page can expose a whole commune's ID numbers
 * without a trace.
 */
export async function listStaff(deps: StaffDeps, actor: Actor, query: StaffListQuery): Promise<StaffListResponse> {
  const page = await listStaffPage(deps.db, await filterFor(deps, actor, query), {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return { items: page.rows.map((r) => toStaffSummary(r, false)), total: page.total, page: query.page, pageSize: query.pageSize };
}
