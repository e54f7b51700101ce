import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { procedureBody, procedureForm, versionBody } from './procedures.fixtures.ts';
import { seedProcedureCatalogue } from './seed-catalogue.ts';
import { getProcedureInForce } from './use-cases/procedure-in-force.ts';

type Json = Record<string, unknown>;

describe.each(testDialects())('procedures over HTTP on %s', (dialect) => {
  let t: TestApp;
  let seeded: number;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    seeded = (await seedProcedureCatalogue(t.database.db, 'T1', '2026-03-01T00:00:00.000Z')).inserted;
  });
  afterAll(async () => t?.close());

  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (
    name: string,
    url: string,
    method: 'GET' | 'POST' | 'PUT' = 'GET',
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: user(name).bearer, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const page = (name: string, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ url, headers: { cookie: user(name).cookie, ...headers } });
  const post = (name: string, url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user(name).cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, _csrf: user(name).csrf }).toString(),
    });
  const count = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('procedures')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const audits = (action: string) =>
    t.database.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('seq', 'desc').execute();
  const idOf = async (code: string) =>
    ((await api('province_analyst', `/api/v1/procedures?q=${encodeURIComponent(code)}`)).json().items as Json[])[0]?.id as number;

  describe('GET /api/v1/procedures', () => {
    it('lists the catalogue in force today, in Vietnamese alphabetical order, 50 per page', async () => {
      const res = await api('counter_officer_b', '/api/v1/procedures');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ total: seeded, page: 1, pageSize: 50, inForceOn: '2026-03-02' });
      expect(body.items).toHaveLength(50);
      const names = (body.items as Json[]).map((p) => p.nameVi as string);
      expect(names).toEqual([...names].sort(new Intl.Collator('vi').compare));
      // "Cấp" sorts after "Cải"… and đ after d: a byte order would put "Đăng" last.
      expect(names.indexOf('Đăng ký khai sinh')).toBeGreaterThan(names.findIndex((n) => n.startsWith('D') || n.startsWith('C')));
      const birth = (body.items as Json[]).find((p) => p.nationalCode === '1.001193');
      expect(birth).toEqual({
        id: expect.any(Number),
        nationalCode: '1.001193',
        nameVi: 'Đăng ký khai sinh',
        nameEn: 'Birth registration',
        field: 'CIVIL_STATUS',
        competentLevel: 'COMMUNE',
        timeLimitAmount: 0,
        timeLimitUnit: 'IMMEDIATE',
        fee: 0,
        onlineLevel: 'FULL',
        paperResult: true,
        essentialService: false,
        effectiveFrom: '2025-07-01',
        effectiveTo: null,
      });
      const page2 = (await api('counter_officer_b', '/api/v1/procedures?page=2')).json();
      expect(page2.items).toHaveLength(seeded - 50);
    });

    it('filters by field, online level, date and a search without diacritics', async () => {
      const land = (await api('province_analyst', '/api/v1/procedures?field=LAND')).json();
      expect(land.total).toBe(4);
      expect((land.items as Json[]).every((p) => p.field === 'LAND')).toBe(true);
      const none = (await api('province_analyst', '/api/v1/procedures?onlineLevel=NONE')).json();
      expect((none.items as Json[]).every((p) => p.onlineLevel === 'NONE')).toBe(true);
      const q = (await api('province_analyst', `/api/v1/procedures?q=${encodeURIComponent('giay phep xay dung nha o')}`)).json();
      expect((q.items as Json[]).map((p) => p.nationalCode)).toEqual(['DEMO.XD.05', 'DEMO.XD.01', 'DEMO.XD.04', 'DEMO.XD.03']);
      expect((await api('province_analyst', '/api/v1/procedures?inForceOn=2025-06-30')).json().total).toBe(0);
      const other = (await api('other_province_admin', '/api/v1/procedures')).json();
      expect(other.total).toBe(0);
    });

    it('refuses a malformed date or page size with problem+json', async () => {
      for (const qs of ['inForceOn=30/06/2025', 'pageSize=101', 'field=SPACE']) {
        const res = await api('province_analyst', `/api/v1/procedures?${qs}`);
        expect({ qs, status: res.statusCode }).toEqual({ qs, status: 400 });
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    });
  });

  describe('GET /api/v1/procedures/:id', () => {
    it('returns documents, workflow with roles, and the version history', async () => {
      const id = await idOf('DEMO.HKD.01');
      const res = await api('field_specialist_a', `/api/v1/procedures/${id}`);
      expect(res.statusCode).toBe(200);
      const p = res.json();
      expect(p).toMatchObject({
        id,
        nationalCode: 'DEMO.HKD.01',
        timeLimitAmount: 3,
        timeLimitUnit: 'WORKING_DAYS',
        version: 1,
        isLatest: true,
      });
      expect(p.workflow.map((s: Json) => [s.code, s.roles])).toEqual([
        ['RECEIVE', ['counter_officer']],
        ['SPECIALIST', ['field_specialist']],
        ['LEADER_APPROVAL', ['unit_leader']],
        ['RETURN', ['counter_officer']],
      ]);
      expect(p.requiredDocuments[0]).toMatchObject({ copies: 1, originalRequired: true });
      expect(p.sourceTag).toBe('NC');
      expect(p.history).toEqual([
        { id, effectiveFrom: '2025-07-01', effectiveTo: null, timeLimitAmount: 3, timeLimitUnit: 'WORKING_DAYS', fee: 100_000 },
      ]);
    });

    it('answers 404 for another province’s procedure and a missing one alike', async () => {
      const id = await idOf('DEMO.HKD.01');
      for (const [who, target] of [
        ['other_province_admin', id],
        ['province_admin', 999_999],
      ] as const) {
        const res = await api(who, `/api/v1/procedures/${target}`);
        expect({ who, status: res.statusCode, code: res.json().code }).toEqual({ who, status: 404, code: 'PROCEDURE_NOT_FOUND' });
      }
    });
  });

  describe('POST /api/v1/procedures', () => {
    it('creates a procedure, answers 201 with its location, and audits it', async () => {
      const res = await api('province_admin', '/api/v1/procedures', 'POST', procedureBody('HTTP.1', { effectiveFrom: '2026-01-01' }));
      expect(res.statusCode).toBe(201);
      const p = res.json();
      expect(res.headers.location).toBe(`/api/v1/procedures/${p.id}`);
      expect(p).toMatchObject({ nationalCode: 'HTTP.1', fee: 100_000, effectiveFrom: '2026-01-01', version: 1, isLatest: true });
      const [entry] = await audits('procedure.create');
      expect(entry).toMatchObject({ actorUsername: 'province_admin', entityType: 'procedure', entityId: String(p.id), provinceCode: 'T1' });
      expect(JSON.parse(entry?.after ?? '{}')).toMatchObject({ nationalCode: 'HTTP.1', fee: 100_000, effectiveFrom: '2026-01-01' });
      const found = (await api('counter_officer_a', '/api/v1/procedures?q=http.1')).json();
      expect((found.items as Json[]).map((x) => x.id)).toEqual([p.id]);
    });

    it('defaults the effective date to today in Vietnam', async () => {
      const res = await api('system_admin', '/api/v1/procedures', 'POST', procedureBody('HTTP.2'));
      expect(res.json().effectiveFrom).toBe('2026-03-02');
    });

    it('refuses a code already in the catalogue with 409', async () => {
      const before = await count();
      const res = await api('province_admin', '/api/v1/procedures', 'POST', procedureBody('1.001193'));
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'PROCEDURE_CODE_TAKEN' });
      expect(res.json().title).toContain('1.001193');
      expect(await count()).toBe(before);
    });

    const wf = procedureBody('X.1').workflow as Json[];
    const invalid: [string, Json, string][] = [
      ['time limit 0 in working days', { timeLimitAmount: 0 }, 'timeLimitAmount'],
      [
        'same-day with an amount',
        { timeLimitUnit: 'IMMEDIATE', timeLimitAmount: 3, workflow: wf.map(({ workingDays: _, ...s }) => s) },
        'timeLimitAmount',
      ],
      ['negative fee', { fee: -1 }, 'fee'],
      ['workflow not starting with RECEIVE', { workflow: wf.slice(1) }, 'workflow.0.code'],
      ['workflow not ending with RETURN', { workflow: wf.slice(0, 3) }, 'workflow.2.code'],
      ['step without a role', { workflow: wf.map((s, i) => (i === 1 ? { ...s, roles: [] } : s)) }, 'workflow.1.roles'],
      ['citizen as a step role', { workflow: wf.map((s, i) => (i === 1 ? { ...s, roles: ['citizen'] } : s)) }, 'workflow.1.roles'],
      ['essential service not fully online', { essentialService: true, onlineLevel: 'PARTIAL' }, 'onlineLevel'],
      ['unknown top-level field', { nameSearch: 'x' }, ''],
      ['unknown step field', { workflow: wf.map((s, i) => (i === 0 ? { ...s, deadline: 3 } : s)) }, 'workflow.0'],
      ['fee as text', { fee: 'free' }, 'fee'],
      ['unknown field code', { field: 'SPACE' }, 'field'],
      ['missing name', { nameVi: undefined }, 'nameVi'],
      ['bad code', { nationalCode: 'birth registration' }, 'nationalCode'],
      ['bad date', { effectiveFrom: '01/07/2025' }, 'effectiveFrom'],
    ];
    it.each(invalid)('refuses %s with 400, a translated field problem, and changes nothing', async (_what, over, path) => {
      const [before, auditsBefore] = [await count(), (await audits('procedure.create')).length];
      const res = await api('province_admin', '/api/v1/procedures', 'POST', procedureBody('HTTP.BAD', over));
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json();
      expect(body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, title: 'Dữ liệu gửi lên không hợp lệ.' });
      expect(body.errors.map((e: Json) => e.path)).toContain(path);
      expect(body.errors.every((e: Json) => typeof e.message === 'string' && (e.message as string).length > 5)).toBe(true);
      expect(await count()).toBe(before);
      expect((await audits('procedure.create')).length).toBe(auditsBefore);
    });

    it('lists several problems at once, in the caller’s language', async () => {
      const body = procedureBody('HTTP.BAD', { fee: -5, timeLimitAmount: 0, workflow: [] });
      const vi = (await api('province_admin', '/api/v1/procedures', 'POST', body)).json();
      expect(vi.errors).toEqual([
        { path: 'timeLimitAmount', message: 'Thời hạn giải quyết phải lớn hơn 0 (trừ thủ tục giải quyết trong ngày).' },
        { path: 'fee', message: 'Phí, lệ phí không được âm.' },
        { path: 'workflow', message: 'Quy trình phải có ít nhất hai bước: Tiếp nhận hồ sơ và Trả kết quả.' },
      ]);
      const en = (await api('province_admin', '/api/v1/procedures', 'POST', body, { cookie: 'cadre_lang=en' })).json();
      expect(en.errors[1]).toEqual({ path: 'fee', message: 'The fee cannot be negative.' });
      const zodVi = (await api('province_admin', '/api/v1/procedures', 'POST', procedureBody('HTTP.BAD', { fee: 'free' }))).json();
      expect(zodVi.errors[0].message).toContain('mong đợi số');
      const missing = (await api('province_admin', '/api/v1/procedures', 'POST', procedureBody('HTTP.BAD', { nameVi: undefined }))).json();
      expect(missing.errors).toEqual([{ path: 'nameVi', message: 'Bắt buộc phải nhập.' }]);
      // A schema problem does not hide the business rules: both come in one answer.
      const both = (
        await api('province_admin', '/api/v1/procedures', 'POST', procedureBody('bad code', { nameVi: undefined, fee: -5 }))
      ).json();
      expect(both.errors.map((e: Json) => e.path)).toEqual(['nameVi', 'nationalCode', 'fee']);
    });
  });

  describe('PUT /api/v1/procedures/:id (new version from a date)', () => {
    it('closes the current version the day before and opens the new one, audited with before and after', async () => {
      const id = await idOf('DEMO.HKD.02');
      const res = await api(
        'province_admin',
        `/api/v1/procedures/${id}`,
        'PUT',
        versionBody(1, '2026-04-01', { fee: 60_000, timeLimitAmount: 5 }),
      );
      expect(res.statusCode).toBe(200);
      const next = res.json();
      expect(next).toMatchObject({
        nationalCode: 'DEMO.HKD.02',
        fee: 60_000,
        timeLimitAmount: 5,
        effectiveFrom: '2026-04-01',
        effectiveTo: null,
        version: 1,
      });
      expect(next.id).not.toBe(id);
      expect(next.history.map((v: Json) => [v.id, v.effectiveFrom, v.effectiveTo])).toEqual([
        [next.id, '2026-04-01', null],
        [id, '2025-07-01', '2026-03-31'],
      ]);
      const old = (await api('province_analyst', `/api/v1/procedures/${id}`)).json();
      expect(old).toMatchObject({ effectiveTo: '2026-03-31', version: 2, isLatest: false, fee: 50_000 });
      const [entry] = await audits('procedure.new_version');
      expect(entry).toMatchObject({ actorUsername: 'province_admin', entityId: String(next.id) });
      expect(JSON.parse(entry?.before ?? '{}')).toMatchObject({ id, fee: 50_000, effectiveTo: null });
      expect(JSON.parse(entry?.after ?? '{}')).toMatchObject({
        id: next.id,
        supersedes: id,
        previousEffectiveTo: '2026-03-31',
        fee: 60_000,
      });
      // Today's list still shows the old rules; from 1 April the new ones.
      const today = (await api('province_analyst', '/api/v1/procedures?q=DEMO.HKD.02')).json();
      expect((today.items as Json[]).map((p) => p.id)).toEqual([id]);
      const april = (await api('province_analyst', '/api/v1/procedures?q=DEMO.HKD.02&inForceOn=2026-04-01')).json();
      expect((april.items as Json[]).map((p) => p.id)).toEqual([next.id]);
      const deps = { db: t.database.db };
      expect((await getProcedureInForce(deps, 'T1', 'DEMO.HKD.02', '2026-03-31'))?.fee).toBe(50_000);
      expect((await getProcedureInForce(deps, 'T1', 'DEMO.HKD.02', '2026-04-01'))?.fee).toBe(60_000);
    });

    it('answers 409 to a stale version and to an older version of the chain, changing nothing', async () => {
      const id = await idOf('DEMO.HKD.03');
      const first = await api('province_admin', `/api/v1/procedures/${id}`, 'PUT', versionBody(1, '2026-05-01'));
      expect(first.statusCode).toBe(200);
      const [before, auditsBefore] = [await count(), (await audits('procedure.new_version')).length];
      const stale = await api('system_admin', `/api/v1/procedures/${id}`, 'PUT', versionBody(1, '2026-06-01'));
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', type: '/docs/errors#error-VERSION_CONFLICT' });
      const superseded = await api('system_admin', `/api/v1/procedures/${id}`, 'PUT', versionBody(2, '2026-06-01'));
      expect(superseded.statusCode).toBe(409);
      expect(superseded.json().code).toBe('PROCEDURE_SUPERSEDED');
      expect(await count()).toBe(before);
      expect((await audits('procedure.new_version')).length).toBe(auditsBefore);
    });

    it('refuses a start date not after the current one, unknown fields and a bad id with 400', async () => {
      const id = await idOf('DEMO.HKD.04');
      const before = await count();
      const early = await api('province_admin', `/api/v1/procedures/${id}`, 'PUT', versionBody(1, '2025-07-01'));
      expect(early.statusCode).toBe(400);
      expect(early.json().errors).toEqual([
        { path: 'effectiveFrom', message: 'Ngày hiệu lực phải sau ngày 01/07/2025, ngày bắt đầu hiệu lực của phiên bản hiện hành.' },
      ]);
      const withCode = await api(
        'province_admin',
        `/api/v1/procedures/${id}`,
        'PUT',
        versionBody(1, '2026-06-01', { nationalCode: 'X.2' }),
      );
      expect(withCode.statusCode).toBe(400);
      expect((await api('province_admin', '/api/v1/procedures/abc', 'PUT', versionBody(1, '2026-06-01'))).statusCode).toBe(400);
      const other = await api('other_province_admin', `/api/v1/procedures/${id}`, 'PUT', versionBody(1, '2026-06-01'));
      expect(other.statusCode).toBe(404);
      expect(await count()).toBe(before);
      expect((await api('province_analyst', `/api/v1/procedures/${id}`)).json()).toMatchObject({ version: 1, effectiveTo: null });
    });
  });

  describe('pages', () => {
    it('renders the searchable catalogue under 50 KB, and the htmx fragment alone', async () => {
      const res = await page('counter_officer_a', '/procedures?field=CONSTRUCTION');
      expect(res.statusCode).toBe(200);
      expect(res.headers.vary).toContain('HX-Request');
      expect(res.body).toContain('<h1>Thủ tục hành chính</h1>');
      expect(res.body).toContain('<th scope="col">Thời hạn giải quyết</th>');
      expect(res.body).toContain('15 ngày');
      expect(res.body).toContain('5 ngày làm việc');
      expect(res.body).toContain('75.000 đ');
      expect(res.body).not.toContain('Thêm thủ tục');
      const full = await page('province_admin', '/procedures');
      expect(Buffer.byteLength(full.body)).toBeLessThan(50 * 1024);
      expect(full.body).toContain('href="/procedures/new"');
      expect(full.body).toContain('rel="next"');
      const fragment = await page('counter_officer_a', '/procedures?q=khai+sinh', { 'hx-request': 'true' });
      expect(fragment.body.startsWith('<div id="procedure-results">')).toBe(true);
      expect(fragment.body).not.toContain('<html');
      expect(fragment.body).toContain('Đăng ký khai sinh');
      expect(fragment.body).toContain('Trong ngày');
    });

    it('shows a procedure with its documents, steps, roles and version history', async () => {
      const id = await idOf('DEMO.HKD.02');
      const old = await page('unit_leader_a', `/procedures/${id}`);
      expect(old.statusCode).toBe(200);
      expect(old.body).toContain('Thành phần hồ sơ');
      expect(old.body).toContain('Công chức tiếp nhận (một cửa)');
      expect(old.body).toContain('01/04/2026');
      expect(old.body).toContain('31/03/2026');
      expect(old.body).toContain('Mở phiên bản mới nhất');
      expect(old.body).not.toContain('/edit');
      expect(Buffer.byteLength(old.body)).toBeLessThan(50 * 1024);
      const en = await page('unit_leader_a', `/procedures/${id}`, { cookie: `${user('unit_leader_a').cookie}; cadre_lang=en` });
      expect(en.body).toContain('3 working days');
      expect(en.body).toContain('5 working days');
    });

    it('sends an edit of an older version to the latest one', async () => {
      const id = await idOf('DEMO.HKD.02');
      const res = await page('province_admin', `/procedures/${id}/edit`);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toMatch(/^\/procedures\/\d+\/edit$/);
      const form = await page('province_admin', res.headers.location as string);
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('name="effectiveFrom"');
      expect(Buffer.byteLength(form.body)).toBeLessThan(50 * 1024);
    });

    it('re-renders the new-procedure form with every problem translated and the typed values kept', async () => {
      const before = await count();
      const res = await post(
        'province_admin',
        '/procedures',
        procedureForm({ nationalCode: 'FORM.1', effectiveFrom: '2026-03-02', fee: '-10', 'step.1.roles': '', 'step.2.code': 'SPECIALIST' }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('role="alert"');
      expect(res.body).toContain('Phí, lệ phí không được âm.');
      expect(res.body).toContain('Bước 2 – Vai trò được xử lý');
      expect(res.body).toContain('Bước cuối cùng của quy trình phải là Trả kết quả.');
      expect(res.body).toContain('href="#f-fee"');
      expect(res.body).toContain('value="FORM.1"');
      expect(res.body).toMatch(/id="f-fee"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-fee"/);
      expect(await count()).toBe(before);
      const ok = await post('province_admin', '/procedures', procedureForm({ nationalCode: 'FORM.1', effectiveFrom: '2026-03-02' }));
      expect(ok.statusCode).toBe(303);
      const shown = await page('province_admin', ok.headers.location as string);
      expect(shown.body).toContain('Đã lưu.');
      expect(shown.body).toContain('Trong ngày');
    });

    it('saves a new version from the form, and shows a conflict with a link to the latest', async () => {
      const id = await idOf('DEMO.HKD.04');
      const fields = procedureForm({ version: '1', effectiveFrom: '2026-07-01' });
      const ok = await post('province_admin', `/procedures/${id}`, fields);
      expect(ok.statusCode).toBe(303);
      const conflict = await post('system_admin', `/procedures/${id}`, { ...fields, effectiveFrom: '2026-08-01' });
      expect(conflict.statusCode).toBe(409);
      expect(conflict.body).toContain('Dữ liệu đã được người khác thay đổi');
      expect(conflict.body).toContain('Mở phiên bản mới nhất');
      expect(conflict.body).toContain('value="2026-08-01"');
    });
  });
});
