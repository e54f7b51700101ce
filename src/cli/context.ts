import { type Config, ConfigError, parseConfig } from '../platform/config.ts';
import { connectDatabase, type DatabaseHandle } from '../platform/db/connect.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';

/** Parses the environment once; on a bad value prints every problem and exits (house rule 7). */
export function loadConfigOrExit(): Config {
  try {
    return parseConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

export async function openDatabase(config: Config, { migrate = true } = {}): Promise<DatabaseHandle> {
  const handle = connectDatabase({
    databaseUrl: config.DATABASE_URL,
    readDatabaseUrl: config.READ_DATABASE_URL,
    sqlitePath: config.sqlitePath,
    sqliteReadWorkers: config.SQLITE_READ_WORKERS,
    pgParallelWorkers: config.PG_PARALLEL_WORKERS,
  });
  if (migrate) await migrateToLatest(handle.db);
  return handle;
}

/** Human-facing messages go to stderr so stdout stays clean for values scripts capture. */
export function say(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function fail(message: string, code = 1): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(code);
}
