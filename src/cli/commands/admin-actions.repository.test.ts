import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../test/support/fixture.ts';
import { dropAuditGuards } from '../../../test/support/tamper.ts';
import { findUserByUsername } from '../../platform/auth/auth.repository.ts';
import { type AuthDeps, authenticateBearer } from '../../platform/auth/auth.service.ts';
import { verifyPassword } from '../../platform/auth/passwords.ts';
import { testSecrets } from '../../platform/auth/secrets.ts';
import { connectDatabase, type DatabaseHandle } from '../../platform/db/connect.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { fixedClock } from '../../platform/time/clock.ts';
import {
  type AdminDeps,
  backupAction,
  CliError,
  createTokenAction,
  createUserAction,
  defaultBackupPath,
  describeAppError,
  describeChainProblem,
  resetPasswordAction,
  restoreAction,
  revokeTokenAction,
  setUserEnabledAction,
  verifyAuditAction,
} from './admin-actions.ts';

const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, '../../..');

describe.each(testDialects())('admin CLI actions on %s', (dialect) => {
  let handle: DatabaseHandle;
  let fixture: Fixture;
  let deps: AdminDeps;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
    const clock = fixedClock(NOW);
    fixture = await seedFixture(handle.db, clock);
    const auth: AuthDeps = {
      db: handle.db,
      clock,
      secrets: testSecrets(),
      settings: { sessionIdleMinutes: 30, sessionAbsoluteHours: 12, mfaEnforceAll: false, loginMaxFailures: 5, loginLockMinutes: 15 },
    };
    deps = { db: handle.db, clock, auth, operator: 'tester' };
  });
  afterAll(async () => handle?.close());

  const lastAudit = async () => handle.db.selectFrom('auditLog').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
  const openSessions = async (userId: number) =>
    (await handle.db.selectFrom('sessions').select('id').where('userId', '=', userId).where('endedAt', 'is', null).execute()).length;

  it('creates a commune account from the unit code, with a generated password, audited as the operator', async () => {
    const r = await createUserAction(deps, { username: 'cli_officer', name: 'Lê Văn Cờ', role: 'counter_officer', unitCode: '10001' });
    expect(r.generated).toBe(true);
    expect(r.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(r.user).toMatchObject({ username: 'cli_officer', unitId: fixture.unitA, unitName: 'Xã Hòa Bình' });
    const stored = await findUserByUsername(handle.db, 'cli_officer');
    expect(stored?.provinceCode).toBe('T1');
    expect(await verifyPassword(stored?.passwordHash ?? '', r.password)).toBe(true);
    const entry = await lastAudit();
    expect(entry).toMatchObject({ action: 'user.create', actorUsername: 'system', provinceCode: 'T1' });
    expect(JSON.parse(entry.after ?? '{}').operator).toBe('tester');
    expect(entry.requestId).toMatch(/^cli-/);
  });

  it('needs --unit for commune roles and --province when several provinces exist', async () => {
    await expect(createUserAction(deps, { username: 'x1', name: 'X', role: 'unit_hr' })).rejects.toThrow(/pass --unit/);
    await expect(createUserAction(deps, { username: 'x2', name: 'X', role: 'province_analyst' })).rejects.toThrow(
      /several provinces \(T1, T2\)/,
    );
    await expect(createUserAction(deps, { username: 'x3', name: 'X', role: 'province_analyst', provinceCode: 'ZZ' })).rejects.toThrow(
      CliError,
    );
    await expect(createUserAction(deps, { username: 'x4', name: 'X', role: 'unit_hr', unitCode: '99999' })).rejects.toThrow(
      /no single current/,
    );
    // The former (pre-merger) ward is not a unit accounts can belong to.
    await expect(createUserAction(deps, { username: 'x5', name: 'X', role: 'unit_hr', unitCode: '90001' })).rejects.toThrow(CliError);
    const r = await createUserAction(deps, {
      username: 'cli_t2',
      name: 'T2 analyst',
      role: 'province_analyst',
      provinceCode: 'T2',
      password: 'granite pebble comet',
    });
    expect(r.generated).toBe(false);
    expect((await findUserByUsername(handle.db, 'cli_t2'))?.provinceCode).toBe('T2');
  });

  it('explains domain refusals in one readable line', async () => {
    const err = await createUserAction(deps, { username: 'cli_officer', name: 'Dup', role: 'province_analyst', provinceCode: 'T1' }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(describeAppError(err)).toBe('This username is already taken. (USER_USERNAME_TAKEN)');
    const weak = await resetPasswordAction(deps, 'cli_officer', 'short').catch((e) => e);
    expect(describeAppError(weak)).toBe('The password must have at least 8 characters. (PASSWORD_TOO_SHORT)');
  });

  it('disables (ending sessions, failing tokens) and enables accounts by username', async () => {
    const u = fixture.users.field_specialist_a;
    if (!u) throw new Error('fixture');
    expect(await openSessions(u.userId)).toBe(1);
    const disabled = await setUserEnabledAction(deps, 'field_specialist_a', false);
    expect(disabled.disabledAt).toBe(NOW);
    expect(await openSessions(u.userId)).toBe(0);
    await expect(authenticateBearer(deps.auth, u.bearer.slice('Bearer '.length))).rejects.toThrow('AUTH_TOKEN_INVALID');
    expect(JSON.parse((await lastAudit()).after ?? '{}')).toMatchObject({ operator: 'tester', sessionsEnded: 1 });
    expect((await setUserEnabledAction(deps, 'field_specialist_a', true)).disabledAt).toBeNull();
    await expect(authenticateBearer(deps.auth, u.bearer.slice('Bearer '.length))).resolves.toMatchObject({
      username: 'field_specialist_a',
    });
    await expect(setUserEnabledAction(deps, 'nobody', false)).rejects.toThrow('no account named "nobody"');
  });

  it('resets a password and ends every session', async () => {
    const u = fixture.users.unit_leader_a;
    if (!u) throw new Error('fixture');
    const r = await resetPasswordAction(deps, 'unit_leader_a');
    expect(r.generated).toBe(true);
    const stored = await findUserByUsername(handle.db, 'unit_leader_a');
    expect(await verifyPassword(stored?.passwordHash ?? '', r.password)).toBe(true);
    expect(await openSessions(u.userId)).toBe(0);
    expect((await lastAudit()).action).toBe('user.password_reset');
  });

  it('creates a working token (only its hash stored) and revokes it by id', async () => {
    const r = await createTokenAction(deps, { username: 'province_analyst', name: 'etl', expiresDays: 7 });
    expect(r.token).toMatch(/^cadre_pat_[A-Za-z0-9_-]{43}$/);
    expect(r.expiresAt).toBe('2026-03-09T03:00:00.000Z');
    await expect(authenticateBearer(deps.auth, r.token)).resolves.toMatchObject({ username: 'province_analyst' });
    const row = await handle.db.selectFrom('apiTokens').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(r.token);
    await revokeTokenAction(deps, r.id);
    await expect(authenticateBearer(deps.auth, r.token)).rejects.toThrow('AUTH_TOKEN_INVALID');
    expect(JSON.parse((await lastAudit()).after ?? '{}').operator).toBe('tester');
    await expect(revokeTokenAction(deps, 999_999)).rejects.toThrow('no API token with id 999999');
  });

  it('refuses a token for a disabled account', async () => {
    await setUserEnabledAction(deps, 'counter_officer_b', false);
    await expect(createTokenAction(deps, { username: 'counter_officer_b' })).rejects.toThrow(/is disabled/);
    await setUserEnabledAction(deps, 'counter_officer_b', true);
  });

  it('verifies the audit chain and names the first altered entry', async () => {
    const total = (await handle.db.selectFrom('auditLog').select('seq').execute()).length;
    expect(total).toBeGreaterThan(3);
    const progress: number[] = [];
    expect(await verifyAuditAction(deps, (done) => progress.push(done))).toEqual({ ok: true, message: `OK: ${total} entries verified` });
    expect(progress.at(-1)).toBe(total);
    await dropAuditGuards(handle.db);
    await sql`update audit_log set after = ${'{"tampered":true}'} where seq = 2`.execute(handle.db);
    expect(await verifyAuditAction(deps)).toEqual({ ok: false, message: 'entry #2 was altered (its content no longer matches its hash)' });
  });
});

describe('chain problem wording', () => {
  it('names the entry for each kind of problem', () => {
    expect(describeChainProblem({ kind: 'missing', afterSeq: 123, expectedSeq: 124 })).toBe(
      'entry #124 is missing (the log jumps or ends after entry #123)',
    );
    expect(describeChainProblem({ kind: 'broken-link', seq: 9 })).toContain('entry #9 does not link to entry #8');
    expect(describeChainProblem({ kind: 'head-mismatch', headSeq: 5, lastSeq: 7 })).toBe(
      'the chain head records entry #5 but the log ends at entry #7',
    );
  });

  it('puts default backups under DATA_DIR/backups with a UTC time stamp', () => {
    expect(defaultBackupPath('/srv/cadre', new Date('2026-03-02T03:04:05.678Z'))).toBe('/srv/cadre/backups/cadre-20260302-030405.db');
  });
});

describe('SQLite backup, restore and the cadre command', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-cli-test-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  async function makeDatabase(file: string) {
    const h = connectDatabase({ sqlitePath: file });
    await migrateToLatest(h.db);
    await h.db.insertInto('provinces').values({ code: 'P1', name: 'Tỉnh Một', createdAt: NOW }).execute();
    return h;
  }

  it('backs up a live database and restores it, keeping the replaced file', async () => {
    const dir = tempDir();
    const live = path.join(dir, 'cadre.db');
    const h = await makeDatabase(live);
    const out = path.join(dir, 'backups', 'b.db');
    const progress: [number, number][] = [];
    const r = await backupAction(live, out, (done, total) => progress.push([done, total]));
    expect(r.pages).toBeGreaterThan(5);
    expect(progress.at(-1)).toEqual([r.pages, r.pages]);
    expect(fs.readdirSync(path.dirname(out))).toEqual(['b.db']);
    await expect(backupAction(live, out)).rejects.toThrow(/already exists/);
    // A change after the backup disappears on restore.
    await h.db.insertInto('provinces').values({ code: 'P2', name: 'Later', createdAt: NOW }).execute();
    await h.close();

    const restored = restoreAction(out, live, new Date('2026-03-02T03:04:05Z'));
    expect(restored.movedAside).toBe(`${live}.before-restore-20260302-030405`);
    expect(fs.existsSync(restored.movedAside ?? '')).toBe(true);
    const check = new SqliteDatabase(live, { readonly: true });
    expect(check.prepare('select code from provinces order by code').all()).toEqual([{ code: 'P1' }]);
    check.close();
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('refuses to restore anything but a Cadre database', async () => {
    const dir = tempDir();
    const live = path.join(dir, 'cadre.db');
    (await makeDatabase(live)).close();
    const before = fs.readFileSync(live);
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a database');
    const foreign = path.join(dir, 'foreign.db');
    const f = new SqliteDatabase(foreign);
    f.exec('create table t (x integer)');
    f.close();
    expect(() => restoreAction(text, live, new Date())).toThrow(/SQLite cannot read it/);
    expect(() => restoreAction(foreign, live, new Date())).toThrow(/no kysely_migration table/);
    expect(() => restoreAction(path.join(dir, 'missing.db'), live, new Date())).toThrow(/does not exist/);
    expect(() => restoreAction(live, live, new Date())).toThrow(/live database itself/);
    expect(fs.readFileSync(live).equals(before)).toBe(true);
  });

  it('`cadre token create` prints only the token on stdout', async () => {
    const dataDir = tempDir();
    (await makeDatabase(path.join(dataDir, 'cadre.db'))).close();
    const { DATABASE_URL: _pg, ...inherited } = process.env;
    const env = { ...inherited, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const cli = (...args: string[]) => run(process.execPath, [path.join(REPO, 'bin/cadre.js'), ...args], { env, cwd: REPO });

    const created = await cli(
      'user',
      'create',
      '--username',
      'ops',
      '--name',
      'Ops',
      '--role',
      'province_analyst',
      '--password',
      'lantern river stone',
    );
    expect(created.stdout).toBe('');
    expect(created.stderr).toContain('Created account ops');
    const token = await cli('token', 'create', '--user', 'ops', '--name', 'script');
    expect(token.stdout).toMatch(/^cadre_pat_[A-Za-z0-9_-]+\n$/);
    expect(token.stdout.split('\n')).toHaveLength(2);
    expect(token.stderr).toContain('Created API token');
    const verify = await cli('audit', 'verify');
    expect(verify.stderr).toContain('OK: 2 entries verified');
    const missing = await cli('token', 'create', '--user', 'nobody').catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect((missing as { stderr: string }).stderr).toContain('error: no account named "nobody"');
    // Each run starts Node with tsx; allow for a slow machine.
  }, 90_000);
});
