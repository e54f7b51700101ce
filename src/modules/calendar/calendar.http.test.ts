import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../test/support/fixture.ts';
import { SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import { setRule } from '../../platform/rules/rules.ts';

describe.each(testDialects())('calendar over HTTP on %s', (dialect) => {
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
  const api = (
    name: string,
    url: string,
    method: 'GET' | 'POST' | 'DELETE' = 'GET',
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: user(name).bearer, ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  const dueDate = (from: string, amount: number | string, unit: string, name = 'counter_officer_a') =>
    api(name, `/api/v1/calendar/due-date?from=${encodeURIComponent(from)}&amount=${amount}&unit=${unit}`);
  const page = (name: string, url: string, headers: Record<string, string> = {}) =>
    t.app.inject({ url, headers: { cookie: user(name).cookie, ...headers } });
  const post = (name: string, url: string, fields: Record<string, string>, csrf = true) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user(name).cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...fields, ...(csrf ? { _csrf: user(name).csrf } : {}) }).toString(),
    });
  const auditEntries = (action: string) =>
    t.database.db.selectFrom('auditLog').selectAll().where('action', '=', action).orderBy('seq', 'desc').execute();
  const holidayOn = (date: string) =>
    t.database.db.selectFrom('holidays').select(['id', 'date']).where('date', '=', date).executeTakeFirst();

  describe('GET /api/v1/calendar/due-date', () => {
    it('counts 3 working days across the Tết 2026 break and lists the days it skipped', async () => {
      const res = await dueDate('2026-02-13T10:00:00+07:00', 3, 'working_days');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        from: '2026-02-13T03:00:00.000Z',
        amount: 3,
        unit: 'working_days',
        receivedOn: '2026-02-13',
        startsCountingAt: '2026-02-13T03:00:00.000Z',
        due: '2026-02-25T10:00:00.000Z',
        dueDate: '2026-02-25',
        dueLocal: '25/02/2026 17:00',
        provisional: false,
        yearsWithoutCalendar: [],
        workingSaturdays: [],
      });
      expect(body.skipped).toEqual(
        ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'].map((date) => ({
          date,
          name: 'Tết Nguyên đán',
          kind: 'HOLIDAY',
          confirmed: true,
        })),
      );
      expect(body.rulesUsed).toEqual({
        timeZone: 'Asia/Ho_Chi_Minh',
        cutoffHour: 15,
        officeHours: [
          { start: '07:30', end: '11:30' },
          { start: '13:00', end: '17:00' },
        ],
        saturdaysCount: false,
        deadlineEndOfDay: 'office_close',
        calendarDaysRollForward: true,
      });
    });

    it('moves a receipt after the 15:00 cut-off to the next working day', async () => {
      const body = (await dueDate('2026-02-13T08:30:00Z', 3, 'working_days')).json();
      expect(body).toMatchObject({ receivedOn: '2026-02-23', startsCountingAt: '2026-02-23T00:30:00.000Z', dueLocal: '26/02/2026 17:00' });
    });

    it('computes working hours and calendar days, and flags provisional days', async () => {
      const hours = (await dueDate('2026-03-02T10:00:00+07:00', 4, 'hours')).json();
      expect(hours).toMatchObject({ unit: 'hours', dueLocal: '02/03/2026 15:30', skipped: [] });
      const days = (await dueDate('2026-02-10T09:00:00+07:00', 5, 'days')).json();
      expect(days).toMatchObject({ dueDate: '2026-02-23', dueLocal: '23/02/2026 17:00' });
      const newYear = (await dueDate('2025-12-31T10:00:00+07:00', 1, 'working_days')).json();
      expect(newYear).toMatchObject({ dueDate: '2026-01-05', provisional: true });
      expect(newYear.skipped.map((d: { date: string; confirmed: boolean }) => [d.date, d.confirmed])).toEqual([
        ['2026-01-01', true],
        ['2026-01-02', false],
      ]);
      const beyond = (await dueDate('2027-12-30T10:00:00+07:00', 5, 'working_days')).json();
      expect(beyond.yearsWithoutCalendar).toEqual([2028]);
    });

    it('names the skipped days in the caller’s language', async () => {
      const res = await api(
        'counter_officer_a',
        `/api/v1/calendar/due-date?from=${encodeURIComponent('2026-02-13T10:00:00+07:00')}&amount=1&unit=working_days`,
        'GET',
        undefined,
        {
          cookie: 'cadre_lang=en',
        },
      );
      expect(res.json().skipped[0]).toEqual({ date: '2026-02-16', name: 'Lunar New Year (Tết)', kind: 'HOLIDAY', confirmed: true });
    });

    it('answers bad input with 400 problem+json naming the field', async () => {
      const cases: [string, string][] = [
        ['/api/v1/calendar/due-date?amount=3&unit=working_days', 'from'],
        ['/api/v1/calendar/due-date?from=2026-02-13&amount=3&unit=working_days', 'from'],
        ['/api/v1/calendar/due-date?from=2026-02-13T10:00:00&amount=3&unit=working_days', 'from'],
        ['/api/v1/calendar/due-date?from=yesterday&amount=3&unit=working_days', 'from'],
        [`/api/v1/calendar/due-date?from=${encodeURIComponent('1999-12-31T10:00:00+07:00')}&amount=3&unit=working_days`, 'from'],
        [`/api/v1/calendar/due-date?from=${encodeURIComponent('2026-02-13T10:00:00+07:00')}&amount=-1&unit=working_days`, 'amount'],
        [`/api/v1/calendar/due-date?from=${encodeURIComponent('2026-02-13T10:00:00+07:00')}&amount=1.5&unit=working_days`, 'amount'],
        [`/api/v1/calendar/due-date?from=${encodeURIComponent('2026-02-13T10:00:00+07:00')}&amount=367&unit=working_days`, 'amount'],
        [`/api/v1/calendar/due-date?from=${encodeURIComponent('2026-02-13T10:00:00+07:00')}&amount=99999999&unit=hours`, 'amount'],
        [`/api/v1/calendar/due-date?from=${encodeURIComponent('2026-02-13T10:00:00+07:00')}&amount=3`, 'unit'],
        [`/api/v1/calendar/due-date?from=${encodeURIComponent('2026-02-13T10:00:00+07:00')}&amount=3&unit=weeks`, 'unit'],
      ];
      for (const [url, field] of cases) {
        const res = await api('counter_officer_a', url);
        expect({ url, status: res.statusCode }).toEqual({ url, status: 400 });
        expect(res.headers['content-type']).toContain('application/problem+json');
        const body = res.json();
        expect(body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
        expect({ url, paths: body.errors.map((e: { path: string }) => e.path) }).toEqual({ url, paths: expect.arrayContaining([field]) });
      }
    });
  });

  describe('holidays API', () => {
    it('lists a year, defaulting to this year in Vietnam, with the years covered', async () => {
      const res = await api('field_specialist_b', '/api/v1/calendar/holidays');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.year).toBe(2026);
      expect(body.yearRange).toEqual({ first: 2025, last: 2027 });
      expect(body.items).toHaveLength(14);
      expect(body.items[0]).toEqual({
        id: expect.any(Number),
        date: '2026-01-01',
        kind: 'HOLIDAY',
        nameVi: 'Tết Dương lịch',
        nameEn: "New Year's Day",
        decidingDocument: 'Bộ luật Lao động 2019, Điều 112',
        confirmed: true,
      });
      expect((await api('citizen', '/api/v1/calendar/holidays?year=2030')).json().items).toEqual([]);
      expect((await api('citizen', '/api/v1/calendar/holidays?year=20260')).statusCode).toBe(400);
    });

    it('adds a holiday (audited, with the re-timing seam) and the due date moves with it', async () => {
      const before = (await dueDate('2026-03-02T09:00:00+07:00', 2, 'working_days')).json();
      expect(before.dueDate).toBe('2026-03-04');
      const res = await api('province_admin', '/api/v1/calendar/holidays', 'POST', {
        date: '2026-03-04',
        kind: 'HOLIDAY',
        nameVi: 'Ngày nghỉ thử',
        nameEn: 'Test day off',
        decidingDocument: 'Văn bản thử số 1',
        confirmed: false,
      });
      expect(res.statusCode).toBe(201);
      const added = res.json();
      expect(added).toMatchObject({ date: '2026-03-04', kind: 'HOLIDAY', confirmed: false });
      const [entry] = await auditEntries('calendar.holiday.add');
      expect(entry).toMatchObject({
        actorUsername: 'province_admin',
        entityType: 'holiday',
        entityId: String(added.id),
        provinceCode: 'T1',
      });
      expect(JSON.parse(entry?.after ?? '{}')).toMatchObject({
        date: '2026-03-04',
        nameVi: 'Ngày nghỉ thử',
        decidingDocument: 'Văn bản thử số 1',
      });
      const [retime] = await auditEntries('calendar.retime');
      expect(retime?.requestId).toBe(entry?.requestId);
      expect(JSON.parse(retime?.after ?? '{}')).toMatchObject({ dates: ['2026-03-04'], dossiersRetimed: 0 });
      const after = (await dueDate('2026-03-02T09:00:00+07:00', 2, 'working_days')).json();
      expect(after).toMatchObject({ dueDate: '2026-03-05', provisional: true, skipped: [{ date: '2026-03-04', name: 'Ngày nghỉ thử' }] });
    });

    it('removes it again (audited with the before-image), and a second removal is 404', async () => {
      const row = await holidayOn('2026-03-04');
      const res = await api('system_admin', `/api/v1/calendar/holidays/${row?.id}`, 'DELETE');
      expect(res.statusCode).toBe(204);
      expect(await holidayOn('2026-03-04')).toBeUndefined();
      const [entry] = await auditEntries('calendar.holiday.remove');
      expect(entry).toMatchObject({ actorUsername: 'system_admin', entityId: String(row?.id) });
      expect(JSON.parse(entry?.before ?? '{}')).toMatchObject({ date: '2026-03-04', nameVi: 'Ngày nghỉ thử' });
      expect((await dueDate('2026-03-02T09:00:00+07:00', 2, 'working_days')).json().dueDate).toBe('2026-03-04');
      const again = await api('system_admin', `/api/v1/calendar/holidays/${row?.id}`, 'DELETE');
      expect(again.statusCode).toBe(404);
      expect(again.json()).toMatchObject({ code: 'CALENDAR_HOLIDAY_NOT_FOUND' });
    });

    it('refuses a duplicate date, a misplaced swap, unknown fields and bad dates, writing nothing', async () => {
      const audits = (await auditEntries('calendar.holiday.add')).length;
      const base = { kind: 'HOLIDAY', nameVi: 'X', nameEn: 'X', decidingDocument: 'X' };
      const cases: [unknown, number, string][] = [
        [{ ...base, date: '2026-02-17' }, 409, 'CALENDAR_HOLIDAY_EXISTS'],
        [{ ...base, date: '2026-03-05', kind: 'WORKING_SATURDAY' }, 400, 'CALENDAR_WORKING_DAY_NOT_WEEKEND'],
        [{ ...base, date: '2026-03-07', kind: 'COMPENSATORY_DAY_OFF' }, 400, 'CALENDAR_DAY_OFF_ON_WEEKEND'],
        [{ ...base, date: '2026-03-05', id: 5 }, 400, 'VALIDATION_FAILED'],
        [{ ...base, date: '2026-02-30' }, 400, 'VALIDATION_FAILED'],
        [{ ...base, date: '2026-03-05', kind: 'FESTIVAL' }, 400, 'VALIDATION_FAILED'],
        [{ ...base, date: '2026-03-05', nameVi: '  ' }, 400, 'VALIDATION_FAILED'],
      ];
      for (const [payload, status, code] of cases) {
        const res = await api('province_admin', '/api/v1/calendar/holidays', 'POST', payload);
        expect({ payload, status: res.statusCode, code: res.json().code }).toEqual({ payload, status, code });
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      const duplicate = await api('province_admin', '/api/v1/calendar/holidays', 'POST', { ...base, date: '2026-02-17' });
      expect(duplicate.json().title).toBe('Ngày 17/02/2026 đã có trong lịch nghỉ.');
      expect((await auditEntries('calendar.holiday.add')).length).toBe(audits);
      expect(await holidayOn('2026-03-05')).toBeUndefined();
    });
  });

  describe('pages', () => {
    it('shows the year’s holidays with provisional ones marked, and the add form to managers only', async () => {
      const res = await page('province_admin', '/calendar?year=2026');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<h1>Lịch làm việc, ngày nghỉ và hạn giải quyết</h1>');
      expect(res.body).toContain('Ngày nghỉ lễ, nghỉ bù và ngày làm bù năm 2026</caption>');
      expect(res.body).toContain('<th scope="col">Văn bản quyết định</th>');
      expect(res.body).toContain('Thứ Năm 01/01/2026');
      expect(res.body).toContain('<span class="badge">Tạm tính</span>');
      expect(res.body).toContain('action="/calendar/holidays"');
      expect(res.body).toContain('aria-label="Xóa ngày 02/01/2026 khỏi lịch"');
      expect(res.body).toContain('href="/calendar"');
      expect(Buffer.byteLength(res.body)).toBeLessThan(50_000);
      const officer = await page('counter_officer_a', '/calendar?year=2027');
      expect(officer.statusCode).toBe(200);
      expect(officer.body).toContain('Ngày nghỉ lễ, Tết năm 2027');
      expect(officer.body).toContain('Thứ Bảy 06/02/2027');
      expect(officer.body).not.toContain('action="/calendar/holidays"');
      expect(officer.body).not.toContain('/delete');
      expect(officer.body).not.toContain('href="/calendar"');
    });

    it('computes a due date from the GET form without JavaScript, listing the skipped days', async () => {
      const res = await page('counter_officer_a', '/calendar/due-date?fromDate=2026-02-13&fromTime=16:00&amount=3&unit=working_days');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<html');
      expect(res.body).toContain('Thứ Năm 26/02/2026 17:00');
      expect(res.body).toContain('Ngày nghỉ lễ, nghỉ bù đã bỏ qua</caption>');
      expect(res.body).toContain('Thứ Ba 17/02/2026');
      expect(res.body).toContain('value="16:00"');
      expect(res.body).toContain('giờ chốt nhận hồ sơ 15:00');
    });

    it('answers an htmx calculation with the result fragment only', async () => {
      const res = await page('counter_officer_a', '/calendar/due-date?fromDate=2026-02-13&fromTime=10:00&amount=3&unit=working_days', {
        'hx-request': 'true',
      });
      expect(res.statusCode).toBe(200);
      expect(res.body.startsWith('<div id="due-result"')).toBe(true);
      expect(res.body).not.toContain('<html');
      expect(res.body).toContain('Thứ Tư 25/02/2026 17:00');
      expect(res.headers.vary).toContain('HX-Request');
    });

    it('shows translated problems for bad calculator input, as a page and as a fragment', async () => {
      const res = await page('counter_officer_a', '/calendar/due-date?fromDate=2026-02-30&fromTime=25:00&amount=-2&unit=weeks');
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Ngày tiếp nhận không hợp lệ');
      expect(res.body).toContain('Giờ tiếp nhận phải theo dạng giờ:phút');
      expect(res.body).toContain('Đơn vị thời hạn không hợp lệ');
      expect(res.body).toContain('Thời hạn phải là số nguyên từ 0 đến 366');
      expect(res.body).toContain('aria-invalid="true"');
      const fragment = await page('counter_officer_a', '/calendar/due-date?fromDate=2026-03-02&fromTime=09:00&amount=3000&unit=hours', {
        'hx-request': 'true',
      });
      expect(fragment.statusCode).toBe(400);
      expect(fragment.body.startsWith('<div id="due-result"')).toBe(true);
      expect(fragment.body).toContain('từ 0 đến 2928');
    });

    it('adds a day through the form, shows a notice, and removes it through its button', async () => {
      const res = await post('province_admin', '/calendar/holidays', {
        date: '2027-12-24',
        kind: 'HOLIDAY',
        nameVi: 'Ngày nghỉ thử qua biểu mẫu',
        nameEn: 'Form test day',
        decidingDocument: 'Văn bản thử số 2',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/calendar?year=2027&notice=added#holidays');
      const added = await holidayOn('2027-12-24');
      expect(added).toBeDefined();
      const shown = await page('province_admin', '/calendar?year=2027&notice=added');
      expect(shown.body).toContain('Đã thêm ngày vào lịch.');
      expect(shown.body).toContain('Ngày nghỉ thử qua biểu mẫu');
      expect(shown.body).toMatch(/Ngày nghỉ thử qua biểu mẫu<\/td>.*?<span class="badge">Tạm tính<\/span>/s);
      const removed = await post('province_admin', `/calendar/holidays/${added?.id}/delete`, {});
      expect(removed.statusCode).toBe(303);
      expect(removed.headers.location).toBe('/calendar?year=2027&notice=removed#holidays');
      expect(await holidayOn('2027-12-24')).toBeUndefined();
      expect(JSON.parse((await auditEntries('calendar.holiday.remove'))[0]?.before ?? '{}')).toMatchObject({ date: '2027-12-24' });
    });

    it('keeps the typed values and shows translated errors when the form is refused', async () => {
      const dup = await post('province_admin', '/calendar/holidays', {
        date: '2026-02-17',
        kind: 'HOLIDAY',
        nameVi: 'Trùng ngày',
        nameEn: 'Duplicate',
        decidingDocument: 'X',
        confirmed: 'on',
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.body).toContain('Ngày 17/02/2026 đã có trong lịch nghỉ.');
      expect(dup.body).toContain('value="Trùng ngày"');
      const blank = await post('province_admin', '/calendar/holidays', {
        date: '2026-03-10',
        kind: 'HOLIDAY',
        nameVi: '',
        nameEn: 'X',
        decidingDocument: '',
      });
      expect(blank.statusCode).toBe(400);
      expect(blank.body).toContain('Vui lòng kiểm tra: Tên (tiếng Việt), Văn bản quyết định.');
      const swap = await post('province_admin', '/calendar/holidays', {
        date: '2026-03-10',
        kind: 'WORKING_SATURDAY',
        nameVi: 'Làm bù',
        nameEn: 'Worked',
        decidingDocument: 'X',
      });
      expect(swap.statusCode).toBe(400);
      expect(swap.body).toContain('Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.');
      expect(await holidayOn('2026-03-10')).toBeUndefined();
    });

    it('refuses a form without its CSRF token, or from a role that may not manage the calendar', async () => {
      const noCsrf = await post(
        'province_admin',
        '/calendar/holidays',
        { date: '2026-03-11', kind: 'HOLIDAY', nameVi: 'X', nameEn: 'X', decidingDocument: 'X' },
        false,
      );
      expect(noCsrf.statusCode).toBe(403);
      const officer = await post('unit_leader_a', '/calendar/holidays', {
        date: '2026-03-11',
        kind: 'HOLIDAY',
        nameVi: 'X',
        nameEn: 'X',
        decidingDocument: 'X',
      });
      expect(officer.statusCode).toBe(403);
      expect(await holidayOn('2026-03-11')).toBeUndefined();
    });
  });

  it('applies a province’s own cut-off hour from the rules store on the day of receipt', async () => {
    await setRule(
      t.database.db,
      { actor: SYSTEM_ACTOR('T1'), requestId: null, at: NOW, provinceCode: 'T1' },
      {
        key: 'calendar.cutoffHour',
        provinceCode: 'T1',
        value: 16,
        effectiveFrom: '2026-03-01',
        sourceNote: 'Quyết định thử của tỉnh T1',
      },
    );
    const late = (await dueDate('2026-03-02T15:30:00+07:00', 1, 'working_days')).json();
    expect(late).toMatchObject({ receivedOn: '2026-03-02', dueDate: '2026-03-03', rulesUsed: { cutoffHour: 16 } });
    const before = (await dueDate('2026-02-27T15:30:00+07:00', 1, 'working_days')).json();
    expect(before).toMatchObject({ receivedOn: '2026-03-02', rulesUsed: { cutoffHour: 15 } });
    const otherProvince = (await dueDate('2026-03-02T15:30:00+07:00', 1, 'working_days', 'other_province_admin')).json();
    expect(otherProvince).toMatchObject({ receivedOn: '2026-03-03', rulesUsed: { cutoffHour: 15 } });
  });
});
