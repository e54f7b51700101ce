import { z } from 'zod';
import { blankToUndefined } from '../../platform/http/common.schemas.ts';
import { RATING_BANDS } from '../../platform/rules/defaults/scorecard-766.config.ts';

const opt = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());

export const OVERVIEW_SORTS = [
  'name',
  'score',
  'onTime',
  'online',
  'satisfaction',
  'backlog',
  'overdue',
  'norm',
  'wisn',
  'fit',
  'training',
] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];
export const OVERVIEW_KINDS = ['WARD', 'COMMUNE', 'SPECIAL_ZONE'] as const;
export const SIZE_BANDS = ['SMALL', 'MEDIUM', 'LARGE'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];
export const TRENDS = ['UP', 'DOWN', 'SAME', 'NONE'] as const;
export type Trend = (typeof TRENDS)[number];
export const ALERT_KINDS = ['DUE_SOON', 'ON_TIME_LOW', 'WISN_LOW', 'CAMPAIGN_LATE'] as const;

/** The period (a month by default, or a quarter), the unit filters, the sort and the page. */
export const OverviewQuerySchema = z.object({
  period: opt(z.enum(['month', 'quarter'])).describe('month (default) or quarter'),
  year: opt(z.coerce.number().int().min(2000).max(2100)),
  month: opt(z.coerce.number().int().min(1).max(12)),
  quarter: opt(z.coerce.number().int().min(1).max(4)),
  kind: opt(z.enum(OVERVIEW_KINDS)).describe('Only wards, communes or special zones'),
  mountainous: opt(z.enum(['yes', 'no'])),
  size: opt(z.enum(SIZE_BANDS)).describe('Population band (rule overview.alerts sizeBands)'),
  sort: opt(z.enum(OVERVIEW_SORTS)).describe('Column to sort by (default: score)'),
  dir: opt(z.enum(['asc', 'desc'])).describe('Sort direction (default: ascending, weakest first)'),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
  pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(500).default(20)),
});
export type OverviewQuery = z.infer<typeof OverviewQuerySchema>;

/** The overdue list of one unit (the drill-down from the overview's overdue count). */
export const OverdueQuerySchema = z.object({ unit: z.string().regex(/^[A-Za-z0-9.]{1,40}$/) });

const Rate = z.number().nullable().describe('0–1; null when there is nothing to measure');
const Link = z.string().describe('Page that explains the figure');

const GapSchema = z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string(), staffBelow: z.number().int() });

export const OverviewUnitSchema = z.object({
  unitId: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  population: z.number().int().nullable(),
  isMountainous: z.boolean(),
  size: z.enum(SIZE_BANDS).nullable(),
  score: z.number().describe('Decision 766 total (0–100), as /scorecard?unit= shows it'),
  band: z.enum(RATING_BANDS),
  complete: z.boolean().describe('false when some indicator is not supplied yet: the score is a lower bound'),
  scoreTrend: z.enum(TRENDS),
  previousScore: z.number().nullable(),
  onTimeShare: Rate.describe('Indicator 2.1'),
  onTimeTrend: z.enum(TRENDS),
  onlineShare: Rate.describe('Indicator 3.3'),
  satisfaction: Rate.describe('Indicator 5.4'),
  backlog: z.number().int().describe('Dossiers neither finished nor withdrawn at the period’s end'),
  overdue: z.number().int().describe('Open dossiers past their due date (pauses added) now'),
  headcount: z.number().int().nullable(),
  norm: z.number().int().nullable(),
  normDifference: z.number().int().nullable().describe('headcount − norm'),
  wisnRequired: z.number().nullable(),
  wisnActual: z.number().nullable(),
  wisnRatio: Rate.describe('Σ actual ÷ Σ required over the unit’s lines of the latest stored WISN run'),
  shortFields: z.array(z.object({ field: z.string(), difference: z.number(), ratio: z.number().nullable() })),
  fitPlaced: z.number().int(),
  fitShare: Rate.describe('Share of placed staff meeting their position’s requirements'),
  gaps: z.array(GapSchema).describe('Biggest competency gaps (at most 3)'),
  training: z
    .object({ planned: z.number().int(), completed: z.number().int(), share: z.number().nullable() })
    .nullable()
    .describe('Progress of the training plan this year; null: no plan yet'),
  links: z.object({ scorecard: Link, statistics: Link, overdue: Link, norm: Link, wisn: Link, fit: Link, training: Link }),
});
export type OverviewUnit = z.infer<typeof OverviewUnitSchema>;

export const AlertSchema = z.object({
  kind: z.enum(ALERT_KINDS),
  unit: z.object({ code: z.string(), name: z.string() }).nullable(),
  subject: z.string().describe('Dossier code, staff category or campaign name'),
  at: z.string().nullable().describe('Appointment or deadline'),
  value: z.number().nullable().describe('The share or ratio that crossed the threshold'),
  link: Link,
});
export type Alert = z.infer<typeof AlertSchema>;

export const FieldRowSchema = z.object({
  field: z.string(),
  department: z.string().nullable(),
  received: z.number().int(),
  finished: z.number().int(),
  finishedOnTime: z.number().int(),
  onTimeShare: Rate,
  backlog: z.number().int(),
  overdue: z.number().int(),
});
export const CategoryRowSchema = z.object({
  field: z.string(),
  wisnStatus: z.string().nullable(),
  wisnRequired: z.number().nullable(),
  wisnActual: z.number().nullable(),
  wisnRatio: Rate,
  fitPlaced: z.number().int(),
  fitShare: Rate,
  gaps: z.array(GapSchema),
  links: z.object({ wisn: Link.nullable(), fit: Link }),
});

export const OverviewResponseSchema = z.object({
  scope: z.enum(['province', 'unit']),
  from: z.iso.date(),
  to: z.iso.date().describe('Exclusive'),
  previous: z.object({ from: z.iso.date(), to: z.iso.date() }),
  asOf: z.string().describe('The instant the dossier deadlines were judged at'),
  rule: z.object({
    version: z.string(),
    effectiveFrom: z.string().nullable(),
    dueWithinWorkingDays: z.number(),
    onTimeShareBelow: z.number(),
    wisnRatioBelow: z.number(),
  }),
  wisnRunId: z.number().int().nullable(),
  trainingPlanId: z.number().int().nullable(),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  units: z.array(OverviewUnitSchema),
  fields: z.array(FieldRowSchema).describe('Commune view: dossiers by procedure field'),
  categories: z.array(CategoryRowSchema).describe('Commune view: staffing and fit by staff category'),
  alerts: z.array(AlertSchema).describe('At most 20 of each kind, most urgent first'),
  alertTotals: z.record(z.enum(ALERT_KINDS), z.number().int()).describe('How many alerts of each kind there are in all'),
  trend: z.array(z.object({ from: z.iso.date(), score: z.number(), onTimeShare: Rate })),
  bands: z.record(z.enum(RATING_BANDS), z.number().int()).describe('Units per Decision 766 band (filters applied)'),
  fieldGaps: z.array(z.object({ field: z.string(), gap: z.number() })).describe('Staff missing per category, latest WISN run'),
});
export type OverviewResponse = z.infer<typeof OverviewResponseSchema>;
