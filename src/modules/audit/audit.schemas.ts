import { z } from 'zod';

const text = (max: number) => z.string().trim().max(max).optional();

/** The same filters for the page and the API; empty form fields mean "no filter". */
export const AuditQuerySchema = z.object({
  action: text(64).describe('Exact action, e.g. user.create'),
  entityType: text(64).describe('Exact entity type, e.g. user'),
  entityId: text(200),
  actor: text(64).describe('Username of the actor'),
  from: text(40).describe('First day (dd/mm/yyyy or yyyy-mm-dd, Vietnam time) or an ISO instant with zone'),
  to: text(40).describe('Last day, inclusive (dd/mm/yyyy or yyyy-mm-dd, Vietnam time) or an ISO instant with zone'),
  before: z.coerce.number().int().positive().optional().describe('Keyset cursor: `nextBefore` of the previous page'),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  provinceCode: z.string(),
  actorUserId: z.number().int().nullable(),
  actorUsername: z.string().nullable(),
  actorRole: z.string().nullable(),
  actorUnitId: z.number().int().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().describe('The entity before the change (JSON), or null'),
  after: z.unknown().describe('The entity after the change, or event details (JSON), or null'),
});
export type AuditEntryView = z.infer<typeof AuditEntrySchema>;

export const AuditListResponseSchema = z.object({
  items: z.array(AuditEntrySchema),
  nextBefore: z.number().int().nullable().describe('Pass as `before` for older entries; null when there are none'),
});
