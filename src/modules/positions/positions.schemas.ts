import { z } from 'zod';
import { blankToUndefined } from '../../platform/http/common.schemas.ts';
import { VersionQueryFields, VersionSchema } from '../competencies/competencies.schemas.ts';
import { COMPETENCY_GROUPS, POSITION_BODIES, POSITION_GROUPS } from '../competencies/framework.ts';

export { IdParamsSchema, ProblemSchema } from '../../platform/http/common.schemas.ts';

export const PositionListQuerySchema = z.object({
  ...VersionQueryFields,
  group: z.preprocess(blankToUndefined, z.enum(POSITION_GROUPS).optional()),
  bodyKind: z.preprocess(blankToUndefined, z.enum(POSITION_BODIES).optional()),
  q: z.preprocess(blankToUndefined, z.string().max(100).optional()),
});
export type PositionListQuery = z.infer<typeof PositionListQuerySchema>;

export const PositionSummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  group: z.enum(POSITION_GROUPS),
  bodyKind: z.string(),
  field: z.string().nullable(),
  requiredRank: z.string().describe('Law 80/2025 rank tier'),
  confirmed: z.boolean().describe('False where the source gives no details for the position (Cadre placeholder)'),
});

export const PositionListResponseSchema = z.object({ version: VersionSchema, items: z.array(PositionSummarySchema) });
export type PositionListResponse = z.infer<typeof PositionListResponseSchema>;

export const VacancyLineSchema = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  positionCode: z.string(),
  positionName: z.string().nullable(),
  posts: z.number().int(),
  holders: z.number().int(),
  vacant: z.number().int(),
  over: z.number().int(),
  status: z.enum(['VACANT', 'FILLED', 'OVER_FILLED', 'NOT_PLANNED']),
  updatedAt: z.string().nullable().describe('When the posts were last set (pass it back as expectedUpdatedAt); null when not set'),
});
export type VacancyLineView = z.infer<typeof VacancyLineSchema>;

export const TotalsSchema = z.object({
  posts: z.number().int(),
  holders: z.number().int(),
  vacant: z.number().int(),
  over: z.number().int(),
});

export const RequirementViewSchema = z.object({
  competencyCode: z.string(),
  competencyId: z.number().int().nullable(),
  nameVi: z.string().nullable(),
  nameEn: z.string().nullable(),
  group: z.enum(COMPETENCY_GROUPS).nullable(),
  level: z.number().int().min(1).max(5),
});

/** Not `version`: that name already holds the framework version the position belongs to. */
const FrameworkRevisionSchema = z
  .number()
  .int()
  .min(1)
  .max(2_147_483_647)
  .describe('Moves on with every write of this position’s competency framework; send it back when setting the framework');

export const PositionDetailSchema = PositionSummarySchema.extend({
  version: VersionSchema,
  frameworkRevision: FrameworkRevisionSchema,
  jobDescriptionVi: z.string(),
  jobDescriptionEn: z.string(),
  educationLevel: z.string(),
  qualificationFields: z.array(z.string()),
  sourceNote: z.string(),
  requirements: z.array(RequirementViewSchema),
  posts: z.array(VacancyLineSchema).describe('Posts and holders per unit today; unit roles see their own unit only'),
  totals: TotalsSchema,
});
export type PositionDetail = z.infer<typeof PositionDetailSchema>;

export const FrameworkBodySchema = z.strictObject({
  frameworkRevision: FrameworkRevisionSchema.describe(
    'Required: the `frameworkRevision` you read (GET /api/v1/positions/:id). If another write of the framework came first, 409 VERSION_CONFLICT and nothing changes.',
  ),
  requirements: z.array(z.strictObject({ competencyCode: z.string().min(1).max(32), level: z.number().int().min(1).max(5) })).max(200),
});

export const UnitParamsSchema = z.object({ unitId: z.coerce.number().int().positive().max(2_147_483_647) });
export const AsOfQuerySchema = z.object({ asOf: VersionQueryFields.asOf });

export const UnitVacanciesSchema = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  asOf: z.string(),
  lines: z.array(VacancyLineSchema),
  totals: TotalsSchema,
});
export type UnitVacancies = z.infer<typeof UnitVacanciesSchema>;

const PositionCodeSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9._-]+$/)
  .describe('Position code of the catalogue version in force, e.g. CM.05');
const PostsCountSchema = z.number().int().min(0).max(999).describe('Approved posts, 0–999');
const ExpectedUpdatedAtSchema = z.iso
  .datetime({ offset: true })
  .optional()
  .describe('The updatedAt you last read: a different current value answers 409 VERSION_CONFLICT and changes nothing');

export const UnitPostParamsSchema = UnitParamsSchema.extend({ positionCode: PositionCodeSchema });

export const SetPostsBodySchema = z.strictObject({ posts: PostsCountSchema, expectedUpdatedAt: ExpectedUpdatedAtSchema });
export type SetPostsBody = z.infer<typeof SetPostsBodySchema>;

export const ClearPostsQuerySchema = z.object({ expectedUpdatedAt: ExpectedUpdatedAtSchema });

export const BulkPostsBodySchema = z.strictObject({
  items: z
    .array(z.strictObject({ positionCode: PositionCodeSchema, posts: PostsCountSchema }))
    .min(1)
    .max(200)
    .describe('Posts to set; positions not listed keep theirs'),
});
export type BulkPostsBody = z.infer<typeof BulkPostsBodySchema>;

/** The posts form of the unit page (strings as a browser sends them; checked in the route). */
export const PostsFormSchema = z.strictObject({
  positionCode: z.string().max(64).default(''),
  posts: z.string().max(16).default(''),
  expectedUpdatedAt: z.string().max(40).optional(),
  action: z.enum(['save', 'clear']).default('save'),
});
export type PostsForm = z.infer<typeof PostsFormSchema>;

export const UnitPageQuerySchema = AsOfQuerySchema.extend({
  saved: z.string().max(32).optional(),
  cleared: z.string().max(32).optional(),
});
