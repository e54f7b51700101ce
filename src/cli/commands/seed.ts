import os from 'node:os';
import { type Command, InvalidArgumentError } from 'commander';
import { DEFAULT_DOSSIER_DAYS, DEFAULT_STAFF_PER_UNIT, generatePassword, seedDemo } from '../../modules/demo/seed-demo.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { fail, loadConfigOrExit, openDatabase, say } from '../context.ts';
import { createProgress } from '../progress.ts';

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

function osUser(): string | undefined {
  try {
    return os.userInfo().username;
  } catch {
    // No passwd entry (some containers run as an arbitrary uid).
    return undefined;
  }
}

type DemoSeedFlags = { seed: number; units: number; staffPerUnit: number; dossierDays: number; historyMonths: number; password?: string };

export function registerSeedCommands(program: Command): void {
  const seed = program.command('seed').description('Load data into the database');
  seed
    .command('demo')
    .description('Seed the demo province (Thành phố Huế, deterministic from --seed) with its units, staff and one account per role')
    .option('--seed <n>', 'seed of the generator: the same seed gives the same province', wholeNumber, 2025)
    .option('--units <n>', 'current communes/wards; above 40 extra units are generated (benchmarks)', wholeNumber, 40)
    .option('--staff-per-unit <n>', 'staff in each commune/ward', wholeNumber, DEFAULT_STAFF_PER_UNIT)
    .option('--dossier-days <n>', 'days of demo dossiers ending today (365 for a full year)', wholeNumber, DEFAULT_DOSSIER_DAYS)
    .option('--history-months <n>', 'opt-in: months of closed dossiers before those days (staffing projection)', wholeNumber, 0)
    .option('--password <p>', 'password for every demo account (else DEMO_PASSWORD, else generated)')
    .action(async (opts: DemoSeedFlags) => {
      const config = loadConfigOrExit();
      const password = opts.password ?? config.DEMO_PASSWORD ?? generatePassword();
      const db = await openDatabase(config);
      const progress = createProgress('Seeding the demo province');
      const started = performance.now();
      try {
        const result = await seedDemo(db.db, {
          seed: opts.seed,
          units: opts.units,
          staffPerUnit: opts.staffPerUnit,
          dossierDays: opts.dossierDays,
          historyMonths: opts.historyMonths,
          password,
          operator: osUser(),
          onProgress: progress.update,
        });
        progress.stop();
        say(
          `\nSeeded ${result.units} units, ${result.predecessors} former units, ${result.staff} staff and ${result.dossiers} dossiers in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
        );
        if (result.showcase) {
          const s = result.showcase;
          say(`Try: ${s.fullName}, ${s.formerTitle} ${s.formerUnitName} until 30/06/2025, now ${s.currentTitle}, ${s.unitName}.`);
        }
        say('\nDemo accounts (password for all of them below):');
        for (const a of result.accounts) say(`  ${a.username.padEnd(14)} ${a.role.padEnd(18)} ${a.unitName ?? ''}`);
        const source = opts.password ? '--password' : config.DEMO_PASSWORD ? 'DEMO_PASSWORD' : null;
        say(`  password: ${source ? `(the value of ${source})` : password}`);
        say('  Administrator accounts (admin, padmin) set up two-step verification (TOTP) at first sign-in.\n');
      } catch (e) {
        progress.stop();
        await db.close();
        if (e instanceof AppError) fail(`the demo password was refused (${e.code}); choose a longer, less common one`);
        fail(e instanceof Error ? e.message : String(e));
      }
      await db.close();
    });
}
