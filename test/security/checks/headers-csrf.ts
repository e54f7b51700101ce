import { expect, it } from 'vitest';
import type { AttackServer } from '../support/cadre-server.ts';
import { DEMO_PASSWORD } from '../support/cadre-server.ts';
import { type Crawl, crawl, type FoundForm, routeShape } from '../support/crawl.ts';
import { DEMO_USERS, FULL, LIMITS, SHORT_USERS } from '../support/mode.ts';
import { cacheProblems, headerProblems } from '../support/security-headers.ts';
import { walked } from '../support/shared.ts';
import { WebClient } from '../support/web-client.ts';

/**
 * Security headers and clickjacking protection on every page each role can reach, and
 * CSRF: every state-changing form found on those pages is refused without a token and with
 * another session's token, and the refusal changes nothing (the audit log, which every
 * change writes to, does not grow).
 */
export function headerAndCsrfChecks(server: () => AttackServer): void {
  const users = FULL ? DEMO_USERS : SHORT_USERS;
  const crawls = new Map<string, { client: WebClient; result: Crawl }>();

  it('public pages and static files carry the security headers', async () => {
    const s = server();
    const anon = new WebClient(s.base);
    const result = await crawl(anon, ['/', '/login', '/track', '/submit', '/feedback', '/docs', '/docs/errors'], LIMITS.pagesPerRole);
    const problems = result.visited.flatMap((v) => [
      ...(v.status >= 500 ? [`${v.path}: ${v.status}`] : []),
      ...headerProblems(v.headers).map((p) => `${v.path}: ${p}`),
      ...(v.contentType.startsWith('text/html') ? cacheProblems(v.headers).map((p) => `${v.path}: ${p}`) : []),
    ]);
    for (const file of ['/static/htmx/htmx.min.js', '/openapi.json', '/health/ready', '/no-such-page']) {
      const res = await anon.get(file);
      await res.body?.cancel();
      problems.push(...headerProblems(res.headers).map((p) => `${file}: ${p}`));
    }
    expect(result.visited.length).toBeGreaterThan(3);
    expect(problems).toEqual([]);
  });

  it.each(users)('every page %s can reach carries the security headers and forbids framing', async (username) => {
    const s = server();
    const client = await s.clientFor(username);
    const result = await crawl(client, ['/'], LIMITS.pagesPerRole);
    crawls.set(username, { client, result });
    walked.set(username, { client, forms: result.forms });
    const problems = result.visited.flatMap((v) => [
      ...(v.status >= 500 ? [`${v.path}: ${v.status}`] : []),
      ...headerProblems(v.headers).map((p) => `${v.path}: ${p}`),
      ...(v.contentType.startsWith('text/html') ? cacheProblems(v.headers).map((p) => `${v.path}: ${p}`) : []),
    ]);
    // The walk really got past the login page.
    expect(result.visited.filter((v) => v.status === 200).length).toBeGreaterThan(3);
    expect(problems).toEqual([]);
  });

  it('every state-changing form refuses a missing or foreign CSRF token and changes nothing', async () => {
    const s = server();
    const other = new WebClient(s.base);
    await other.login('specialist', DEMO_PASSWORD);
    const foreignToken = await other.csrfFrom('/');
    const refusedWrongly: string[] = [];
    let tried = 0;
    for (const [username, { client, result }] of crawls) {
      const forms = new Map<string, FoundForm>();
      for (const f of result.forms) if (f.action !== '/logout') forms.set(routeShape(f.action), f);
      for (const form of forms.values()) {
        const { _csrf: _own, ...fields } = form.fields;
        const [before] = await s.province.query<{ n: number }>('select count(*) as n from audit_log');
        for (const [label, extra] of [
          ['no token', {}],
          ['foreign token', { _csrf: foreignToken }],
        ] as const) {
          const res = await client.postForm(form.action, { ...fields, ...extra });
          await res.body?.cancel();
          tried++;
          if (res.status !== 403) refusedWrongly.push(`${username} POST ${form.action} (${label}): ${res.status}`);
        }
        const [after] = await s.province.query<{ n: number }>('select count(*) as n from audit_log');
        if (Number(after?.n) !== Number(before?.n)) refusedWrongly.push(`${username} POST ${form.action}: the audit log grew`);
      }
    }
    expect(tried).toBeGreaterThan(4);
    expect(refusedWrongly).toEqual([]);
  });

  it('a JSON API call riding on the session cookie needs the CSRF header too; the right token works', async () => {
    const s = server();
    const client = new WebClient(s.base);
    await client.login('counter', DEMO_PASSWORD);
    const body = JSON.stringify({ name: 'csrf probe' });
    const noToken = await client.request('/api/v1/tokens', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(noToken.status).toBe(403);
    const token = await client.csrfFrom('/');
    const withToken = await client.request('/api/v1/tokens', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token },
      body,
    });
    expect(withToken.status).toBe(201);
    // Positive control for the form path: logout with the page's token ends the session.
    const out = await client.postForm('/logout', { _csrf: token });
    expect(out.status).toBe(303);
    expect((await client.get('/api/v1/me')).status).toBe(401);
  });
}
