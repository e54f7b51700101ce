import { z } from 'zod';
import { blankToUndefined } from '../../../platform/http/common.schemas.ts';
import { FORECAST_METHODS } from './forecast.ts';

/** Schemas of the staffing projection 2026–2030 (issue 5 §4). */

/**
 * The levers come in as text (also from the page's GET form) and are checked by the use case,
 * so the messages follow the caller's language (see levers.ts).
 */
export const ProjectionQuerySchema = z.object({
  onlineShare: z
    .string()
    .max(20)
    .optional()
    .describe('Target share of ONLINE reception reached in 2030, in percent (0–100); blank = no lever'),
  population: z
    .string()
    .max(20)
    .optional()
    .describe('Population change in percent per year, compounding from the base year (−10 to 10); blank = 0'),
  moves: z
    .string()
    .max(2000)
    .optional()
    .describe(
      'Procedures moving level: entries CODE:factor separated by ";", spaces or new lines (e.g. "1.001:0; 2.000:1.5"); 0 = the procedure leaves the commune, 1.5 = half as much again; factor 0–10',
    ),
  unitId: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .positive()
      .max(2_147_483_647)
      .optional()
      .describe('One unit only (drill-down); unit roles see their own unit whatever'),
  ),
});
export type ProjectionQuery = z.infer<typeof ProjectionQuerySchema>;

export const ProjectionParamsSchema = z.object({ runId: z.coerce.number().int().positive().max(2_147_483_647) });

const TraceLineSchema = z.object({ step: z.string(), formula: z.string(), values: z.string() });

export const SourceProjectionSchema = z.object({
  activity: z.enum(['PROCESSING', 'RECEPTION']),
  procedureCode: z.string().nullable(),
  procedureName: z.string(),
  channel: z.enum(['COUNTER', 'ONLINE', 'POST']).nullable(),
  minutesPerDossier: z.number(),
  runDossiers: z.number().describe('The run’s annualised workload of this source (items/year), the flat fallback'),
  method: z.enum(FORECAST_METHODS).describe('SEASONAL_TREND (≥ 24 months), TREND (≥ 6 months) or FLAT'),
  months: z.number().int().describe('Months of history used'),
  origin: z.string().nullable().describe('First month of the history (t = 0), YYYY-MM'),
  intercept: z.number().nullable().describe('a: deseasonalised dossiers per month at t = 0'),
  slope: z.number().nullable().describe('b: change of the deseasonalised dossiers per month'),
  seasonalIndices: z.array(z.number()).nullable().describe('S for January … December (average 1)'),
  trace: z.array(TraceLineSchema),
  years: z.array(
    z.object({
      year: z.number().int(),
      forecast: z.number().describe('Forecast dossiers of the year (items/year), before levers'),
      projected: z.number().describe('After the levers (items/year)'),
    }),
  ),
});

export const CategoryProjectionSchema = z.object({
  field: z.string().describe('Staff category'),
  actualStaff: z.number(),
  runRequiredStaff: z.number().nullable().describe('Required staff of the run itself (null when refused)'),
  years: z.array(
    z.object({
      year: z.number().int(),
      workload: z.number().describe('Σ projected dossiers of the sources (items/year)'),
      requiredStaff: z.number().nullable().describe('computeWisn on the projected workload, unrounded; null when refused'),
      refusal: z.string().nullable(),
    }),
  ),
  leverTrace: z.array(TraceLineSchema).describe('The levers applied, per year, with values'),
  sources: z.array(SourceProjectionSchema),
});

export const UnitYearSchema = z.object({
  year: z.number().int(),
  requiredStaff: z.number().describe('Σ required staff of the unit’s categories (refused lines left out)'),
  refusedLines: z.number().int(),
  norm: z.number().int().nullable().describe('Staffing norm (unit total) with the population of that year; null when unknown'),
  population: z.number().int().nullable(),
  headcount: z.number().describe('Current headcount (ACTIVE staff of the unit)'),
  normDifference: z.number().nullable().describe('norm − Σ required (negative = the workload needs more than the norm)'),
  headcountDifference: z.number().describe('headcount − Σ required (negative = shortage)'),
});

export const UnitProjectionSchema = z.object({
  unitId: z.number().int(),
  unitCode: z.string(),
  unitName: z.string(),
  unitKind: z.string(),
  years: z.array(UnitYearSchema),
  categories: z.array(CategoryProjectionSchema),
});
export type UnitProjection = z.infer<typeof UnitProjectionSchema>;

export const ProjectionSchema = z.object({
  runId: z.number().int(),
  runYear: z.number().int(),
  baseYear: z.number().int().describe('The year from which the levers are phased in (the run’s year)'),
  years: z.array(z.number().int()),
  history: z.object({
    from: z.string().nullable().describe('First month of the history window, YYYY-MM (null when empty)'),
    to: z.string().nullable().describe('Last month (the last whole month of the run’s period), YYYY-MM'),
    months: z.number().int(),
  }),
  levers: z.object({
    onlineShare: z.number().nullable(),
    populationPercent: z.number(),
    moves: z.array(z.object({ procedureCode: z.string(), factor: z.number() })),
  }),
  rules: z.array(z.string()).describe('How the figures are made, in words'),
  province: z.object({
    years: z.array(
      z.object({
        year: z.number().int(),
        requiredStaff: z.number(),
        norm: z.number().int().describe('Σ norms of the units with a known norm'),
        headcount: z.number(),
      }),
    ),
  }),
  units: z.array(UnitProjectionSchema),
});
export type Projection = z.infer<typeof ProjectionSchema>;
