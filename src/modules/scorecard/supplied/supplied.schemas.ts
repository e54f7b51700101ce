import { z } from 'zod';
import { PERIOD_KINDS, SUPPLIED_CODES } from './supplied-counts.ts';

export const SuppliedParamsSchema = z.object({
  unit: z
    .string()
    .regex(/^[A-Za-z0-9.]{1,40}$/)
    .describe('A unit code, or `province` for the province’s own figures'),
  period: z
    .string()
    .regex(/^\d{4}(-\d{2}|-Q[1-4])?$/)
    .describe('`YYYY-MM` (a month), `YYYY-Qn` (a quarter) or `YYYY` (a year)'),
});

const MAX_COUNT = 10_000_000;

const IndicatorSchema = z
  .enum(SUPPLIED_CODES as [string, ...string[]])
  .describe('Indicator code (1.1, 1.2, 1.3 on the province; 3.5, 5.2 on a unit)');
const VersionSchema = z.coerce
  .number()
  .int()
  .min(0)
  .describe('The version last read (0 when nothing is stored yet); 409 VERSION_CONFLICT when another change came first');

/**
 * One indicator's counts, or `clear: true` to remove what was entered (a wrong period, a wrong
 * unit: the indicator is "not supplied" again). One object rather than a union so a refusal
 * names the exact field (a union reports only that no branch matched).
 */
export const SuppliedItemSchema = z
  .strictObject({
    indicator: IndicatorSchema,
    numerator: z.coerce.number().int().min(0).max(MAX_COUNT).optional().describe('Required unless `clear`'),
    denominator: z.coerce.number().int().min(0).max(MAX_COUNT).optional().describe('Required unless `clear`'),
    sourceNote: z
      .string()
      .trim()
      .min(1)
      .max(1000)
      .optional()
      .describe('Where the counts come from (report, document number, system); required unless `clear`'),
    clear: z.literal(true).optional().describe('Remove the stored counts of this indicator (send no counts with it)'),
    version: VersionSchema,
  })
  .superRefine((i, ctx) => {
    if (i.clear) {
      for (const f of ['numerator', 'denominator', 'sourceNote'] as const)
        if (i[f] !== undefined) ctx.addIssue({ code: 'custom', path: [f], message: 'not with clear' });
      return;
    }
    for (const f of ['numerator', 'denominator', 'sourceNote'] as const)
      if (i[f] === undefined) ctx.addIssue({ code: 'custom', path: [f], message: 'required' });
    if (i.numerator !== undefined && i.denominator !== undefined && i.numerator > i.denominator)
      ctx.addIssue({ code: 'custom', path: ['numerator'], message: 'numerator ≤ denominator' });
  });
export type SuppliedItem = z.infer<typeof SuppliedItemSchema>;

export const PutSuppliedBodySchema = z
  .strictObject({ items: z.array(SuppliedItemSchema).min(1).max(SUPPLIED_CODES.length) })
  .refine((b) => new Set(b.items.map((i) => i.indicator)).size === b.items.length, { path: ['items'], message: 'an indicator twice' })
  .describe('Counts of some indicators of one scope and period (or `clear: true` to remove them); all are saved or none');
export type PutSuppliedBody = z.infer<typeof PutSuppliedBodySchema>;

const UnitRefSchema = z.object({ code: z.string(), name: z.string() }).nullable();

export const SuppliedEntrySchema = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  sourceNote: z.string(),
  unit: UnitRefSchema.describe('The unit the counts are of; null: the province'),
  period: z.string().describe('The stored period (YYYY-MM, YYYY-Qn or YYYY)'),
  enteredBy: z.object({ id: z.number().int().nullable(), name: z.string().nullable() }),
  enteredAt: z.string(),
  version: z.number().int(),
});
export type SuppliedEntryView = z.infer<typeof SuppliedEntrySchema>;

export const SuppliedListSchema = z.object({
  unit: UnitRefSchema,
  period: z.object({
    token: z.string(),
    kind: z.enum(PERIOD_KINDS),
    year: z.number().int(),
    number: z.number().int(),
    from: z.string(),
    to: z.string(),
  }),
  items: z.array(
    z.object({
      indicator: z.enum(SUPPLIED_CODES as [string, ...string[]]),
      level: z.enum(['PROVINCE', 'UNIT']),
      editable: z.boolean().describe('Entered at this scope (and by this caller); else shown for reference'),
      entry: SuppliedEntrySchema.nullable(),
    }),
  ),
});
export type SuppliedList = z.infer<typeof SuppliedListSchema>;
