import http from 'node:http';
import type net from 'node:net';

/**
 * The smallest load balancer that shows scale-out: each new request goes to the next backend
 * in turn (round robin), with no stickiness, so two requests of one browser session land on
 * different Cadre processes. Written in Node rather than using Debian's nginx so the test needs
 * nothing outside node_modules, starts in milliseconds on a free loopback port and can report
 * which backend served each request (X-Cadre-Backend), which the tests assert on.
 * Loopback only; not a production proxy (no health checks, no retries, no TLS).
 */

export type Backend = { host: string; port: number };

export type RoundRobinProxy = {
  base: string;
  /** Requests sent to each backend, in the order of `backends`. */
  served: number[];
  close: () => Promise<void>;
};

export async function startRoundRobinProxy(backends: readonly Backend[]): Promise<RoundRobinProxy> {
  if (backends.length === 0) throw new Error('a proxy needs at least one backend');
  const served = backends.map(() => 0);
  // Keep-alive to each backend, as nginx's upstream keepalive would.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  const server = http.createServer((req, res) => {
    const index = next;
    next = (next + 1) % backends.length;
    const backend = backends[index] as Backend;
    served[index] = (served[index] ?? 0) + 1;
    const upstream = http.request(
      {
        host: backend.host,
        port: backend.port,
        method: req.method,
        path: req.url,
        agent,
        headers: {
          ...req.headers,
          'x-forwarded-for': req.socket.remoteAddress ?? '127.0.0.1',
          'x-forwarded-proto': 'http',
        },
      },
      (up) => {
        res.writeHead(up.statusCode ?? 502, { ...up.headers, 'x-cadre-backend': String(index) });
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain', 'x-cadre-backend': String(index) });
      res.end('bad gateway');
    });
    req.pipe(upstream);
  });
  const sockets = new Set<net.Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    served,
    close: async () => {
      for (const s of sockets) s.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
