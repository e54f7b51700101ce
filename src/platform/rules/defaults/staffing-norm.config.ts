import { z } from 'zod';
import { CertaintySchema, versionFields } from './reviews-common.config.ts';

/**
 * The interim staffing norm (biên chế) of a commune, ward or special zone (domain.md §2 [C],
 * Official Letter 09/CV-BCĐ of 30 May 2025): a base of about 32, +1 for every 2,000 residents
 * above 16,000 (every 1,000 in mountainous areas), at most 50 for communes and 70 for wards
 * and special zones. The letter says "about", and the 2026–2030 framework is pending
 * (domain.md §2), so every figure is configuration with an effective date. The pure
 * computation is src/modules/staffing/norm.ts.
 */
export const NORMED_UNIT_KINDS = ['COMMUNE', 'WARD', 'SPECIAL_ZONE'] as const;
export type NormedUnitKind = (typeof NORMED_UNIT_KINDS)[number];

/** How a partial block of residents counts: FLOOR reads "+1 for every 2,000" as a full 2,000. */
export const PARTIAL_BLOCK_RULES = ['FLOOR', 'CEIL'] as const;

const Headcount = z.number().int().min(0).max(10_000);
const Residents = z.number().int().min(1).max(10_000_000);

export const StaffingNormConfigSchema = z
  .strictObject({
    ...versionFields,
    /** Posts every unit has before the population rule. */
    base: Headcount,
    /** Residents up to this figure add nothing. */
    populationThreshold: z.number().int().min(0).max(10_000_000),
    /** Residents above the threshold per extra post, in a unit that is not mountainous. */
    residentsPerExtraPost: Residents,
    /** The same in a mountainous unit (administrative_units.is_mountainous). */
    residentsPerExtraPostMountainous: Residents,
    partialBlock: z.enum(PARTIAL_BLOCK_RULES),
    /** The ceiling per unit kind. */
    ceilings: z.strictObject({ COMMUNE: Headcount, WARD: Headcount, SPECIAL_ZONE: Headcount }),
    /** What the norm does not cover (text shown with the figures). */
    excludes: z.string().min(1).max(1000),
    /** How sure each part is, in domain.md's terms. */
    certainty: z.strictObject({ figures: CertaintySchema, partialBlock: CertaintySchema }),
  })
  .refine((c) => Object.values(c.ceilings).every((ceiling) => ceiling >= c.base), 'every ceiling must be at least the base');
export type StaffingNormConfig = z.infer<typeof StaffingNormConfigSchema>;

export const DEFAULT_STAFFING_NORM_CONFIG: StaffingNormConfig = {
  version: 'norm-09-CV-BCD-2025',
  effectiveFrom: '2025-05-30',
  sourceNote:
    'Official Letter 09/CV-BCĐ of 30 May 2025 (domain.md §2 [C]): a base of about 32 per commune, not counting party and mass organisations or the commune military command; ' +
    '+1 for every 2,000 residents above 16,000 (every 1,000 in mountainous areas); a ceiling of 50 for communes and 70 for wards and special zones. ' +
    'The letter says "about" and the 2026–2030 framework is pending, so a province may set its own version. ' +
    'Cadre reading [NC]: "+1 for every 2,000" counts full blocks only (floor): 17,999 residents add nothing, 18,000 add 1.',
  base: 32,
  populationThreshold: 16_000,
  residentsPerExtraPost: 2_000,
  residentsPerExtraPostMountainous: 1_000,
  partialBlock: 'FLOOR',
  ceilings: { COMMUNE: 50, WARD: 70, SPECIAL_ZONE: 70 },
  excludes: 'Party and mass organisations; the commune military command (Official Letter 09/CV-BCĐ).',
  certainty: { figures: 'C', partialBlock: 'NC' },
};
