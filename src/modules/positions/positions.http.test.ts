import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { competencyFixture, frameworkFixture, positionFixture } from '../competencies/competencies.fixtures.ts';
import { frameworkToXlsx, rawFromXlsx, SHEETS } from '../competencies/framework-xlsx.ts';
import { writeFramework } from '../competencies/use-cases/versions.ts';
import { interimFramework } from './interim-catalogue.ts';
import { seedPostsAndPlacements } from './use-cases/placement.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe.each(testDialects())('positions and competencies over HTTP on %s', (dialect) => {
  let t: TestApp;
  let v1: number;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, url: string) => t.app.inject({ url, headers: { authorization: user(name).bearer } });
  const send = (name: string, method: 'POST' | 'PUT', url: string, payload: unknown, contentType = 'application/json') =>
    t.app.inject({
      method,
      url,
      headers: { authorization: user(name).bearer, 'content-type': contentType },
      payload: Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
    });
  const page = (name: string, url: string) => t.app.inject({ url, headers: { cookie: user(name).cookie } });
  const positionId = async (code: string, versionId: number) => {
    const res = await api('province_admin', `/api/v1/positions?versionId=${versionId}&q=${encodeURIComponent(code)}`);
    const found = res.json().items.find((p: { code: string }) => p.code === code);
    if (!found) throw new Error(`position ${code} missing`);
    return found.id as number;
  };
  const versionCount = async () => (await api('province_admin', '/api/v1/competencies/versions')).json().items.length;

  beforeAll(async () => {
    // Warm the workbook code before the app starts measuring event-loop delay: a cold first
    // run on a loaded machine can block long enough for under-pressure to answer 503.
    await rawFromXlsx(await frameworkToXlsx(interimFramework()));
    t = await buildTestApp(dialect);
    v1 = (await writeFramework(t.database.db, 'T1', interimFramework(), 'PUBLISHED', NOW, null)).id;
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

  describe('catalogue reads', () => {
    it('lists the 43 interim positions in force, filtered by group', async () => {
      const all = await api('field_specialist_b', '/api/v1/positions');
      expect(all.statusCode).toBe(200);
      expect(all.json().items).toHaveLength(43);
      expect(all.json().version).toMatchObject({ id: v1, status: 'PUBLISHED', effectiveFrom: '2025-10-01' });
      const support = await api('field_specialist_b', '/api/v1/positions?group=SUPPORT');
      expect(support.json().items.map((p: { code: string }) => p.code)).toEqual(['HT.01', 'HT.02', 'HT.03']);
    });

    it('answers 404 before the first version is in force', async () => {
      const res = await api('unit_hr_a', '/api/v1/positions?asOf=2025-09-30');
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('FRAMEWORK_VERSION_NOT_FOUND');
    });

    it('shows a position’s framework with competency names, and posts of every unit to province roles', async () => {
      const id = await positionId('LD.03', v1);
      const res = await api('province_analyst', `/api/v1/positions/${id}`);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.requirements).toContainEqual(
        expect.objectContaining({ competencyCode: 'GEN.LEADERSHIP', level: 4, nameVi: 'Lãnh đạo, quản lý' }),
      );
      expect(body.posts).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ unitId: t.fixture.unitB, posts: 1, holders: 0, vacant: 1, status: 'VACANT' }),
          expect.objectContaining({ unitId: t.fixture.unitA, posts: 1, holders: 1, vacant: 0, status: 'FILLED' }),
        ]),
      );
      expect(body.posts).toHaveLength(2);
      expect(body.totals).toEqual({ posts: 2, holders: 1, vacant: 1, over: 0 });
    });

    it('shows unit roles the posts of their own unit only', async () => {
      const id = await positionId('LD.03', v1);
      const res = await api('unit_hr_a', `/api/v1/positions/${id}`);
      expect(res.json().posts.map((l: { unitId: number }) => l.unitId)).toEqual([t.fixture.unitA]);
    });

    it('answers a unit’s vacancies to its own roles and to the province, 404 to another commune', async () => {
      const url = `/api/v1/positions/units/${t.fixture.unitB}/vacancies`;
      expect((await api('unit_leader_a', url)).statusCode).toBe(404);
      const own = await api('unit_leader_b', url);
      expect(own.statusCode).toBe(200);
      expect(own.json().lines).toEqual([
        expect.objectContaining({ positionCode: 'LD.03', posts: 1, holders: 0, vacant: 1, status: 'VACANT' }),
        expect.objectContaining({ positionCode: 'CM.05', posts: 2, holders: 0, vacant: 2, status: 'VACANT' }),
      ]);
      const a = await api('province_admin', `/api/v1/positions/units/${t.fixture.unitA}/vacancies`);
      expect(a.json().totals).toEqual({ posts: 3, holders: 1, vacant: 2, over: 0 });
      expect((await api('other_province_admin', url)).statusCode).toBe(404);
    });

    it('lists the competency library with five descriptors each, and hides it from another province', async () => {
      const res = await api('counter_officer_a', '/api/v1/competencies?group=GENERAL');
      expect(res.statusCode).toBe(200);
      const items = res.json().items;
      expect(items.map((c: { code: string }) => c.code)).toContain('DIG.4');
      expect(items.every((c: { levels: unknown[]; draftDescriptors: boolean }) => c.levels.length === 5 && c.draftDescriptors)).toBe(true);
      expect((await api('other_province_admin', `/api/v1/competencies/${items[0].id}`)).statusCode).toBe(404);
      expect((await api('other_province_admin', '/api/v1/competencies')).statusCode).toBe(404);
    });
  });

  describe('import, edit, publish', () => {
    it('refuses an invalid file whole, with a report naming row, column and reason, and writes nothing', async () => {
      const before = await versionCount();
      const audits = await t.database.db.selectFrom('auditLog').select('seq').execute();
      const doc = frameworkFixture({
        competencies: [competencyFixture('T.LAW', { levels: [] }), competencyFixture('T.CIVIL')],
        positions: [positionFixture('P.A', { requirements: [{ competencyCode: 'T.GHOST', level: 9 }] })],
      });
      const res = await send('province_admin', 'POST', '/api/v1/competencies/versions/import', doc);
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      const errors = res.json().errors as { path: string; message: string }[];
      expect(errors).toContainEqual({ path: 'competencies row 1, level3Vi', message: 'Thiếu mô tả hành vi của mức' });
      expect(errors).toContainEqual({
        path: 'positions row 1, requirements[0].competencyCode',
        message: 'Mã năng lực không có trong thư viện',
      });
      expect(errors).toContainEqual({ path: 'positions row 1, requirements[0].level', message: 'Mức phải từ 1 đến 5' });
      expect(errors).toHaveLength(12);
      expect(await versionCount()).toBe(before);
      expect(await t.database.db.selectFrom('auditLog').select('seq').execute()).toHaveLength(audits.length);
    });

    it('refuses a workbook that is not one, and one with a formula, in English for an English caller', async () => {
      const junk = await send('province_admin', 'POST', '/api/v1/competencies/versions/import', Buffer.from('=cmd|calc'), XLSX);
      expect(junk.statusCode).toBe(422);
      expect(junk.json().errors).toHaveLength(1);
      const exported = await api('province_admin', `/api/v1/competencies/versions/${v1}/export.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(SHEETS.requirements);
      if (!ws) throw new Error('no sheet');
      ws.getCell('C2').value = { formula: 'RAND()*5', result: 3 } as ExcelJS.CellFormulaValue;
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/competencies/versions/import',
        headers: { authorization: user('province_admin').bearer, 'content-type': XLSX, 'accept-language': 'en', cookie: 'cadre_lang=en' },
        payload: Buffer.from(await wb.xlsx.writeBuffer()),
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([
        { path: 'Requirements row 2, level', message: 'The cell holds a formula; only values are accepted' },
      ]);
    });

    it('exports a version as a workbook and imports it back as a draft; published versions refuse edits, drafts take them', async () => {
      const exported = await api('unit_hr_a', `/api/v1/competencies/versions/${v1}/export.xlsx`);
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toBe(XLSX);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      const version = wb.getWorksheet(SHEETS.version);
      if (!version) throw new Error('no sheet');
      version.getCell('B3').value = '2026-07-01';
      const imported = await send(
        'province_admin',
        'POST',
        '/api/v1/competencies/versions/import',
        Buffer.from(await wb.xlsx.writeBuffer()),
        XLSX,
      );
      expect(imported.statusCode).toBe(201);
      const v2 = imported.json();
      expect(v2).toMatchObject({ versionNo: 2, status: 'DRAFT', effectiveFrom: '2026-07-01' });

      const json1 = (await api('province_admin', `/api/v1/competencies/versions/${v1}/export.json`)).json();
      const json2 = (await api('province_admin', `/api/v1/competencies/versions/${v2.id}/export.json`)).json();
      expect(json2.positions).toEqual(json1.positions);
      expect(json2.competencies).toEqual(json1.competencies);

      const published = await positionId('CM.05', v1);
      const body = { frameworkRevision: 1, requirements: [{ competencyCode: 'FLD.CIVIL_STATUS', level: 5 }] };
      const refused = await send('province_admin', 'PUT', `/api/v1/positions/${published}/framework`, body);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().code).toBe('FRAMEWORK_VERSION_PUBLISHED');

      const draft = await positionId('CM.05', v2.id);
      const unknown = await send('province_admin', 'PUT', `/api/v1/positions/${draft}/framework`, {
        frameworkRevision: 1,
        requirements: [{ competencyCode: 'NOPE', level: 2 }],
      });
      expect(unknown.statusCode).toBe(400);
      const outOfRange = await send('province_admin', 'PUT', `/api/v1/positions/${draft}/framework`, {
        frameworkRevision: 1,
        requirements: [{ competencyCode: 'FLD.LAND', level: 6 }],
      });
      expect(outOfRange.statusCode).toBe(400);
      const saved = await send('province_admin', 'PUT', `/api/v1/positions/${draft}/framework`, body);
      expect(saved.statusCode).toBe(200);
      expect(saved.json().requirements).toEqual([expect.objectContaining({ competencyCode: 'FLD.CIVIL_STATUS', level: 5 })]);
      // The published version is untouched.
      expect((await api('province_admin', `/api/v1/positions/${published}`)).json().requirements.length).toBeGreaterThan(1);

      const second = await send('province_admin', 'POST', '/api/v1/competencies/versions', {
        label: 'x',
        effectiveFrom: '2027-01-01',
        sourceNote: 'x',
      });
      expect(second.statusCode).toBe(409);
      expect(second.json().code).toBe('FRAMEWORK_DRAFT_EXISTS');

      const pub = await send('province_admin', 'POST', `/api/v1/competencies/versions/${v2.id}/publish`, {});
      expect(pub.statusCode).toBe(200);
      expect((await send('province_admin', 'POST', `/api/v1/competencies/versions/${v2.id}/publish`, {})).statusCode).toBe(409);

      // As-of lookups: the interim list until 30 June 2026, the new version from 1 July.
      expect((await api('unit_hr_a', '/api/v1/positions?asOf=2026-06-30')).json().version.id).toBe(v1);
      expect((await api('unit_hr_a', '/api/v1/positions?asOf=2026-07-01')).json().version.id).toBe(v2.id);
      // Placements made under version 1 still count under version 2 (matched by code).
      const under2 = await api('province_admin', `/api/v1/positions/units/${t.fixture.unitA}/vacancies?asOf=2026-07-01`);
      expect(under2.json().lines).toContainEqual(expect.objectContaining({ positionCode: 'LD.03', holders: 1 }));

      const early = await send('province_admin', 'POST', '/api/v1/competencies/versions', {
        label: 'Sớm',
        effectiveFrom: '2026-07-01',
        sourceNote: 'x',
      });
      expect(early.statusCode).toBe(201);
      const refusedPublish = await send('province_admin', 'POST', `/api/v1/competencies/versions/${early.json().id}/publish`, {});
      expect(refusedPublish.statusCode).toBe(422);
      expect(refusedPublish.json().code).toBe('FRAMEWORK_INVALID');
    });
  });

  describe('pages', () => {
    it('renders the catalogue by group, a position and a competency with its levels', async () => {
      const list = await page('unit_hr_a', '/positions?group=PROFESSIONAL');
      expect(list.statusCode).toBe(200);
      expect(list.body).toContain('Chuyên viên tư pháp (bao gồm hộ tịch)');
      expect(list.body).not.toContain('Thủ quỹ');
      const id = await positionId('LD.03', v1);
      const detail = await page('unit_hr_a', `/positions/${id}`);
      expect(detail.body).toContain('Lãnh đạo, quản lý');
      expect(detail.body).not.toContain('Phường Đông Ba');
      const comps = (await api('unit_hr_a', `/api/v1/competencies?versionId=${v1}&q=ho%20tich`)).json().items;
      const c = await page('unit_hr_a', `/competencies/${comps[0].id}`);
      expect(c.body).toContain('Mức 5 – Chuyên gia');
      expect(c.body).toContain('không phải văn bản pháp lý');
    });

    it('documents every endpoint in the OpenAPI document and on the docs pages', async () => {
      const paths = Object.keys((await t.app.inject({ url: '/openapi.json' })).json().paths);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/api/v1/competencies',
          '/api/v1/competencies/versions/import',
          '/api/v1/competencies/versions/{id}/export.xlsx',
          '/api/v1/positions/{id}',
          '/api/v1/positions/{id}/framework',
          '/api/v1/positions/units/{unitId}/vacancies',
        ]),
      );
      for (const tag of ['competencies', 'positions']) expect((await t.app.inject({ url: `/docs/tags/${tag}` })).statusCode).toBe(200);
    });

    it('saves the editor form of a draft position: chosen levels only, and refuses a level outside 1–5', async () => {
      const versions = (await api('province_admin', '/api/v1/competencies/versions')).json().items as { id: number; status: string }[];
      const draft = versions.find((v) => v.status === 'DRAFT');
      if (!draft) throw new Error('the import test leaves a draft');
      const id = await positionId('CM.18', draft.id);
      const editor = (await page('province_admin', `/positions/${id}/framework`)).body;
      expect(editor).toContain('name="level.FLD.LAND"');
      expect(editor).toContain('<input type="hidden" name="frameworkRevision" value="1"');
      const post = (form: Record<string, string>) =>
        t.app.inject({
          method: 'POST',
          url: `/positions/${id}/framework`,
          headers: { cookie: user('province_admin').cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: user('province_admin').csrf, ...form }).toString(),
        });
      const saved = await post({ 'level.FLD.LAND': '4', 'level.GEN.LAW': '', 'level.DIG.1': '2', frameworkRevision: '1' });
      expect(saved.statusCode).toBe(303);
      const after = (await api('province_admin', `/api/v1/positions/${id}`)).json().requirements;
      expect(after.map((r: { competencyCode: string; level: number }) => [r.competencyCode, r.level])).toEqual([
        ['FLD.LAND', 4],
        ['DIG.1', 2],
      ]);
      expect((await post({ 'level.FLD.LAND': '7', frameworkRevision: '2' })).statusCode).toBe(400);
    });

    it('refuses a stale framework write (API and form) with 409 VERSION_CONFLICT, keeping the first writer’s framework', async () => {
      const versions = (await api('province_admin', '/api/v1/competencies/versions')).json().items as { id: number; status: string }[];
      const draft = versions.find((v) => v.status === 'DRAFT');
      if (!draft) throw new Error('the import test leaves a draft');
      const id = await positionId('CM.05', draft.id);
      const url = `/api/v1/positions/${id}/framework`;
      const read = (await api('province_admin', `/api/v1/positions/${id}`)).json().frameworkRevision as number;
      const levels = async () =>
        ((await api('province_admin', `/api/v1/positions/${id}`)).json().requirements as { competencyCode: string; level: number }[]).map(
          (r) => [r.competencyCode, r.level],
        );

      const first = await send('province_admin', 'PUT', url, {
        frameworkRevision: read,
        requirements: [{ competencyCode: 'FLD.LAND', level: 3 }],
      });
      expect(first.statusCode).toBe(200);
      expect(first.json().frameworkRevision).toBe(read + 1);
      const second = await send('province_admin', 'PUT', url, {
        frameworkRevision: read,
        requirements: [{ competencyCode: 'DIG.1', level: 1 }],
      });
      expect(second.statusCode).toBe(409);
      expect(second.json().code).toBe('VERSION_CONFLICT');
      expect(await levels()).toEqual([['FLD.LAND', 3]]);
      // The revision is required on the API.
      expect((await send('province_admin', 'PUT', url, { requirements: [] })).statusCode).toBe(400);

      // Two concurrent writers holding the same revision: exactly one wins, and its framework is stored.
      const [a, b] = await Promise.all(
        [2, 5].map((level) =>
          send('province_admin', 'PUT', url, { frameworkRevision: read + 1, requirements: [{ competencyCode: 'FLD.LAND', level }] }),
        ),
      );
      expect([a?.statusCode, b?.statusCode].sort()).toEqual([200, 409]);
      expect(await levels()).toEqual([['FLD.LAND', a?.statusCode === 200 ? 2 : 5]]);

      // The editor form: a stale revision re-shows the form with the translated message, the levels chosen and the revision now recorded.
      const form = await t.app.inject({
        method: 'POST',
        url: `/positions/${id}/framework`,
        headers: { cookie: user('province_admin').cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: user('province_admin').csrf,
          'level.DIG.1': '4',
          frameworkRevision: String(read),
        }).toString(),
      });
      expect(form.statusCode).toBe(409);
      expect(form.body).toContain('Dữ liệu đã được người khác thay đổi.');
      expect(form.body).toContain(`name="frameworkRevision" value="${read + 2}"`);
      expect(form.body).toMatch(/name="level\.DIG\.1">[\s\S]*?<option value="4" selected/);
      expect(await levels()).toEqual([['FLD.LAND', a?.statusCode === 200 ? 2 : 5]]);
    });

    it('refuses the editor on a published version', async () => {
      const id = await positionId('LD.03', v1);
      expect((await page('province_admin', `/positions/${id}/framework`)).statusCode).toBe(409);
    });
  });
});
