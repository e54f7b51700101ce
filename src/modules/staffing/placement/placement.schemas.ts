import { z } from 'zod';
import { REVIEW_RATINGS } from '../../../platform/rules/defaults/reviews-common.config.ts';
import { MOVE_KINDS } from '../../../platform/rules/defaults/staffing-placement.config.ts';
import { REASON_CODES } from '../../position-fit/fit.ts';
import { WISN_STATUSES } from '../runs/run.schemas.ts';
import { INELIGIBILITY_CODES } from './placement.ts';

/** Placement recommendations (issue 5 §5–§6): request and response shapes of the API and pages. */

const Id = z.coerce.number().int().positive().max(2_147_483_647);
const IsoDate = z.iso.date();

export const RunParamsSchema = z.object({ runId: Id });
export const BatchParamsSchema = z.object({ batchId: Id });
export const RecommendationParamsSchema = z.object({ id: Id });

export const PLACEMENT_KINDS = ['TRANSFER', 'SECONDMENT'] as const;
export const RECOMMENDATION_STATUSES = ['PROPOSED', 'ACCEPTED', 'REJECTED'] as const;
export const BATCH_STATUSES = ['OPEN', 'CLOSED'] as const;

export const GenerateBodySchema = z
  .strictObject({
    includeLeadership: z.boolean().optional().describe('Also consider holders of leadership posts (default: the rule’s, normally no)'),
    forbidOutsideDistrict: z
      .boolean()
      .optional()
      .describe('Refuse moves to a unit outside the person’s former district (units have no coordinates: the merger lineage is the proxy)'),
    maxShareMovedPerUnit: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe(
        'Share of a unit’s ACTIVE staff that may be moved out (default and bounds from the rule staffing.placement; outside the bounds: 400)',
      ),
  })
  .describe('Options of one solve; anything not given comes from the rule staffing.placement in force');
export type GenerateBody = z.infer<typeof GenerateBodySchema>;

export const AcceptBodySchema = z.strictObject({
  version: z.number().int().min(1).describe('The recommendation’s version as read (optimistic concurrency)'),
  startDate: IsoDate.optional().describe('First day in the new post (default: today in Vietnam); the current post ends the day before'),
  kind: z.enum(PLACEMENT_KINDS).optional().describe('Override the proposed kind'),
  endDate: IsoDate.optional().describe('Last day of a secondment (default: start + the rule’s secondment months); refused for a transfer'),
});
export type AcceptBody = z.infer<typeof AcceptBodySchema>;

export const RejectBodySchema = z.strictObject({
  version: z.number().int().min(1),
  reason: z.string().trim().min(1).max(1000).describe('Why the recommendation is not followed (kept and audited)'),
});
export type RejectBody = z.infer<typeof RejectBodySchema>;

const Gap = z.object({ code: z.string(), name: z.string() });

const LineFiguresSchema = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  field: z.string(),
  status: z.enum(WISN_STATUSES),
  requiredStaff: z.number().nullable().describe('WISN required staff of the line (unrounded)'),
  actualBefore: z.number(),
  actualAfter: z.number(),
  ratioBefore: z.number().nullable(),
  ratioAfter: z.number().nullable(),
});

export const ExplanationSchema = z.object({
  fixes: LineFiguresSchema.extend({
    slotRank: z.number().int().describe('1 = the first missing post of the target line'),
    relief: z.number(),
    acute: z.boolean(),
    gapCompetenciesCovered: z.array(Gap).describe('Gap competencies of the target line the person meets'),
  }).describe('The shortage line the move relieves'),
  costs: LineFiguresSchema.extend({
    moveKind: z.enum(MOVE_KINDS),
    moveCost: z.number(),
    originLoss: z.number(),
  }).describe('The line the person leaves, and the distance proxy'),
  eligibility: z
    .object({
      window: z.object({ from: z.number().int(), to: z.number().int() }),
      ratings: z.array(z.object({ year: z.number().int(), campaignId: z.number().int(), rating: z.enum(REVIEW_RATINGS) })),
      ratedYears: z.number().int(),
      minRating: z.enum(REVIEW_RATINGS),
      disciplinePendingUntil: z.string().nullable(),
      leadership: z.boolean(),
      fit: z.object({
        meetsPosition: z.boolean().nullable(),
        reasons: z.array(
          z.object({
            code: z.enum(REASON_CODES),
            subject: z.string().nullable(),
            required: z.string().nullable(),
            actual: z.string().nullable(),
          }),
        ),
        requireProvenFit: z.boolean(),
      }),
    })
    .describe('Decree 170/2025 conditions checked (domain.md §3.3)'),
  position: z.object({ id: z.number().int(), code: z.string(), name: z.string(), freePost: z.boolean() }),
});

export const RecommendationSchema = z.object({
  id: z.number().int(),
  batchId: z.number().int(),
  staffId: z.number().int(),
  fullName: z.string(),
  fromUnitId: z.number().int(),
  fromUnitName: z.string(),
  fromPositionId: z.number().int().nullable(),
  fromPositionName: z.string().nullable(),
  fromField: z.string(),
  toUnitId: z.number().int(),
  toUnitName: z.string(),
  toPositionId: z.number().int(),
  toPositionCode: z.string(),
  toPositionName: z.string(),
  toField: z.string(),
  kind: z.enum(PLACEMENT_KINDS),
  endDate: z.string().nullable().describe('Last day of a secondment'),
  benefit: z.number().describe('Relief of the slot + expertise bonus'),
  cost: z.number().describe('Move cost + origin loss'),
  explanation: ExplanationSchema,
  status: z.enum(RECOMMENDATION_STATUSES),
  decidedAt: z.string().nullable(),
  decidedBy: z.number().int().nullable(),
  reason: z.string().nullable(),
  version: z.number().int(),
});
export type RecommendationView = z.infer<typeof RecommendationSchema>;

export const ExcludedSchema = z.object({
  staffId: z.number().int(),
  fullName: z.string(),
  unitId: z.number().int(),
  field: z.string(),
  reasons: z.array(z.enum(INELIGIBILITY_CODES)),
});

export const SummarySchema = z.object({
  linesWithSpare: z.number().int(),
  shortageLines: z.number().int(),
  shortageLinesWithoutPosition: z.number().int(),
  slots: z.number().int(),
  peopleInSpareLines: z.number().int(),
  eligible: z.number().int(),
  withBeneficialMove: z.number().int(),
  preselected: z.number().int(),
  recommended: z.number().int(),
});

export const BatchParamsStoredSchema = z.object({
  today: z.string(),
  options: z.object({ includeLeadership: z.boolean(), forbidOutsideDistrict: z.boolean(), maxShareMovedPerUnit: z.number() }),
  rule: z.object({ version: z.string(), effectiveFrom: z.string().nullable(), origin: z.string(), sourceNote: z.string() }),
  frameworkVersionId: z.number().int().nullable(),
  summary: SummarySchema,
  excluded: z.array(ExcludedSchema),
});
export type BatchParamsStored = z.infer<typeof BatchParamsStoredSchema>;

export const BatchSummarySchema = z.object({
  id: z.number().int(),
  runId: z.number().int(),
  createdAt: z.string(),
  createdBy: z.number().int().nullable(),
  status: z.enum(BATCH_STATUSES),
  objective: z.number().describe('Total cost of the assignment (negative = net benefit)'),
  recommended: z.number().int(),
});

export const BatchSchema = BatchSummarySchema.extend({
  isLatestRun: z.boolean().describe('Recommendations can be accepted only while their run is the latest'),
  params: BatchParamsStoredSchema,
  recommendations: z.array(RecommendationSchema),
});
export type BatchView = z.infer<typeof BatchSchema>;

export const BatchListSchema = z.object({ runId: z.number().int(), isLatestRun: z.boolean(), items: z.array(BatchSummarySchema) });
export type BatchList = z.infer<typeof BatchListSchema>;
