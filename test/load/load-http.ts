import http from 'node:http';
import zlib from 'node:zlib';

/**
 * A small HTTP/1.1 client for the load driver: node:http over keep-alive connections (far
 * less client CPU than fetch on a 2-core machine shared with the server), an explicit
 * timeout per request that is reported as such rather than as a generic error, and the
 * whole body read so the server's work (compression included) is really done. Loopback only.
 */

export type Reply = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  ms: number;
};

export type Outcome = { kind: 'reply'; reply: Reply } | { kind: 'timeout'; ms: number } | { kind: 'error'; ms: number; message: string };

export type Request = {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers?: Record<string, string>;
  body?: string;
};

/** Success bodies stay compressed (only their size matters); refusals and errors are decoded to be checked and shown. */
function bodyText(res: http.IncomingMessage, raw: Buffer): string {
  const encoding = res.headers['content-encoding'];
  if ((res.statusCode ?? 0) < 400 || !encoding) return raw.toString('utf8');
  try {
    if (encoding === 'br') return zlib.brotliDecompressSync(raw).toString('utf8');
    if (encoding === 'gzip') return zlib.gunzipSync(raw).toString('utf8');
  } catch {}
  return `(${encoding}, ${raw.length} bytes)`;
}

export class Client {
  readonly agent: http.Agent;

  constructor(
    readonly base: URL,
    readonly timeoutMs: number,
  ) {
    if (base.hostname !== '127.0.0.1' && base.hostname !== '::1' && base.hostname !== '[::1]') {
      throw new Error(`the load driver only targets the loopback address, not ${base.hostname}`);
    }
    this.agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  }

  send(req: Request): Promise<Outcome> {
    const started = performance.now();
    return new Promise((resolve) => {
      let settled = false;
      const done = (o: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(o);
      };
      const headers: Record<string, string> = { ...req.headers };
      if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
      const r = http.request(
        { host: this.base.hostname, port: this.base.port, method: req.method, path: req.path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            done({
              kind: 'reply',
              reply: {
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: bodyText(res, Buffer.concat(chunks)),
                ms: performance.now() - started,
              },
            }),
          );
          res.on('error', (e) => done({ kind: 'error', ms: performance.now() - started, message: e.message }));
        },
      );
      const timer = setTimeout(() => {
        done({ kind: 'timeout', ms: performance.now() - started });
        r.destroy();
      }, this.timeoutMs);
      r.on('error', (e) =>
        done({ kind: 'error', ms: performance.now() - started, message: (e as NodeJS.ErrnoException).code ?? e.message }),
      );
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The value of a cookie set by a reply, or undefined. */
export function setCookieValue(reply: Reply, name: string): string | undefined {
  for (const line of reply.headers['set-cookie'] ?? []) {
    const [pair] = line.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (pair && eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Signs a demo user in the way a browser does: GET /login for the anonymous cookie and the
 * form's CSRF token, POST the form, keep the session cookie. Returns the Cookie header value.
 */
export async function signIn(client: Client, username: string, password: string, forwardedFor: string): Promise<string> {
  const ip = { 'x-forwarded-for': forwardedFor };
  const page = await client.send({ method: 'GET', path: '/login', headers: ip });
  if (page.kind !== 'reply' || page.reply.status !== 200) throw new Error(`GET /login failed: ${JSON.stringify(page)}`);
  const anonName = (page.reply.headers['set-cookie'] ?? []).map((c) => c.split('=')[0] ?? '').find((n) => n.endsWith('cadre_anon'));
  const anon = anonName ? setCookieValue(page.reply, anonName) : undefined;
  const csrf = /name="_csrf"\s+value="([^"]+)"/.exec(page.reply.body)?.[1] ?? /value="([^"]+)"\s+name="_csrf"/.exec(page.reply.body)?.[1];
  if (!anonName || !anon || !csrf) throw new Error('the login page gave no anonymous cookie or CSRF token');
  const form = new URLSearchParams({ username, password, _csrf: csrf }).toString();
  const posted = await client.send({
    method: 'POST',
    path: '/login',
    headers: { ...ip, 'content-type': 'application/x-www-form-urlencoded', cookie: `${anonName}=${anon}` },
    body: form,
  });
  if (posted.kind !== 'reply' || posted.reply.status !== 303)
    throw new Error(`sign-in of ${username} failed: ${JSON.stringify(posted).slice(0, 400)}`);
  const sidName = (posted.reply.headers['set-cookie'] ?? []).map((c) => c.split('=')[0] ?? '').find((n) => n.endsWith('cadre_sid'));
  const sid = sidName ? setCookieValue(posted.reply, sidName) : undefined;
  if (!sidName || !sid) throw new Error(`sign-in of ${username} set no session cookie`);
  return `${sidName}=${sid}`;
}
