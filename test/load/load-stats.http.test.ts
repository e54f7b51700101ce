import { describe, expect, it } from 'vitest';
import { refusalProblems } from './load-pressure.ts';
import { findKnee, leastSquares, percentileOfSorted, pickWeighted, summarise } from './load-stats.ts';

/**
 * The load and soak drivers' arithmetic and refusal check. Pure, but named *.http.test.ts
 * because vitest.config.ts's unit project reads src/ only; it needs no server or database.
 */

describe('percentiles', () => {
  it('are exact nearest-rank values of the recorded samples', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentileOfSorted(xs, 50)).toBe(50);
    expect(percentileOfSorted(xs, 95)).toBe(95);
    expect(percentileOfSorted(xs, 99)).toBe(99);
    expect(percentileOfSorted(xs, 100)).toBe(100);
    expect(percentileOfSorted([7], 99)).toBe(7);
    expect(percentileOfSorted([], 50)).toBe(0);
  });

  it('summarise sorts first and reports max and mean', () => {
    expect(summarise([3, 1, 2, 10])).toEqual({ count: 4, p50: 2, p95: 10, p99: 10, max: 10, mean: 4 });
  });
});

describe('least squares slope', () => {
  it('recovers a line and is 0 for a flat or degenerate series', () => {
    const line = [0, 1, 2, 3, 4].map((x) => ({ x, y: 5 + 2 * x }));
    expect(leastSquares(line).slope).toBeCloseTo(2, 10);
    expect(leastSquares(line).intercept).toBeCloseTo(5, 10);
    expect(leastSquares(line).standardError).toBeCloseTo(0, 10);
    expect(leastSquares([1, 2, 3].map((x) => ({ x, y: 4 }))).slope).toBe(0);
    expect(
      leastSquares([
        { x: 1, y: 1 },
        { x: 1, y: 9 },
      ]).slope,
    ).toBe(0);
  });
});

describe("least squares slope's standard error", () => {
  it('matches the textbook value for a noisy series', () => {
    const points = [1, 3, 2, 5, 4].map((y, x) => ({ x, y }));
    const fit = leastSquares(points);
    expect(fit.slope).toBeCloseTo(0.8, 10);
    // x 0..4, y 1,3,2,5,4: slope 0.8, intercept 1.4; residuals −0.4, 0.8, −1.0, 1.2, −0.6 → SSE 3.6; sxx 10; se = √(3.6/3/10)
    expect(fit.standardError).toBeCloseTo(Math.sqrt(0.12), 10);
  });
});

describe('knee of a concurrency sweep', () => {
  const level = (concurrency: number, throughput: number, p99 = 50, errorRate = 0) => ({ concurrency, throughput, p99, errorRate });

  it('is the last level that still gained throughput', () => {
    const k = findKnee([level(1, 100), level(2, 190), level(4, 350), level(8, 370), level(16, 380)]);
    expect(k).toEqual({ knee: 4, saturatedAt: 8, brokeAt: null });
  });

  it('stops at the level before p99 or errors break', () => {
    expect(findKnee([level(1, 100), level(2, 200), level(4, 400, 2500)])).toEqual({ knee: 2, saturatedAt: null, brokeAt: 4 });
    expect(findKnee([level(1, 100), level(2, 200, 50, 0.05)])).toEqual({ knee: 1, saturatedAt: null, brokeAt: 2 });
    expect(findKnee([level(1, 100, 3000)]).knee).toBeNull();
  });
});

describe('weighted pick', () => {
  it('maps a uniform draw onto the weights', () => {
    expect(pickWeighted([1, 3], 0)).toBe(0);
    expect(pickWeighted([1, 3], 0.24)).toBe(0);
    expect(pickWeighted([1, 3], 0.25)).toBe(1);
    expect(pickWeighted([1, 3], 0.999)).toBe(1);
  });
});

describe('a refusal is well-formed', () => {
  const reply = (headers: Record<string, string>, body: string) => ({ status: 429, headers, body, ms: 1 });
  const problem = JSON.stringify({ code: 'RATE_LIMITED', status: 429 });

  it('when it has a positive Retry-After and the standard problem+json', () => {
    expect(
      refusalProblems(
        reply({ 'retry-after': '60', 'content-type': 'application/problem+json; charset=utf-8' }, problem),
        429,
        'RATE_LIMITED',
        true,
      ),
    ).toEqual([]);
    expect(
      refusalProblems(reply({ 'retry-after': '60', 'content-type': 'text/html; charset=utf-8' }, '<html>'), 429, 'RATE_LIMITED', false),
    ).toEqual([]);
  });

  it('not when Retry-After is missing or the body is a bare JSON error', () => {
    const bare = reply({ 'content-type': 'application/json' }, '{"error":"Service Unavailable","statusCode":503}');
    const problems = refusalProblems(bare, 503, 'SERVICE_UNAVAILABLE', true);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/Retry-After/);
    expect(problems[1]).toMatch(/not problem\+json/);
  });
});
