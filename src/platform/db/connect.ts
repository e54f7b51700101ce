import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database, Db, Dialect } from './database.ts';
import { pgTimestamptzToIso } from './pg-timestamps.ts';
import { preparedStatementLru } from './prepared-lru.mjs';
import { ReplicaFallbackPool, type ReplicaState } from './read-replica-pool.ts';
import { SqliteReadDialect } from './sqlite-read-pool.ts';

export type DatabaseHandle = {
  db: Db;
  /**
   * Analytics reads; the replica when READ_DATABASE_URL is set, else the primary — on SQLite,
   * the same file read on worker threads when `sqliteReadWorkers` > 0.
   */
  readDb: Db;
  dialect: Dialect;
  close: () => Promise<void>;
};

let pgParsersInstalled = false;

/**
 * Makes PostgreSQL return the same shapes as SQLite: instants as UTC ISO strings,
 * dates as 'YYYY-MM-DD', bigint counts and numerics as JS numbers (house rule 10).
 */
function installPgTypeParsers(): void {
  if (pgParsersInstalled) return;
  pgParsersInstalled = true;
  pg.types.setTypeParser(1184, pgTimestamptzToIso); // timestamptz
  pg.types.setTypeParser(1114, (v: string) => new Date(`${v}Z`).toISOString()); // timestamp
  pg.types.setTypeParser(1082, (v: string) => v); // date
  pg.types.setTypeParser(20, (v: string) => Number(v)); // int8
  pg.types.setTypeParser(1700, (v: string) => Number(v)); // numeric
}

export function openSqlite(file: string): SqliteDatabase.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  // WAL for concurrent readers; synchronous=FULL so an acknowledged commit survives power loss.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}

/**
 * Kysely's SQLite driver prepares every query anew; this keeps the most recent prepared
 * statements (prepared-lru.mjs, shared with the read threads). Safe because Kysely runs one
 * query at a time on the single SQLite connection.
 */
export function withStatementCache(sqlite: SqliteDatabase.Database, max = 500) {
  const statements = preparedStatementLru(sqlite, max);
  return {
    prepare: (sql: string): SqliteDatabase.Statement => statements.prepare(sql),
    close(): void {
      statements.clear();
      sqlite.close();
    },
  };
}

function pgPool(url: string, max: number, extra: pg.PoolConfig = {}): pg.Pool {
  installPgTypeParsers();
  const pool = new pg.Pool({ connectionString: url, max, ...extra });
  // An idle client error (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return pool;
}

/** One pino-shaped line on stderr (the database opens before the app's logger exists). */
function logReplicaSwitch(state: ReplicaState, error?: unknown): void {
  const line =
    state === 'primary'
      ? { level: 40, time: Date.now(), msg: 'read replica unreachable: analytics reads use the primary', err: String(error) }
      : { level: 30, time: Date.now(), msg: 'read replica reachable again: analytics reads use it' };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

export function connectDatabase(opts: {
  databaseUrl?: string | undefined;
  readDatabaseUrl?: string | undefined;
  sqlitePath: string;
  poolSize?: number;
  /** Worker threads that run the analytics reads of a SQLite file (0: the main connection). */
  sqliteReadWorkers?: number;
  /**
   * max_parallel_workers_per_gather on the primary's connections (unset: the server's). On the
   * primary, parallel workers of the analytic reads take the cores the interactive requests need:
   * on 2 cores under a mixed load, 0 finished 1.5× the overviews and 1.35× the light requests of
   * PostgreSQL's default 2 (bench/RESULTS.md, "Parallel query on the primary"; ADR 0020).
   */
  pgParallelWorkers?: number | undefined;
}): DatabaseHandle {
  const plugins = [new CamelCasePlugin()];
  if (opts.databaseUrl) {
    const parallel = opts.pgParallelWorkers;
    const pool = pgPool(
      opts.databaseUrl,
      opts.poolSize ?? 10,
      parallel === undefined ? {} : { options: `-c max_parallel_workers_per_gather=${Math.trunc(parallel)}` },
    );
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    let readDb = db;
    if (opts.readDatabaseUrl) {
      // A replica that cannot be reached must not fail analytics pages: they read the primary
      // until it answers again (read-replica-pool.ts). The connect timeout bounds a black-holed host.
      const replica = pgPool(opts.readDatabaseUrl, opts.poolSize ?? 10, { connectionTimeoutMillis: 3000 });
      readDb = new Kysely<Database>({
        dialect: new PostgresDialect({ pool: new ReplicaFallbackPool({ replica, primary: pool, onSwitch: logReplicaSwitch }) }),
        plugins,
      });
    }
    return {
      db,
      readDb,
      dialect: 'postgres',
      close: async () => {
        if (readDb !== db) await readDb.destroy();
        await db.destroy();
      },
    };
  }
  const sqlite = openSqlite(opts.sqlitePath);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins });
  const workers = opts.sqliteReadWorkers ?? 0;
  // An in-memory database exists only on its own connection: its reads stay there.
  const readDb =
    workers > 0 && opts.sqlitePath !== ':memory:'
      ? new Kysely<Database>({ dialect: new SqliteReadDialect(opts.sqlitePath, workers), plugins })
      : db;
  return {
    db,
    readDb,
    dialect: 'sqlite',
    close: async () => {
      if (readDb !== db) await readDb.destroy();
      await db.destroy();
    },
  };
}
