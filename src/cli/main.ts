import { Command } from 'commander';
import { registerAdminCommands } from './commands/admin.ts';
import { registerSeedCommands } from './commands/seed.ts';
import { registerServeCommands } from './commands/serve.ts';
import { registerTrainingCommands } from './commands/training.ts';

const program = new Command();
program.name('cadre').description('Cadre: commune public services and civil-service workforce').showHelpAfterError();
registerServeCommands(program);
registerAdminCommands(program);
registerSeedCommands(program);
registerTrainingCommands(program);

await program.parseAsync(process.argv);
