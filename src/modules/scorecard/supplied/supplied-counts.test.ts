import { describe, expect, it } from 'vitest';
import {
  coverOf,
  type PeriodRef,
  parsePeriodToken,
  periodOfRange,
  periodsCovering,
  periodToken,
  rangeOfPeriod,
  type SuppliedEntry,
  suppliedFigures,
} from './supplied-counts.ts';

const month = (number: number, year = 2026): PeriodRef => ({ kind: 'MONTH', year, number });
const quarter = (number: number, year = 2026): PeriodRef => ({ kind: 'QUARTER', year, number });
const UNIT_A = { id: 1, code: '10001', name: 'Xã A' };
const UNIT_B = { id: 2, code: '10002', name: 'Phường B' };

let seq = 0;
function entry(indicator: SuppliedEntry['indicator'], unit: SuppliedEntry['unit'], period: PeriodRef, n: number, d: number): SuppliedEntry {
  seq += 1;
  return {
    id: seq,
    indicator,
    unit,
    period,
    numerator: n,
    denominator: d,
    sourceNote: `nguồn ${seq}`,
    enteredBy: { id: 1, name: 'Người nhập' },
    enteredAt: '2026-02-01T00:00:00.000Z',
    version: 1,
  };
}

describe('periods', () => {
  it('parses and prints month, quarter and year tokens, and refuses malformed ones', () => {
    expect(parsePeriodToken('2026-01')).toEqual(month(1));
    expect(parsePeriodToken('2026-Q4')).toEqual(quarter(4));
    expect(parsePeriodToken('2026')).toEqual({ kind: 'YEAR', year: 2026, number: 1 });
    for (const bad of ['2026-13', '2026-00', '2026-Q5', '26-01', '2026-1', '1999', 'x']) expect(parsePeriodToken(bad)).toBeNull();
    for (const token of ['2026-01', '2026-12', '2026-Q2', '2027']) expect(periodToken(parsePeriodToken(token) as PeriodRef)).toBe(token);
  });

  it('gives each period its [from, to) dates, across the year end', () => {
    expect(rangeOfPeriod(month(12, 2025))).toEqual({ from: '2025-12-01', to: '2026-01-01' });
    expect(rangeOfPeriod(quarter(4))).toEqual({ from: '2026-10-01', to: '2027-01-01' });
    expect(rangeOfPeriod({ kind: 'YEAR', year: 2026, number: 1 })).toEqual({ from: '2026-01-01', to: '2027-01-01' });
  });

  it('recognises a range that is exactly one period, and tiles ranges by months or quarters', () => {
    expect(periodOfRange({ from: '2026-02-01', to: '2026-03-01' })).toEqual(month(2));
    expect(periodOfRange({ from: '2026-04-01', to: '2026-07-01' })).toEqual(quarter(2));
    expect(periodOfRange({ from: '2026-01-01', to: '2027-01-01' })).toEqual({ kind: 'YEAR', year: 2026, number: 1 });
    expect(periodOfRange({ from: '2026-01-05', to: '2026-02-01' })).toBeNull();
    expect(periodOfRange({ from: '2026-02-01', to: '2026-04-01' })).toBeNull();
    expect(periodsCovering({ from: '2025-11-01', to: '2026-02-01' }, 'MONTH')).toEqual([month(11, 2025), month(12, 2025), month(1)]);
    expect(periodsCovering({ from: '2026-02-01', to: '2026-05-01' }, 'QUARTER')).toBeNull();
    expect(periodsCovering({ from: '2026-01-01', to: '2026-01-15' }, 'MONTH')).toBeNull();
  });
});

describe('coverOf', () => {
  const jan = entry('5.2', UNIT_A, month(1), 1, 2);
  const feb = entry('5.2', UNIT_A, month(2), 3, 4);
  const mar = entry('5.2', UNIT_A, month(3), 5, 6);
  const q1 = entry('5.2', UNIT_A, quarter(1), 7, 9);

  it('takes the entry of exactly the range first', () => {
    expect(coverOf([jan, feb, mar, q1], rangeOfPeriod(quarter(1)))).toEqual([q1]);
    expect(coverOf([jan, feb, mar, q1], rangeOfPeriod(month(2)))).toEqual([feb]);
  });

  it('adds up the months that tile a quarter, and refuses a partial cover', () => {
    expect(coverOf([jan, feb, mar], rangeOfPeriod(quarter(1)))).toEqual([jan, feb, mar]);
    expect(coverOf([jan, mar], rangeOfPeriod(quarter(1)))).toBeNull();
    expect(coverOf([q1], rangeOfPeriod(month(1)))).toBeNull();
  });

  it('adds up quarters that tile a year when months do not', () => {
    const quarters = [1, 2, 3, 4].map((q) => entry('5.2', UNIT_A, quarter(q), q, 10));
    expect(coverOf([...quarters, jan], { from: '2026-01-01', to: '2027-01-01' })).toEqual(quarters);
  });
});

describe('suppliedFigures', () => {
  const entries = [
    entry('1.1', null, month(1), 8, 10),
    entry('5.2', UNIT_A, month(1), 3, 4),
    entry('5.2', UNIT_B, month(1), 1, 6),
    entry('3.5', UNIT_B, month(1), 2, 2),
  ];
  const JAN = rangeOfPeriod(month(1));

  it('gives a unit its own unit-level counts and the province’s province-level ones', () => {
    const a = suppliedFigures(entries, JAN, UNIT_A.id);
    expect(a['1.1']?.computed).toEqual({
      numerator: 8,
      denominator: 10,
      formula: 'supplied',
      terms: { numerator: 8, denominator: 10, entries: 1 },
    });
    expect(a['5.2']?.computed).toMatchObject({ numerator: 3, denominator: 4, terms: { units: 1, entries: 1 } });
    expect(a['3.5']).toBeUndefined();
    expect(a['1.2']).toBeUndefined();
  });

  it('adds up the units for the province card, and ignores unit rows for province-level indicators', () => {
    const p = suppliedFigures([...entries, entry('1.1', UNIT_A, month(1), 0, 99)], JAN, null);
    expect(p['5.2']?.computed).toMatchObject({ numerator: 4, denominator: 10, terms: { units: 2, entries: 2 } });
    expect(p['5.2']?.entries.map((e) => e.unit?.code)).toEqual(['10001', '10002']);
    expect(p['3.5']?.computed).toMatchObject({ numerator: 2, denominator: 2, terms: { units: 1 } });
    expect(p['1.1']?.computed).toMatchObject({ numerator: 8, denominator: 10 });
  });

  it('has nothing for a range no entry covers', () => {
    expect(suppliedFigures(entries, rangeOfPeriod(month(2)), UNIT_A.id)).toEqual({});
  });
});
