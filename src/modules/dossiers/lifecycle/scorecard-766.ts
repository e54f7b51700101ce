import type {
  CertaintyTag,
  IndicatorCode,
  IndicatorConfig,
  RatingBand,
  Scorecard766Config,
  ScorecardGroup,
} from '../../../platform/rules/defaults/scorecard-766.config.ts';
import { type CalendarData, effectiveDueAt, finishInstant } from './due-state.ts';
import type { LifecycleState } from './state-machine.ts';

/**
 * Decision 766 indicators computed from dossier facts for a period (domain.md §6.4, §6.6,
 * §7.2, §11.3). Pure: the caller loads the facts and the config version in force. Indicators
 * about the procedure catalogue or feedback (1.1–1.3, 3.1, 3.2, 3.5, 5.1, 5.2) are not dossier
 * facts; the caller may supply their counts, otherwise they score nothing and say so.
 */

export type DossierFact = {
  /** Receipt of the complete dossier; null for a dossier never received (it is out of every indicator). */
  receivedAt: Date | null;
  /** The due date after pauses as of the period's end (due-state.ts `effectiveDueAt`); null if none. */
  effectiveDueAt: Date | null;
  /** End of processing by the priority DONE > RETURNED > STOPPED/REFUSED; null while open. */
  finishedAt: Date | null;
  withdrawnAt: Date | null;
  /** The dossier was processed to a result (DONE); a stopped or refused one has none. */
  resultIssued: boolean;
  supplementRequests: number;
  channel: 'COUNTER' | 'ONLINE' | 'POST';
  syncedToNational: boolean;
  feeBearing: boolean;
  paidOnline: boolean;
  /** The procedure's result is a paper document. */
  paperResult: boolean;
  electronicResult: boolean;
  /** The dossier's files were attached as scans or electronic documents. */
  filesDigitised: boolean;
  reusedData: boolean;
  /** The citizen's overall rating, if given. */
  rating: 'VERY_SATISFIED' | 'SATISFIED' | 'UNSATISFIED' | null;
  complained: boolean;
};

/** A period as instants: from `start` (inclusive) to `end` (exclusive). */
export type Period = { start: Date; end: Date };

export type SuppliedCount = { numerator: number; denominator: number };

/**
 * How an indicator's figure was computed, as a machine-readable key: the scorecard module
 * renders `scorecard.formula.<key>` (and `scorecard.term.<term>` for each term) in the
 * reader's language, so the pure formulas carry no prose of any language.
 */
export const FORMULA_KEYS = [
  'synced',
  'onTime',
  'online',
  'paidOnline',
  'electronicResult',
  'digitised',
  'reused',
  'satisfaction',
  'offeredOnline',
  'usedOnline',
  'paknOnTime',
  'supplied',
  'notSupplied',
] as const;
export type FormulaKey = (typeof FORMULA_KEYS)[number];
export type SuppliedCounts = Partial<Record<IndicatorCode, SuppliedCount>>;

export type IndicatorStatus = 'COMPUTED' | 'NO_DATA' | 'NOT_SUPPLIED';

export type IndicatorResult = {
  code: IndicatorCode;
  group: ScorecardGroup;
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator, 0–1; null when the denominator is 0 or nothing was supplied. */
  rate: number | null;
  threshold: number;
  maxPoints: number;
  points: number;
  certainty: CertaintyTag;
  status: IndicatorStatus;
  /** How the figure was computed: a formula key (rendered by the reader's locale) and its named terms. */
  explanation: { formula: FormulaKey; terms: Record<string, number> };
};

export type GroupResult = { group: ScorecardGroup; maxPoints: number; points: number; indicators: IndicatorResult[] };

export type Scorecard766 = {
  configVersion: string;
  period: Period;
  groups: GroupResult[];
  total: number;
  band: RatingBand;
  /** False when some indicator had no supplied counts: the total is then a lower bound. */
  complete: boolean;
};

/** Counts of one indicator with how they were computed: what `scoreCounts` turns into points. */
export type Computed = { numerator: number; denominator: number; formula: FormulaKey; terms: Record<string, number> };

const t = (d: Date) => d.getTime();
const before = (a: Date | null, b: Date) => a !== null && t(a) < t(b);

/** The score of one indicator: min(1, rate ÷ threshold) × maxPoints (domain.md §11.3). */
export function indicatorPoints(rate: number, threshold: number, maxPoints: number): number {
  return Math.min(1, rate / threshold) * maxPoints;
}

export type ProgressCounts = {
  received: number;
  carriedOver: number;
  toProcess: number;
  lateInProcess: number;
  lateProcessed: number;
  /** Of the late ones, those late only because of a repeated supplement request. */
  lateByRepeatSupplement: number;
  onTime: number;
};

/** Whether a dossier of the to-process set counts as late for the period (domain.md §6.4, §6.6). */
function lateness(f: DossierFact, period: Period, config: Scorecard766Config): 'LATE_BY_TIME' | 'LATE_BY_REPEAT' | null {
  const measuredAt = f.finishedAt && before(f.finishedAt, period.end) ? f.finishedAt : period.end;
  if (f.effectiveDueAt && t(measuredAt) > t(f.effectiveDueAt)) return 'LATE_BY_TIME';
  return f.supplementRequests >= config.overdueFromSupplementRequests ? 'LATE_BY_REPEAT' : null;
}

/**
 * The to-process set of Gia Lai's definition: received in the period plus carried over
 * (received before it and not finished before it). Withdrawn dossiers (before the period's
 * end) are left out: a withdrawal ends the dossier without an outcome to measure.
 */
export function toProcess(facts: readonly DossierFact[], period: Period): DossierFact[] {
  return facts.filter(
    (f) =>
      f.receivedAt !== null &&
      before(f.receivedAt, period.end) &&
      !before(f.withdrawnAt, period.end) &&
      !before(f.finishedAt, period.start),
  );
}

/** late rate = (late in process + late processed) ÷ to process; on time = to process − late. */
export function progressCounts(facts: readonly DossierFact[], period: Period, config: Scorecard766Config): ProgressCounts {
  const set = toProcess(facts, period);
  const c: ProgressCounts = {
    received: 0,
    carriedOver: 0,
    toProcess: set.length,
    lateInProcess: 0,
    lateProcessed: 0,
    lateByRepeatSupplement: 0,
    onTime: 0,
  };
  for (const f of set) {
    if (f.receivedAt && before(f.receivedAt, period.start)) c.carriedOver += 1;
    else c.received += 1;
    const late = lateness(f, period, config);
    if (!late) continue;
    if (late === 'LATE_BY_REPEAT') c.lateByRepeatSupplement += 1;
    if (before(f.finishedAt, period.end)) c.lateProcessed += 1;
    else c.lateInProcess += 1;
  }
  c.onTime = c.toProcess - c.lateInProcess - c.lateProcessed;
  return c;
}

function receivedIn(facts: readonly DossierFact[], period: Period): DossierFact[] {
  return facts.filter((f) => f.receivedAt !== null && !before(f.receivedAt, period.start) && before(f.receivedAt, period.end));
}

/** Dossiers that reached a result in the period: only they can have an electronic result. */
function finishedIn(facts: readonly DossierFact[], period: Period): DossierFact[] {
  return facts.filter(
    (f) => f.resultIssued && f.finishedAt !== null && !before(f.finishedAt, period.start) && before(f.finishedAt, period.end),
  );
}

const share = (set: readonly DossierFact[], test: (f: DossierFact) => boolean, formula: FormulaKey, name: string): Computed => {
  const numerator = set.filter(test).length;
  return { numerator, denominator: set.length, formula, terms: { [name]: numerator, inScope: set.length } };
};

/** The indicators computed from dossier facts; the others come from supplied counts. */
function fromDossiers(facts: readonly DossierFact[], period: Period, config: Scorecard766Config): Partial<Record<IndicatorCode, Computed>> {
  const received = receivedIn(facts, period);
  const finished = finishedIn(facts, period);
  const p = progressCounts(facts, period, config);
  const lateSet = new Set(toProcess(facts, period).filter((f) => lateness(f, period, config) !== null));
  const toProc = toProcess(facts, period);
  const unhappy = toProc.filter((f) => lateSet.has(f) || f.rating === 'UNSATISFIED' || f.complained);
  return {
    '1.4': share(received, (f) => f.syncedToNational, 'synced', 'synced'),
    '2.1': {
      numerator: p.onTime,
      denominator: p.toProcess,
      formula: 'onTime',
      terms: { ...p },
    },
    '3.3': share(received, (f) => f.channel === 'ONLINE' && (!f.paperResult || f.electronicResult), 'online', 'online'),
    '3.6': share(
      received.filter((f) => f.feeBearing),
      (f) => f.paidOnline,
      'paidOnline',
      'paidOnline',
    ),
    '4.1': share(
      finished.filter((f) => f.paperResult),
      (f) => f.electronicResult,
      'electronicResult',
      'electronicResult',
    ),
    '4.2': share(finished, (f) => f.filesDigitised && f.electronicResult, 'digitised', 'digitised'),
    '4.3': share(received, (f) => f.reusedData, 'reused', 'reused'),
    '5.4': {
      numerator: toProc.length - unhappy.length,
      denominator: toProc.length,
      formula: 'satisfaction',
      terms: {
        toProcess: toProc.length,
        overdue: lateSet.size,
        unsatisfied: toProc.filter((f) => f.rating === 'UNSATISFIED').length,
        complained: toProc.filter((f) => f.complained).length,
        unhappy: unhappy.length,
      },
    },
  };
}

function score(ic: IndicatorConfig, group: ScorecardGroup, computed: Computed | undefined, config: Scorecard766Config): IndicatorResult {
  const base = { code: ic.code, group, threshold: ic.threshold, maxPoints: ic.maxPoints, certainty: ic.certainty };
  if (!computed) {
    return {
      ...base,
      numerator: 0,
      denominator: 0,
      rate: null,
      points: 0,
      status: 'NOT_SUPPLIED',
      explanation: { formula: 'notSupplied', terms: {} },
    };
  }
  return scoreCounts(base, computed, config);
}

/**
 * Points for counts: NO_DATA without a denominator (full or zero points by the config), else
 * the rate against the threshold. Every indicator is scored here, whether its counts come
 * from dossier facts, from sums over classes of dossiers or from the catalogue and PAKN.
 */
export function scoreCounts(
  base: Pick<IndicatorResult, 'code' | 'group' | 'threshold' | 'maxPoints' | 'certainty'>,
  computed: Computed,
  config: Scorecard766Config,
): IndicatorResult {
  const { code, group, threshold, maxPoints, certainty } = base;
  const head = { code, group, threshold, maxPoints, certainty };
  const explanation = { formula: computed.formula, terms: computed.terms };
  if (computed.denominator <= 0) {
    const points = config.noDataPoints === 'full' ? maxPoints : 0;
    return { ...head, numerator: computed.numerator, denominator: 0, rate: null, points, status: 'NO_DATA', explanation };
  }
  const rate = computed.numerator / computed.denominator;
  return {
    ...head,
    numerator: computed.numerator,
    denominator: computed.denominator,
    rate,
    points: indicatorPoints(rate, threshold, maxPoints),
    status: 'COMPUTED',
    explanation,
  };
}

/** A card whose indicators changed: group points, total, band and completeness follow from them. */
export function retotalled(card: Scorecard766, config: Scorecard766Config): Scorecard766 {
  const groups = card.groups.map((g) => ({ ...g, points: g.indicators.reduce((sum, i) => sum + i.points, 0) }));
  const total = groups.reduce((sum, g) => sum + g.points, 0);
  const complete = groups.every((g) => g.indicators.every((i) => i.status !== 'NOT_SUPPLIED'));
  return { ...card, groups, total, band: bandOf(total, config), complete };
}

export function bandOf(total: number, config: Scorecard766Config): RatingBand {
  const sorted = [...config.bands].sort((a, b) => b.minPoints - a.minPoints);
  return (sorted.find((b) => total >= b.minPoints) ?? sorted.at(-1))?.band ?? 'WEAK';
}

/** The whole scorecard for a unit or province: the caller passes the facts of that scope. */
export function computeScorecard766(
  facts: readonly DossierFact[],
  period: Period,
  config: Scorecard766Config,
  supplied: SuppliedCounts = {},
): Scorecard766 {
  const computed = fromDossiers(facts, period, config);
  let complete = true;
  const groups = config.groups.map((g) => {
    const indicators = g.indicators.map((ic) => {
      const s = supplied[ic.code];
      const input =
        computed[ic.code] ??
        (s ? { ...s, formula: 'supplied' as const, terms: { numerator: s.numerator, denominator: s.denominator } } : undefined);
      const r = score(ic, g.group, input, config);
      if (r.status === 'NOT_SUPPLIED') complete = false;
      return r;
    });
    return { group: g.group, maxPoints: g.maxPoints, points: indicators.reduce((sum, i) => sum + i.points, 0), indicators };
  });
  const total = groups.reduce((sum, g) => sum + g.points, 0);
  return { configVersion: config.version, period, groups, total, band: bandOf(total, config), complete };
}

/** The dossier-side facts of a lifecycle state, as of the period's end. */
export function factOfState(
  state: LifecycleState,
  periodEnd: Date,
  cal: CalendarData,
  flags: Omit<DossierFact, 'receivedAt' | 'effectiveDueAt' | 'finishedAt' | 'withdrawnAt' | 'resultIssued' | 'supplementRequests'>,
): DossierFact {
  return {
    ...flags,
    receivedAt: state.receivedAt,
    effectiveDueAt: effectiveDueAt(state, periodEnd, cal)?.at ?? null,
    finishedAt: finishInstant(state),
    withdrawnAt: state.withdrawnAt,
    resultIssued: state.doneAt !== null,
    supplementRequests: state.supplementRequests,
  };
}
