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
import { CLS, CLS_LIMIT, type FactClassRow, type PausedDossierRow, type ProcedureFlags } from '../scorecard.repository.ts';

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
 * The counts one fact of a signature adds to a card, as slots of a layout shared by every
 * signature of a period (numerator, denominator and each term of each indicator): a card is
 * then a weighted sum of small arrays instead of string-keyed objects merged term by term.
 */
type SignatureCounts = { slots: Int32Array; values: Float64Array };

/** Slot → where it goes in a card: an indicator's numerator, denominator, or a named term. */
type Slot = { code: string; part: 'numerator' | 'denominator' | 'term'; term: string };

type Layout = { slots: Slot[]; index: Map<string, number> };

/** A configuration's slot layout and the counts of every signature met so far. */
type ConfigCounts = { layout: Layout; counts: Map<number, SignatureCounts> };

/**
 * Signature counts are a pure function of the configuration, so they are kept for the process,
 * per configuration by content (a request reads its rules afresh: equal values, new objects):
 * the next overview or scorecard computes none of the thousand signatures again. Bounded: the
 * last few configurations, and a configuration's signatures are dropped past a size no real
 * province reaches (13 class bits × channel × two flags).
 */
const SHARED = new Map<string, ConfigCounts>();
const SHARED_CONFIGS = 8;
const SHARED_SIGNATURES = 50_000;

function sharedCountsOf(config: Scorecard766Config): ConfigCounts {
  const key = JSON.stringify(config);
  let c = SHARED.get(key);
  if (c) {
    SHARED.delete(key);
  } else {
    c = { layout: { slots: [], index: new Map() }, counts: new Map() };
    if (SHARED.size >= SHARED_CONFIGS) SHARED.delete(SHARED.keys().next().value as string);
  }
  SHARED.set(key, c);
  return c;
}

/**
 * The card of one fact of each class signature, for one configuration. A caller building many
 * cards (every unit of a province, month after month) passes one cache to all of them; the
 * counts themselves are kept for the process (`SHARED`), so each signature is computed once.
 *
 * The counts depend on the configuration, not on the period: `factsOfClass` places every
 * instant by its order to the period's bounds and to the due date, and `computeScorecard766`
 * only compares instants, so a signature adds the same counts to a card of any period (the
 * cache shared across periods is held equal to `computeScorecard766` in facts.test.ts). The
 * overview's six months then compute about a thousand signatures instead of four thousand.
 */
export class ClassCardCache {
  readonly #empty = new Map<string, Scorecard766>();
  readonly #configs = new Map<Scorecard766Config, { id: number; shared: ConfigCounts }>();

  #of(config: Scorecard766Config): { id: number; shared: ConfigCounts } {
    let c = this.#configs.get(config);
    if (c === undefined) {
      c = { id: this.#configs.size, shared: sharedCountsOf(config) };
      this.#configs.set(config, c);
    }
    return c;
  }

  layout(config: Scorecard766Config): Layout {
    return this.#of(config).shared.layout;
  }

  /** What one fact of `row`'s signature adds to each slot (indicators NOT_SUPPLIED or absent from the card add nothing). */
  counts(row: FactClassRow, f: ProcedureFlags | undefined, period: Period, config: Scorecard766Config): SignatureCounts {
    const m = this.#of(config).shared.counts;
    // cls < CLS_LIMIT (13 bits), channel 1–3 (2 bits), then the two procedure flags.
    const sig = row.cls + CLS_LIMIT * (row.channel + 4 * ((f?.feeBearing ? 1 : 0) + 2 * (f?.paperResult ? 1 : 0)));
    const seen = m.get(sig);
    if (seen) return seen;
    // Slots stay valid when counts are dropped: the layout only grows.
    if (m.size >= SHARED_SIGNATURES) m.clear();
    const layout = this.layout(config);
    const codes = new Set(this.empty(period, config).groups.flatMap((g) => g.indicators.map((i) => i.code)));
    const slotOf = (code: string, part: Slot['part'], term: string) => {
      const key = `${code}\u0000${part}\u0000${term}`;
      let i = layout.index.get(key);
      if (i === undefined) {
        i = layout.slots.length;
        layout.slots.push({ code, part, term });
        layout.index.set(key, i);
      }
      return i;
    };
    const slots: number[] = [];
    const values: number[] = [];
    const facts = factsOfClass({ ...row, count: 1 }, f, period, config.overdueFromSupplementRequests);
    for (const g of computeScorecard766(facts, period, config).groups)
      for (const i of g.indicators) {
        if (!codes.has(i.code) || i.status === 'NOT_SUPPLIED') continue;
        slots.push(slotOf(i.code, 'numerator', ''), slotOf(i.code, 'denominator', ''));
        values.push(i.numerator, i.denominator);
        for (const [t, v] of Object.entries(i.explanation.terms)) {
          slots.push(slotOf(i.code, 'term', t));
          values.push(v);
        }
      }
    const counts = { slots: Int32Array.from(slots), values: Float64Array.from(values) };
    m.set(sig, counts);
    return counts;
  }

  /** The card of no dossiers (read only: callers copy what they change). */
  empty(period: Period, config: Scorecard766Config): Scorecard766 {
    const k = `${this.#of(config).id}:${period.start.getTime()}:${period.end.getTime()}`;
    let e = this.#empty.get(k);
    if (!e) {
      e = computeScorecard766([], period, config);
      this.#empty.set(k, e);
    }
    return e;
  }
}

/**
 * The card of a scope from its classes, without a fact object per dossier (a province year is
 * half a million). Every numerator, denominator and term of `computeScorecard766` counts
 * dossiers one by one, so the card of one fact of a class, times the class's size, summed over
 * the classes, gives the counts of all the facts; rates, points, totals and band are then
 * scored from the sums as `computeScorecard766` scores them (facts.test.ts holds the two equal).
 * A class's fact depends on its bits, channel and two procedure flags, so there are few
 * distinct signatures; their counts are computed once per cache.
 */
export function cardOfClasses(
  classes: readonly FactClassRow[],
  flags: ReadonlyMap<number, ProcedureFlags>,
  period: Period,
  config: Scorecard766Config,
  cache: ClassCardCache = new ClassCardCache(),
): Scorecard766 {
  const empty = cache.empty(period, config);
  const layout = cache.layout(config);
  let sums = new Float64Array(64);
  let touched = new Uint8Array(64);
  for (const c of classes) {
    const { slots, values } = cache.counts(c, flags.get(c.procedureId), period, config);
    if (layout.slots.length > sums.length) {
      const grown = new Float64Array(layout.slots.length * 2);
      grown.set(sums);
      sums = grown;
      const t = new Uint8Array(layout.slots.length * 2);
      t.set(touched);
      touched = t;
    }
    for (let j = 0; j < slots.length; j++) {
      const s = slots[j] as number;
      sums[s] = (sums[s] as number) + (values[j] as number) * c.count;
      touched[s] = 1;
    }
  }
  // Per indicator: its numerator, denominator and the terms any class touched (added to the empty card's terms).
  const added = new Map<string, { numerator: number; denominator: number; terms: Record<string, number> }>();
  for (let s = 0; s < layout.slots.length; s++) {
    if (touched[s] !== 1) continue;
    const slot = layout.slots[s] as Slot;
    let a = added.get(slot.code);
    if (!a) {
      a = { numerator: 0, denominator: 0, terms: {} };
      added.set(slot.code, a);
    }
    if (slot.part === 'term') a.terms[slot.term] = sums[s] as number;
    else a[slot.part] = sums[s] as number;
  }
  const groups = empty.groups.map((g) => ({
    ...g,
    indicators: g.indicators.map((i): IndicatorResult => {
      if (i.status === 'NOT_SUPPLIED') return i;
      const a = added.get(i.code);
      const terms = { ...i.explanation.terms };
      if (a) for (const [k, v] of Object.entries(a.terms)) terms[k] = (terms[k] ?? 0) + v;
      return scoreCounts(
        i,
        {
          numerator: i.numerator + (a?.numerator ?? 0),
          denominator: i.denominator + (a?.denominator ?? 0),
          formula: i.explanation.formula,
          terms,
        },
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
