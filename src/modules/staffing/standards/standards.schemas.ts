import { z } from 'zod';

export const STANDARD_SOURCE_KINDS = ['TIME_STUDY', 'EXPERT_ESTIMATE', 'CADRE_PLACEHOLDER'] as const;
export type StandardSourceKind = (typeof STANDARD_SOURCE_KINDS)[number];

/** One procedure of the province's catalogue with the service standard in force today (null: none stored). */
export const ServiceStandardSchema = z.object({
  procedureCode: z.string().describe('National procedure code'),
  procedureName: z.string(),
  field: z.string().describe('Procedure field (PROCEDURE_FIELDS)'),
  standard: z
    .object({
      id: z.number().int(),
      minutesPerDossier: z.number().describe('Minutes of work per dossier (minutes/item)'),
      sourceKind: z.enum(STANDARD_SOURCE_KINDS),
      sourceNote: z.string(),
      effectiveFrom: z.string().describe('YYYY-MM-DD'),
      updatedAt: z.string(),
      updatedBy: z.number().int().nullable(),
      version: z.number().int().describe('Send it back with PUT (optimistic concurrency)'),
    })
    .nullable()
    .describe('The latest standard in force today; null: runs use the default of the rule staffing.wisnStandards (flagged)'),
  upcoming: z.number().int().describe('Standards stored with an effective date after today'),
});
export type ServiceStandard = z.infer<typeof ServiceStandardSchema>;

export const ServiceStandardListSchema = z.object({
  asOf: z.string().describe('Today in Vietnam (YYYY-MM-DD)'),
  defaultMinutesPerDossier: z.number().describe('What a run uses for a procedure without a standard'),
  items: z.array(ServiceStandardSchema),
});
export type ServiceStandardList = z.infer<typeof ServiceStandardListSchema>;

export const StandardParamsSchema = z.object({ procedureCode: z.string().trim().min(1).max(64) });

export const PutStandardBodySchema = z
  .strictObject({
    minutesPerDossier: z.coerce.number().positive().max(100_000).describe('Minutes of work per dossier'),
    sourceKind: z.enum(STANDARD_SOURCE_KINDS),
    sourceNote: z.string().trim().min(1).max(1000).describe('Where the figure comes from (study, estimate and who made it)'),
    effectiveFrom: z.iso.date().describe('From when the new standard applies (YYYY-MM-DD); the same date corrects that version in place'),
    version: z.coerce
      .number()
      .int()
      .min(0)
      .describe('The version last read (0 when the procedure has no standard yet); 409 VERSION_CONFLICT when another change came first'),
  })
  .describe('A new version of a procedure’s service standard');
export type PutStandardBody = z.infer<typeof PutStandardBodySchema>;
