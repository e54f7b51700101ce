import { z } from 'zod';
import { blankToNull, blankToUndefined, PageQueryFields } from '../../platform/http/common.schemas.ts';

/** Kinds a list may be filtered by; the province itself is not a commune-level unit. */
export const LISTED_UNIT_KINDS = [
  'COMMUNE',
  'WARD',
  'SPECIAL_ZONE',
  'FORMER_COMMUNE',
  'FORMER_WARD',
  'FORMER_TOWNSHIP',
  'FORMER_DISTRICT',
] as const;
export const UNIT_STATUSES = ['current', 'former', 'all'] as const;

export const UnitListQuerySchema = z.object({
  kind: z.preprocess(blankToUndefined, z.enum(LISTED_UNIT_KINDS).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  status: z.preprocess(blankToUndefined, z.enum(UNIT_STATUSES).default('current')),
  ...PageQueryFields,
});
export type UnitListQuery = z.infer<typeof UnitListQuerySchema>;

const UnitRefSchema = z.object({ id: z.number().int(), code: z.string(), name: z.string(), kind: z.string() });

export const UnitSummarySchema = UnitRefSchema.extend({
  population: z.number().int().nullable(),
  areaKm2: z.number().nullable(),
  isMountainous: z.boolean(),
  validFrom: z.string().nullable().describe('YYYY-MM-DD'),
  validTo: z.string().nullable().describe('YYYY-MM-DD; set once the unit was merged away'),
  isCurrent: z.boolean(),
  predecessorCount: z.number().int(),
  staffCount: z.number().int(),
});
export type UnitSummary = z.infer<typeof UnitSummarySchema>;

export const UnitListResponseSchema = z.object({
  items: z.array(UnitSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type UnitListResponse = z.infer<typeof UnitListResponseSchema>;

export const OrgBodySchema = z.object({
  id: z.number().int(),
  kind: z.string().describe('OFFICE_HDND_UBND | ECONOMIC | ECON_INFRA_URBAN | CULTURE_SOCIETY | PASC | …'),
  name: z.string(),
  fields: z.array(z.string()).describe('Field codes such as JUSTICE_CIVIL_STATUS, LAND'),
  deputyQuota: z.number().int(),
});
export type OrgBody = z.infer<typeof OrgBodySchema>;

export const LineageLinkSchema = z.object({
  unit: UnitRefSchema,
  resolution: z.string(),
  effectiveDate: z.string().describe('YYYY-MM-DD'),
});
export type LineageLink = z.infer<typeof LineageLinkSchema>;

export const UnitDetailSchema = UnitSummarySchema.extend({
  parentId: z.number().int().nullable(),
  createdByResolution: z.string().nullable(),
  version: z.number().int().describe('Send it back on PATCH; a stale value answers 409 VERSION_CONFLICT'),
  bodies: z.array(OrgBodySchema),
  predecessors: z.array(LineageLinkSchema).describe('Units merged into this one'),
  successors: z.array(LineageLinkSchema).describe('For a former unit, the unit(s) it was merged into (more than one when it was split)'),
});
export type UnitDetail = z.infer<typeof UnitDetailSchema>;

export const LineageResponseSchema = z.object({
  unitId: z.number().int(),
  currentUnits: z.array(UnitRefSchema).describe('Where records of this unit belong today'),
  mergers: z.array(z.object({ predecessor: UnitRefSchema, successor: UnitRefSchema, resolution: z.string(), effectiveDate: z.string() })),
});
export type LineageResponse = z.infer<typeof LineageResponseSchema>;

const UnitEditFields = {
  name: z.string().trim().min(1).max(200),
  population: z.number().int().min(0).max(100_000_000).nullable(),
  areaKm2: z.number().min(0).max(1_000_000).nullable(),
  isMountainous: z.boolean(),
  createdByResolution: z.string().trim().max(200).nullable(),
};

export const UnitUpdateBodySchema = z.strictObject({
  version: z.number().int().min(1),
  name: UnitEditFields.name.optional(),
  population: UnitEditFields.population.optional(),
  areaKm2: UnitEditFields.areaKm2.optional(),
  isMountainous: UnitEditFields.isMountainous.optional(),
  createdByResolution: UnitEditFields.createdByResolution.optional(),
});
export type UnitUpdateInput = z.infer<typeof UnitUpdateBodySchema>;

/** The HTML edit form posts every field as text; an unticked checkbox is simply absent. */
export const UnitFormBodySchema = z
  .strictObject({
    version: z.coerce.number().int().min(1),
    name: UnitEditFields.name,
    population: z.preprocess(blankToNull, z.coerce.number().int().min(0).max(100_000_000).nullable()),
    areaKm2: z.preprocess(blankToNull, z.coerce.number().min(0).max(1_000_000).nullable()),
    isMountainous: z.enum(['on', 'true']).optional(),
    createdByResolution: z.preprocess(blankToNull, z.string().trim().max(200).nullable()),
  })
  .transform((f): UnitUpdateInput => ({ ...f, isMountainous: f.isMountainous !== undefined }));
