import { describe, expect, it } from 'vitest';
import { type WisnInput, WisnInputSchema, type WisnResult } from './staffing.schemas.ts';
import { computeWisn, toMinutes, WISN_FORMULA_VERSION } from './wisn.ts';

const input = (over: Partial<WisnInput> = {}): WisnInput =>
  WisnInputSchema.parse({
    workingTime: {
      weeksPerYear: 52,
      daysPerWeek: 5,
      publicHolidayDays: 11,
      annualLeaveDays: 12,
      sickLeaveDays: 3,
      otherAbsenceDays: 4,
      hoursPerDay: 8,
    },
    service: [],
    support: [],
    additional: [],
    actualStaff: 3,
    ...over,
  });

function ok(i: WisnInput): WisnResult {
  const out = computeWisn(i);
  if (!out.ok) throw new Error(`unexpected problems ${JSON.stringify(out.problems)}`);
  return out.result;
}

/**
 * The reference case, computed by hand from domain.md §10.1:
 *   A = 52 × 5 = 260 days; B + C + D + E = 11 + 12 + 3 + 4 = 30; 260 − 30 = 230 days
 *   AWT = 230 × 8 = 1840 h/year = 1840 × 60 = 110 400 min/year
 * Service:
 *   S0 30 min/item:  SW = 110 400 / 30 = 3680 items;    need = 3680 / 3680 = 1
 *   S1 12 items/h:   SW = 1840 × 12 = 22 080 items;     need = 11 040 / 22 080 = 0.5
 *   S2 8 items/day:  rate = 8 / 8 h = 1 item/h; SW = 1840 × 1 = 1840; need = 920 / 1840 = 0.5
 *   S3 2 h/item:     unit time 120 min; SW = 110 400 / 120 = 920;    need = 460 / 920 = 0.5
 *   A_req = 1 + 0.5 + 0.5 + 0.5 = 2.5
 * Support (CAS):
 *   24 min/day:    24 / (8 × 60 = 480) × 100 = 5 %
 *   2 h/week:      120 / (480 × 5 = 2400) × 100 = 5 %
 *   92 min/month:  92 × 12 = 1104 min/year; 1104 / 110 400 × 100 = 1 %   (project rule: month × 12 → year)
 *   18.4 h/year:   1104 min; 1104 / 110 400 × 100 = 1 %
 *   TotalCAS% = 12; CAF = 1 / (1 − 0.12) = 1 / 0.88 = 1.136363…
 * Additional (IAS):
 *   92 h/year × 2 persons = 184 h/year = 11 040 min; IAF = 11 040 / 110 400 = 0.1
 * Required = 2.5 × 1/0.88 + 0.1 = 2.840909… + 0.1 = 2.940909…
 * Actual 3: difference = 3 − 2.940909… = 0.059090…; ratio = 3 / 2.940909… = 1.020092…; pressure = 1 − ratio
 */
const REFERENCE = input({
  service: [
    { name: 'S0', annualWorkload: 3680, standard: 30, standardUnit: 'minutes_per_item' },
    { name: 'S1', annualWorkload: 11_040, standard: 12, standardUnit: 'items_per_hour' },
    { name: 'S2', annualWorkload: 920, standard: 8, standardUnit: 'items_per_day' },
    { name: 'S3', annualWorkload: 460, standard: 2, standardUnit: 'hours_per_item' },
  ],
  support: [
    { name: 'daily', time: 24, timeUnit: 'minutes', per: 'day' },
    { name: 'weekly', time: 2, timeUnit: 'hours', per: 'week' },
    { name: 'monthly', time: 92, timeUnit: 'minutes', per: 'month' },
    { name: 'yearly', time: 18.4, timeUnit: 'hours', per: 'year' },
  ],
  additional: [{ name: 'accounting', timePerPerson: 92, timeUnit: 'hours', persons: 2 }],
  actualStaff: 3,
});

describe('WISN formulas (hand-computed, domain.md §10.1)', () => {
  const r = ok(REFERENCE);

  it('computes the available working time in hours and minutes', () => {
    expect(r.availableWorkingTime.possibleWorkingDays).toEqual({ value: 260, unit: 'days' });
    expect(r.availableWorkingTime.possibleWorkingDaysComputed).toBe(true);
    expect(r.availableWorkingTime.absenceDays.value).toBe(30);
    expect(r.availableWorkingTime.workingDays.value).toBe(230);
    expect(r.availableWorkingTime.hours).toEqual({ value: 1840, unit: 'hours/year' });
    expect(r.availableWorkingTime.minutes).toEqual({ value: 110_400, unit: 'minutes/year' });
  });

  it('computes the standard workload and staff need of each service activity, for unit times and rates', () => {
    expect(r.service.map((s) => s.standardWorkload.value)).toEqual([3680, 22_080, 1840, 920]);
    expect(r.service.map((s) => s.staffNeed.value)).toEqual([1, 0.5, 0.5, 0.5]);
    expect(r.service[0]?.unitTime).toEqual({ value: 30, unit: 'minutes/item' });
    expect(r.service[3]?.unitTime).toEqual({ value: 120, unit: 'minutes/item' });
    expect(r.service[1]?.rateOfWorking).toEqual({ value: 12, unit: 'items/hour' });
    expect(r.service[2]?.rateOfWorking).toEqual({ value: 1, unit: 'items/hour' });
    expect(r.serviceStaff).toEqual({ value: 2.5, unit: 'staff' });
  });

  it('converts support standards per day, week, month (× 12) and year into CAS %, then CAF', () => {
    const cas = r.support.map((s) => s.casPercent.value);
    expect(cas[0]).toBeCloseTo(5, 12);
    expect(cas[1]).toBeCloseTo(5, 12);
    expect(cas[2]).toBeCloseTo(1, 12);
    expect(cas[3]).toBeCloseTo(1, 12);
    expect(r.support.map((s) => s.time.value)).toEqual([24, 120, 92, 1104]);
    expect(r.totalCasPercent.value).toBeCloseTo(12, 12);
    expect(r.caf.value).toBeCloseTo(1 / 0.88, 12);
    expect(r.caf.unit).toBe('factor');
  });

  it('computes IAS in hours per year and IAF', () => {
    expect(r.additional[0]?.ias).toEqual({ value: 184, unit: 'hours/year' });
    expect(r.totalIas).toEqual({ value: 184, unit: 'hours/year' });
    expect(r.iaf.value).toBeCloseTo(0.1, 12);
  });

  it('computes required staff, difference (actual − required), ratio and pressure, unrounded', () => {
    const required = 2.5 / 0.88 + 0.1;
    expect(r.requiredStaff.value).toBeCloseTo(required, 12);
    expect(r.difference.value).toBeCloseTo(3 - required, 12);
    expect(r.ratio?.value).toBeCloseTo(3 / required, 12);
    expect(r.pressure?.value).toBeCloseTo(1 - 3 / required, 12);
    // Unrounded: 2.940909… is not cut to 2 decimals.
    expect(r.requiredStaff.value).not.toBe(2.94);
  });

  it('records the formula version and a trace step per figure with the values substituted', () => {
    expect(r.formulaVersion).toBe(WISN_FORMULA_VERSION);
    const steps = r.trace.map((s) => s.step);
    expect(steps).toEqual(
      expect.arrayContaining([
        'A',
        'AWT',
        'SW[service.0]',
        'need[service.3]',
        'CAS[support.2]',
        'TotalCAS',
        'CAF',
        'IAS[additional.0]',
        'IAF',
        'A_req',
        'required',
        'difference',
        'ratio',
      ]),
    );
    const awt = r.trace.find((s) => s.step === 'AWT');
    expect(awt?.formula).toBe('AWT = [A − (B + C + D + E)] × h');
    expect(awt?.values).toBe('[260 − (11 + 12 + 3 + 4)] × 8 = 1840 h/year = 110400 min/year');
    expect(r.trace.find((s) => s.step === 'CAS[support.2]')?.formula).toContain('× 12');
  });

  it('uses A as given when it is given (weeks × days only when it is absent)', () => {
    // A = 250; 250 − 30 = 220 days × 7.5 h = 1650 h
    const given = ok(input({ workingTime: { ...REFERENCE.workingTime, possibleWorkingDays: 250, hoursPerDay: 7.5 } }));
    expect(given.availableWorkingTime.possibleWorkingDays.value).toBe(250);
    expect(given.availableWorkingTime.possibleWorkingDaysComputed).toBe(false);
    expect(given.availableWorkingTime.hours.value).toBe(1650);
    expect(given.trace.some((s) => s.step === 'A')).toBe(false);
  });

  it('reports the ratio and pressure as undefined (null) when the required staff is 0', () => {
    const none = ok(
      input({ service: [{ name: 'idle', annualWorkload: 0, standard: 10, standardUnit: 'minutes_per_item' }], actualStaff: 2 }),
    );
    expect(none.requiredStaff.value).toBe(0);
    expect(none.difference.value).toBe(2);
    expect(none.ratio).toBeNull();
    expect(none.pressure).toBeNull();
  });

  it('gives a shortage as a negative difference and a ratio below 1', () => {
    // AWT 110 400 min; 10 min/item; 33 120 items → SW 11 040, need 3; actual 2 → −1, ratio 2/3
    const short = ok(
      input({ service: [{ name: 'x', annualWorkload: 33_120, standard: 10, standardUnit: 'minutes_per_item' }], actualStaff: 2 }),
    );
    expect(short.requiredStaff.value).toBe(3);
    expect(short.difference.value).toBe(-1);
    expect(short.ratio?.value).toBeCloseTo(2 / 3, 12);
    expect(short.pressure?.value).toBeCloseTo(1 / 3, 12);
  });
});

describe('WISN refusals', () => {
  it('refuses an available working time of 0 or less', () => {
    // A 260 − (100 + 100 + 30 + 30 = 260) = 0 days → AWT 0
    const out = computeWisn(
      input({
        workingTime: { ...REFERENCE.workingTime, publicHolidayDays: 100, annualLeaveDays: 100, sickLeaveDays: 30, otherAbsenceDays: 30 },
      }),
    );
    expect(out).toEqual({ ok: false, problems: [{ path: 'workingTime', reason: 'awtNotPositive' }] });
  });

  it('refuses category allowances totalling 100 % or more (CAF undefined)', () => {
    // 480 min/day / 480 × 100 = 100 %
    const full = computeWisn(input({ support: [{ name: 'all day', time: 8, timeUnit: 'hours', per: 'day' }] }));
    expect(full).toEqual({ ok: false, problems: [{ path: 'support', reason: 'casTotalTooHigh' }] });
    // 60 % + 45 % = 105 %
    const over = computeWisn(
      input({
        support: [
          { name: 'a', time: 288, timeUnit: 'minutes', per: 'day' },
          { name: 'b', time: 18, timeUnit: 'hours', per: 'week' },
        ],
      }),
    );
    expect(over.ok).toBe(false);
    // 99 % is still accepted: CAF = 1 / 0.01 = 100
    const almost = ok(input({ support: [{ name: 'c', time: 475.2, timeUnit: 'minutes', per: 'day' }] }));
    expect(almost.caf.value).toBeCloseTo(100, 9);
  });

  it('lists each number that is not finite, negative or (for divisors) zero, by its path', () => {
    const bad = {
      ...REFERENCE,
      workingTime: { ...REFERENCE.workingTime, hoursPerDay: 0, sickLeaveDays: -1, annualLeaveDays: Number.NaN },
      service: [{ name: 'x', annualWorkload: Number.POSITIVE_INFINITY, standard: 0, standardUnit: 'minutes_per_item' as const }],
      additional: [{ name: 'y', timePerPerson: 1, timeUnit: 'hours' as const, persons: -2 }],
    };
    const out = computeWisn(bad);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems).toEqual(
      expect.arrayContaining([
        { path: 'workingTime.hoursPerDay', reason: 'mustBePositive' },
        { path: 'workingTime.sickLeaveDays', reason: 'negative' },
        { path: 'workingTime.annualLeaveDays', reason: 'notFinite' },
        { path: 'service.0.annualWorkload', reason: 'notFinite' },
        { path: 'service.0.standard', reason: 'mustBePositive' },
        { path: 'additional.0.persons', reason: 'negative' },
      ]),
    );
  });

  it('never answers NaN or Infinity: an overflowing result is a problem', () => {
    // Past the schema's bounds (the pure function must still hold): 1e300 items at 1e-300 items/h.
    const out = computeWisn({
      ...input(),
      service: [{ name: 'x', annualWorkload: 1e300, standard: 1e-300, standardUnit: 'items_per_hour' }],
    });
    expect(out).toEqual({ ok: false, problems: [{ path: '', reason: 'resultNotFinite' }] });
  });
});

describe('time units', () => {
  it('converts hours to minutes and leaves minutes alone', () => {
    expect(toMinutes(1.5, 'hours')).toBe(90);
    expect(toMinutes(90, 'minutes')).toBe(90);
  });
});
