import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/databases.ts';
import { NOW, seedFixture } from '../../../test/support/fixture.ts';
import { buildApp } from '../../app.ts';
import { testSecrets } from '../auth/secrets.ts';
import { parseConfig } from '../config.ts';
import { fixedClock } from '../time/clock.ts';

type Seen = { status: number; type: string; retryAfter: string | null; connection: string | null; body: string };

async function get(base: string, path: string, accept: string): Promise<Seen> {
  const res = await fetch(base + path, { headers: { accept } });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    retryAfter: res.headers.get('retry-after'),
    connection: res.headers.get('connection'),
    body: await res.text(),
  };
}

/**
 * The drain refusal on a real listening server: requests that arrive after close() has begun
 * (here: from a preClose hook registered after the app's own, while the socket still accepts)
 * get the standard 503 — problem+json for the API, a translated page for HTML — with
 * Retry-After and Connection: close; the same requests before close() are served.
 */
describe('draining server (SQLite)', () => {
  const database = createTestDatabase('sqlite');
  afterAll(async () => (await database).close());

  it('refuses API and page requests arriving during close() with 503, Retry-After and Connection: close', async () => {
    const db = await database;
    const clock = fixedClock(NOW);
    await seedFixture(db.db, clock);
    const config = parseConfig({ COOKIE_SECURE: 'false', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/cadre-test' });
    const app = await buildApp({
      config,
      database: db,
      secrets: testSecrets(),
      clock,
      rateLimit: false,
      loadShedding: false,
      logger: false,
    });
    let during: { api: Seen; page: Seen } | null = null;
    let base = '';
    app.addHook('preClose', async () => {
      during = { api: await get(base, '/api/v1/no-such', 'application/json'), page: await get(base, '/login', 'text/html') };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    base = `http://127.0.0.1:${address.port}`;

    const before = { api: await get(base, '/api/v1/no-such', 'application/json'), page: await get(base, '/login', 'text/html') };
    expect(before.api.status).toBe(404);
    expect(before.page.status).toBe(200);

    await app.close();
    if (during === null) throw new Error('the preClose hook did not run');
    const { api, page } = during as { api: Seen; page: Seen };
    expect(api.status).toBe(503);
    expect(api.type).toContain('application/problem+json');
    expect(JSON.parse(api.body)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(api.retryAfter).toBe('10');
    expect(api.connection).toBe('close');
    expect(page.status).toBe(503);
    expect(page.type).toContain('text/html');
    expect(page.body).toContain('Hệ thống đang quá tải. Vui lòng thử lại sau.');
    expect(page.retryAfter).toBe('10');
    expect(page.connection).toBe('close');
  });
});
