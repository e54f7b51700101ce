import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, NOW, TEST_PASSWORD, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { totpCode } from './totp.ts';

/**
 * The security core end to end through HTTP: sign-in, CSRF, session rotation and
 * timeouts, throttling, TOTP enrolment and replay, Bearer tokens, cookie attributes and
 * hostile request bodies.
 */

type Jar = { cookie: string; csrf: string };

function csrfFrom(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF field on the page');
  return token;
}

function setCookie(res: LightMyRequestResponse, name: string) {
  return res.cookies.find((c) => c.name === name);
}

/** A browser's first visit: the sign-in page sets the anonymous cookie that CSRF binds to. */
async function openLoginPage(app: FastifyInstance, prefix = ''): Promise<Jar> {
  const res = await app.inject({ url: '/login' });
  const anon = setCookie(res, `${prefix}cadre_anon`);
  if (!anon) throw new Error('no anonymous cookie');
  return { cookie: `${prefix}cadre_anon=${anon.value}`, csrf: csrfFrom(res.body) };
}

async function postLogin(app: FastifyInstance, jar: Jar, username: string, password: string) {
  return app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: jar.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: jar.csrf, username, password }).toString(),
  });
}

/** Signs in and returns the session cookie plus the CSRF token of a page rendered with it. */
async function signIn(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
  prefix = '',
): Promise<Jar & { res: LightMyRequestResponse }> {
  const res = await postLogin(app, await openLoginPage(app, prefix), username, password);
  const sid = setCookie(res, `${prefix}cadre_sid`);
  if (!sid) throw new Error(`sign-in of ${username} set no session cookie (status ${res.statusCode})`);
  const cookie = `${prefix}cadre_sid=${sid.value}`;
  const next = res.headers.location ?? '/';
  const page = await app.inject({ url: next.startsWith('/login/totp') ? next : '/account', headers: { cookie } });
  return { cookie, csrf: page.statusCode === 200 ? csrfFrom(page.body) : '', res };
}

describe.each(testDialects())('security core over HTTP on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());
  afterEach(() => t.clock.set(NOW));

  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const get = (url: string, cookie: string) => t.app.inject({ url, headers: { cookie } });
  const auditCount = async (action: string) => {
    const rows = await t.database.db.selectFrom('auditLog').select('seq').where('action', '=', action).execute();
    return rows.length;
  };
  const tokenCount = async () => (await t.database.db.selectFrom('apiTokens').select('id').execute()).length;

  it('sets an anonymous cookie on the sign-in page and refuses a sign-in without the CSRF token', async () => {
    const page = await t.app.inject({ url: '/login' });
    expect(page.statusCode).toBe(200);
    const anon = setCookie(page, 'cadre_anon');
    expect(anon).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: `cadre_anon=${anon?.value}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ username: 'counter_officer_a', password: TEST_PASSWORD }).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Biểu mẫu đã hết hạn');
    expect(setCookie(res, 'cadre_sid')).toBeUndefined();
  });

  it('answers a wrong password with a translated 401 page and audits it', async () => {
    const before = await auditCount('auth.login_failed');
    const res = await postLogin(t.app, await openLoginPage(t.app), 'counter_officer_a', 'not the password');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(setCookie(res, 'cadre_sid')).toBeUndefined();
    expect(await auditCount('auth.login_failed')).toBe(before + 1);
    const en = await t.app.inject({
      method: 'POST',
      url: '/login',
      ...(await (async () => {
        const jar = await openLoginPage(t.app);
        return {
          headers: { cookie: `${jar.cookie}; cadre_lang=en`, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: jar.csrf, username: 'nobody', password: 'x' }).toString(),
        };
      })()),
    });
    expect(en.statusCode).toBe(401);
    expect(en.body).toContain('Wrong username or password.');
    const unknown = await t.database.db.selectFrom('auditLog').selectAll().where('actorUsername', '=', 'nobody').executeTakeFirstOrThrow();
    expect(unknown).toMatchObject({ action: 'auth.login_failed', provinceCode: '' });
  });

  it('issues a new session id on every sign-in and ends the previous session', async () => {
    const jar = await openLoginPage(t.app);
    const first = await postLogin(t.app, jar, 'counter_officer_a', TEST_PASSWORD);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/');
    const s1 = setCookie(first, 'cadre_sid');
    expect(s1).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(s1?.value).not.toBe(jar.cookie.split('=')[1]);
    const cookie1 = `cadre_sid=${s1?.value}`;
    const account = await get('/account', cookie1);
    expect(account.statusCode).toBe(200);

    // Signing in again from the same browser rotates the id and ends the old session.
    const again = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: cookie1, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfFrom(account.body), username: 'counter_officer_a', password: TEST_PASSWORD }).toString(),
    });
    expect(again.statusCode).toBe(303);
    const s2 = setCookie(again, 'cadre_sid');
    expect(s2?.value).toBeTruthy();
    expect(s2?.value).not.toBe(s1?.value);
    expect((await get('/account', `cadre_sid=${s2?.value}`)).statusCode).toBe(200);
    const old = await get('/account', cookie1);
    expect(old.statusCode).toBe(303);
    expect(old.headers.location).toBe('/login?next=%2Faccount');
  });

  it('locks an account after LOGIN_MAX_FAILURES failures, even for the right password, until the lock expires', async () => {
    const name = 'unit_leader_b';
    for (let i = 0; i < 5; i++) {
      expect((await postLogin(t.app, await openLoginPage(t.app), name, `wrong ${i}`)).statusCode).toBe(401);
    }
    expect(await auditCount('auth.lockout')).toBe(1);
    const locked = await postLogin(t.app, await openLoginPage(t.app), name, TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('Tài khoản tạm khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút.');
    expect(locked.headers['retry-after']).toBe('900');
    expect(setCookie(locked, 'cadre_sid')).toBeUndefined();
    expect(await auditCount('auth.login_locked')).toBe(1);

    t.clock.advanceMs(15 * 60_000 + 1000);
    expect((await postLogin(t.app, await openLoginPage(t.app), name, TEST_PASSWORD)).statusCode).toBe(303);
  });

  it('sends administrators through TOTP enrolment, then refuses a replayed code', async () => {
    const pending = await signIn(t.app, 'system_admin');
    expect(pending.res.statusCode).toBe(303);
    expect(pending.res.headers.location).toBe('/login/totp/enrol');
    for (const url of ['/account', '/admin/users', '/audit']) {
      const res = await get(url, pending.cookie);
      expect({ url, status: res.statusCode, to: res.headers.location }).toEqual({ url, status: 303, to: '/login/totp/enrol' });
    }
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: pending.cookie } })).statusCode).toBe(401);

    const enrolPage = await get('/login/totp/enrol', pending.cookie);
    expect(enrolPage.statusCode).toBe(200);
    expect(enrolPage.body).toContain('<svg');
    const secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec(enrolPage.body)?.[1] ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const code = totpCode(secret, t.clock.now());
    const postCode = (url: string, jar: Jar, c: string) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: jar.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: jar.csrf, code: c }).toString(),
      });
    expect((await postCode('/login/totp/enrol', pending, '000000')).statusCode).toBe(401);
    const enrolled = await postCode('/login/totp/enrol', pending, code);
    expect(enrolled.statusCode).toBe(303);
    const active = setCookie(enrolled, 'cadre_sid');
    expect(active?.value).not.toBe(pending.cookie.split('=')[1]);
    const activeCookie = `cadre_sid=${active?.value}`;
    expect((await get('/admin/users', activeCookie)).statusCode).toBe(200);
    // The pending session was replaced: its cookie is now just a signed-out browser.
    const stale = await get('/login/totp/enrol', pending.cookie);
    expect(stale.statusCode).toBe(303);
    expect(stale.headers.location).toMatch(/^\/login\?next=/);
    expect(await auditCount('auth.mfa_enrolled')).toBe(1);

    // Next sign-in asks for a code; the one used for enrolment cannot be replayed.
    const second = await signIn(t.app, 'system_admin');
    expect(second.res.headers.location).toBe('/login/totp');
    const replay = await postCode('/login/totp', second, code);
    expect(replay.statusCode).toBe(401);
    expect(replay.body).toContain('Mã xác thực không đúng hoặc đã hết hạn.');
    expect(await auditCount('auth.mfa_failed')).toBeGreaterThanOrEqual(1);
    t.clock.advanceMs(30_000);
    const fresh = await postCode('/login/totp', second, totpCode(secret, t.clock.now()));
    expect(fresh.statusCode).toBe(303);
    expect((await get('/admin/users', `cadre_sid=${setCookie(fresh, 'cadre_sid')?.value}`)).statusCode).toBe(200);
  });

  it('ends a session after SESSION_IDLE_MINUTES without requests, but not while it is used', async () => {
    const s = await signIn(t.app, 'counter_officer_a');
    for (let i = 0; i < 3; i++) {
      t.clock.advanceMs(20 * 60_000);
      expect((await get('/account', s.cookie)).statusCode).toBe(200);
    }
    t.clock.advanceMs(30 * 60_000);
    const res = await get('/account', s.cookie);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  it('logs out for real: the old cookie no longer works', async () => {
    const s = await signIn(t.app, 'field_specialist_a');
    const res = await t.app.inject({
      method: 'POST',
      url: '/logout',
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: s.csrf }).toString(),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login');
    expect(setCookie(res, 'cadre_sid')?.value).toBe('');
    expect((await get('/account', s.cookie)).statusCode).toBe(303);
    expect(await auditCount('auth.logout')).toBe(1);
  });

  it('disabling an account ends its sessions and its tokens get 401', async () => {
    const victim = user('unit_hr_b');
    const s = await signIn(t.app, 'unit_hr_b');
    expect((await get('/account', s.cookie)).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${victim.userId}/disable`,
      headers: { authorization: user('system_admin').bearer },
    });
    expect(res.statusCode).toBe(200);
    expect((await get('/account', s.cookie)).statusCode).toBe(303);
    expect((await get('/account', victim.cookie)).statusCode).toBe(303);
    const api = await t.app.inject({ url: '/api/v1/me', headers: { authorization: victim.bearer } });
    expect(api.statusCode).toBe(401);
    expect(api.json().code).toBe('AUTH_TOKEN_INVALID');
    expect((await postLogin(t.app, await openLoginPage(t.app), 'unit_hr_b', TEST_PASSWORD)).statusCode).toBe(401);
  });

  it('accepts a valid Bearer token and refuses revoked or malformed ones with problem+json', async () => {
    const owner = user('counter_officer_b');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { authorization: owner.bearer },
      payload: { name: 'ci' },
    });
    const token = created.json().token as string;
    expect((await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${created.json().id}`,
      headers: { authorization: owner.bearer },
    });
    expect(del.statusCode).toBe(204);
    const revoked = await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.headers['content-type']).toContain('application/problem+json');
    expect(revoked.json()).toMatchObject({ status: 401, code: 'AUTH_TOKEN_INVALID', type: '/docs/errors#error-AUTH_TOKEN_INVALID' });
    for (const header of ['Bearer', 'Basic dXNlcjpwYXNz', `Bearer ${token} extra`, 'Bearer not_a_cadre_token', `${token}`]) {
      const res = await t.app.inject({ url: '/api/v1/me', headers: { authorization: header } });
      expect({ header, status: res.statusCode, code: res.json().code }).toEqual({ header, status: 401, code: 'AUTH_TOKEN_INVALID' });
    }
  });

  it('requires X-CSRF-Token for API writes made with a session cookie', async () => {
    const u = user('unit_leader_a');
    const before = await tokenCount();
    const bare = await t.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: { cookie: u.cookie }, payload: { name: 'x' } });
    expect(bare.statusCode).toBe(403);
    expect(bare.json().code).toBe('CSRF_INVALID');
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: u.cookie, 'x-csrf-token': user('unit_leader_b').csrf },
      payload: { name: 'x' },
    });
    expect(foreign.statusCode).toBe(403);
    expect(await tokenCount()).toBe(before);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: u.cookie, 'x-csrf-token': u.csrf },
      payload: { name: 'x' },
    });
    expect(ok.statusCode).toBe(201);
  });

  describe('hostile request bodies get a clear 4xx problem+json and change nothing', () => {
    const cases: { name: string; contentType: string; payload: string | Buffer; status: number; code: string }[] = [
      { name: 'malformed JSON', contentType: 'application/json', payload: '{"name": "x",', status: 400, code: 'MALFORMED_JSON' },
      { name: 'empty JSON body', contentType: 'application/json', payload: '', status: 400, code: 'MALFORMED_JSON' },
      { name: 'wrong type', contentType: 'application/json', payload: '{"name": 42}', status: 400, code: 'VALIDATION_FAILED' },
      {
        name: 'wrong type (days)',
        contentType: 'application/json',
        payload: '{"name": "x", "expiresInDays": "7"}',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'unknown field',
        contentType: 'application/json',
        payload: '{"name": "x", "role": "system_admin"}',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      { name: 'array body', contentType: 'application/json', payload: '[{"name": "x"}]', status: 400, code: 'VALIDATION_FAILED' },
      {
        name: 'oversized body',
        contentType: 'application/json',
        payload: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }),
        status: 413,
        code: 'BODY_TOO_LARGE',
      },
      {
        name: 'invalid UTF-8',
        contentType: 'application/json',
        payload: Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]),
        status: 400,
        code: 'BAD_ENCODING',
      },
      {
        name: 'latin-1 charset',
        contentType: 'application/json; charset=iso-8859-1',
        payload: '{"name": "x"}',
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
      },
      {
        name: '__proto__ key',
        contentType: 'application/json',
        payload: '{"name": "x", "__proto__": {"isAdmin": true}}',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      {
        name: 'constructor key',
        contentType: 'application/json',
        payload: '{"name": "x", "constructor": {"prototype": {}}}',
        status: 400,
        code: 'VALIDATION_FAILED',
      },
      { name: 'text/plain', contentType: 'text/plain', payload: 'name=x', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
      { name: 'XML', contentType: 'application/xml', payload: '<name>x</name>', status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const before = await tokenCount();
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/tokens',
          headers: { authorization: user('province_analyst').bearer, 'content-type': c.contentType },
          payload: c.payload,
        });
        expect(res.statusCode).toBe(c.status);
        expect(res.headers['content-type']).toContain('application/problem+json');
        const body = res.json();
        expect(body).toMatchObject({ status: c.status, code: c.code });
        expect(body.title.length).toBeGreaterThan(5);
        expect(body.detail.length).toBeGreaterThan(5);
        expect(res.body).not.toMatch(/\bat .+\.(ts|js):\d+|stack|SQLITE|syntax error at|select |insert into/i);
        expect(await tokenCount()).toBe(before);
        expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      });
    }
  });

  it('answers an unexpected failure with a bare 500: no stack trace, no SQL', async () => {
    const db = t.database.db;
    await sql`alter table api_tokens rename to api_tokens_gone`.execute(db);
    try {
      const api = await t.app.inject({ url: '/api/v1/me', headers: { authorization: user('province_analyst').bearer } });
      const html = await get('/account', user('province_analyst').cookie);
      for (const res of [api, html]) {
        expect(res.statusCode).toBe(500);
        expect(res.body).not.toMatch(/api_tokens|select |sqlite|relation "|no such table|\.ts:\d+|stack/i);
      }
      expect(api.json()).toMatchObject({ status: 500, code: 'INTERNAL', correlationId: api.headers['x-request-id'] });
      expect(html.body).toContain('Đã xảy ra lỗi hệ thống');
    } finally {
      await sql`alter table api_tokens_gone rename to api_tokens`.execute(db);
    }
  });
});

describe.each(testDialects())('session limits and cookie attributes on %s', (dialect) => {
  it('ends a session SESSION_ABSOLUTE_HOURS after sign-in even while it is used', async () => {
    const t = await buildTestApp(dialect, { SESSION_ABSOLUTE_HOURS: '1' });
    try {
      const s = await signIn(t.app, 'counter_officer_a');
      for (let i = 0; i < 2; i++) {
        t.clock.advanceMs(25 * 60_000);
        expect((await t.app.inject({ url: '/account', headers: { cookie: s.cookie } })).statusCode).toBe(200);
      }
      t.clock.advanceMs(10 * 60_000);
      const res = await t.app.inject({ url: '/account', headers: { cookie: s.cookie } });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toMatch(/^\/login/);
    } finally {
      await t.close();
    }
  });

  it('with COOKIE_SECURE uses __Host- cookies that are Secure, HttpOnly, SameSite=Lax and Path=/', async () => {
    const t = await buildTestApp(dialect, { COOKIE_SECURE: 'true' });
    try {
      const s = await signIn(t.app, 'counter_officer_a', TEST_PASSWORD, '__Host-');
      expect(s.res.statusCode).toBe(303);
      const sid = setCookie(s.res, '__Host-cadre_sid');
      expect(sid).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(sid?.domain).toBeUndefined();
      expect(setCookie(s.res, 'cadre_sid')).toBeUndefined();
      expect((await t.app.inject({ url: '/account', headers: { cookie: s.cookie } })).statusCode).toBe(200);
      // The plain name is ignored when secure cookies are on.
      expect((await t.app.inject({ url: '/account', headers: { cookie: s.cookie.replace('__Host-', '') } })).statusCode).toBe(303);
    } finally {
      await t.close();
    }
  });
});
