import type { Locale } from '../../../platform/i18n/index.ts';
import { DOMAIN_TIME_ZONE, formatInstant } from '../../../platform/time/format.ts';
import { listHolidays } from '../calendar.repository.ts';
import type { CalendarDay, DueDateResponse } from '../calendar.schemas.ts';
import { toWorkingTimeRules } from '../calendar-rules.ts';
import { addPeriod, buildCalendar, type CalendarEntry, type DeadlineUnit } from '../working-days.ts';
import { zonedParts } from '../zoned-time.ts';
import type { CalendarDeps } from './deps.ts';
import { rulesUsedOn } from './load-calendar.ts';

export type DueDateInput = { from: Date; amount: number; unit: DeadlineUnit };

export function calendarDay(e: CalendarEntry, locale: Locale): CalendarDay {
  return { date: e.date, name: locale === 'vi' ? e.nameVi : e.nameEn, kind: e.kind, confirmed: e.confirmed };
}

/**
 * The due instant of a time limit received at `from`, with the rules in force for the
 * province on the day of receipt and the holidays from that year on. The answer names the
 * days it skipped and the rules it used, so a counter officer can check it by hand.
 */
export async function computeDueDate(
  deps: CalendarDeps,
  provinceCode: string,
  input: DueDateInput,
  locale: Locale,
): Promise<DueDateResponse> {
  const fromDate = zonedParts(input.from, DOMAIN_TIME_ZONE).date;
  const [rulesUsed, holidays] = await Promise.all([
    rulesUsedOn(deps, provinceCode, fromDate),
    listHolidays(deps.db, { from: `${fromDate.slice(0, 4)}-01-01` }),
  ]);
  const result = addPeriod(input.from, input.amount, input.unit, buildCalendar(holidays), toWorkingTimeRules(rulesUsed));
  const due = result.due.toISOString();
  return {
    from: input.from.toISOString(),
    amount: input.amount,
    unit: input.unit,
    receivedOn: result.receivedOn,
    startsCountingAt: result.startsCountingAt.toISOString(),
    due,
    dueDate: result.dueDate,
    dueLocal: formatInstant(due),
    skipped: result.skipped.map((e) => calendarDay(e, locale)),
    workingSaturdays: result.workingSaturdays.map((e) => calendarDay(e, locale)),
    provisional: [...result.skipped, ...result.workingSaturdays].some((e) => !e.confirmed),
    yearsWithoutCalendar: result.yearsWithoutCalendar,
    rulesUsed,
  };
}
