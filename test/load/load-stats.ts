/**
 * Pure statistics for the load and soak drivers: exact percentiles from every recorded
 * sample (no bucketing: a run records at most a few hundred thousand latencies), the least
 * squares slope of a sampled series, and the knee of a concurrency sweep.
 */

/** The nearest-rank percentile (p in 0–100) of samples already sorted ascending; 0 for none. */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

export type LatencySummary = { count: number; p50: number; p95: number; p99: number; max: number; mean: number };

export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((s, x) => s + x, 0);
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    max: sorted.at(-1) ?? 0,
    mean: sorted.length ? sum / sorted.length : 0,
  };
}

/**
 * Ordinary least squares fit y = intercept + slope·x; slope 0 when x does not vary. The slope's
 * standard error (residual variance over n − 2 degrees of freedom) says how much of a slope is
 * noise; 0 below three points.
 */
export function leastSquares(points: readonly { x: number; y: number }[]): { slope: number; intercept: number; standardError: number } {
  const n = points.length;
  if (n === 0) return { slope: 0, intercept: 0, standardError: 0 };
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - mx) * (p.y - my);
    sxx += (p.x - mx) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = my - slope * mx;
  const residuals = points.reduce((s, p) => s + (p.y - intercept - slope * p.x) ** 2, 0);
  const standardError = n > 2 && sxx > 0 ? Math.sqrt(residuals / (n - 2) / sxx) : 0;
  return { slope, intercept, standardError };
}

export type LevelResult = {
  concurrency: number;
  /** Completed requests per second (all kinds). */
  throughput: number;
  p99: number;
  /** Share of requests that failed (5xx, unexpected status, connection error or timeout), 0–1. */
  errorRate: number;
};

export type KneeCriteria = {
  /** A level whose throughput grows less than this share over the previous level has saturated. */
  minGain: number;
  /** p99 above this many milliseconds breaks the level. */
  maxP99: number;
  /** An error rate above this breaks the level. */
  maxErrorRate: number;
};

export const DEFAULT_KNEE: KneeCriteria = { minGain: 0.1, maxP99: 2000, maxErrorRate: 0.01 };

export type Knee = {
  /** The highest concurrency before saturation or breaking: the useful operating point. */
  knee: number | null;
  /** The first level that saturated (throughput stopped growing), if any. */
  saturatedAt: number | null;
  /** The first level whose p99 or error rate broke the criteria, if any. */
  brokeAt: number | null;
};

/**
 * The knee of a sweep at rising concurrency: the last level that still gained throughput
 * and kept p99 and errors within bounds. Levels must be given in rising order.
 */
export function findKnee(levels: readonly LevelResult[], criteria: KneeCriteria = DEFAULT_KNEE): Knee {
  let knee: number | null = null;
  let saturatedAt: number | null = null;
  let brokeAt: number | null = null;
  let previous: LevelResult | null = null;
  for (const level of levels) {
    const broke = level.p99 > criteria.maxP99 || level.errorRate > criteria.maxErrorRate;
    if (broke && brokeAt === null) brokeAt = level.concurrency;
    const saturated = previous !== null && level.throughput < previous.throughput * (1 + criteria.minGain);
    if (saturated && saturatedAt === null) saturatedAt = level.concurrency;
    if (brokeAt === null && saturatedAt === null) knee = level.concurrency;
    previous = level;
  }
  return { knee, saturatedAt, brokeAt };
}

/** Picks an index by weight with a uniform draw r in [0, 1). */
export function pickWeighted(weights: readonly number[], r: number): number {
  const total = weights.reduce((s, w) => s + w, 0);
  let x = r * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i] ?? 0;
    if (x < 0) return i;
  }
  return weights.length - 1;
}
