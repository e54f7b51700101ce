/** Process and statistics helpers shared by the benchmarks. Loopback only. */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle } from '../src/platform/db/connect.ts';
import { databaseUrl, pgAdminQuery } from '../test/support/scratch-pg.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** Runs the `cadre` command and returns its stdout (a token, say). */
export function cadre(args: string[], env: NodeJS.ProcessEnv): string {
  return execFileSync(process.execPath, ['bin/cadre.js', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

export async function waitFor(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${url} answered`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timeout waiting for ${url}`);
}

/** Milliseconds `f` took, with its result. */
export async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const v = await f();
  return [performance.now() - started, v];
}

/** The machine line every bench prints above its table: cores × CPU model, Node version, load average. */
export function machine(): string {
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load ${load}`;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

export async function pgReachable(adminUrl: string): Promise<boolean> {
  try {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export type Dialect = 'sqlite' | 'postgres';

/** The dialects a bench runs: BENCH_DIALECTS=sqlite|postgres picks one; PostgreSQL only when it answers. */
export async function benchDialects(pgAdminUrl: string): Promise<Dialect[]> {
  const dialects: Dialect[] = [];
  if (process.env.BENCH_DIALECTS !== 'postgres') dialects.push('sqlite');
  if (process.env.BENCH_DIALECTS !== 'sqlite' && (await pgReachable(pgAdminUrl))) dialects.push('postgres');
  return dialects;
}

export type ScratchDatabase = {
  dialect: Dialect;
  /** DATA_DIR of the cadre process (the SQLite file lives there). */
  dataDir: string;
  /** Environment for `cadre` commands and servers: DATA_DIR, and DATABASE_URL on PostgreSQL. */
  env: NodeJS.ProcessEnv;
  /** The SQLite file path or the PostgreSQL connection string. */
  target: string;
  /** True when the database was reused from a cache directory (already seeded). */
  reused: boolean;
  /** Marks a cached database as completely seeded, so the next run reuses it. */
  markSeeded: () => void;
  cleanup: () => Promise<void>;
};

/**
 * A fresh database for one benchmark run: a SQLite file in a temporary DATA_DIR, or a new
 * PostgreSQL database next to `pgAdminUrl`; `cleanup` removes it. With `cacheDir` (and a
 * `cacheKey`), the directory and the PostgreSQL database's name are kept there and reused by
 * the next run once `markSeeded` was called, since seeding large data takes minutes; a reused
 * database is migrated first.
 */
export async function scratchDatabase(
  dialect: Dialect,
  opts: { pgAdminUrl: string; env?: NodeJS.ProcessEnv; cacheDir?: string; cacheKey?: string },
): Promise<ScratchDatabase> {
  const cached = opts.cacheDir !== undefined && opts.cacheKey !== undefined;
  const dataDir = cached
    ? path.join(opts.cacheDir as string, `${opts.cacheKey}-${dialect}`)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-bench-'));
  fs.mkdirSync(dataDir, { recursive: true });
  const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...opts.env };
  const seededFile = path.join(dataDir, 'seeded');
  let target = path.join(dataDir, 'cadre.db');
  let reused = cached && fs.existsSync(seededFile);
  let dropDb = async () => {};
  if (dialect === 'postgres') {
    const nameFile = path.join(dataDir, 'pg-database');
    const previous = cached && fs.existsSync(nameFile) ? fs.readFileSync(nameFile, 'utf8').trim() : null;
    const exists = previous
      ? (await pgAdminQuery(opts.pgAdminUrl, 'select 1 from pg_database where datname = $1', [previous])).rowCount === 1
      : false;
    const name = exists && previous ? previous : `cadre_bench_${randomBytes(4).toString('hex')}`;
    if (!exists) {
      reused = false;
      await pgAdminQuery(opts.pgAdminUrl, `create database ${name}`);
      if (cached) fs.writeFileSync(nameFile, name);
    }
    target = databaseUrl(opts.pgAdminUrl, name);
    env.DATABASE_URL = target;
    if (!cached) dropDb = async () => void (await pgAdminQuery(opts.pgAdminUrl, `drop database if exists ${name} with (force)`));
  } else if (reused && !fs.existsSync(target)) {
    reused = false;
  }
  if (!reused) {
    fs.rmSync(seededFile, { force: true });
    if (dialect === 'sqlite') fs.rmSync(target, { force: true });
  } else {
    // A database seeded by an earlier version: bring its schema up to this one's (migrations only add).
    cadre(['migrate'], env);
  }
  return {
    dialect,
    dataDir,
    env,
    target,
    reused,
    markSeeded: () => {
      if (cached) fs.writeFileSync(seededFile, new Date().toISOString());
    },
    cleanup: async () => {
      await dropDb();
      if (!cached) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A freshly seeded small demo province, opened in this process, and its `counter` account (user, ward, province). */
export type SeededDemo = {
  handle: DatabaseHandle;
  counter: { userId: number; wardId: number; provinceCode: string };
  close: () => Promise<void>;
};

/**
 * The demo province (5 staff a unit, `dossierDays` of dossiers) seeded into a scratch database
 * and opened in process without read workers, for the benches that call use cases directly and
 * grow a table between measurements; `close` closes and removes it.
 */
export async function seededDemo(dialect: Dialect, pgAdminUrl: string, dossierDays: number): Promise<SeededDemo> {
  const scratch = await scratchDatabase(dialect, { pgAdminUrl });
  const handle = connectDatabase({ databaseUrl: scratch.env.DATABASE_URL, sqlitePath: scratch.target, sqliteReadWorkers: 0 });
  const close = async () => {
    await handle.close();
    await scratch.cleanup();
  };
  try {
    cadre(
      ['seed', 'demo', '--password', 'bench-Password-2026', '--staff-per-unit', '5', '--dossier-days', String(dossierDays)],
      scratch.env,
    );
    if (dialect === 'postgres') await sql`analyze`.execute(handle.db);
    const counter = await handle.db
      .selectFrom('users')
      .select(['id', 'unitId', 'provinceCode'])
      .where('username', '=', 'counter')
      .executeTakeFirstOrThrow();
    return { handle, counter: { userId: counter.id, wardId: Number(counter.unitId), provinceCode: counter.provinceCode }, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * A throw-away copy (CREATE DATABASE … TEMPLATE) of a seeded province for the PostgreSQL benches
 * that need a year of dossiers: BENCH_SOURCE_DB, else the load rig's `cadre_load_full_…` (made by
 * `SOAK_DIALECT=postgres npm run test:soak` or `LOAD_DIALECTS=postgres npm run test:load`). The
 * source is never changed; `drop` removes the copy. Exits 2 with that hint when there is none.
 */
export async function seededProvinceCopy(
  pgAdminUrl: string,
  prefix: string,
): Promise<{ source: string; name: string; url: string; drop: () => Promise<void> }> {
  const source =
    process.env.BENCH_SOURCE_DB ??
    (await pgAdminQuery(pgAdminUrl, "select datname from pg_database where datname like 'cadre_load_full_%' order by 1 limit 1")).rows[0]
      ?.datname;
  if (!source) {
    process.stderr.write(
      'No seeded province: set BENCH_SOURCE_DB, or seed one with `SOAK_SECONDS=60 SOAK_DIALECT=postgres npm run test:soak`.\n',
    );
    process.exit(2);
  }
  const name = `${prefix}_${process.pid}`;
  await pgAdminQuery(pgAdminUrl, `create database ${name} template ${source}`);
  return {
    source,
    name,
    url: databaseUrl(pgAdminUrl, name),
    drop: async () => void (await pgAdminQuery(pgAdminUrl, `drop database if exists ${name} with (force)`)),
  };
}
