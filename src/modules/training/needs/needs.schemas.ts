import { z } from 'zod';
import { blankToUndefined, PageQueryFields } from '../../../platform/http/common.schemas.ts';
import { FACTOR_NAMES, FACTOR_SOURCES } from './needs.ts';

/** The weighting formula, as the OpenAPI descriptions and the page state it. */
export const NEEDS_FORMULA =
  'competency need = gap × criticality × workload pressure × unit priority; gap = required level − assessed level ' +
  '(never assessed: required − notAssessedLevel, flagged notAssessed); criticality = group weight (FIELD or GENERAL) × ' +
  'criticalMultiplier when the required level ≥ criticalFromLevel; workload pressure = min(maxFactor, 1 + slope × max(0, 1 − WISN ratio)) ' +
  'of the person’s unit and position field in the latest stored WISN run (neutral without a run, a field, a line or a ratio); ' +
  'unit priority = unitPriorities[unit code] or 1. Mandatory programme need (rule training.mandatoryCourses, by rank and position group) = ' +
  'mandatoryWeight × unit priority. All weights: rule training.needWeights in force today.';

const id = z.coerce.number().int().positive().max(2_147_483_647);
const code = z.string().trim().max(64);

export const NeedsFilterFields = {
  unitId: z.preprocess(blankToUndefined, id.optional()).describe('One unit (unit roles: only their own; default: their own)'),
  field: z.preprocess(blankToUndefined, code.optional()).describe('Position field (staff category), e.g. JUSTICE_CIVIL_STATUS'),
  competency: z.preprocess(blankToUndefined, code.optional()).describe('Keep only the needs of this competency code'),
  staffId: z.preprocess(blankToUndefined, id.optional()).describe('One official (the page then shows every need explained)'),
};

export const NeedsQuerySchema = z.object({ ...NeedsFilterFields, ...PageQueryFields });
export type NeedsQuery = z.infer<typeof NeedsQuerySchema>;
/** The page lists fewer people at a time than the API (its 50 KB budget); each opens its explanations. */
export const NeedsPageQuerySchema = NeedsQuerySchema.extend({
  pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).default(20)),
});
export const NeedsSummaryQuerySchema = z.object(NeedsFilterFields);
export type NeedsSummaryQuery = z.infer<typeof NeedsSummaryQuerySchema>;

const FactorSchema = z.object({
  factor: z.enum(FACTOR_NAMES),
  value: z.number(),
  source: z
    .enum(FACTOR_SOURCES)
    .describe(
      'GAP: ASSESSED | NOT_ASSESSED; CRITICALITY: RULE_GROUP | RULE_GROUP_CRITICAL | RULE_GROUP_UNKNOWN; PRESSURE: WISN_RUN | NO_RUN | NO_FIELD | NO_LINE | NO_RATIO; UNIT_PRIORITY: RULE_UNIT | DEFAULT; MANDATORY_WEIGHT: RULE_MANDATORY',
    ),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).describe('The figures behind the value'),
});

const CandidateCourseSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  raisesToLevel: z.number().int().describe('Level the course brings the competency to (0 for a mandatory programme)'),
});

export const NeedSchema = z.object({
  kind: z.enum(['COMPETENCY', 'MANDATORY']),
  competencyCode: z.string().nullable(),
  competencyNameVi: z.string().nullable(),
  competencyNameEn: z.string().nullable(),
  courseCode: z.string().nullable().describe('For a mandatory programme'),
  required: z.number().int().nullable(),
  assessed: z.number().int().nullable(),
  notAssessed: z.boolean().describe('The competency was never assessed: the gap is counted from the rule’s notAssessedLevel'),
  gap: z.number().nullable().describe('required − assessed; null when never assessed'),
  weight: z.number().describe('Product of the factors'),
  factors: z.array(FactorSchema),
  candidateCourses: z
    .array(CandidateCourseSchema)
    .describe('Active catalogue courses the person is eligible for that raise the competency to at least the required level'),
});
export type NeedView = z.infer<typeof NeedSchema>;

export const PersonNeedsSchema = z.object({
  staffId: z.number().int(),
  fullName: z.string(),
  rank: z.string(),
  unitId: z.number().int(),
  unitCode: z.string(),
  unitName: z.string(),
  positionId: z.number().int(),
  positionCode: z.string(),
  positionNameVi: z.string(),
  positionNameEn: z.string(),
  positionGroup: z.string(),
  field: z.string().nullable(),
  totalWeight: z.number(),
  needs: z.array(NeedSchema),
});
export type PersonNeedsView = z.infer<typeof PersonNeedsSchema>;

const RuleBasisSchema = z.object({
  key: z.string(),
  version: z.string(),
  effectiveFrom: z.string().nullable().describe('Null: the registry default'),
  origin: z.enum(['default', 'national', 'province']),
  sourceNote: z.string(),
});

export const NeedsBasisSchema = z.object({
  asOf: z.string().describe('Today in Vietnam: placements, rules and the catalogue in force'),
  unitId: z.number().int().nullable(),
  formula: z.string(),
  run: z
    .object({ id: z.number().int(), periodFrom: z.string(), periodTo: z.string(), createdAt: z.string() })
    .nullable()
    .describe('The stored WISN run the pressure comes from (the latest); null: no run, pressure neutral'),
  rules: z.array(RuleBasisSchema),
});
export type NeedsBasis = z.infer<typeof NeedsBasisSchema>;

export const NeedsListSchema = NeedsBasisSchema.extend({
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().describe('People matching the filters'),
  items: z.array(PersonNeedsSchema).describe('Most weighted need first'),
});
export type NeedsList = z.infer<typeof NeedsListSchema>;

const AggregateSchema = z.object({
  key: z.string(),
  label: z.string().describe('Unit name, field code, competency name (vi) or course name; the key when unknown'),
  people: z.number().int().describe('People with at least one need in the group'),
  needs: z.number().int(),
  notAssessed: z.number().int().describe('Needs resting on a competency never assessed'),
  totalWeight: z.number(),
});
export type AggregateView = z.infer<typeof AggregateSchema>;

export const NeedsSummarySchema = NeedsBasisSchema.extend({
  people: z.number().int().describe('People placed in a job position (after the filters)'),
  peopleWithNeeds: z.number().int(),
  needs: z.number().int(),
  totalWeight: z.number(),
  byUnit: z.array(AggregateSchema).describe('key: unit id'),
  byField: z.array(AggregateSchema).describe('key: position field; empty for positions without a field'),
  byCompetency: z.array(AggregateSchema).describe('key: competency code (competency needs only)'),
  byMandatoryCourse: z.array(AggregateSchema).describe('key: course code (mandatory programme needs only)'),
});
export type NeedsSummaryView = z.infer<typeof NeedsSummarySchema>;
