import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { intakeBody, seedDossierProcedures, setDossierStatus } from '../../../test/support/dossier-builders.ts';
import { buildTestApp, NOW, type TestApp } from '../../../test/support/fixture.ts';

type Json = Record<string, unknown>;
const APPLICANT = { name: 'Trần Thị Hồng Nhung', id: '046190001234', phone: '0905111222', email: 'nhung@example.vn', address: '12 Lê Lợi' };

describe.each(testDialects())('public tracking and ratings on %s', (dialect) => {
  let t: TestApp;
  let open: { id: number; code: string };
  let ip = 0;
  /** Each test gets its own client address, so the per-IP limit of one test does not spill into another. */
  const nextIp = () => `10.0.0.${++ip}`;

  const receive = async (over: Json = {}) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { authorization: t.fixture.users.counter_officer_a?.bearer ?? '' },
      payload: intakeBody(t.fixture.unitA, over),
    });
    expect(res.statusCode).toBe(201);
    const body = res.json() as { id: number; code: string };
    return { id: body.id, code: body.code };
  };
  const returned = async () => {
    const d = await receive();
    await setDossierStatus(t.database.db, d.id, 10, '2026-03-02T04:00:00.000Z');
    return d;
  };
  const track = (code: string, phone4: string, remoteAddress: string) =>
    t.app.inject({ method: 'GET', url: `/track?code=${encodeURIComponent(code)}&phone4=${phone4}`, remoteAddress });
  const trackApi = (code: string, phone4: string, remoteAddress: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/public/track?code=${encodeURIComponent(code)}&phone4=${phone4}`, remoteAddress });
  const ratePublic = (payload: Json, remoteAddress = nextIp()) =>
    t.app.inject({ method: 'POST', url: '/api/v1/public/ratings', payload, remoteAddress });

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedDossierProcedures(t.database.db);
    open = await receive();
  });
  afterAll(async () => t?.close());

  it('shows status, timeline and due date, no-store, under 30 KB, without the applicant’s personal data', async () => {
    const res = await track(open.code.toLowerCase(), '1222', nextIp());
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.rawPayload.length).toBeLessThanOrEqual(30 * 1024);
    expect(res.body).toContain(open.code);
    expect(res.body).toContain('<dd>Được tiếp nhận</dd>');
    expect(res.body).toMatch(/\d{2}\/\d{2}\/2026/);
    for (const personal of Object.values(APPLICANT)) expect(res.body).not.toContain(personal);
    expect(res.body).not.toContain('name="a.OVERALL"');
  });

  it('answers a wrong phone ending exactly like an unknown code, on the page and in the API', async () => {
    const wrongPhone = await track(open.code, '9999', nextIp());
    const unknown = await track('NOPE-260302-0001', '1222', nextIp());
    expect(wrongPhone.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const alert = (html: string) => /role="alert">\s*<p>([^<]+)</.exec(html)?.[1];
    expect(alert(wrongPhone.body)).toBeTruthy();
    expect(alert(wrongPhone.body)).toBe(alert(unknown.body));
    const a = await trackApi(open.code, '9999', nextIp());
    const b = await trackApi('NOPE-260302-0001', '1222', nextIp());
    const strip = (j: Json) => ({ ...j, correlationId: undefined });
    expect(a.statusCode).toBe(404);
    expect(strip(a.json())).toEqual(strip(b.json()));
    expect(a.json()).toMatchObject({ code: 'TRACKING_NOT_FOUND' });
  });

  it('returns the same view as JSON, with no personal fields', async () => {
    const res = await trackApi(open.code, '1222', nextIp());
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toMatchObject({ code: open.code, status: 2, apologySlip: null, rating: { canRate: false, rated: false } });
    expect(body.dueAt).toEqual(expect.any(String));
    expect(body.timeline.length).toBeGreaterThan(0);
    for (const personal of Object.values(APPLICANT)) expect(res.body).not.toContain(personal);
  });

  it('shows the latest apology slip’s new date and reason', async () => {
    const d = await receive();
    const officer = t.fixture.users.counter_officer_a;
    if (!officer) throw new Error('fixture user missing');
    const slip = (newDueAt: string, reason: string, issuedAt: string) => ({
      provinceCode: 'T1',
      dossierId: d.id,
      reason,
      previousDueAt: '2026-03-05T10:00:00.000Z',
      newDueAt,
      issuedAt,
      issuedBy: officer.userId,
      channel: 'COUNTER',
      recipient: null,
      deliveredAt: null,
      deliveryError: null,
    });
    await t.database.db
      .insertInto('apologySlips')
      .values([
        slip('2026-03-09T10:00:00.000Z', 'Chờ xác minh lần một', '2026-03-04T02:00:00.000Z'),
        slip('2026-03-12T10:00:00.000Z', 'Chờ ý kiến cơ quan thuế', '2026-03-04T03:00:00.000Z'),
      ])
      .execute();
    const res = await trackApi(d.code, '1222', nextIp());
    expect(res.json()).toMatchObject({ apologySlip: { newDueAt: '2026-03-12T10:00:00.000Z', reason: 'Chờ ý kiến cơ quan thuế' } });
    const page = await track(d.code, '1222', nextIp());
    expect(page.body).toContain('12/03/2026 17:00');
    expect(page.body).toContain('Chờ ý kiến cơ quan thuế');
  });

  it('limits failed look-ups per client address (429, translated), across codes', async () => {
    const addr = nextIp();
    for (let i = 0; i < 10; i++) expect((await trackApi(`NOPE-${i}`, '0000', addr)).statusCode).toBe(404);
    const blocked = await trackApi(open.code, '1222', addr);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'TRACKING_RATE_LIMITED' });
    const page = await t.app.inject({
      method: 'GET',
      url: `/track?code=${open.code}&phone4=1222`,
      remoteAddress: addr,
      headers: { cookie: 'cadre_lang=en' },
    });
    expect(page.statusCode).toBe(429);
    expect(page.body).toContain('Too many failed look-ups');
    expect((await trackApi(open.code, '1222', nextIp())).statusCode).toBe(200);
  });

  it('limits failed look-ups per dossier code across addresses, and the window passes', async () => {
    const target = await receive();
    for (let i = 0; i < 10; i++) expect((await trackApi(target.code, String(1000 + i), nextIp())).statusCode).toBe(404);
    expect((await trackApi(target.code, '1222', nextIp())).statusCode).toBe(429);
    t.clock.advanceMs(16 * 60_000);
    try {
      expect((await trackApi(target.code, '1222', nextIp())).statusCode).toBe(200);
    } finally {
      t.clock.set(NOW);
    }
  });

  it('refuses a rating before the result is returned', async () => {
    const res = await ratePublic({ code: open.code, phone4: '1222', answers: { OVERALL: 'SATISFIED' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'RATING_NOT_ALLOWED' });
  });

  it('takes one rating per returned dossier: invalid criterion or level 400, second 409, audited', async () => {
    const d = await returned();
    const page = await track(d.code, '1222', nextIp());
    expect(page.body).toContain('name="a.OVERALL"');
    expect(page.body).toContain('name="a.ONLINE_SERVICE"');
    expect(page.rawPayload.length).toBeLessThanOrEqual(30 * 1024);

    const bad = await ratePublic({ code: d.code, phone4: '1222', answers: { SPEED: 'SATISFIED' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'RATING_INVALID', errors: [{ path: 'answers.SPEED' }] });
    expect((await ratePublic({ code: d.code, phone4: '1222', answers: { OVERALL: 'GREAT' } })).statusCode).toBe(400);

    const ok = await ratePublic({
      code: d.code,
      phone4: '1222',
      answers: { OVERALL: 'VERY_SATISFIED', STAFF_ATTITUDE: 'UNSATISFIED' },
      comment: 'Nhanh',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ dossierCode: d.code, channel: 'TRACKING_PAGE', answers: { OVERALL: 'VERY_SATISFIED' } });
    const again = await ratePublic({ code: d.code, phone4: '1222', answers: { OVERALL: 'SATISFIED' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'RATING_ALREADY_GIVEN' });

    const rows = await t.database.db.selectFrom('dossierRatings').selectAll().where('dossierId', '=', d.id).execute();
    expect(rows).toHaveLength(1);
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'entityType'])
      .where('action', '=', 'dossier.rate')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
    const after = await trackApi(d.code, '1222', nextIp());
    expect(after.json()).toMatchObject({ rating: { canRate: false, rated: true } });
  });

  it('rates from the tracking page without JavaScript (form post with the anonymous CSRF token)', async () => {
    const d = await returned();
    const page = await track(d.code, '1222', nextIp());
    const anon = page.cookies.find((c) => c.name === 'cadre_anon');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!anon || !csrf) throw new Error('no anonymous session on the tracking page');
    const res = await t.app.inject({
      method: 'POST',
      url: '/track/rating',
      remoteAddress: nextIp(),
      headers: { cookie: `cadre_anon=${anon.value}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, code: d.code, phone4: '1222', 'a.OVERALL': 'SATISFIED', comment: '' }).toString(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Cảm ơn ông/bà đã đánh giá.');
    expect(res.body).not.toContain('name="a.OVERALL"');
  });

  it('lets the competent unit’s counter record a rating on the tablet, and only that unit', async () => {
    const d = await returned();
    const officerA = t.fixture.users.counter_officer_a;
    const officerB = t.fixture.users.counter_officer_b;
    if (!officerA || !officerB) throw new Error('fixture users missing');
    const pageB = await t.app.inject({ method: 'GET', url: `/dossiers/${d.id}/rating`, headers: { cookie: officerB.cookie } });
    expect(pageB.statusCode).toBe(404);
    const pageA = await t.app.inject({ method: 'GET', url: `/dossiers/${d.id}/rating`, headers: { cookie: officerA.cookie } });
    expect(pageA.statusCode).toBe(200);
    expect(pageA.body).toContain('name="a.OVERALL"');
    const viaB = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/rating`,
      headers: { authorization: officerB.bearer },
      payload: { answers: { OVERALL: 'SATISFIED' } },
    });
    expect(viaB.statusCode).toBe(404);
    const viaA = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/rating`,
      headers: { authorization: officerA.bearer },
      payload: { answers: { OVERALL: 'SATISFIED' } },
    });
    expect(viaA.statusCode).toBe(201);
    expect(viaA.json()).toMatchObject({ channel: 'COUNTER_TABLET' });
    const row = await t.database.db
      .selectFrom('dossierRatings')
      .select('createdBy')
      .where('dossierId', '=', d.id)
      .executeTakeFirstOrThrow();
    expect(row.createdBy).toBe(officerA.userId);
    const notYet = await t.app.inject({ method: 'GET', url: `/dossiers/${open.id}/rating`, headers: { cookie: officerA.cookie } });
    expect(notYet.body).toContain('Chỉ đánh giá được sau khi đã trả kết quả hồ sơ.');
  });
});
