import { z } from 'zod';
import { blankToUndefined } from '../../platform/http/common.schemas.ts';
import { NORMED_UNIT_KINDS, PARTIAL_BLOCK_RULES } from '../../platform/rules/defaults/staffing-norm.config.ts';
import { NORM_STATUSES, NORM_TRACE_STEPS, NORM_UNKNOWN_REASONS } from './norm.ts';

/** Schemas of the staffing norm against actual headcount (issue 5 §1). */

export const NORM_SORTS = ['name', 'difference', '-difference'] as const;
export type NormSort = (typeof NORM_SORTS)[number];

export const NormQuerySchema = z.object({
  onDate: z.preprocess(
    blankToUndefined,
    z.iso
      .date()
      .refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'between 2000-01-01 and 2100-12-31')
      .optional()
      .describe('The date whose rule version applies (YYYY-MM-DD); today in Vietnam by default'),
  ),
  unitId: z.preprocess(
    blankToUndefined,
    z.coerce.number().int().positive().max(2_147_483_647).optional().describe('One unit only; unit roles see their own unit whatever'),
  ),
  sort: z.preprocess(
    blankToUndefined,
    z
      .enum(NORM_SORTS)
      .default('name')
      .describe('name (Vietnamese order), difference (furthest below the norm first) or -difference (furthest above first)'),
  ),
});
export type NormQuery = z.infer<typeof NormQuerySchema>;

const Certainty = z.enum(['C', 'S', 'NC']);

export const NormRuleSchema = z.object({
  version: z.string(),
  effectiveFrom: z.string().describe('YYYY-MM-DD: the version’s effective date'),
  origin: z.enum(['default', 'national', 'province']),
  sourceNote: z.string(),
  base: z.number().int(),
  populationThreshold: z.number().int(),
  residentsPerExtraPost: z.number().int(),
  residentsPerExtraPostMountainous: z.number().int(),
  partialBlock: z.enum(PARTIAL_BLOCK_RULES),
  ceilings: z.object({ COMMUNE: z.number().int(), WARD: z.number().int(), SPECIAL_ZONE: z.number().int() }),
  excludes: z.string(),
  certainty: z.object({ figures: Certainty, partialBlock: Certainty }),
});
export type NormRuleView = z.infer<typeof NormRuleSchema>;

export const NormTraceStepSchema = z.object({
  step: z.enum(NORM_TRACE_STEPS),
  formula: z.string(),
  values: z.string(),
  result: z.number(),
});

export const NormLineSchema = z.object({
  unitId: z.number().int(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(NORMED_UNIT_KINDS),
  population: z.number().int().nullable(),
  isMountainous: z.boolean(),
  base: z.number().int().nullable(),
  extra: z.number().int().nullable().describe('Posts added by the population rule'),
  uncapped: z.number().int().nullable(),
  ceiling: z.number().int().nullable(),
  norm: z.number().int().nullable().describe('null when unknown (see unknownReason)'),
  capped: z.boolean().nullable(),
  unknownReason: z.enum(NORM_UNKNOWN_REASONS).nullable(),
  trace: z.array(NormTraceStepSchema).describe('Each step with its formula and the values put in; empty when unknown'),
  headcount: z.number().int().describe('Staff of the unit with employment status ACTIVE'),
  difference: z.number().int().nullable().describe('headcount − norm; negative = below the norm'),
  status: z.enum(NORM_STATUSES),
});
export type NormLine = z.infer<typeof NormLineSchema>;

export const NormReportSchema = z.object({
  onDate: z.string().describe('YYYY-MM-DD'),
  sort: z.enum(NORM_SORTS),
  rule: NormRuleSchema,
  headcountBasis: z.string().describe('What the headcount counts'),
  items: z.array(NormLineSchema),
  totals: z.object({
    units: z.number().int(),
    over: z.number().int(),
    under: z.number().int(),
    atNorm: z.number().int(),
    unknown: z.number().int(),
    norm: z.number().int().describe('Sum of the known norms'),
    headcount: z.number().int().describe('Sum of the headcounts of the units with a known norm'),
  }),
});
export type NormReport = z.infer<typeof NormReportSchema>;
