import { z } from 'zod';
import { blankToUndefined } from '../../platform/http/common.schemas.ts';
import { INDICATOR_CODES, RATING_BANDS, SCORECARD_GROUPS } from '../../platform/rules/defaults/scorecard-766.config.ts';
import { FORMULA_KEYS } from '../dossiers/lifecycle/scorecard-766.ts';
import { SuppliedEntrySchema } from './supplied/supplied.schemas.ts';

/** A province year can add up hundreds of unit-month entries; the card lists the first ones. */
export const MAX_ENTRIES_SHOWN = 100;

const opt = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());

/** `unit` is a unit code or 'province'; a period is from/to dates or period+year(+month|quarter). */
export const PeriodQuerySchema = z.object({
  unit: opt(z.string().regex(/^[A-Za-z0-9.]{1,40}$/)),
  from: opt(z.iso.date()),
  to: opt(z.iso.date()),
  period: opt(z.enum(['month', 'quarter', 'year'])),
  year: opt(z.coerce.number().int().min(2000).max(2100)),
  month: opt(z.coerce.number().int().min(1).max(12)),
  quarter: opt(z.coerce.number().int().min(1).max(4)),
});
export type PeriodQueryInput = z.infer<typeof PeriodQuerySchema>;

/** The scorecard page also says when the hand-entered counts were just saved (after the form's redirect). */
export const ScorecardPageQuerySchema = PeriodQuerySchema.extend({ saved: opt(z.literal('1')) });

export const WorkloadQuerySchema = PeriodQuerySchema.extend({
  groupBy: opt(z.enum(['field', 'procedure', 'month'])),
});

const ScopeSchema = z.object({
  unit: z.object({ code: z.string(), name: z.string() }).nullable(),
  from: z.iso.date(),
  to: z.iso.date(),
});

export const IndicatorSchema = z.object({
  code: z.enum(INDICATOR_CODES),
  numerator: z.number(),
  denominator: z.number(),
  rate: z.number().nullable(),
  threshold: z.number(),
  maxPoints: z.number(),
  points: z.number(),
  certainty: z.enum(['C', 'S', 'NC']),
  status: z.enum(['COMPUTED', 'NO_DATA', 'NOT_SUPPLIED']),
  explanation: z.object({
    formula: z.enum(FORMULA_KEYS).describe('Machine-readable formula key (message scorecard.formula.<key>)'),
    terms: z.record(z.string(), z.number()).describe('The named counts the formula uses'),
    text: z.string().describe('The formula with its values, in the caller’s language (cookie, account preference, else Vietnamese)'),
    termLabels: z.record(z.string(), z.string()).describe('The label of each term, in the caller’s language'),
  }),
  supplied: z
    .object({
      level: z.enum(['PROVINCE', 'UNIT']),
      entryCount: z.number().int(),
      entries: z.array(SuppliedEntrySchema).describe(`The hand-entered rows added up (at most ${MAX_ENTRIES_SHOWN})`),
    })
    .nullable()
    .describe('For 1.1–1.3, 3.5 and 5.2: the hand-entered counts behind the figure and who entered them; null otherwise'),
});

export const ScorecardResponseSchema = ScopeSchema.extend({
  configVersion: z.string(),
  rule: z.object({ effectiveFrom: z.string().nullable(), origin: z.enum(['default', 'national', 'province']), sourceNote: z.string() }),
  groups: z.array(
    z.object({ group: z.enum(SCORECARD_GROUPS), maxPoints: z.number(), points: z.number(), indicators: z.array(IndicatorSchema) }),
  ),
  total: z.number(),
  band: z.enum(RATING_BANDS),
  complete: z.boolean(),
  notSupplied: z.array(z.enum(INDICATOR_CODES)),
});
export type ScorecardResponse = z.infer<typeof ScorecardResponseSchema>;

const FiguresSchema = z.object({
  key: z.string(),
  label: z.string(),
  received: z.number().int(),
  finished: z.number().int(),
  finishedOnTime: z.number().int(),
  averageHandlingHours: z.number().nullable(),
  backlogAtEnd: z.number().int(),
});

export const WorkloadResponseSchema = ScopeSchema.extend({
  groupBy: z.enum(['field', 'procedure', 'month']),
  rows: z.array(FiguresSchema),
  total: FiguresSchema,
});
export type WorkloadResponse = z.infer<typeof WorkloadResponseSchema>;
