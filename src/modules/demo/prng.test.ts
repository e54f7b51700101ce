import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, mulberry32 } from './prng.ts';

const draws = (seed: number, n: number) => {
  const next = mulberry32(seed);
  return Array.from({ length: n }, () => next());
};

describe('mulberry32', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draws(2025, 50)).toEqual(draws(2025, 50));
  });

  it('gives a different sequence for a different seed', () => {
    expect(draws(2025, 50)).not.toEqual(draws(2026, 50));
  });

  it('matches the reference implementation for seed 1', () => {
    // The widely published mulberry32 (Tommy Ettinger) starts 0.6270739405881613 for seed 1.
    expect(mulberry32(1)()).toBe(0.6270739405881613);
    const next = mulberry32(1);
    expect([next(), next(), next()].map((v) => Math.round(v * 4294967296))).toEqual([2693262067, 11749833, 2265367787]);
  });

  it('stays in [0, 1) and spreads evenly', () => {
    const values = draws(7, 20_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const buckets = new Array(10).fill(0);
    for (const v of values) buckets[Math.floor(v * 10)]++;
    for (const b of buckets) expect(b).toBeGreaterThan(1_800);
  });
});

describe('deriveSeed', () => {
  it('is stable and separates labels and seeds', () => {
    expect(deriveSeed(2025, 'unit:0')).toBe(deriveSeed(2025, 'unit:0'));
    expect(deriveSeed(2025, 'unit:0')).not.toBe(deriveSeed(2025, 'unit:1'));
    expect(deriveSeed(2025, 'unit:0')).not.toBe(deriveSeed(2026, 'unit:0'));
  });
});

describe('createRng', () => {
  it('int covers both ends and nothing outside', () => {
    const rng = createRng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(rng.int(2, 5));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it('weighted follows the weights and never picks a zero weight', () => {
    const rng = createRng(11);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 10_000; i++) {
      const v = rng.weighted([
        ['a', 3],
        ['b', 1],
        ['c', 0],
      ] as const);
      counts[v] = (counts[v] ?? 0) + 1;
    }
    expect(counts.c).toBe(0);
    expect(counts.a).toBeGreaterThan((counts.b ?? 0) * 2.5);
  });

  it('digits keeps leading zeros and the length', () => {
    const rng = createRng(5);
    const all = Array.from({ length: 200 }, () => rng.digits(6));
    expect(all.every((d) => /^\d{6}$/.test(d))).toBe(true);
    expect(all.some((d) => d.startsWith('0'))).toBe(true);
  });

  it('dateBetween stays within the range, ends included', () => {
    const rng = createRng(9);
    const dates = Array.from({ length: 500 }, () => rng.dateBetween('2025-06-29', '2025-07-01'));
    expect(new Set(dates)).toEqual(new Set(['2025-06-29', '2025-06-30', '2025-07-01']));
  });

  it('pick refuses an empty list', () => {
    expect(() => createRng(1).pick([])).toThrow();
  });
});
