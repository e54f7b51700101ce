import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Dialect } from '../../src/platform/db/database.ts';
import { createScratchPgDatabase, numberedPlaceholders } from '../support/scratch-pg.ts';

/**
 * Runs the real `cadre` binary as child processes on a throw-away data directory (and, for
 * PostgreSQL, a throw-away database) so a test can kill -9 the server and restart it.
 * Loopback only.
 */

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** The demo accounts' password in every scratch province. */
export const PASSWORD = 'crash-Password-2026';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

/** Plain SQL on the test's own database, to check what really got committed. */
export type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

export type Province = {
  env: NodeJS.ProcessEnv;
  /** A Bearer token of the demo counter officer. */
  token: string;
  /** The counter officer's own ward: competent for commune-level procedures. */
  unitId: number;
  query: Query;
  cleanup: () => Promise<void>;
};

/** The parent's environment minus any database URL it happens to carry, plus the province's. */
export function childEnv(env: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { DATABASE_URL: _db, READ_DATABASE_URL: _read, ...rest } = process.env;
  return { ...rest, ...env, ...extra };
}

export function cadre(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/cadre.js', ...args], {
    cwd: ROOT,
    env: childEnv(env),
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { status: r.status, stdout: (r.stdout ?? '').trim(), stderr: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}`.trim() };
}

/** How a scratch province is made: `cadre seed demo` options and the environment of its processes. */
export type ProvinceOptions = {
  /** Extra `cadre seed demo` options (e.g. fewer dossier days). */
  args?: string[];
  /** How long seeding may take on a busy machine. */
  timeoutMs?: number;
  /** Prefix of the temporary data directory and the PostgreSQL database name. */
  prefix?: string;
  /** RATE_LIMIT_PER_MINUTE of the servers: high, since every client of a test comes from 127.0.0.1. */
  rateLimitPerMinute?: number;
  /** Lets `query` write (test set-up); by default it only reads, and SQLite opens the file read-only. */
  writable?: boolean;
  /** Name of the counter officer's API token. */
  tokenName?: string;
};

/** A fresh data directory (and database) with the demo province seeded and a counter token. */
export async function prepareProvince(dialect: Dialect, seed: ProvinceOptions = {}): Promise<Province> {
  const prefix = seed.prefix ?? 'cadre-crash';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  const env: NodeJS.ProcessEnv = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: String(seed.rateLimitPerMinute ?? 1_000_000),
  };
  let dropDb = async () => {};
  let query: Query;
  let closeQuery = async () => {};
  if (dialect === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
    const scratch = await createScratchPgDatabase(adminUrl, prefix.replaceAll('-', '_'));
    env.DATABASE_URL = scratch.url;
    const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
    query = async <T>(sql: string, params: unknown[] = []) => (await pool.query(numberedPlaceholders(sql), params)).rows as T[];
    closeQuery = () => pool.end();
    dropDb = scratch.drop;
  } else {
    const file = path.join(dataDir, 'cadre.db');
    // Opened per query and closed at once, so the test never holds the file across a crash.
    query = async <T>(sql: string, params: unknown[] = []) => {
      const db = new Database(file, { readonly: !seed.writable, fileMustExist: true, timeout: 10_000 });
      try {
        const stmt = db.prepare(sql);
        if (stmt.reader) return stmt.all(...params) as T[];
        stmt.run(...params);
        return [];
      } finally {
        db.close();
      }
    };
  }
  const seeded = cadre(['seed', 'demo', '--password', PASSWORD, '--staff-per-unit', '5', ...(seed.args ?? [])], env, seed.timeoutMs);
  if (seeded.status !== 0) throw new Error(`seed failed (${seeded.status}): ${seeded.stderr.slice(-2000)}`);
  const token = cadre(['token', 'create', '--user', 'counter', '--name', seed.tokenName ?? 'crash'], env);
  if (token.status !== 0) throw new Error(`token create failed: ${token.stderr}`);
  const [row] = await query<{ unit_id: number }>("select unit_id from users where username = 'counter'");
  if (!row) throw new Error('the demo has no counter officer');
  return {
    env,
    token: token.stdout.split('\n').pop() ?? '',
    unitId: Number(row.unit_id),
    query,
    cleanup: async () => {
      await closeQuery();
      await dropDb();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Server = { child: ChildProcess; base: string; exited: Promise<number | null> };

/** Starts `cadre serve` and waits until /health/ready answers 200. */
export async function startServer(env: NodeJS.ProcessEnv, port: number, readyTimeoutMs = 30_000): Promise<Server> {
  const child = spawn(process.execPath, ['bin/cadre.js', 'serve'], {
    cwd: ROOT,
    env: childEnv(env, { PORT: String(port), HOST: '127.0.0.1' }),
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`cadre serve exited with ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return { child, base, exited };
    } catch {}
    await new Promise((r) => setTimeout(r, 150));
  }
  child.kill('SIGKILL');
  throw new Error(`cadre serve did not become ready within ${readyTimeoutMs / 1000} s`);
}

export type RunResult = { status: number | null; stdout: string; stderr: string; ms: number };

/**
 * Runs a command without blocking the event loop (unlike `cadre()`), so load clients in the
 * same test keep sending while, say, `cadre backup` or pg_dump runs. Killed after `timeoutMs`.
 */
export function runAsync(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr?.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${timeoutMs} ms)`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout: stdout.trim(), stderr: stderr.trim(), ms: Date.now() - started });
    });
  });
}

/** `cadre <args>` through runAsync. */
export function cadreAsync(args: string[], env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<RunResult> {
  return runAsync(process.execPath, ['bin/cadre.js', ...args], env, timeoutMs);
}
