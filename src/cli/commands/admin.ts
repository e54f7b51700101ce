import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import type { AuthDeps } from '../../platform/auth/auth.service.ts';
import { loadOrCreateSecrets } from '../../platform/auth/secrets.ts';
import type { Config } from '../../platform/config.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { systemClock } from '../../platform/time/clock.ts';
import { fail, loadConfigOrExit, openDatabase, say } from '../context.ts';
import { createProgress } from '../progress.ts';
import {
  type AdminDeps,
  backupAction,
  CliError,
  createTokenAction,
  createUserAction,
  defaultBackupPath,
  describeAppError,
  operatorName,
  resetPasswordAction,
  restoreAction,
  revokeTokenAction,
  setUserEnabledAction,
  verifyAuditAction,
} from './admin-actions.ts';

/**
 * Operator commands: accounts, API tokens, audit verification, backup and restore.
 * Values a script may capture (a token, a generated password) are the only thing written
 * to stdout; every message goes to stderr.
 */

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

function authDepsFor(config: Config, db: AdminDeps['db']): AuthDeps {
  return {
    db,
    clock: systemClock,
    secrets: loadOrCreateSecrets(config.dataDir),
    settings: {
      sessionIdleMinutes: config.SESSION_IDLE_MINUTES,
      sessionAbsoluteHours: config.SESSION_ABSOLUTE_HOURS,
      mfaEnforceAll: config.MFA_ENFORCE_ALL,
      loginMaxFailures: config.LOGIN_MAX_FAILURES,
      loginLockMinutes: config.LOGIN_LOCK_MINUTES,
    },
  };
}

/** Opens the database, runs one action as the operator, closes, and turns refusals into one-line errors. */
async function withAdmin(action: (deps: AdminDeps, config: Config) => Promise<void>): Promise<void> {
  const config = loadConfigOrExit();
  const database = await openDatabase(config);
  let error: string | null = null;
  try {
    await action({ db: database.db, clock: systemClock, auth: authDepsFor(config, database.db), operator: operatorName() }, config);
  } catch (e) {
    if (e instanceof CliError) error = e.message;
    else if (e instanceof AppError) error = describeAppError(e);
    else throw e;
  } finally {
    await database.close();
  }
  if (error) fail(error);
}

function registerUserCommands(program: Command): void {
  const user = program.command('user').description('Manage accounts');
  user
    .command('create')
    .description('Create an account; without --password a password is generated and printed on stdout')
    .requiredOption('--username <username>', 'sign-in name (a-z, 0-9, . _ -)')
    .requiredOption('--name <name>', 'full name shown in the interface')
    .requiredOption(
      '--role <role>',
      'counter_officer, field_specialist, unit_leader, unit_hr, province_analyst, province_admin or system_admin',
    )
    .option('--unit <code>', 'code of the commune/ward (required for commune-level roles)')
    .option('--province <code>', 'province code (needed when the database holds several provinces)')
    .option('--password <password>', 'initial password (visible in the shell history: prefer a generated one)')
    .action(async (o: { username: string; name: string; role: string; unit?: string; province?: string; password?: string }) => {
      await withAdmin(async (deps) => {
        const r = await createUserAction(deps, {
          username: o.username,
          name: o.name,
          role: o.role,
          unitCode: o.unit,
          provinceCode: o.province,
          password: o.password,
        });
        say(`Created account ${r.user.username} (${r.user.role}${r.user.unitName ? `, ${r.user.unitName}` : ''}).`);
        if (r.generated) {
          say('Generated password (give it to the user over a safe channel):');
          process.stdout.write(`${r.password}\n`);
        }
      });
    });
  for (const action of ['disable', 'enable'] as const) {
    user
      .command(`${action} <username>`)
      .description(
        action === 'disable' ? 'Disable an account: its sessions end at once and its API tokens stop working' : 'Enable a disabled account',
      )
      .action(async (username: string) => {
        await withAdmin(async (deps) => {
          const u = await setUserEnabledAction(deps, username, action === 'enable');
          say(`Account ${u.username} is now ${u.disabledAt ? 'disabled' : 'enabled'}.`);
        });
      });
  }
  user
    .command('reset-password <username>')
    .description('Set a new password and end every session of the account; without --password one is generated and printed on stdout')
    .option('--password <password>', 'the new password (visible in the shell history: prefer a generated one)')
    .action(async (username: string, o: { password?: string }) => {
      await withAdmin(async (deps) => {
        const r = await resetPasswordAction(deps, username, o.password);
        say(`Password of ${username} reset; its sessions have ended.`);
        if (r.generated) process.stdout.write(`${r.password}\n`);
      });
    });
}

function registerTokenCommands(program: Command): void {
  const token = program.command('token').description('Manage personal API tokens');
  token
    .command('create')
    .description('Create an API token for an account and print only the token on stdout')
    .requiredOption('--user <username>', 'the account the token acts as')
    .option('--name <name>', 'a name that says where the token is used')
    .option('--expires-days <days>', 'days until the token stops working (default: never)', positiveInt)
    .action(async (o: { user: string; name?: string; expiresDays?: number }) => {
      await withAdmin(async (deps) => {
        const r = await createTokenAction(deps, { username: o.user, name: o.name, expiresDays: o.expiresDays });
        say(`Created API token #${r.id} for ${o.user}${r.expiresAt ? `, valid until ${r.expiresAt}` : ''}. It is shown only now:`);
        process.stdout.write(`${r.token}\n`);
      });
    });
  token
    .command('revoke')
    .description('Revoke an API token by its id')
    .argument('<id>', 'the token id (cadre token create prints it; the API lists it)', positiveInt)
    .action(async (tokenId: number) => {
      await withAdmin(async (deps) => {
        await revokeTokenAction(deps, tokenId);
        say(`API token #${tokenId} revoked.`);
      });
    });
}

function registerDataCommands(program: Command): void {
  program
    .command('audit')
    .description('Audit log tools')
    .command('verify')
    .description('Walk the audit hash chain and report the first altered, missing or out-of-place entry (exit 1)')
    .action(async () => {
      const config = loadConfigOrExit();
      const database = await openDatabase(config);
      const progress = createProgress('Verifying the audit log');
      let result: { ok: boolean; message: string };
      try {
        result = await verifyAuditAction({ db: database.db }, progress.update);
      } finally {
        progress.stop();
        await database.close();
      }
      if (!result.ok) fail(result.message);
      say(result.message);
    });

  program
    .command('backup')
    .description('Copy the live SQLite database (online backup) to DATA_DIR/backups/cadre-YYYYMMDD-HHMMSS.db (UTC)')
    .option('--out <file>', 'write the backup to this file instead')
    .action(async (o: { out?: string }) => {
      const config = loadConfigOrExit();
      if (config.dialect === 'postgres') {
        fail(
          'cadre backup copies the embedded SQLite database; this installation uses PostgreSQL. Back it up with:\n' +
            '  pg_dump --format=custom --file=cadre-$(date -u +%Y%m%d-%H%M%S).dump "$DATABASE_URL"',
          2,
        );
      }
      const out = path.resolve(o.out ?? defaultBackupPath(config.dataDir, new Date()));
      const progress = createProgress('Backing up');
      try {
        const r = await backupAction(config.sqlitePath, out, progress.update);
        progress.stop();
        say(`Backup written to ${r.file} (${r.pages} pages, verified).`);
      } catch (e) {
        progress.stop();
        fail((e as Error).message);
      }
    });

  program
    .command('restore <file>')
    .description('Replace the SQLite database with a backup (stop the server first); the current file is kept beside it')
    .action((file: string) => {
      const config = loadConfigOrExit();
      if (config.dialect === 'postgres') {
        fail(
          'cadre restore works on the embedded SQLite database; on PostgreSQL use pg_restore --clean --dbname "$DATABASE_URL" <dump>',
          2,
        );
      }
      say('Make sure the Cadre server is stopped: a running server would keep writing to the old file.');
      try {
        const r = restoreAction(file, config.sqlitePath, new Date());
        if (r.movedAside) say(`The previous database was moved to ${r.movedAside}.`);
        say(
          `Restored ${file} into ${config.sqlitePath} (${r.migrations} migrations recorded). Start the server: pending migrations run at start-up.`,
        );
      } catch (e) {
        fail((e as Error).message);
      }
    });
}

export function registerAdminCommands(program: Command): void {
  registerUserCommands(program);
  registerTokenCommands(program);
  registerDataCommands(program);
}
