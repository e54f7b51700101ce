import { z } from 'zod';
import { CertaintySchema, CodeSchema, ReviewRatingSchema, uniqueBy, versionFields } from './reviews-common.config.ts';

/**
 * Training rules of Decree 171/2025/NĐ-CP (domain.md §5.2, §12 items 11 and 12). They live
 * beside the rules registry because the platform must not import modules; the pure course
 * rules in modules/training read them from here.
 */

/** Decree 171/2025 Art. 32 funding sources: state budget, employing agency, the civil servant, sponsors. */
export const FUNDING_SOURCES = ['STATE_BUDGET', 'EMPLOYER', 'PERSONAL', 'SPONSOR'] as const;
export const FundingSourceSchema = z.enum(FUNDING_SOURCES);

/** When a civil servant sent to postgraduate study must repay (domain.md §5.2 [C]). */
export const REPAYMENT_TRIGGERS = ['DROPPED_OUT', 'NOT_GRADUATED', 'LEFT_SERVICE_EARLY'] as const;

/**
 * Conditions for sending a civil servant to postgraduate study. The figures are reported
 * [C] in domain.md §5.2 from press summaries of the decree, not from its text, so they are a
 * rule with an effective date a province can correct without a code change.
 */
export const TrainingPostgraduateConfigSchema = z.strictObject({
  ...versionFields,
  /** Full years of service on the day of sending. */
  minServiceYears: z.number().int().min(0).max(40),
  /** Number of calendar years before the year of sending whose annual rating is read. */
  recentRatingYears: z.number().int().min(0).max(10),
  /** Each of those years must be rated this or better. */
  minRating: ReviewRatingSchema,
  /** Age in full years on the day of sending, at most; applies when first sent. */
  maxAgeAtFirstSending: z.number().int().min(18).max(70),
  /** The service commitment, as a multiple of the programme's length. */
  commitmentMultiple: z.number().min(0).max(10),
  repayment: z.strictObject({
    tuitionAndCosts: z.boolean(),
    salary: z.boolean(),
    triggers: z.array(z.enum(REPAYMENT_TRIGGERS)).max(REPAYMENT_TRIGGERS.length),
  }),
  certainty: CertaintySchema,
});
export type TrainingPostgraduateConfig = z.infer<typeof TrainingPostgraduateConfigSchema>;

export const DEFAULT_TRAINING_POSTGRADUATE_CONFIG: TrainingPostgraduateConfig = {
  version: 'decree-171-2025-postgraduate',
  effectiveFrom: '2025-07-01',
  sourceNote:
    'Decree 171/2025/NĐ-CP (effective 1 July 2025), as summarised in domain.md §5.2 [C] from press reports (vietnam.vn, laodong.vn): at least 3 years of service, rated "Good" or better in each of the 2 preceding years, aged 45 or under when first sent, commitment to serve 3 times the length of the course, repayment of tuition and costs (not salary) on dropping out, failing to graduate or leaving early. Check the article numbers against the official text.',
  minServiceYears: 3,
  recentRatingYears: 2,
  minRating: 'GOOD',
  maxAgeAtFirstSending: 45,
  commitmentMultiple: 3,
  repayment: { tuitionAndCosts: true, salary: false, triggers: ['DROPPED_OUT', 'NOT_GRADUATED', 'LEFT_SERVICE_EARLY'] },
  certainty: 'S',
};

/** Courses every civil servant in scope must attend; empty until a decision names them (domain.md §12 item 12). */
export const TrainingMandatoryCoursesConfigSchema = z.strictObject({
  ...versionFields,
  courses: z
    .array(
      z.strictObject({
        courseCode: z.string().min(1).max(32),
        /** Law 80/2025 rank tiers in scope; empty means every rank. */
        ranks: z.array(CodeSchema).max(10),
        /** Position groups (LEADERSHIP, PROFESSIONAL, SUPPORT) in scope; empty means every group. */
        positionGroups: z.array(CodeSchema).max(5),
        /** Repeat every N years; null: once. */
        everyYears: z.number().int().min(1).max(10).nullable(),
      }),
    )
    .max(100)
    .refine((cs) => uniqueBy(cs, (c) => c.courseCode), 'course codes must be unique'),
  certainty: CertaintySchema,
});
export type TrainingMandatoryCoursesConfig = z.infer<typeof TrainingMandatoryCoursesConfigSchema>;

export const DEFAULT_TRAINING_MANDATORY_COURSES_CONFIG: TrainingMandatoryCoursesConfig = {
  version: 'none-confirmed',
  effectiveFrom: '2025-07-01',
  sourceNote:
    'domain.md §5.2 and §12 item 12 [NC]: whether a public-ethics or a digital-skills course is mandatory for commune staff is not confirmed; "digital skills" is confirmed only as a content type of Decree 171/2025. Empty until the province enters a decision.',
  courses: [],
  certainty: 'NC',
};

/** The minimum yearly training time of a civil servant, in periods (tiết). */
export const TrainingMinAnnualPeriodsConfigSchema = z.strictObject({
  ...versionFields,
  periodsPerYear: z.number().int().min(0).max(1000),
  /** Periods in one training day, to convert course days into periods. */
  periodsPerDay: z.number().int().min(1).max(12),
  certainty: CertaintySchema,
});
export type TrainingMinAnnualPeriodsConfig = z.infer<typeof TrainingMinAnnualPeriodsConfigSchema>;

export const DEFAULT_TRAINING_MIN_ANNUAL_PERIODS_CONFIG: TrainingMinAnnualPeriodsConfig = {
  version: 'decree-101-2017-carried-over',
  effectiveFrom: '2025-07-01',
  sourceNote:
    'domain.md §5.2 and §12 item 11 [NC]: under Decree 101/2017 the minimum is believed to have been 1 week = 40 periods per year; whether Decree 171/2025 keeps a minimum is unknown. 8 periods per day (40 periods in a 5-day week) is the same assumption.',
  periodsPerYear: 40,
  periodsPerDay: 8,
  certainty: 'NC',
};
