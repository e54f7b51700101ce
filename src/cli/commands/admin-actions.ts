import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { UserView } from '../../modules/users/users.schemas.ts';
import {
  createAccount,
  listProvinces,
  resetAccountPassword,
  resolveUnitCode,
  setAccountEnabled,
} from '../../modules/users/users.service.ts';
import { verifyAuditChain } from '../../platform/audit/audit.repository.ts';
import type { AuditMeta } from '../../platform/audit/audited.ts';
import type { ChainProblem } from '../../platform/audit/hash-chain.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { findApiToken, findUserByUsername, type UserRecord } from '../../platform/auth/auth.repository.ts';
import { type AuthDeps, createApiToken, revokeApiToken } from '../../platform/auth/auth.service.ts';
import { isRole, isUnitRole } from '../../platform/auth/roles.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import { type AppError, ERROR_TABLE } from '../../platform/errors/app-error.ts';
import { type MessageKey, translate } from '../../platform/i18n/index.ts';
import type { Clock } from '../../platform/time/clock.ts';
import { backupSqliteFile, checkCadreDatabaseFile } from './backup.repository.ts';

/**
 * What the operator commands do, apart from parsing arguments and printing: plain
 * functions the tests call directly. Changes are made as the shared system actor and
 * audited with the OS account of the operator (`operator`), so they stay attributable.
 */
export type AdminDeps = { db: DatabaseHandle['db']; clock: Clock; auth: AuthDeps; operator: string };

/** The OS account running the command; containers without a passwd entry fall back to $USER. */
export function operatorName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** 16 URL-safe characters (96 bits): far beyond the password policy and easy to paste. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}

function metaFor(deps: AdminDeps, provinceCode: string): AuditMeta {
  return {
    actor: SYSTEM_ACTOR(provinceCode),
    requestId: `cli-${randomUUID()}`,
    at: deps.clock.now().toISOString(),
    provinceCode,
    operator: deps.operator,
  };
}

/** Operator mistakes: printed as one line, without a stack trace. */
export class CliError extends Error {}

/** Makes a domain refusal readable on a terminal: the English catalogue text, the code, and any field problems. */
export function describeAppError(e: AppError): string {
  const details = e.fieldProblems.map((p) => `${p.path}: ${p.message}`).join('; ');
  const text = `${translate('en', ERROR_TABLE[e.code].key as MessageKey, e.params)} (${e.code})`;
  return details ? `${text} ${details}` : text;
}

async function getUser(deps: AdminDeps, username: string): Promise<UserRecord> {
  const user = await findUserByUsername(deps.db, username.trim());
  if (!user) throw new CliError(`no account named "${username}"`);
  return user;
}

export type CreateUserInput = {
  username: string;
  name: string;
  role: string;
  unitCode?: string | undefined;
  provinceCode?: string | undefined;
  password?: string | undefined;
};

/**
 * Creates an account. The province comes from --province, else from the unit's code,
 * else it is the only province in the database; with several provinces it must be named.
 */
export async function createUserAction(
  deps: AdminDeps,
  input: CreateUserInput,
): Promise<{ user: UserView; password: string; generated: boolean }> {
  const provinces = await listProvinces(deps);
  if (input.provinceCode && !provinces.includes(input.provinceCode)) throw new CliError(`no province with code "${input.provinceCode}"`);
  let provinceCode = input.provinceCode;
  let unitId: number | null = null;
  const isUnitLevel = isRole(input.role) && isUnitRole(input.role);
  if (isUnitLevel && !input.unitCode) throw new CliError(`role ${input.role} belongs to a commune or ward: pass --unit <unit code>`);
  if (input.unitCode) {
    const code = input.unitCode;
    const unit = await resolveUnitCode(deps, code, provinceCode).catch(() => {
      throw new CliError(
        `no single current commune/ward with code "${code}"${provinceCode ? ` in ${provinceCode}` : ' (pass --province)'}`,
      );
    });
    provinceCode = unit.provinceCode;
    // For a province-wide role the unit only tells which province is meant.
    if (isUnitLevel) unitId = unit.id;
  }
  if (!provinceCode) {
    if (provinces.length !== 1 || !provinces[0]) {
      throw new CliError(
        provinces.length === 0 ? 'the database has no province yet' : `several provinces (${provinces.join(', ')}): pass --province`,
      );
    }
    provinceCode = provinces[0];
  }
  const generated = !input.password;
  const password = input.password ?? generatePassword();
  const user = await createAccount(
    deps,
    { username: input.username, displayName: input.name, role: input.role, unitId, password },
    metaFor(deps, provinceCode),
  );
  return { user, password, generated };
}

export async function setUserEnabledAction(deps: AdminDeps, username: string, enabled: boolean): Promise<UserView> {
  const user = await getUser(deps, username);
  return setAccountEnabled(deps, user.id, enabled, metaFor(deps, user.provinceCode));
}

/** Sets a new password (given or generated) and ends every session of the account. */
export async function resetPasswordAction(
  deps: AdminDeps,
  username: string,
  password?: string,
): Promise<{ password: string; generated: boolean }> {
  const user = await getUser(deps, username);
  const next = password ?? generatePassword();
  await resetAccountPassword(deps, user.id, next, metaFor(deps, user.provinceCode));
  return { password: next, generated: password === undefined };
}

export async function createTokenAction(
  deps: AdminDeps,
  input: { username: string; name?: string | undefined; expiresDays?: number | undefined },
): Promise<{ token: string; id: number; expiresAt: string | null }> {
  const user = await getUser(deps, input.username);
  if (user.disabledAt) throw new CliError(`account "${user.username}" is disabled; enable it first`);
  const now = deps.clock.now();
  const expiresAt = input.expiresDays ? new Date(now.getTime() + input.expiresDays * 86_400_000).toISOString() : null;
  const name = input.name?.trim() || `cli ${now.toISOString().slice(0, 10)}`;
  const { token, record } = await createApiToken(deps.auth, user, name.slice(0, 100), metaFor(deps, user.provinceCode), expiresAt);
  return { token, id: record.id, expiresAt };
}

export async function revokeTokenAction(deps: AdminDeps, tokenId: number): Promise<void> {
  const token = await findApiToken(deps.db, tokenId);
  if (!token) throw new CliError(`no API token with id ${tokenId}`);
  await revokeApiToken(deps.auth, tokenId, metaFor(deps, token.provinceCode));
}

/** One sentence per chain problem, naming the entry an auditor should look at. */
export function describeChainProblem(p: ChainProblem): string {
  switch (p.kind) {
    case 'altered':
      return `entry #${p.seq} was altered (its content no longer matches its hash)`;
    case 'broken-link':
      return `entry #${p.seq} does not link to entry #${p.seq - 1} (an entry was replaced or re-hashed)`;
    case 'missing':
      return `entry #${p.expectedSeq} is missing (the log jumps or ends after entry #${p.afterSeq})`;
    case 'head-mismatch':
      return `the chain head records entry #${p.headSeq} but the log ends at entry #${p.lastSeq}`;
  }
}

export async function verifyAuditAction(
  deps: Pick<AdminDeps, 'db'>,
  onProgress?: (checked: number, total: number) => void,
): Promise<{ ok: boolean; message: string }> {
  const result = await verifyAuditChain(deps.db, onProgress);
  if (result.problem) return { ok: false, message: describeChainProblem(result.problem) };
  return { ok: true, message: `OK: ${result.checked} entries verified` };
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** DATA_DIR/backups/cadre-YYYYMMDD-HHMMSS.db, in UTC so file names sort and never repeat across a DST change. */
export function defaultBackupPath(dataDir: string, now: Date): string {
  return path.join(dataDir, 'backups', `cadre-${stamp(now)}.db`);
}

export async function backupAction(
  sqlitePath: string,
  destination: string,
  onProgress?: (done: number, total: number) => void,
): Promise<{ file: string; pages: number }> {
  const pages = await backupSqliteFile(sqlitePath, destination, onProgress);
  const check = checkCadreDatabaseFile(destination);
  if (!check.ok) throw new CliError(`the backup at ${destination} does not verify: ${check.reason}`);
  return { file: destination, pages };
}

/**
 * Replaces the SQLite database with a backup. The server must be stopped. The source is
 * checked first; it is copied next to the target and renamed over it (atomic on one file
 * system), after the current file (and any -wal/-shm beside it) was moved aside.
 */
export function restoreAction(source: string, sqlitePath: string, now: Date): { movedAside: string | null; migrations: number } {
  const from = path.resolve(source);
  const target = path.resolve(sqlitePath);
  if (from === target) throw new CliError('the backup file is the live database itself');
  const check = checkCadreDatabaseFile(from);
  if (!check.ok) throw new CliError(`refusing to restore ${source}: ${check.reason}`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.restore-${process.pid}.tmp`;
  fs.copyFileSync(from, temp);
  const fd = fs.openSync(temp, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  let movedAside: string | null = null;
  if (fs.existsSync(target)) {
    movedAside = `${target}.before-restore-${stamp(now)}`;
    fs.renameSync(target, movedAside);
    // A WAL left beside the new file would be replayed into it and corrupt it.
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(target + suffix)) fs.renameSync(target + suffix, movedAside + suffix);
    }
  }
  fs.renameSync(temp, target);
  return { movedAside, migrations: check.migrations };
}
