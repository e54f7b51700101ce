/**
 * The public tracking page (GET /track?code=…&phone4=…) under 50 concurrent clients: bytes per
 * response with and without compression, latency percentiles and throughput, against a bare
 * Fastify endpoint that reads the same dossier row with the driver and renders a minimal page.
 * Both dialects; rounds alternate (full compressed, full uncompressed, bare) because this
 * machine's CPU speed drifts; medians are compared. Only 127.0.0.1 is targeted.
 *
 *   npm run bench:tracking
 *   BENCH_ROUNDS=3 BENCH_SECONDS=5 BENCH_CONNECTIONS=50 BENCH_PAIRS=2000 BENCH_DIALECTS=sqlite npm run bench:tracking
 *
 * Full stack: `cadre serve` on a freshly seeded demo province (14 days of dossiers). Per
 * request: locale, session lookup (none), access check, the per-IP rate limiter,
 * under-pressure, Zod query validation, the tracking throttle (failed attempts per IP and per
 * code in the window), the dossier with its procedure and unit, its status events, the latest
 * apology slip, the rating, the satisfaction criteria in force, the Preact page in the
 * layout, security headers, Cache-Control: no-store, and brotli/gzip above 1 KB.
 *
 * Rate limits: the per-IP limiter is raised with RATE_LIMIT_PER_MINUTE (its documented knob).
 * The tracking throttle has no knob and is left as it is: it counts only failed look-ups, so
 * every request here carries a valid code and phone ending, spread over BENCH_PAIRS dossiers;
 * the bench checks that every answer was 200 and that no failed attempt was recorded.
 *
 * Bare: this file run as `--bare-server`: Fastify + better-sqlite3 / pg, one query (the same
 * dossier row with procedure and unit names), the phone check, a hand-built escaped HTML page.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { benchDialects, cadre, type Dialect, freePort, machine, median, ROOT, scratchDatabase, waitFor } from './support.ts';

const DOSSIER_SQL = `select d.code, d.status, d.applicant_phone, d.received_at, d.due_at, d.returned_at,
  p.name_vi as procedure_name, u.name as unit_name
  from dossiers d join procedures p on p.id = d.procedure_id join administrative_units u on u.id = d.competent_unit_id
  where d.code = $1`;

type DossierRow = {
  code: string;
  status: number;
  applicant_phone: string | null;
  received_at: unknown;
  due_at: unknown;
  returned_at: unknown;
  procedure_name: string;
  unit_name: string;
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const text = (v: unknown) => (v === null || v === undefined ? '—' : escapeHtml(v instanceof Date ? v.toISOString() : String(v)));

function minimalPage(r: DossierRow): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tra cứu hồ sơ</title></head><body><h1>${text(r.code)}</h1><dl><dt>Trạng thái</dt><dd>${text(r.status)}</dd><dt>Thủ tục</dt><dd>${text(r.procedure_name)}</dd><dt>Đơn vị</dt><dd>${text(r.unit_name)}</dd><dt>Tiếp nhận</dt><dd>${text(r.received_at)}</dd><dt>Hẹn trả</dt><dd>${text(r.due_at)}</dd><dt>Đã trả</dt><dd>${text(r.returned_at)}</dd></dl></body></html>`;
}

async function bareServer(dialect: Dialect, target: string, port: number): Promise<void> {
  const app = Fastify({ logger: false });
  let find: (code: string) => Promise<DossierRow | undefined>;
  if (dialect === 'sqlite') {
    const db = new Database(target, { readonly: true });
    db.pragma('journal_mode = WAL');
    const stmt = db.prepare(DOSSIER_SQL.replace('$1', '?'));
    find = async (code) => stmt.get(code) as DossierRow | undefined;
  } else {
    const pool = new pg.Pool({ connectionString: target, max: 10 });
    find = async (code) => (await pool.query<DossierRow>({ name: 'track', text: DOSSIER_SQL, values: [code] })).rows[0];
  }
  app.get('/track', async (req, reply) => {
    const q = req.query as { code?: string; phone4?: string };
    const row = q.code ? await find(q.code) : undefined;
    const digits = row?.applicant_phone?.replace(/\D/g, '') ?? '';
    reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store');
    if (!row || digits.length < 4 || digits.slice(-4) !== q.phone4) return reply.code(404).send('<!doctype html><p>Không tìm thấy</p>');
    return reply.send(minimalPage(row));
  });
  await app.listen({ port, host: '127.0.0.1' });
}

if (process.argv[2] === '--bare-server') {
  const [, , , dialect, target, port] = process.argv;
  await bareServer(dialect as Dialect, target ?? '', Number(port));
} else {
  await main();
}

// ---------------------------------------------------------------------------------------

type Pair = { code: string; phone4: string };
type Round = { rps: number; p50: number; p975: number; p99: number; failures: number };

async function main(): Promise<void> {
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
  const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
  const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
  const PAIRS = Number(process.env.BENCH_PAIRS ?? 2000);
  const PG_ADMIN = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const PASSWORD = 'bench-Password-2026';

  /** Runs one read on the seeded database with the bare driver. */
  async function query<T>(dialect: Dialect, target: string, sql: string): Promise<T[]> {
    if (dialect === 'sqlite') {
      const db = new Database(target, { readonly: true });
      try {
        return db.prepare(sql).all() as T[];
      } finally {
        db.close();
      }
    }
    const c = new pg.Client({ connectionString: target });
    await c.connect();
    try {
      return (await c.query(sql)).rows as T[];
    } finally {
      await c.end();
    }
  }

  async function prepare(dialect: Dialect) {
    const scratch = await scratchDatabase(dialect, { pgAdminUrl: PG_ADMIN, env: { RATE_LIMIT_PER_MINUTE: '100000000' } });
    const { env, target } = scratch;
    cadre(['seed', 'demo', '--password', PASSWORD, '--staff-per-unit', '5'], env);
    // Dossiers spread over the whole seed (every unit, procedure and status), each with a phone.
    const rows = await query<{ code: string; applicant_phone: string }>(
      dialect,
      target,
      'select code, applicant_phone from dossiers where applicant_phone is not null order by id',
    );
    const step = Math.max(1, Math.floor(rows.length / PAIRS));
    const pairs: Pair[] = [];
    for (let i = 0; i < rows.length && pairs.length < PAIRS; i += step) {
      const r = rows[i];
      const digits = r?.applicant_phone.replace(/\D/g, '') ?? '';
      if (r && digits.length >= 4) pairs.push({ code: r.code, phone4: digits.slice(-4) });
    }
    if (pairs.length < 10) throw new Error(`only ${pairs.length} dossiers with a phone were seeded`);
    return {
      env,
      target,
      pairs,
      dossiers: rows.length,
      cleanup: scratch.cleanup,
    };
  }

  const trackPath = (p: Pair) => `/track?code=${encodeURIComponent(p.code)}&phone4=${p.phone4}`;

  /** Bytes on the wire for one answer (body as sent, and headers), with a given Accept-Encoding. */
  function wireBytes(port: number, p: Pair, acceptEncoding: string | null) {
    return new Promise<{ status: number; body: number; headers: number; encoding: string }>((resolve, reject) => {
      const headers: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
      const req = http.get({ host: '127.0.0.1', port, path: trackPath(p), headers }, (res) => {
        let body = 0;
        res.on('data', (c: Buffer) => {
          body += c.length;
        });
        res.on('end', () => {
          const lines = [`HTTP/1.1 ${res.statusCode} ${res.statusMessage}`];
          for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
          const head = `${lines.join('\r\n')}\r\n\r\n`;
          resolve({
            status: res.statusCode ?? 0,
            body,
            headers: Buffer.byteLength(head),
            encoding: String(res.headers['content-encoding'] ?? 'identity'),
          });
        });
      });
      req.on('error', reject);
    });
  }

  async function load(port: number, pairs: Pair[], acceptEncoding: string | null, seconds: number): Promise<Round> {
    let next = 0;
    const headers: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
    const r = await autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: CONNECTIONS,
      duration: seconds,
      requests: [
        {
          method: 'GET',
          headers,
          // Each request asks for the next dossier: the look-ups spread over every pair.
          setupRequest: (req) => ({ ...req, path: trackPath(pairs[next++ % pairs.length] as Pair) }),
        },
      ],
    });
    if (r.non2xx || r.errors || r.timeouts) {
      process.stderr.write(`  :${port}: status codes ${JSON.stringify(r.statusCodeStats)}, ${r.errors} errors, ${r.timeouts} timeouts\n`);
    }
    return {
      rps: r.requests.average,
      p50: r.latency.p50,
      p975: r.latency.p97_5,
      p99: r.latency.p99,
      failures: r.non2xx + r.errors + r.timeouts,
    };
  }

  const medianRound = (rs: Round[]): Round => ({
    rps: median(rs.map((r) => r.rps)),
    p50: median(rs.map((r) => r.p50)),
    p975: median(rs.map((r) => r.p975)),
    p99: median(rs.map((r) => r.p99)),
    failures: rs.reduce((s, r) => s + r.failures, 0),
  });

  async function benchDialect(dialect: Dialect) {
    const p = await prepare(dialect);
    const fullPort = await freePort();
    const barePort = await freePort();
    const { DATABASE_URL: _inherited, ...parentEnv } = process.env;
    const children: ChildProcess[] = [];
    try {
      const full = spawn(process.execPath, ['bin/cadre.js', 'serve'], {
        cwd: ROOT,
        env: { ...parentEnv, ...p.env, PORT: String(fullPort) },
        stdio: 'ignore',
      });
      children.push(full);
      const bare = spawn(
        process.execPath,
        ['--import', 'tsx', 'bench/tracking.bench.ts', '--bare-server', dialect, p.target, String(barePort)],
        { cwd: ROOT, stdio: 'ignore' },
      );
      children.push(bare);
      await waitFor(`http://127.0.0.1:${fullPort}/health/live`, full);
      await waitFor(`http://127.0.0.1:${barePort}/track`, bare);

      // Both answer every pair of a sample with the dossier's page.
      for (const pair of p.pairs.slice(0, 20)) {
        for (const port of [fullPort, barePort]) {
          const res = await fetch(`http://127.0.0.1:${port}${trackPath(pair)}`);
          const body = await res.text();
          if (res.status !== 200 || !body.includes(pair.code)) throw new Error(`:${port} answered ${res.status} for ${pair.code}`);
        }
      }
      const sample = p.pairs.slice(0, 100);
      const bytes = async (port: number, enc: string | null) => {
        const rs = await Promise.all(sample.map((pair) => wireBytes(port, pair, enc)));
        return {
          body: median(rs.map((r) => r.body)),
          max: Math.max(...rs.map((r) => r.body + r.headers)),
          headers: median(rs.map((r) => r.headers)),
          encoding: rs[0]?.encoding ?? '?',
        };
      };
      const sizes = {
        fullBr: await bytes(fullPort, 'br, gzip'),
        fullGzip: await bytes(fullPort, 'gzip'),
        fullIdentity: await bytes(fullPort, null),
        bare: await bytes(barePort, null),
      };

      await load(fullPort, p.pairs, 'br, gzip', 2);
      await load(barePort, p.pairs, null, 2);
      const fullBr: Round[] = [];
      const fullPlain: Round[] = [];
      const bareRounds: Round[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        fullBr.push(await load(fullPort, p.pairs, 'br, gzip', SECONDS));
        fullPlain.push(await load(fullPort, p.pairs, null, SECONDS));
        bareRounds.push(await load(barePort, p.pairs, null, SECONDS));
        process.stderr.write(
          `  ${dialect} round ${i + 1}/${ROUNDS}: full br ${fullBr.at(-1)?.rps.toFixed(0)} req/s, full identity ${fullPlain.at(-1)?.rps.toFixed(0)} req/s, bare ${bareRounds.at(-1)?.rps.toFixed(0)} req/s\n`,
        );
      }
      const failedAttempts = await query<{ n: number | string }>(dialect, p.target, 'select count(*) as n from tracking_attempts');
      const attempts = Number(failedAttempts[0]?.n ?? 0);
      if (attempts !== 0) throw new Error(`${attempts} failed tracking attempts were recorded: some pair was not valid`);
      const fb = medianRound(fullBr);
      const fp = medianRound(fullPlain);
      const b = medianRound(bareRounds);
      return { dialect, dossiers: p.dossiers, pairs: p.pairs.length, sizes, fullBr: fb, fullPlain: fp, bare: b };
    } finally {
      for (const c of children) c.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 1500));
      await p.cleanup();
    }
  }

  const dialects = await benchDialects(PG_ADMIN);
  const results = [];
  for (const d of dialects) results.push(await benchDialect(d));
  console.log(
    `\nGET /track?code=…&phone4=… — ${ROUNDS} alternating rounds × ${SECONDS} s, ${CONNECTIONS} connections, medians; ${machine()}\n`,
  );
  console.log('Bytes per answer on the wire (median body over 100 dossiers, its encoding, median headers; largest body + headers):\n');
  console.log('| Dialect | Full, br | Full, gzip | Full, uncompressed | Bare, uncompressed |');
  console.log('|---|---|---|---|---|');
  const sz = (s: { body: number; headers: number; max: number; encoding: string }) =>
    `${s.body.toFixed(0)} B ${s.encoding} + ${s.headers.toFixed(0)} B headers (max ${s.max})`;
  for (const r of results) {
    console.log(`| ${r.dialect} | ${sz(r.sizes.fullBr)} | ${sz(r.sizes.fullGzip)} | ${sz(r.sizes.fullIdentity)} | ${sz(r.sizes.bare)} |`);
  }
  console.log(
    '\nUnder load (latency = request written → response received, ms; a page is one or two TCP segments, so this is the time to first byte plus at most one segment):\n',
  );
  console.log('| Dialect | Endpoint | req/s | p50 | p97.5 | p99 | Failures | Throughput vs bare |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const row = (name: string, x: Round) =>
      console.log(
        `| ${r.dialect} | ${name} | ${x.rps.toFixed(0)} | ${x.p50} | ${x.p975} | ${x.p99} | ${x.failures} | ${(x.rps / r.bare.rps).toFixed(2)} |`,
      );
    row('Cadre, Accept-Encoding: br, gzip', r.fullBr);
    row('Cadre, no Accept-Encoding', r.fullPlain);
    row('Bare Fastify + driver', r.bare);
  }
  for (const r of results) console.log(`\n${r.dialect}: ${r.dossiers} dossiers with a phone, ${r.pairs} code + phone pairs used in turn.`);
}
