import { domainToday } from '../../../platform/time/format.ts';
import { type HolidayRecord, holidayYearRange, listHolidays } from '../calendar.repository.ts';
import type { Holiday, HolidayListResponse } from '../calendar.schemas.ts';
import type { CalendarDeps } from './deps.ts';

export function toHoliday(r: HolidayRecord): Holiday {
  return {
    id: r.id,
    date: r.date,
    kind: r.kind,
    nameVi: r.nameVi,
    nameEn: r.nameEn,
    decidingDocument: r.decidingDocument,
    confirmed: r.confirmed,
  };
}

/** The calendar entries of one year (default: this year in Vietnam) and the years the calendar covers. */
export async function listHolidaysOfYear(deps: CalendarDeps, year: number | undefined): Promise<HolidayListResponse> {
  const y = year ?? Number(domainToday(deps.clock.now()).slice(0, 4));
  const [items, yearRange] = await Promise.all([
    listHolidays(deps.db, { from: `${y}-01-01`, to: `${y}-12-31` }),
    holidayYearRange(deps.db),
  ]);
  return { year: y, items: items.map(toHoliday), yearRange: yearRange ?? null };
}
