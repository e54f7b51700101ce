import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { HOLIDAY_SEED } from '../../platform/db/migrations/0005-calendar-and-rules.ts';
import { defaultRulesUsed, toWorkingTimeRules } from './calendar-rules.ts';
import { addPeriod, buildCalendar, type DeadlineUnit, isWorkingDay, type WorkingTimeRules } from './working-days.ts';
import { addDays, zonedParts } from './zoned-time.ts';

const calendar = buildCalendar(HOLIDAY_SEED);
const base = toWorkingTimeRules(defaultRulesUsed());

/** Receipts from just before the seeded years to their end, at any millisecond. */
const instant = fc.integer({ min: Date.UTC(2024, 11, 25), max: Date.UTC(2027, 11, 31) }).map((ms) => new Date(ms));
const unit = fc.constantFrom<DeadlineUnit>('working_days', 'hours', 'days');
const amount = fc.integer({ min: 0, max: 60 });
const ruleVariant = fc.record({
  cutoffMs: fc.integer({ min: 8, max: 24 }).map((h) => h * 3_600_000),
  saturdaysCount: fc.boolean(),
  deadlineEndOfDay: fc.constantFrom<'office_close' | 'midnight'>('office_close', 'midnight'),
});
const rulesOf = (v: Partial<WorkingTimeRules>): WorkingTimeRules => ({ ...base, ...v });

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('working-day arithmetic, for any receipt and limit (fast-check)', () => {
  it('never ends on a non-working day', () => {
    fc.assert(
      fc.property(instant, amount, unit, ruleVariant, (from, n, u, v) => {
        const rules = rulesOf(v);
        const r = addPeriod(from, n, u, calendar, rules);
        expect(isWorkingDay(r.dueDate, calendar, rules)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('is never earlier than the receipt, and starts counting no earlier than it', () => {
    fc.assert(
      fc.property(instant, amount, unit, ruleVariant, (from, n, u, v) => {
        const r = addPeriod(from, n, u, calendar, rulesOf(v));
        expect(r.startsCountingAt.getTime()).toBeGreaterThanOrEqual(from.getTime());
        expect(r.due.getTime()).toBeGreaterThanOrEqual(r.startsCountingAt.getTime());
      }),
      { numRuns: 400 },
    );
  });

  it('is monotonic in the amount', () => {
    fc.assert(
      fc.property(instant, amount, amount, unit, ruleVariant, (from, a, b, u, v) => {
        const rules = rulesOf(v);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(addPeriod(from, lo, u, calendar, rules).due.getTime()).toBeLessThanOrEqual(
          addPeriod(from, hi, u, calendar, rules).due.getTime(),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('counts exactly n working days after the day of receipt, and lists only days off it passed', () => {
    fc.assert(
      fc.property(instant, amount, ruleVariant, (from, n, v) => {
        const rules = rulesOf(v);
        const r = addPeriod(from, n, 'working_days', calendar, rules);
        let counted = 0;
        for (let d = addDays(r.receivedOn, 1); d <= r.dueDate; d = addDays(d, 1)) if (isWorkingDay(d, calendar, rules)) counted += 1;
        expect(counted).toBe(n);
        const fromDate = zonedParts(from, rules.timeZone).date;
        for (const e of r.skipped) {
          expect(e.date >= fromDate && e.date <= r.dueDate).toBe(true);
          expect(isWorkingDay(e.date, calendar, rules)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives a working-hours deadline at least n hours of wall time after counting starts', () => {
    fc.assert(
      fc.property(instant, amount, ruleVariant, (from, n, v) => {
        const r = addPeriod(from, n, 'hours', calendar, rulesOf(v));
        expect(r.due.getTime() - r.startsCountingAt.getTime()).toBeGreaterThanOrEqual(n * 3_600_000);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same instants whatever the process time zone', () => {
    const zones = ['UTC', 'America/New_York', 'Pacific/Kiritimati', 'Asia/Ho_Chi_Minh', 'Europe/London'];
    const samples = fc.sample(fc.tuple(instant, amount, unit, ruleVariant), { numRuns: 150, seed: 20260213 });
    const run = () =>
      samples.map(([from, n, u, v]) => {
        const r = addPeriod(from, n, u, calendar, rulesOf(v));
        return [r.receivedOn, r.startsCountingAt.toISOString(), r.due.toISOString(), r.dueDate, r.skipped.length].join('|');
      });
    process.env.TZ = 'UTC';
    const reference = run();
    for (const zone of zones) {
      process.env.TZ = zone;
      // Proves the process zone really changed, so equal answers mean the code ignores it.
      if (zone === 'America/New_York') expect(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset()).toBe(300);
      if (zone === 'Pacific/Kiritimati') expect(new Date(Date.UTC(2026, 0, 15)).getTimezoneOffset()).toBe(-840);
      expect({ zone, results: run() }).toEqual({ zone, results: reference });
    }
  });
});
