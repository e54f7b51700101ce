import type { Scorecard766Config } from '../../../platform/rules/defaults/scorecard-766.config.ts';
import { isWorkingDay } from '../../calendar/working-days.ts';
import { addDays, zonedInstant, zonedParts } from '../../calendar/zoned-time.ts';
import { type CalendarData, extendByWorkingMs, workingDayMs } from '../../dossiers/lifecycle/due-state.ts';
import {
  computeScorecard766,
  type DossierFact,
  type IndicatorResult,
  type Period,
  retotalled,
  type Scorecard766,
  scoreCounts,
} from '../../dossiers/lifecycle/scorecard-766.ts';
import { CLS, type FactClassRow, type PausedDossierRow, type ProcedureFlags } from '../scorecard.repository.ts';

const CHANNEL = { 1: 'COUNTER', 2: 'ONLINE', 3: 'POST' } as const;
const channelOf = (c: number): DossierFact['channel'] => CHANNEL[c as 1 | 2 | 3] ?? 'COUNTER';

function base(
  flags: ProcedureFlags | undefined,
  channel: number,
): Omit<DossierFact, 'receivedAt' | 'effectiveDueAt' | 'finishedAt' | 'withdrawnAt' | 'resultIssued' | 'supplementRequests'> {
  return {
    channel: channelOf(channel),
    feeBearing: flags?.feeBearing ?? false,
    paperResult: flags?.paperResult ?? false,
    syncedToNational: false,
    paidOnline: false,
    electronicResult: false,
    filesDigitised: false,
    reusedData: false,
    rating: null,
    complained: false,
  };
}

/**
 * The facts of one class. `computeScorecard766` reads each instant only through its order
 * against the period's bounds and the due date, so a representative instant in the same
 * position gives the same counts: received at the start (or 1 ms before it when carried
 * over), finished or withdrawn at the start, due 2 ms before the start when late (before
 * any measuring instant) or at the end when not (no measuring instant is after it).
 */
export function factsOfClass(row: FactClassRow, flags: ProcedureFlags | undefined, period: Period, overdueFrom: number): DossierFact[] {
  const s = period.start.getTime();
  const has = (b: number) => (row.cls & b) !== 0;
  const fact: DossierFact = {
    ...base(flags, row.channel),
    receivedAt: new Date(has(CLS.CARRIED) ? s - 1 : s),
    finishedAt: has(CLS.FINISHED_IN) ? new Date(s) : null,
    withdrawnAt: has(CLS.WITHDRAWN) ? new Date(s) : null,
    effectiveDueAt: has(CLS.LATE) ? new Date(s - 2) : period.end,
    resultIssued: has(CLS.RESULT),
    supplementRequests: has(CLS.REPEAT_SUPPLEMENT) ? overdueFrom : 0,
    syncedToNational: has(CLS.SYNCED),
    paidOnline: has(CLS.PAID_ONLINE),
    electronicResult: has(CLS.ELECTRONIC_RESULT),
    filesDigitised: has(CLS.FILES_DIGITISED),
    reusedData: has(CLS.REUSED_DATA),
    rating: has(CLS.UNSATISFIED) ? 'UNSATISFIED' : null,
    complained: has(CLS.COMPLAINED),
  };
  // Distinct objects: the computation keeps sets of facts.
  return Array.from({ length: row.count }, () => ({ ...fact }));
}

/**
 * The card of a scope from its classes, without a fact object per dossier (a province year is
 * half a million). Every numerator, denominator and term of `computeScorecard766` counts
 * dossiers one by one, so the card of one fact of a class, times the class's size, summed over
 * the classes, gives the counts of all the facts; rates, points, totals and band are then
 * scored from the sums as `computeScorecard766` scores them (facts.test.ts holds the two equal).
 */
export function cardOfClasses(
  classes: readonly FactClassRow[],
  flags: ReadonlyMap<number, ProcedureFlags>,
  period: Period,
  config: Scorecard766Config,
): Scorecard766 {
  const empty = computeScorecard766([], period, config);
  const sums = new Map(empty.groups.flatMap((g) => g.indicators.map((i) => [i.code, { ...i, terms: { ...i.explanation.terms } }])));
  // A class's fact depends on its bits, channel and two procedure flags: few distinct cards.
  const cardOfOne = new Map<string, IndicatorResult[]>();
  for (const c of classes) {
    const f = flags.get(c.procedureId);
    const key = `${c.cls}:${c.channel}:${f?.feeBearing ?? false}:${f?.paperResult ?? false}`;
    let indicators = cardOfOne.get(key);
    if (!indicators) {
      const facts = factsOfClass({ ...c, count: 1 }, f, period, config.overdueFromSupplementRequests);
      indicators = computeScorecard766(facts, period, config).groups.flatMap((g) => g.indicators);
      cardOfOne.set(key, indicators);
    }
    for (const i of indicators) {
      const sum = sums.get(i.code);
      if (!sum || i.status === 'NOT_SUPPLIED') continue;
      sum.numerator += i.numerator * c.count;
      sum.denominator += i.denominator * c.count;
      for (const [k, v] of Object.entries(i.explanation.terms)) sum.terms[k] = (sum.terms[k] ?? 0) + v * c.count;
    }
  }
  const groups = empty.groups.map((g) => ({
    ...g,
    indicators: g.indicators.map((i): IndicatorResult => {
      const sum = sums.get(i.code);
      if (!sum || i.status === 'NOT_SUPPLIED') return i;
      return scoreCounts(
        i,
        { numerator: sum.numerator, denominator: sum.denominator, formula: i.explanation.formula, terms: sum.terms },
        config,
      );
    }),
  }));
  return retotalled({ ...empty, groups }, config);
}

/**
 * Due dates pushed back by paused working time, for thousands of dossiers. The same answer as
 * `extendByWorkingMs`, which walks the calendar day by day (≈ 0.1 ms a dossier, most of a
 * year's scorecard when it ran per paused dossier): here the walk is done once, as an index
 * of working days from `origin`, and each due date becomes arithmetic on office time.
 * Dates before `origin` or past the walk's bound take the exact function.
 */
export function dueExtender(cal: CalendarData, origin: string): (due: Date, pausedMs: number) => Date {
  const { calendar, rules } = cal;
  const dayMs = workingDayMs(rules);
  const exact = (due: Date, ms: number) => extendByWorkingMs(due, ms, cal);
  if (dayMs <= 0) return exact;
  /** Working days before each date walked so far, and the working days in order. */
  const before = new Map<string, number>();
  const workdays: string[] = [];
  let next = origin;
  const walkOne = () => {
    before.set(next, workdays.length);
    if (isWorkingDay(next, calendar, rules)) workdays.push(next);
    next = addDays(next, 1);
  };
  const elapsedAt = (msOfDay: number) => rules.officeHours.reduce((sum, p) => sum + Math.max(0, Math.min(msOfDay, p.endMs) - p.startMs), 0);
  return (due, ms) => {
    if (ms <= 0) return due;
    const local = zonedParts(due, rules.timeZone);
    if (local.date < origin) return exact(due, ms);
    for (let guard = 0; !before.has(local.date); guard++) {
      if (guard > MAX_INDEX_DAYS) return exact(due, ms);
      walkOne();
    }
    const dayIndex = before.get(local.date) ?? 0;
    // Office time from the origin to the due instant (a day off or after closing counts from the next opening).
    const at = dayIndex * dayMs + (isWorkingDay(local.date, calendar, rules) ? elapsedAt(local.msOfDay) : 0) + ms;
    // The earliest instant at which that much office time has passed: a day's end counts as that day.
    const k = Math.ceil(at / dayMs) - 1;
    for (let guard = 0; workdays.length <= k; guard++) {
      if (guard > MAX_INDEX_DAYS) return exact(due, ms);
      walkOne();
    }
    let rest = at - k * dayMs;
    for (const p of rules.officeHours) {
      if (rest <= p.endMs - p.startMs) return zonedInstant(workdays[k] ?? origin, p.startMs + rest, rules.timeZone);
      rest -= p.endMs - p.startMs;
    }
    return exact(due, ms);
  };
}

const MAX_INDEX_DAYS = 20_000;

/**
 * The class of a paused dossier once its due date is pushed back. `extendByWorkingMs` counts
 * fractional hours, so its instant can be a millisecond earlier than the index's: when the
 * measured instant is that close, the exact function decides.
 */
export function classOfPaused(r: PausedDossierRow, extend: (due: Date, pausedMs: number) => Date, cal: CalendarData): FactClassRow {
  let late = false;
  if (r.dueAt) {
    const due = new Date(r.dueAt);
    const measured = Date.parse(r.measuredAt);
    const extended = extend(due, r.pausedMs).getTime();
    late = Math.abs(measured - extended) <= 1 ? measured > extendByWorkingMs(due, r.pausedMs, cal).getTime() : measured > extended;
  }
  return { procedureId: r.procedureId, channel: r.channel, cls: late ? r.cls | CLS.LATE : r.cls, count: 1 };
}
