import { z } from 'zod';
import { STAFF_ROLES } from '../../platform/auth/roles.ts';
import { LOCALES } from '../../platform/i18n/index.ts';

const emptyToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const UsersQuerySchema = z.object({
  after: z.string().max(64).optional().describe('Keyset cursor: the last username of the previous page'),
  done: z.enum(['created', 'disabled', 'enabled']).optional(),
});

export const UsersApiQuerySchema = z.object({
  after: z.string().max(64).optional().describe('Keyset cursor: `nextAfter` of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The HTML form: loose strings, so each refusal is shown translated inside the form. */
export const CreateUserFormSchema = z.strictObject({
  username: z.string().trim().max(64),
  displayName: z.string().trim().max(200),
  role: z.string().max(32),
  unitId: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().max(2_147_483_647).optional()),
  password: z.string().max(1024),
});
export type CreateUserForm = z.infer<typeof CreateUserFormSchema>;

export const CreateUserBodySchema = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/i)
    .describe('2–64 characters: letters a-z, digits, dot, underscore, hyphen; stored in lower case'),
  displayName: z.string().trim().min(1).max(200),
  role: z.enum(STAFF_ROLES as [string, ...string[]]),
  unitId: z.number().int().positive().nullable().optional().describe('The commune/ward; required for commune-level roles'),
  password: z.string().min(8).max(128).describe('Initial password (the policy also refuses common passwords)'),
  locale: z.enum(LOCALES).optional(),
});

export const UserIdParamsSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** An account as the administration sees it: never the password hash or the TOTP seed. */
export const UserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  mfaEnabled: z.boolean(),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserSchema>;

export const UserListResponseSchema = z.object({
  items: z.array(UserSchema),
  nextAfter: z.string().nullable().describe('Pass as `after` for the next page; null on the last page'),
});
