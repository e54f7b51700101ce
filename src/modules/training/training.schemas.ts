import { z } from 'zod';
import { blankToUndefined, PageQueryFields } from '../../platform/http/common.schemas.ts';
import { REVIEW_RATINGS } from '../../platform/rules/defaults/reviews-common.config.ts';
import { POSITION_GROUPS, RANK_TIERS } from '../competencies/framework.ts';
import { CONTENT_TYPES, COURSE_MODES, COURSE_STATUSES, FUNDING_SOURCES, REPAYMENT_TRIGGERS } from './courses.ts';

export { IdParamsSchema, ProblemSchema } from '../../platform/http/common.schemas.ts';

const IsoDateSchema = z.iso.date().describe('YYYY-MM-DD');
const CourseCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .describe('Course code, unique in the province: upper-case letters, digits and . - _');
const CompetencyCodeSchema = z.string().trim().min(1).max(32);
const Vnd = z.number().int().min(0).max(2_000_000_000);

export const SessionSchema = z.strictObject({
  days: z.number().int().min(1).max(60).describe('Working days of the session; at most 5 (checked with a translated message)'),
  note: z.string().trim().max(200).optional(),
});

export const PostgraduateTermsSchema = z.strictObject({
  programmeMonths: z.number().int().min(1).max(72).describe('Length of the programme; the service commitment is a multiple of it'),
  minServiceYears: z.number().int().min(0).max(40).nullable().optional().describe('Null: the rule training.postgraduate in force'),
  maxAgeAtFirstSending: z.number().int().min(18).max(70).nullable().optional().describe('Null: the rule training.postgraduate in force'),
  commitmentMultiple: z.number().min(0).max(10).nullable().optional().describe('Null: the rule training.postgraduate in force'),
});

export const EligibilitySchema = z.strictObject({
  targetRanks: z.array(z.enum(RANK_TIERS)).max(RANK_TIERS.length).default([]).describe('Law 80/2025 rank tiers; empty: every rank'),
  positionGroups: z.array(z.enum(POSITION_GROUPS)).max(POSITION_GROUPS.length).default([]).describe('Empty: every group'),
  fields: z
    .array(z.string().trim().min(1).max(40))
    .max(20)
    .default([])
    .describe('Fields of work (position field codes); empty: every field'),
  postgraduate: PostgraduateTermsSchema.nullable()
    .default(null)
    .describe(
      'Set for postgraduate study: the Decree 171/2025 conditions apply (service years, recent ratings, age, commitment, repayment)',
    ),
});

export const CourseCompetencyInputSchema = z.strictObject({
  competencyCode: CompetencyCodeSchema.describe('A competency of the published framework in force'),
  raisesToLevel: z.number().int().min(1).max(5).describe('Level 1–5 the course brings a participant to'),
});

/** The fields create and update share; rules beyond types are in courses.ts. */
const CourseFields = {
  nameVi: z.string().trim().min(1).max(300),
  nameEn: z.string().trim().min(1).max(300),
  contentType: z.enum(CONTENT_TYPES).describe('One of the five kinds of content of Decree 171/2025'),
  mode: z.enum(COURSE_MODES),
  provider: z.string().trim().min(1).max(300),
  location: z.string().trim().max(300).nullable().optional(),
  durationDays: z.number().int().min(1).max(400).describe('Working days in all'),
  sessions: z.array(SessionSchema).min(1).max(80).describe('Sessions of at most 5 working days, adding up to durationDays'),
  classCapacity: z.number().int().min(1).max(1000),
  minClassSize: z.number().int().min(1).max(1000).describe('A class runs with at least this many participants; at most classCapacity'),
  costPerClass: Vnd.describe('Fixed cost of one class in VND (lecturers, hall)'),
  costPerParticipant: Vnd.describe('Cost per participant in VND (materials, board, travel)'),
  fundingSource: z.enum(FUNDING_SOURCES).describe('Default funding source (Decree 171/2025 Art. 32)'),
  prerequisites: z.array(CourseCodeSchema).max(20).default([]).describe('Codes of courses to complete first; no cycles'),
  eligibility: EligibilitySchema.default({ targetRanks: [], positionGroups: [], fields: [], postgraduate: null }),
  competencies: z.array(CourseCompetencyInputSchema).max(30).default([]),
  effectiveFrom: IsoDateSchema.optional().describe('First day offered; today (Vietnam) when omitted'),
  effectiveTo: IsoDateSchema.nullable().optional().describe('Last day offered; null: open-ended'),
};

export const CourseCreateBodySchema = z.strictObject({ code: CourseCodeSchema, ...CourseFields });
export type CourseCreateInput = z.infer<typeof CourseCreateBodySchema>;

export const CourseUpdateBodySchema = z.strictObject({
  version: z.number().int().min(1).describe('The version you read; a stale value answers 409 VERSION_CONFLICT'),
  ...CourseFields,
});
export type CourseUpdateInput = z.infer<typeof CourseUpdateBodySchema>;

export const CourseRetireBodySchema = z.strictObject({
  version: z.number().int().min(1).describe('The version you read; a stale value answers 409 VERSION_CONFLICT'),
  effectiveTo: IsoDateSchema.optional().describe('Last day offered; today (Vietnam) when omitted'),
});
export type CourseRetireInput = z.infer<typeof CourseRetireBodySchema>;

export const CourseListQuerySchema = z.object({
  q: z.preprocess(
    blankToUndefined,
    z.string().trim().max(100).optional().describe('Code or name (Vietnamese or English); ignores diacritics'),
  ),
  contentType: z.preprocess(blankToUndefined, z.enum(CONTENT_TYPES).optional()),
  mode: z.preprocess(blankToUndefined, z.enum(COURSE_MODES).optional()),
  competency: z.preprocess(blankToUndefined, CompetencyCodeSchema.optional().describe('Courses that raise this competency')),
  status: z.preprocess(blankToUndefined, z.enum([...COURSE_STATUSES, 'ALL']).default('ACTIVE')),
  ...PageQueryFields,
});
export type CourseListQuery = z.infer<typeof CourseListQuerySchema>;

export const CourseCompetencySchema = z.object({ competencyCode: z.string(), raisesToLevel: z.number().int() });

export const CourseSummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  contentType: z.enum(CONTENT_TYPES),
  mode: z.enum(COURSE_MODES),
  provider: z.string(),
  durationDays: z.number().int(),
  classCapacity: z.number().int(),
  minClassSize: z.number().int(),
  costPerClass: z.number().int(),
  costPerParticipant: z.number().int(),
  fundingSource: z.enum(FUNDING_SOURCES),
  status: z.enum(COURSE_STATUSES),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  competencies: z.array(CourseCompetencySchema),
});
export type CourseSummary = z.infer<typeof CourseSummarySchema>;

export const CourseListResponseSchema = z.object({
  items: z.array(CourseSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CourseListResponse = z.infer<typeof CourseListResponseSchema>;

const PostgraduateRuleSchema = z.object({
  version: z.string(),
  effectiveFrom: z.string(),
  sourceNote: z.string(),
  minServiceYears: z.number(),
  recentRatingYears: z.number(),
  minRating: z.enum(REVIEW_RATINGS),
  maxAgeAtFirstSending: z.number(),
  commitmentMultiple: z.number(),
  repayment: z.object({ tuitionAndCosts: z.boolean(), salary: z.boolean(), triggers: z.array(z.enum(REPAYMENT_TRIGGERS)) }),
});

export const CourseDetailSchema = CourseSummarySchema.extend({
  location: z.string().nullable(),
  sessions: z.array(z.object({ days: z.number().int(), note: z.string().optional() })),
  prerequisites: z.array(z.object({ code: z.string(), id: z.number().int().nullable(), nameVi: z.string().nullable() })),
  eligibility: z.object({
    targetRanks: z.array(z.string()),
    positionGroups: z.array(z.string()),
    fields: z.array(z.string()),
    postgraduate: z
      .object({
        programmeMonths: z.number().int(),
        minServiceYears: z.number().int().nullable(),
        maxAgeAtFirstSending: z.number().int().nullable(),
        commitmentMultiple: z.number().nullable(),
      })
      .nullable(),
  }),
  competencies: z.array(
    CourseCompetencySchema.extend({
      nameVi: z.string().nullable().describe('From the published framework in force; null when the code is no longer in it'),
      nameEn: z.string().nullable(),
    }),
  ),
  postgraduateRule: PostgraduateRuleSchema.nullable().describe('For a postgraduate course: the rule training.postgraduate in force today'),
  periods: z.number().int().describe('Training periods (tiết): days × periods per day of the rule training.minAnnualPeriods'),
  version: z.number().int().describe('Send it back on PUT and retire'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CourseDetail = z.infer<typeof CourseDetailSchema>;

/** The HTML form posts flat text fields; course-form.ts rebuilds the API body. */
export const CourseFormBodySchema = z.record(z.string().max(64), z.union([z.string().max(4000), z.array(z.string().max(200)).max(20)]));
export type CourseFormBody = z.infer<typeof CourseFormBodySchema>;

export const CourseRetireFormSchema = z.strictObject({
  version: z.string().max(12),
  effectiveTo: z.string().max(12).optional(),
  _csrf: z.string().optional(),
});
