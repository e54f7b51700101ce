import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Dialect } from '../../../src/platform/db/database.ts';
import { cadre as cadreCommand, childEnv, freePort, PASSWORD, type Province, prepareProvince, ROOT } from '../../crash/cadre-process.ts';
import { WebClient } from './web-client.ts';

/**
 * A real `cadre serve` on 127.0.0.1 over the demo province, for the attack suite. Unlike the
 * crash helper it keeps the server's own log (pino JSON lines) in a file, because the suite
 * asserts that brute-force attempts appear in what the product writes.
 */

export const DEMO_PASSWORD = PASSWORD;
/** An account that exists only to be brute-forced, so locking it out disturbs no other check. */
export const BRUTE_TARGET = 'brute.target';

/** `cadre <args>` with a generous time limit: seeding the demo takes a minute on a loaded 2-core machine. */
const cadre = (args: string[], env: NodeJS.ProcessEnv) => cadreCommand(args, env, 600_000);

/** A fresh data directory (and, for PostgreSQL, database) with the demo province; `query` may write. */
function prepareAttackProvince(dialect: Dialect): Promise<Province> {
  // No request-rate limit: the scanners' requests all come from 127.0.0.1 (the login and tracking throttles stay on).
  return prepareProvince(dialect, {
    prefix: 'cadre-attack',
    rateLimitPerMinute: 100_000_000,
    writable: true,
    timeoutMs: 600_000,
    tokenName: 'attack',
  });
}

export type AttackServer = {
  base: string;
  province: Province;
  logFile: string;
  dataDir: string;
  /** A personal API token of a demo account (made once through its signed-in session). */
  tokenFor: (username: string) => Promise<string>;
  /** Runs one writing statement on the server's database (test set-up only, e.g. clearing a throttle). */
  write: (sql: string) => Promise<void>;
  /** A signed-in client of a demo account (one per account: administrators' TOTP codes are single-use). */
  clientFor: (username: string) => Promise<WebClient>;
  stop: () => Promise<void>;
};

export async function startAttackServer(dialect: Dialect): Promise<AttackServer> {
  const province = await prepareAttackProvince(dialect);
  const dataDir = String(province.env.DATA_DIR);
  const made = cadre(
    ['user', 'create', '--username', BRUTE_TARGET, '--name', 'Brute Target', '--role', 'province_analyst', '--password', DEMO_PASSWORD],
    province.env,
  );
  if (made.status !== 0) throw new Error(`user create failed: ${made.stderr}`);
  const port = await freePort();
  const logFile = path.join(dataDir, 'server.log');
  const out = fs.openSync(logFile, 'a');
  // LOG_LEVEL info: Fastify logs every request and its status, which the brute-force check reads.
  const child: ChildProcess = spawn(process.execPath, ['bin/cadre.js', 'serve'], {
    cwd: ROOT,
    env: childEnv(province.env, { PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' }),
    stdio: ['ignore', out, out],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  let ready = false;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) {
        ready = true;
        break;
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    fs.closeSync(out);
    if (process.env.SECURITY_KEEP_DATA !== '1') await province.cleanup();
  };
  if (!ready) {
    await stop();
    throw new Error(`cadre serve did not become ready: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
  }
  const clients = new Map<string, Promise<WebClient>>();
  const clientFor = (username: string) => {
    let c = clients.get(username);
    if (!c) {
      const client = new WebClient(base);
      c = client.login(username, DEMO_PASSWORD).then(() => client);
      clients.set(username, c);
    }
    return c;
  };
  const tokens = new Map<string, Promise<string>>([['counter', Promise.resolve(province.token)]]);
  const tokenFor = (username: string) => {
    let t = tokens.get(username);
    if (!t) {
      t = clientFor(username).then(async (client) => {
        const res = await client.request('/api/v1/tokens', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': await client.csrfFrom('/account') },
          body: JSON.stringify({ name: 'attack suite' }),
        });
        if (res.status !== 201) throw new Error(`token for ${username}: ${res.status}`);
        return ((await res.json()) as { token: string }).token;
      });
      tokens.set(username, t);
    }
    return t;
  };
  const write = async (sql: string) => {
    await province.query(sql);
  };
  return { base, province, logFile, dataDir, tokenFor, clientFor, write, stop };
}

/** The server's log as parsed JSON lines (non-JSON lines are skipped). */
export function serverLog(server: AttackServer): Record<string, unknown>[] {
  return fs
    .readFileSync(server.logFile, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}
