import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_SEED } from '../../../platform/db/migrations/0005-calendar-and-rules.ts';
import { DEFAULT_SCORECARD_766_CONFIG } from '../../../platform/rules/defaults/scorecard-766.config.ts';
import { defaultRulesUsed, toWorkingTimeRules } from '../../calendar/calendar-rules.ts';
import { buildCalendar } from '../../calendar/working-days.ts';
import { type CalendarData, extendByWorkingMs } from '../../dossiers/lifecycle/due-state.ts';
import { computeScorecard766 } from '../../dossiers/lifecycle/scorecard-766.ts';
import { CLS, CLS_LIMIT, type FactClassRow, type PausedDossierRow, type ProcedureFlags } from '../scorecard.repository.ts';
import { ClassCardCache, cardOfClasses, classOfPaused, dueExtender, factsOfClass } from './facts.ts';

const vn = (local: string) => new Date(`${local}+07:00`);
const YEAR = { start: vn('2026-01-01T00:00:00'), end: vn('2027-01-01T00:00:00') };
const config = DEFAULT_SCORECARD_766_CONFIG;
const cal: CalendarData = { calendar: buildCalendar(HOLIDAY_SEED), rules: toWorkingTimeRules(defaultRulesUsed()) };

const flags = new Map<number, ProcedureFlags>(
  [1, 2, 3, 4].map((id) => [
    id,
    {
      id,
      nationalCode: `1.00${id}`,
      nameVi: `TTHC ${id}`,
      nameEn: `Procedure ${id}`,
      field: 'civil',
      onlineLevel: 'full',
      feeBearing: id % 2 === 0,
      paperResult: id > 2,
    },
  ]),
);

const classRow = fc.record({
  procedureId: fc.integer({ min: 1, max: 5 }), // 5 has no flags: the defaults apply
  channel: fc.integer({ min: 1, max: 3 }),
  // Every bit, the recorded 766 facts (sync, payment, electronic result, files, reuse, rating, complaint) included.
  cls: fc.integer({ min: 0, max: CLS_LIMIT - 1 }),
  count: fc.integer({ min: 0, max: 40 }),
});

describe('cardOfClasses', () => {
  it('equals computeScorecard766 over one fact per dossier, for any mix of classes', () => {
    fc.assert(
      fc.property(fc.array(classRow, { maxLength: 30 }), (rows: FactClassRow[]) => {
        const facts = rows.flatMap((c) => factsOfClass(c, flags.get(c.procedureId), YEAR, config.overdueFromSupplementRequests));
        expect(cardOfClasses(rows, flags, YEAR, config)).toEqual(computeScorecard766(facts, YEAR, config));
      }),
      { numRuns: 200 },
    );
  });

  it('gives every card the same answer with one cache shared across cards and periods as with none', () => {
    const cache = new ClassCardCache();
    const MARCH = { start: vn('2026-03-01T00:00:00'), end: vn('2026-04-01T00:00:00') };
    fc.assert(
      fc.property(fc.array(fc.array(classRow, { maxLength: 20 }), { minLength: 2, maxLength: 4 }), (scopes: FactClassRow[][]) => {
        for (const [n, rows] of scopes.entries()) {
          const period = n % 2 === 0 ? YEAR : MARCH;
          const facts = rows.flatMap((c) => factsOfClass(c, flags.get(c.procedureId), period, config.overdueFromSupplementRequests));
          expect(cardOfClasses(rows, flags, period, config, cache)).toEqual(computeScorecard766(facts, period, config));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('scores an empty scope like computeScorecard766 does (no data: full points by default)', () => {
    expect(cardOfClasses([], flags, YEAR, config)).toEqual(computeScorecard766([], YEAR, config));
  });

  it('adds up a late class and an on-time class into indicator 2.1', () => {
    const rows: FactClassRow[] = [
      { procedureId: 1, channel: 1, cls: CLS.FINISHED_IN | CLS.RESULT, count: 7 },
      { procedureId: 1, channel: 1, cls: CLS.FINISHED_IN | CLS.RESULT | CLS.LATE, count: 3 },
    ];
    const i21 = cardOfClasses(rows, flags, YEAR, config)
      .groups.flatMap((g) => g.indicators)
      .find((i) => i.code === '2.1');
    expect(i21).toMatchObject({ numerator: 7, denominator: 10, rate: 0.7, status: 'COMPUTED' });
  });
});

describe('factsOfClass', () => {
  it('reads each recorded 766 fact from its own bit', () => {
    const cls =
      CLS.SYNCED | CLS.PAID_ONLINE | CLS.ELECTRONIC_RESULT | CLS.FILES_DIGITISED | CLS.REUSED_DATA | CLS.UNSATISFIED | CLS.COMPLAINED;
    const [all] = factsOfClass({ procedureId: 4, channel: 2, cls, count: 1 }, flags.get(4), YEAR, 2);
    expect(all).toMatchObject({
      syncedToNational: true,
      paidOnline: true,
      electronicResult: true,
      filesDigitised: true,
      reusedData: true,
      rating: 'UNSATISFIED',
      complained: true,
    });
    const [none] = factsOfClass({ procedureId: 4, channel: 2, cls: CLS.RESULT, count: 1 }, flags.get(4), YEAR, 2);
    expect(none).toMatchObject({ syncedToNational: false, paidOnline: false, electronicResult: false, rating: null, complained: false });
  });
});

describe('dueExtender', () => {
  const extend = dueExtender(cal, '2025-01-01');
  // Instants across 2025–2027, Tết 2026 included, at any minute of the day; pauses up to 10 days of wall time.
  const instant = fc
    .integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-06-01T00:00:00Z') })
    .map((t) => new Date(t - (t % 60_000)));
  const pausedMs = fc.oneof(
    fc.integer({ min: 1, max: 10 * 86_400_000 }),
    fc.integer({ min: 1, max: 14_400 }).map((m) => m * 60_000),
  );

  it('gives the same instant as extendByWorkingMs, within the millisecond extendByWorkingMs may lose to fractional hours', () => {
    fc.assert(
      fc.property(instant, pausedMs, (due, ms) => {
        const exact = extendByWorkingMs(due, ms, cal).getTime();
        expect(Math.abs(extend(due, ms).getTime() - exact)).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it('lands on the close of office when the pause ends exactly there, and skips Tết 2026', () => {
    // Friday 13 Feb 2026 16:00 + 1 h = 17:00 that day; + 2 h runs past the Tết break (14–22 Feb) to Monday 23 Feb.
    expect(extend(vn('2026-02-13T16:00:00'), 3_600_000)).toEqual(extendByWorkingMs(vn('2026-02-13T16:00:00'), 3_600_000, cal));
    expect(extend(vn('2026-02-13T16:00:00'), 7_200_000).getTime()).toBeGreaterThan(vn('2026-02-23T00:00:00').getTime());
    expect(extend(vn('2026-02-13T16:00:00'), 7_200_000)).toEqual(extendByWorkingMs(vn('2026-02-13T16:00:00'), 7_200_000, cal));
  });

  it('answers due dates before its first day with the exact function', () => {
    const early = vn('2024-06-03T09:00:00');
    expect(extend(early, 3_600_000)).toEqual(extendByWorkingMs(early, 3_600_000, cal));
  });
});

describe('classOfPaused', () => {
  const extend = dueExtender(cal, '2025-01-01');
  const row = (dueAt: string | null, measuredAt: string): PausedDossierRow => ({
    procedureId: 1,
    channel: 1,
    cls: CLS.FINISHED_IN | CLS.RESULT,
    dueAt,
    pausedMs: 2 * 3_600_000,
    measuredAt,
  });

  it('is late only when measured after the due date pushed back by the paused working time', () => {
    // Due Tuesday 10 March 2026 17:00, paused 2 working hours: due Wednesday 11 March, 2 hours after opening.
    const pushed = extendByWorkingMs(vn('2026-03-10T17:00:00'), 2 * 3_600_000, cal);
    const at = (ms: number) => new Date(pushed.getTime() + ms).toISOString();
    const due = vn('2026-03-10T17:00:00').toISOString();
    expect(classOfPaused(row(due, at(0)), extend, cal).cls & CLS.LATE).toBe(0);
    expect(classOfPaused(row(due, at(1)), extend, cal).cls & CLS.LATE).toBe(CLS.LATE);
    expect(classOfPaused(row(due, at(-60_000)), extend, cal).cls & CLS.LATE).toBe(0);
    expect(classOfPaused(row(due, vn('2026-03-10T18:00:00').toISOString()), extend, cal).cls & CLS.LATE).toBe(0);
  });

  it('is never late by time without a due date, and keeps the other bits', () => {
    const c = classOfPaused(row(null, vn('2026-12-31T00:00:00').toISOString()), extend, cal);
    expect(c).toEqual({ procedureId: 1, channel: 1, cls: CLS.FINISHED_IN | CLS.RESULT, count: 1 });
  });
});
