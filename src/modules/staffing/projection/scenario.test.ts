import { describe, expect, it } from 'vitest';
import { DEFAULT_STAFFING_NORM_CONFIG } from '../../../platform/rules/defaults/staffing-norm.config.ts';
import type { RunLine } from '../runs/run.schemas.ts';
import type { Forecast } from './forecast.ts';
import { type Levers, NO_LEVERS, PROJECTION_YEARS, phase, populationFactor, projectLine, unitTotals } from './scenario.ts';

/**
 * A line whose AWT is 250 days × 8 h = 120,000 min and with no CAS or IAS, so
 * required staff = Σ dossiers × minutes / 120,000 (CAF = 1, IAF = 0).
 */
function line(over: Partial<RunLine> = {}): RunLine {
  const source = (
    activity: 'PROCESSING' | 'RECEPTION',
    procedureCode: string | null,
    channel: 'COUNTER' | 'ONLINE' | 'POST' | null,
    minutes: number,
  ) => ({
    activity,
    procedureCode,
    procedureName: procedureCode ?? `Tiếp nhận ${channel}`,
    channel,
    dossiers: 0,
    minutesPerDossier: minutes,
    standardSource: 'test',
  });
  return {
    unitId: 7,
    unitCode: '10001',
    unitName: 'Xã Thử',
    unitKind: 'COMMUNE',
    field: 'JUSTICE_CIVIL_STATUS',
    status: 'BALANCED',
    input: {
      workingTime: {
        possibleWorkingDays: 250,
        daysPerWeek: 5,
        publicHolidayDays: 0,
        annualLeaveDays: 0,
        sickLeaveDays: 0,
        otherAbsenceDays: 0,
        hoursPerDay: 8,
      },
      service: [],
      support: [],
      additional: [],
      actualStaff: 2,
    },
    result: null,
    refusal: null,
    workloadSources: [
      source('PROCESSING', 'P1', null, 60),
      source('PROCESSING', 'P2', null, 30),
      source('RECEPTION', null, 'COUNTER', 10),
      source('RECEPTION', null, 'ONLINE', 2),
    ],
    expertise: { placed: 0, notMeeting: 0, gapCompetencies: [] },
    ...over,
  };
}

const flat = (v: number): Forecast => ({
  method: 'FLAT',
  months: 0,
  origin: null,
  intercept: null,
  slope: null,
  seasonalIndices: null,
  annual: PROJECTION_YEARS.map((year) => ({ year, total: v })),
  trace: [],
});
const FORECASTS = [flat(1000), flat(2000), flat(600), flat(400)];
const required = (l: ReturnType<typeof projectLine>, year: number) => l.years.find((y) => y.year === year)?.requiredStaff;

describe('phasing and compounding', () => {
  it('phases linearly from the base year to 2030', () => {
    expect(phase(2026, 2026)).toBe(0);
    expect(phase(2028, 2026)).toBe(0.5);
    expect(phase(2030, 2026)).toBe(1);
    expect(phase(2025, 2026)).toBe(0);
    expect(phase(2027, 2030)).toBe(1);
  });
  it('compounds population change from the base year', () => {
    expect(populationFactor(2026, 2026, 10)).toBe(1);
    expect(populationFactor(2028, 2026, 10)).toBeCloseTo(1.21, 12);
    expect(populationFactor(2027, 2026, -5)).toBeCloseTo(0.95, 12);
  });
});

describe('projectLine', () => {
  it('without levers gives the WISN of the forecast workload every year', () => {
    const p = projectLine(line(), FORECASTS, NO_LEVERS, 2026, PROJECTION_YEARS);
    // (1000 × 60 + 2000 × 30 + 600 × 10 + 400 × 2) / 120000 = 126800 / 120000
    for (const y of PROJECTION_YEARS) expect(required(p, y)).toBeCloseTo(126800 / 120000, 12);
    expect(p.years[0]?.workload).toBe(4000);
    expect(p.actualStaff).toBe(2);
    expect(p.trace).toEqual([]);
  });

  it('phases a procedure leaving the commune and an online share target', () => {
    const levers: Levers = { onlineShare: 80, populationPercent: 0, moves: [{ procedureCode: 'P2', factor: 0 }] };
    const p = projectLine(line(), FORECASTS, levers, 2026, PROJECTION_YEARS);
    expect(required(p, 2026)).toBeCloseTo(126800 / 120000, 12);
    // 2028, f = 0.5: P2 = 1000; s = 0.4 → o = 0.6: ONLINE 600, COUNTER 600 × 0.4 / 0.6 = 400
    // 1000 × 60 + 1000 × 30 + 400 × 10 + 600 × 2 = 95200
    expect(required(p, 2028)).toBeCloseTo(95200 / 120000, 12);
    const y2028 = p.sources.map((s) => s.years.find((y) => y.year === 2028)?.projected);
    expect(y2028[0]).toBeCloseTo(1000, 9);
    expect(y2028[1]).toBeCloseTo(1000, 9);
    expect(y2028[2]).toBeCloseTo(400, 9);
    expect(y2028[3]).toBeCloseTo(600, 9);
    // 2030, f = 1: P2 = 0, ONLINE 800, COUNTER 200: 60000 + 2000 + 1600 = 63600
    expect(required(p, 2030)).toBeCloseTo(63600 / 120000, 12);
    // the forecast is kept next to the projected figure
    expect(p.sources[1]?.years[4]).toMatchObject({ year: 2030, forecast: 2000, projected: 0 });
    expect(p.trace.some((t) => t.step === 'online[2028]' && t.values.includes('o_Y = 0.6'))).toBe(true);
  });

  it('grows every source with the population lever', () => {
    const p = projectLine(line(), FORECASTS, { ...NO_LEVERS, populationPercent: 10 }, 2026, PROJECTION_YEARS);
    expect(required(p, 2028)).toBeCloseTo((126800 * 1.21) / 120000, 12);
    expect(p.years[2]?.workload).toBeCloseTo(4000 * 1.21, 9);
  });

  it('leaves reception alone when the line has no online source', () => {
    const l = line();
    l.workloadSources = l.workloadSources.filter((s) => s.channel !== 'ONLINE');
    const p = projectLine(l, FORECASTS.slice(0, 3), { ...NO_LEVERS, onlineShare: 90 }, 2026, PROJECTION_YEARS);
    expect(required(p, 2030)).toBeCloseTo(126000 / 120000, 12);
  });

  it('moves everything to the counter when all reception was online', () => {
    const p = projectLine(line(), [flat(0), flat(0), flat(0), flat(1000)], { ...NO_LEVERS, onlineShare: 50 }, 2026, PROJECTION_YEARS);
    // 2030: ONLINE 500 × 2 + COUNTER 500 × 10 = 6000 min
    expect(required(p, 2030)).toBeCloseTo(6000 / 120000, 12);
  });

  it('reports a refusal (TotalCAS% ≥ 100) instead of a figure', () => {
    const l = line();
    l.input = { ...l.input, support: [{ name: 'Họp', time: 8, timeUnit: 'hours', per: 'day' }] };
    const p = projectLine(l, FORECASTS, NO_LEVERS, 2026, PROJECTION_YEARS);
    expect(p.years[0]?.requiredStaff).toBeNull();
    expect(p.years[0]?.refusal).toEqual([{ path: 'support', reason: 'casTotalTooHigh' }]);
  });
});

describe('unitTotals', () => {
  it('sums the lines and compares with the norm grown with the population', () => {
    const a = projectLine(line(), FORECASTS, NO_LEVERS, 2026, PROJECTION_YEARS);
    const b = projectLine(line({ field: 'LAND' }), [flat(1200), flat(0), flat(0), flat(0)], NO_LEVERS, 2026, PROJECTION_YEARS);
    const levers = { ...NO_LEVERS, populationPercent: 5 };
    const totals = unitTotals(
      [a, b],
      PROJECTION_YEARS,
      2026,
      levers,
      30,
      { kind: 'COMMUNE', population: 20000, isMountainous: false },
      DEFAULT_STAFFING_NORM_CONFIG,
    );
    // b: 1200 × 60 / 120000 = 0.6
    const sum = 126800 / 120000 + 0.6;
    expect(totals[0]).toMatchObject({ year: 2026, population: 20000, norm: 34, headcount: 30, refusedLines: 0 });
    expect(totals[0]?.requiredStaff).toBeCloseTo(sum, 12);
    expect(totals[0]?.normDifference).toBeCloseTo(34 - sum, 12);
    expect(totals[0]?.headcountDifference).toBeCloseTo(30 - sum, 12);
    // 2030: 20000 × 1.05^4 = 24310.125 → 24310; 32 + floor(8310 / 2000) = 36
    expect(totals[4]).toMatchObject({ year: 2030, population: 24310, norm: 36 });
  });

  it('has no norm without a population, and counts refused lines', () => {
    const l = line();
    l.input = { ...l.input, support: [{ name: 'Họp', time: 8, timeUnit: 'hours', per: 'day' }] };
    const refused = projectLine(l, FORECASTS, NO_LEVERS, 2026, PROJECTION_YEARS);
    const totals = unitTotals(
      [refused],
      PROJECTION_YEARS,
      2026,
      NO_LEVERS,
      3,
      { kind: 'COMMUNE', population: null, isMountainous: false },
      DEFAULT_STAFFING_NORM_CONFIG,
    );
    expect(totals[0]).toMatchObject({ requiredStaff: 0, refusedLines: 1, norm: null, normDifference: null, headcountDifference: 3 });
  });
});
