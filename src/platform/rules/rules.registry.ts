import { z } from 'zod';
import { DEFAULT_OVERVIEW_CONFIG, OverviewConfigSchema } from './defaults/overview.config.ts';
import { DEFAULT_POSITION_GRACE_CONFIG, PositionGraceConfigSchema } from './defaults/position-fit.config.ts';
import { DEFAULT_REPORT_SCHEDULE_CONFIG, ReportScheduleConfigSchema } from './defaults/reports.config.ts';
import { DEFAULT_DECREE_90_CONFIG, Decree90ConfigSchema } from './defaults/reviews-90.config.ts';
import { DEFAULT_DECREE_335_CONFIG, Decree335ConfigSchema } from './defaults/reviews-335.config.ts';
import { DEFAULT_EXCELLENT_QUOTA_CONFIG, ExcellentQuotaConfigSchema } from './defaults/reviews-quota.config.ts';
import { DEFAULT_REVIEW_REGIME_CONFIG, ReviewRegimeConfigSchema } from './defaults/reviews-regime.config.ts';
import {
  checkScorecardConfig,
  DEFAULT_SCORECARD_766_CONFIG,
  INDICATOR_CODES,
  RATING_BANDS,
  SCORECARD_GROUPS,
  type Scorecard766Config,
} from './defaults/scorecard-766.config.ts';
import { DEFAULT_SCREENING_178_CONFIG, Screening178ConfigSchema } from './defaults/screening-178.config.ts';
import { DEFAULT_STAFFING_NORM_CONFIG, StaffingNormConfigSchema } from './defaults/staffing-norm.config.ts';
import { DEFAULT_STAFFING_PLACEMENT_CONFIG, StaffingPlacementConfigSchema } from './defaults/staffing-placement.config.ts';
import {
  DEFAULT_STAFFING_LEAVE_POLICY,
  DEFAULT_STAFFING_WISN_STANDARDS,
  StaffingLeavePolicySchema,
  StaffingWisnStandardsSchema,
} from './defaults/staffing-wisn.config.ts';
import {
  DEFAULT_TRAINING_MANDATORY_COURSES_CONFIG,
  DEFAULT_TRAINING_MIN_ANNUAL_PERIODS_CONFIG,
  DEFAULT_TRAINING_POSTGRADUATE_CONFIG,
  TrainingMandatoryCoursesConfigSchema,
  TrainingMinAnnualPeriodsConfigSchema,
  TrainingPostgraduateConfigSchema,
} from './defaults/training.config.ts';
import { DEFAULT_TRAINING_NEED_WEIGHTS_CONFIG, TrainingNeedWeightsConfigSchema } from './defaults/training-needs.config.ts';

/**
 * Legal parameters that are not confirmed, or that change by decision, live here as typed
 * rules with an effective date (domain.md §12, house rule 13). The registry holds each
 * rule's schema and its default with the note of where the default comes from, so an
 * empty `rule_values` table still gives a complete, documented answer.
 */
type RuleDefinition<S extends z.ZodType> = {
  schema: S;
  default: z.infer<S>;
  /** Where the default comes from, and how sure we are (the [C]/[S]/[NC] tags of domain.md). */
  sourceNote: string;
};

function defineRule<S extends z.ZodType>(d: RuleDefinition<S>): RuleDefinition<S> {
  return d;
}

const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (24-hour)');

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Office periods of a working day in local time, in order and not overlapping. */
export const OfficeHoursSchema = z
  .array(z.strictObject({ start: TimeOfDaySchema, end: TimeOfDaySchema }))
  .min(1)
  .max(4)
  .refine(
    (periods) =>
      periods.every(
        (p, i) => minutesOf(p.start) < minutesOf(p.end) && (i === 0 || minutesOf(periods[i - 1]?.end ?? '00:00') <= minutesOf(p.start)),
      ),
    'periods must be in order, each starting before it ends, without overlap',
  );
export type OfficeHours = z.infer<typeof OfficeHoursSchema>;

/** A Decision 766 config version: same shape as the pure module's type, checked by its own rules. */
const Scorecard766ConfigSchema: z.ZodType<Scorecard766Config> = z
  .strictObject({
    version: z.string().min(1).max(60),
    effectiveFrom: z.iso.date(),
    sourceNote: z.string().min(1).max(2000),
    groups: z.array(
      z.strictObject({
        group: z.enum(SCORECARD_GROUPS),
        maxPoints: z.number().min(0).max(100),
        indicators: z.array(
          z.strictObject({
            code: z.enum(INDICATOR_CODES),
            maxPoints: z.number().min(0).max(100),
            threshold: z.number().gt(0).max(1),
            certainty: z.enum(['C', 'S', 'NC']),
          }),
        ),
      }),
    ),
    bands: z.array(z.strictObject({ band: z.enum(RATING_BANDS), minPoints: z.number().min(0).max(100) })).min(1),
    noDataPoints: z.enum(['full', 'zero']),
    overdueFromSupplementRequests: z.number().int().min(1).max(10),
  })
  .superRefine((c, ctx) => {
    for (const message of checkScorecardConfig(c)) ctx.addIssue({ code: 'custom', message });
  });

export const RULES = {
  'calendar.cutoffHour': defineRule({
    schema: z.number().int().min(0).max(24),
    default: 15,
    sourceNote:
      'domain.md §6.3 and §12 item 8 [NC]: dossiers received after 15:00 are passed on at the start of the next working day; no source is cited. 24 turns the cut-off off.',
  }),
  'calendar.officeHours': defineRule({
    schema: OfficeHoursSchema,
    default: [
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '17:00' },
    ],
    sourceNote:
      'Decision 188/1999/QĐ-TTg: 40-hour, 5-day week (domain.md §8 [C]). The daily hours themselves are set by each province; 07:30–11:30 and 13:00–17:00 is a placeholder [NC]. The last period’s end is the close of the working day (17:00, domain.md §8).',
  }),
  'calendar.saturdaysCount': defineRule({
    schema: z.boolean(),
    default: false,
    sourceNote:
      'domain.md §8 and §12 item 14 [NC]: whether a Saturday counts towards legal time limits is not confirmed; assume it does not (Decision 188/1999: Saturday and Sunday are off).',
  }),
  'calendar.deadlineEndOfDay': defineRule({
    schema: z.enum(['office_close', 'midnight']),
    default: 'office_close',
    sourceNote:
      'Civil Code 2015 Art. 148: a period in days ends at the end of its last day (domain.md §8 [C]); whether that means the close of office hours or midnight is not confirmed [NC]. Default: close of office hours.',
  }),
  'calendar.calendarDaysRollForward': defineRule({
    schema: z.boolean(),
    default: true,
    sourceNote:
      'Civil Code 2015 Art. 148(5): when the last day of a period is a weekly rest day or a public holiday, the period ends at the end of the next working day. Not recorded in domain.md §8: check against the official text.',
  }),
  'dossier.apologyLeadWorkingDays': defineRule({
    schema: z.number().int().min(0).max(30),
    default: 1,
    sourceNote:
      'Decree 61/2018 Art. 21 as summarised in domain.md §6.3 and §12 item 7 [NC]: the apology and new-appointment slip is sent at least 1 working day before the due date; no source is cited.',
  }),
  'dossier.nearDueWorkingDays': defineRule({
    schema: z.number().int().min(0).max(30),
    default: 1,
    sourceNote:
      'domain.md §6.4 and §11.2: open dossiers are "not yet due", "nearly late" or late; how near counts as nearly late is not defined [NC]. Default: at most 1 working day of office time left.',
  }),
  'dossier.codeFormat': defineRule({
    schema: z
      .string()
      .min(1)
      .max(80)
      .refine((f) => f.includes('{seq4}') && f.includes('{yymmdd}'), 'must contain {yymmdd} and {seq4}')
      .refine(
        (f) => /^(\{(agency|yymmdd|seq4)\}|[A-Za-z0-9.\-_/])+$/.test(f),
        'only {agency}, {yymmdd}, {seq4}, letters, digits and . - _ /',
      ),
    default: '{agency}-{yymmdd}-{seq4}',
    sourceNote:
      'Circular 01/2018/TT-VPCP Art. 19 (domain.md §6.5 [C]): agency identifier, reception date YYMMDD, 4-digit sequence within the day. Whether Circular 03/2025 keeps it is not confirmed [NC].',
  }),
  'dossier.agencyCodes': defineRule({
    schema: z.record(z.string().min(1).max(40), z.string().regex(/^[A-Za-z0-9.]{1,60}$/)),
    default: {},
    sourceNote:
      'Agency identifiers of Circular 10/2016/TT-BTTTT by administrative-unit code; how they were assigned to the post-2025 communes is not confirmed (domain.md §6.5 [NC]). A unit without an entry uses its administrative-unit code.',
  }),
  'satisfaction.criteria': defineRule({
    schema: z.strictObject({
      criteria: z
        .array(
          z.strictObject({
            code: z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/),
            nameVi: z.string().min(1).max(200),
            nameEn: z.string().min(1).max(200),
          }),
        )
        .min(1)
        .max(30)
        .refine((cs) => new Set(cs.map((c) => c.code)).size === cs.length, 'criterion codes must be unique'),
      levels: z
        .array(
          z.strictObject({
            code: z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/),
            nameVi: z.string().min(1).max(100),
            nameEn: z.string().min(1).max(100),
            /** Counts as "rated unsatisfied" for Decision 766 indicator 5.4. */
            unsatisfied: z.boolean(),
          }),
        )
        .min(2)
        .max(7)
        .refine((ls) => new Set(ls.map((l) => l.code)).size === ls.length, 'level codes must be unique'),
    }),
    default: {
      criteria: [
        { code: 'OVERALL', nameVi: 'Mức độ hài lòng chung', nameEn: 'Overall satisfaction' },
        { code: 'CONVENIENCE', nameVi: 'Sự thuận tiện', nameEn: 'Convenience' },
        { code: 'ON_TIME', nameVi: 'Giải quyết đúng hẹn', nameEn: 'Handled on time' },
        { code: 'STAFF_ATTITUDE', nameVi: 'Thái độ của công chức', nameEn: 'Staff attitude' },
        {
          code: 'TIME_VS_LAW',
          nameVi: 'Thời gian giải quyết so với quy định của pháp luật',
          nameEn: 'Handling time against the legal limit',
        },
        { code: 'TIME_VS_REGULATION', nameVi: 'Thời gian giải quyết so với quy định', nameEn: 'Handling time against the regulation' },
        { code: 'CONTACTS_NEEDED', nameVi: 'Số lần phải liên hệ', nameEn: 'Number of contacts needed' },
        { code: 'AGENCIES_CONTACTED', nameVi: 'Số cơ quan phải liên hệ', nameEn: 'Number of agencies contacted' },
        { code: 'ONE_STOP', nameVi: 'Tiếp nhận tại bộ phận một cửa', nameEn: 'One-stop reception' },
        { code: 'PUBLICITY', nameVi: 'Công khai thủ tục hành chính', nameEn: 'Publicity of procedures' },
        { code: 'FEEDBACK_RESPONSE', nameVi: 'Tiếp nhận, xử lý phản ánh, kiến nghị', nameEn: 'Response to feedback' },
        {
          code: 'ONLINE_SERVICE',
          nameVi: 'Tiến độ, chất lượng dịch vụ công trực tuyến',
          nameEn: 'Progress and quality of the online service',
        },
      ],
      levels: [
        { code: 'VERY_SATISFIED', nameVi: 'Rất hài lòng', nameEn: 'Very satisfied', unsatisfied: false },
        { code: 'SATISFIED', nameVi: 'Hài lòng', nameEn: 'Satisfied', unsatisfied: false },
        { code: 'UNSATISFIED', nameVi: 'Không hài lòng', nameEn: 'Not satisfied', unsatisfied: true },
      ],
    },
    sourceNote:
      "domain.md §6.7 [C]: the 12 criteria of Hue's public-service portal (dichvucong.thuathienhue.gov.vn, rating by dossier code) and the three-level scale of an older Hue survey (Very satisfied / Satisfied / Not satisfied). The wording of each criterion is a translation; check it against the portal.",
  }),
  'feedback.answerWorkingDays': defineRule({
    schema: z.number().int().min(1).max(90),
    default: 15,
    sourceNote:
      "domain.md §7.2 (satisfaction group, 5.x) [S]: the implementer's specification of the Decision 766 index says PAKN are answered within 15 working days (refused within 2, more information requested within 5); not confirmed against a legal text.",
  }),
  'feedback.refuseWorkingDays': defineRule({
    schema: z.number().int().min(1).max(30),
    default: 2,
    sourceNote:
      "domain.md §7.2 (satisfaction group, 5.x) [S]: the implementer's specification of the Decision 766 index says a PAKN that will not be handled is refused within 2 working days; not confirmed against a legal text.",
  }),
  'feedback.infoRequestWorkingDays': defineRule({
    schema: z.number().int().min(1).max(30),
    default: 5,
    sourceNote:
      "domain.md §7.2 (satisfaction group, 5.x) [S]: the implementer's specification of the Decision 766 index says more information is requested within 5 working days; not confirmed against a legal text.",
  }),
  'scorecard766.config': defineRule({
    schema: Scorecard766ConfigSchema,
    default: DEFAULT_SCORECARD_766_CONFIG,
    sourceNote: DEFAULT_SCORECARD_766_CONFIG.sourceNote,
  }),
  'review.regime': defineRule({
    schema: ReviewRegimeConfigSchema,
    default: DEFAULT_REVIEW_REGIME_CONFIG,
    sourceNote: DEFAULT_REVIEW_REGIME_CONFIG.sourceNote,
  }),
  'review.decree90': defineRule({
    schema: Decree90ConfigSchema,
    default: DEFAULT_DECREE_90_CONFIG,
    sourceNote: DEFAULT_DECREE_90_CONFIG.sourceNote,
  }),
  'review.decree335': defineRule({
    schema: Decree335ConfigSchema,
    default: DEFAULT_DECREE_335_CONFIG,
    sourceNote: DEFAULT_DECREE_335_CONFIG.sourceNote,
  }),
  'review.excellentQuota': defineRule({
    schema: ExcellentQuotaConfigSchema,
    default: DEFAULT_EXCELLENT_QUOTA_CONFIG,
    sourceNote: DEFAULT_EXCELLENT_QUOTA_CONFIG.sourceNote,
  }),
  'review.screening178': defineRule({
    schema: Screening178ConfigSchema,
    default: DEFAULT_SCREENING_178_CONFIG,
    sourceNote: DEFAULT_SCREENING_178_CONFIG.sourceNote,
  }),
  'review.positionGrace': defineRule({
    schema: PositionGraceConfigSchema,
    default: DEFAULT_POSITION_GRACE_CONFIG,
    sourceNote: DEFAULT_POSITION_GRACE_CONFIG.sourceNote,
  }),
  'staffing.norm': defineRule({
    schema: StaffingNormConfigSchema,
    default: DEFAULT_STAFFING_NORM_CONFIG,
    sourceNote: DEFAULT_STAFFING_NORM_CONFIG.sourceNote,
  }),
  'staffing.placement': defineRule({
    schema: StaffingPlacementConfigSchema,
    default: DEFAULT_STAFFING_PLACEMENT_CONFIG,
    sourceNote: DEFAULT_STAFFING_PLACEMENT_CONFIG.sourceNote,
  }),
  'staffing.leavePolicy': defineRule({
    schema: StaffingLeavePolicySchema,
    default: DEFAULT_STAFFING_LEAVE_POLICY,
    sourceNote: DEFAULT_STAFFING_LEAVE_POLICY.sourceNote,
  }),
  'staffing.wisnStandards': defineRule({
    schema: StaffingWisnStandardsSchema,
    default: DEFAULT_STAFFING_WISN_STANDARDS,
    sourceNote: DEFAULT_STAFFING_WISN_STANDARDS.sourceNote,
  }),
  'training.postgraduate': defineRule({
    schema: TrainingPostgraduateConfigSchema,
    default: DEFAULT_TRAINING_POSTGRADUATE_CONFIG,
    sourceNote: DEFAULT_TRAINING_POSTGRADUATE_CONFIG.sourceNote,
  }),
  'training.mandatoryCourses': defineRule({
    schema: TrainingMandatoryCoursesConfigSchema,
    default: DEFAULT_TRAINING_MANDATORY_COURSES_CONFIG,
    sourceNote: DEFAULT_TRAINING_MANDATORY_COURSES_CONFIG.sourceNote,
  }),
  'training.minAnnualPeriods': defineRule({
    schema: TrainingMinAnnualPeriodsConfigSchema,
    default: DEFAULT_TRAINING_MIN_ANNUAL_PERIODS_CONFIG,
    sourceNote: DEFAULT_TRAINING_MIN_ANNUAL_PERIODS_CONFIG.sourceNote,
  }),
  'training.needWeights': defineRule({
    schema: TrainingNeedWeightsConfigSchema,
    default: DEFAULT_TRAINING_NEED_WEIGHTS_CONFIG,
    sourceNote: DEFAULT_TRAINING_NEED_WEIGHTS_CONFIG.sourceNote,
  }),
  'overview.alerts': defineRule({
    schema: OverviewConfigSchema,
    default: DEFAULT_OVERVIEW_CONFIG,
    sourceNote: DEFAULT_OVERVIEW_CONFIG.sourceNote,
  }),
  'reports.schedule': defineRule({
    schema: ReportScheduleConfigSchema,
    default: DEFAULT_REPORT_SCHEDULE_CONFIG,
    sourceNote: DEFAULT_REPORT_SCHEDULE_CONFIG.sourceNote,
  }),
} as const;

export type RuleKey = keyof typeof RULES;
export type RuleValue<K extends RuleKey> = z.infer<(typeof RULES)[K]['schema']>;
export const RULE_KEYS = Object.keys(RULES) as RuleKey[];

export function isRuleKey(v: unknown): v is RuleKey {
  return typeof v === 'string' && Object.hasOwn(RULES, v);
}
