import { describe, expect, it } from 'vitest';
import { HOLIDAY_SEED } from '../../../platform/db/migrations/0005-calendar-and-rules.ts';
import {
  checkScorecardConfig,
  DEFAULT_SCORECARD_766_CONFIG,
  type Scorecard766Config,
} from '../../../platform/rules/defaults/scorecard-766.config.ts';
import { defaultRulesUsed, toWorkingTimeRules } from '../../calendar/calendar-rules.ts';
import { buildCalendar } from '../../calendar/working-days.ts';
import type { CalendarData } from './due-state.ts';
import { bandOf, computeScorecard766, type DossierFact, factOfState, indicatorPoints, progressCounts } from './scorecard-766.ts';
import { initialState } from './state-machine.ts';

const vn = (local: string) => new Date(`${local}+07:00`);
const day = (d: string) => vn(`${d}T10:00:00`);
const due = (d: string) => vn(`${d}T17:00:00`);
const MARCH = { start: vn('2026-03-01T00:00:00'), end: vn('2026-04-01T00:00:00') };
const config = DEFAULT_SCORECARD_766_CONFIG;

function fact(changes: Partial<DossierFact>): DossierFact {
  return {
    receivedAt: null,
    effectiveDueAt: null,
    finishedAt: null,
    withdrawnAt: null,
    resultIssued: false,
    supplementRequests: 0,
    channel: 'COUNTER',
    syncedToNational: false,
    feeBearing: false,
    paidOnline: false,
    paperResult: false,
    electronicResult: false,
    filesDigitised: false,
    reusedData: false,
    rating: null,
    complained: false,
    ...changes,
  };
}

/** The hand-computed month; letters name the dossiers in the comments below. */
const FACTS: Record<string, DossierFact> = {
  // A: carried over, finished on time (Mar 2 ≤ Mar 3).
  A: fact({
    receivedAt: day('2026-02-20'),
    effectiveDueAt: due('2026-03-03'),
    finishedAt: day('2026-03-02'),
    resultIssued: true,
    paperResult: true,
    electronicResult: true,
    filesDigitised: true,
    rating: 'UNSATISFIED',
  }),
  // B: carried over, finished late (Mar 6 > Mar 5), complained.
  B: fact({
    receivedAt: day('2026-02-25'),
    effectiveDueAt: due('2026-03-05'),
    finishedAt: day('2026-03-06'),
    resultIssued: true,
    paperResult: true,
    filesDigitised: true,
    complained: true,
  }),
  // C: finished before the period: not to process.
  C: fact({
    receivedAt: day('2026-02-10'),
    effectiveDueAt: due('2026-02-27'),
    finishedAt: day('2026-02-27'),
    resultIssued: true,
    paperResult: true,
    electronicResult: true,
  }),
  // D: received, online, on time, synced, fee paid online, reused, complained.
  D: fact({
    receivedAt: day('2026-03-02'),
    effectiveDueAt: due('2026-03-10'),
    finishedAt: day('2026-03-09'),
    resultIssued: true,
    channel: 'ONLINE',
    syncedToNational: true,
    feeBearing: true,
    paidOnline: true,
    electronicResult: true,
    filesDigitised: true,
    reusedData: true,
    complained: true,
  }),
  // E: received, still open at the period's end, due Mar 31 17:00 → measured at Apr 1 00:00: late in process.
  E: fact({
    receivedAt: day('2026-03-03'),
    effectiveDueAt: due('2026-03-31'),
    channel: 'ONLINE',
    syncedToNational: true,
    feeBearing: true,
    paperResult: true,
  }),
  // F: received, open, due in April: not late.
  F: fact({
    receivedAt: day('2026-03-04'),
    effectiveDueAt: due('2026-04-10'),
    channel: 'ONLINE',
    syncedToNational: true,
    paperResult: true,
    electronicResult: true,
    reusedData: true,
  }),
  // G: received, finished before its due date but after two supplement requests: late (repeat).
  G: fact({
    receivedAt: day('2026-03-05'),
    effectiveDueAt: due('2026-03-20'),
    finishedAt: day('2026-03-12'),
    resultIssued: true,
    supplementRequests: 2,
    feeBearing: true,
    paidOnline: true,
    paperResult: true,
    electronicResult: true,
    reusedData: true,
  }),
  // H: received online then withdrawn: counts as received, not as to process.
  H: fact({ receivedAt: day('2026-03-06'), withdrawnAt: day('2026-03-07'), channel: 'ONLINE', reusedData: true }),
  // I: received after the period; J: never received.
  I: fact({ receivedAt: day('2026-04-02'), effectiveDueAt: due('2026-04-08'), syncedToNational: true }),
  J: fact({ channel: 'ONLINE' }),
};

describe('progress (domain.md §6.4, §6.6)', () => {
  it('counts to process = received + carried over, and late = late in process + late processed', () => {
    // To process: A, B (carried over) + D, E, F, G (received) = 6. Late: B, G processed; E in process.
    expect(progressCounts(Object.values(FACTS), MARCH, config)).toEqual({
      received: 4,
      carriedOver: 2,
      toProcess: 6,
      lateInProcess: 1,
      lateProcessed: 2,
      lateByRepeatSupplement: 1,
      onTime: 3,
    });
  });

  it('counts two supplement requests as overdue only from the configured number', () => {
    const lenient: Scorecard766Config = { ...config, overdueFromSupplementRequests: 3 };
    expect(progressCounts(Object.values(FACTS), MARCH, lenient)).toMatchObject({ lateProcessed: 1, lateByRepeatSupplement: 0, onTime: 4 });
  });
});

describe('computeScorecard766: a hand-computed month', () => {
  const supplied = {
    '1.1': { numerator: 8, denominator: 10 },
    '1.2': { numerator: 10, denominator: 10 },
    '3.1': { numerator: 40, denominator: 50 },
    '3.2': { numerator: 0, denominator: 0 },
    '3.5': { numerator: 6, denominator: 10 },
    '5.1': { numerator: 9, denominator: 10 },
  };
  const card = computeScorecard766(Object.values(FACTS), MARCH, config, supplied);
  const ind = (code: string) => card.groups.flatMap((g) => g.indicators).find((i) => i.code === code);
  const row = (code: string) => {
    const i = ind(code);
    return i && [i.numerator, i.denominator, i.rate === null ? null : Number(i.rate.toFixed(4)), Number(i.points.toFixed(4)), i.status];
  };

  it('scores each indicator as min(1, rate ÷ threshold) × max points', () => {
    // Received in March: D, E, F, G, H = 5. Processed to a result in March: A, B, D, G = 4.
    expect(row('1.1')).toEqual([8, 10, 0.8, 3.2, 'COMPUTED']); // 0.8 ÷ 1 × 4
    expect(row('1.2')).toEqual([10, 10, 1, 4, 'COMPUTED']);
    expect(row('1.3')).toEqual([0, 0, null, 0, 'NOT_SUPPLIED']);
    expect(row('1.4')).toEqual([3, 5, 0.6, 3.6, 'COMPUTED']); // synced D, E, F of 5; 0.6 × 6
    expect(row('2.1')).toEqual([3, 6, 0.5, 10, 'COMPUTED']); // on time A, D, F of 6; 0.5 × 20
    expect(row('3.1')).toEqual([40, 50, 0.8, 4, 'COMPUTED']); // 0.8 ≥ 0.8: full 4
    expect(row('3.2')).toEqual([0, 0, null, 4, 'NO_DATA']); // nothing to measure: full points by config
    // Online D (no paper result), F (electronic result), H; not E (paper result, none electronic): 3 of 5 = 0.6 ≥ 0.5: full 6.
    expect(row('3.3')).toEqual([3, 5, 0.6, 6, 'COMPUTED']);
    expect(row('3.5')).toEqual([6, 10, 0.6, 3, 'COMPUTED']); // 0.6 ÷ 0.8 × 4
    expect(row('3.6')).toEqual([2, 3, 0.6667, 3.3333, 'COMPUTED']); // fee-bearing D, E, G; paid D, G; (2/3) ÷ 0.8 × 4
    expect(row('4.1')).toEqual([2, 3, 0.6667, 5, 'COMPUTED']); // paper result A, B, G; electronic A, G; (2/3) ÷ 0.8 × 6
    expect(row('4.2')).toEqual([2, 4, 0.5, 5, 'COMPUTED']); // files + electronic: A, D of A, B, D, G; 0.5 ÷ 0.8 × 8
    expect(row('4.3')).toEqual([4, 5, 0.8, 8, 'COMPUTED']); // reused D, F, G, H of 5; full 8
    expect(row('5.1')).toEqual([9, 10, 0.9, 5.4, 'COMPUTED']); // 0.9 × 6
    expect(row('5.2')).toEqual([0, 0, null, 0, 'NOT_SUPPLIED']);
    // Unhappy among the 6: late B, E, G; unsatisfied A; complained B, D → {A, B, D, E, G} = 5; (1/6) ÷ 0.9 × 6.
    expect(row('5.4')).toEqual([1, 6, 0.1667, 1.1111, 'COMPUTED']);
  });

  it('adds the groups, the total and the band', () => {
    // Transparency 3.2 + 4 + 0 + 3.6 = 10.8; progress 10; online 4 + 4 + 6 + 3 + 3.3333 = 20.3333;
    // digitisation 5 + 5 + 8 = 18; satisfaction 5.4 + 0 + 1.1111 = 6.5111; total 65.6444 → AVERAGE.
    expect(card.groups.map((g) => [g.group, g.maxPoints, Number(g.points.toFixed(4))])).toEqual([
      ['TRANSPARENCY', 18, 10.8],
      ['PROGRESS', 20, 10],
      ['ONLINE_SERVICE', 22, 20.3333],
      ['DIGITISATION', 22, 18],
      ['SATISFACTION', 18, 6.5111],
    ]);
    expect(card.total).toBeCloseTo(65.6444, 4);
    expect(card).toMatchObject({ band: 'AVERAGE', complete: false, configVersion: '766-default-1' });
  });

  it('explains each figure with its terms', () => {
    expect(ind('2.1')?.explanation.terms).toMatchObject({ received: 4, carriedOver: 2, lateInProcess: 1, lateProcessed: 2 });
    expect(ind('5.4')?.explanation.terms).toEqual({ toProcess: 6, overdue: 3, unsatisfied: 1, complained: 2, unhappy: 5 });
    expect(ind('1.3')?.explanation).toEqual({ formula: 'notSupplied', terms: {} });
    expect(ind('2.1')?.explanation.formula).toBe('onTime');
  });

  it('scores supplied counts like computed ones, says they were supplied, and completes the card when all are', () => {
    expect(ind('1.1')?.explanation).toEqual({ formula: 'supplied', terms: { numerator: 8, denominator: 10 } });
    const all = computeScorecard766(Object.values(FACTS), MARCH, config, {
      ...supplied,
      '1.3': { numerator: 3, denominator: 4 },
      '5.2': { numerator: 0, denominator: 0 },
    });
    const byCode = new Map(all.groups.flatMap((g) => g.indicators).map((i) => [i.code, i]));
    expect(byCode.get('1.3')).toMatchObject({ numerator: 3, denominator: 4, rate: 0.75, points: 3, status: 'COMPUTED' });
    // Supplied with an empty denominator: the no-data rule, as for a computed indicator (full points by default).
    expect(byCode.get('5.2')).toMatchObject({ denominator: 0, rate: null, points: 6, status: 'NO_DATA' });
    expect(all.complete).toBe(true);
    // 1.3 adds 3 and 5.2 adds 6 to the hand-computed total.
    expect(all.total).toBeCloseTo(65.6444 + 3 + 6, 4);
    // Supplied counts never replace what the dossiers compute.
    const ignored = computeScorecard766(Object.values(FACTS), MARCH, config, { '2.1': { numerator: 0, denominator: 100 } });
    expect(ignored.groups[1]?.indicators[0]).toMatchObject({ numerator: 3, denominator: 6, status: 'COMPUTED' });
  });

  it('reads thresholds, weights and the no-data rule from the config, not from code', () => {
    const strict: Scorecard766Config = {
      ...config,
      noDataPoints: 'zero',
      groups: config.groups.map((g) =>
        g.group === 'PROGRESS' ? { ...g, indicators: g.indicators.map((i) => ({ ...i, threshold: 0.5 })) } : g,
      ),
    };
    const other = computeScorecard766(Object.values(FACTS), MARCH, strict, supplied);
    const pts = (code: string) => other.groups.flatMap((g) => g.indicators).find((i) => i.code === code)?.points;
    expect(pts('2.1')).toBe(20); // 0.5 ÷ 0.5 × 20
    expect(pts('3.2')).toBe(0);
    expect(other.total).toBeCloseTo(65.6444 + 10 - 4, 4);
  });

  it('scores an empty unit by the no-data rule only where counts were supplied', () => {
    const empty = computeScorecard766([], MARCH, config);
    // Dossier indicators have empty denominators → full points; the 8 supplied-only indicators (36 points) score 0.
    expect(empty.total).toBe(100 - (4 + 4 + 4) - (4 + 4 + 4) - (6 + 6));
    expect(empty.complete).toBe(false);
  });
});

describe('points and bands', () => {
  it('caps at the maximum and scales below the threshold', () => {
    expect(indicatorPoints(0.4, 0.8, 6)).toBe(3);
    expect(indicatorPoints(0.95, 0.8, 6)).toBe(6);
    expect(indicatorPoints(0, 0.9, 6)).toBe(0);
  });

  it('bands the total: excellent ≥ 90, good 70–<90, average 50–<70, weak < 50', () => {
    expect([100, 90, 89.99, 70, 69.99, 50, 49.99, 0].map((n) => bandOf(n, config))).toEqual([
      'EXCELLENT',
      'EXCELLENT',
      'GOOD',
      'GOOD',
      'AVERAGE',
      'AVERAGE',
      'WEAK',
      'WEAK',
    ]);
    expect(
      bandOf(85, {
        ...config,
        bands: [
          { band: 'EXCELLENT', minPoints: 85 },
          { band: 'WEAK', minPoints: 0 },
        ],
      }),
    ).toBe('EXCELLENT');
  });

  it('accepts the default config and refuses one whose weights do not add up', () => {
    expect(checkScorecardConfig(config)).toEqual([]);
    const broken: Scorecard766Config = {
      ...config,
      groups: config.groups.map((g) => (g.group === 'SATISFACTION' ? { ...g, indicators: g.indicators.slice(1) } : g)),
    };
    expect(checkScorecardConfig(broken)).toEqual(['SATISFACTION: indicator points add up to 12, not 18']);
  });
});

describe('factOfState', () => {
  it('takes the due date after pauses as of the period end and the finish by priority', () => {
    const cal: CalendarData = { calendar: buildCalendar(HOLIDAY_SEED), rules: toWorkingTimeRules(defaultRulesUsed()) };
    const s = {
      ...initialState('COUNTER', vn('2026-03-30T09:00:00'), vn('2026-03-31T17:00:00')),
      status: 5 as const,
      supplementRequests: 1,
      pauses: [{ kind: 'SUPPLEMENT' as const, startedAt: vn('2026-03-31T13:00:00'), endedAt: null }],
    };
    const flags = { ...fact({}) } as Omit<
      DossierFact,
      'receivedAt' | 'effectiveDueAt' | 'finishedAt' | 'withdrawnAt' | 'resultIssued' | 'supplementRequests'
    >;
    const f = factOfState(s, MARCH.end, cal, flags);
    // Paused Tue 31 Mar 13:00–17:00 = 4 h by the period's end; due 17:00 + 4 h → Wed 1 Apr 11:30.
    expect(f).toMatchObject({ effectiveDueAt: vn('2026-04-01T11:30:00'), finishedAt: null, supplementRequests: 1, resultIssued: false });
    expect(progressCounts([f], MARCH, config)).toMatchObject({ toProcess: 1, lateInProcess: 0 });
  });
});
