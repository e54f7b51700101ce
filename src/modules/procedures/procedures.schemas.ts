import { z } from 'zod';

/**
 * Field (lĩnh vực) codes of the commune-level catalogue. Codes, not labels: the labels
 * live in the i18n catalogue (`procedureField.*`), so a renamed sector is a text change.
 */
export const PROCEDURE_FIELDS = [
  'CIVIL_STATUS',
  'CERTIFICATION',
  'JUSTICE',
  'LAND',
  'CONSTRUCTION',
  'HOUSEHOLD_BUSINESS',
  'SOCIAL_PROTECTION',
  'EDUCATION',
  'CULTURE',
  'HEALTH',
  'LABOUR',
  'ENVIRONMENT',
  'AGRICULTURE',
  'HOME_AFFAIRS',
  'RESIDENCE',
] as const;
export type ProcedureField = (typeof PROCEDURE_FIELDS)[number];

/** Who decides (domain.md §11.1); reception is boundary-free, so the PASC also takes PROVINCE and vertical-agency dossiers. */
export const COMPETENT_LEVELS = ['PROVINCE', 'COMMUNE', 'VERTICAL_AGENCY'] as const;
export type CompetentLevel = (typeof COMPETENT_LEVELS)[number];

/** IMMEDIATE: returned the same working day ("ngay trong ngày"); its amount is 0. */
export const TIME_LIMIT_UNITS = ['WORKING_DAYS', 'WORKING_HOURS', 'CALENDAR_DAYS', 'IMMEDIATE'] as const;
export type TimeLimitUnit = (typeof TIME_LIMIT_UNITS)[number];

/** Decree 42/2022: fully online (toàn trình), partly online (một phần), or not online. */
export const ONLINE_LEVELS = ['FULL', 'PARTIAL', 'NONE'] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];

export const WORKFLOW_STEP_CODES = [
  'RECEIVE',
  'SPECIALIST',
  'VERIFICATION',
  'PUBLIC_NOTICE',
  'LEADER_APPROVAL',
  'INTER_AGENCY',
  'RETURN',
] as const;
export type WorkflowStepCode = (typeof WORKFLOW_STEP_CODES)[number];

/** Certainty of a row's code, time limit and fee, in domain.md's terms: confirmed, secondary, not confirmed. */
export const SOURCE_TAGS = ['C', 'S', 'NC'] as const;
export type SourceTag = (typeof SOURCE_TAGS)[number];

export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const IsoDateSchema = z.iso.date().describe('YYYY-MM-DD');

export const RequiredDocumentSchema = z.strictObject({
  nameVi: z.string().trim().min(1).max(500),
  nameEn: z.string().trim().max(500).default(''),
  copies: z.number().int().describe('Number of copies, at least 1'),
  originalRequired: z.boolean().describe('The original must be shown or handed in'),
});
export type RequiredDocument = z.infer<typeof RequiredDocumentSchema>;

export const WorkflowStepSchema = z.strictObject({
  code: z.enum(WORKFLOW_STEP_CODES),
  name: z.string().trim().min(1).max(200),
  roles: z.array(z.string().max(32)).max(10).describe('Staff roles allowed to act at this step; at least one'),
  workingDays: z.number().optional().describe('Share of the time limit planned for this step, in working days'),
});
export type WorkflowStep = z.infer<typeof WorkflowStepSchema>;

/** The fields every version carries; business rules beyond types are in procedure-rules.ts. */
const RuleFields = {
  nameVi: z.string().trim().min(1).max(500),
  nameEn: z.string().trim().min(1).max(500),
  field: z.enum(PROCEDURE_FIELDS),
  competentLevel: z.enum(COMPETENT_LEVELS),
  timeLimitAmount: z.number().int().max(1000).describe('0 for IMMEDIATE, otherwise at least 1'),
  timeLimitUnit: z.enum(TIME_LIMIT_UNITS),
  timeLimitNote: z.string().trim().max(500).nullable().optional(),
  fee: z.number().int().max(1_000_000_000).describe('Fee or charge in VND; 0 when free'),
  feeNote: z.string().trim().max(500).nullable().optional(),
  onlineLevel: z.enum(ONLINE_LEVELS),
  paperResult: z.boolean(),
  essentialService: z.boolean().describe('One of the essential services for which paper dossiers are refused (Directive 24/CT-TTg)'),
  requiredDocuments: z.array(RequiredDocumentSchema).max(40),
  workflow: z.array(WorkflowStepSchema).max(20),
  sourceTag: z.enum(SOURCE_TAGS).nullable().optional(),
  sourceNote: z.string().trim().max(1000).nullable().optional(),
};

export const ProcedureCreateBodySchema = z.strictObject({
  nationalCode: z.string().trim().min(1).max(40).describe('National TTHC code, e.g. 1.001193'),
  ...RuleFields,
  effectiveFrom: IsoDateSchema.optional().describe('First day in force; today (Vietnam) when omitted'),
});
export type ProcedureCreateInput = z.infer<typeof ProcedureCreateBodySchema>;

export const ProcedureVersionBodySchema = z.strictObject({
  version: z.number().int().min(1).describe('The version you read; a stale value answers 409 VERSION_CONFLICT'),
  effectiveFrom: IsoDateSchema.describe('First day of the new rules; the previous version ends the day before'),
  ...RuleFields,
});
export type ProcedureVersionInput = z.infer<typeof ProcedureVersionBodySchema>;

/** What both writes share: the rules of one version. */
export type ProcedureRulesInput = Omit<ProcedureVersionInput, 'version' | 'effectiveFrom'>;

export const IdParamsSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const ProcedureListQuerySchema = z.object({
  field: z.preprocess(blankToUndefined, z.enum(PROCEDURE_FIELDS).optional()),
  onlineLevel: z.preprocess(blankToUndefined, z.enum(ONLINE_LEVELS).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional().describe('Name or code; ignores diacritics')),
  inForceOn: z.preprocess(blankToUndefined, IsoDateSchema.optional().describe('Versions in force on this date; today when omitted')),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
  pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).default(50)),
});
export type ProcedureListQuery = z.infer<typeof ProcedureListQuerySchema>;

export const ProcedureSummarySchema = z.object({
  id: z.number().int(),
  nationalCode: z.string(),
  nameVi: z.string(),
  nameEn: z.string(),
  field: z.string(),
  competentLevel: z.string(),
  timeLimitAmount: z.number(),
  timeLimitUnit: z.string(),
  fee: z.number().int(),
  onlineLevel: z.string(),
  paperResult: z.boolean(),
  essentialService: z.boolean(),
  effectiveFrom: z.string().describe('YYYY-MM-DD'),
  effectiveTo: z.string().nullable().describe('YYYY-MM-DD, last day in force; null while open-ended'),
});
export type ProcedureSummary = z.infer<typeof ProcedureSummarySchema>;

export const ProcedureListResponseSchema = z.object({
  items: z.array(ProcedureSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  inForceOn: z.string().describe('The date the list was taken on'),
});
export type ProcedureListResponse = z.infer<typeof ProcedureListResponseSchema>;

export const VersionRefSchema = z.object({
  id: z.number().int(),
  effectiveFrom: z.string(),
  effectiveTo: z.string().nullable(),
  timeLimitAmount: z.number(),
  timeLimitUnit: z.string(),
  fee: z.number().int(),
});
export type VersionRef = z.infer<typeof VersionRefSchema>;

export const ProcedureDetailSchema = ProcedureSummarySchema.extend({
  timeLimitNote: z.string().nullable(),
  feeNote: z.string().nullable(),
  requiredDocuments: z.array(z.object({ nameVi: z.string(), nameEn: z.string(), copies: z.number().int(), originalRequired: z.boolean() })),
  workflow: z.array(z.object({ code: z.string(), name: z.string(), roles: z.array(z.string()), workingDays: z.number().optional() })),
  sourceTag: z.string().nullable(),
  sourceNote: z.string().nullable(),
  version: z.number().int().describe('Send it back on PUT'),
  isLatest: z.boolean().describe('Only the latest version can be followed by a new one'),
  createdAt: z.string(),
  updatedAt: z.string(),
  history: z.array(VersionRefSchema).describe('Every version of this procedure, newest first'),
});
export type ProcedureDetail = z.infer<typeof ProcedureDetailSchema>;

/** The HTML forms post flat text fields (doc.0.nameVi, step.1.roles…); procedure-form.ts rebuilds the body. */
export const ProcedureFormBodySchema = z.record(z.string().max(64), z.union([z.string().max(2000), z.array(z.string().max(2000)).max(20)]));
export type ProcedureFormBody = z.infer<typeof ProcedureFormBodySchema>;

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
