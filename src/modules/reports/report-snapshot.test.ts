import { describe, expect, it } from 'vitest';
import { lastCompletePeriod, periodNumber, periodOf } from './report-snapshot.ts';

describe('periodOf', () => {
  it('gives a month as [first day, first day of the next month)', () => {
    expect(periodOf('MONTH', 2026, 2)).toEqual({ kind: 'MONTH', from: '2026-02-01', to: '2026-03-01' });
    expect(periodOf('MONTH', 2026, 12)).toEqual({ kind: 'MONTH', from: '2026-12-01', to: '2027-01-01' });
  });

  it('gives a quarter as three months, the fourth ending on 1 January of the next year', () => {
    expect(periodOf('QUARTER', 2026, 1)).toEqual({ kind: 'QUARTER', from: '2026-01-01', to: '2026-04-01' });
    expect(periodOf('QUARTER', 2026, 3)).toEqual({ kind: 'QUARTER', from: '2026-07-01', to: '2026-10-01' });
    expect(periodOf('QUARTER', 2026, 4)).toEqual({ kind: 'QUARTER', from: '2026-10-01', to: '2027-01-01' });
  });

  it('refuses a month or quarter number out of range', () => {
    expect(() => periodOf('MONTH', 2026, 0)).toThrow(RangeError);
    expect(() => periodOf('MONTH', 2026, 13)).toThrow(RangeError);
    expect(() => periodOf('QUARTER', 2026, 5)).toThrow(RangeError);
    expect(() => periodOf('QUARTER', 2026, 1.5)).toThrow(RangeError);
  });

  it('is inverted by periodNumber', () => {
    for (let n = 1; n <= 12; n++) expect(periodNumber(periodOf('MONTH', 2025, n))).toEqual({ year: 2025, n });
    for (let n = 1; n <= 4; n++) expect(periodNumber(periodOf('QUARTER', 2025, n))).toEqual({ year: 2025, n });
  });
});

describe('lastCompletePeriod', () => {
  it('is the previous month, whatever the day of the month', () => {
    expect(lastCompletePeriod('MONTH', '2026-03-01')).toEqual(periodOf('MONTH', 2026, 2));
    expect(lastCompletePeriod('MONTH', '2026-03-31')).toEqual(periodOf('MONTH', 2026, 2));
    expect(lastCompletePeriod('MONTH', '2026-11-30')).toEqual(periodOf('MONTH', 2026, 10));
  });

  it('rolls back to December of the previous year in January', () => {
    expect(lastCompletePeriod('MONTH', '2026-01-01')).toEqual(periodOf('MONTH', 2025, 12));
    expect(lastCompletePeriod('MONTH', '2026-01-31')).toEqual(periodOf('MONTH', 2025, 12));
  });

  it('is the previous quarter: its first day and its last day both give the one before', () => {
    expect(lastCompletePeriod('QUARTER', '2026-04-01')).toEqual(periodOf('QUARTER', 2026, 1));
    expect(lastCompletePeriod('QUARTER', '2026-06-30')).toEqual(periodOf('QUARTER', 2026, 1));
    expect(lastCompletePeriod('QUARTER', '2026-07-01')).toEqual(periodOf('QUARTER', 2026, 2));
    expect(lastCompletePeriod('QUARTER', '2026-12-31')).toEqual(periodOf('QUARTER', 2026, 3));
  });

  it('rolls back to the fourth quarter of the previous year in the first quarter', () => {
    expect(lastCompletePeriod('QUARTER', '2026-01-01')).toEqual(periodOf('QUARTER', 2025, 4));
    expect(lastCompletePeriod('QUARTER', '2026-03-31')).toEqual(periodOf('QUARTER', 2025, 4));
  });
});
