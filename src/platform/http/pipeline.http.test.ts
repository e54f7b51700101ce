import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, type TestApp } from '../../../test/support/fixture.ts';

describe.each(testDialects())('request pipeline on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('answers liveness and readiness with a database check', async () => {
    expect((await t.app.inject({ url: '/health/live' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('sets the security headers on every response, errors included', async () => {
    for (const url of ['/health/live', '/login', '/no-such-page', '/api/v1/no-such']) {
      const res = await t.app.inject({ url });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(res.headers['x-request-id']).toBeTruthy();
    }
  });

  it('answers unknown API paths with problem+json carrying a correlation id', async () => {
    const res = await t.app.inject({ url: '/api/v1/no-such' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body).toMatchObject({ status: 404, code: 'NOT_FOUND', type: '/docs/errors#error-NOT_FOUND' });
    expect(body.correlationId).toBe(res.headers['x-request-id']);
    expect(body.title).toBe('Không tìm thấy trang hoặc dữ liệu yêu cầu.');
  });

  it('answers unknown HTML paths with a translated page', async () => {
    const vi = await t.app.inject({ url: '/no-such-page' });
    expect(vi.statusCode).toBe(404);
    expect(vi.headers['content-type']).toContain('text/html');
    expect(vi.body).toContain('Không tìm thấy trang');
    const en = await t.app.inject({ url: '/no-such-page', cookies: { cadre_lang: 'en' } });
    expect(en.body).toContain('The page or record was not found.');
    expect(en.body).toContain('lang="en"');
  });

  it('serves the OpenAPI 3.1 document and a readable docs page', async () => {
    const doc = await t.app.inject({ url: '/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().openapi).toBe('3.1.0');
    expect(Object.keys(doc.json().paths)).toContain('/health/ready');
    const page = await t.app.inject({ url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('/health/ready');
    expect(page.body).toContain('href="/docs/errors"');
    expect(Buffer.byteLength(page.body) / 1024).toBeLessThan(50);
    const errors = await t.app.inject({ url: '/docs/errors' });
    expect(errors.statusCode).toBe(200);
    expect(errors.body).toContain('id="error-VALIDATION_FAILED"');
    const tag = await t.app.inject({ url: '/docs/tags/units' });
    expect(tag.statusCode).toBe(200);
    expect(tag.body).toContain('GET /api/v1/units/{id}');
    expect(tag.body).toContain('Request schema');
    expect((await t.app.inject({ url: '/docs/tags/nope' })).statusCode).toBe(404);
  });

  it('pages carry exactly one #alerts region, the layout one, where htmx errors are retargeted', async () => {
    const admin = t.fixture.users.province_admin;
    for (const url of ['/units', `/units/${t.fixture.unitA}`, '/staff', '/procedures', '/procedures/new', '/dossiers']) {
      const res = await t.app.inject({ url, headers: { cookie: admin?.cookie ?? '' } });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
      expect({ url, count: res.body.split('id="alerts"').length - 1 }).toEqual({ url, count: 1 });
    }
  });

  it('audits refused authorisations: by route (403) and by record in another unit (404)', async () => {
    const { users, unitA } = t.fixture;
    const denied = () =>
      t.database.db
        .selectFrom('auditLog')
        .select(['actorUsername', 'entityType', 'entityId'])
        .where('action', '=', 'authz.denied')
        .orderBy('seq')
        .execute();
    const before = (await denied()).length;

    const byRoute = await t.app.inject({ url: '/api/v1/users', headers: { authorization: users.counter_officer_a?.bearer ?? '' } });
    expect(byRoute.statusCode).toBe(403);
    const byRecord = await t.app.inject({
      url: `/api/v1/units/${unitA}`,
      headers: { authorization: users.counter_officer_b?.bearer ?? '' },
    });
    expect(byRecord.statusCode).toBe(404);
    const missing = await t.app.inject({ url: '/api/v1/units/999999', headers: { authorization: users.counter_officer_b?.bearer ?? '' } });
    expect(missing.statusCode).toBe(404);

    const rows = (await denied()).slice(before);
    expect(rows).toEqual([
      { actorUsername: 'counter_officer_a', entityType: 'route', entityId: 'GET /api/v1/users' },
      { actorUsername: 'counter_officer_b', entityType: 'record', entityId: `GET /api/v1/units/${unitA}` },
    ]);
  });

  it('answers refusals from plugins (rate limiter) as a translated page or problem+json', async () => {
    const limited = await buildTestApp(dialect, { RATE_LIMIT_PER_MINUTE: '1' });
    try {
      // buildTestApp turns the limiter off; this app keeps it on to reach the early refusal.
      const { buildApp } = await import('../../app.ts');
      const { parseConfig } = await import('../config.ts');
      const { testSecrets } = await import('../auth/secrets.ts');
      const app = await buildApp({
        config: parseConfig({ COOKIE_SECURE: 'false', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/cadre-test', RATE_LIMIT_PER_MINUTE: '1' }),
        database: limited.database,
        secrets: testSecrets(),
        logger: false,
      });
      await app.inject({ url: '/login' });
      const page = await app.inject({ url: '/login' });
      expect(page.statusCode).toBe(429);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('lang="vi"');
      expect(page.body).toContain('Quá nhiều yêu cầu');
      const api = await app.inject({ url: '/openapi.json' });
      expect(api.statusCode).toBe(429);
      expect(api.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
      await app.close();
    } finally {
      await limited.close();
    }
  });
});

describe('errors raised before the request pipeline ran', () => {
  it('still render a translated page with lang and title (under-pressure refuses in an early hook)', async () => {
    const Fastify = (await import('fastify')).default;
    const { registerErrorHandling } = await import('./error-handler.tsx');
    const { AppError } = await import('../errors/app-error.ts');
    const app = Fastify({ logger: false });
    app.decorateRequest('t', null as never);
    app.decorateRequest('viewContext', null as never);
    app.decorateRequest('isApi', false);
    app.decorateRequest('isHtmx', false);
    registerErrorHandling(app);
    app.addHook('onRequest', async () => {
      throw new AppError('SERVICE_UNAVAILABLE');
    });
    app.get('/staff', async () => 'never');
    app.get('/api/v1/units', async () => 'never');
    const page = await app.inject({ url: '/staff' });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('<html lang="vi">');
    expect(page.body).toContain('<title>');
    expect(page.headers['retry-after']).toBe('10');
    const api = await app.inject({ url: '/api/v1/units' });
    expect(api.statusCode).toBe(503);
    expect(api.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    await app.close();
  });
});
