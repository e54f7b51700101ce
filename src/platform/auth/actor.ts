import { AppError } from '../errors/app-error.ts';
import { HR_ROLES, isUnitRole, type Permission, type Role, roleHas } from './roles.ts';

/** Who is making a request, as every use case sees it: no HTTP types (style §3.3). */
export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  provinceCode: string;
  /** The commune/ward for unit roles; null for province roles. */
  unitId: number | null;
  locale: string;
  sessionId: string | null;
  via: 'session' | 'token' | 'system';
};

export function requirePermission(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!roleHas(actor.role, permission)) throw new AppError('FORBIDDEN');
}

/**
 * Object-level check: province roles reach every unit of their province; unit roles
 * reach only their own commune/ward (`unitId` is the commune-level unit of the record).
 * A record of another province or commune answers 404, so its existence does not leak.
 */
export function assertUnitAccess(actor: Actor, record: { provinceCode: string; unitId: number | null }): void {
  if (record.provinceCode !== actor.provinceCode) throw AppError.denied('NOT_FOUND');
  if (isUnitRole(actor.role) && record.unitId !== actor.unitId) throw AppError.denied('NOT_FOUND');
}

export function canAccessUnit(actor: Actor, record: { provinceCode: string; unitId: number | null }): boolean {
  if (record.provinceCode !== actor.provinceCode) return false;
  return !isUnitRole(actor.role) || record.unitId === actor.unitId;
}

/** Field-level rule: personal data only for HR roles. */
export function canSeePersonalData(actor: Actor): boolean {
  return HR_ROLES.includes(actor.role);
}

export const SYSTEM_ACTOR = (provinceCode: string): Actor => ({
  userId: 0,
  username: 'system',
  displayName: 'System',
  role: 'system_admin',
  provinceCode,
  unitId: null,
  locale: 'vi',
  sessionId: null,
  via: 'system',
});
