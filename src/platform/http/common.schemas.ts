import { z } from 'zod';

/** Schemas every module's API shares. */

/** An empty form control ("all kinds", an empty search box) means "no filter". */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** An emptied form field clears the value. */
export const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

export const IdParamsSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const PageQueryFields = {
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
  pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).default(50)),
};

/** RFC 9457 problem details, as src/platform/http/error-handler.tsx writes them. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    correlationId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details');

/** The error responses most authenticated endpoints can give. */
export const COMMON_PROBLEMS = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema } as const;
