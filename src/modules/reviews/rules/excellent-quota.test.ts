import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReviewRating } from '../../../platform/rules/defaults/reviews-common.config.ts';
import {
  DEFAULT_EXCELLENT_QUOTA_CONFIG,
  ExcellentQuotaConfigSchema,
  type ExcellentQuotaParams,
} from '../../../platform/rules/defaults/reviews-quota.config.ts';
import { allowedExcellent, checkExcellentQuota, checkExcellentQuotas, type QuotaMember } from './excellent-quota.ts';

const params: ExcellentQuotaParams = DEFAULT_EXCELLENT_QUOTA_CONFIG;

/** A group with `good` Good, `excellent` Excellent (scores 99, 98, …) and `completed` Completed ratings. */
function members(good: number, excellent: number, completed = 0): QuotaMember[] {
  return [
    ...Array.from({ length: good }, (_, i) => ({ personId: `g${i}`, rating: 'GOOD' as const, score: 80 })),
    ...Array.from({ length: excellent }, (_, i) => ({ personId: `e${i}`, rating: 'EXCELLENT' as const, score: 99 - i })),
    ...Array.from({ length: completed }, (_, i) => ({ personId: `c${i}`, rating: 'COMPLETED' as const, score: 60 })),
  ];
}
const check = (good: number, excellent: number, p: ExcellentQuotaParams = params, outstandingUnit = false) =>
  checkExcellentQuota(p, { members: members(good, excellent, 3), outstandingUnit });

describe('the Excellent cap (20% of those rated Good, rounded down)', () => {
  it('allows exactly 20%: 5 Good and 1 Excellent comply', () => {
    // floor(20% × 5) = floor(1) = 1; 1 ≤ 1.
    expect(check(5, 1)).toMatchObject({ goodCount: 5, excellentCount: 1, allowedExcellent: 1, violates: false, excess: 0, affected: [] });
  });

  it('flags one over: 5 Good and 2 Excellent, naming both Excellent people, lowest score first', () => {
    // floor(20% × 5) = 1; 2 − 1 = 1 over. Changing e1 to Good: 6 Good → floor(1.2) = 1 ≥ 1 Excellent, so 1 change suffices.
    const r = check(5, 2);
    expect(r).toMatchObject({ allowedExcellent: 1, violates: true, excess: 1, minimumChanges: 1 });
    expect(r.affected).toEqual(['e1', 'e0']);
    expect(r.trace.map((t) => t.rule)).toEqual(['quota.allowance.FLOOR', 'quota.violated']);
    expect(r.trace[0]?.certainty).toBe('NC');
  });

  it('rounds down: 4 Good allow no Excellent, 9 Good allow 1, 35 Good allow 7', () => {
    // floor(0.8) = 0, floor(1.8) = 1, floor(7) = 7.
    expect(check(4, 1)).toMatchObject({ allowedExcellent: 0, violates: true, excess: 1, minimumChanges: 1 });
    expect(allowedExcellent(params, 9)).toBe(1);
    expect(allowedExcellent(params, 35)).toBe(7);
    expect(allowedExcellent(params, 15)).toBe(3);
  });

  it('allows no Excellent when nobody is rated Good (the NC reading), unless the config sets a minimum', () => {
    expect(check(0, 1)).toMatchObject({ allowedExcellent: 0, violates: true, excess: 1 });
    expect(check(0, 0)).toMatchObject({ allowedExcellent: 0, violates: false });
    expect(check(0, 1, { ...params, minimumAllowed: 1 })).toMatchObject({ allowedExcellent: 1, violates: false });
  });

  it('counts the fewest changes to Good, which can be fewer than the excess because each change adds a Good', () => {
    // 14 Good, 4 Excellent: floor(2.8) = 2 → 2 over. One change: 15 Good → floor(3) = 3 ≥ 3 Excellent. So 1 change.
    expect(check(14, 4)).toMatchObject({ allowedExcellent: 2, excess: 2, minimumChanges: 1 });
  });

  it('follows the configured base, rounding and percentage', () => {
    // Good and Excellent together: 4 + 1 = 5 → floor(1) = 1.
    expect(check(4, 1, { ...params, base: 'GOOD_AND_EXCELLENT' })).toMatchObject({ baseCount: 5, allowedExcellent: 1, violates: false });
    // round(0.8) = 1, ceil(0.2) = 1.
    expect(allowedExcellent({ ...params, rounding: 'ROUND' }, 4)).toBe(1);
    expect(allowedExcellent({ ...params, rounding: 'CEIL' }, 1)).toBe(1);
    expect(allowedExcellent({ ...params, rounding: 'CEIL' }, 5)).toBe(1);
    expect(allowedExcellent({ ...params, maxExcellentPercentOfBase: 30 }, 10)).toBe(3);
  });

  it('exempts outstanding units when the config says so', () => {
    expect(check(0, 3, params, true)).toMatchObject({ exempt: true, violates: false, affected: [] });
    expect(check(0, 3, { ...params, exemptOutstandingUnits: false }, true)).toMatchObject({ exempt: false, violates: true, excess: 3 });
  });

  it('checks every group of a campaign separately', () => {
    const r = checkExcellentQuotas(params, {
      'UBND-X:office': { members: members(5, 1), outstandingUnit: false },
      'UBND-X:economic': { members: members(2, 1), outstandingUnit: false },
    });
    expect(r['UBND-X:office'].violates).toBe(false);
    expect(r['UBND-X:economic'].violates).toBe(true);
  });

  it('accepts the default config as a rule value', () => {
    expect(ExcellentQuotaConfigSchema.safeParse(DEFAULT_EXCELLENT_QUOTA_CONFIG).success).toBe(true);
    expect(ExcellentQuotaConfigSchema.safeParse({ ...DEFAULT_EXCELLENT_QUOTA_CONFIG, maxExcellentPercentOfBase: 120 }).success).toBe(false);
  });
});

describe('properties', () => {
  const ratingArb = fc.constantFrom<ReviewRating>('EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED');
  const groupArb = fc.array(fc.record({ rating: ratingArb, score: fc.integer({ min: 0, max: 100 }) }), { maxLength: 60 });
  const paramsArb = fc.record({
    maxExcellentPercentOfBase: fc.integer({ min: 0, max: 100 }),
    base: fc.constantFrom('GOOD_ONLY' as const, 'GOOD_AND_EXCELLENT' as const),
    rounding: fc.constantFrom('FLOOR' as const, 'ROUND' as const, 'CEIL' as const),
    minimumAllowed: fc.nat(3),
    exemptOutstandingUnits: fc.boolean(),
    certainty: fc.constant('NC' as const),
  });

  it('with floor rounding and no minimum, never allows more than the percentage of Good', () => {
    fc.assert(
      fc.property(groupArb, fc.integer({ min: 0, max: 100 }), (group, percent) => {
        const p = { ...params, maxExcellentPercentOfBase: percent };
        const r = checkExcellentQuota(p, { members: group.map((g, i) => ({ personId: `p${i}`, ...g })), outstandingUnit: false });
        expect(r.allowedExcellent * 100).toBeLessThanOrEqual(percent * r.goodCount);
      }),
    );
  });

  it('complies after the minimum changes to Good, and not after one fewer', () => {
    fc.assert(
      fc.property(paramsArb, groupArb, (p, group) => {
        const ms = group.map((g, i) => ({ personId: `p${i}`, ...g }));
        const r = checkExcellentQuota(p, { members: ms, outstandingUnit: false });
        expect(r.violates).toBe(r.excess > 0);
        expect(r.minimumChanges).toBeLessThanOrEqual(r.excess);
        const changeLowest = (k: number) => {
          const toChange = new Set(r.affected.slice(0, k));
          return ms.map((m) => (toChange.has(m.personId) ? { ...m, rating: 'GOOD' as const } : m));
        };
        expect(checkExcellentQuota(p, { members: changeLowest(r.minimumChanges), outstandingUnit: false }).violates).toBe(false);
        if (r.minimumChanges > 0) {
          expect(checkExcellentQuota(p, { members: changeLowest(r.minimumChanges - 1), outstandingUnit: false }).violates).toBe(true);
        }
      }),
    );
  });
});
