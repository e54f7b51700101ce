import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { auditEvent } from '../../platform/audit/audited.ts';

describe.each(testDialects())('audit log browser on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const db = t.database.db;
    const at = (iso: string) => ({ actor: null, requestId: null, at: iso });
    // Day 1 (Vietnam time 01/03/2026), day 2 (02/03/2026), plus other provinces and no province.
    await auditEvent(
      db,
      { ...at('2026-03-01T02:00:00.000Z'), provinceCode: 'T1', username: 'counter_officer_a' },
      'auth.login_failed',
      'user',
      '1',
    );
    await auditEvent(db, { ...at('2026-03-01T16:59:00.000Z'), provinceCode: 'T1', username: 'unit_hr_a' }, 'staff.update', 'staff', '42', {
      rank: 'chuyên viên',
    });
    await auditEvent(db, { ...at('2026-03-02T03:00:00.000Z'), provinceCode: '', username: 'ghost' }, 'auth.login_failed', 'user', null, {
      reason: 'unknown_user',
    });
    await auditEvent(
      db,
      { ...at('2026-03-02T03:00:00.000Z'), provinceCode: 'T2', username: 'other_province_admin' },
      'token.create',
      'api_token',
      '7',
    );
  });
  afterAll(async () => t?.close());

  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const page = (url: string, as = 'province_admin', headers: Record<string, string> = {}) =>
    t.app.inject({ url, headers: { cookie: user(as).cookie, ...headers } });
  const api = async (url: string, as = 'province_admin') => {
    const res = await t.app.inject({ url, headers: { authorization: user(as).bearer } });
    return { res, body: res.json() };
  };
  const actions = (body: { items: { action: string; provinceCode: string }[] }) => body.items.map((i) => `${i.provinceCode}:${i.action}`);

  it("shows each reader their province's entries only; system admins also see entries with no province", async () => {
    expect(actions((await api('/api/v1/audit')).body)).toEqual(['T1:staff.update', 'T1:auth.login_failed']);
    expect(actions((await api('/api/v1/audit', 'system_admin')).body)).toEqual([
      ':auth.login_failed',
      'T1:staff.update',
      'T1:auth.login_failed',
    ]);
    expect(actions((await api('/api/v1/audit', 'other_province_admin')).body)).toEqual(['T2:token.create']);
    const html = await page('/audit');
    expect(html.statusCode).toBe(200);
    expect(html.body).not.toContain('ghost');
    expect((await page('/audit', 'system_admin')).body).toContain('ghost');
  });

  it('shows Vietnam times as dd/mm/yyyy HH:mm and before/after in a details element', async () => {
    const html = (await page('/audit')).body;
    expect(html).toContain('01/03/2026 09:00');
    expect(html).toContain('01/03/2026 23:59');
    expect(html).toMatch(/<details><summary>[^<]+<\/summary><pre>\{\n &quot;rank&quot;: &quot;chuyên viên&quot;\n\}<\/pre><\/details>/);
    expect(html).toContain('scope="col"');
  });

  it('filters by action, entity, actor and dates (dd/mm/yyyy or ISO, Vietnam days)', async () => {
    const q = async (query: string) => actions((await api(`/api/v1/audit?${query}`, 'system_admin')).body);
    expect(await q('action=auth.login_failed')).toEqual([':auth.login_failed', 'T1:auth.login_failed']);
    expect(await q('entityType=staff&entityId=42')).toEqual(['T1:staff.update']);
    expect(await q('actor=UNIT_HR_A')).toEqual(['T1:staff.update']);
    // 16:59Z on 1 March is 23:59 in Vietnam: still the 1st.
    expect(await q('from=01/03/2026&to=01/03/2026')).toEqual(['T1:staff.update', 'T1:auth.login_failed']);
    expect(await q('from=2026-03-02')).toEqual([':auth.login_failed']);
    expect(await q('to=2026-03-01T02:00:00Z')).toEqual(['T1:auth.login_failed']);
    expect(await q('action=&actor=&from=')).toHaveLength(3);
  });

  it('refuses malformed dates: 400 page, 400 problem+json, and a swappable fragment for htmx', async () => {
    const html = await page('/audit?from=31/02/2026');
    expect(html.statusCode).toBe(400);
    expect(html.body).toContain('Ngày không hợp lệ');
    expect(html.body).toContain('value="31/02/2026"');
    const { res, body } = await api('/api/v1/audit?to=tomorrow');
    expect(res.statusCode).toBe(400);
    expect(body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'to' }] });
    const fragment = await page('/audit?from=nope', 'province_admin', { 'hx-request': 'true' });
    expect(fragment.statusCode).toBe(200);
    expect(fragment.body.startsWith('<div id="audit-results">')).toBe(true);
    expect(fragment.body).toContain('Ngày không hợp lệ');
  });

  it('answers htmx requests with the results fragment only', async () => {
    const res = await page('/audit?action=staff.update', 'province_admin', { 'hx-request': 'true' });
    expect(res.statusCode).toBe(200);
    expect(res.body.startsWith('<div id="audit-results">')).toBe(true);
    expect(res.body).not.toContain('<html');
    expect(res.body).toContain('staff.update');
    expect(res.body).not.toContain('auth.login_failed');
    expect((await page('/audit')).body).toContain('hx-target="#audit-results"');
  });

  it('pages newest first, 50 at a time, with an "older" link (keyset on seq)', async () => {
    for (let i = 1; i <= 55; i++) {
      await auditEvent(
        t.database.db,
        { actor: null, username: 'bulk', requestId: null, at: '2026-03-03T01:00:00.000Z', provinceCode: 'T1' },
        'bulk.event',
        'thing',
        String(i),
      );
    }
    const first = await api('/api/v1/audit?action=bulk.event');
    expect(first.body.items).toHaveLength(50);
    expect(first.body.items[0].entityId).toBe('55');
    expect(first.body.items[49].entityId).toBe('6');
    expect(first.body.nextBefore).toBe(first.body.items[49].seq);
    const second = await api(`/api/v1/audit?action=bulk.event&before=${first.body.nextBefore}`);
    expect(second.body.items.map((i: { entityId: string }) => i.entityId)).toEqual(['5', '4', '3', '2', '1']);
    expect(second.body.nextBefore).toBeNull();

    const html = await page('/audit?action=bulk.event');
    const older = /href="(\/audit\?action=bulk.event&amp;before=\d+)"/.exec(html.body)?.[1];
    expect(older).toBeTruthy();
    const olderPage = await page((older ?? '').replaceAll('&amp;', '&'));
    expect(olderPage.body).toContain('thing #5');
    expect(olderPage.body).not.toContain('thing #6<');
    expect(Buffer.byteLength(html.body)).toBeLessThan(50 * 1024);
  });

  it('returns before/after as JSON values and never the chain hashes', async () => {
    const { body, res } = await api('/api/v1/audit?action=staff.update');
    expect(body.items[0]).toMatchObject({
      action: 'staff.update',
      before: null,
      after: { rank: 'chuyên viên' },
      actorUsername: 'unit_hr_a',
    });
    expect(res.body).not.toMatch(/prevHash|"hash"/);
  });
});
