import type { Command } from 'commander';
import { generatePassword, isDatabaseEmpty, seedDemo } from '../../modules/demo/seed-demo.ts';
import { serve } from '../../server.ts';
import { loadConfigOrExit, openDatabase, say } from '../context.ts';
import { createProgress } from '../progress.ts';

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('Migrate the database and serve HTTP')
    .action(async () => {
      const config = loadConfigOrExit();
      const db = await openDatabase(config);
      await serve(config, db);
    });

  program
    .command('start')
    .description('Migrate, seed the demo province when the database is empty, print the demo accounts, serve')
    .action(async () => {
      const config = loadConfigOrExit();
      const db = await openDatabase(config);
      if (await isDatabaseEmpty(db.db)) {
        const password = config.DEMO_PASSWORD ?? generatePassword();
        const progress = createProgress('Seeding the demo province');
        const result = await seedDemo(db.db, { seed: 2025, password, onProgress: progress.update });
        progress.stop();
        say('\nDemo accounts (password for all of them below):');
        for (const a of result.accounts) say(`  ${a.username.padEnd(14)} ${a.role.padEnd(18)} ${a.unitName ?? ''}`);
        say(`  password: ${config.DEMO_PASSWORD ? '(the value of DEMO_PASSWORD)' : password}`);
        say('  Administrator accounts (admin, padmin) set up two-step verification (TOTP) at first sign-in.\n');
      }
      const app = await serve(config, db);
      say(
        `Cadre is running at http://${['0.0.0.0', '127.0.0.1', '::', '::1'].includes(config.HOST) ? 'localhost' : config.HOST}:${(app.server.address() as { port: number }).port}`,
      );
    });

  program
    .command('migrate')
    .description('Apply pending database migrations')
    .action(async () => {
      const config = loadConfigOrExit();
      const db = await openDatabase(config, { migrate: false });
      const { migrateToLatest } = await import('../../platform/db/migrate.ts');
      const result = await migrateToLatest(db.db);
      for (const r of result.results ?? []) say(`${r.status}: ${r.migrationName}`);
      if (!result.results?.length) say('Database is up to date.');
      await db.close();
    });
}
