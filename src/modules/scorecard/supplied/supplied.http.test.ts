import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, type TestApp } from '../../../../test/support/fixture.ts';

/**
 * Hand-entered 766 counts over HTTP: the API (GET/PUT with versions), the page form, and the
 * card (API, page, XLSX) using them. Commune A = 10001, ward B = 10002, January 2026.
 */
const API = '/api/v1/scorecards/766/supplied';
const CARD = '/api/v1/scorecards/766?from=2026-01-01&to=2026-02-01';

type Indicator = {
  code: string;
  numerator: number;
  denominator: number;
  points: number;
  status: string;
  explanation: { formula: string; text: string; terms: Record<string, number>; termLabels: Record<string, string> };
  supplied: { level: string; entryCount: number; entries: { sourceNote: string; enteredBy: { name: string | null } }[] } | null;
};
type Card = { groups: { indicators: Indicator[] }[]; notSupplied: string[]; complete: boolean };
const indicator = (card: Card, code: string) => card.groups.flatMap((g) => g.indicators).find((i) => i.code === code);

describe.each(testDialects())('supplied 766 counts over HTTP on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  const user = (name: string) => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(name);
    return u;
  };
  const api = (name: string, method: 'GET' | 'PUT', url: string, payload?: unknown, locale?: string) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: user(name).bearer },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      ...(locale ? { cookies: { cadre_lang: locale } } : {}),
    });
  const page = (name: string, method: 'GET' | 'POST', url: string, form?: Record<string, string>, locale?: string) =>
    t.app.inject({
      method,
      url,
      headers: {
        cookie: `${user(name).cookie}${locale ? `; cadre_lang=${locale}` : ''}`,
        'x-csrf-token': user(name).csrf,
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
  const auditCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('action', '=', 'scorecard.supplied.put')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const item = (indicator: string, numerator: number, denominator: number, version = 0, sourceNote = 'Báo cáo 12/BC-UBND') => ({
    indicator,
    numerator,
    denominator,
    sourceNote,
    version,
  });

  it('before anything is entered: the lists are empty and the card says NOT_SUPPLIED', async () => {
    const res = await api('unit_leader_a', 'GET', `${API}/10001/2026-01`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      unit: { code: '10001' },
      period: { token: '2026-01', kind: 'MONTH', from: '2026-01-01', to: '2026-02-01' },
    });
    expect(
      res.json().items.map((i: { indicator: string; editable: boolean; entry: unknown }) => [i.indicator, i.editable, i.entry]),
    ).toEqual([
      ['1.1', false, null],
      ['1.2', false, null],
      ['1.3', false, null],
      ['3.5', true, null],
      ['5.2', true, null],
    ]);
    // unit_hr reads but may not write.
    expect((await api('unit_hr_a', 'GET', `${API}/10001/2026-01`)).json().items.every((i: { editable: boolean }) => !i.editable)).toBe(
      true,
    );
    const card = (await api('unit_leader_a', 'GET', `${CARD}&unit=10001`)).json() as Card;
    expect(card.notSupplied).toEqual(['1.1', '1.2', '1.3', '3.5', '5.2']);
    expect(indicator(card, '5.2')).toMatchObject({ status: 'NOT_SUPPLIED', supplied: null, explanation: { formula: 'notSupplied' } });
  });

  it('refuses bad input with nothing changed: numerator above denominator, wrong level, unknown field, bad period', async () => {
    const before = await auditCount();
    const over = await api('unit_leader_a', 'PUT', `${API}/10001/2026-01`, { items: [item('5.2', 11, 10)] }, 'en');
    expect(over.statusCode).toBe(400);
    expect(over.json().code).toBe('VALIDATION_FAILED');
    const wrong = await api('unit_leader_a', 'PUT', `${API}/10001/2026-01`, { items: [item('5.2', 1, 2), item('1.1', 1, 2)] }, 'en');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'SCORECARD_SUPPLIED_WRONG_LEVEL' });
    expect(wrong.json().title ?? wrong.json().detail).toMatch(/1\.1/);
    const province = await api('province_analyst', 'PUT', `${API}/province/2026-01`, { items: [item('3.5', 1, 2)] });
    expect(province.json().code).toBe('SCORECARD_SUPPLIED_WRONG_LEVEL');
    const extra = await api('unit_leader_a', 'PUT', `${API}/10001/2026-01`, { items: [{ ...item('5.2', 1, 2), by: 'me' }] });
    expect(extra.statusCode).toBe(400);
    expect((await api('unit_leader_a', 'PUT', `${API}/10001/2026-13`, { items: [item('5.2', 1, 2)] })).statusCode).toBe(400);
    expect((await api('unit_leader_a', 'PUT', `${API}/10001/2026-01`, { items: [item('5.2', 1, 2), item('5.2', 1, 2)] })).statusCode).toBe(
      400,
    );
    // The wrong-level request had a valid 5.2 item too: all or nothing.
    expect(await auditCount()).toBe(before);
    expect(
      (await api('unit_leader_a', 'GET', `${API}/10001/2026-01`)).json().items.every((i: { entry: unknown }) => i.entry === null),
    ).toBe(true);
  });

  it('keeps commune leaders to their own unit', async () => {
    expect((await api('unit_leader_b', 'PUT', `${API}/10001/2026-01`, { items: [item('5.2', 1, 2)] })).statusCode).toBe(404);
    expect((await api('unit_leader_a', 'PUT', `${API}/province/2026-01`, { items: [item('1.1', 1, 2)] })).statusCode).toBe(404);
    expect((await api('unit_hr_a', 'PUT', `${API}/10001/2026-01`, { items: [item('5.2', 1, 2)] })).statusCode).toBe(403);
  });

  it('saves with versions, audits, and refuses a stale version', async () => {
    const before = await auditCount();
    const saved = await api('unit_leader_a', 'PUT', `${API}/10001/2026-01`, { items: [item('5.2', 3, 4), item('3.5', 2, 2)] });
    expect(saved.statusCode).toBe(200);
    const e52 = saved.json().items.find((i: { indicator: string }) => i.indicator === '5.2').entry;
    expect(e52).toMatchObject({
      numerator: 3,
      denominator: 4,
      version: 1,
      period: '2026-01',
      unit: { code: '10001' },
      enteredBy: { name: 'Test unit_leader_a' },
    });
    expect(await auditCount()).toBe(before + 1);
    const stale = await api('unit_leader_a', 'PUT', `${API}/10001/2026-01`, { items: [item('5.2', 1, 4, 0)] });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const next = await api('unit_leader_a', 'PUT', `${API}/10001/2026-01`, { items: [item('5.2', 4, 5, 1, 'Sổ theo dõi PAKN')] });
    expect(next.json().items.find((i: { indicator: string }) => i.indicator === '5.2').entry).toMatchObject({ numerator: 4, version: 2 });
    const entry = await t.database.db
      .selectFrom('auditLog')
      .select(['entityId', 'before', 'after'])
      .where('action', '=', 'scorecard.supplied.put')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.entityId).toBe('10001@2026-01');
    // Stored as JSON text on SQLite, as jsonb on PostgreSQL.
    const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
    expect(text(entry.before)).toContain('"numerator":3');
    expect(text(entry.after)).toContain('Sổ theo dõi PAKN');
    // The province enters 1.1 for January; ward B its own 5.2.
    expect((await api('province_admin', 'PUT', `${API}/province/2026-01`, { items: [item('1.1', 8, 10)] })).statusCode).toBe(200);
    expect((await api('unit_leader_b', 'PUT', `${API}/10002/2026-01`, { items: [item('5.2', 1, 5)] })).statusCode).toBe(200);
  });

  it('the card uses the counts, shows who entered them, and keeps NOT_SUPPLIED elsewhere', async () => {
    const card = (await api('unit_leader_a', 'GET', `${CARD}&unit=10001`, undefined, 'en')).json() as Card;
    // 5.2: 4 ÷ 5 = 0.8 against threshold 1 → 0.8 × 6 = 4.8 points.
    const i52 = indicator(card, '5.2');
    expect(i52).toMatchObject({ numerator: 4, denominator: 5, status: 'COMPUTED' });
    expect(i52?.points).toBeCloseTo(4.8, 9);
    expect(i52?.explanation).toMatchObject({ formula: 'supplied', terms: { numerator: 4, denominator: 5, entries: 1, units: 1 } });
    expect(i52?.explanation.text).toBe('counts entered by hand: 4 ÷ 5');
    expect(i52?.supplied).toMatchObject({
      level: 'UNIT',
      entryCount: 1,
      entries: [{ sourceNote: 'Sổ theo dõi PAKN', enteredBy: { name: 'Test unit_leader_a' } }],
    });
    // The province's 1.1 reaches the commune's card.
    expect(indicator(card, '1.1')).toMatchObject({ numerator: 8, denominator: 10, status: 'COMPUTED', supplied: { level: 'PROVINCE' } });
    expect(card.notSupplied).toEqual(['1.2', '1.3']);
    // A dossier formula, rendered in English for this caller, machine key kept.
    expect(indicator(card, '2.1')?.explanation).toMatchObject({ formula: 'onTime', termLabels: { toProcess: 'To process' } });
    expect(indicator(card, '2.1')?.explanation.text).toMatch(/^on time 0 = to process 0/);
    // The province card adds up A (4/5) and B (1/5).
    const province = (await api('province_analyst', 'GET', `${CARD}&unit=province`)).json() as Card;
    expect(indicator(province, '5.2')).toMatchObject({ numerator: 5, denominator: 10, explanation: { terms: { units: 2, entries: 2 } } });
    // February has nothing: NOT_SUPPLIED again; the quarter is not tiled by January alone.
    const feb = (await api('unit_leader_a', 'GET', '/api/v1/scorecards/766?unit=10001&from=2026-02-01&to=2026-03-01')).json() as Card;
    expect(indicator(feb, '5.2')?.status).toBe('NOT_SUPPLIED');
    const q1 = (await api('unit_leader_a', 'GET', '/api/v1/scorecards/766?unit=10001&period=quarter&year=2026&quarter=1')).json() as Card;
    expect(indicator(q1, '5.2')?.status).toBe('NOT_SUPPLIED');
  });

  it('the page shows the traces in the reader’s language and the form; the form saves and refuses', async () => {
    const vi = await page('unit_leader_a', 'GET', '/scorecard?unit=10001&from=2026-01-01&to=2026-02-01');
    expect(vi.statusCode).toBe(200);
    expect(vi.body).toContain('Số liệu nhập bổ sung: 4 ÷ 5');
    expect(vi.body).toContain('Sổ theo dõi PAKN');
    expect(vi.body).toContain('name="n.3.5"');
    expect(vi.body).not.toContain('name="n.1.1"');
    expect(Buffer.byteLength(vi.body)).toBeLessThan(50 * 1024);
    const en = await page('unit_leader_a', 'GET', '/scorecard?unit=10001&from=2026-01-01&to=2026-02-01', undefined, 'en');
    expect(en.body).toContain('counts entered by hand: 4 ÷ 5');
    expect(en.body).toContain('To process');
    expect(en.body).not.toContain('Cần giải quyết');
    const id = await page('unit_leader_a', 'GET', '/scorecard?unit=10001&from=2026-01-01&to=2026-02-01', undefined, 'id');
    expect(id.body).toContain('angka yang dimasukkan manual: 4 ÷ 5');
    // A range that is not one period: no form, a hint.
    const odd = await page('unit_leader_a', 'GET', '/scorecard?unit=10001&from=2026-01-05&to=2026-02-01');
    expect(odd.body).toContain('Chọn đúng một tháng, một quý hoặc một năm');
    expect(odd.body).not.toContain('name="n.3.5"');

    const base = { unit: '10001', period: '2026-01', from: '2026-01-01', to: '2026-02-01' };
    const before = await auditCount();
    const bad = await page('unit_leader_a', 'POST', '/scorecard/supplied', {
      ...base,
      'n.3.5': '9',
      'd.3.5': '4',
      's.3.5': 'x',
      'v.3.5': '1',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
    expect(bad.body).toContain('Tử số 3.5');
    expect(await auditCount()).toBe(before);
    const stale = await page('unit_leader_a', 'POST', '/scorecard/supplied', {
      ...base,
      'n.3.5': '1',
      'd.3.5': '4',
      's.3.5': 'x',
      'v.3.5': '0',
    });
    expect(stale.statusCode).toBe(409);
    expect(await auditCount()).toBe(before);
    const ok = await page('unit_leader_a', 'POST', '/scorecard/supplied', {
      ...base,
      'n.3.5': '1',
      'd.3.5': '4',
      's.3.5': 'Cổng thanh toán',
      'v.3.5': '1',
      // Unchanged 5.2 row, sent back as the form shows it: not an edit.
      'n.5.2': '4',
      'd.5.2': '5',
      's.5.2': 'Sổ theo dõi PAKN',
      'v.5.2': '2',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/scorecard?unit=10001&from=2026-01-01&to=2026-02-01&saved=1#supplied');
    expect(await auditCount()).toBe(before + 1);
    const list = (await api('unit_leader_a', 'GET', `${API}/10001/2026-01`)).json();
    const versions = Object.fromEntries(
      list.items.map((i: { indicator: string; entry: { version: number } | null }) => [i.indicator, i.entry?.version]),
    );
    expect(versions).toMatchObject({ '3.5': 2, '5.2': 2 });
    const after = await page('unit_leader_a', 'GET', ok.headers.location as string);
    expect(after.body).toContain('Đã lưu số liệu bổ sung.');
  });

  it('the XLSX writes the traces and the entries in Vietnamese', async () => {
    const res = await page('unit_leader_a', 'GET', '/scorecard.xlsx?unit=10001&from=2026-01-01&to=2026-02-01', undefined, 'en');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const row = (code: string) => ws?.getRows(2, 20)?.find((r) => r.getCell(1).value === code);
    expect(row('5.2')?.getCell(10).value).toBe('Số liệu nhập bổ sung: 4 ÷ 5');
    expect(String(row('5.2')?.getCell(11).value)).toContain(
      'Xã Hòa Bình, kỳ tháng 1/2026: 4/5 — nguồn: Sổ theo dõi PAKN — Test unit_leader_a',
    );
    expect(String(row('2.1')?.getCell(10).value)).toMatch(/^Đúng hạn 0 = cần giải quyết 0/);
    expect(row('1.2')?.getCell(11).value).toBeNull();
  });
  it('clears what was entered, by API and by the form box, with versions, audited; bad clears change nothing', async () => {
    const url = `${API}/10001/2026-03`;
    const entryOf = async (code: string) =>
      (await api('unit_leader_a', 'GET', url)).json().items.find((i: { indicator: string }) => i.indicator === code).entry;
    expect((await api('unit_leader_a', 'PUT', url, { items: [item('3.5', 2, 3), item('5.2', 1, 1)] })).statusCode).toBe(200);
    const before = await auditCount();
    // Counts sent with clear, a stale version: refused, nothing changed.
    const mixed = await api('unit_leader_a', 'PUT', url, { items: [{ indicator: '3.5', clear: true, numerator: 1, version: 1 }] });
    expect(mixed.statusCode).toBe(400);
    const stale = await api('unit_leader_a', 'PUT', url, { items: [{ indicator: '3.5', clear: true, version: 0 }] });
    expect(stale.statusCode).toBe(409);
    expect(await auditCount()).toBe(before);
    expect(await entryOf('3.5')).toMatchObject({ numerator: 2, version: 1 });

    const cleared = await api('unit_leader_a', 'PUT', url, { items: [{ indicator: '3.5', clear: true, version: 1 }] });
    expect(cleared.statusCode).toBe(200);
    expect(await entryOf('3.5')).toBeNull();
    expect(await entryOf('5.2')).toMatchObject({ numerator: 1 });
    expect(await auditCount()).toBe(before + 1);
    const card = (await api('unit_leader_a', 'GET', '/api/v1/scorecards/766?from=2026-03-01&to=2026-04-01&unit=10001')).json() as Card;
    expect(card.notSupplied).toContain('3.5');
    expect(card.notSupplied).not.toContain('5.2');

    // The page offers the box only for a stored row; ticking it clears even with values beside it.
    const shown = await page('unit_leader_a', 'GET', '/scorecard?unit=10001&from=2026-03-01&to=2026-04-01');
    expect(shown.body).toContain('name="c.5.2"');
    expect(shown.body).not.toContain('name="c.3.5"');
    const form = { unit: '10001', period: '2026-03', from: '2026-03-01', to: '2026-04-01' };
    const ok = await page('unit_leader_a', 'POST', '/scorecard/supplied', {
      ...form,
      'n.5.2': '1',
      'd.5.2': '1',
      's.5.2': 'Báo cáo 12/BC-UBND',
      'v.5.2': '1',
      'c.5.2': '1',
    });
    expect(ok.statusCode).toBe(303);
    expect(await entryOf('5.2')).toBeNull();
    const last = await t.database.db
      .selectFrom('auditLog')
      .select(['before', 'after'])
      .where('action', '=', 'scorecard.supplied.put')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
    expect(text(last.before)).toContain('"indicator":"5.2"');
    expect(text(last.after)).not.toContain('"indicator":"5.2"');
  });
});
