import type { ReviewRating, ReviewRegime } from '../../../platform/rules/defaults/reviews-common.config.ts';
import { stageAllows, type WriteKind } from '../campaigns/campaign-workflow.ts';
import type { AnnualResult, PositionGap } from '../rules/screening-178.ts';

/** One definition of the final rating and of the quota group, kept with the lock check. */
export { finalRating, quotaGroupKey } from '../campaigns/lock-quota.ts';

/**
 * Pure pieces of the assessment sheet (issue 4 §4): which stage may write, the final level of a
 * competency and the position gap, the look-back years handed to the Decree 178 screening, the
 * key of an excellent-quota group and rating distributions. No I/O: the use cases feed them.
 */

export type AssessmentStep = WriteKind;

/**
 * Why a write is refused: 'LOCKED', 'WRONG_STAGE', or null when the stage allows it. The stage
 * rule itself is C1's `stageAllows` (campaigns/campaign-workflow.ts): SELF writes only in
 * SELF_ASSESSMENT, SUPERVISOR only in SUPERVISOR_REVIEW, COUNCIL only in COUNCIL.
 */
export function stageRefusal(status: string, step: AssessmentStep): 'LOCKED' | 'WRONG_STAGE' | null {
  if (status === 'LOCKED') return 'LOCKED';
  return stageAllows(status, step) ? null : 'WRONG_STAGE';
}

export type LevelLine = {
  competencyCode: string;
  requiredLevel: number | null;
  selfLevel: number | null;
  supervisorLevel: number | null;
  councilLevel: number | null;
};

/** The level that counts: the council's, else the supervisor's, else the person's own. */
export function finalLevel(line: Pick<LevelLine, 'selfLevel' | 'supervisorLevel' | 'councilLevel'>): number | null {
  return line.councilLevel ?? line.supervisorLevel ?? line.selfLevel ?? null;
}

export type GapSummary = PositionGap & {
  /** Competencies with a required level but no assessed level yet (not counted as gaps). */
  unassessed: number;
};

/** Competencies whose final level is below the required one, and the largest shortfall in levels. */
export function positionGap(lines: readonly LevelLine[]): GapSummary {
  let gapCount = 0;
  let largestGap = 0;
  let unassessed = 0;
  for (const l of lines) {
    if (l.requiredLevel === null) continue;
    const level = finalLevel(l);
    if (level === null) {
      unassessed += 1;
      continue;
    }
    const gap = l.requiredLevel - level;
    if (gap > 0) {
      gapCount += 1;
      largestGap = Math.max(largestGap, gap);
    }
  }
  return { gapCount, largestGap, unassessed };
}

/** One locked earlier campaign of the person, with its final rating (council's, else computed). */
export type EarlierResult = {
  campaignId: number;
  year: number;
  regime: ReviewRegime;
  rating: ReviewRating | null;
  score: number | null;
  lockedAt: string | null;
};

export type LookBack = { lastYear: number; annualResults: AnnualResult[] };

/**
 * The annual results the screening looks back on. When this campaign already has a final rating
 * for its year, that year closes the look-back; otherwise the look-back ends the year before
 * (the last completed evaluation). Earlier years come from the person's LOCKED campaigns; when
 * a year was locked twice the latest lock counts. Years without a rating are left out (the
 * screening reports them missing); years after the last one are dropped.
 */
export function assembleLookBack(
  campaignYear: number,
  current: { regime: ReviewRegime; rating: ReviewRating | null; score: number | null } | null,
  earlier: readonly EarlierResult[],
): LookBack {
  const hasCurrent = current !== null && current.rating !== null;
  const lastYear = hasCurrent ? campaignYear : campaignYear - 1;
  const byYear = new Map<number, EarlierResult>();
  for (const e of earlier) {
    if (e.rating === null || e.year > lastYear || (hasCurrent && e.year === campaignYear)) continue;
    const seen = byYear.get(e.year);
    if (
      !seen ||
      (e.lockedAt ?? '') > (seen.lockedAt ?? '') ||
      ((e.lockedAt ?? '') === (seen.lockedAt ?? '') && e.campaignId > seen.campaignId)
    ) {
      byYear.set(e.year, e);
    }
  }
  const annualResults: AnnualResult[] = [...byYear.values()]
    .sort((a, b) => a.year - b.year)
    .map((e) => ({ year: e.year, regime: e.regime, rating: e.rating as ReviewRating, score: e.score }));
  if (hasCurrent && current.rating)
    annualResults.push({ year: campaignYear, regime: current.regime, rating: current.rating, score: current.score });
  return { lastYear, annualResults };
}

export type RatingCounts = Record<ReviewRating | 'UNRATED', number>;

const emptyCounts = (): RatingCounts => ({ EXCELLENT: 0, GOOD: 0, COMPLETED: 0, NOT_COMPLETED: 0, UNRATED: 0 });

/** Counts of final ratings per key, keys in first-seen order. */
export function distribution<T>(items: readonly T[], keyOf: (t: T) => string, ratingOf: (t: T) => ReviewRating | null) {
  const out = new Map<string, RatingCounts>();
  for (const item of items) {
    const key = keyOf(item);
    const counts = out.get(key) ?? emptyCounts();
    counts[ratingOf(item) ?? 'UNRATED'] += 1;
    out.set(key, counts);
  }
  return out;
}
