import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WisnInput, WisnResult } from './staffing.schemas.ts';
import { CAS_PERIODS, computeWisn, SERVICE_STANDARD_UNITS, TIME_UNITS } from './wisn.ts';

/** Decimals to the thousandth: real figures (sub-normal doubles make ratios overflow, which is refused, not tested here). */
const num = (min: number, max: number) => fc.integer({ min: Math.round(min * 1000), max: Math.round(max * 1000) }).map((x) => x / 1000);

const workingTime = fc.record({
  weeksPerYear: fc.constant(52),
  daysPerWeek: fc.integer({ min: 4, max: 6 }),
  publicHolidayDays: num(0, 15),
  annualLeaveDays: num(0, 20),
  sickLeaveDays: num(0, 10),
  otherAbsenceDays: num(0, 10),
  hoursPerDay: num(4, 10),
});
const service = fc.record({
  name: fc.constant('s'),
  annualWorkload: num(0, 100_000),
  standard: num(0.5, 600),
  standardUnit: fc.constantFrom(...SERVICE_STANDARD_UNITS),
});
// Small enough that the total stays below 100 % (at most 4 × 20 min/day of ≥ 240 min/day).
const support = fc.record({
  name: fc.constant('c'),
  time: num(0, 20),
  timeUnit: fc.constant('minutes' as const),
  per: fc.constantFrom(...CAS_PERIODS),
});
const additional = fc.record({
  name: fc.constant('a'),
  timePerPerson: num(0, 200),
  timeUnit: fc.constantFrom(...TIME_UNITS),
  persons: fc.integer({ min: 0, max: 5 }),
});
const wisnInput: fc.Arbitrary<WisnInput> = fc.record({
  workingTime,
  service: fc.array(service, { maxLength: 5 }),
  support: fc.array(support, { maxLength: 4 }),
  additional: fc.array(additional, { maxLength: 3 }),
  actualStaff: num(0, 50),
});

function ok(i: WisnInput): WisnResult {
  const out = computeWisn(i);
  if (!out.ok) throw new Error(`unexpected problems ${JSON.stringify(out.problems)}`);
  return out.result;
}

function numbersIn(v: unknown): number[] {
  if (typeof v === 'number') return [v];
  if (Array.isArray(v)) return v.flatMap(numbersIn);
  if (v && typeof v === 'object') return Object.values(v).flatMap(numbersIn);
  return [];
}

describe('WISN, for any valid input (fast-check)', () => {
  it('has CAF ≥ 1 and IAF ≥ 0, and only finite numbers', () => {
    fc.assert(
      fc.property(wisnInput, (i) => {
        const r = ok(i);
        expect(r.caf.value).toBeGreaterThanOrEqual(1);
        expect(r.iaf.value).toBeGreaterThanOrEqual(0);
        for (const n of numbersIn(r)) expect(Number.isFinite(n)).toBe(true);
      }),
    );
  });

  it('gives ratio × required = actual and difference = actual − required', () => {
    fc.assert(
      fc.property(wisnInput, (i) => {
        const r = ok(i);
        expect(r.difference.value).toBeCloseTo(r.actualStaff.value - r.requiredStaff.value, 9);
        if (r.requiredStaff.value > 0) {
          expect(r.ratio).not.toBeNull();
          expect((r.ratio?.value ?? 0) * r.requiredStaff.value).toBeCloseTo(r.actualStaff.value, 6);
          expect(r.pressure?.value).toBeCloseTo(1 - (r.ratio?.value ?? 0), 12);
        } else {
          expect(r.ratio).toBeNull();
          expect(r.pressure).toBeNull();
        }
      }),
    );
  });

  it('needs at least as many staff when a service workload grows', () => {
    fc.assert(
      fc.property(wisnInput, service, num(0, 10_000), (i, s, extra) => {
        const before = ok({ ...i, service: [...i.service, s] });
        const after = ok({ ...i, service: [...i.service, { ...s, annualWorkload: s.annualWorkload + extra }] });
        expect(after.requiredStaff.value).toBeGreaterThanOrEqual(before.requiredStaff.value - 1e-9);
      }),
    );
  });

  it('needs at least as many staff when absence grows (less working time)', () => {
    fc.assert(
      fc.property(wisnInput, num(0, 5), (i, extra) => {
        const before = ok(i);
        const after = ok({ ...i, workingTime: { ...i.workingTime, otherAbsenceDays: i.workingTime.otherAbsenceDays + extra } });
        expect(after.requiredStaff.value).toBeGreaterThanOrEqual(before.requiredStaff.value - 1e-9);
      }),
    );
  });

  it('gives the same result whatever unit a standard is written in', () => {
    fc.assert(
      fc.property(wisnInput, num(0.5, 10), num(0, 10_000), (i, hours, workload) => {
        // h hours per item ≡ 60·h minutes per item ≡ 1/h items per hour ≡ hoursPerDay/h items per day
        const h = i.workingTime.hoursPerDay;
        const forms = [
          { standard: hours, standardUnit: 'hours_per_item' as const },
          { standard: hours * 60, standardUnit: 'minutes_per_item' as const },
          { standard: 1 / hours, standardUnit: 'items_per_hour' as const },
          { standard: h / hours, standardUnit: 'items_per_day' as const },
        ].map((f) => ok({ ...i, service: [{ name: 'x', annualWorkload: workload, ...f }] }).requiredStaff.value);
        for (const v of forms) expect(v).toBeCloseTo(forms[0] ?? 0, 6);
      }),
    );
  });

  it('treats a support standard in hours as 60 times the same standard in minutes', () => {
    fc.assert(
      fc.property(wisnInput, num(0, 0.3), fc.constantFrom(...CAS_PERIODS), (i, t, per) => {
        const inH = ok({ ...i, support: [{ name: 'c', time: t, timeUnit: 'hours', per }] });
        const inMin = ok({ ...i, support: [{ name: 'c', time: t * 60, timeUnit: 'minutes', per }] });
        expect(inH.totalCasPercent.value).toBeCloseTo(inMin.totalCasPercent.value, 9);
      }),
    );
  });
});
