import {
  addPeriod,
  buildCalendar,
  type CalendarEntry,
  type DeadlineUnit,
  type WorkingCalendar,
  type WorkingTimeRules,
} from '../../calendar/working-days.ts';
import { addDays, zonedInstant } from '../../calendar/zoned-time.ts';

/**
 * Re-timing open dossiers when the holiday calendar changes (issue 3, point 2), as pure
 * decisions: which dossiers a change can reach, and their new statutory due instant. The
 * due instant is the same arithmetic intake uses (`addPeriod` from the clock's start with
 * the procedure's time limit and the rules in force on the day of receipt), run once with
 * the calendar as it was and once as it is.
 */

/** One calendar entry added (`before` null), removed (`after` null) or edited (both set). */
export type CalendarChange = { before: CalendarEntry | null; after: CalendarEntry | null };

/** The dates a change touches, sorted and without repeats. */
export function changedDates(change: CalendarChange): string[] {
  const dates = [change.before?.date, change.after?.date].filter((d): d is string => d !== undefined);
  return [...new Set(dates)].sort();
}

/**
 * Only a dossier whose counting ran over a changed day can move: its clock started on or
 * before the day (in Vietnam) and its due date falls on or after it. Counting that ended
 * earlier never reached the day; counting that starts later never passes it. As instants:
 * started before the midnight that ends the last changed day, due at or after the midnight
 * that starts the first one. A superset is harmless; `planRetiming` decides exactly.
 */
export function retimeWindow(dates: readonly string[], timeZone: string): { startedBefore: string; dueFrom: string } {
  const sorted = [...dates].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (first === undefined || last === undefined) throw new Error('a calendar change touches at least one date');
  return {
    startedBefore: zonedInstant(addDays(last, 1), 0, timeZone).toISOString(),
    dueFrom: zonedInstant(first, 0, timeZone).toISOString(),
  };
}

/** The calendar before the change, rebuilt from the entries as they are now. */
export function calendarsAround(
  entriesNow: readonly CalendarEntry[],
  change: CalendarChange,
): { before: WorkingCalendar; after: WorkingCalendar } {
  const previous = new Map(entriesNow.map((e) => [e.date, e]));
  if (change.after) previous.delete(change.after.date);
  if (change.before) previous.set(change.before.date, change.before);
  return { before: buildCalendar([...previous.values()]), after: buildCalendar(entriesNow) };
}

export type RetimeCandidate = {
  id: number;
  provinceCode: string;
  /** When the clock started: the complete, valid dossier's receipt (validAt, else receivedAt). */
  startedAt: string;
  /** The stored statutory due instant. */
  dueAt: string;
  deadline: { amount: number; unit: DeadlineUnit };
  /** The working-time rules in force for the dossier's province on the day its clock started. */
  rules: WorkingTimeRules;
};

export type Retiming = { id: number; provinceCode: string; fromDueAt: string; toDueAt: string };

/**
 * The dossiers whose due instant the change moves, with the old and new instants. A dossier
 * is left alone when the change does not alter its computed due instant (the change did not
 * reach it), so a stored instant that differs from today's computation for another reason
 * (a rule version added later) is not rewritten by an unrelated holiday; and when the stored
 * instant already equals the new one. A dossier the change does reach gets the full
 * recomputation, as intake would compute it with the calendar as it now is.
 */
export function planRetiming(
  candidates: readonly RetimeCandidate[],
  calendars: { before: WorkingCalendar; after: WorkingCalendar },
): Retiming[] {
  const dueBefore = dueInstants(calendars.before);
  const dueAfter = dueInstants(calendars.after);
  const plan: Retiming[] = [];
  for (const c of candidates) {
    const before = dueBefore(c);
    const after = dueAfter(c);
    if (after === before) continue;
    if (after === new Date(c.dueAt).getTime()) continue;
    plan.push({
      id: c.id,
      provinceCode: c.provinceCode,
      fromDueAt: new Date(c.dueAt).toISOString(),
      toDueAt: new Date(after).toISOString(),
    });
  }
  return plan;
}

/**
 * The due instants of candidates under one calendar, the same as `addPeriod` gives. A limit
 * in working or calendar days ends at the end of a day counted from the legal day of receipt,
 * whatever the hour of receipt (Civil Code 2015 Art. 147–148; calendar/working-days.ts), so
 * dossiers received on the same legal day with the same limit and rules share their due
 * instant: the calendar is walked once per (day of receipt, limit, rules), not per dossier —
 * thousands of dossiers a province share a few dozen. A limit in hours counts from the moment.
 */
function dueInstants(calendar: WorkingCalendar): (c: RetimeCandidate) => number {
  const byReceiptDay = new Map<string, number>();
  const rulesIds = new Map<WorkingTimeRules, number>();
  return (c) => {
    const from = new Date(c.startedAt);
    const { amount, unit } = c.deadline;
    if (unit === 'hours') return addPeriod(from, amount, unit, calendar, c.rules).due.getTime();
    let rulesId = rulesIds.get(c.rules);
    if (rulesId === undefined) {
      rulesId = rulesIds.size;
      rulesIds.set(c.rules, rulesId);
    }
    const receivedOn = addPeriod(from, 0, 'working_days', calendar, c.rules).receivedOn;
    const key = `${receivedOn}|${amount}|${unit}|${rulesId}`;
    let due = byReceiptDay.get(key);
    if (due === undefined) {
      due = addPeriod(from, amount, unit, calendar, c.rules).due.getTime();
      byReceiptDay.set(key, due);
    }
    return due;
  };
}
