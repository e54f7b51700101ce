import { addWorkingHours, isWorkingDay, type WorkingCalendar, type WorkingTimeRules } from '../../calendar/working-days.ts';
import { addDays, zonedInstant, zonedParts } from '../../calendar/zoned-time.ts';
import type { LifecycleState, Pause } from './state-machine.ts';

/**
 * The derived deadline overlay of a dossier (domain.md §11.2, §11.3): NOT_DUE / NEAR_DUE /
 * OVERDUE while open, EARLY / ON_TIME / LATE once finished, and whether an apology slip is due.
 *
 * Pauses are applied ONCE, and always the same way: the due date is pushed back by the
 * working time (office hours of working days) that the dossier spent paused, and the finish
 * is compared with that extended due date. The finish time itself is never shortened. This
 * equals the 766 rule "end − (supplement received − supplement requested)" when the pause is
 * measured in working time, and unlike subtracting wall-clock time it does not credit a pause
 * across Tết twice (the due date already skips the holiday).
 */

/** The holiday calendar and the working-time rules, both data (calendar module). */
export type CalendarData = { calendar: WorkingCalendar; rules: WorkingTimeRules };

export const OPEN_DUE_STATES = ['NOT_DUE', 'NEAR_DUE', 'OVERDUE'] as const;
export const FINISHED_DUE_STATES = ['EARLY', 'ON_TIME', 'LATE'] as const;
export type DueStateValue = (typeof OPEN_DUE_STATES)[number] | (typeof FINISHED_DUE_STATES)[number];

export type DueStateResult = {
  value: DueStateValue;
  /** The statutory due date pushed back by the paused working time. */
  effectiveDueAt: Date;
  pausedWorkingMs: number;
  /** The end of processing used (DONE > RETURNED > STOPPED/REFUSED); null while open. */
  finishedAt: Date | null;
};

const DAY_MS = 86_400_000;

/** Length of a working day's office hours (8 hours by default). */
export function workingDayMs(rules: WorkingTimeRules): number {
  return rules.officeHours.reduce((sum, p) => sum + (p.endMs - p.startMs), 0);
}

/** A local date's office intervals as UTC instants ([start, end, start, end…], none on a day off) and the next date. */
type DayOffice = { intervals: number[]; next: string };

/**
 * Days already worked out, per calendar (the calendar and its rules do not change once
 * loaded, and a request loads its own): the overview walks the same few weeks of days for
 * each of a province's open dossiers, and zone arithmetic for every day of every walk was
 * most of its time.
 */
const officeDays = new WeakMap<CalendarData, Map<string, DayOffice>>();

function officeDay(date: string, cal: CalendarData): DayOffice {
  let days = officeDays.get(cal);
  if (!days) {
    days = new Map();
    officeDays.set(cal, days);
  }
  let day = days.get(date);
  if (!day) {
    const { calendar, rules } = cal;
    const intervals: number[] = [];
    if (isWorkingDay(date, calendar, rules))
      for (const p of rules.officeHours)
        intervals.push(zonedInstant(date, p.startMs, rules.timeZone).getTime(), zonedInstant(date, p.endMs, rules.timeZone).getTime());
    day = { intervals, next: addDays(date, 1) };
    if (days.size >= 20_000) days.clear();
    days.set(date, day);
  }
  return day;
}

/**
 * Office-hours time on working days between two instants (0 when `to` is not after `from`).
 * With `stopAbove`, the walk stops as soon as the time found exceeds it (the answer is then
 * only known to be above it): a lead-time check needs no more, and the overview asks it of
 * every open dossier of a province, some due weeks away.
 */
export function workingMsBetween(from: Date, to: Date, cal: CalendarData, stopAbove = Number.POSITIVE_INFINITY): number {
  const f = from.getTime();
  const t = to.getTime();
  if (t <= f) return 0;
  const tz = cal.rules.timeZone;
  const last = zonedParts(to, tz).date;
  let total = 0;
  // Walks day by day; bounded by the span, plus one day for an offset change at either end.
  const maxDays = Math.ceil((t - f) / DAY_MS) + 2;
  let date = zonedParts(from, tz).date;
  for (let i = 0; i <= maxDays; i++) {
    const { intervals, next } = officeDay(date, cal);
    for (let k = 0; k < intervals.length; k += 2) {
      const start = Math.max(intervals[k] as number, f);
      const end = Math.min(intervals[k + 1] as number, t);
      if (end > start) total += end - start;
    }
    if (total > stopAbove) return total;
    if (date === last) break;
    date = next;
  }
  return total;
}

/** Working time spent paused up to `upTo`; an open pause runs until `upTo`. */
export function pausedWorkingMs(pauses: readonly Pause[], upTo: Date, cal: CalendarData): number {
  return pauses.reduce((sum, p) => {
    const end = p.endedAt && p.endedAt.getTime() < upTo.getTime() ? p.endedAt : upTo;
    return sum + workingMsBetween(p.startedAt, end, cal);
  }, 0);
}

/**
 * Office time of the pauses still open, closed at `at`: what a resumption (or a withdrawal
 * while paused) adds to the stored `paused_ms`, which the scorecard and the workload
 * statistics read as office time, the same measure `effectiveDueAt` extends a due date by.
 */
export function openPausesWorkingMs(pauses: readonly Pause[], at: Date, cal: CalendarData): number {
  return pausedWorkingMs(
    pauses.filter((p) => p.endedAt === null),
    at,
    cal,
  );
}

/**
 * A due date pushed back by an amount of working time, counted from the next office moment
 * at or after it (a due date at the close of office resumes at the next opening). Reuses the
 * calendar module's working-hour arithmetic with the reception cut-off switched off: an
 * extension is not a receipt.
 */
export function extendByWorkingMs(due: Date, ms: number, cal: CalendarData): Date {
  if (ms <= 0) return due;
  return addWorkingHours(due, ms / 3_600_000, cal.calendar, { ...cal.rules, cutoffMs: DAY_MS }).due;
}

/** The end of processing, by the 766 priority DONE > RETURNED > STOPPED/REFUSED (domain.md §6.6). */
export function finishInstant(state: Pick<LifecycleState, 'doneAt' | 'returnedAt' | 'stoppedAt' | 'refusedAt'>): Date | null {
  return state.doneAt ?? state.returnedAt ?? state.stoppedAt ?? state.refusedAt ?? null;
}

/** The due date after pauses, as of `asOf` (an open pause counts up to it, or up to the finish). */
export function effectiveDueAt(state: LifecycleState, asOf: Date, cal: CalendarData): { at: Date; pausedWorkingMs: number } | null {
  if (!state.dueAt) return null;
  const finished = finishInstant(state);
  const upTo = finished && finished.getTime() < asOf.getTime() ? finished : asOf;
  const paused = pausedWorkingMs(state.pauses, upTo, cal);
  return { at: extendByWorkingMs(state.dueAt, paused, cal), pausedWorkingMs: paused };
}

/** Remaining working days' worth of office time within which an open dossier counts as near due. */
function isWithinLead(now: Date, due: Date, leadWorkingDays: number, cal: CalendarData): boolean {
  const lead = leadWorkingDays * workingDayMs(cal.rules);
  return workingMsBetween(now, due, cal, lead) <= lead;
}

/** Past any sensible due date: where the search below stops when the calendar has no office time ahead. */
const SEARCH_HORIZON_MS = 3660 * DAY_MS;

/**
 * The latest due instant that is near due at `now` (`dueState` says NEAR_DUE for a due date in
 * [now, this], NOT_DUE after it): whether a due date is within the lead only grows with the due
 * date, so a search finds the boundary to the millisecond with the very predicate `dueState`
 * uses. The inbox turns a due-state filter into bounds on the due date with it.
 */
export function nearDueUntil(now: Date, nearDueWorkingDays: number, cal: CalendarData): Date {
  const within = (t: number) => isWithinLead(now, new Date(t), nearDueWorkingDays, cal);
  let lo = now.getTime();
  let step = DAY_MS;
  while (within(lo + step)) {
    lo += step;
    if (lo - now.getTime() > SEARCH_HORIZON_MS) return new Date(lo);
    step *= 2;
  }
  let hi = lo + step;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (within(mid)) lo = mid;
    else hi = mid;
  }
  return new Date(lo);
}

/**
 * The overlay at `now`. Null for a dossier with no due date (submitted online and not yet
 * received, refused at reception) and for a withdrawn one: neither is measured against a
 * deadline. Finished: EARLY when the local finish date is before the local due date, ON_TIME
 * up to the due instant, LATE after it. Open: OVERDUE after the due instant, NEAR_DUE when at
 * most `nearDueWorkingDays` working days of office time remain, otherwise NOT_DUE.
 */
export function dueState(state: LifecycleState, now: Date, cal: CalendarData, nearDueWorkingDays = 1): DueStateResult | null {
  if (state.withdrawnAt || state.status === 7) return null;
  const finishedAt = finishInstant(state);
  const due = effectiveDueAt(state, finishedAt ?? now, cal);
  if (!due) return null;
  const base = { effectiveDueAt: due.at, pausedWorkingMs: due.pausedWorkingMs, finishedAt };
  if (finishedAt) {
    if (finishedAt.getTime() > due.at.getTime()) return { ...base, value: 'LATE' };
    const tz = cal.rules.timeZone;
    const early = zonedParts(finishedAt, tz).date < zonedParts(due.at, tz).date;
    return { ...base, value: early ? 'EARLY' : 'ON_TIME' };
  }
  if (now.getTime() > due.at.getTime()) return { ...base, value: 'OVERDUE' };
  return { ...base, value: isWithinLead(now, due.at, nearDueWorkingDays, cal) ? 'NEAR_DUE' : 'NOT_DUE' };
}

/**
 * The appointment the citizen now holds: the latest apology slip's new date, pushed back by
 * pauses that began after that slip, or else the statutory due date after pauses.
 */
export function currentAppointment(state: LifecycleState, now: Date, cal: CalendarData): Date | null {
  const slip = state.apologySlips.reduce<LifecycleState['apologySlips'][number] | undefined>(
    (latest, s) => (!latest || s.issuedAt.getTime() >= latest.issuedAt.getTime() ? s : latest),
    undefined,
  );
  if (!slip) return effectiveDueAt(state, now, cal)?.at ?? null;
  const later = state.pauses.filter((p) => p.startedAt.getTime() >= slip.issuedAt.getTime());
  return extendByWorkingMs(slip.newDueAt, pausedWorkingMs(later, now, cal), cal);
}

/**
 * Whether the handler must issue an apology and new-appointment slip now (domain.md §6.3,
 * §11.2): the dossier is being handled (received or processing; a paused clock cannot run
 * out) and at most `leadWorkingDays` working days of office time remain before the current
 * appointment, or it has passed. Once a slip sets a new date, this is false again until that
 * date in turn comes within the lead time.
 */
export function needsApology(state: LifecycleState, now: Date, cal: CalendarData, leadWorkingDays: number): boolean {
  if (state.status !== 2 && state.status !== 4) return false;
  const appointment = currentAppointment(state, now, cal);
  if (!appointment) return false;
  return isWithinLead(now, appointment, leadWorkingDays, cal);
}
