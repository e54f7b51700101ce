import type { ModuleDeps } from '../../app.ts';
import { type AuditMeta, auditEvent, audited } from '../../platform/audit/audited.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import * as authRepo from '../../platform/auth/auth.repository.ts';
import { beginTotpEnrolment, createApiToken, revokeApiToken } from '../../platform/auth/auth.service.ts';
import { unseal } from '../../platform/auth/secrets.ts';
import { checkTotp } from '../../platform/auth/totp.ts';
import { changePassword } from '../../platform/auth/users.service.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { findUnitName } from './account.repository.ts';
import type { CreateTokenBody, Token } from './account.schemas.ts';

export type AccountDeps = Pick<ModuleDeps, 'db' | 'clock' | 'auth'>;

export type Profile = {
  username: string;
  displayName: string;
  role: Actor['role'];
  provinceCode: string;
  unitId: number | null;
  unitName: string | null;
  locale: string;
  mfaEnabled: boolean;
};

export function auditMetaFor(deps: AccountDeps, actor: Actor, requestId: string): AuditMeta {
  return { actor, requestId, at: deps.clock.now().toISOString(), provinceCode: actor.provinceCode };
}

async function getUser(deps: AccountDeps, actor: Actor): Promise<authRepo.UserRecord> {
  const user = await authRepo.findUserById(deps.db, actor.userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

export async function getProfile(deps: AccountDeps, actor: Actor): Promise<Profile> {
  const user = await getUser(deps, actor);
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    provinceCode: user.provinceCode,
    unitId: user.unitId,
    unitName: user.unitId === null ? null : await findUnitName(deps.db, user.unitId),
    locale: user.locale,
    mfaEnabled: user.totpEnabled,
  };
}

export function toToken(r: authRepo.ApiTokenRecord, now: Date): Token {
  const status = r.revokedAt ? 'revoked' : r.expiresAt && new Date(r.expiresAt) <= now ? 'expired' : 'active';
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    expiresAt: r.expiresAt,
    revokedAt: r.revokedAt,
    status,
  };
}

export async function listOwnTokens(deps: AccountDeps, actor: Actor): Promise<Token[]> {
  const now = deps.clock.now();
  return (await authRepo.listApiTokens(deps.db, actor.userId)).map((r) => toToken(r, now));
}

/** Changes the caller's password; every other session of the account ends, this one stays. */
export async function changeOwnPassword(
  deps: AccountDeps,
  actor: Actor,
  input: { current: string; next: string; confirm: string },
  requestId: string,
): Promise<void> {
  await changePassword(deps.db, actor.userId, input, { ...auditMetaFor(deps, actor, requestId), keepSessionId: actor.sessionId });
}

export async function startTotpEnrolment(deps: AccountDeps, actor: Actor) {
  return beginTotpEnrolment(deps.auth, actor.userId);
}

/**
 * Turns on TOTP for an account that chose it: the code must match the pending secret, and
 * its time step is claimed in the same transaction, so the code cannot be used again.
 */
export async function confirmTotpEnrolment(deps: AccountDeps, actor: Actor, code: string, requestId: string): Promise<void> {
  const user = await getUser(deps, actor);
  if (user.totpEnabled) throw new AppError('AUTH_TOTP_ALREADY_ENABLED');
  const meta = auditMetaFor(deps, actor, requestId);
  const step = user.totpSecret ? checkTotp(unseal(deps.auth.secrets.encryptionKey, user.totpSecret), code, deps.clock.now()) : null;
  if (step === null) {
    await auditEvent(deps.db, meta, 'auth.mfa_failed', 'user', String(user.id), { stage: 'account_enrol' });
    throw new AppError('AUTH_MFA_INVALID');
  }
  await audited(deps.db, meta, 'auth.mfa_enrolled', 'user', async (trx) => {
    if (!(await authRepo.claimTotpStep(trx, user.id, step))) throw new AppError('AUTH_MFA_INVALID');
    await authRepo.enableTotp(trx, user.id);
    return { result: undefined, entityId: user.id, before: { totpEnabled: false }, after: { totpEnabled: true } };
  });
}

export async function createOwnToken(
  deps: AccountDeps,
  actor: Actor,
  input: CreateTokenBody,
  requestId: string,
): Promise<{ token: string; record: Token }> {
  const user = await getUser(deps, actor);
  const now = deps.clock.now();
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString() : null;
  const created = await createApiToken(deps.auth, user, input.name, auditMetaFor(deps, actor, requestId), expiresAt);
  return { token: created.token, record: toToken(created.record, now) };
}

/** Only the caller's own tokens: another account's token id answers 404. */
export async function revokeOwnToken(deps: AccountDeps, actor: Actor, tokenId: number, requestId: string): Promise<void> {
  await revokeApiToken(deps.auth, tokenId, auditMetaFor(deps, actor, requestId), { ownerUserId: actor.userId });
}

export async function setOwnLocale(deps: AccountDeps, actor: Actor, locale: Locale, requestId: string): Promise<void> {
  await audited(deps.db, auditMetaFor(deps, actor, requestId), 'user.locale_change', 'user', async (trx) => {
    await authRepo.setUserLocale(trx, actor.userId, locale);
    return { result: undefined, entityId: actor.userId, before: { locale: actor.locale }, after: { locale } };
  });
}
