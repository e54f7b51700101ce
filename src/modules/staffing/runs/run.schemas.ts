import { z } from 'zod';
import { WisnInputSchema, WisnResultSchema } from '../staffing.schemas.ts';

/**
 * A stored province WISN run (issue 5 §2–3; domain.md §10.3: "store with every run its inputs,
 * units, formula version and calendar year, so every figure can be explained").
 * One line per current unit × staff category (the field of a professional job position).
 * The line keeps the exact WisnInput given to computeWisn and its full WisnResult (unrounded),
 * plus where each input came from, so the drill-down page can show inputs, formula and sources.
 */

/** Colour band of a line; thresholds come from the rule `staffing.wisnStandards` (bands). */
export const WISN_STATUSES = ['SHORTAGE', 'BALANCED', 'SURPLUS', 'NO_WORKLOAD', 'REFUSED'] as const;
export type WisnStatus = (typeof WISN_STATUSES)[number];

export const WorkloadSourceSchema = z.object({
  activity: z.enum(['PROCESSING', 'RECEPTION']).describe('PROCESSING at the competent unit, RECEPTION at the receiving unit'),
  procedureCode: z.string().nullable().describe('National procedure code (null for the reception activity)'),
  procedureName: z.string(),
  channel: z
    .enum(['COUNTER', 'ONLINE', 'POST'])
    .nullable()
    .describe('For RECEPTION: one source per reception channel (minutes differ by channel); null for PROCESSING'),
  dossiers: z.number().describe('Dossiers counted in the period (items/year)'),
  minutesPerDossier: z.number().describe('Service standard used (minutes/item)'),
  standardSource: z.string().describe('Where the standard comes from (time study, expert estimate, Cadre placeholder …)'),
});

export const ExpertiseSchema = z.object({
  placed: z.number().int().describe('Staff placed in a position of this field'),
  notMeeting: z.number().int().describe('Of them, not meeting (or not shown to meet) the position’s competency requirements'),
  gapCompetencies: z
    .array(z.object({ code: z.string(), name: z.string(), staffBelow: z.number().int() }))
    .describe('Competencies assessed below the required level, most frequent first'),
});

/**
 * A line stored under an older WISN formula version: its figures cannot be recomputed by this
 * build (the arithmetic changed), so the stored headline figures are shown as they were, flagged.
 */
export const TraceUnavailableSchema = z.object({
  formulaVersion: z.string().describe('Formula version the line was computed with'),
  requiredStaff: z.number().describe('Required staff as computed then (unrounded)'),
  difference: z.number().describe('Actual − required as computed then'),
  ratio: z.number().nullable().describe('Actual / required as computed then; null when nothing was required'),
});
export type TraceUnavailable = z.infer<typeof TraceUnavailableSchema>;

export const RunLineSchema = z.object({
  unitId: z.number().int(),
  unitCode: z.string(),
  unitName: z.string(),
  unitKind: z.string(),
  field: z.string().describe('Staff category: the field of a professional job position (e.g. JUSTICE_CIVIL_STATUS)'),
  status: z.enum(WISN_STATUSES),
  input: WisnInputSchema.describe('Exactly what was given to the WISN formulas'),
  result: WisnResultSchema.nullable().describe('Every intermediate figure, unrounded (null when refused)'),
  refusal: z.string().nullable().describe('Why the formulas refused the input (e.g. TotalCAS% ≥ 100)'),
  workloadSources: z.array(WorkloadSourceSchema),
  expertise: ExpertiseSchema,
  traceUnavailable: TraceUnavailableSchema.optional().describe(
    'Present only for a line computed with another formula version than this build: its stored headline figures; result is then null (no intermediate figures, no trace)',
  ),
});
export type RunLine = z.infer<typeof RunLineSchema>;

/** Notes are stored as codes with figures so every reader gets them in their own language. */
export const RUN_NOTE_CODES = [
  'PERIOD_AS_YEAR',
  'PERIOD_ANNUALISED',
  'CATEGORIES_LEFT_OUT',
  'NO_CATEGORY',
  'OUTSIDE_UNITS',
  'DEFAULT_MINUTES',
  'NO_HOLIDAYS',
  'PLACEHOLDERS_STORED',
] as const;
export type RunNoteCode = (typeof RUN_NOTE_CODES)[number];
export const RunNoteSchema = z.object({
  code: z.enum(RUN_NOTE_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])).describe('Figures of the note (dates as YYYY-MM-DD)'),
});
export type RunNote = z.infer<typeof RunNoteSchema>;

export const RuleUsedSchema = z.object({
  key: z.string(),
  version: z.string(),
  effectiveFrom: z.string().nullable(),
  sourceNote: z.string(),
});

export const StaffingRunSchema = z.object({
  id: z.number().int(),
  provinceCode: z.string(),
  year: z.number().int().describe('Calendar year of the working-time inputs'),
  periodFrom: z.string().describe('First day (inclusive) of the dossier period, YYYY-MM-DD'),
  periodTo: z.string().describe('Last day (inclusive) of the dossier period, YYYY-MM-DD'),
  formulaVersion: z.string(),
  createdAt: z.string(),
  createdBy: z.number().int().nullable(),
  note: z.string().nullable(),
  notes: z
    .array(RunNoteSchema)
    .optional()
    .describe(
      'What the run left out or assumed (fields without service activities, annualisation, missing calendar …), as codes with their figures',
    ),
  rulesUsed: z.array(RuleUsedSchema),
  calendar: z.object({
    possibleWorkingDays: z.number(),
    publicHolidayDays: z.number(),
    holidays: z.array(z.object({ date: z.string(), name: z.string() })),
  }),
  lines: z.array(RunLineSchema),
  totals: z.object({
    units: z.number().int(),
    lines: z.number().int(),
    shortage: z.number().int(),
    balanced: z.number().int(),
    surplus: z.number().int(),
    requiredStaff: z.number(),
    actualStaff: z.number(),
  }),
});
export type StaffingRun = z.infer<typeof StaffingRunSchema>;

/** List entry (without lines). */
export const RunSummarySchema = StaffingRunSchema.omit({ lines: true, calendar: true });
export type RunSummary = z.infer<typeof RunSummarySchema>;

const DateString = z.iso.date().describe('YYYY-MM-DD');

/**
 * Body of POST /api/v1/staffing/runs. Every field is optional: the year defaults to the year of
 * today in Vietnam, the period to the 12 months before today (shortened to start at the first
 * dossier in the store). Added by the runs helper (additive to the lead's contract).
 */
export const CreateRunBodySchema = z
  .strictObject({
    year: z.number().int().min(2000).max(2100).optional().describe('Calendar year of the working-time inputs (A, B); default: this year'),
    periodFrom: DateString.optional().describe('First day (inclusive) of the dossier period; default: 12 months before today'),
    periodTo: DateString.optional().describe('Last day (inclusive) of the dossier period; default: yesterday'),
    note: z.string().trim().max(1000).optional().describe('Free note kept with the run'),
  })
  .describe('Parameters of a new province WISN run');
export type CreateRunBody = z.infer<typeof CreateRunBodySchema>;

/** Filter of a run's lines (query string of GET /api/v1/staffing/runs/:id). Blank values mean "all". */
export const RunLineFilterSchema = z.object({
  unitId: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().int().positive().max(2_147_483_647).optional(),
  ),
  field: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(64).optional()),
  status: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.enum(WISN_STATUSES).optional()),
});
export type RunLineFilter = z.infer<typeof RunLineFilterSchema>;
