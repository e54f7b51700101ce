import { addDays, weekdayOf, yearOf, zonedInstant, zonedParts } from './zoned-time.ts';

/**
 * Working-day arithmetic for statutory deadlines (domain.md §6.6, §8; ADR 0004). Pure: the
 * holiday calendar and the rules come in as data, and every local date or time is computed
 * in `rules.timeZone`, never in the process zone.
 */

export const CALENDAR_ENTRY_KINDS = ['HOLIDAY', 'COMPENSATORY_DAY_OFF', 'WORKING_SATURDAY'] as const;
export type CalendarEntryKind = (typeof CALENDAR_ENTRY_KINDS)[number];

export type CalendarEntry = {
  date: string;
  kind: CalendarEntryKind;
  nameVi: string;
  nameEn: string;
  /** false while the government has not decided the date (shown as provisional). */
  confirmed: boolean;
};

export type WorkingCalendar = {
  entries: ReadonlyMap<string, CalendarEntry>;
  /** Years for which the calendar holds data; a deadline reaching another year may miss holidays. */
  years: ReadonlySet<number>;
};

export type WorkingTimeRules = {
  timeZone: string;
  /** Milliseconds after local midnight; a receipt later than this counts from the next working day. */
  cutoffMs: number;
  /** Office periods of a working day, in order, as milliseconds after local midnight. */
  officeHours: readonly { startMs: number; endMs: number }[];
  saturdaysCount: boolean;
  /** Whether a period in days ends at the close of office hours or at midnight (domain.md §8 [NC]). */
  deadlineEndOfDay: 'office_close' | 'midnight';
  /** Civil Code 2015 Art. 148(5): a period in calendar days ending on a day off ends on the next working day. */
  calendarDaysRollForward: boolean;
};

export type DeadlineUnit = 'working_days' | 'hours' | 'days';

export type DueDateResult = {
  /** The legal day of receipt after the cut-off and day-off rules ('YYYY-MM-DD', local). */
  receivedOn: string;
  /** From when the time limit runs: the receipt itself, or the next working day's opening. */
  startsCountingAt: Date;
  due: Date;
  /** The local calendar date of `due`. */
  dueDate: string;
  /** Holidays and days off the computation passed over, in date order. */
  skipped: CalendarEntry[];
  /** Swapped working Saturdays that were counted as working days. */
  workingSaturdays: CalendarEntry[];
  /** Years touched by the computation for which the calendar holds no data. */
  yearsWithoutCalendar: number[];
};

/** Far beyond any statutory limit: stops a malformed calendar from looping forever. */
const MAX_DAYS_WALKED = 20_000;
const LAST_MS_OF_DAY = 86_400_000 - 1;

export function buildCalendar(entries: readonly CalendarEntry[]): WorkingCalendar {
  return { entries: new Map(entries.map((e) => [e.date, e])), years: new Set(entries.map((e) => yearOf(e.date))) };
}

/** Saturdays and Sundays are off (Decision 188/1999) unless swapped; holidays and days off are off. */
export function isWorkingDay(date: string, calendar: WorkingCalendar, rules: WorkingTimeRules): boolean {
  const entry = calendar.entries.get(date);
  if (entry) return entry.kind === 'WORKING_SATURDAY';
  const weekday = weekdayOf(date);
  if (weekday === 0) return false;
  if (weekday === 6) return rules.saturdaysCount;
  return true;
}

function officeOpenMs(rules: WorkingTimeRules): number {
  return rules.officeHours[0]?.startMs ?? 0;
}

function officeCloseMs(rules: WorkingTimeRules): number {
  return rules.officeHours.at(-1)?.endMs ?? LAST_MS_OF_DAY;
}

/** Collects what a walk over the calendar passes, so the answer can explain itself. */
class Walk {
  readonly skipped: CalendarEntry[] = [];
  readonly workingSaturdays: CalendarEntry[] = [];
  private steps = 0;
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly rules: WorkingTimeRules,
  ) {}

  isWorking(date: string): boolean {
    return isWorkingDay(date, this.calendar, this.rules);
  }

  /** Notes a day passed over as a day off. */
  passOff(date: string): void {
    const entry = this.calendar.entries.get(date);
    if (entry) this.skipped.push(entry);
  }

  /** Notes a day counted as a working day. */
  count(date: string): void {
    const entry = this.calendar.entries.get(date);
    if (entry?.kind === 'WORKING_SATURDAY') this.workingSaturdays.push(entry);
  }

  /** The first working day after `date`, noting the days off in between. */
  nextWorkingDay(date: string): string {
    let d = addDays(date, 1);
    while (!this.isWorking(d)) {
      this.passOff(d);
      d = this.step(d);
    }
    return d;
  }

  step(date: string): string {
    this.steps += 1;
    if (this.steps > MAX_DAYS_WALKED) throw new Error(`no working day found within ${MAX_DAYS_WALKED} days of ${date}`);
    return addDays(date, 1);
  }

  result(receipt: Receipt, startsCountingAt: Date, due: Date, rules: WorkingTimeRules, fromDate: string): DueDateResult {
    const dueDate = zonedParts(due, rules.timeZone).date;
    const missing: number[] = [];
    for (let y = yearOf(fromDate); y <= yearOf(dueDate); y++) if (!this.calendar.years.has(y)) missing.push(y);
    return {
      receivedOn: receipt.date,
      startsCountingAt,
      due,
      dueDate,
      skipped: this.skipped,
      workingSaturdays: this.workingSaturdays,
      yearsWithoutCalendar: missing,
    };
  }
}

type Receipt = { date: string; at: Date; fromDate: string; msOfDay: number };

/**
 * When a receipt legally happens. On a working day up to the cut-off hour (and before the
 * office closes) it is the receipt itself; later, or on a day off, it counts as received
 * at the opening of the next working day (domain.md §6.3, §12 item 8).
 */
function receiptOf(from: Date, walk: Walk, rules: WorkingTimeRules): Receipt {
  const local = zonedParts(from, rules.timeZone);
  const sameDay = walk.isWorking(local.date) && local.msOfDay <= rules.cutoffMs && local.msOfDay < officeCloseMs(rules);
  if (sameDay) return { date: local.date, at: from, fromDate: local.date, msOfDay: local.msOfDay };
  if (!walk.isWorking(local.date)) walk.passOff(local.date);
  const date = walk.nextWorkingDay(local.date);
  return { date, at: zonedInstant(date, officeOpenMs(rules), rules.timeZone), fromDate: local.date, msOfDay: officeOpenMs(rules) };
}

function endOfDay(date: string, rules: WorkingTimeRules): Date {
  const ms = rules.deadlineEndOfDay === 'midnight' ? LAST_MS_OF_DAY : officeCloseMs(rules);
  return zonedInstant(date, ms, rules.timeZone);
}

/**
 * A limit of n working days: the day of receipt is not counted (Civil Code 2015 Art. 147),
 * and the period ends at the end of the n-th working day after it (Art. 148). n = 0 means
 * "by the end of the day of receipt".
 */
export function addWorkingDays(from: Date, n: number, calendar: WorkingCalendar, rules: WorkingTimeRules): DueDateResult {
  const walk = new Walk(calendar, rules);
  const receipt = receiptOf(from, walk, rules);
  let date = receipt.date;
  for (let counted = 0; counted < n; ) {
    date = walk.step(date);
    if (walk.isWorking(date)) {
      walk.count(date);
      counted += 1;
    } else {
      walk.passOff(date);
    }
  }
  return walk.result(receipt, receipt.at, endOfDay(date, rules), rules, receipt.fromDate);
}

/**
 * A limit of n working hours: counted only inside office hours of working days, from the
 * moment of receipt (Civil Code 2015 Art. 147: a period in hours starts at the stated
 * moment), after the cut-off rule has fixed that moment.
 */
export function addWorkingHours(from: Date, n: number, calendar: WorkingCalendar, rules: WorkingTimeRules): DueDateResult {
  const walk = new Walk(calendar, rules);
  const receipt = receiptOf(from, walk, rules);
  let date = receipt.date;
  walk.count(date);
  let cursor = receipt.msOfDay;
  let remaining = n * 3_600_000;
  let startsCountingAt: Date | undefined;
  for (;;) {
    for (const p of rules.officeHours) {
      if (cursor >= p.endMs) continue;
      const start = Math.max(cursor, p.startMs);
      startsCountingAt ??= zonedInstant(date, start, rules.timeZone);
      if (remaining <= p.endMs - start) {
        const due = zonedInstant(date, start + remaining, rules.timeZone);
        return walk.result(receipt, startsCountingAt, due, rules, receipt.fromDate);
      }
      remaining -= p.endMs - start;
      cursor = p.endMs;
    }
    date = walk.nextWorkingDay(date);
    walk.count(date);
    cursor = 0;
  }
}

/**
 * A limit of n calendar days: every day counts, the day of receipt excluded; when the last
 * day is a day off the period ends on the next working day if `calendarDaysRollForward`.
 */
export function addCalendarDays(from: Date, n: number, calendar: WorkingCalendar, rules: WorkingTimeRules): DueDateResult {
  const walk = new Walk(calendar, rules);
  const receipt = receiptOf(from, walk, rules);
  let date = addDays(receipt.date, n);
  if (rules.calendarDaysRollForward && !walk.isWorking(date)) {
    walk.passOff(date);
    date = walk.nextWorkingDay(date);
  }
  if (walk.isWorking(date)) walk.count(date);
  return walk.result(receipt, receipt.at, endOfDay(date, rules), rules, receipt.fromDate);
}

export function addPeriod(
  from: Date,
  amount: number,
  unit: DeadlineUnit,
  calendar: WorkingCalendar,
  rules: WorkingTimeRules,
): DueDateResult {
  switch (unit) {
    case 'working_days':
      return addWorkingDays(from, amount, calendar, rules);
    case 'hours':
      return addWorkingHours(from, amount, calendar, rules);
    case 'days':
      return addCalendarDays(from, amount, calendar, rules);
  }
}
