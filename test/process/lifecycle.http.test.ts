import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tmpDataDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-proc-'));
  dirs.push(d);
  return d;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

describe('process lifecycle', () => {
  it('refuses to start on bad configuration, listing every problem, without echoing secrets', () => {
    const r = spawnSync(process.execPath, ['bin/cadre.js', 'serve'], {
      cwd: ROOT,
      env: { ...process.env, PORT: 'eighty', LOG_LEVEL: 'chatty', DATABASE_URL: 'mysql://u:topsecret@h/db', DATA_DIR: tmpDataDir() },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('LOG_LEVEL');
    expect(r.stderr).toContain('DATABASE_URL');
    expect(r.stderr).not.toContain('topsecret');
  });

  it('serves, then on SIGTERM drains, closes the database cleanly and exits 0', async () => {
    const dataDir = tmpDataDir();
    const port = await freePort();
    const child = spawn(process.execPath, ['bin/cadre.js', 'serve'], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    });
    const deadline = Date.now() + 30_000;
    let ready = false;
    while (!ready && Date.now() < deadline) {
      try {
        ready = (await fetch(`http://127.0.0.1:${port}/health/ready`)).ok;
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    expect(ready).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'cadre.db'))).toBe(true);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // better-sqlite3 checkpoints and removes the WAL file only on a clean close.
    expect(fs.existsSync(path.join(dataDir, 'cadre.db-wal'))).toBe(false);
  });
});
