import { z } from 'zod';

/**
 * Decision 766 facts recorded on a dossier (domain.md §7.2): an electronic result (3.3, 4.1,
 * 4.2), an online payment (3.6), reuse of digitised data (4.3), and the sync to DVCQG (1.4),
 * which only the province's integration reports. Every field is optional: send the facts
 * to record, with the `version` you read.
 */
export const FactsBodySchema = z.strictObject({
  electronicResult: z.literal(true).optional(),
  paidOnline: z.literal(true).optional(),
  reusedData: z.boolean().optional(),
  version: z.number().int().min(1),
});
export type FactsInput = z.infer<typeof FactsBodySchema>;

/** The same body from an HTML form: flat text fields. */
export const FactsFormSchema = z
  .strictObject({
    electronicResult: z.literal('true').optional(),
    paidOnline: z.literal('true').optional(),
    reusedData: z.enum(['true', 'false']).optional(),
    version: z.coerce.number().int().min(1),
  })
  .transform(
    (f): FactsInput => ({
      version: f.version,
      ...(f.electronicResult ? { electronicResult: true as const } : {}),
      ...(f.paidOnline ? { paidOnline: true as const } : {}),
      ...(f.reusedData ? { reusedData: f.reusedData === 'true' } : {}),
    }),
  );

const Instant = z.string().nullable();
export const FactsViewSchema = z.object({
  id: z.number(),
  version: z.number(),
  status: z.number(),
  feeBearing: z.boolean(),
  paperResult: z.boolean(),
  electronicResultAt: Instant,
  paidOnlineAt: Instant,
  reusedData: z.boolean(),
  /** At least one file is attached to the dossier (4.2). */
  filesDigitised: z.boolean(),
  nationalSyncAt: Instant,
  /** What the caller may record now. */
  allowed: z.object({ electronicResult: z.boolean(), paidOnline: z.boolean(), reusedData: z.boolean() }),
});
export type FactsView = z.infer<typeof FactsViewSchema>;

export const NationalSyncBodySchema = z.strictObject({
  codes: z.array(z.string().trim().min(1).max(80)).min(1).max(1000),
  syncedAt: z.iso.datetime({ offset: true }),
});
export type NationalSyncInput = z.infer<typeof NationalSyncBodySchema>;

export const NationalSyncResultSchema = z.object({
  /** Dossiers newly marked synced. */
  updated: z.number(),
  /** Dossiers of the province already marked synced by an earlier report: left as they were. */
  alreadySynced: z.number(),
  /** Codes matching no dossier of the caller's province. */
  unknown: z.number(),
  unknownCodes: z.array(z.string()),
});
export type NationalSyncResult = z.infer<typeof NationalSyncResultSchema>;
