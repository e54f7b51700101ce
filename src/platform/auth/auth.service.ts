import { randomBytes } from 'node:crypto';
import { type AuditMeta, auditEvent, audited } from '../audit/audited.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import type { Clock } from '../time/clock.ts';
import type { Actor } from './actor.ts';
import * as repo from './auth.repository.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import { isAdminRole, STAFF_ROLES } from './roles.ts';
import { type ServerSecrets, seal, sha256Hex, unseal } from './secrets.ts';
import { checkTotp, newTotpSecret, totpQrSvg, totpUri } from './totp.ts';

export type AuthDeps = {
  db: Db;
  clock: Clock;
  secrets: ServerSecrets;
  settings: {
    sessionIdleMinutes: number;
    sessionAbsoluteHours: number;
    mfaEnforceAll: boolean;
    loginMaxFailures: number;
    loginLockMinutes: number;
  };
};

export const TOKEN_PREFIX = 'cadre_pat_';
/** Avoid a write per request: last-seen is refreshed at most once a minute. */
const TOUCH_INTERVAL_MS = 60_000;

function nowIso(deps: AuthDeps): string {
  return deps.clock.now().toISOString();
}

export function actorFromUser(user: repo.UserRecord, sessionId: string | null, via: Actor['via']): Actor {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    provinceCode: user.provinceCode,
    unitId: user.unitId,
    locale: user.locale,
    sessionId,
    via,
  };
}

export function needsMfa(deps: AuthDeps, user: repo.UserRecord): boolean {
  if (user.role === 'citizen') return false;
  return user.totpEnabled || isAdminRole(user.role) || deps.settings.mfaEnforceAll;
}

// Sessions ---------------------------------------------------------------------------------

export type ResolvedSession =
  | { kind: 'active'; actor: Actor; sessionId: string }
  | { kind: 'pending'; sessionId: string; userId: number; stage: 'mfa' | 'mfa_enroll' }
  | { kind: 'none' };

/** The cookie carries a random token; the database keeps only its hash. */
export async function resolveSession(deps: AuthDeps, rawToken: string): Promise<ResolvedSession> {
  const id = sha256Hex(rawToken);
  const session = await repo.findSession(deps.db, id);
  if (!session || session.endedAt) return { kind: 'none' };
  const now = deps.clock.now();
  const idleLimit = new Date(session.lastSeenAt).getTime() + deps.settings.sessionIdleMinutes * 60_000;
  if (now.getTime() >= new Date(session.expiresAt).getTime() || now.getTime() >= idleLimit) {
    await repo.endSession(deps.db, id, now.toISOString());
    return { kind: 'none' };
  }
  const user = await repo.findUserById(deps.db, session.userId);
  if (!user || user.disabledAt) {
    await repo.endSession(deps.db, id, now.toISOString());
    return { kind: 'none' };
  }
  if (now.getTime() - new Date(session.lastSeenAt).getTime() > TOUCH_INTERVAL_MS) {
    await repo.touchSession(deps.db, id, now.toISOString());
  }
  if (session.stage !== 'active') return { kind: 'pending', sessionId: id, userId: user.id, stage: session.stage };
  return { kind: 'active', actor: actorFromUser(user, id, 'session'), sessionId: id };
}

export async function startSession(
  deps: AuthDeps,
  user: repo.UserRecord,
  stage: repo.SessionStage,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; sessionId: string }> {
  const token = randomBytes(32).toString('base64url');
  const id = sha256Hex(token);
  const now = deps.clock.now();
  await repo.insertSession(deps.db, {
    id,
    userId: user.id,
    provinceCode: user.provinceCode,
    stage,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.settings.sessionAbsoluteHours * 3_600_000).toISOString(),
    ip: client.ip,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { token, sessionId: id };
}

export type LoginResult = { token: string; sessionId: string; stage: repo.SessionStage; user: repo.UserRecord };

/**
 * Password step of sign-in. Throttles per account (ASVS 5.0 V6.3): after
 * LOGIN_MAX_FAILURES failures within LOGIN_LOCK_MINUTES the account refuses attempts for
 * that long, and the lock-out is audited. Unknown accounts take the same time to refuse.
 * Any session the browser held is ended: a fresh id is issued on every login.
 */
export async function login(
  deps: AuthDeps,
  input: { username: string; password: string; previousSessionId: string | null },
  client: { ip: string | null; userAgent: string | null; requestId: string },
): Promise<LoginResult> {
  const usernameKey = input.username.trim().toLowerCase().slice(0, 64);
  const now = nowIso(deps);
  const since = new Date(deps.clock.now().getTime() - deps.settings.loginLockMinutes * 60_000).toISOString();
  const user = await repo.findUserByUsername(deps.db, usernameKey);
  const meta = () => ({
    actor: null,
    username: usernameKey,
    requestId: client.requestId,
    at: now,
    provinceCode: user?.provinceCode ?? '',
  });
  const failures = await repo.countRecentFailures(deps.db, usernameKey, since);
  if (failures >= deps.settings.loginMaxFailures) {
    await auditEvent(deps.db, meta(), 'auth.login_locked', 'user', user ? String(user.id) : null, { ip: client.ip });
    throw new AppError('AUTH_LOCKED', { minutes: deps.settings.loginLockMinutes });
  }
  let ok = false;
  if (user && !user.disabledAt) ok = await verifyPassword(user.passwordHash, input.password);
  else await burnPasswordCheck(input.password);
  if (!user || !ok || user.disabledAt || !STAFF_ROLES.includes(user.role)) {
    await repo.recordLoginAttempt(deps.db, usernameKey, client.ip, false, now);
    await auditEvent(deps.db, meta(), 'auth.login_failed', 'user', user ? String(user.id) : null, {
      ip: client.ip,
      reason: !user ? 'unknown_user' : user.disabledAt ? 'disabled' : 'bad_password',
    });
    if (failures + 1 >= deps.settings.loginMaxFailures) {
      await auditEvent(deps.db, meta(), 'auth.lockout', 'user', user ? String(user.id) : null, { ip: client.ip });
    }
    throw new AppError('AUTH_INVALID_CREDENTIALS');
  }
  if (input.previousSessionId) await repo.endSession(deps.db, input.previousSessionId, now);
  const stage: repo.SessionStage = needsMfa(deps, user) ? (user.totpEnabled ? 'mfa' : 'mfa_enroll') : 'active';
  const session = await startSession(deps, user, stage, client);
  await repo.recordLoginAttempt(deps.db, usernameKey, client.ip, true, now);
  await auditEvent(
    deps.db,
    { actor: actorFromUser(user, session.sessionId, 'session'), requestId: client.requestId, at: now, provinceCode: user.provinceCode },
    'auth.login',
    'user',
    String(user.id),
    { stage, ip: client.ip },
  );
  return { ...session, stage, user };
}

/**
 * Second factor. A valid code upgrades the pending session by replacing it with a new
 * one (the id changes whenever privilege changes); a used time step cannot be replayed.
 */
export async function completeMfa(
  deps: AuthDeps,
  pending: { sessionId: string; userId: number },
  code: string,
  client: { ip: string | null; userAgent: string | null; requestId: string },
): Promise<{ token: string; sessionId: string }> {
  const user = await repo.findUserById(deps.db, pending.userId);
  if (!user?.totpSecret) throw new AppError('UNAUTHENTICATED');
  const now = deps.clock.now();
  const step = checkTotp(unseal(deps.secrets.encryptionKey, user.totpSecret), code, now);
  const meta = {
    actor: actorFromUser(user, pending.sessionId, 'session'),
    requestId: client.requestId,
    at: now.toISOString(),
    provinceCode: user.provinceCode,
  };
  if (step === null || !(await repo.claimTotpStep(deps.db, user.id, step))) {
    await repo.recordLoginAttempt(deps.db, user.username, client.ip, false, now.toISOString());
    await auditEvent(deps.db, meta, 'auth.mfa_failed', 'user', String(user.id), { ip: client.ip });
    throw new AppError('AUTH_MFA_INVALID');
  }
  // enableTotp, not setTotp: setTotp clears totp_last_step, which would make the code just
  // claimed usable a second time.
  if (!user.totpEnabled) await repo.enableTotp(deps.db, user.id);
  await repo.endSession(deps.db, pending.sessionId, now.toISOString());
  const session = await startSession(deps, user, 'active', client);
  await auditEvent(deps.db, meta, user.totpEnabled ? 'auth.mfa_passed' : 'auth.mfa_enrolled', 'user', String(user.id));
  return session;
}

/** Creates (or re-shows) the pending TOTP secret for enrolment; it is stored sealed. */
export async function beginTotpEnrolment(deps: AuthDeps, userId: number): Promise<{ secret: string; uri: string; qrSvg: string }> {
  const user = await repo.findUserById(deps.db, userId);
  if (!user) throw new AppError('UNAUTHENTICATED');
  // Re-enrolling would overwrite a working secret with a pending one and switch the factor off.
  if (user.totpEnabled) throw new AppError('AUTH_TOTP_ALREADY_ENABLED');
  let secret: string;
  if (user.totpSecret && !user.totpEnabled) {
    secret = unseal(deps.secrets.encryptionKey, user.totpSecret);
  } else {
    secret = newTotpSecret();
    await repo.setTotp(deps.db, user.id, seal(deps.secrets.encryptionKey, secret), false);
  }
  const uri = totpUri(secret, user.username);
  return { secret, uri, qrSvg: await totpQrSvg(uri) };
}

export async function logout(deps: AuthDeps, sessionId: string, meta: AuditMeta): Promise<void> {
  await audited(deps.db, meta, 'auth.logout', 'session', async (trx) => {
    await repo.endSession(trx, sessionId, meta.at);
    return { result: undefined, entityId: meta.actor?.userId ?? null };
  });
}

// API tokens -------------------------------------------------------------------------------

/** Bearer tokens act as their user; a disabled user or a revoked token is refused. */
export async function authenticateBearer(deps: AuthDeps, token: string): Promise<Actor> {
  if (!token.startsWith(TOKEN_PREFIX)) throw new AppError('AUTH_TOKEN_INVALID');
  const found = await repo.findApiTokenWithUser(deps.db, sha256Hex(token));
  const now = deps.clock.now();
  if (!found) throw new AppError('AUTH_TOKEN_INVALID');
  const { token: record, user } = found;
  if (record.revokedAt || (record.expiresAt && new Date(record.expiresAt) <= now)) throw new AppError('AUTH_TOKEN_INVALID');
  if (user.disabledAt) throw new AppError('AUTH_TOKEN_INVALID');
  if (!record.lastUsedAt || now.getTime() - new Date(record.lastUsedAt).getTime() > TOUCH_INTERVAL_MS) {
    await repo.touchApiToken(deps.db, record.id, now.toISOString());
  }
  return actorFromUser(user, null, 'token');
}

export async function createApiToken(
  deps: AuthDeps,
  owner: repo.UserRecord,
  name: string,
  meta: AuditMeta,
  expiresAt: string | null = null,
): Promise<{ token: string; record: repo.ApiTokenRecord }> {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const record = await audited(deps.db, meta, 'token.create', 'api_token', async (trx) => {
    const rec = await repo.insertApiToken(
      trx,
      {
        provinceCode: owner.provinceCode,
        userId: owner.id,
        name,
        tokenHash: sha256Hex(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        expiresAt,
      },
      meta.at,
    );
    return { result: rec, entityId: rec.id, after: { name, userId: owner.id, prefix: rec.prefix } };
  });
  return { token, record };
}

/**
 * Revokes a token. With `ownerUserId` only that user's token may be revoked: another
 * user's token answers TOKEN_NOT_FOUND, so ids of other accounts' tokens do not leak.
 */
export async function revokeApiToken(deps: AuthDeps, tokenId: number, meta: AuditMeta, opts: { ownerUserId?: number } = {}): Promise<void> {
  await audited(deps.db, meta, 'token.revoke', 'api_token', async (trx) => {
    const rec = await repo.findApiToken(trx, tokenId);
    if (!rec || (opts.ownerUserId !== undefined && rec.userId !== opts.ownerUserId)) throw new AppError('TOKEN_NOT_FOUND');
    await repo.revokeApiToken(trx, tokenId, meta.at);
    return { result: undefined, entityId: tokenId, before: { revokedAt: rec.revokedAt }, after: { revokedAt: rec.revokedAt ?? meta.at } };
  });
}
