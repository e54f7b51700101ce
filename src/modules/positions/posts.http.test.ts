import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { writeFramework } from '../competencies/use-cases/versions.ts';
import { interimFramework } from './interim-catalogue.ts';
import { seedPostsAndPlacements } from './use-cases/placement.ts';

/**
 * Editing posts per unit and position (issue 4 §2). The interim catalogue is in force; unit A
 * has LD.03 (1 post, held by staffA) and CM.05 (2 posts, none held), as has unit B.
 */
describe.each(testDialects())('posts per unit over HTTP on %s', (dialect) => {
  let t: TestApp;
  let unitA: number;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const url = (code: string, unitId = unitA) => `/api/v1/units/${unitId}/position-posts/${code}`;
  const put = (name: string, path: string, payload: unknown, lang?: string) =>
    t.app.inject({
      method: 'PUT',
      url: path,
      headers: {
        authorization: user(name).bearer,
        'content-type': 'application/json',
        ...(lang ? { 'accept-language': lang, cookie: `cadre_lang=${lang}` } : {}),
      },
      payload: JSON.stringify(payload),
    });
  const del = (name: string, path: string) => t.app.inject({ method: 'DELETE', url: path, headers: { authorization: user(name).bearer } });
  const posts = async (unitId = unitA) =>
    t.database.db
      .selectFrom('positionPosts')
      .select(['positionCode', 'posts', 'updatedAt'])
      .where('unitId', '=', unitId)
      .orderBy('positionCode')
      .execute();
  const audits = async () =>
    (
      await t.database.db
        .selectFrom('auditLog')
        .select(['action', 'entityType', 'entityId', 'before', 'after', 'actorUsername'])
        .where('action', 'like', 'position.posts.%')
        .orderBy('seq')
        .execute()
    ).map((a) => ({ ...a, before: a.before && JSON.parse(a.before), after: a.after && JSON.parse(a.after) }));
  const line = async (code: string, unitId = unitA) => {
    const res = await t.app.inject({
      url: `/api/v1/positions/units/${unitId}/vacancies`,
      headers: { authorization: user('province_admin').bearer },
    });
    return res.json().lines.find((l: { positionCode: string }) => l.positionCode === code);
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    unitA = t.fixture.unitA;
    const v1 = (await writeFramework(t.database.db, 'T1', interimFramework(), 'PUBLISHED', NOW, null)).id;
    await seedPostsAndPlacements(
      t.database.db,
      'T1',
      v1,
      {
        postsFor: () => ({ 'LD.03': 1, 'CM.05': 2 }),
        positionFor: (title) => (title === 'Trưởng phòng Kinh tế' ? 'LD.03' : null),
        defaultStart: '2025-07-01',
      },
      NOW,
    );
  });
  afterAll(async () => t?.close());

  describe('API', () => {
    it('sets posts for a position the unit had none for, audited with before and after', async () => {
      const res = await put('province_admin', url('CM.18'), { posts: 2 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        unitId: unitA,
        unitName: 'Xã Hòa Bình',
        positionCode: 'CM.18',
        positionName: expect.any(String),
        posts: 2,
        holders: 0,
        vacant: 2,
        over: 0,
        status: 'VACANT',
        updatedAt: NOW,
      });
      expect(await line('CM.18')).toMatchObject({ posts: 2, vacant: 2, status: 'VACANT', updatedAt: NOW });
      expect((await audits()).at(-1)).toEqual({
        action: 'position.posts.set',
        entityType: 'position_posts',
        entityId: `${unitA}/CM.18`,
        before: null,
        after: { posts: 2, updatedAt: NOW },
        actorUsername: 'province_admin',
      });
    });

    it('changes posts and recomputes the status: 0 posts for a held position is outside the plan, 1 is filled', async () => {
      const zero = await put('system_admin', url('LD.03'), { posts: 0 });
      expect(zero.statusCode).toBe(200);
      expect(zero.json()).toMatchObject({ posts: 0, holders: 1, vacant: 0, over: 1, status: 'NOT_PLANNED' });
      // The fixed test clock does not move: the stamp still changes, so a reader of the old one is refused.
      const stamp = zero.json().updatedAt as string;
      expect(stamp).not.toBe(NOW);
      expect((await audits()).at(-1)).toMatchObject({
        action: 'position.posts.set',
        before: { posts: 1, updatedAt: NOW },
        after: { posts: 0, updatedAt: stamp },
      });
      const three = await put('province_admin', url('LD.03'), { posts: 3, expectedUpdatedAt: stamp });
      expect(three.statusCode).toBe(200);
      expect(three.json()).toMatchObject({ posts: 3, holders: 1, vacant: 2, status: 'VACANT' });
      const one = await put('province_admin', url('LD.03'), { posts: 1, expectedUpdatedAt: three.json().updatedAt });
      expect(one.json()).toMatchObject({ posts: 1, holders: 1, vacant: 0, over: 0, status: 'FILLED' });
    });

    it('refuses a stale expectedUpdatedAt with 409 and changes nothing', async () => {
      const before = await posts();
      const count = (await audits()).length;
      const res = await put('province_admin', url('LD.03'), { posts: 7, expectedUpdatedAt: NOW });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('VERSION_CONFLICT');
      // A line the caller believes exists but does not is a conflict too.
      const missing = await put('province_admin', url('CM.20'), { posts: 1, expectedUpdatedAt: NOW });
      expect(missing.statusCode).toBe(409);
      expect(await posts()).toEqual(before);
      expect(await audits()).toHaveLength(count);
    });

    it('clears posts back to not set; clearing again changes and audits nothing', async () => {
      const res = await del('province_admin', url('CM.18'));
      expect(res.statusCode).toBe(204);
      expect(await line('CM.18')).toBeUndefined();
      expect((await posts()).map((p) => p.positionCode)).not.toContain('CM.18');
      expect((await audits()).at(-1)).toMatchObject({
        action: 'position.posts.clear',
        entityId: `${unitA}/CM.18`,
        before: { posts: 2, updatedAt: NOW },
        after: null,
      });
      const count = (await audits()).length;
      expect((await del('province_admin', url('CM.18'))).statusCode).toBe(204);
      expect(await audits()).toHaveLength(count);
      const stale = await del('province_admin', `${url('CM.18')}?expectedUpdatedAt=${encodeURIComponent(NOW)}`);
      expect(stale.statusCode).toBe(409);
    });

    it('clears a held position: its holders are then outside the plan', async () => {
      const current = await line('LD.03');
      const res = await del('province_admin', `${url('LD.03')}?expectedUpdatedAt=${encodeURIComponent(current.updatedAt)}`);
      expect(res.statusCode).toBe(204);
      expect(await line('LD.03')).toMatchObject({ posts: 0, holders: 1, over: 1, status: 'NOT_PLANNED', updatedAt: null });
      expect((await put('province_admin', url('LD.03'), { posts: 1 })).statusCode).toBe(200);
    });

    it('refuses bad values with 400 and nothing written', async () => {
      const before = await posts();
      const count = (await audits()).length;
      for (const body of [
        { posts: -1 },
        { posts: 1000 },
        { posts: 1.5 },
        { posts: '3' },
        { posts: null },
        {},
        { posts: 1, extra: true },
        { posts: 1, expectedUpdatedAt: 'yesterday' },
      ]) {
        const res = await put('province_admin', url('CM.05'), body);
        expect({ body, status: res.statusCode }).toEqual({ body, status: 400 });
        expect(res.json().code).toBe('VALIDATION_FAILED');
      }
      expect((await put('province_admin', url('CM 05'), { posts: 1 })).statusCode).toBe(400);
      expect((await put('province_admin', url('X'.repeat(40)), { posts: 1 })).statusCode).toBe(400);
      expect(await posts()).toEqual(before);
      expect(await audits()).toHaveLength(count);
    });

    it('refuses a code outside the catalogue in force with a translated 422, and writes nothing', async () => {
      const before = await posts();
      const count = (await audits()).length;
      const vi = await put('province_admin', url('ZZ.99'), { posts: 1 });
      expect(vi.statusCode).toBe(422);
      expect(vi.headers['content-type']).toMatch(/problem\+json/);
      expect(vi.json()).toMatchObject({
        code: 'POSITION_NOT_IN_CATALOGUE',
        title: 'Mã vị trí ZZ.99 không có trong danh mục vị trí việc làm đang có hiệu lực.',
      });
      const en = await put('province_admin', url('ZZ.99'), { posts: 1 }, 'en');
      expect(en.json().title).toBe('Position code ZZ.99 is not in the job-position catalogue in force.');
      expect(await posts()).toEqual(before);
      expect(await audits()).toHaveLength(count);
    });

    it('answers 404 for another province’s administrator and for an unknown unit, and writes nothing', async () => {
      const before = await posts();
      const count = (await audits()).length;
      const other = await put('other_province_admin', url('CM.05'), { posts: 9 });
      expect(other.statusCode).toBe(404);
      expect((await del('other_province_admin', url('CM.05'))).statusCode).toBe(404);
      const bulk = await put('other_province_admin', `/api/v1/units/${unitA}/position-posts`, {
        items: [{ positionCode: 'CM.05', posts: 9 }],
      });
      expect(bulk.statusCode).toBe(404);
      const unknown = await put('province_admin', url('CM.05', 99_999), { posts: 1 });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('UNIT_NOT_FOUND');
      // Unit roles may read their posts but not change them.
      expect((await put('unit_hr_a', url('CM.05'), { posts: 9 })).statusCode).toBe(403);
      expect(await posts()).toEqual(before);
      expect(await audits()).toHaveLength(count);
    });

    it('sets several positions at once, or none when one is wrong', async () => {
      const bulkUrl = `/api/v1/units/${t.fixture.unitB}/position-posts`;
      const before = await posts(t.fixture.unitB);
      const count = (await audits()).length;
      const unknown = await put('province_admin', bulkUrl, {
        items: [
          { positionCode: 'CM.05', posts: 4 },
          { positionCode: 'ZZ.99', posts: 1 },
        ],
      });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().errors).toEqual([{ path: 'items.1.positionCode', message: 'POSITION_NOT_IN_CATALOGUE' }]);
      const dup = await put('province_admin', bulkUrl, {
        items: [
          { positionCode: 'CM.05', posts: 4 },
          { positionCode: 'CM.05', posts: 5 },
        ],
      });
      expect(dup.statusCode).toBe(400);
      expect((await put('province_admin', bulkUrl, { items: [] })).statusCode).toBe(400);
      expect(await posts(t.fixture.unitB)).toEqual(before);
      expect(await audits()).toHaveLength(count);

      const ok = await put('province_admin', bulkUrl, {
        items: [
          { positionCode: 'CM.05', posts: 4 },
          { positionCode: 'CM.18', posts: 1 },
        ],
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().lines).toEqual([
        expect.objectContaining({ positionCode: 'LD.03', posts: 1 }),
        expect.objectContaining({ positionCode: 'CM.05', posts: 4, vacant: 4, status: 'VACANT' }),
        expect.objectContaining({ positionCode: 'CM.18', posts: 1, vacant: 1, status: 'VACANT', updatedAt: NOW }),
      ]);
      const entries = await audits();
      expect(entries).toHaveLength(count + 1);
      expect(entries.at(-1)).toMatchObject({
        action: 'position.posts.bulk',
        entityId: String(t.fixture.unitB),
        before: [{ positionCode: 'CM.05', posts: 2, updatedAt: NOW }],
        after: [
          { positionCode: 'CM.05', posts: 4, updatedAt: expect.any(String) },
          { positionCode: 'CM.18', posts: 1, updatedAt: NOW },
        ],
      });
    });

    it('documents the new endpoints', async () => {
      const doc = (await t.app.inject({ url: '/openapi.json' })).json();
      expect(Object.keys(doc.paths['/api/v1/units/{unitId}/position-posts/{positionCode}'])).toEqual(
        expect.arrayContaining(['put', 'delete']),
      );
      expect(doc.paths['/api/v1/units/{unitId}/position-posts/{positionCode}'].put.responses).toHaveProperty('422');
      expect(Object.keys(doc.paths['/api/v1/units/{unitId}/position-posts'])).toEqual(['put']);
    });
  });

  describe('unit page', () => {
    const page = (name: string, path = `/positions/units/${unitA}`) => t.app.inject({ url: path, headers: { cookie: user(name).cookie } });
    const post = (form: Record<string, string>, htmx = false, name = 'province_admin') =>
      t.app.inject({
        method: 'POST',
        url: `/positions/units/${unitA}/posts`,
        headers: {
          cookie: user(name).cookie,
          'content-type': 'application/x-www-form-urlencoded',
          ...(htmx ? { 'hx-request': 'true' } : {}),
        },
        payload: new URLSearchParams({ _csrf: user(name).csrf, ...form }).toString(),
      });

    it('shows the posts forms to managers only', async () => {
      const reader = await page('unit_hr_a');
      expect(reader.statusCode).toBe(200);
      expect(reader.body).toContain('<code>CM.05</code>');
      expect(reader.body).not.toContain('name="posts"');
      const manager = await page('province_admin');
      expect(manager.body).toContain('<label for="posts-CM.05">Số vị trí CM.05</label>');
      expect(manager.body).toMatch(/<input id="posts-CM\.05" name="posts" type="number"[^>]*value="2"/);
      // The add form offers positions in force that have no line yet, not those that have one.
      expect(manager.body).toContain('<option value="CM.18">');
      expect(manager.body).not.toContain('<option value="CM.05">');
      // Another day's view is read-only: posts are set against today's catalogue and holders.
      expect((await page('province_admin', `/positions/units/${unitA}?asOf=2026-01-01`)).body).not.toContain('name="posts"');
    });

    it('saves a row without JavaScript: redirect, notice, recomputed status', async () => {
      const res = await post({ positionCode: 'CM.05', posts: '0' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/positions/units/${unitA}?saved=CM.05#row-CM.05`);
      const after = await page('province_admin', res.headers.location as string);
      expect(after.body).toContain('Đã lưu số vị trí CM.05.');
      expect(await line('CM.05')).toMatchObject({ posts: 0, holders: 0, vacant: 0 });
      const add = await post({ positionCode: 'CM.20', posts: '1' });
      expect(add.statusCode).toBe(303);
      expect(await line('CM.20')).toMatchObject({ posts: 1, vacant: 1, status: 'VACANT' });
    });

    it('swaps the row for htmx with the status recomputed', async () => {
      const res = await post({ positionCode: 'LD.03', posts: '0' }, true);
      expect(res.statusCode).toBe(200);
      expect(res.body.startsWith('<tr id="row-LD.03">')).toBe(true);
      expect(res.body).toContain('<strong>Ngoài số lượng được giao</strong>');
      expect(res.body).toContain('Đã lưu số vị trí LD.03.');
      expect(res.body).not.toContain('<html');
      const stamp = (await line('LD.03')).updatedAt as string;
      expect(res.body).toContain(`name="expectedUpdatedAt" value="${stamp}"`);
      const back = await post({ positionCode: 'LD.03', posts: '1', expectedUpdatedAt: stamp }, true);
      expect(back.body).toContain('>Đủ<');
    });

    it('keeps a refused value in place with a translated error, and writes nothing', async () => {
      const before = await posts();
      const count = (await audits()).length;
      const page400 = await post({ positionCode: 'CM.05', posts: '-3' });
      expect(page400.statusCode).toBe(400);
      expect(page400.body).toContain('<!doctype html>');
      expect(page400.body).toMatch(/<input id="posts-CM\.05"[^>]*value="-3"[^>]*aria-invalid="true"/);
      expect(page400.body).toContain('Số vị trí phải là số nguyên từ 0 đến 999.');
      const frag = await post({ positionCode: 'CM.05', posts: '12.5' }, true);
      expect(frag.statusCode).toBe(400);
      expect(frag.body.startsWith('<tr id="row-CM.05">')).toBe(true);
      expect(frag.body).toContain('value="12.5"');
      expect(frag.body).toContain('role="alert">Số vị trí phải là số nguyên từ 0 đến 999.');
      const stale = await post({ positionCode: 'CM.05', posts: '5', expectedUpdatedAt: '2020-01-01T00:00:00.000Z' }, true);
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('Dữ liệu đã được người khác thay đổi');
      const unknown = await post({ positionCode: 'ZZ.99', posts: '1' });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.body).toMatch(/id="add-posts-error" class="alert error" role="alert">Mã vị trí ZZ\.99 không có/);
      expect(await posts()).toEqual(before);
      expect(await audits()).toHaveLength(count);
    });

    it('clears a row from the form', async () => {
      const stamp = (await line('CM.20')).updatedAt as string;
      const res = await post({ positionCode: 'CM.20', posts: '', expectedUpdatedAt: stamp, action: 'clear' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/positions/units/${unitA}?cleared=CM.20#row-CM.20`);
      expect(await line('CM.20')).toBeUndefined();
    });

    it('refuses the form to readers and to another province', async () => {
      expect((await post({ positionCode: 'CM.05', posts: '1' }, false, 'unit_hr_a')).statusCode).toBe(403);
      expect((await post({ positionCode: 'CM.05', posts: '1' }, false, 'other_province_admin')).statusCode).toBe(404);
    });
  });
});
