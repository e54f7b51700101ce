import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

export const E2E_PASSWORD = 'Hue-demo-2026!';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export type RunningServer = { baseUrl: string; dataDir: string; output: () => string; stop: () => Promise<void> };

/**
 * Starts Cadre exactly as the README does (`npm start` = `cadre start`): migrate, seed the
 * demo province into an empty SQLite file, serve. Waits for /health/ready.
 */
export async function startServer(env: Record<string, string> = {}, opts: { freshSeed?: boolean } = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-e2e-'));
  // The first spec of a run seeds the demo as the README does; later ones start from a copy of
  // that fresh seed (the same `cadre start`, which skips seeding a non-empty database), which
  // saves a demo seed per spec in CI. Specs passing their own env, or asking for it, always seed.
  const template = Object.keys(env).length === 0 && !opts.freshSeed ? usableTemplate() : null;
  if (template) fs.cpSync(template, dataDir, { recursive: true });
  const port = await freePort();
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['bin/cadre.js', 'start'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_PASSWORD: E2E_PASSWORD,
      LOG_LEVEL: 'warn',
      // The scheduled report batch would queue every unit's reports at start: off keeps the browser tests fast.
      REPORT_SCHEDULE: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const baseUrl = `http://localhost:${port}`;
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early (${child.exitCode}):\n${out}`);
    try {
      const res = await fetch(`${baseUrl}/health/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!template && Object.keys(env).length === 0) saveTemplate(dataDir);
  return {
    baseUrl,
    dataDir,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One template per test run: spec files run in children of the same vitest process (e2e-global-setup.ts removes it). */
export const templateDirOf = (vitestPid: number) => path.join(os.tmpdir(), `cadre-e2e-template-${vitestPid}`);
const TEMPLATE_DIR = templateDirOf(process.ppid);
const TEMPLATE_MAX_AGE_MS = 2 * 60 * 60 * 1000;

function usableTemplate(): string | null {
  const ready = path.join(TEMPLATE_DIR, '.ready');
  if (!fs.existsSync(ready)) return null;
  if (Date.now() - fs.statSync(ready).mtimeMs > TEMPLATE_MAX_AGE_MS) return null;
  return TEMPLATE_DIR;
}

/**
 * Copies the freshly seeded data directory before any test touches it: the database through
 * VACUUM INTO (one read transaction: a consistent copy while the server runs in WAL mode), every other
 * file (secrets, uploads) as it is. The copy is made in a directory of this process and renamed into
 * place whole, so specs that run side by side never write into one another's copy (CI of 6ee1592:
 * VITEST_MAX_WORKERS outranks fileParallelism: false, two specs saved the template at once and both
 * failed). Best effort: without a template the next spec seeds again.
 */
function saveTemplate(dataDir: string): void {
  const staging = `${TEMPLATE_DIR}.${process.pid}`;
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    for (const name of fs.readdirSync(dataDir)) {
      if (/^cadre\.db(-wal|-shm|-journal)?$/.test(name)) continue;
      fs.cpSync(path.join(dataDir, name), path.join(staging, name), { recursive: true });
    }
    const source = new Database(path.join(dataDir, 'cadre.db'), { readonly: true });
    try {
      source.exec(`VACUUM INTO '${path.join(staging, 'cadre.db').replaceAll("'", "''")}'`);
    } finally {
      source.close();
    }
    fs.writeFileSync(path.join(staging, '.ready'), new Date().toISOString());
    if (usableTemplate()) return; // another spec's copy landed first: keep it
    fs.rmSync(TEMPLATE_DIR, { recursive: true, force: true });
    fs.renameSync(staging, TEMPLATE_DIR);
  } catch (e) {
    process.stderr.write(`e2e: no seed template (${String(e)}); each spec seeds its own demo\n`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}
