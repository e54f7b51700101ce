import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateInstance } from './generated-instance.ts';
import { greedyPlan } from './greedy-plan.ts';
import { checkPlan, evaluatePlan } from './plan-model.ts';
import { relaxationBound } from './relaxation-bound.ts';
import { highsRuntime, relativeGap, solvePlan } from './solve-plan.ts';

/**
 * HiGHS (WebAssembly) aborts on a model too large for its memory — a national plan's bound LP did,
 * and the abort used to fail the plan and leave the process's HiGHS unusable. The abort is forced
 * here on a small instance by making the loaded module's solve throw what the abort throws.
 */
const input = generateInstance({ units: 3, staffPerUnit: [8, 12], seed: 7, budgetShare: 1 });

describe('a HiGHS abort', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives the greedy plan with the relaxation bound instead of failing, and the next solve loads a fresh HiGHS that works', async () => {
    const aborted = await highsRuntime();
    vi.spyOn(aborted, 'withModel').mockImplementation(() => {
      throw new WebAssembly.RuntimeError('Aborted(). Build with -sASSERTIONS for more info.');
    });
    const r = await solvePlan(input, { method: 'aggregated', timeLimitSeconds: 3, seed: 1 });
    // No bound from HiGHS: the one computed without it (relaxation-bound.ts) stands in, and the gap is to it.
    expect(r.boundKind).toBe('relaxation');
    expect(r.bestBound).toBeCloseTo(relaxationBound(input).bound, 9);
    expect(r.bestBound).toBeGreaterThanOrEqual(r.objective ?? Number.POSITIVE_INFINITY);
    expect(r.gap).toBe(relativeGap(r.bestBound, r.objective ?? 0));
    expect(checkPlan(input, r.plan)).toEqual([]);
    expect(r.value.gapClosed).toBeGreaterThanOrEqual(evaluatePlan(input, greedyPlan(input)).gapClosed);

    const fresh = await highsRuntime();
    expect(fresh).not.toBe(aborted);
    const again = await solvePlan(input, { method: 'aggregated', timeLimitSeconds: 3, seed: 1 });
    expect(again.bestBound).not.toBeNull();
    expect(again.boundKind).toBe('solver');
  }, 60_000);

  it('other errors still propagate', async () => {
    const highs = await highsRuntime();
    vi.spyOn(highs, 'withModel').mockImplementation(() => {
      throw new TypeError('a bug, not an abort');
    });
    await expect(solvePlan(input, { method: 'aggregated', timeLimitSeconds: 3, seed: 1 })).rejects.toThrow('a bug, not an abort');
  }, 60_000);
});
