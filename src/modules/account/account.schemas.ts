import { z } from 'zod';
import { ROLES } from '../../platform/auth/roles.ts';
import { LOCALES } from '../../platform/i18n/index.ts';

/**
 * Form bodies accept any string and leave the rules to the use case, so every refusal comes
 * back as a translated message inside the form rather than a bare validation page.
 */
export const ChangePasswordBodySchema = z.strictObject({
  current: z.string().max(1024),
  next: z.string().max(1024),
  confirm: z.string().max(1024),
});

export const TotpConfirmBodySchema = z.strictObject({ code: z.string().trim().max(12) });

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const CreateTokenFormSchema = z.strictObject({
  name: z.string().trim().max(100),
  expiresInDays: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(3650).optional()),
});

export const CreateTokenBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(100).describe('A name that reminds you where the token is used'),
  expiresInDays: z.number().int().min(1).max(3650).optional().describe('Days until the token stops working; omit for no expiry'),
});
export type CreateTokenBody = z.infer<typeof CreateTokenBodySchema>;

export const TokenIdParamsSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const LocaleBodySchema = z.strictObject({ locale: z.enum(LOCALES) });

export const AccountQuerySchema = z.object({ done: z.enum(['password', 'totp', 'revoked', 'locale']).optional() });

export const MeResponseSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  provinceCode: z.string(),
  unitId: z.number().int().nullable(),
  locale: z.string(),
  mfaEnabled: z.boolean(),
});

export const TokenStatusSchema = z.enum(['active', 'revoked', 'expired']);

/** A token as listed: never its hash, and the secret itself only once, at creation. */
export const TokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  status: TokenStatusSchema,
});
export type Token = z.infer<typeof TokenSchema>;

export const TokenListResponseSchema = z.object({ items: z.array(TokenSchema) });

export const CreatedTokenResponseSchema = TokenSchema.extend({
  token: z.string().describe('The secret token. Shown only in this response; store it now.'),
});
