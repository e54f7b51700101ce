import { RULES, type RulesInForce } from '../../platform/rules/rules.ts';
import { DOMAIN_TIME_ZONE } from '../../platform/time/format.ts';
import type { WorkingTimeRules } from './working-days.ts';
import { timeOfDayMs } from './zoned-time.ts';

/** The rules the working-day arithmetic reads from the versioned rules store. */
export const CALENDAR_RULE_KEYS = [
  'calendar.cutoffHour',
  'calendar.officeHours',
  'calendar.saturdaysCount',
  'calendar.deadlineEndOfDay',
  'calendar.calendarDaysRollForward',
] as const;
export type CalendarRuleKey = (typeof CALENDAR_RULE_KEYS)[number];
export type CalendarRules = RulesInForce<CalendarRuleKey>;

/** The plain values shown to callers as `rulesUsed`, so a due date can be checked by hand. */
export type RulesUsed = {
  timeZone: string;
  cutoffHour: number;
  officeHours: { start: string; end: string }[];
  saturdaysCount: boolean;
  deadlineEndOfDay: 'office_close' | 'midnight';
  calendarDaysRollForward: boolean;
};

export function rulesUsedOf(r: CalendarRules): RulesUsed {
  return {
    timeZone: DOMAIN_TIME_ZONE,
    cutoffHour: r['calendar.cutoffHour'].value,
    officeHours: r['calendar.officeHours'].value.map((p) => ({ start: p.start, end: p.end })),
    saturdaysCount: r['calendar.saturdaysCount'].value,
    deadlineEndOfDay: r['calendar.deadlineEndOfDay'].value,
    calendarDaysRollForward: r['calendar.calendarDaysRollForward'].value,
  };
}

export function toWorkingTimeRules(used: RulesUsed): WorkingTimeRules {
  return {
    timeZone: used.timeZone,
    cutoffMs: used.cutoffHour * 3_600_000,
    officeHours: used.officeHours.map((p) => ({ startMs: timeOfDayMs(p.start), endMs: timeOfDayMs(p.end) })),
    saturdaysCount: used.saturdaysCount,
    deadlineEndOfDay: used.deadlineEndOfDay,
    calendarDaysRollForward: used.calendarDaysRollForward,
  };
}

/** The registry defaults, as used when no version is stored (and by the unit tests). */
export function defaultRulesUsed(): RulesUsed {
  return {
    timeZone: DOMAIN_TIME_ZONE,
    cutoffHour: RULES['calendar.cutoffHour'].default,
    officeHours: RULES['calendar.officeHours'].default.map((p) => ({ ...p })),
    saturdaysCount: RULES['calendar.saturdaysCount'].default,
    deadlineEndOfDay: RULES['calendar.deadlineEndOfDay'].default,
    calendarDaysRollForward: RULES['calendar.calendarDaysRollForward'].default,
  };
}
