import type { Db } from '../db/database.ts';
import { fromDbBool, toDbBool } from '../db/database.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { fixedQuery } from '../db/fixed-query.ts';
import { AppError } from '../errors/app-error.ts';
import { isRole, type Role } from './roles.ts';

export type UserRecord = {
  id: number;
  provinceCode: string;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  unitId: number | null;
  locale: string;
  totpSecret: string | null;
  totpEnabled: boolean;
  totpLastStep: number | null;
  disabledAt: string | null;
  createdAt: string;
};

type UserRow = Awaited<ReturnType<typeof selectUsers>>[number];
function selectUsers(db: Db) {
  return db.selectFrom('users').selectAll().execute();
}

function toUser(r: UserRow): UserRecord {
  if (!isRole(r.role)) throw new Error(`Unknown role in database: ${r.role}`);
  return {
    id: r.id,
    provinceCode: r.provinceCode,
    username: r.username,
    displayName: r.displayName,
    passwordHash: r.passwordHash,
    role: r.role,
    unitId: r.unitId,
    locale: r.locale,
    totpSecret: r.totpSecret,
    totpEnabled: fromDbBool(r.totpEnabled),
    totpLastStep: r.totpLastStep === null ? null : Number(r.totpLastStep),
    disabledAt: r.disabledAt,
    createdAt: r.createdAt,
  };
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRecord | undefined> {
  const r = await db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
  return r ? toUser(r) : undefined;
}

export async function findUserById(db: Db, id: number): Promise<UserRecord | undefined> {
  const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toUser(r) : undefined;
}

export async function listUsers(db: Db, provinceCode: string): Promise<UserRecord[]> {
  const rows = await db.selectFrom('users').selectAll().where('provinceCode', '=', provinceCode).orderBy('username').execute();
  return rows.map(toUser);
}

export async function insertUser(
  db: Db,
  u: {
    provinceCode: string;
    username: string;
    displayName: string;
    passwordHash: string;
    role: Role;
    unitId: number | null;
    locale?: string;
  },
  now: string,
): Promise<UserRecord> {
  // Two administrators creating the same username at once both pass the service's
  // look-up; the unique index decides, and the loser gets the same clear error.
  const inserted = await db
    .insertInto('users')
    .values({
      provinceCode: u.provinceCode,
      username: u.username.toLowerCase(),
      displayName: u.displayName,
      passwordHash: u.passwordHash,
      role: u.role,
      unitId: u.unitId,
      locale: u.locale ?? 'vi',
      totpEnabled: toDbBool(false),
      passwordChangedAt: now,
      createdAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((e: unknown) => {
      if (isUniqueViolation(e)) throw new AppError('USER_USERNAME_TAKEN');
      throw e;
    });
  const user = await findUserById(db, inserted.id);
  if (!user) throw new Error('inserted user vanished');
  return user;
}

export async function setUserDisabled(db: Db, userId: number, at: string | null): Promise<void> {
  await db.updateTable('users').set({ disabledAt: at }).where('id', '=', userId).execute();
}

export async function setUserPassword(db: Db, userId: number, passwordHash: string, now: string): Promise<void> {
  await db.updateTable('users').set({ passwordHash, passwordChangedAt: now }).where('id', '=', userId).execute();
}

export async function setUserLocale(db: Db, userId: number, locale: string): Promise<void> {
  await db.updateTable('users').set({ locale }).where('id', '=', userId).execute();
}

export async function setTotp(db: Db, userId: number, secret: string | null, enabled: boolean): Promise<void> {
  await db
    .updateTable('users')
    .set({ totpSecret: secret, totpEnabled: toDbBool(enabled), totpLastStep: null })
    .where('id', '=', userId)
    .execute();
}

/**
 * Turns the second factor on for the secret already stored. Leaves totp_last_step alone:
 * the code that proved enrolment has just been claimed and must stay unusable.
 */
export async function enableTotp(db: Db, userId: number): Promise<void> {
  await db
    .updateTable('users')
    .set({ totpEnabled: toDbBool(true) })
    .where('id', '=', userId)
    .execute();
}

/**
 * Records the TOTP time step just used; refuses (returns false) when that step or a later
 * one was already used, so an intercepted code cannot be replayed (ASVS 5.0 V6.5).
 */
export async function claimTotpStep(db: Db, userId: number, step: number): Promise<boolean> {
  const res = await db
    .updateTable('users')
    .set({ totpLastStep: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

// Sessions -------------------------------------------------------------------------------

export type SessionStage = 'active' | 'mfa' | 'mfa_enroll';
export type SessionRecord = {
  id: string;
  userId: number;
  provinceCode: string;
  stage: SessionStage;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  endedAt: string | null;
};

export async function insertSession(
  db: Db,
  s: Omit<SessionRecord, 'endedAt'> & { ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ ...s, endedAt: null })
    .execute();
}

export async function findSession(db: Db, id: string): Promise<SessionRecord | undefined> {
  const r = await db
    .selectFrom('sessions')
    .select(['id', 'userId', 'provinceCode', 'stage', 'createdAt', 'lastSeenAt', 'expiresAt', 'endedAt'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r ? { ...r, stage: r.stage as SessionStage } : undefined;
}

export async function touchSession(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt: at }).where('id', '=', id).execute();
}

export async function setSessionStage(db: Db, id: string, stage: SessionStage): Promise<void> {
  await db.updateTable('sessions').set({ stage }).where('id', '=', id).execute();
}

export async function endSession(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ endedAt: at }).where('id', '=', id).where('endedAt', 'is', null).execute();
}

export async function endUserSessions(db: Db, userId: number, at: string, exceptId?: string): Promise<number> {
  let q = db.updateTable('sessions').set({ endedAt: at }).where('userId', '=', userId).where('endedAt', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

// API tokens ----------------------------------------------------------------------------

export type ApiTokenRecord = {
  id: number;
  provinceCode: string;
  userId: number;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

const TOKEN_COLUMNS = ['id', 'provinceCode', 'userId', 'name', 'prefix', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt'] as const;

export async function insertApiToken(
  db: Db,
  t: { provinceCode: string; userId: number; name: string; tokenHash: string; prefix: string; expiresAt: string | null },
  now: string,
): Promise<ApiTokenRecord> {
  return db
    .insertInto('apiTokens')
    .values({ ...t, createdAt: now })
    .returning(TOKEN_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Every Bearer request runs it: built once per dialect rather than per request (platform/db/fixed-query.ts). */
const tokenWithUser = fixedQuery<{ tokenHash: string }, UserRow & TokenColumns>((db, p) =>
  db
    .selectFrom('apiTokens as t')
    .innerJoin('users as u', 'u.id', 't.userId')
    .selectAll('u')
    .select(['t.id as tokenId', 't.revokedAt as tokenRevokedAt', 't.expiresAt as tokenExpiresAt', 't.lastUsedAt as tokenLastUsedAt'])
    .where('t.tokenHash', '=', p('tokenHash')),
);

type TokenColumns = { tokenId: number; tokenRevokedAt: string | null; tokenExpiresAt: string | null; tokenLastUsedAt: string | null };

/** A token and its user in one round trip: every Bearer request needs both. */
export async function findApiTokenWithUser(
  db: Db,
  tokenHash: string,
): Promise<{ token: Pick<ApiTokenRecord, 'id' | 'revokedAt' | 'expiresAt' | 'lastUsedAt'>; user: UserRecord } | undefined> {
  const r = (await tokenWithUser(db, { tokenHash })).rows[0];
  if (!r) return undefined;
  const { tokenId, tokenRevokedAt, tokenExpiresAt, tokenLastUsedAt, ...user } = r;
  return { token: { id: tokenId, revokedAt: tokenRevokedAt, expiresAt: tokenExpiresAt, lastUsedAt: tokenLastUsedAt }, user: toUser(user) };
}

export async function findApiToken(db: Db, id: number): Promise<ApiTokenRecord | undefined> {
  return db.selectFrom('apiTokens').select(TOKEN_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function listApiTokens(db: Db, userId: number): Promise<ApiTokenRecord[]> {
  return db.selectFrom('apiTokens').select(TOKEN_COLUMNS).where('userId', '=', userId).orderBy('id', 'desc').execute();
}

export async function revokeApiToken(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('apiTokens').set({ revokedAt: at }).where('id', '=', id).where('revokedAt', 'is', null).execute();
}

export async function touchApiToken(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('apiTokens').set({ lastUsedAt: at }).where('id', '=', id).execute();
}

// Login throttling ----------------------------------------------------------------------

export async function recordLoginAttempt(db: Db, usernameKey: string, ip: string | null, succeeded: boolean, at: string): Promise<void> {
  await db
    .insertInto('loginAttempts')
    .values({ usernameKey, ip, succeeded: toDbBool(succeeded), at })
    .execute();
}

/** Failures for this account since its last success within the window. */
export async function countRecentFailures(db: Db, usernameKey: string, since: string): Promise<number> {
  const lastOk = await db
    .selectFrom('loginAttempts')
    .select('at')
    .where('usernameKey', '=', usernameKey)
    .where('succeeded', '=', toDbBool(true))
    .where('at', '>=', since)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const r = await db
    .selectFrom('loginAttempts')
    .select(db.fn.countAll<number>().as('n'))
    .where('usernameKey', '=', usernameKey)
    .where('succeeded', '=', toDbBool(false))
    .where('at', '>=', lastOk?.at ?? since)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
