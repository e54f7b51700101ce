import { z } from 'zod';
import { blankToUndefined } from '../../platform/http/common.schemas.ts';
import { COMPETENCY_GROUPS, EDUCATION_LEVELS, POSITION_BODIES, POSITION_GROUPS, RANK_TIERS } from './framework.ts';

export { IdParamsSchema, ProblemSchema } from '../../platform/http/common.schemas.ts';

const IsoDate = z.iso.date();

export const VersionSchema = z.object({
  id: z.number().int(),
  versionNo: z.number().int(),
  label: z.string(),
  effectiveFrom: IsoDate,
  status: z.enum(['DRAFT', 'PUBLISHED']),
  sourceNote: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
});

export const VersionListResponseSchema = z.object({
  items: z.array(VersionSchema),
  inForceId: z.number().int().nullable().describe('The published version in force today (Vietnam time), if any'),
});

export const VersionCreateBodySchema = z.strictObject({
  label: z.string().trim().min(1).max(200),
  effectiveFrom: IsoDate,
  sourceNote: z.string().trim().min(1).max(2000),
});

export const LevelSchema = z.object({ level: z.number().int().min(1).max(5), vi: z.string(), en: z.string() });

export const CompetencySchema = z.object({
  id: z.number().int(),
  versionId: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  group: z.enum(COMPETENCY_GROUPS),
  field: z.string().nullable(),
  descriptionVi: z.string(),
  descriptionEn: z.string(),
  levels: z.array(LevelSchema),
  draftDescriptors: z.boolean().describe("True while the descriptors are Cadre's draft wording, not a legal text"),
});

export const VersionQueryFields = {
  versionId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().max(2_147_483_647).optional()),
  asOf: z.preprocess(blankToUndefined, IsoDate.optional()),
};

export const CompetencyListQuerySchema = z.object({
  ...VersionQueryFields,
  group: z.preprocess(blankToUndefined, z.enum(COMPETENCY_GROUPS).optional()),
  q: z.preprocess(blankToUndefined, z.string().max(100).optional()),
});
export type CompetencyListQuery = z.infer<typeof CompetencyListQuerySchema>;

export const CompetencyListResponseSchema = z.object({ version: VersionSchema, items: z.array(CompetencySchema) });
export type CompetencyListResponse = z.infer<typeof CompetencyListResponseSchema>;
export type CompetencyView = z.infer<typeof CompetencySchema>;
export type VersionView = z.infer<typeof VersionSchema>;

const RequirementSchema = z.object({ competencyCode: z.string(), level: z.number().int().min(1).max(5) });

/** The exchange format of a whole framework version (JSON export; what the import reads). */
export const FrameworkDocumentSchema = z.object({
  format: z.literal('cadre-framework/1').optional(),
  label: z.string(),
  effectiveFrom: IsoDate,
  sourceNote: z.string(),
  competencies: z.array(CompetencySchema.omit({ id: true, versionId: true })),
  positions: z.array(
    z.object({
      code: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      group: z.enum(POSITION_GROUPS),
      bodyKind: z.string().describe(`One of ${POSITION_BODIES.join(', ')}`),
      field: z.string().nullable(),
      jobDescriptionVi: z.string(),
      jobDescriptionEn: z.string(),
      requiredRank: z.string().describe(`Law 80/2025 rank tier: ${RANK_TIERS.join(', ')}`),
      educationLevel: z.string().describe(`One of ${EDUCATION_LEVELS.join(', ')}`),
      qualificationFields: z.array(z.string()),
      confirmed: z.boolean().describe('False where the source gives no details for the position'),
      sourceNote: z.string(),
      requirements: z.array(RequirementSchema),
    }),
  ),
});

export const FrameworkExportSchema = FrameworkDocumentSchema.extend({
  versionNo: z.number().int(),
  status: z.enum(['DRAFT', 'PUBLISHED']),
});
