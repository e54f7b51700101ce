import { z } from 'zod';
import { blankToNull, blankToUndefined, PageQueryFields } from '../../platform/http/common.schemas.ts';

const CodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .transform((s) => s.toUpperCase());
const Phone4Schema = z
  .string()
  .trim()
  .regex(/^\d{4}$/, 'the last 4 digits of the phone number');

export const TrackQuerySchema = z.object({ code: CodeSchema, phone4: Phone4Schema });
export type TrackQuery = z.infer<typeof TrackQuerySchema>;

/** The tracking page's query: both fields optional, so an empty visit shows the form. */
export const TrackPageQuerySchema = z.object({
  code: z.preprocess(blankToUndefined, z.string().max(80).optional()),
  phone4: z.preprocess(blankToUndefined, z.string().max(10).optional()),
});

export const RatingAnswersSchema = z.record(z.string().max(40), z.string().max(40));

export const PublicRatingBodySchema = z.strictObject({
  code: CodeSchema,
  phone4: Phone4Schema,
  answers: RatingAnswersSchema,
  comment: z.preprocess(blankToNull, z.string().trim().max(2000).nullable().default(null)),
});
export type PublicRatingBody = z.infer<typeof PublicRatingBodySchema>;

export const StaffRatingBodySchema = z.strictObject({
  answers: RatingAnswersSchema,
  comment: z.preprocess(blankToNull, z.string().trim().max(2000).nullable().default(null)),
});
export type StaffRatingBody = z.infer<typeof StaffRatingBodySchema>;

export const RatingSchema = z.object({
  dossierCode: z.string(),
  channel: z.enum(['TRACKING_PAGE', 'COUNTER_TABLET']),
  answers: z.record(z.string(), z.string()),
  comment: z.string().nullable(),
  createdAt: z.string(),
});
export type Rating = z.infer<typeof RatingSchema>;

export const CriterionSchema = z.object({ code: z.string(), name: z.string() });

export const TrackingResultSchema = z.object({
  code: z.string(),
  status: z.number().int(),
  statusLabel: z.string(),
  procedure: z.string(),
  competentUnit: z.string(),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  timeline: z.array(
    z.object({ at: z.string(), event: z.string(), status: z.number().int().nullable(), statusLabel: z.string().nullable() }),
  ),
  apologySlip: z.object({ newDueAt: z.string(), reason: z.string(), issuedAt: z.string() }).nullable(),
  rating: z.object({
    canRate: z.boolean(),
    rated: z.boolean(),
    criteria: z.array(CriterionSchema),
    levels: z.array(CriterionSchema),
  }),
});
export type TrackingResult = z.infer<typeof TrackingResultSchema>;

export const FEEDBACK_KINDS = ['FEEDBACK', 'COMPLAINT', 'PETITION'] as const;
export const FEEDBACK_STATUSES = ['RECEIVED', 'ANSWERED', 'REFUSED', 'INFO_REQUESTED'] as const;
export const FEEDBACK_DECISIONS = ['ANSWERED', 'REFUSED', 'INFO_REQUESTED'] as const;

export const FeedbackBodySchema = z.strictObject({
  unitId: z.coerce.number().int().positive().max(2_147_483_647),
  kind: z.enum(FEEDBACK_KINDS).default('FEEDBACK'),
  dossierCode: z.preprocess(blankToNull, z.string().trim().max(80).nullable().default(null)),
  text: z.string().trim().min(10).max(5000),
  contact: z.preprocess(blankToNull, z.string().trim().max(200).nullable().default(null)),
});
export type FeedbackBody = z.infer<typeof FeedbackBodySchema>;

export const FeedbackReceiptSchema = z.object({ id: z.number().int(), receivedAt: z.string(), dueAt: z.string() });

export const FeedbackAnswerBodySchema = z.strictObject({
  decision: z.enum(FEEDBACK_DECISIONS),
  answer: z.string().trim().min(1).max(5000),
  version: z.coerce.number().int().positive(),
});
export type FeedbackAnswerBody = z.infer<typeof FeedbackAnswerBodySchema>;

export const FeedbackSchema = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  dossierCode: z.string().nullable(),
  kind: z.enum(FEEDBACK_KINDS),
  text: z.string(),
  contact: z.string().nullable(),
  receivedAt: z.string(),
  /** The answer's deadline. */
  dueAt: z.string(),
  /** Refuse by / ask for more information by (working days from receipt, rules); null on items received before they were recorded. */
  refuseDueAt: z.string().nullable(),
  infoDueAt: z.string().nullable(),
  isOverdue: z.boolean(),
  /** Whether the latest decision (refusal, information request or answer) met its own deadline; null while undecided. */
  handledOnTime: z.boolean().nullable(),
  status: z.enum(FEEDBACK_STATUSES),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  version: z.number().int(),
});
export type Feedback = z.infer<typeof FeedbackSchema>;

export const FeedbackListQuerySchema = z.object({ ...PageQueryFields });
export type FeedbackListQuery = z.infer<typeof FeedbackListQuerySchema>;

export const FeedbackListResponseSchema = z.object({
  items: z.array(FeedbackSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type FeedbackList = z.infer<typeof FeedbackListResponseSchema>;
