import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { NOW } from '../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import { HOLIDAY_SEED } from '../../platform/db/migrations/0005-calendar-and-rules.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { deleteHoliday, findHoliday, findHolidayByDate, holidayYearRange, insertHoliday, listHolidays } from './calendar.repository.ts';

describe.each(testDialects())('calendar repository on %s', (dialect) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await createTestDatabase(dialect);
  });
  afterAll(async () => h?.close());

  it('starts with the seeded 2025–2027 calendar, dates as YYYY-MM-DD and flags as booleans', async () => {
    const all = await listHolidays(h.db, {});
    expect(all).toHaveLength(HOLIDAY_SEED.length);
    expect(all.map((r) => r.date)).toEqual(HOLIDAY_SEED.map((s) => s.date));
    expect(await findHolidayByDate(h.db, '2026-01-02')).toMatchObject({ kind: 'COMPENSATORY_DAY_OFF', confirmed: false });
    expect(await findHolidayByDate(h.db, '2026-02-17')).toMatchObject({ kind: 'HOLIDAY', confirmed: true, nameVi: 'Tết Nguyên đán' });
    expect(await holidayYearRange(h.db)).toEqual({ first: 2025, last: 2027 });
  });

  it('lists a date range, both ends included', async () => {
    const tet = await listHolidays(h.db, { from: '2026-02-16', to: '2026-02-20' });
    expect(tet.map((r) => r.date)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect((await listHolidays(h.db, { from: '2027-09-02' })).map((r) => r.date)).toEqual(['2027-09-02', '2027-09-03']);
    expect(await listHolidays(h.db, { from: '2030-01-01', to: '2030-12-31' })).toEqual([]);
  });

  it('inserts, finds and deletes an entry', async () => {
    const added = await insertHoliday(
      h.db,
      {
        date: '2028-01-01',
        kind: 'HOLIDAY',
        nameVi: 'Tết Dương lịch',
        nameEn: "New Year's Day",
        decidingDocument: 'BLLĐ 2019',
        confirmed: true,
      },
      NOW,
    );
    expect(await findHoliday(h.db, added.id)).toEqual(added);
    expect(await holidayYearRange(h.db)).toEqual({ first: 2025, last: 2028 });
    expect(await deleteHoliday(h.db, added.id)).toBe(true);
    expect(await deleteHoliday(h.db, added.id)).toBe(false);
    expect(await findHoliday(h.db, added.id)).toBeUndefined();
  });

  it('refuses a second entry on the same date with CALENDAR_HOLIDAY_EXISTS', async () => {
    const attempt = insertHoliday(
      h.db,
      { date: '2026-02-17', kind: 'HOLIDAY', nameVi: 'Trùng', nameEn: 'Duplicate', decidingDocument: 'x', confirmed: false },
      NOW,
    );
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: 'CALENDAR_HOLIDAY_EXISTS', params: { date: '17/02/2026' } });
    expect(await listHolidays(h.db, { from: '2026-02-17', to: '2026-02-17' })).toHaveLength(1);
  });
});
