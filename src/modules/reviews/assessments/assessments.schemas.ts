import { z } from 'zod';
import { PageQueryFields } from '../../../platform/http/common.schemas.ts';
import { DECREE_90_FLAG_METRICS, DECREE_90_SHARE_METRICS, DECREE_90_SUBJECTS } from '../../../platform/rules/defaults/reviews-90.config.ts';
import { REVIEW_RATINGS, REVIEW_REGIMES } from '../../../platform/rules/defaults/reviews-common.config.ts';
import { SCREENING_OUTCOMES } from '../../../platform/rules/defaults/screening-178.config.ts';
import { CAMPAIGN_STATUSES } from '../campaigns/campaign-workflow.ts';

export { ProblemSchema } from '../../../platform/http/common.schemas.ts';

/**
 * Shapes of the assessment API. Shape errors (wrong types, unknown fields) answer 400 here;
 * value ranges (levels 1–5, shares, points) are checked by the use cases against the rule
 * configs and answer 422 with every problem listed, so nothing half-valid is written.
 */

const Id = z.coerce.number().int().positive().max(2_147_483_647);

export const CampaignParamsSchema = z.object({ campaignId: Id });
export const ParticipantParamsSchema = z.object({ campaignId: Id, participantId: Id });

const Evidence = z.string().max(4000);

export const LevelInputSchema = z.strictObject({
  competencyCode: z.string().min(1).max(32),
  level: z.number().int().describe('1–5 (anything else answers 422)'),
  evidence: Evidence.optional(),
});
export type LevelInput = z.infer<typeof LevelInputSchema>;

const Levels = z.array(LevelInputSchema).max(200);

export const Decree335InputSchema = z
  .strictObject({
    isLeader: z.boolean(),
    generalScores: z.record(z.string().max(40), z.number()),
    periods: z
      .array(
        z.strictObject({
          label: z.string().min(1).max(40),
          items: z
            .array(
              z.strictObject({
                id: z.string().min(1).max(60),
                coefficient: z.number(),
                completed: z.boolean(),
                meetsQualityBar: z.boolean().optional(),
                sendBacks: z.number(),
                delays: z.number(),
                objectiveCauseConfirmed: z.boolean(),
              }),
            )
            .max(500),
        }),
      )
      .max(12),
    leader: z
      .strictObject({
        unitResultShare: z.number(),
        anySubordinateNotCompleted: z.boolean(),
        organisingOnPlanAndOnTime: z.boolean(),
        organisingShare: z.number().optional(),
      })
      .optional(),
    vetoes: z.array(z.string().max(40)).max(30),
  })
  .describe('Decree 335/2025 input (years from 2026)');

const metricShape = Object.fromEntries([
  ...DECREE_90_FLAG_METRICS.map((m) => [m, z.boolean().optional()]),
  ...DECREE_90_SHARE_METRICS.map((m) => [m, z.number().optional()]),
]) as Record<(typeof DECREE_90_FLAG_METRICS)[number], z.ZodOptional<z.ZodBoolean>> &
  Record<(typeof DECREE_90_SHARE_METRICS)[number], z.ZodOptional<z.ZodNumber>>;

export const Decree90InputSchema = z
  .strictObject({
    subject: z.enum(DECREE_90_SUBJECTS),
    judgedLevel: z.enum(REVIEW_RATINGS),
    metrics: z.strictObject(metricShape),
    absenceMonths: z.number(),
  })
  .describe('Decree 90/2020 input (years before 2026)');

export const EvaluationInputSchema = z.union([Decree335InputSchema, Decree90InputSchema]);
export type EvaluationInput = z.infer<typeof EvaluationInputSchema>;

/**
 * The sheet's `version` as read. Optional on the API so existing clients keep working (an
 * absent version writes unconditionally, as before); the HTML forms always send it. Every
 * write moves the version on, so a writer holding an older one is refused.
 */
const SheetVersion = z
  .number()
  .int()
  .min(1)
  .max(2_147_483_647)
  .optional()
  .describe(
    'The sheet `version` you read (GET …/assessment). Optional: when sent and another write to the sheet came first, 409 VERSION_CONFLICT and nothing is written; when absent the write is unconditional. Send it.',
  );

export const SelfAssessmentBodySchema = z.strictObject({
  version: SheetVersion,
  levels: Levels,
  evaluation: EvaluationInputSchema.optional().describe("Self-declared input of the campaign's regime"),
});
export type SelfAssessmentBody = z.infer<typeof SelfAssessmentBodySchema>;

export const SupervisorReviewBodySchema = z.strictObject({
  version: SheetVersion,
  levels: Levels,
  evaluation: EvaluationInputSchema.optional().describe('Required when the campaign includes the annual evaluation'),
});
export type SupervisorReviewBody = z.infer<typeof SupervisorReviewBodySchema>;

export const CriterionInputSchema = z.union([z.strictObject({ percent: z.number() }), z.strictObject({ points: z.number() })]);

export const CouncilBodySchema = z.strictObject({
  version: SheetVersion,
  levels: Levels.optional(),
  rating: z
    .strictObject({
      rating: z.enum(REVIEW_RATINGS),
      note: z.string().max(4000).optional().describe('Required when the rating differs from the computed one'),
    })
    .optional(),
  screening: z.strictObject({ criteria: z.record(z.string().max(40), CriterionInputSchema) }).optional(),
});
export type CouncilBody = z.infer<typeof CouncilBodySchema>;

const TraceStepSchema = z.object({
  rule: z.string(),
  formula: z.string(),
  inputs: z.record(z.string(), z.union([z.number(), z.string(), z.boolean(), z.null()])),
  result: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  certainty: z.enum(['C', 'S', 'NC']).optional(),
});

/** A stored rule result: the whole object as the rule returned it, with its config version and trace. */
const RuleResultSchema = z.looseObject({ configVersion: z.string(), trace: z.array(TraceStepSchema) });

const RatingSchema = z.enum(REVIEW_RATINGS);

export const CompetencyLineSchema = z.object({
  competencyCode: z.string(),
  requiredLevel: z.number().int().nullable(),
  selfLevel: z.number().int().nullable(),
  selfEvidence: z.string().nullable(),
  supervisorLevel: z.number().int().nullable(),
  supervisorEvidence: z.string().nullable(),
  councilLevel: z.number().int().nullable(),
  councilEvidence: z.string().nullable(),
  finalLevel: z.number().int().nullable().describe('council ?? supervisor ?? self'),
  gap: z.number().int().nullable().describe('required − final when below the requirement, else 0; null when not assessed'),
});

export const AssessmentSheetSchema = z.object({
  version: z.number().int().describe('Moves on with every write of the sheet (self, supervisor, council): send it back in the PUT body'),
  campaign: z.object({
    id: z.number().int(),
    name: z.string(),
    year: z.number().int(),
    regime: z.enum(REVIEW_REGIMES),
    status: z.enum(CAMPAIGN_STATUSES),
    instruments: z.array(z.string()),
  }),
  participant: z.object({
    id: z.number().int(),
    staffId: z.number().int(),
    fullName: z.string(),
    unitId: z.number().int(),
    unitName: z.string(),
    positionCode: z.string().nullable(),
    positionGroup: z.string().nullable(),
    selfSubmittedAt: z.string().nullable(),
    supervisorSubmittedAt: z.string().nullable(),
    councilDecidedAt: z.string().nullable(),
  }),
  competencies: z.array(CompetencyLineSchema),
  gap: z.object({ gapCount: z.number().int(), largestGap: z.number().int(), unassessed: z.number().int() }),
  evaluation: z
    .object({
      regime: z.enum(REVIEW_REGIMES),
      selfInput: EvaluationInputSchema.nullable(),
      supervisorInput: EvaluationInputSchema.nullable(),
      result: RuleResultSchema.nullable().describe('Decree335Result or Decree90Result with its trace'),
      configVersion: z.string().nullable(),
      score: z.number().nullable(),
      rating: RatingSchema.nullable().describe('Computed from the supervisor input'),
      councilRating: RatingSchema.nullable(),
      councilNote: z.string().nullable(),
      finalRating: RatingSchema.nullable().describe('councilRating ?? rating'),
    })
    .nullable(),
  screening: z
    .object({
      criteria: z.record(z.string(), CriterionInputSchema),
      result: RuleResultSchema.describe('Screening178Result with its rule trace'),
      configVersion: z.string(),
      outcome: z.enum(SCREENING_OUTCOMES),
    })
    .nullable(),
});
export type AssessmentSheet = z.infer<typeof AssessmentSheetSchema>;

export const ResultsQuerySchema = z.object({ ...PageQueryFields });

const CountsSchema = z.object({
  EXCELLENT: z.number().int(),
  GOOD: z.number().int(),
  COMPLETED: z.number().int(),
  NOT_COMPLETED: z.number().int(),
  UNRATED: z.number().int(),
});

export const CampaignResultsSchema = z.object({
  campaign: z.object({
    id: z.number().int(),
    name: z.string(),
    year: z.number().int(),
    regime: z.enum(REVIEW_REGIMES),
    status: z.string(),
  }),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(
    z.object({
      participantId: z.number().int(),
      staffId: z.number().int(),
      fullName: z.string(),
      unitId: z.number().int(),
      unitName: z.string(),
      orgBodyId: z.number().int().nullable(),
      positionCode: z.string().nullable(),
      positionGroup: z.string().nullable(),
      finalRating: RatingSchema.nullable(),
      score: z.number().nullable(),
      screeningOutcome: z.enum(SCREENING_OUTCOMES).nullable(),
      gapCount: z.number().int(),
    }),
  ),
  byUnit: z.array(z.object({ unitId: z.number().int(), unitName: z.string(), counts: CountsSchema })),
  byPositionGroup: z.array(z.object({ positionGroup: z.string().nullable(), counts: CountsSchema })),
  excellentQuota: z.array(
    z.object({
      key: z.string().describe('agency (body, else commune/ward) | position group'),
      unitId: z.number().int(),
      orgBodyId: z.number().int().nullable(),
      positionGroup: z.string().nullable(),
      goodCount: z.number().int(),
      excellentCount: z.number().int(),
      allowedExcellent: z.number().int(),
      violates: z.boolean(),
      excess: z.number().int(),
      minimumChanges: z.number().int(),
      affectedParticipantIds: z.array(z.number().int()),
      configVersion: z.string(),
    }),
  ),
  quotaViolated: z.boolean(),
});
export type CampaignResults = z.infer<typeof CampaignResultsSchema>;
