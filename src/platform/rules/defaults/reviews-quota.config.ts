import { z } from 'zod';
import { CertaintySchema, versionFields } from './reviews-common.config.ts';

/**
 * The cap on "Excellent" ratings (domain.md §4.2 [C] for Decree 335: Excellent may not exceed
 * 20% of the number rated Good in the same agency and task group, outstanding units exempt;
 * §4.1 and §12 item 5 [NC] for the Decree 48/2023 reading under Decree 90).
 */
export const ExcellentQuotaParamsSchema = z.strictObject({
  /** Excellent ratings allowed, as a percentage of the base count. */
  maxExcellentPercentOfBase: z.number().min(0).max(100),
  /** What "the number rated Good" counts: Good only (the literal wording) or Good and Excellent together. */
  base: z.enum(['GOOD_ONLY', 'GOOD_AND_EXCELLENT']),
  /** How a fractional allowance becomes a head count: floor never lets the cap be exceeded. */
  rounding: z.enum(['FLOOR', 'ROUND', 'CEIL']),
  /** Allowance whatever the base (0 means a group with no Good rating may have no Excellent one). */
  minimumAllowed: z.number().int().min(0).max(1000),
  /** Groups recognised as outstanding units are not capped. */
  exemptOutstandingUnits: z.boolean(),
  certainty: CertaintySchema,
});
export type ExcellentQuotaParams = z.infer<typeof ExcellentQuotaParamsSchema>;

export const ExcellentQuotaConfigSchema = z.strictObject({ ...versionFields, ...ExcellentQuotaParamsSchema.shape });
export type ExcellentQuotaConfig = z.infer<typeof ExcellentQuotaConfigSchema>;

export const DEFAULT_EXCELLENT_QUOTA_CONFIG: ExcellentQuotaConfig = {
  version: 'quota-335-default-1',
  effectiveFrom: '2026-01-01',
  sourceNote:
    'Decree 335/2025/NĐ-CP (domain.md §4.2 [C]): Excellent may not exceed 20% of the number rated Good in the same agency and task group; outstanding units are exempt. ' +
    'Cadre readings [NC]: the base counts Good only (the wording), the allowance is rounded down (floor, so the cap is never exceeded), ' +
    'and a group with no Good rating may have no Excellent one (minimum 0). A province may correct any of these with a new version.',
  maxExcellentPercentOfBase: 20,
  base: 'GOOD_ONLY',
  rounding: 'FLOOR',
  minimumAllowed: 0,
  exemptOutstandingUnits: true,
  certainty: 'NC',
};
