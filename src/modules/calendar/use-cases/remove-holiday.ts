import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { deleteHoliday, findHoliday } from '../calendar.repository.ts';
import type { Holiday } from '../calendar.schemas.ts';
import type { CalendarDeps } from './deps.ts';
import { toHoliday } from './list-holidays.ts';
import { onHolidaysChanged } from './on-holidays-changed.ts';

/** Removes a calendar entry and re-times the open dossiers it reached; the audit entry keeps the whole entry as its "before". */
export async function removeHoliday(deps: CalendarDeps, id: number, meta: AuditMeta): Promise<Holiday> {
  return audited(deps.db, meta, 'calendar.holiday.remove', 'holiday', async (trx) => {
    const before = await findHoliday(trx, id);
    if (!before || !(await deleteHoliday(trx, id))) throw new AppError('CALENDAR_HOLIDAY_NOT_FOUND');
    await onHolidaysChanged({ db: trx }, meta, { action: 'calendar.holiday.remove', before, after: null });
    const holiday = toHoliday(before);
    return { result: holiday, entityId: id, before: holiday };
  });
}
