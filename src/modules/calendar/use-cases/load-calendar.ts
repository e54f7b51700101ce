import { getRules } from '../../../platform/rules/rules.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { listHolidays } from '../calendar.repository.ts';
import { CALENDAR_RULE_KEYS, type RulesUsed, rulesUsedOf, toWorkingTimeRules } from '../calendar-rules.ts';
import { buildCalendar, type CalendarEntry, type WorkingCalendar, type WorkingTimeRules } from '../working-days.ts';
import type { CalendarDeps } from './deps.ts';

/**
 * The holiday calendar and the working-time rules in force on `asOf`, as data for the pure
 * deadline functions of other modules (the dossier lifecycle's due-state overlay). Holidays
 * from the year before `asOf` on, so pauses and due dates that began last year still count.
 */
export async function loadWorkingCalendar(
  deps: Pick<CalendarDeps, 'db'>,
  provinceCode: string,
  asOf: Date,
): Promise<{ calendar: WorkingCalendar; rules: WorkingTimeRules }> {
  const today = domainToday(asOf);
  const [rules, holidays] = await Promise.all([
    getRules(deps.db, CALENDAR_RULE_KEYS, provinceCode, today),
    listHolidays(deps.db, { from: `${Number(today.slice(0, 4)) - 1}-01-01` }),
  ]);
  return { calendar: buildCalendar(holidays), rules: toWorkingTimeRules(rulesUsedOf(rules)) };
}

/** The working-time rules in force for a province on a local date ('YYYY-MM-DD'): what a due date received that day counts with. */
export async function rulesUsedOn(deps: Pick<CalendarDeps, 'db'>, provinceCode: string, date: string): Promise<RulesUsed> {
  return rulesUsedOf(await getRules(deps.db, CALENDAR_RULE_KEYS, provinceCode, date));
}

/** Every calendar entry, all years: the table holds a few dozen rows a year, and a due date may span years. */
export async function loadCalendarEntries(deps: Pick<CalendarDeps, 'db'>): Promise<CalendarEntry[]> {
  return listHolidays(deps.db, {});
}
