import { z } from 'zod';
import { CertaintySchema, versionFields } from './reviews-common.config.ts';

/**
 * The grace period a civil servant placed in a job position has to meet its requirements
 * before being moved to another position (domain.md §3.3 [S]: the draft of Decree 361/2025
 * gave 12 months; the final decree has not been checked). Fit to position computes the
 * deadline as the placement's start date plus `graceMonths`.
 */
export const PositionGraceConfigSchema = z.strictObject({
  ...versionFields,
  graceMonths: z.number().int().min(0).max(120),
  certainty: CertaintySchema,
});
export type PositionGraceConfig = z.infer<typeof PositionGraceConfigSchema>;

export const DEFAULT_POSITION_GRACE_CONFIG: PositionGraceConfig = {
  version: 'position-grace-draft-361',
  effectiveFrom: '2025-12-31',
  sourceNote:
    'domain.md §3.3 [S]: the draft of Decree 361/2025/NĐ-CP gave a civil servant who does not yet meet a position’s requirements 12 months, after which they are moved to another position; from the draft, not checked against the final decree [NC]. Effective date: Decree 361/2025 took effect on 31 December 2025 (§3.1 [C]).',
  graceMonths: 12,
  certainty: 'S',
};
