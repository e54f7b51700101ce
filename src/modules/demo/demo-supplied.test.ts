import { describe, expect, it } from 'vitest';
import { completeMonthsBefore, DEMO_SUPPLIED_MONTHS, planDemoSupplied } from './demo-supplied.ts';

describe('demo hand-entered 766 counts', () => {
  it('covers the complete months before today, across a year boundary', () => {
    expect(completeMonthsBefore('2026-02-15', 3)).toEqual([
      { kind: 'MONTH', year: 2025, number: 11 },
      { kind: 'MONTH', year: 2025, number: 12 },
      { kind: 'MONTH', year: 2026, number: 1 },
    ]);
  });

  it('gives the province 1.1–1.3 and each unit 3.5 and 5.2 per month, numerators within denominators, same rows for a seed', () => {
    const rows = planDemoSupplied(2025, [7, 9], '2026-11-30');
    expect(rows).toHaveLength(DEMO_SUPPLIED_MONTHS * (3 + 2 * 2));
    expect(new Set(rows.filter((r) => r.unitId === null).map((r) => r.indicator))).toEqual(new Set(['1.1', '1.2', '1.3']));
    expect(new Set(rows.filter((r) => r.unitId === 9).map((r) => r.indicator))).toEqual(new Set(['3.5', '5.2']));
    for (const r of rows) {
      expect(r.numerator).toBeGreaterThanOrEqual(0);
      expect(r.numerator).toBeLessThanOrEqual(r.denominator);
    }
    expect(rows.map((r) => `${r.period.year}-${r.period.number}`)).not.toContain('2026-11');
    expect(planDemoSupplied(2025, [7, 9], '2026-11-30')).toEqual(rows);
  });
});
