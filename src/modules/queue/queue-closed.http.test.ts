import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { CLOSED_ON_COUNTER_PAGE, CLOSED_PAGE_SIZE } from './pages/counter.page.tsx';

/**
 * The counter page stays light on a busy day: the closed tickets beyond the latest few move
 * to their own paged page, and the ticket actions share one form. A day of 53 closed tickets,
 * 2 in service and 6 waiting, at commune A.
 */
const CLOSED = CLOSED_PAGE_SIZE + 3;
const COUNTER = 'Quầy 1';

describe.each(testDialects())('counter page on a busy day on %s', (dialect) => {
  let t: TestApp;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url, headers: { authorization: user('counter_officer_a').bearer }, ...(payload ? { payload } : {}) });
  const page = (method: 'GET' | 'POST', url: string, form?: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form ?? {})) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
    return t.app.inject({
      method,
      url,
      headers: {
        cookie: user('counter_officer_a').cookie,
        'x-csrf-token': user('counter_officer_a').csrf,
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: body.toString() } : {}),
    });
  };
  const labels = (html: string, caption: string) => {
    const table = new RegExp(`<caption>${caption}</caption>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
    return [...table.matchAll(/<tr><td><strong>([A-Z]\d{3})<\/strong>/g)].map((m) => m[1]);
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    for (let i = 0; i < CLOSED + 2 + 6; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/queue/10001/tickets', payload: { field: 'CIVIL_STATUS' } });
      expect(res.statusCode).toBe(201);
    }
    for (let i = 0; i < CLOSED + 2; i++) {
      const called = (await api('POST', '/api/v1/queue/call-next', { counter: COUNTER })).json() as { id: number };
      expect((await api('POST', `/api/v1/queue/tickets/${called.id}/actions`, { action: 'start' })).statusCode).toBe(200);
      if (i < CLOSED) expect((await api('POST', `/api/v1/queue/tickets/${called.id}/actions`, { action: 'finish' })).statusCode).toBe(200);
    }
  }, 120_000);
  afterAll(async () => t?.close());

  it('shows the latest closed tickets only, links the rest, and stays well under 30 KB', async () => {
    const res = await page('GET', `/queue?counter=${encodeURIComponent(COUNTER)}&fields=CIVIL_STATUS`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`Đã xong hôm nay (${CLOSED})`);
    // Closed at the same instant (fixed clock): the latest number first.
    const closed = labels(res.body, 'Đã xong hôm nay');
    expect(closed).toHaveLength(CLOSED_ON_COUNTER_PAGE);
    expect(closed[0]).toBe(`A${String(CLOSED).padStart(3, '0')}`);
    expect(res.body).toContain(`Hiện ${CLOSED_ON_COUNTER_PAGE} phiếu xong gần nhất trong tổng số ${CLOSED}.`);
    expect(res.body).toContain('href="/queue/closed?counter=Qu%E1%BA%A7y+1&amp;fields=CIVIL_STATUS"');
    expect(labels(res.body, 'Phiếu đã gọi và đang phục vụ')).toHaveLength(2);
    expect(labels(res.body, 'Đang chờ')).toHaveLength(6);
    // One form carries the token for every action button.
    expect(res.body.match(/<form id="ticket-actions"/g)).toHaveLength(1);
    expect(res.body).toMatch(
      /<button type="submit" form="ticket-actions" formaction="\/queue\/tickets\/\d+\/actions" name="action" value="finish">/,
    );
    expect(res.body).toContain('Thời gian chờ và phục vụ');
    expect(Buffer.byteLength(res.body)).toBeLessThan(30 * 1024);
  });

  it('lists every closed ticket of the day on its own page, a page at a time', async () => {
    const first = await page('GET', '/queue/closed?counter=Qu%E1%BA%A7y+1');
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    const one = labels(first.body, 'Phiếu đã xong hôm nay');
    expect(one).toHaveLength(CLOSED_PAGE_SIZE);
    expect(first.body).toContain('href="/queue/closed?counter=Qu%E1%BA%A7y+1&amp;page=2"');
    expect(first.body).toContain('href="/queue?counter=Qu%E1%BA%A7y+1"');
    const second = await page('GET', '/queue/closed?counter=Qu%E1%BA%A7y+1&page=2');
    const two = labels(second.body, 'Phiếu đã xong hôm nay');
    expect(two).toEqual(['A003', 'A002', 'A001']);
    expect(new Set([...one, ...two]).size).toBe(CLOSED);
    // Past the last page: the last page.
    expect(labels((await page('GET', '/queue/closed?page=9')).body, 'Phiếu đã xong hôm nay')).toEqual(two);
    expect((await page('GET', '/queue/closed?page=0')).statusCode).toBe(400);
    // The link form of a closed ticket still works from there (a code nobody received: refused in place).
    expect(first.body).toContain('action="/queue/tickets/');
    expect(Buffer.byteLength(first.body)).toBeLessThan(50 * 1024);
  });

  it('an action posted through the shared form acts on its ticket and comes back to the same counter', async () => {
    const list = (await api('GET', '/api/v1/queue/tickets?status=SERVING')).json() as { items: { id: number }[] };
    const serving = list.items[0];
    if (!serving) throw new Error('no ticket in service');
    const res = await page('POST', `/queue/tickets/${serving.id}/actions`, {
      counter: COUNTER,
      fields: ['CIVIL_STATUS'],
      action: 'finish',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/queue?counter=Qu%E1%BA%A7y+1&fields=CIVIL_STATUS');
    const after = (await api('GET', '/api/v1/queue/tickets?status=DONE')).json() as { items: { id: number }[] };
    expect(after.items.map((k) => k.id)).toContain(serving.id);
  });
});
