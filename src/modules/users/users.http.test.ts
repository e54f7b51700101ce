import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { findUserByUsername, insertUser } from '../../platform/auth/auth.repository.ts';

describe.each(testDialects())('user administration on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const admin = () => user('system_admin');
  const form = (url: string, fields: Record<string, string>, as: TestUser = admin()) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: as.cookie, 'x-csrf-token': as.csrf, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  const page = (url: string, as: TestUser = admin()) => t.app.inject({ url, headers: { cookie: as.cookie } });
  const api = (method: 'GET' | 'POST', url: string, payload?: object, as: TestUser = admin()) =>
    t.app.inject({ method, url, headers: { authorization: as.bearer }, ...(payload ? { payload } : {}) });
  const newUserForm = (over: Record<string, string> = {}) => ({
    username: 'new_officer',
    displayName: 'Nguyễn Thị Mới',
    role: 'counter_officer',
    unitId: String(t.fixture.unitA),
    password: 'quiet harbour morning',
    ...over,
  });

  it("lists the province's accounts and offers only its current communes and wards", async () => {
    const res = await page('/admin/users');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('counter_officer_a');
    expect(res.body).toContain('province_admin');
    expect(res.body).not.toContain('other_province_admin');
    expect(res.body).toContain('Xã Hòa Bình');
    expect(res.body).toContain('Phường Đông Ba');
    expect(res.body).not.toContain('Phường Cũ An Hòa');
    expect(res.body).not.toContain('Xã Tỉnh Khác');
    // No disable button on the administrator's own row.
    expect(res.body).not.toContain(`/admin/users/${admin().userId}/disable`);
    expect(res.body).toContain(`/admin/users/${user('citizen').userId}/disable`);
  });

  it('renders a creation form that posts exactly the fields its strict schema accepts', async () => {
    const html = (await page('/admin/users')).body;
    const form = /<form[^>]*action="\/admin\/users"[^>]*>(.*?)<\/form>/s.exec(html)?.[1] ?? '';
    const names = [...form.matchAll(/<(?:input|select)[^>]*\sname="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(names).toEqual(['_csrf', 'displayName', 'password', 'role', 'unitId', 'username']);
  });

  it('re-renders the creation form with translated refusals and keeps what was typed', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [newUserForm({ unitId: '' }), 400, 'Vai trò cấp xã phải gắn với một đơn vị cấp xã.'],
      [newUserForm({ username: 'counter_officer_a' }), 409, 'Tên đăng nhập đã được sử dụng.'],
      [newUserForm({ password: 'short' }), 400, 'Mật khẩu phải có ít nhất 8 ký tự.'],
      [newUserForm({ role: 'emperor' }), 400, 'Dữ liệu gửi lên không hợp lệ.'],
      [newUserForm({ username: 'bad name!' }), 400, 'Dữ liệu gửi lên không hợp lệ.'],
    ];
    for (const [fields, status, message] of cases) {
      const res = await form('/admin/users', fields);
      expect({ fields, status: res.statusCode }).toEqual({ fields, status });
      expect(res.body).toContain(message);
      expect(res.body).toContain('value="Nguyễn Thị Mới"');
      expect(res.body).not.toContain(fields.password);
    }
    expect(await findUserByUsername(t.database.db, 'new_officer')).toBeUndefined();
  });

  it("refuses a commune of another province as the new account's unit", async () => {
    const res = await form('/admin/users', newUserForm({ unitId: String(t.fixture.otherProvinceUnit) }));
    expect(res.statusCode).toBe(404);
    expect(await findUserByUsername(t.database.db, 'new_officer')).toBeUndefined();
  });

  it('creates an account, audited without the password', async () => {
    const res = await form('/admin/users', newUserForm({ username: 'New_Officer' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/users?done=created');
    const created = await findUserByUsername(t.database.db, 'new_officer');
    expect(created).toMatchObject({ role: 'counter_officer', unitId: t.fixture.unitA, provinceCode: 'T1', displayName: 'Nguyễn Thị Mới' });
    const entry = await t.database.db.selectFrom('auditLog').selectAll().where('action', '=', 'user.create').executeTakeFirstOrThrow();
    expect(entry.actorUsername).toBe('system_admin');
    expect(entry.after).toContain('new_officer');
    expect(entry.after).not.toMatch(/quiet harbour|argon|hash/i);
    expect((await page('/admin/users?done=created')).body).toContain('Đã tạo tài khoản.');
  });

  it('disabling ends the sessions at once and the tokens fail; enabling lets tokens work again', async () => {
    const victim = user('counter_officer_b');
    expect((await page('/account', victim)).statusCode).toBe(200);
    const res = await form(`/admin/users/${victim.userId}/disable`, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/users?done=disabled');
    const html = await page('/account', victim);
    expect(html.statusCode).toBe(303);
    expect(html.headers.location).toMatch(/^\/login/);
    const token = await api('GET', '/api/v1/me', undefined, victim);
    expect(token.statusCode).toBe(401);
    expect(token.json().code).toBe('AUTH_TOKEN_INVALID');
    const open = await t.database.db
      .selectFrom('sessions')
      .select('id')
      .where('userId', '=', victim.userId)
      .where('endedAt', 'is', null)
      .execute();
    expect(open).toEqual([]);
    expect((await page('/admin/users')).body).toContain('Đã khóa');

    expect((await form(`/admin/users/${victim.userId}/enable`, {})).statusCode).toBe(303);
    expect((await api('GET', '/api/v1/me', undefined, victim)).statusCode).toBe(200);
    // The ended browser session stays ended: re-enabling does not resurrect it.
    expect((await page('/account', victim)).statusCode).toBe(303);
    const actions = (await t.database.db.selectFrom('auditLog').select('action').execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['user.disable', 'user.enable']));
  });

  it('refuses to let an administrator disable themselves, with a clear message', async () => {
    const html = await form(`/admin/users/${admin().userId}/disable`, {});
    expect(html.statusCode).toBe(409);
    expect(html.body).toContain('Bạn không thể tự khóa tài khoản của chính mình.');
    const json = await api('POST', `/api/v1/users/${admin().userId}/disable`);
    expect(json.statusCode).toBe(409);
    expect(json.json()).toMatchObject({ code: 'USER_CANNOT_DISABLE_SELF', title: 'Bạn không thể tự khóa tài khoản của chính mình.' });
    expect((await page('/admin/users')).statusCode).toBe(200);
  });

  it('answers 404 for accounts of another province', async () => {
    const other = user('other_province_admin');
    expect((await form(`/admin/users/${other.userId}/disable`, {})).statusCode).toBe(404);
    expect((await api('POST', `/api/v1/users/${other.userId}/disable`)).statusCode).toBe(404);
    expect((await api('GET', '/api/v1/me', undefined, other)).statusCode).toBe(200);
  });

  it('pages the list 50 at a time', async () => {
    for (let i = 0; i < 45; i++) {
      await insertUser(
        t.database.db,
        {
          provinceCode: 'T1',
          username: `zz_bulk_${String(i).padStart(2, '0')}`,
          displayName: 'Bulk',
          passwordHash: 'x',
          role: 'province_analyst',
          unitId: null,
        },
        NOW,
      );
    }
    const first = await page('/admin/users');
    expect(first.body.match(/<tr>/g)?.length).toBe(51);
    const next = /href="\/admin\/users\?after=([^"]+)"/.exec(first.body)?.[1];
    expect(next).toBeTruthy();
    const second = await page(`/admin/users?after=${next}`);
    expect(second.body).toContain('zz_bulk_44');
    expect(second.body).not.toContain('counter_officer_a');
    expect(second.body).toContain('href="/admin/users"');

    const apiFirst = await api('GET', '/api/v1/users?limit=20');
    const body = apiFirst.json();
    expect(body.items).toHaveLength(20);
    expect(body.nextAfter).toBe(body.items[19].username);
    const apiNext = (await api('GET', `/api/v1/users?limit=20&after=${body.nextAfter}`)).json();
    expect(apiNext.items[0].username > body.nextAfter).toBe(true);
    expect(apiFirst.body).not.toMatch(/passwordHash|totpSecret|argon/);
  });

  it('creates, disables and enables accounts through the API', async () => {
    const created = await api('POST', '/api/v1/users', {
      username: 'api_analyst',
      displayName: 'API Analyst',
      role: 'province_analyst',
      password: 'velvet orchard signal',
      locale: 'en',
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ username: 'api_analyst', role: 'province_analyst', unitId: null, mfaEnabled: false, disabledAt: null });
    expect(Object.keys(body).sort()).toEqual([
      'createdAt',
      'disabledAt',
      'displayName',
      'id',
      'mfaEnabled',
      'role',
      'unitId',
      'unitName',
      'username',
    ]);
    const disabled = await api('POST', `/api/v1/users/${body.id}/disable`);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().disabledAt).toBe(NOW);
    expect((await api('POST', `/api/v1/users/${body.id}/enable`)).json().disabledAt).toBeNull();
  });

  it('validates API bodies strictly', async () => {
    const base = { username: 'api_x', displayName: 'X', role: 'province_analyst', password: 'velvet orchard signal' };
    for (const bad of [
      { ...base, role: 'citizen' },
      { ...base, isAdmin: true },
      { ...base, unitId: 'one' },
      { ...base, username: 'a' },
    ]) {
      const res = await api('POST', '/api/v1/users', bad);
      expect({ bad, status: res.statusCode }).toEqual({ bad, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const noUnit = await api('POST', '/api/v1/users', { ...base, role: 'unit_hr' });
    expect(noUnit.json().code).toBe('USER_UNIT_REQUIRED');
    expect(await findUserByUsername(t.database.db, 'api_x')).toBeUndefined();
  });
});
