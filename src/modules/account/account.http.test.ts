import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { findUserById } from '../../platform/auth/auth.repository.ts';
import { type AuthDeps, startSession } from '../../platform/auth/auth.service.ts';
import { testSecrets } from '../../platform/auth/secrets.ts';
import { totpCode } from '../../platform/auth/totp.ts';
import { csrfTokenFor } from '../../platform/http/csrf.ts';

type Session = { cookie: string; csrf: string };

describe.each(testDialects())('my account on %s', (dialect) => {
  let t: TestApp;
  let authDeps: AuthDeps;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    authDeps = {
      db: t.database.db,
      clock: t.clock,
      secrets: testSecrets(),
      settings: { sessionIdleMinutes: 30, sessionAbsoluteHours: 12, mfaEnforceAll: false, loginMaxFailures: 5, loginLockMinutes: 15 },
    };
  });
  afterAll(async () => t?.close());

  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };

  /** A second, independent browser session for a fixture user. */
  async function newSession(name: string): Promise<Session> {
    const record = await findUserById(t.database.db, user(name).userId);
    if (!record) throw new Error('user vanished');
    const s = await startSession(authDeps, record, 'active', { ip: null, userAgent: 'test' });
    return { cookie: `cadre_sid=${s.token}`, csrf: csrfTokenFor(testSecrets().csrfKey, s.sessionId) };
  }

  const form = (s: Session, url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const page = (s: Session, url: string) => t.app.inject({ url, headers: { cookie: s.cookie } });
  const api = (bearer: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: bearer }, ...(payload ? { payload } : {}) });

  async function auditActions(): Promise<string[]> {
    const rows = await t.database.db.selectFrom('auditLog').select('action').orderBy('seq').execute();
    return rows.map((r) => r.action);
  }

  it('shows the profile, the second-factor state and the token list', async () => {
    const res = await page(user('counter_officer_a'), '/account');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('counter_officer_a');
    expect(res.body).toContain('Xã Hòa Bình');
    expect(res.body).toContain('Chưa bật');
    expect(res.body).toContain('href="/account/totp"');
    expect(res.body).toContain('cadre_pat_test_');
    expect((await page(user('province_analyst'), '/account')).body).toContain('Cấp tỉnh');
  });

  it('renders forms that post exactly the fields their strict schemas accept', async () => {
    const html = (await page(user('counter_officer_a'), '/account')).body;
    const fieldsOf = (action: string) => {
      const form = new RegExp(`<form[^>]*action="${action}"[^>]*>(.*?)</form>`, 's').exec(html)?.[1] ?? '';
      return [...form.matchAll(/<(?:input|select)[^>]*\sname="([^"]+)"/g)].map((m) => m[1]).sort();
    };
    expect(fieldsOf('/account/password')).toEqual(['_csrf', 'confirm', 'current', 'next']);
    expect(fieldsOf('/account/tokens')).toEqual(['_csrf', 'expiresInDays', 'name']);
    expect(fieldsOf('/account/locale')).toEqual(['_csrf', 'locale']);
  });

  it('re-renders the password form with a translated message on every refusal', async () => {
    const s = user('field_specialist_a');
    const cases: [Record<string, string>, string][] = [
      [{ current: 'wrong password', next: 'a brand new secret', confirm: 'a brand new secret' }, 'Mật khẩu hiện tại không đúng.'],
      [{ current: TEST_PASSWORD, next: 'a brand new secret', confirm: 'another secret' }, 'Mật khẩu nhập lại không khớp.'],
      [{ current: TEST_PASSWORD, next: 'short', confirm: 'short' }, 'Mật khẩu phải có ít nhất 8 ký tự.'],
      [{ current: TEST_PASSWORD, next: 'password123', confirm: 'password123' }, 'Mật khẩu này quá phổ biến'],
    ];
    for (const [fields, message] of cases) {
      const res = await form(s, '/account/password', fields);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain(message);
      expect(res.body).toContain('action="/account/password"');
    }
  });

  it('changes the password, keeps this session and ends the others', async () => {
    const other = await newSession('field_specialist_b');
    const current = user('field_specialist_b');
    expect((await page(other, '/account')).statusCode).toBe(200);
    const res = await form(current, '/account/password', {
      current: TEST_PASSWORD,
      next: 'river stone lantern',
      confirm: 'river stone lantern',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/account?done=password');
    expect((await page(current, '/account?done=password')).body).toContain('Đã đổi mật khẩu');
    const ended = await page(other, '/account');
    expect(ended.statusCode).toBe(303);
    expect(ended.headers.location).toMatch(/^\/login/);
    expect(await auditActions()).toContain('user.password_change');
  });

  it('turns on TOTP only with a valid code and never twice', async () => {
    const s = user('unit_leader_a');
    const enrol = await page(s, '/account/totp');
    expect(enrol.statusCode).toBe(200);
    const secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec(enrol.body)?.[1];
    expect(secret).toBeTruthy();
    const wrong = await form(s, '/account/totp', { code: '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Mã xác thực không đúng');
    // The same pending secret is shown again after a wrong code.
    expect(wrong.body).toContain(secret);
    const ok = await form(s, '/account/totp', { code: totpCode(secret ?? '', t.clock.now()) });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/account?done=totp');
    const after = await page(s, '/account');
    expect(after.body).toContain('Đang bật');
    expect(after.body).not.toContain('href="/account/totp"');
    // Visiting the enrolment page again must not replace the working secret.
    expect((await page(s, '/account/totp')).statusCode).toBe(303);
    const record = await findUserById(t.database.db, s.userId);
    expect(record?.totpEnabled).toBe(true);
    expect(record?.totpLastStep).not.toBeNull();
    expect(await auditActions()).toContain('auth.mfa_enrolled');

    // The next sign-in asks for a code, and the one that proved enrolment is spent.
    const loginPage = await t.app.inject({ url: '/login' });
    const anon = `cadre_anon=${loginPage.cookies.find((c) => c.name === 'cadre_anon')?.value}`;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(loginPage.body)?.[1] ?? '';
    const login = await form({ cookie: anon, csrf }, '/login', { username: 'unit_leader_a', password: TEST_PASSWORD });
    expect(login.headers.location).toBe('/login/totp');
    const pending = `cadre_sid=${login.cookies.find((c) => c.name === 'cadre_sid')?.value}`;
    const totpPage = await page({ cookie: pending, csrf: '' }, '/login/totp');
    const pendingCsrf = /name="_csrf" value="([^"]+)"/.exec(totpPage.body)?.[1] ?? '';
    const replay = await form({ cookie: pending, csrf: pendingCsrf }, '/login/totp', { code: totpCode(secret ?? '', t.clock.now()) });
    expect(replay.statusCode).toBe(401);
  });

  it('creates a token shown once, which then authenticates and can be revoked', async () => {
    const s = user('unit_hr_a');
    const res = await form(s, '/account/tokens', { name: 'HR sync', expiresInDays: '' });
    expect(res.statusCode).toBe(200);
    const token = /<code class="secret" id="new-token">(cadre_pat_[A-Za-z0-9_-]+)<\/code>/.exec(res.body)?.[1];
    expect(token).toBeTruthy();
    const bearer = `Bearer ${token}`;
    expect((await api(bearer, 'GET', '/api/v1/me')).json().username).toBe('unit_hr_a');
    // Not shown again, and only its hash is stored.
    expect((await page(s, '/account')).body).not.toContain(token);
    const stored = await t.database.db
      .selectFrom('apiTokens')
      .select(['tokenHash', 'id'])
      .where('name', '=', 'HR sync')
      .executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(token?.slice(10));
    const revoke = await form(s, `/account/tokens/${stored.id}/revoke`, {});
    expect(revoke.statusCode).toBe(303);
    expect((await api(bearer, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await page(s, '/account?done=revoked')).body).toContain('Đã thu hồi mã truy cập.');
  });

  it('refuses an empty token name inside the form', async () => {
    const res = await form(user('unit_hr_a'), '/account/tokens', { name: '  ' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Dữ liệu gửi lên không hợp lệ.');
  });

  it("answers 404 for another user's token and leaves it working", async () => {
    const victim = user('unit_hr_b');
    const row = await t.database.db.selectFrom('apiTokens').select('id').where('userId', '=', victim.userId).executeTakeFirstOrThrow();
    const html = await form(user('unit_hr_a'), `/account/tokens/${row.id}/revoke`, {});
    expect(html.statusCode).toBe(404);
    const json = await api(user('unit_hr_a').bearer, 'DELETE', `/api/v1/tokens/${row.id}`);
    expect(json.statusCode).toBe(404);
    expect(json.json().code).toBe('TOKEN_NOT_FOUND');
    expect((await api(victim.bearer, 'GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('answers /api/v1/me without hashes or secrets', async () => {
    const res = await api(user('counter_officer_a').bearer, 'GET', '/api/v1/me');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      username: 'counter_officer_a',
      displayName: 'Test counter_officer_a',
      role: 'counter_officer',
      provinceCode: 'T1',
      unitId: t.fixture.unitA,
      locale: 'vi',
      mfaEnabled: false,
    });
    expect(res.body).not.toMatch(/hash|secret|argon/i);
  });

  it('creates, lists, expires and deletes tokens through the API', async () => {
    const u = user('counter_officer_b');
    const created = await api(u.bearer, 'POST', '/api/v1/tokens', { name: 'nightly export', expiresInDays: 1 });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.token).toMatch(/^cadre_pat_/);
    expect(body.token.startsWith(body.prefix)).toBe(true);
    expect(body).toMatchObject({ name: 'nightly export', status: 'active', revokedAt: null });
    const list = await api(u.bearer, 'GET', '/api/v1/tokens');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(body.token);
    expect(list.body).not.toMatch(/tokenHash|"token"/);
    expect(list.json().items.map((i: { name: string }) => i.name)).toEqual(['nightly export', 'test']);
    expect((await api(`Bearer ${body.token}`, 'GET', '/api/v1/me')).statusCode).toBe(200);

    t.clock.advanceMs(2 * 86_400_000);
    try {
      expect((await api(`Bearer ${body.token}`, 'GET', '/api/v1/me')).statusCode).toBe(401);
      const expired = (await api(u.bearer, 'GET', '/api/v1/tokens')).json().items.find((i: { id: number }) => i.id === body.id);
      expect(expired.status).toBe('expired');
    } finally {
      t.clock.advanceMs(-2 * 86_400_000);
    }
    const del = await api(u.bearer, 'DELETE', `/api/v1/tokens/${body.id}`);
    expect(del.statusCode).toBe(204);
    expect(del.body).toBe('');
    const revoked = (await api(u.bearer, 'GET', '/api/v1/tokens')).json().items.find((i: { id: number }) => i.id === body.id);
    expect(revoked.status).toBe('revoked');
    expect(await auditActions()).toEqual(expect.arrayContaining(['token.create', 'token.revoke']));
  });

  it('saves the display language and uses it', async () => {
    const s = user('province_analyst');
    const res = await form(s, '/account/locale', { locale: 'en' });
    expect(res.statusCode).toBe(303);
    expect(res.cookies.find((c) => c.name === 'cadre_lang')?.value).toBe('en');
    expect((await findUserById(t.database.db, s.userId))?.locale).toBe('en');
    // Without the cookie (another browser) the saved preference applies.
    const other = await newSession('province_analyst');
    const shown = await page(other, '/account?done=locale');
    expect(shown.body).toContain('lang="en"');
    expect(shown.body).toContain('Display language saved.');
    expect((await form(s, '/account/locale', { locale: 'fr' })).statusCode).toBe(400);
  });
});
