import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { insertHoliday } from '../calendar.repository.ts';
import type { Holiday, HolidayCreateInput } from '../calendar.schemas.ts';
import { weekdayOf } from '../zoned-time.ts';
import type { CalendarDeps } from './deps.ts';
import { toHoliday } from './list-holidays.ts';
import { onHolidaysChanged } from './on-holidays-changed.ts';

/**
 * A swapped working day only makes sense on a weekend, and a day off in lieu only on a
 * weekday: anything else is a typing mistake that would silently shift deadlines.
 */
export function checkKindAgainstWeekday(input: Pick<HolidayCreateInput, 'date' | 'kind'>): void {
  const weekday = weekdayOf(input.date);
  const isWeekend = weekday === 0 || weekday === 6;
  if (input.kind === 'WORKING_SATURDAY' && !isWeekend)
    throw new AppError('CALENDAR_WORKING_DAY_NOT_WEEKEND', {}, [{ path: 'date', message: 'not a weekend' }]);
  if (input.kind === 'COMPENSATORY_DAY_OFF' && isWeekend)
    throw new AppError('CALENDAR_DAY_OFF_ON_WEEKEND', {}, [{ path: 'date', message: 'a weekend' }]);
}

/**
 * Adds a holiday, day off or swapped working day (national data). One entry per date: a
 * second answers CALENDAR_HOLIDAY_EXISTS. The entry, its audit record and the re-timed
 * open dossiers commit together.
 */
export async function addHoliday(deps: CalendarDeps, input: HolidayCreateInput, meta: AuditMeta): Promise<Holiday> {
  checkKindAgainstWeekday(input);
  return audited(deps.db, meta, 'calendar.holiday.add', 'holiday', async (trx) => {
    const record = await insertHoliday(trx, input, meta.at);
    await onHolidaysChanged({ db: trx }, meta, { action: 'calendar.holiday.add', before: null, after: record });
    const holiday = toHoliday(record);
    return { result: holiday, entityId: record.id, after: holiday };
  });
}
