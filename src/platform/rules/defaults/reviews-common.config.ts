import { z } from 'zod';

/**
 * Pieces shared by the review configurations (Decree 90/2020 levels, Decree 335/2025 bands,
 * the "Excellent" cap and Decree 178/2024 screening). They live beside the rules registry
 * because the platform must not import modules; the pure rules in modules/reviews/rules read
 * them from here.
 */

/** How sure a number is, in domain.md's terms: [C] confirmed, [S] secondary, [NC] not confirmed. */
export const CertaintySchema = z.enum(['C', 'S', 'NC']);
export type Certainty = z.infer<typeof CertaintySchema>;

/**
 * The four ratings, best first. Decree 90/2020 calls them levels and Decree 335/2025 bands,
 * with the same Vietnamese names (Hoàn thành xuất sắc / tốt / Hoàn thành / Không hoàn thành nhiệm vụ).
 */
export const REVIEW_RATINGS = ['EXCELLENT', 'GOOD', 'COMPLETED', 'NOT_COMPLETED'] as const;
export type ReviewRating = (typeof REVIEW_RATINGS)[number];
export const ReviewRatingSchema = z.enum(REVIEW_RATINGS);

/** 0 for the best rating; a larger rank is a worse rating. */
export const ratingRank = (r: ReviewRating): number => REVIEW_RATINGS.indexOf(r);

export const REVIEW_REGIMES = ['DECREE_90', 'DECREE_335'] as const;
export type ReviewRegime = (typeof REVIEW_REGIMES)[number];

/** The fields every structured review config carries, so a computed figure can name its basis. */
export const versionFields = {
  version: z.string().min(1).max(60),
  effectiveFrom: z.iso.date(),
  sourceNote: z.string().min(1).max(2000),
};

export const CodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'UPPER_SNAKE code');

/** A share between 0 and 1 inclusive. */
export const ShareSchema = z.number().min(0).max(1);

export const uniqueBy = <T>(items: readonly T[], key: (t: T) => string): boolean => new Set(items.map(key)).size === items.length;
