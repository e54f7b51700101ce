import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { WISN_EXAMPLE } from './staffing.schemas.ts';

type Json = Record<string, unknown>;
type Problem = { code: string; status: number; errors?: { path: string; message: string }[] };

/** The body of domain.md §10 worked in wisn.test.ts: AWT 1840 h; S 30 min/item × 3680 → 1 staff; CAS 5 %; IAS 184 h. */
const GOOD = {
  workingTime: {
    weeksPerYear: 52,
    daysPerWeek: 5,
    publicHolidayDays: 11,
    annualLeaveDays: 12,
    sickLeaveDays: 3,
    otherAbsenceDays: 4,
    hoursPerDay: 8,
  },
  service: [{ name: 'Khai sinh', annualWorkload: 3680, standard: 30, standardUnit: 'minutes_per_item' }],
  support: [{ name: 'Giao ban', time: 2, timeUnit: 'hours', per: 'week' }],
  additional: [{ name: 'Kế toán', timePerPerson: 92, timeUnit: 'hours', persons: 2 }],
  actualStaff: 1,
};

const FORM: Record<string, string> = {
  'workingTime.weeksPerYear': '52',
  'workingTime.daysPerWeek': '5',
  'workingTime.publicHolidayDays': '11',
  'workingTime.annualLeaveDays': '12',
  'workingTime.sickLeaveDays': '3',
  'workingTime.otherAbsenceDays': '4',
  'workingTime.hoursPerDay': '8',
  'service.0.name': 'Khai sinh',
  'service.0.annualWorkload': '3680',
  'service.0.standard': '30',
  'service.0.standardUnit': 'minutes_per_item',
  'service.1.name': '',
  'service.1.annualWorkload': '',
  'service.1.standard': '',
  'service.1.standardUnit': 'minutes_per_item',
  'support.0.name': 'Giao ban',
  'support.0.time': '2',
  'support.0.timeUnit': 'hours',
  'support.0.per': 'week',
  actualStaff: '1',
};

describe.each(testDialects())('WISN calculator on %s', (dialect) => {
  let t: TestApp;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, payload: unknown, lang?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/staffing/wisn',
      headers: { authorization: user(name).bearer, ...(lang ? { cookie: `cadre_lang=${lang}` } : {}) },
      payload: payload as Json,
    });
  const page = (name: string, method: 'GET' | 'POST', form?: Record<string, string>, extra: Record<string, string> = {}) =>
    t.app.inject({
      method,
      url: '/staffing/wisn',
      headers: {
        cookie: user(name).cookie,
        'x-csrf-token': user(name).csrf,
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...extra,
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
  const auditCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('auditLog')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await buildTestApp(dialect);
  });
  afterAll(async () => t?.close());

  it('answers every intermediate figure, unrounded and with its unit', async () => {
    const res = await api('province_analyst', GOOD);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    // AWT = [260 − 30] × 8 = 1840 h; SW = 110 400 / 30 = 3680; need 1; CAS = 120 / 2400 × 100 = 5 %; CAF = 1 / 0.95
    // IAF = 184 / 1840 = 0.1; required = 1 / 0.95 + 0.1 = 1.152631…; ratio = 1 / 1.152631…
    expect(r.availableWorkingTime.hours).toEqual({ value: 1840, unit: 'hours/year' });
    expect(r.availableWorkingTime.minutes).toEqual({ value: 110_400, unit: 'minutes/year' });
    expect(r.service[0].standardWorkload).toEqual({ value: 3680, unit: 'items/year/staff' });
    expect(r.service[0].staffNeed).toEqual({ value: 1, unit: 'staff' });
    expect(r.support[0].casPercent.value).toBeCloseTo(5, 12);
    expect(r.caf.value).toBeCloseTo(1 / 0.95, 12);
    expect(r.iaf.value).toBeCloseTo(0.1, 12);
    expect(r.requiredStaff.value).toBeCloseTo(1 / 0.95 + 0.1, 12);
    expect(r.requiredStaff.unit).toBe('staff');
    expect(r.difference.value).toBeCloseTo(1 - (1 / 0.95 + 0.1), 12);
    expect(r.ratio.value).toBeCloseTo(1 / (1 / 0.95 + 0.1), 12);
    expect(r.formulaVersion).toMatch(/^WISN-/);
    expect(r.trace.length).toBeGreaterThan(8);
    // The documented example works as given.
    expect((await api('unit_hr_a', WISN_EXAMPLE)).statusCode).toBe(200);
  });

  it('refuses a body the schema refuses with 400 and translated field problems, writing nothing', async () => {
    const before = await auditCount();
    const missing = await api('unit_leader_a', { ...GOOD, actualStaff: undefined }, 'en');
    expect(missing.statusCode).toBe(400);
    const pm = missing.json() as Problem;
    expect(pm.code).toBe('VALIDATION_FAILED');
    expect(pm.errors?.map((e) => e.path)).toContain('actualStaff');
    const vi = (await api('unit_leader_a', { ...GOOD, actualStaff: 'many' }, 'vi')).json() as Problem;
    const en = (await api('unit_leader_a', { ...GOOD, actualStaff: 'many' }, 'en')).json() as Problem;
    expect(vi.errors?.[0]?.message).not.toBe(en.errors?.[0]?.message);
    const unknown = await api('unit_leader_a', { ...GOOD, extra: 1 });
    expect(unknown.statusCode).toBe(400);
    const badUnit = await api('unit_leader_a', { ...GOOD, support: [{ name: 'x', time: 1, timeUnit: 'days', per: 'week' }] });
    expect((badUnit.json() as Problem).errors?.map((e) => e.path)).toEqual(['support.0.timeUnit']);
    const negative = await api('unit_leader_a', { ...GOOD, workingTime: { ...GOOD.workingTime, sickLeaveDays: -1 } });
    expect((negative.json() as Problem).errors?.map((e) => e.path)).toEqual(['workingTime.sickLeaveDays']);
    expect(await auditCount()).toBe(before);
  });

  it('refuses TotalCAS% ≥ 100 and AWT ≤ 0 with 422, naming the field, in the caller’s language', async () => {
    const before = await auditCount();
    const cas = await api('province_admin', { ...GOOD, support: [{ name: 'cả ngày', time: 8, timeUnit: 'hours', per: 'day' }] }, 'en');
    expect(cas.statusCode).toBe(422);
    const pc = cas.json() as Problem;
    expect(pc.code).toBe('STAFFING_WISN_INVALID');
    expect(pc.errors).toEqual([{ path: 'support', message: 'the category allowances must total less than 100% of working time' }]);
    const awt = await api(
      'province_admin',
      {
        ...GOOD,
        workingTime: {
          ...GOOD.workingTime,
          possibleWorkingDays: 30,
          publicHolidayDays: 11,
          annualLeaveDays: 12,
          sickLeaveDays: 3,
          otherAbsenceDays: 4,
        },
      },
      'id',
    );
    expect(awt.statusCode).toBe(422);
    const pa = awt.json() as Problem;
    expect(pa.errors?.[0]?.path).toBe('workingTime');
    expect(pa.errors?.[0]?.message).toContain('waktu kerja tersedia');
    expect(await auditCount()).toBe(before);
    // Nothing else is affected: the next good request still gives the same answer.
    expect((await api('province_admin', GOOD)).json().requiredStaff.value).toBeCloseTo(1 / 0.95 + 0.1, 12);
  });

  it('documents the body and the answer, with units, in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const op = doc.paths['/api/v1/staffing/wisn'].post;
    expect(op.description).toContain('× 12');
    const body = op.requestBody.content['application/json'].schema;
    const text = JSON.stringify(body);
    expect(text).toContain('days per year');
    expect(text).toContain('minutes_per_item');
    expect(text).toContain('hoursPerDay');
    expect(body.example?.service?.[0]?.standardUnit).toBe('minutes_per_item');
    expect(JSON.stringify(op.responses['200'])).toContain('CAF = 1 / (1 − TotalCAS% / 100)');
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400', '422']));
  });

  it('renders the calculator form with labelled fields and captions', async () => {
    const res = await page('unit_hr_a', 'GET');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<form method="post" action="/staffing/wisn"');
    expect(res.body).toContain('<label for="f-workingTime-hoursPerDay">');
    expect(res.body).toContain('name="service.2.name"');
    expect(res.body).toContain('<caption>');
    expect(res.body).toContain('href="/staffing/wisn"');
    expect(Buffer.byteLength(res.body)).toBeLessThan(50_000);
  });

  it('shows the result of a posted form, rounded for display, with the values kept', async () => {
    const res = await page('unit_leader_a', 'POST', FORM);
    expect(res.statusCode).toBe(200);
    // required = 1 × 1 / 0.95 = 1.0526… → "1,05" (vi, 2 decimals, display only)
    expect(res.body).toContain('id="wisn-result"');
    expect(res.body).toContain('1,05');
    expect(res.body).toContain('value="Khai sinh"');
    expect(res.body).toContain('value="3680"');
    // Blank rows were dropped and one blank row is left to type into.
    expect(res.body).toContain('name="service.1.name"');
    expect(res.body).not.toContain('name="service.2.name"');
    expect(Buffer.byteLength(res.body)).toBeLessThan(50_000);
  });

  it('shows translated errors next to the fields with the values kept, and adds rows without JavaScript', async () => {
    const before = await auditCount();
    const bad = await page('unit_leader_a', 'POST', { ...FORM, 'service.0.standard': 'abc', 'workingTime.annualLeaveDays': '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-service-0-standard-error"');
    expect(bad.body).toContain('id="f-workingTime-annualLeaveDays-error"');
    expect(bad.body).toContain('value="abc"');
    expect(bad.body).toContain('value="Khai sinh"');
    expect(bad.body).not.toContain('id="wisn-result"');
    const cas = await page('unit_leader_a', 'POST', { ...FORM, 'support.0.time': '40', 'support.0.per': 'week' });
    expect(cas.statusCode).toBe(422);
    expect(cas.body).toContain('id="f-support-error"');
    expect(cas.body).toContain('dưới 100%');
    const added = await page('unit_leader_a', 'POST', { ...FORM, add: 'service' });
    expect(added.statusCode).toBe(200);
    expect(added.body).toContain('name="service.2.name"');
    expect(added.body).toContain('value="Khai sinh"');
    expect(added.body).not.toContain('id="wisn-result"');
    expect(await auditCount()).toBe(before);
  });

  it('answers htmx with the calculator fragment only', async () => {
    const res = await page('province_analyst', 'POST', FORM, { 'hx-request': 'true' });
    expect(res.statusCode).toBe(200);
    expect(res.body.startsWith('<div id="wisn">')).toBe(true);
    expect(res.body).not.toContain('<html');
    expect(res.body).toContain('id="wisn-result"');
  });
});
