import { expect, it } from 'vitest';
import { TRACKING_LIMIT } from '../../../src/modules/tracking/use-cases/look-up.ts';
import { type AttackServer, BRUTE_TARGET, DEMO_PASSWORD, serverLog } from '../support/cadre-server.ts';
import { WebClient } from '../support/web-client.ts';

/**
 * Password guessing against the sign-in form and code/phone guessing against public
 * tracking: the configured limits answer 429 from the attempt after the limit on, even to
 * the right answer, and every attempt leaves a trace (the audit log for sign-in, the
 * throttle table and the request log for tracking). Runs last: it locks 127.0.0.1 out of
 * tracking for 15 minutes (earlier scans' failures are cleared first).
 */
const LOGIN_MAX_FAILURES = 5; // the default of LOGIN_MAX_FAILURES (platform/config.ts)

/** Request ids of the server's "request completed" log lines, by status. */
function completedRequests(server: AttackServer): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of serverLog(server)) {
    const res = line.res as { statusCode?: number } | undefined;
    if (typeof line.reqId === 'string' && res?.statusCode) out.set(line.reqId, res.statusCode);
  }
  return out;
}

export function bruteForceChecks(server: () => AttackServer): void {
  it(`sign-in: ${LOGIN_MAX_FAILURES} wrong passwords lock the account (429, even for the right one) and every attempt is audited`, async () => {
    const s = server();
    const client = new WebClient(s.base);
    const statuses: number[] = [];
    const requestIds: string[] = [];
    const attempts = LOGIN_MAX_FAILURES + 4;
    for (let i = 0; i < attempts; i++) {
      const csrf = await client.csrfFrom('/login');
      // The last attempt uses the right password: the lock must hold anyway.
      const password = i === attempts - 1 ? DEMO_PASSWORD : `guess-${i}-Password`;
      const res = await client.postForm('/login', { username: BRUTE_TARGET, password, _csrf: csrf });
      await res.body?.cancel();
      statuses.push(res.status);
      requestIds.push(res.headers.get('x-request-id') ?? '');
    }
    expect(statuses).toEqual([...Array(LOGIN_MAX_FAILURES).fill(401), ...Array(attempts - LOGIN_MAX_FAILURES).fill(429)]);

    const audited = await s.province.query<{ action: string; request_id: string }>(
      "select action, request_id from audit_log where actor_username = ? and action like 'auth.%' order by seq",
      [BRUTE_TARGET],
    );
    // One entry per refused attempt (failed or locked), plus the lock-out itself.
    const perRequest = new Set(audited.filter((a) => a.action !== 'auth.lockout').map((a) => a.request_id));
    expect(requestIds.every((id) => perRequest.has(id))).toBe(true);
    expect(audited.filter((a) => a.action === 'auth.login_failed')).toHaveLength(LOGIN_MAX_FAILURES);
    expect(audited.filter((a) => a.action === 'auth.lockout')).toHaveLength(1);
    expect(audited.filter((a) => a.action === 'auth.login_locked')).toHaveLength(attempts - LOGIN_MAX_FAILURES);
    expect(audited.some((a) => a.action === 'auth.login')).toBe(false);
  });

  it(`public tracking: ${TRACKING_LIMIT.failures} failed look-ups lock the address and the code (429) and every attempt is logged`, async () => {
    const s = server();
    // Earlier scans guessed codes from this address too: start from a clean throttle.
    await s.write('delete from tracking_attempts');
    const [dossier] = await s.province.query<{ code: string; applicant_phone: string }>(
      'select code, applicant_phone from dossiers order by id limit 1',
    );
    if (!dossier) throw new Error('the demo has no dossier');
    const rightPhone4 = dossier.applicant_phone.replace(/\D/g, '').slice(-4);
    const wrongPhone4 = rightPhone4 === '0000' ? '1111' : '0000';
    const [before] = await s.province.query<{ n: number }>("select count(*) as n from tracking_attempts where key = 'ip:127.0.0.1'");

    const client = new WebClient(s.base);
    const seen: { status: number; id: string }[] = [];
    const look = async (path: string) => {
      const res = await client.get(path);
      await res.body?.cancel();
      seen.push({ status: res.status, id: res.headers.get('x-request-id') ?? '' });
      return res.status;
    };
    const q = (phone4: string) => `code=${encodeURIComponent(dossier.code)}&phone4=${phone4}`;
    // Guessing the phone ending of one real code, alternating the page and the API.
    for (let i = 0; i < TRACKING_LIMIT.failures; i++) {
      expect(await look(i % 2 === 0 ? `/track?${q(wrongPhone4)}` : `/api/v1/public/track?${q(wrongPhone4)}`)).toBe(404);
    }
    expect(await look(`/api/v1/public/track?${q(wrongPhone4)}`)).toBe(429);
    expect(await look(`/track?${q(rightPhone4)}`)).toBe(429);
    // The address is locked too: another code is refused before it is looked up.
    expect(await look('/api/v1/public/track?code=ZZ.999.999&phone4=1234')).toBe(429);

    const [after] = await s.province.query<{ n: number }>("select count(*) as n from tracking_attempts where key = 'ip:127.0.0.1'");
    expect(Number(after?.n) - Number(before?.n)).toBe(TRACKING_LIMIT.failures);
    // Every attempt, refused or not, is in the server's request log with its status.
    await new Promise((r) => setTimeout(r, 500));
    const logged = completedRequests(s);
    expect(seen.map((a) => logged.get(a.id))).toEqual(seen.map((a) => a.status));
  });
}
