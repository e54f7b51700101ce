import { z } from 'zod';
import { blankToUndefined, PageQueryFields } from '../../../platform/http/common.schemas.ts';
import { CAMPAIGN_STATUSES, INSTRUMENTS } from './campaign-workflow.ts';

export { IdParamsSchema, ProblemSchema } from '../../../platform/http/common.schemas.ts';

const Id = z.number().int().positive().max(2_147_483_647);
const DateSchema = z.iso.date().describe('YYYY-MM-DD');
const VersionSchema = z.number().int().min(1).max(2_147_483_647).describe('The campaign version the caller last read');

export const ScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('UNITS'), unitIds: z.array(Id).min(1).max(500) }),
  z.strictObject({
    kind: z.literal('POSITIONS'),
    positionCodes: z.array(z.string().trim().min(1).max(32)).min(1).max(200),
    unitIds: z.array(Id).min(1).max(500).optional(),
  }),
  z.strictObject({ kind: z.literal('PEOPLE'), staffIds: z.array(Id).min(1).max(5000) }),
]);
export type CampaignScope = z.infer<typeof ScopeSchema>;

/** The scope as answered: the same shapes, without the input limits (campaigns seeded elsewhere may hold empty lists). */
const ScopeViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('UNITS'), unitIds: z.array(z.number().int()) }),
  z.object({ kind: z.literal('POSITIONS'), positionCodes: z.array(z.string()), unitIds: z.array(z.number().int()).optional() }),
  z.object({ kind: z.literal('PEOPLE'), staffIds: z.array(z.number().int()) }),
]);

export const CreateCampaignBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  year: z.number().int().min(2000).max(2100),
  periodFrom: DateSchema,
  periodTo: DateSchema,
  instruments: z.array(z.enum(INSTRUMENTS)).min(1).max(INSTRUMENTS.length),
  scope: ScopeSchema.describe(
    'UNITS: everyone holding a position in these units; POSITIONS: holders of these position codes (optionally in these units); PEOPLE: these staff ids',
  ),
});
export type CreateCampaignBody = z.infer<typeof CreateCampaignBodySchema>;

export const CampaignListQuerySchema = z.object({
  year: z.preprocess(blankToUndefined, z.coerce.number().int().min(2000).max(2100).optional()),
  status: z.preprocess(blankToUndefined, z.enum(CAMPAIGN_STATUSES).optional()),
  ...PageQueryFields,
});
export type CampaignListQuery = z.infer<typeof CampaignListQuerySchema>;

export const PageQuerySchema = z.object(PageQueryFields);
export type PageQuery = z.infer<typeof PageQuerySchema>;

export const VersionBodySchema = z.strictObject({ expectedVersion: VersionSchema });
export const ReopenBodySchema = z.strictObject({
  reason: z.string().max(2000).describe('Why the locked results are reopened: at least 10 characters after trimming'),
  expectedVersion: VersionSchema,
});

export const SnapshotParamsSchema = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  sequence: z.coerce.number().int().positive().max(1_000_000),
});

export const CountsSchema = z.object({
  participants: z.number().int(),
  selfSubmitted: z.number().int(),
  supervisorSubmitted: z.number().int(),
  councilDecided: z.number().int(),
});

export const CampaignSchema = z.object({
  id: z.number().int(),
  ownerUnitId: z.number().int().nullable().describe('null: a province-wide campaign'),
  name: z.string(),
  year: z.number().int(),
  periodFrom: z.string(),
  periodTo: z.string(),
  regime: z.string().describe('DECREE_90 before 2026, DECREE_335 from 2026, as configured (review.regime)'),
  instruments: z.array(z.enum(INSTRUMENTS)),
  scope: ScopeViewSchema,
  frameworkVersionId: z.number().int().nullable(),
  status: z.enum(CAMPAIGN_STATUSES),
  version: z.number().int(),
  reopenCount: z.number().int(),
  createdAt: z.string(),
  createdBy: z.number().int().nullable(),
  lockedAt: z.string().nullable(),
  lockedBy: z.number().int().nullable(),
});
export type CampaignView = z.infer<typeof CampaignSchema>;

export const CampaignDetailSchema = CampaignSchema.extend({
  counts: CountsSchema.describe('For unit roles on a province campaign: their unit’s participants only'),
});
export type CampaignDetail = z.infer<typeof CampaignDetailSchema>;

export const CampaignListSchema = z.object({
  items: z.array(CampaignSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CampaignList = z.infer<typeof CampaignListSchema>;

const RefSchema = z.object({ id: z.number().int(), name: z.string() });

export const ParticipantSchema = z.object({
  id: z.number().int(),
  staffId: z.number().int(),
  fullName: z.string(),
  unit: RefSchema,
  orgBody: RefSchema.nullable(),
  position: z.object({ id: z.number().int().nullable(), code: z.string(), name: z.string().nullable() }).nullable(),
  positionGroup: z.string().nullable(),
  selfSubmittedAt: z.string().nullable(),
  supervisorSubmittedAt: z.string().nullable(),
  councilDecidedAt: z.string().nullable(),
});

export const ParticipantListSchema = z.object({
  items: z.array(ParticipantSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ParticipantList = z.infer<typeof ParticipantListSchema>;

export const SnapshotSummarySchema = z.object({
  sequence: z.number().int(),
  takenAt: z.string(),
  takenBy: z.number().int().nullable(),
  sha256: z.string().describe('SHA-256 (hex) of `payload`, byte for byte'),
});
export const SnapshotListSchema = z.object({ items: z.array(SnapshotSummarySchema) });
export type SnapshotList = z.infer<typeof SnapshotListSchema>;

export const SnapshotSchema = SnapshotSummarySchema.extend({
  payload: z
    .string()
    .describe('The JSON text recorded at lock: { campaign, participants, competencyLevels, evaluations, screenings } as stored'),
});
export type SnapshotView = z.infer<typeof SnapshotSchema>;
