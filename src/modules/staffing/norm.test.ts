import { describe, expect, it } from 'vitest';
import { DEFAULT_STAFFING_NORM_CONFIG, StaffingNormConfigSchema } from '../../platform/rules/defaults/staffing-norm.config.ts';
import { compareWithNorm, type NormKnown, type NormResult, norm } from './norm.ts';

const C = DEFAULT_STAFFING_NORM_CONFIG;

function known(r: NormResult): NormKnown {
  if (!r.known) throw new Error(`expected a norm, got ${r.reason}`);
  return r;
}

const commune = (population: number | null, isMountainous = false) => ({ kind: 'COMMUNE', population, isMountainous });
const ward = (population: number | null, isMountainous = false) => ({ kind: 'WARD', population, isMountainous });

describe('staffing norm (Official Letter 09/CV-BCĐ)', () => {
  it('the default configuration passes its own schema', () => {
    expect(StaffingNormConfigSchema.safeParse(C).success).toBe(true);
    expect(C).toMatchObject({ base: 32, populationThreshold: 16000, residentsPerExtraPost: 2000, residentsPerExtraPostMountainous: 1000 });
    expect(C.ceilings).toEqual({ COMMUNE: 50, WARD: 70, SPECIAL_ZONE: 70 });
  });

  it('gives the base below the threshold', () => {
    const r = known(norm(commune(9500), C));
    expect(r).toMatchObject({ base: 32, uncapped: 32, norm: 32, ceiling: 50, capped: false });
    expect(r.extra).toMatchObject({ posts: 0, excessResidents: 0 });
  });

  it('adds nothing exactly at the threshold', () => {
    expect(known(norm(commune(16000), C)).norm).toBe(32);
  });

  it('counts full blocks only (floor): 17,999 adds nothing, 18,000 adds 1, 21,999 adds 2', () => {
    expect(known(norm(commune(17999), C)).norm).toBe(32);
    expect(known(norm(commune(18000), C)).norm).toBe(33);
    expect(known(norm(commune(21999), C)).norm).toBe(34);
  });

  it('counts a partial block as a whole one under a CEIL version', () => {
    const ceil = { ...C, partialBlock: 'CEIL' as const };
    expect(known(norm(commune(16001), ceil)).norm).toBe(33);
    expect(known(norm(commune(16000), ceil)).norm).toBe(32);
  });

  it('uses 1,000 residents per post in mountainous units', () => {
    const plain = known(norm(commune(23500, false), C));
    const mountain = known(norm(commune(23500, true), C));
    expect(plain.norm).toBe(35); // floor(7500 / 2000) = 3
    expect(mountain.norm).toBe(39); // floor(7500 / 1000) = 7
    expect(mountain.extra).toMatchObject({ mountainous: true, residentsPerPost: 1000, excessResidents: 7500, posts: 7 });
    expect(mountain.extra.values).toBe('floor(max(0, 23500 − 16000) / 1000)');
  });

  it('caps a commune at 50 and a ward at 70', () => {
    // 60,000 residents: 32 + floor(44000 / 2000) = 54.
    const c = known(norm(commune(60000), C));
    expect(c).toMatchObject({ uncapped: 54, ceiling: 50, norm: 50, capped: true });
    const w = known(norm(ward(60000), C));
    expect(w).toMatchObject({ uncapped: 54, ceiling: 70, norm: 54, capped: false });
    // 100,000 residents: 32 + 42 = 74 > 70.
    expect(known(norm(ward(100000), C))).toMatchObject({ uncapped: 74, norm: 70, capped: true });
    expect(known(norm({ kind: 'SPECIAL_ZONE', population: 100000, isMountainous: false }, C))).toMatchObject({ norm: 70, capped: true });
  });

  it('is not capped when the uncapped figure equals the ceiling', () => {
    // 52,000: 32 + 18 = 50.
    expect(known(norm(commune(52000), C))).toMatchObject({ uncapped: 50, norm: 50, capped: false });
  });

  it('has no norm without a population, or for a kind the norm does not cover', () => {
    expect(norm(commune(null), C)).toEqual({ known: false, reason: 'POPULATION_MISSING' });
    expect(norm({ kind: 'FORMER_COMMUNE', population: 20000, isMountainous: false }, C)).toEqual({
      known: false,
      reason: 'KIND_NOT_NORMED',
    });
  });

  it('traces every step with its formula and the values put in', () => {
    const r = known(norm(commune(20000), C));
    expect(r.trace).toEqual([
      { step: 'base', formula: 'base', values: '32', result: 32 },
      { step: 'excess', formula: 'max(0, P − T)', values: 'max(0, 20000 − 16000)', result: 4000 },
      { step: 'extra', formula: 'floor(max(0, P − T) / S)', values: 'floor(max(0, 20000 − 16000) / 2000)', result: 2 },
      { step: 'uncapped', formula: 'base + extra', values: '32 + 2', result: 34 },
      { step: 'ceiling', formula: 'ceiling(COMMUNE)', values: '50', result: 50 },
      { step: 'norm', formula: 'min(base + extra, ceiling)', values: 'min(34, 50)', result: 34 },
    ]);
  });

  it('follows the configuration it is given', () => {
    const other = { ...C, base: 30, ceilings: { ...C.ceilings, COMMUNE: 40 } };
    expect(known(norm(commune(20000), other)).norm).toBe(32);
    expect(known(norm(commune(60000), other)).norm).toBe(40);
  });
});

describe('headcount against the norm', () => {
  const n = norm(commune(20000), C); // 34
  it('is over, under or at the norm, with difference = actual − norm', () => {
    expect(compareWithNorm(36, n)).toEqual({ difference: 2, status: 'OVER' });
    expect(compareWithNorm(30, n)).toEqual({ difference: -4, status: 'UNDER' });
    expect(compareWithNorm(34, n)).toEqual({ difference: 0, status: 'AT_NORM' });
  });
  it('is unknown without a norm', () => {
    expect(compareWithNorm(10, norm(commune(null), C))).toEqual({ difference: null, status: 'UNKNOWN' });
  });
});
