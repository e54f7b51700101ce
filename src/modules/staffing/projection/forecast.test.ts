import { describe, expect, it } from 'vitest';
import { forecastAnnual, type MonthCount, monthIndex, monthOfIndex } from './forecast.ts';

/** Consecutive months from `first`, with the counts given. */
function series(first: string, counts: number[]): MonthCount[] {
  const f = monthIndex(first);
  return counts.map((count, i) => ({ month: monthOfIndex(f + i), count }));
}

describe('month axis', () => {
  it('numbers months consecutively across years', () => {
    expect(monthIndex('2025-01') - monthIndex('2024-12')).toBe(1);
    expect(monthOfIndex(monthIndex('2024-12') + 1)).toBe('2025-01');
    expect(monthOfIndex(monthIndex('2026-07'))).toBe('2026-07');
  });
});

describe('forecastAnnual', () => {
  it('is flat (the run’s annualised workload) with fewer than 6 months', () => {
    const f = forecastAnnual(series('2026-05', [10, 20, 30, 40, 50]), [2026, 2030], 480);
    expect(f.method).toBe('FLAT');
    expect(f.intercept).toBeNull();
    expect(f.annual).toEqual([
      { year: 2026, total: 480 },
      { year: 2030, total: 480 },
    ]);
    expect(f.trace[0]?.values).toContain('5 months');
  });

  it('fits an exact linear trend: y = 10 + 2t gives a = 10, b = 2', () => {
    const y = Array.from({ length: 12 }, (_, t) => 10 + 2 * t);
    const f = forecastAnnual(series('2025-01', y), [2026, 2027], 0);
    expect(f.method).toBe('TREND');
    expect(f.seasonalIndices).toBeNull();
    expect(f.intercept).toBeCloseTo(10, 10);
    expect(f.slope).toBeCloseTo(2, 10);
    // 2026: t = 12 … 23 → 12 × 10 + 2 × (12 + … + 23) = 120 + 2 × 210 = 540
    expect(f.annual[0]?.total).toBeCloseTo(540, 9);
    // 2027: t = 24 … 35 → 120 + 2 × 354 = 828
    expect(f.annual[1]?.total).toBeCloseTo(828, 9);
  });

  it('never forecasts below 0: a falling trend stops at 0 month by month', () => {
    // y = 100 − 10t from 2026-01: 2026 = 100 + 90 + … + 10 + 0 + max(0, −10) = 550; 2027 all negative → 0
    const f = forecastAnnual(series('2026-01', [100, 90, 80, 70, 60, 50]), [2026, 2027], 999);
    expect(f.method).toBe('TREND');
    expect(f.slope).toBeCloseTo(-10, 10);
    expect(f.annual[0]?.total).toBeCloseTo(550, 9);
    expect(f.annual[1]?.total).toBe(0);
  });

  it('recovers multiplicative seasonal indices from 24 months of a stable pattern', () => {
    // Level 100, pattern p (Σ p = 12): every centred average is 100, so r_t = p_m and S = p.
    const p = [0.5, 1.5, 1, 1, 1, 1, 1, 0.8, 1.2, 1, 1, 1];
    const y = Array.from({ length: 24 }, (_, t) => 100 * (p[t % 12] as number));
    const f = forecastAnnual(series('2024-01', y), [2026], 0);
    expect(f.method).toBe('SEASONAL_TREND');
    f.seasonalIndices?.forEach((s, m) => {
      expect(s).toBeCloseTo(p[m] as number, 10);
    });
    expect(f.slope).toBeCloseTo(0, 10);
    expect(f.intercept).toBeCloseTo(100, 10);
    expect(f.annual[0]?.total).toBeCloseTo(1200, 8);
  });

  it('keys the indices by calendar month when the history starts mid-year', () => {
    const p = [0.5, 1.5, 1, 1, 1, 1, 1, 0.8, 1.2, 1, 1, 1];
    // From July 2023: month t is calendar month (6 + t) % 12.
    const y = Array.from({ length: 30 }, (_, t) => 200 * (p[(6 + t) % 12] as number));
    const f = forecastAnnual(series('2023-07', y), [2026], 0);
    expect(f.seasonalIndices?.[0]).toBeCloseTo(0.5, 10);
    expect(f.seasonalIndices?.[1]).toBeCloseTo(1.5, 10);
    expect(f.seasonalIndices?.[7]).toBeCloseTo(0.8, 10);
    expect(f.annual[0]?.total).toBeCloseTo(2400, 8);
  });

  it('scales the indices to average 1 and leaves months with index 0 out of the trend fit', () => {
    // August never has dossiers: its index is 0, the other months carry level 120 each.
    const p = [1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1];
    const y = Array.from({ length: 36 }, (_, t) => 120 * (p[t % 12] as number));
    const f = forecastAnnual(series('2023-01', y), [2026], 0);
    const s = f.seasonalIndices ?? [];
    expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(12, 10);
    // raw = 1 for 11 months and 0 for August: S = 12 / 11 for each of the 11
    expect(s[0]).toBeCloseTo(12 / 11, 10);
    expect(s[7]).toBe(0);
    // d_t = 120 / (12/11) = 110 on every kept month → a = 110, b = 0; a year = 11 × 110 × 12/11 = 1320
    expect(f.intercept).toBeCloseTo(110, 9);
    expect(f.slope).toBeCloseTo(0, 10);
    expect(f.annual[0]?.total).toBeCloseTo(1320, 8);
  });

  it('uses no seasonality with 23 months and writes the formulas with values in the trace', () => {
    const y = Array.from({ length: 23 }, (_, t) => 50 + t);
    const f = forecastAnnual(series('2024-01', y), [2026], 0);
    expect(f.method).toBe('TREND');
    expect(f.trace.map((l) => l.step)).toEqual(['trend', 'F[2026]']);
    expect(f.trace[0]?.values).toContain('b = 1');
    // 2026: t = 24 … 35 → 12 × 50 + (24 + … + 35) = 600 + 354 = 954
    expect(f.annual[0]?.total).toBeCloseTo(954, 9);
  });
});
