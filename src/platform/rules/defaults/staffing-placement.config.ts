import { z } from 'zod';
import { CertaintySchema, ReviewRatingSchema, ShareSchema, versionFields } from './reviews-common.config.ts';

/**
 * Placement recommendations (issue 5 §5–§6; docs/adr/0009-placement-as-linear-assignment.md):
 * who may be moved, the limits of a batch and the weights of the assignment model.
 *
 * Eligibility follows the Decree 170/2025 conditions for moving a civil servant to another
 * position as summarised in domain.md §3.3 [S]: a rating of "well completed" (Decree 90/2020
 * HOAN_THANH_TOT, Decree 335/2025 band of the same name: GOOD) or better in recent years (the
 * source says 5), no pending discipline, and meeting the target position's job description and
 * competency framework. The weights are Cadre's own modelling choices [NC]: unitless, on the
 * scale of "one post of shortage relieved = 1".
 */
const Weight = z.number().min(0).max(100);

export const MOVE_KINDS = ['SAME_UNIT', 'SAME_FORMER_DISTRICT', 'OTHER_DISTRICT'] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];

export const StaffingPlacementConfigSchema = z
  .strictObject({
    ...versionFields,
    /** Worst rating that still qualifies (GOOD = "well completed"). */
    minRating: ReviewRatingSchema,
    /** Look-back in calendar years, counted back from the batch date's year (that year included). */
    ratingYears: z.number().int().min(1).max(20),
    /** At least this many rated years in the look-back; every rated year must meet minRating. */
    minRatedYears: z.number().int().min(0).max(20),
    /** Whether the person must be shown to meet the target position (true), or only not shown to fail it (false). */
    requireProvenFit: z.boolean(),
    /** Default share of a unit's ACTIVE staff that may be moved out in one batch, and the bounds an analyst may choose within. */
    maxShareMovedPerUnit: ShareSchema,
    maxShareMovedPerUnitBounds: z.strictObject({ min: ShareSchema, max: ShareSchema }),
    /** Holders of leadership posts are left out unless the analyst includes them. */
    includeLeadershipDefault: z.boolean(),
    /** Refuse moves to a unit outside the person's former district (the distance proxy) by default. */
    forbidOutsideDistrictDefault: z.boolean(),
    /** Cost of a move per kind of distance (units have no coordinates: former district is the proxy). */
    moveCost: z.strictObject({ SAME_UNIT: Weight, SAME_FORMER_DISTRICT: Weight, OTHER_DISTRICT: Weight }),
    /** Relief of filling the first missing post of a shortage line; the k-th post relieves relief × decay^(k−1). */
    relief: Weight,
    reliefDecay: z.number().gt(0).max(1),
    /** Bonus per gap competency of the target line that the person meets, counted up to maxBonusCompetencies. */
    expertiseBonus: Weight,
    maxBonusCompetencies: z.number().int().min(0).max(20),
    /** Cost when the person's leaving would bring their origin line below ratio 1. */
    originLoss: Weight,
    /** A target line below this ratio (actual / required) is in acute shortage: a secondment is allowed from a line without surplus. */
    acuteRatio: z.number().gt(0).max(1),
    /** Default length of a secondment in months. */
    secondmentMonths: z.number().int().min(1).max(36),
    certainty: z.strictObject({ eligibility: CertaintySchema, weights: CertaintySchema }),
  })
  .refine((c) => c.maxShareMovedPerUnitBounds.min <= c.maxShareMovedPerUnitBounds.max, 'bounds: min must not exceed max')
  .refine(
    (c) => c.maxShareMovedPerUnit >= c.maxShareMovedPerUnitBounds.min && c.maxShareMovedPerUnit <= c.maxShareMovedPerUnitBounds.max,
    'the default share must lie within the bounds',
  )
  .refine((c) => c.minRatedYears <= c.ratingYears, 'minRatedYears cannot exceed ratingYears');
export type StaffingPlacementConfig = z.infer<typeof StaffingPlacementConfigSchema>;

export const DEFAULT_STAFFING_PLACEMENT_CONFIG: StaffingPlacementConfig = {
  version: 'placement-170-2025-cadre-1',
  effectiveFrom: '2025-07-01',
  sourceNote:
    'Decree 170/2025/NĐ-CP conditions for moving a civil servant to another position (domain.md §3.3 [S]): ' +
    '"well completed" or better in recent years (the source says 5), no pending discipline, results fitting the new position, meeting its job description and competency framework. ' +
    'Secondment for acute gaps: the Hue land-registry example, 2 people for 3 months (domain.md §1.4, §3.3 [C]). ' +
    'Cadre choices [NC]: at least 1 rated year, every rated year GOOD or better; at most 10 % of a unit’s ACTIVE staff moved out per batch (analyst: 0–30 %); ' +
    'move cost 0.05 / 0.2 / 0.5 (same unit / same former district / other); relief 1 for the first missing post, ×0.8 for each further one; ' +
    'bonus 0.3 per gap competency covered (up to 3); origin loss 0.5; acute shortage below ratio 0.6; secondment 6 months. Effective: two-level local government, 1 July 2025.',
  minRating: 'GOOD',
  ratingYears: 5,
  minRatedYears: 1,
  requireProvenFit: true,
  maxShareMovedPerUnit: 0.1,
  maxShareMovedPerUnitBounds: { min: 0, max: 0.3 },
  includeLeadershipDefault: false,
  forbidOutsideDistrictDefault: false,
  moveCost: { SAME_UNIT: 0.05, SAME_FORMER_DISTRICT: 0.2, OTHER_DISTRICT: 0.5 },
  relief: 1,
  reliefDecay: 0.8,
  expertiseBonus: 0.3,
  maxBonusCompetencies: 3,
  originLoss: 0.5,
  acuteRatio: 0.6,
  secondmentMonths: 6,
  certainty: { eligibility: 'S', weights: 'NC' },
};
