import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { childEnv, freePort, ROOT, type Server } from '../crash/cadre-process.ts';
import { type RoundRobinProxy, startRoundRobinProxy } from './round-robin-proxy.ts';

/**
 * Several real `cadre serve` processes on one PostgreSQL database (and one DATA_DIR, so they
 * share secrets.json: CSRF tokens and encrypted values made by one process verify on another)
 * behind the round-robin proxy. Each process runs its own job worker, as in production.
 */

/** Generous: on a machine shared with other work, a cold start (tsx transform, migrator check) can take a minute. */
export const READY_TIMEOUT_MS = 120_000;

export type Cluster = {
  servers: Server[];
  proxy: RoundRobinProxy;
  stop: () => Promise<void>;
};

/**
 * Starts `cadre serve` and waits until /health/ready answers 200, like the crash tests' startServer,
 * but keeps the process's stderr in DATA_DIR/serve-<port>.log and quotes its end on failure.
 */
export async function startServer(env: NodeJS.ProcessEnv, port: number, readyTimeoutMs = READY_TIMEOUT_MS): Promise<Server> {
  const logFile = path.join(env.DATA_DIR ?? '.', `serve-${port}.log`);
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['bin/cadre.js', 'serve'], {
    cwd: ROOT,
    env: childEnv(env, { PORT: String(port), HOST: '127.0.0.1' }),
    stdio: ['ignore', 'ignore', log],
  });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(10_000) });
      if (res.ok) return { child, base, exited };
      last = `${res.status} ${await res.text()}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '';
  throw new Error(`cadre serve on ${port} not ready (exit ${child.exitCode}, last: ${last}); stderr:\n${tail}`);
}

/** Stops one server gracefully (SIGTERM drains), killing it if it does not exit in 15 s. */
export async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await server.exited;
  clearTimeout(timer);
}

export async function startCluster(env: NodeJS.ProcessEnv, processes: number): Promise<Cluster> {
  if (!env.DATABASE_URL) throw new Error('scale-out needs PostgreSQL: the province has no DATABASE_URL');
  const servers: Server[] = [];
  try {
    // One after the other: each runs the (idempotent) migrator at start, and the first creates secrets.json.
    for (let i = 0; i < processes; i++) servers.push(await startServer(env, await freePort(), READY_TIMEOUT_MS));
  } catch (e) {
    await Promise.all(servers.map(stopServer));
    throw e;
  }
  const proxy = await startRoundRobinProxy(servers.map((s) => ({ host: '127.0.0.1', port: Number(new URL(s.base).port) })));
  return {
    servers,
    proxy,
    stop: async () => {
      await proxy.close();
      await Promise.all(servers.map(stopServer));
    },
  };
}

/** A cookie jar for one browser: keeps name=value pairs from Set-Cookie, sends them back. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  names(): string[] {
    return [...this.cookies.keys()];
  }
}

/** The CSRF token of a server-rendered form (the hidden `_csrf` field). */
export function csrfOf(html: string): string {
  const m = /name="_csrf"[^>]*value="([^"]+)"/.exec(html) ?? /value="([^"]+)"[^>]*name="_csrf"/.exec(html);
  if (!m?.[1]) throw new Error('the page has no CSRF field');
  return m[1];
}

/** GET or form POST as a browser would, without following redirects. */
export async function browse(
  jar: CookieJar,
  url: string,
  form?: Record<string, string>,
): Promise<{ status: number; location: string | null; html: string; backend: string | null }> {
  const res = await fetch(url, {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: {
      cookie: jar.header(),
      'accept-language': 'vi',
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  jar.take(res);
  return { status: res.status, location: res.headers.get('location'), html: await res.text(), backend: res.headers.get('x-cadre-backend') };
}

/** Signs in through the login form at `base`; answers the jar holding the session cookie. */
export async function signIn(base: string, username: string, password: string): Promise<CookieJar> {
  const jar = new CookieJar();
  const page = await browse(jar, `${base}/login`);
  if (page.status !== 200) throw new Error(`GET /login answered ${page.status}`);
  const done = await browse(jar, `${base}/login`, { username, password, next: '/', _csrf: csrfOf(page.html) });
  if (done.status !== 303 || done.location !== '/') throw new Error(`login of ${username} answered ${done.status} → ${done.location}`);
  return jar;
}

/** Codes per "<agency>-<day>" prefix, to check they run 1..n with no gap and no repeat. */
export function sequencesByPrefix(codes: readonly string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const code of codes) {
    const m = /^(.*)-(\d+)$/.exec(code);
    if (!m) throw new Error(`not a dossier code: ${code}`);
    const [, prefix = '', seq = ''] = m;
    out.set(prefix, [...(out.get(prefix) ?? []), Number(seq)]);
  }
  for (const seqs of out.values()) seqs.sort((a, b) => a - b);
  return out;
}
