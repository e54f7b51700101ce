import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, type TestApp } from '../../../test/support/fixture.ts';

/** The analytic reads wait for a slot of the bulkhead and are refused cleanly when none frees in time. */
describe.each(testDialects())('heavy reads bulkhead on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect, { HEAVY_READS_CONCURRENCY: '1', HEAVY_READS_MAX_WAIT_MS: '50' });
  });
  afterAll(async () => t?.close());

  const asAnalyst = (url: string) => t.app.inject({ url, headers: { authorization: t.fixture.users.province_analyst?.bearer ?? '' } });

  it('answers 503 with Retry-After to the overview and scorecard while the slots are taken, serves other requests, then serves them', async () => {
    const release = await t.app.heavyReads.acquire();
    if (release === false) throw new Error('no slot');
    try {
      for (const url of [
        '/api/v1/overview?period=month&year=2026&month=2',
        '/api/v1/scorecards/766?unit=province&from=2026-02-01&to=2026-02-28',
      ]) {
        const refused = await asAnalyst(url);
        expect(refused.statusCode).toBe(503);
        expect(refused.headers['content-type']).toContain('application/problem+json');
        expect(refused.headers['retry-after']).toBe('10');
        expect(refused.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      }
      const page = await t.app.inject({
        url: '/overview?period=month&year=2026&month=2',
        headers: { cookie: t.fixture.users.province_analyst?.cookie ?? '', accept: 'text/html' },
      });
      expect(page.statusCode).toBe(503);
      expect(page.headers['content-type']).toContain('text/html');
      // Not behind the bulkhead: served at once.
      expect((await asAnalyst('/api/v1/units')).statusCode).toBe(200);
      expect(t.app.heavyReads.waiting).toBe(0);
    } finally {
      release();
    }
    expect((await asAnalyst('/api/v1/overview?period=month&year=2026&month=2')).statusCode).toBe(200);
    expect(t.app.heavyReads.running).toBe(0);
  });
});
