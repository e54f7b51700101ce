import type { ModuleDeps } from '../../app.ts';
import type { AuditMeta } from '../../platform/audit/audited.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { isRole, isUnitRole, type Role, STAFF_ROLES } from '../../platform/auth/roles.ts';
import { createUser, resetPassword, setUserEnabled } from '../../platform/auth/users.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { sortByText } from '../../platform/text/collation.ts';
import * as repo from './users.repository.ts';
import type { UserView } from './users.schemas.ts';

export type UsersDeps = Pick<ModuleDeps, 'db' | 'clock'>;
export type { AssignableUnit } from './users.repository.ts';

export const PAGE_SIZE = 50;

export function auditMetaFor(deps: UsersDeps, actor: Actor, requestId: string | null): AuditMeta {
  return { actor, requestId, at: deps.clock.now().toISOString(), provinceCode: actor.provinceCode };
}

/** A page of the accounts of the caller's province, plus the cursor of the next page. */
export async function listAccounts(
  deps: UsersDeps,
  actor: Actor,
  page: { after?: string | undefined; limit?: number },
): Promise<{ items: UserView[]; nextAfter: string | null }> {
  const limit = page.limit ?? PAGE_SIZE;
  const rows = await repo.listUserViews(deps.db, actor.provinceCode, { after: page.after?.toLowerCase(), limit: limit + 1 });
  const items = rows.slice(0, limit);
  return { items, nextAfter: rows.length > limit ? (items.at(-1)?.username ?? null) : null };
}

export async function listUnitChoices(deps: UsersDeps, provinceCode: string): Promise<repo.AssignableUnit[]> {
  return sortByText(await repo.listAssignableUnits(deps.db, provinceCode), (u) => u.name);
}

export type NewAccount = {
  username: string;
  displayName: string;
  role: string;
  unitId?: number | null | undefined;
  password: string;
  locale?: Locale | undefined;
};

/**
 * Creates a staff account in the province of `meta`. A commune-level role must name a
 * current commune or ward of that province; province roles carry no unit.
 */
export async function createAccount(deps: UsersDeps, input: NewAccount, meta: AuditMeta): Promise<UserView> {
  if (!isRole(input.role) || !STAFF_ROLES.includes(input.role)) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'role', message: 'unknown role' }]);
  }
  const role: Role = input.role;
  if (!input.displayName.trim()) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'displayName', message: 'required' }]);
  let unitId: number | null = null;
  if (isUnitRole(role)) {
    if (!input.unitId) throw new AppError('USER_UNIT_REQUIRED');
    const unit = await repo.findAssignableUnit(deps.db, meta.provinceCode, input.unitId);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    unitId = unit.id;
  }
  const user = await createUser(
    deps.db,
    {
      provinceCode: meta.provinceCode,
      username: input.username.trim().toLowerCase(),
      displayName: input.displayName.trim(),
      password: input.password,
      role,
      unitId,
      ...(input.locale ? { locale: input.locale } : {}),
    },
    meta,
  );
  return getAccount(deps, user.id);
}

async function getAccount(deps: UsersDeps, userId: number): Promise<UserView> {
  const view = await repo.findUserView(deps.db, userId);
  if (!view) throw new AppError('USER_NOT_FOUND');
  return view;
}

/**
 * Disables or re-enables an account of the caller's province. Disabling ends its sessions
 * at once and its API tokens stop working (auth checks the account on every request).
 * Administrators cannot disable themselves, so a province never locks out its last admin by accident.
 */
export async function setAccountEnabled(deps: UsersDeps, userId: number, enabled: boolean, meta: AuditMeta): Promise<UserView> {
  if (!enabled && meta.actor && meta.actor.userId === userId) throw new AppError('USER_CANNOT_DISABLE_SELF');
  await setUserEnabled(deps.db, userId, enabled, meta);
  return getAccount(deps, userId);
}

/** Operator password reset (CLI): sets a new password and ends every session of the account. */
export async function resetAccountPassword(deps: UsersDeps, userId: number, password: string, meta: AuditMeta): Promise<void> {
  await resetPassword(deps.db, userId, password, meta);
}

/** Finds the current commune/ward with this code (CLI); refuses when the code is unknown or ambiguous. */
export async function resolveUnitCode(deps: UsersDeps, code: string, provinceCode?: string): Promise<repo.AssignableUnit> {
  const matches = await repo.findAssignableUnitsByCode(deps.db, code, provinceCode);
  if (matches.length !== 1 || !matches[0]) throw new AppError('UNIT_NOT_FOUND');
  return matches[0];
}

export async function listProvinces(deps: UsersDeps): Promise<string[]> {
  return repo.listProvinceCodes(deps.db);
}
