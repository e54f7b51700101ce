import { z } from 'zod';

const id = z.coerce.number().int().positive().max(2_147_483_647);

export const DossierIdParamsSchema = z.object({ id });
export const AttachmentParamsSchema = z.object({ id, attachmentId: id });
export const ApologySlipParamsSchema = z.object({ id, slipId: id });
export const AttachmentsPageQuerySchema = z.object({ uploaded: z.coerce.number().int().min(0).max(100).optional() });

export const AttachmentSchema = z.object({
  id: z.number().int(),
  fileName: z.string().describe('The client’s file name, cleaned; a label only, never a path on disk'),
  mediaType: z.enum(['application/pdf', 'image/jpeg', 'image/png']).or(z.string()),
  size: z.number().int().describe('Bytes'),
  sha256: z.string().describe('SHA-256 of the stored bytes, hex'),
  createdAt: z.string(),
  url: z.string().describe('Download URL (session-authenticated HTML route)'),
});
export type AttachmentDto = z.infer<typeof AttachmentSchema>;

export const AttachmentListSchema = z.object({ items: z.array(AttachmentSchema) });
