import { z } from 'zod';

/**
 * Discipline pending on a staff record (issue 5 §5; domain.md §3.3, Decree 170/2025: no transfer
 * or secondment while a disciplinary matter is pending or a sanction is in force). The date lives
 * in staff.discipline_pending_until (migration 0021), which placement eligibility reads; the
 * reason and the document reference of each change are kept in its audit entry (no column holds them).
 */

const IsoDate = z.iso.date().describe('YYYY-MM-DD');

export const DisciplineBodySchema = z
  .strictObject({
    pendingUntil: IsoDate.nullable().describe('Last day the matter is pending or the sanction in force; null lifts it'),
    reason: z.string().trim().min(1).max(1000).describe('Why (required, also when lifting)'),
    documentRef: z
      .string()
      .trim()
      .max(200)
      .nullable()
      .optional()
      .describe('Number and reference of the decision or report (required when a date is given)'),
    version: z.number().int().min(1).describe('The staff record’s version as read (optimistic concurrency)'),
  })
  .describe('Record or lift a pending disciplinary matter');
export type DisciplineBody = z.infer<typeof DisciplineBodySchema>;

export const DisciplineSchema = z.object({
  staffId: z.number().int(),
  fullName: z.string(),
  pendingUntil: z.string().nullable().describe('YYYY-MM-DD; null = none recorded'),
  pendingNow: z.boolean().describe('pendingUntil is today or later (Vietnam time): placement leaves the person out'),
  reason: z.string().nullable().describe('Reason given with the latest change (from its audit entry)'),
  documentRef: z.string().nullable().describe('Document given with the latest change (from its audit entry)'),
  recordedAt: z.string().nullable().describe('When the latest change was made'),
  recordedBy: z.string().nullable().describe('Username of who made it'),
  version: z.number().int().describe('The staff record’s version (send it back to change)'),
});
export type Discipline = z.infer<typeof DisciplineSchema>;
