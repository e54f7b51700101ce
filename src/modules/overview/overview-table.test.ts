import { describe, expect, it } from 'vitest';
import { DEFAULT_OVERVIEW_CONFIG } from '../../platform/rules/defaults/overview.config.ts';
import type { OverviewUnit } from './overview.schemas.ts';
import { matchesFilters, monthsUpTo, previousRange, sizeBandOf, sortUnits, trendOf } from './overview-table.ts';

const unit = (over: Partial<OverviewUnit>): OverviewUnit =>
  ({
    unitId: 1,
    code: '1',
    name: 'A',
    kind: 'COMMUNE',
    population: 5000,
    isMountainous: false,
    size: 'SMALL',
    score: 50,
    onTimeShare: null,
    training: null,
    ...over,
  }) as OverviewUnit;

describe('overview table helpers', () => {
  it('puts a population in its size band, bounds included in the upper band', () => {
    const b = DEFAULT_OVERVIEW_CONFIG.sizeBands;
    expect([9_999, 10_000, 29_999, 30_000, null].map((p) => sizeBandOf(p, b))).toEqual(['SMALL', 'MEDIUM', 'MEDIUM', 'LARGE', null]);
  });

  it('draws an arrow only when the printed figure changes', () => {
    expect(trendOf(80.04, 80.01, 0.1)).toBe('SAME');
    expect(trendOf(80.2, 80.01, 0.1)).toBe('UP');
    expect(trendOf(0.5, 0.51, 0.001)).toBe('DOWN');
    expect(trendOf(null, 0.5, 0.001)).toBe('NONE');
  });

  it('finds the previous month and quarter across a year boundary, and the months of the trend', () => {
    expect(previousRange({ from: '2026-01-01', to: '2026-02-01' })).toEqual({ from: '2025-12-01', to: '2026-01-01' });
    expect(previousRange({ from: '2026-04-01', to: '2026-07-01' })).toEqual({ from: '2026-01-01', to: '2026-04-01' });
    expect(monthsUpTo('2026-02-01', 3)).toEqual([
      { from: '2025-12-01', to: '2026-01-01' },
      { from: '2026-01-01', to: '2026-02-01' },
      { from: '2026-02-01', to: '2026-03-01' },
    ]);
  });

  it('filters by kind, mountainous and size', () => {
    const u = unit({ kind: 'WARD', isMountainous: true, size: 'LARGE' });
    expect(matchesFilters(u, { kind: 'WARD', mountainous: 'yes', size: 'LARGE' })).toBe(true);
    expect(matchesFilters(u, { kind: 'COMMUNE' })).toBe(false);
    expect(matchesFilters(u, { mountainous: 'no' })).toBe(false);
    expect(matchesFilters(u, { size: 'SMALL' })).toBe(false);
  });

  it('sorts by a figure with unknown values last in both directions, ties by name', () => {
    const units = [
      unit({ unitId: 1, name: 'Bình', onTimeShare: 0.9 }),
      unit({ unitId: 2, name: 'An', onTimeShare: null }),
      unit({ unitId: 3, name: 'Ân', onTimeShare: 0.5 }),
      unit({ unitId: 4, name: 'Cam', onTimeShare: 0.5 }),
    ];
    expect(sortUnits(units, 'onTime', 'asc').map((u) => u.unitId)).toEqual([3, 4, 1, 2]);
    expect(sortUnits(units, 'onTime', 'desc').map((u) => u.unitId)).toEqual([1, 3, 4, 2]);
    expect(sortUnits(units, 'name', 'asc').map((u) => u.name)).toEqual(['An', 'Ân', 'Bình', 'Cam']);
  });
});
