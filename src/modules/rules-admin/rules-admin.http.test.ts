import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { DEFAULT_STAFFING_NORM_CONFIG } from '../../platform/rules/defaults/staffing-norm.config.ts';
import { RULE_KEYS } from '../../platform/rules/rules.ts';
import type { RuleDetail, RuleList, RuleSummary } from './rules-admin.schemas.ts';

/** Fixture clock: 2026-03-02 in Vietnam. */
describe.each(testDialects())('rules administration over HTTP on %s', (dialect) => {
  let t: TestApp;

  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const get = (name: string, url: string) => t.app.inject({ url, headers: { authorization: user(name).bearer } });
  const post = (name: string, key: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1/rules/${key}/versions`, headers: { authorization: user(name).bearer }, payload });
  const page = (name: string, url: string, lang?: string) =>
    t.app.inject({ url, headers: { cookie: lang ? `${user(name).cookie}; cadre_lang=${lang}` : user(name).cookie } });
  const postForm = (name: string, key: string, fields: Record<string, string>, lang?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/admin/rules/${key}`,
      headers: {
        cookie: lang ? `${user(name).cookie}; cadre_lang=${lang}` : user(name).cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ _csrf: user(name).csrf, ...fields }).toString(),
    });
  const detail = async (key: string, query = '', name = 'province_analyst') => {
    const res = await get(name, `/api/v1/rules/${key}${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as RuleDetail;
  };
  const ruleAudits = () => t.database.db.selectFrom('auditLog').selectAll().where('action', '=', 'rule.set').orderBy('seq').execute();

  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('lists every rule of the registry with the version in force today, default origin on an empty table', async () => {
    const res = await get('province_analyst', '/api/v1/rules');
    expect(res.statusCode).toBe(200);
    const body = res.json() as RuleList;
    expect(body.onDate).toBe('2026-03-02');
    expect(body.provinceCode).toBe('T1');
    expect(body.items.map((i) => i.key)).toEqual(RULE_KEYS);
    expect(body.items.find((i) => i.key === 'staffing.norm')).toEqual({
      key: 'staffing.norm',
      version: 'norm-09-CV-BCD-2025',
      effectiveFrom: null,
      origin: 'default',
      sourceNote: DEFAULT_STAFFING_NORM_CONFIG.sourceNote,
    });
    // A plain number rule has no version label.
    expect(body.items.find((i) => i.key === 'calendar.cutoffHour')).toMatchObject({ version: null, origin: 'default' });
  });

  it('reads one rule with its value in force and an empty history; unknown key → 404', async () => {
    const d = await detail('staffing.norm');
    expect(d.value).toEqual(DEFAULT_STAFFING_NORM_CONFIG);
    expect(d.origin).toBe('default');
    expect(d.history).toEqual([]);
    expect((await get('province_analyst', '/api/v1/rules/no.such.rule')).statusCode).toBe(404);
    expect((await post('province_admin', 'no.such.rule', { value: 1, effectiveFrom: '2026-06-01', sourceNote: 'x' })).statusCode).toBe(404);
    expect((await page('province_analyst', '/admin/rules/no.such.rule')).statusCode).toBe(404);
    expect((await get('province_analyst', '/api/v1/rules/toString')).statusCode).toBe(404);
  });

  it('refuses the province analyst a write (403), leaving the history unchanged', async () => {
    const res = await post('province_analyst', 'staffing.norm', {
      value: { ...DEFAULT_STAFFING_NORM_CONFIG, base: 40 },
      effectiveFrom: '2026-06-01',
      sourceNote: 'Không được phép',
    });
    expect(res.statusCode).toBe(403);
    expect((await detail('staffing.norm')).history).toEqual([]);
  });

  it('refuses an invalid value with every problem path, and writes nothing', async () => {
    const before = (await ruleAudits()).length;
    const res = await post('province_admin', 'staffing.norm', {
      value: { ...DEFAULT_STAFFING_NORM_CONFIG, base: -1, ceilings: { COMMUNE: 50, WARD: 'bảy mươi', SPECIAL_ZONE: 70 } },
      effectiveFrom: '2026-02-30',
      sourceNote: '   ',
    });
    expect(res.statusCode).toBe(400);
    const problem = res.json() as { code: string; errors: { path: string }[] };
    expect(problem.code).toBe('RULE_VALUE_INVALID');
    const paths = problem.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['value.base', 'value.ceilings.WARD', 'effectiveFrom', 'sourceNote']));
    // Unknown body fields are refused by the route schema before anything is tried.
    const extra = await post('province_admin', 'staffing.norm', {
      value: 1,
      effectiveFrom: '2026-06-01',
      sourceNote: 'x',
      provinceCode: '',
    });
    expect(extra.statusCode).toBe(400);
    expect((await detail('staffing.norm')).history).toEqual([]);
    expect((await ruleAudits()).length).toBe(before);
  });

  it('sets a province version: in force from its date and not before, audited, other provinces untouched', async () => {
    const value = { ...DEFAULT_STAFFING_NORM_CONFIG, version: 'T1-2026', effectiveFrom: '2026-06-01', base: 33 };
    const res = await post('province_admin', 'staffing.norm', {
      value,
      effectiveFrom: '2026-06-01',
      sourceNote: 'Quyết định 12/QĐ-UBND của tỉnh',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json() as RuleSummary).toEqual({
      key: 'staffing.norm',
      version: 'T1-2026',
      effectiveFrom: '2026-06-01',
      origin: 'province',
      sourceNote: 'Quyết định 12/QĐ-UBND của tỉnh',
    });

    const onJune = await detail('staffing.norm', '?onDate=2026-06-01');
    expect(onJune).toMatchObject({ origin: 'province', effectiveFrom: '2026-06-01', version: 'T1-2026' });
    expect((onJune.value as { base: number }).base).toBe(33);
    expect(onJune.history).toEqual([
      {
        origin: 'province',
        effectiveFrom: '2026-06-01',
        value,
        sourceNote: 'Quyết định 12/QĐ-UBND của tỉnh',
        createdAt: '2026-03-02T03:00:00.000Z',
        revision: 1,
      },
    ]);
    const dayBefore = await detail('staffing.norm', '?onDate=2026-05-31');
    expect(dayBefore).toMatchObject({ origin: 'default', effectiveFrom: null });
    expect((dayBefore.value as { base: number }).base).toBe(32);
    // Today (2026-03-02) the default is still in force; the list on a later date shows the province version.
    expect((await detail('staffing.norm')).origin).toBe('default');
    const later = (await get('province_analyst', '/api/v1/rules?onDate=2026-07-01')).json() as RuleList;
    expect(later.items.find((i) => i.key === 'staffing.norm')).toMatchObject({ origin: 'province', version: 'T1-2026' });
    // Province T2 keeps the default.
    const other = await detail('staffing.norm', '?onDate=2026-07-01', 'other_province_admin');
    expect(other).toMatchObject({ origin: 'default', history: [] });

    const last = (await ruleAudits()).at(-1);
    expect(last).toMatchObject({
      actorUsername: 'province_admin',
      entityType: 'rule_value',
      entityId: 'T1:staffing.norm:2026-06-01',
      provinceCode: 'T1',
    });
    expect(JSON.parse(last?.before ?? '{}')).toMatchObject({ origin: 'default', value: { base: 32 } });
    expect(JSON.parse(last?.after ?? '{}')).toMatchObject({ provinceCode: 'T1', effectiveFrom: '2026-06-01', value: { base: 33 } });
  });

  it('corrects a same-day version only with the revision read: missing or stale → 409 and the first correction stays', async () => {
    const key = 'dossier.nearDueWorkingDays';
    const day = { effectiveFrom: '2026-09-01', sourceNote: 'Công văn thử' };
    const stored = async () => (await detail(key, '?onDate=2026-09-01')).history.find((h) => h.effectiveFrom === '2026-09-01');
    expect((await post('province_admin', key, { ...day, value: 2 })).statusCode).toBe(201);
    const read = (await stored())?.revision;
    expect(read).toBe(1);
    // Someone who saw no version that day (expectedRevision omitted, or 0) does not replace it.
    const blind = await post('province_admin', key, { ...day, value: 9 });
    expect(blind.statusCode).toBe(409);
    expect(blind.json()).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await post('province_admin', key, { ...day, value: 9, expectedRevision: 0 })).statusCode).toBe(409);

    const audits = (await ruleAudits()).length;
    const first = await post('province_admin', key, { ...day, value: 3, expectedRevision: read });
    expect(first.statusCode).toBe(201);
    const second = await post('province_admin', key, { ...day, value: 4, expectedRevision: read });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect(await stored()).toMatchObject({ value: 3, revision: 2 });
    expect((await ruleAudits()).length).toBe(audits + 1);
  });

  it('lets exactly one of two concurrent corrections with the same revision, or two first versions of a day, through', async () => {
    const key = 'dossier.nearDueWorkingDays';
    const day = { effectiveFrom: '2026-10-01', sourceNote: 'Công văn thử' };
    const [a, b] = await Promise.all([5, 6].map((value) => post('province_admin', key, { ...day, value })));
    expect([a?.statusCode, b?.statusCode].sort()).toEqual([201, 409]);
    const at = async () => (await detail(key, '?onDate=2026-10-01')).history.filter((h) => h.effectiveFrom === '2026-10-01');
    const created = await at();
    expect(created).toEqual([expect.objectContaining({ value: a?.statusCode === 201 ? 5 : 6, revision: 1 })]);

    const [c, d] = await Promise.all([7, 8].map((value) => post('province_admin', key, { ...day, value, expectedRevision: 1 })));
    expect([c?.statusCode, d?.statusCode].sort()).toEqual([201, 409]);
    expect(await at()).toEqual([expect.objectContaining({ value: c?.statusCode === 201 ? 7 : 8, revision: 2 })]);
  });

  it('documents the API in OpenAPI, with the body fields and the problem paths', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const op = doc.paths['/api/v1/rules/{key}/versions'].post;
    expect(op.description).toContain('RULE_VALUE_INVALID');
    expect(Object.keys(op.requestBody.content['application/json'].schema.properties).sort()).toEqual([
      'effectiveFrom',
      'expectedRevision',
      'sourceNote',
      'value',
    ]);
    expect(Object.keys(op.responses)).toContain('201');
    expect(doc.paths['/api/v1/rules'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['onDate']);
    expect(doc.paths['/admin/rules']).toBeUndefined();
  });

  describe('pages', () => {
    it('lists the rules with a link to each, and shows the NAV entry', async () => {
      const res = await page('province_analyst', '/admin/rules?onDate=2026-07-01');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('href="/admin/rules/staffing.norm"');
      expect(res.body).toContain('T1-2026');
      expect(res.body).toContain('Quy tắc nghiệp vụ');
      expect(res.body).toContain('href="/admin/rules"');
      const en = await page('province_analyst', '/admin/rules', 'en');
      expect(en.body).toContain('>Rules<');
    });

    it('shows the value in force and the history; the form only for rules.manage', async () => {
      const analyst = await page('province_analyst', '/admin/rules/staffing.norm?onDate=2026-07-01');
      expect(analyst.statusCode).toBe(200);
      expect(analyst.body).toMatch(/<pre id="rule-value-in-force">[^<]*&quot;base&quot;: 33/);
      expect(analyst.body).toContain('Quyết định 12/QĐ-UBND của tỉnh');
      expect(analyst.body).not.toContain('<textarea');
      const admin = await page('province_admin', '/admin/rules/staffing.norm');
      expect(admin.body).toContain('<textarea');
      expect(admin.body).toMatch(/<textarea[^>]*>[^<]*&quot;base&quot;: 32/);
      expect(admin.body).toContain('name="effectiveFrom" type="date" required value="2026-03-02"');
    });

    it('keeps the typed values and shows translated errors on a refused form, writing nothing', async () => {
      const before = (await ruleAudits()).length;
      const badJson = await postForm(
        'province_admin',
        'calendar.cutoffHour',
        { value: '{16', effectiveFrom: '2026-04-01', sourceNote: 'Văn bản A' },
        'en',
      );
      expect(badJson.statusCode).toBe(400);
      expect(badJson.body).toContain('The value is not valid JSON');
      expect(badJson.body).toContain('>{16</textarea>');
      expect(badJson.body).toContain('value="Văn bản A"');
      const invalid = await postForm('province_admin', 'calendar.cutoffHour', { value: '25', effectiveFrom: '2026-04-01', sourceNote: '' });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.body).toContain('Giá trị của tham số calendar.cutoffHour không hợp lệ.');
      expect(invalid.body).toContain('<code>value</code>');
      expect(invalid.body).toContain('<code>sourceNote</code>');
      expect(invalid.body).toContain('>25</textarea>');
      expect(invalid.body).toContain('value="2026-04-01"');
      expect((await ruleAudits()).length).toBe(before);
      expect((await detail('calendar.cutoffHour')).history).toEqual([]);
    });

    it('carries the province revisions in the form and refuses a same-day correction made since the page was read', async () => {
      const key = 'dossier.nearDueWorkingDays';
      const day = { effectiveFrom: '2026-11-01', sourceNote: 'Văn bản thử' };
      const shown = await page('province_admin', `/admin/rules/${key}`);
      const token = /name="revisions" value="([^"]*)"/.exec(shown.body)?.[1];
      expect(token).toBeDefined();
      expect(token).not.toContain('2026-11-01');
      // Another administrator records a version of that day after the page was read.
      expect((await post('province_admin', key, { ...day, value: 2 })).statusCode).toBe(201);
      const stale = await postForm('province_admin', key, { ...day, value: '3', revisions: token ?? '' });
      expect(stale.statusCode).toBe(409);
      expect(stale.body).toContain('Dữ liệu đã được người khác thay đổi.');
      expect(stale.body).toContain('>3</textarea>');
      expect(stale.body).toContain('2026-11-01:1');
      const stored = async () => (await detail(key, '?onDate=2026-11-01')).history.find((h) => h.effectiveFrom === '2026-11-01');
      expect(await stored()).toMatchObject({ value: 2, revision: 1 });
      // Saving the re-shown form (it now carries revision 1 for that day) is the deliberate correction.
      const again = /name="revisions" value="([^"]*)"/.exec(stale.body)?.[1] ?? '';
      expect((await postForm('province_admin', key, { ...day, value: '3', revisions: again })).statusCode).toBe(303);
      expect(await stored()).toMatchObject({ value: 3, revision: 2 });
    });

    it('records a version from the form and answers 303 back to the rule page', async () => {
      const res = await postForm('province_admin', 'calendar.cutoffHour', {
        value: '16',
        effectiveFrom: '2026-04-01',
        sourceNote: 'Quyết định giờ tiếp nhận',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/admin/rules/calendar.cutoffHour?saved=1');
      const d = await detail('calendar.cutoffHour', '?onDate=2026-04-01');
      expect(d).toMatchObject({ value: 16, origin: 'province', effectiveFrom: '2026-04-01', sourceNote: 'Quyết định giờ tiếp nhận' });
      const shown = await page('province_admin', res.headers.location as string);
      expect(shown.body).toContain('Đã lưu phiên bản mới.');
      const refused = await postForm('province_analyst', 'calendar.cutoffHour', {
        value: '17',
        effectiveFrom: '2026-05-01',
        sourceNote: 'x',
      });
      expect(refused.statusCode).toBe(403);
    });
  });
});
