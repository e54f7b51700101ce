import { type AuditMeta, audited } from '../audit/audited.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import * as repo from './auth.repository.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';
import { isUnitRole, type Role } from './roles.ts';

export type NewUser = {
  provinceCode: string;
  username: string;
  displayName: string;
  password: string;
  role: Role;
  unitId: number | null;
  locale?: string;
};

/** What the audit log keeps of an account: never the hash or the TOTP seed. */
function auditView(u: repo.UserRecord) {
  return { username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId, disabledAt: u.disabledAt };
}

export async function createUser(db: Db, input: NewUser, meta: AuditMeta): Promise<repo.UserRecord> {
  if (!/^[a-z0-9][a-z0-9._-]{1,63}$/i.test(input.username)) {
    throw new AppError('VALIDATION_FAILED', {}, [{ path: 'username', message: 'a-z, 0-9, . _ -; 2–64 characters' }]);
  }
  if (isUnitRole(input.role) && input.unitId === null) throw new AppError('USER_UNIT_REQUIRED');
  checkPasswordPolicy(input.password, [input.username]);
  if (await repo.findUserByUsername(db, input.username)) throw new AppError('USER_USERNAME_TAKEN');
  const passwordHash = await hashPassword(input.password);
  return audited(db, meta, 'user.create', 'user', async (trx) => {
    const user = await repo.insertUser(trx, { ...input, unitId: isUnitRole(input.role) ? input.unitId : null, passwordHash }, meta.at);
    return { result: user, entityId: user.id, after: auditView(user) };
  });
}

/** Disabling an account ends all its sessions at once (ASVS 5.0 V7.4); tokens stop working too. */
export async function setUserEnabled(db: Db, userId: number, enabled: boolean, meta: AuditMeta): Promise<repo.UserRecord> {
  return audited(db, meta, enabled ? 'user.enable' : 'user.disable', 'user', async (trx) => {
    const before = await repo.findUserById(trx, userId);
    if (!before || before.provinceCode !== meta.provinceCode) throw new AppError('USER_NOT_FOUND');
    await repo.setUserDisabled(trx, userId, enabled ? null : meta.at);
    const ended = enabled ? 0 : await repo.endUserSessions(trx, userId, meta.at);
    const after = await repo.findUserById(trx, userId);
    if (!after) throw new AppError('USER_NOT_FOUND');
    return { result: after, entityId: userId, before: auditView(before), after: { ...auditView(after), sessionsEnded: ended } };
  });
}

/** Changing the password ends every other session of the account. */
export async function changePassword(
  db: Db,
  userId: number,
  input: { current: string; next: string; confirm: string },
  meta: AuditMeta & { keepSessionId: string | null },
): Promise<void> {
  const user = await repo.findUserById(db, userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  if (!(await verifyPassword(user.passwordHash, input.current))) throw new AppError('AUTH_INVALID_CREDENTIALS');
  if (input.next !== input.confirm) throw new AppError('PASSWORD_MISMATCH');
  checkPasswordPolicy(input.next, [user.username]);
  const hash = await hashPassword(input.next);
  await audited(db, meta, 'user.password_change', 'user', async (trx) => {
    await repo.setUserPassword(trx, userId, hash, meta.at);
    const ended = await repo.endUserSessions(trx, userId, meta.at, meta.keepSessionId ?? undefined);
    return { result: undefined, entityId: userId, after: { sessionsEnded: ended } };
  });
}

/** Operator reset from the CLI: sets a new password without the old one. */
export async function resetPassword(db: Db, userId: number, password: string, meta: AuditMeta): Promise<void> {
  const user = await repo.findUserById(db, userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  checkPasswordPolicy(password, [user.username]);
  const hash = await hashPassword(password);
  await audited(db, meta, 'user.password_reset', 'user', async (trx) => {
    await repo.setUserPassword(trx, userId, hash, meta.at);
    const ended = await repo.endUserSessions(trx, userId, meta.at);
    return { result: undefined, entityId: userId, after: { sessionsEnded: ended } };
  });
}
