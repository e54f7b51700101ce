import { z } from 'zod';
import { CertaintySchema, uniqueBy, versionFields } from './reviews-common.config.ts';

/**
 * How a training need is weighted (issue 6 §2). No legal text sets these figures: they are
 * Cadre's planning placeholders, kept as a rule with an effective date so a province can
 * change its priorities without a code change (domain.md §12). The formula (training/needs/needs.ts):
 *
 *   competency need = gap × criticality × workload pressure × unit priority
 *     gap          = required level − assessed level (never assessed: required − notAssessedLevel)
 *     criticality  = groupWeights[competency group] × (criticalMultiplier when required ≥ criticalFromLevel, else 1)
 *     pressure     = min(pressure.maxFactor, 1 + pressure.slope × max(0, 1 − WISN ratio)) of (unit, position field)
 *                    in the latest stored WISN run; no run, no line or no ratio: pressure.neutral
 *     unit priority = unitPriorities[unit code], default 1
 *   mandatory programme need = mandatoryWeight × unit priority
 */
export const TrainingNeedWeightsConfigSchema = z.strictObject({
  ...versionFields,
  /** Weight of a competency by its framework group: the position's field competencies weigh more than general ones. */
  groupWeights: z.strictObject({ GENERAL: z.number().min(0).max(10), FIELD: z.number().min(0).max(10) }),
  /** A required level at or above this is critical to the position. */
  criticalFromLevel: z.number().int().min(1).max(5),
  criticalMultiplier: z.number().min(0).max(10),
  /** The level assumed for a competency never assessed (the need is flagged "not assessed"). */
  notAssessedLevel: z.number().int().min(0).max(5),
  pressure: z.strictObject({
    slope: z.number().min(0).max(10),
    maxFactor: z.number().min(1).max(10),
    neutral: z.number().min(0).max(10),
  }),
  /** Priority of a unit by its administrative-unit code; a unit not listed has priority 1. */
  unitPriorities: z
    .array(z.strictObject({ unitCode: z.string().min(1).max(40), priority: z.number().min(0).max(10) }))
    .max(5000)
    .refine((ps) => uniqueBy(ps, (p) => p.unitCode), 'unit codes must be unique'),
  /** Weight of one mandatory programme (training.mandatoryCourses) a person is in scope of. */
  mandatoryWeight: z.number().min(0).max(100),
  certainty: CertaintySchema,
});
export type TrainingNeedWeightsConfig = z.infer<typeof TrainingNeedWeightsConfigSchema>;

export const DEFAULT_TRAINING_NEED_WEIGHTS_CONFIG: TrainingNeedWeightsConfig = {
  version: 'cadre-placeholder-2026',
  effectiveFrom: '2025-07-01',
  sourceNote:
    'Cadre planning placeholder, no legal source (issue 6 §2; domain.md §5.2 says only that training must follow the job position, Decree 171/2025). Field competencies weigh 1.5, general ones 1; a required level of 4 or 5 is critical (× 1.5); a competency never assessed counts as level 1; workload pressure 1 + (1 − WISN ratio) capped at 2, 1 without a run; every unit priority 1; a mandatory programme weighs 3. Set the province’s own weights by decision.',
  groupWeights: { GENERAL: 1, FIELD: 1.5 },
  criticalFromLevel: 4,
  criticalMultiplier: 1.5,
  notAssessedLevel: 1,
  pressure: { slope: 1, maxFactor: 2, neutral: 1 },
  unitPriorities: [],
  mandatoryWeight: 3,
  certainty: 'NC',
};
