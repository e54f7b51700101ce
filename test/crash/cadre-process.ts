import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Dialect } from '../../src/platform/db/database.ts';

/**
 * Runs the real `cadre` binary as child processes on a throw-away data directory (and, for
 * PostgreSQL, a throw-away database) so a test can kill -9 the server and restart it.
 * Loopback only.
 */

export const ROOT = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'crash-Password-2026';

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
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

/** A fresh data directory (and database) with the demo province seeded and a counter token. */
export async function prepareProvince(
  dialect: Dialect,
  /** Extra `cadre seed demo` options (e.g. fewer dossier days), and how long seeding may take on a busy machine. */
  seed: { args?: string[]; timeoutMs?: number } = {},
): Promise<Province> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-crash-'));
  // High rate limit: the test's clients all come from 127.0.0.1.
  const env: NodeJS.ProcessEnv = { DATA_DIR: dataDir, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' };
  let dropDb = async () => {};
  let query: Query;
  let closeQuery = async () => {};
  if (dialect === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
    const name = `cadre_crash_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    let connected = false;
    query = async <T>(sql: string, params: unknown[] = []) => {
      if (!connected) {
        await client.connect();
        connected = true;
      }
      return (
        await client.query(
          sql.replace(/\?/g, (_, i: number, s: string) => `$${s.slice(0, i).split('?').length}`),
          params,
        )
      ).rows as T[];
    };
    closeQuery = async () => {
      if (connected) await client.end();
    };
    dropDb = async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    const file = path.join(dataDir, 'cadre.db');
    // Opened per query and closed at once, so the test never holds the file across a crash.
    query = async <T>(sql: string, params: unknown[] = []) => {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    };
  }
  const seeded = cadre(['seed', 'demo', '--password', PASSWORD, '--staff-per-unit', '5', ...(seed.args ?? [])], env, seed.timeoutMs);
  if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
  const token = execFileSync(process.execPath, ['bin/cadre.js', 'token', 'create', '--user', 'counter', '--name', 'crash'], {
    cwd: ROOT,
    env: childEnv(env),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
  const [row] = await query<{ unit_id: number }>("select unit_id from users where username = 'counter'");
  if (!row) throw new Error('the demo has no counter officer');
  return {
    env,
    token,
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
