import { z } from 'zod';
import { CertaintySchema, REVIEW_REGIMES, versionFields } from './reviews-common.config.ts';

/**
 * Which evaluation regime governs a year, by effective date (domain.md §4.1, §4.2, §11.4,
 * §12 item 4). A year is governed by the latest entry covering the person's category that is
 * in force on the year's reference day.
 */
export const REVIEW_SUBJECT_CATEGORIES = ['CIVIL_SERVANT', 'CADRE', 'PUBLIC_EMPLOYEE'] as const;
export type ReviewSubjectCategory = (typeof REVIEW_SUBJECT_CATEGORIES)[number];

export const ReviewRegimeConfigSchema = z.strictObject({
  ...versionFields,
  /** MM-DD: the day of the evaluation year on which the regime in force is looked up. */
  referenceDay: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'MM-DD'),
  referenceDayCertainty: CertaintySchema,
  entries: z
    .array(
      z.strictObject({
        regime: z.enum(REVIEW_REGIMES),
        effectiveFrom: z.iso.date(),
        categories: z.array(z.enum(REVIEW_SUBJECT_CATEGORIES)).min(1),
        certainty: CertaintySchema,
      }),
    )
    .min(1)
    .max(20),
});
export type ReviewRegimeConfig = z.infer<typeof ReviewRegimeConfigSchema>;

export const DEFAULT_REVIEW_REGIME_CONFIG: ReviewRegimeConfig = {
  version: 'regime-default-1',
  effectiveFrom: '2020-10-01',
  sourceNote:
    'Decree 90/2020/NĐ-CP for years before 2026 (domain.md §4.1 [C]); Decree 335/2025/NĐ-CP in force 1 Jan 2026 for civil servants (§4.2 [C]). ' +
    'Whether Decree 335 also replaces Decree 90 for cadres and public employees is not confirmed (§12 item 4 [NC]): placeholder keeps Decree 90 for them. ' +
    'Reference day 31 December [NC]: the annual evaluation is done at year end under the rules then in force.',
  referenceDay: '12-31',
  referenceDayCertainty: 'NC',
  entries: [
    { regime: 'DECREE_90', effectiveFrom: '2020-10-01', categories: ['CIVIL_SERVANT', 'CADRE', 'PUBLIC_EMPLOYEE'], certainty: 'C' },
    { regime: 'DECREE_335', effectiveFrom: '2026-01-01', categories: ['CIVIL_SERVANT'], certainty: 'NC' },
  ],
};
