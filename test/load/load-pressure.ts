import type { Client, Outcome, Reply } from './load-http.ts';
import type { LoadServer } from './load-server.ts';

/**
 * Refusals under pressure must be clean: a 429 from the rate limiter or a 503 while the
 * server drains answers at once, says when to come back (Retry-After) and carries the
 * standard problem+json (API) or a page (browser), never a silent timeout.
 */

export type PressureCheck = { name: string; summary: string; problems: string[] };

function tally(outcomes: Outcome[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const o of outcomes) {
    const k = o.kind === 'reply' ? String(o.reply.status) : o.kind === 'timeout' ? 'timeout' : o.message;
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

const show = (m: Map<string, number>) =>
  [...m]
    .sort()
    .map(([k, n]) => `${k} ×${n}`)
    .join(', ');

/** What is wrong with a refusal (429 or 503), or nothing. */
export function refusalProblems(r: Reply, status: number, code: string, api: boolean): string[] {
  const problems: string[] = [];
  const retryAfter = r.headers['retry-after'];
  if (typeof retryAfter !== 'string' || !/^[1-9]\d*$/.test(retryAfter))
    problems.push(`${status} without a positive Retry-After (got ${String(retryAfter)})`);
  const type = String(r.headers['content-type'] ?? '');
  if (api) {
    if (!type.startsWith('application/problem+json')) problems.push(`${status} API answer is ${type || 'untyped'}, not problem+json`);
    else {
      try {
        const body = JSON.parse(r.body) as { code?: string; status?: number };
        if (body.code !== code || body.status !== status)
          problems.push(`${status} problem+json says ${body.code}/${body.status}, not ${code}/${status}`);
      } catch {
        problems.push(`${status} problem+json body does not parse`);
      }
    }
  } else if (!type.startsWith('text/html')) problems.push(`${status} page answer is ${type || 'untyped'}, not HTML`);
  return problems;
}

async function inParallel<T>(n: number, width: number, f: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await f(i);
      }
    }),
  );
  return out;
}

/** Load shedding runs before the rate limiter: on a starved machine, retry a clean 503 a few times (bounded). */
async function unlessShed(send: () => Promise<Outcome>): Promise<Outcome> {
  let o = await send();
  for (let i = 0; i < 5 && o.kind === 'reply' && o.reply.status === 503; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    o = await send();
  }
  return o;
}

/**
 * One client address sends more than the limit per minute: the excess answers 429 with
 * Retry-After (API and page), while another address is still served.
 */
export async function checkRateLimit(client: Client, limit: number, trackPath: string): Promise<PressureCheck> {
  const abuser = { 'x-forwarded-for': '198.51.100.7', accept: 'application/json' };
  // Load-shedding 503s (a starved machine) do not count against the limit: send until refused, bounded.
  const burst = limit + 60;
  const outcomes: Outcome[] = [];
  for (let round = 0; round < 4 && !outcomes.some((o) => o.kind === 'reply' && o.reply.status === 429); round++) {
    outcomes.push(
      ...(await inParallel(round === 0 ? burst : 100, 16, () => client.send({ method: 'GET', path: trackPath, headers: abuser }))),
    );
  }
  const page = await unlessShed(() => client.send({ method: 'GET', path: '/track', headers: { ...abuser, accept: 'text/html' } }));
  const other = await unlessShed(() =>
    client.send({
      method: 'GET',
      path: trackPath,
      headers: { 'x-forwarded-for': '198.51.100.8', accept: 'application/json' },
    }),
  );
  const counts = tally(outcomes);
  const problems: string[] = [];
  const refused = outcomes.filter((o): o is Extract<Outcome, { kind: 'reply' }> => o.kind === 'reply' && o.reply.status === 429);
  const served = counts.get('200') ?? 0;
  if (refused.length === 0) problems.push(`no 429 after ${burst} requests from one address (limit ${limit}/min)`);
  if (served > limit) problems.push(`${served} requests served from one address, above the limit of ${limit}/min`);
  for (const [k, n] of counts)
    if (k !== '200' && k !== '429' && k !== '503') problems.push(`${n} answers ${k} in the burst (only 200, 429 or a clean 503 expected)`);
  const shed = outcomes.filter((o): o is Extract<Outcome, { kind: 'reply' }> => o.kind === 'reply' && o.reply.status === 503);
  problems.push(...new Set(shed.flatMap((o) => refusalProblems(o.reply, 503, 'SERVICE_UNAVAILABLE', true))));
  const first = refused[0];
  if (first) problems.push(...new Set(refused.flatMap((o) => refusalProblems(o.reply, 429, 'RATE_LIMITED', true))));
  if (page.kind !== 'reply' || page.reply.status !== 429)
    problems.push(`the page from the limited address answered ${JSON.stringify(page).slice(0, 200)}`);
  else problems.push(...refusalProblems(page.reply, 429, 'RATE_LIMITED', false));
  if (other.kind !== 'reply' || other.reply.status !== 200)
    problems.push(`another address was not served while one was limited: ${JSON.stringify(other).slice(0, 200)}`);
  const slowest = Math.max(...outcomes.map((o) => (o.kind === 'reply' ? o.reply.ms : o.ms)));
  return {
    name: 'rate limiter (429)',
    summary: `${outcomes.length} requests from one address, 16 in parallel (limit ${limit}/min): ${show(counts)}; page from that address ${page.kind === 'reply' ? page.reply.status : page.kind}, Retry-After ${first?.reply.headers['retry-after'] ?? '—'} s; another address ${other.kind === 'reply' ? other.reply.status : other.kind}; slowest answer ${slowest.toFixed(0)} ms`,
    problems,
  };
}

/**
 * A graceful shutdown (SIGTERM, as in a rolling restart) in the middle of the mixed load:
 * requests on kept-alive connections that arrive while the server drains answer 503 with
 * Retry-After; requests in flight complete; nothing hangs. Connections refused after the
 * listener closed are expected (the load balancer's cue) and counted, not failed.
 */
export async function checkDrain(
  client: Client,
  server: LoadServer,
  send: () => Promise<{ outcome: Outcome; api: boolean }>,
  concurrency: number,
): Promise<PressureCheck> {
  const outcomes: { outcome: Outcome; api: boolean; afterSignal: boolean }[] = [];
  let signalled = false;
  let exited = false;
  void server.exited.then(() => {
    exited = true;
  });
  const user = async () => {
    const until = performance.now() + 30_000;
    while (!exited && performance.now() < until) {
      const afterSignal = signalled;
      const r = await send();
      outcomes.push({ ...r, afterSignal });
      // After a refusal a real client backs off briefly instead of spinning on a closing socket.
      if (r.outcome.kind !== 'reply' || r.outcome.reply.status === 503) await new Promise((res) => setTimeout(res, 20));
    }
  };
  const users = Promise.all(Array.from({ length: concurrency }, user));
  await new Promise((r) => setTimeout(r, 1500));
  signalled = true;
  server.child.kill('SIGTERM');
  const code = await server.exited;
  await users;
  client.agent.destroy();
  const problems: string[] = [];
  const after = outcomes.filter((o) => o.afterSignal);
  const counts = tally(after.map((o) => o.outcome));
  const timeouts = outcomes.filter((o) => o.outcome.kind === 'timeout').length;
  if (timeouts > 0) problems.push(`${timeouts} requests timed out around the shutdown`);
  if (code !== 0) problems.push(`the server exited with ${code} after SIGTERM, not 0`);
  // Connection errors around the close are the keep-alive race (a request written to a socket the server
  // is closing as idle) or the refused connections after the listener closed: counted, not failed.
  let refused503 = 0;
  for (const o of outcomes) {
    if (o.outcome.kind !== 'reply') continue;
    const s = o.outcome.reply.status;
    if (s === 503) {
      refused503++;
      problems.push(...refusalProblems(o.outcome.reply, 503, 'SERVICE_UNAVAILABLE', o.api));
    } else if (s >= 500) problems.push(`answer ${s} ${o.afterSignal ? 'while draining' : 'before the signal'}`);
  }
  return {
    name: 'graceful shutdown under load (503)',
    summary: `${concurrency} users; after SIGTERM: ${show(counts) || 'nothing'}; exit code ${code}; ${refused503} refusals checked`,
    problems: [...new Set(problems)],
  };
}
