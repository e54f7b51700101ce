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

export const PositionDetailSchema = PositionSummarySchema.extend({
  version: VersionSchema,
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
