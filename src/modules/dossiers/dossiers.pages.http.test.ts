import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { DOSSIER_PROCEDURES, seedDossierProcedures } from '../../../test/support/dossier-builders.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../test/support/fixture.ts';

describe.each(testDialects())('dossier pages on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedDossierProcedures(t.database.db);
  });
  afterAll(async () => t?.close());

  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const page = (name: string, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ url, headers: { cookie: user(name).cookie, ...headers } });
  const post = (name: string, url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user(name).cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, _csrf: user(name).csrf }).toString(),
    });
  const count = async () => (await t.database.db.selectFrom('dossiers').select('id').execute()).length;
  const form = (over: Record<string, string> = {}) => ({
    procedureCode: DOSSIER_PROCEDURES.commune,
    competentUnitId: String(t.fixture.unitA),
    channel: 'IN_PERSON',
    applicantName: 'Trương Thị Hạnh',
    applicantIdNumber: '',
    applicantPhone: '0905123123',
    applicantEmail: '',
    applicantAddress: '',
    summary: '',
    ...over,
  });

  it('offers the procedures in force grouped by field, and the province’s communes', async () => {
    const res = await page('counter_officer_b', '/dossiers/new');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<optgroup label="Hộ kinh doanh">');
    expect(res.body).toContain(`value="${DOSSIER_PROCEDURES.essential}"`);
    expect(res.body).toContain('Xã Hòa Bình');
    expect(res.body).not.toContain('Xã Tỉnh Khác');
  });

  it('re-renders the form with translated field errors and the values typed, creating nothing', async () => {
    const before = await count();
    const res = await post('counter_officer_a', '/dossiers/new', form({ applicantName: '', summary: 'Giữ lại nội dung này' }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#dossier-applicantName"');
    expect(res.body).toContain('Giữ lại nội dung này');
    const essential = await post('counter_officer_a', '/dossiers/new', form({ procedureCode: DOSSIER_PROCEDURES.essential }));
    expect(essential.statusCode).toBe(422);
    expect(essential.body).toContain('dịch vụ công thiết yếu');
    expect(essential.body).toContain('href="#dossier-procedureCode"');
    expect(await count()).toBe(before);
  });

  it('receives a dossier and shows its code, due date and timeline', async () => {
    const res = await post('counter_officer_a', '/dossiers/new', form());
    expect(res.statusCode).toBe(303);
    const location = res.headers.location as string;
    expect(location).toMatch(/^\/dossiers\/\d+\?received=1$/);
    const detail = await page('counter_officer_a', location);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('10001-260302-0001');
    expect(detail.body).toContain('05/03/2026 17:00');
    expect(detail.body).toContain('Tiếp nhận hồ sơ');
    const list = await page('counter_officer_a', '/dossiers?q=truong%20thi%20hanh', { 'hx-request': 'true' });
    expect(list.body).toContain('10001-260302-0001');
    expect(list.body).not.toContain('<html');
  });

  it('takes an online submission from an anonymous visitor, and the competent counter accepts it on the page', async () => {
    const first = await t.app.inject({ url: '/submit' });
    expect(first.statusCode).toBe(200);
    expect(first.body).not.toContain(`value="${DOSSIER_PROCEDURES.offline}"`);
    const anon = first.cookies.find((c) => c.name === 'cadre_anon');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(first.body)?.[1];
    if (!anon || !csrf) throw new Error('no anonymous session on the public form');
    const fields = {
      procedureCode: DOSSIER_PROCEDURES.commune,
      competentUnitId: String(t.fixture.unitA),
      applicantName: 'Đinh Công Minh',
      applicantPhone: '0912000111',
      _csrf: csrf,
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/submit',
      headers: { cookie: `cadre_anon=${anon.value}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
    expect(res.statusCode).toBe(201);
    const code = /Mã hồ sơ: ([0-9A-Z.-]+?)\. /.exec(res.body)?.[1];
    expect(code).toMatch(/^10001-260302-\d{4}$/);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/submit',
      headers: { cookie: `cadre_anon=${anon.value}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, _csrf: 'forged' }).toString(),
    });
    expect(forged.statusCode).toBe(403);

    const row = await t.database.db
      .selectFrom('dossiers')
      .select('id')
      .where('code', '=', code ?? '')
      .executeTakeFirstOrThrow();
    const detailB = await page('counter_officer_b', `/dossiers/${row.id}`);
    expect(detailB.statusCode).toBe(404);
    const detailA = await page('counter_officer_a', `/dossiers/${row.id}`);
    expect(detailA.body).toContain(`action="/dossiers/${row.id}/accept"`);
    const accepted = await post('counter_officer_a', `/dossiers/${row.id}/accept`, { version: '1' });
    expect(accepted.statusCode).toBe(303);
    const after = await page('counter_officer_a', `/dossiers/${row.id}`);
    expect(after.body).not.toContain(`action="/dossiers/${row.id}/accept"`);
    expect(after.body).toContain('05/03/2026 17:00');
    const again = await post('counter_officer_a', `/dossiers/${row.id}/refuse`, { version: '2', reason: 'Muộn' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('không còn chờ tiếp nhận');
  });
});
