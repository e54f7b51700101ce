import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../../app.ts';
import { COMMON_PROBLEMS } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import {
  CampaignDetailSchema,
  CampaignListQuerySchema,
  CampaignListSchema,
  CreateCampaignBodySchema,
  IdParamsSchema,
  PageQuerySchema,
  ParticipantListSchema,
  ProblemSchema,
  ReopenBodySchema,
  SnapshotListSchema,
  SnapshotParamsSchema,
  SnapshotSchema,
  VersionBodySchema,
} from './campaigns.schemas.ts';
import {
  advanceCampaign,
  type CampaignsDeps,
  createCampaign,
  getCampaign,
  getCampaignSnapshot,
  listCampaignParticipants,
  listCampaignSnapshots,
  listCampaigns,
  lockCampaign,
  reopenCampaign,
} from './use-cases/campaigns.ts';

const TAGS = ['review campaigns'];
const BASE = '/api/v1/review-campaigns';
const SCOPE =
  'Province roles reach the province’s campaigns; unit roles reach campaigns their unit owns, and province campaigns with participants in their unit (seen through their unit only). Anything else answers 404.';
const MANAGE = `${SCOPE} Unit roles run only campaigns their unit owns (403 on a province campaign). A locked campaign answers 409 REVIEW_CAMPAIGN_LOCKED; a stale expectedVersion 409 VERSION_CONFLICT.`;

export const reviewCampaignsApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: CampaignsDeps = { db: deps.db, clock: deps.clock };

  app.post(
    BASE,
    {
      config: { access: 'reviews.manage' },
      schema: {
        tags: TAGS,
        summary: 'Open a review campaign: scope, period, instruments; participants are fixed now',
        description:
          'Participants are the active staff whose current assignment matches the scope, within the caller’s reach (unit roles: their own unit, which then owns the campaign; province roles: the province, a province-wide campaign). Each keeps a copy of unit, body, position and position group. COMPETENCY opens one row per competency the position requires; ANNUAL_EVALUATION one evaluation per person under the regime of the year (review.regime: Decree 90/2020 before 2026, Decree 335/2025 from 2026). ' +
          '400 REVIEW_CAMPAIGN_PERIOD_INVALID (from after to, or far from the year); 404 UNIT_NOT_FOUND for a unit out of reach; 422 REVIEW_CAMPAIGN_SCOPE_EMPTY when nobody matches, REVIEW_CAMPAIGN_SCOPE_INVALID for listed people out of reach, REVIEW_CAMPAIGN_NO_REGIME.',
        body: CreateCampaignBodySchema,
        response: { 201: CampaignDetailSchema, ...COMMON_PROBLEMS, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await createCampaign(ucDeps, actor, request.body, auditMetaOf(request, actor, deps.clock), request.locale);
      return reply.code(201).send(created);
    },
  );

  app.get(
    BASE,
    {
      config: { access: 'reviews.read' },
      schema: {
        tags: TAGS,
        summary: 'List review campaigns, newest year first',
        description: `Filters: year, status. ${SCOPE}`,
        querystring: CampaignListQuerySchema,
        response: { 200: CampaignListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listCampaigns(ucDeps, actorOf(request), request.query),
  );

  app.get(
    `${BASE}/:id`,
    {
      config: { access: 'reviews.read' },
      schema: {
        tags: TAGS,
        summary: 'One campaign with its counts: participants, self and supervisor submissions, council decisions',
        description: SCOPE,
        params: IdParamsSchema,
        response: { 200: CampaignDetailSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getCampaign(ucDeps, actorOf(request), request.params.id),
  );

  app.get(
    `${BASE}/:id/participants`,
    {
      config: { access: 'reviews.read' },
      schema: {
        tags: TAGS,
        summary: 'Participants of a campaign: name, unit, body, position and the time of each stage',
        description: `No personal data. ${SCOPE}`,
        params: IdParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: ParticipantListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listCampaignParticipants(ucDeps, actorOf(request), request.params.id, request.query),
  );

  app.post(
    `${BASE}/:id/advance`,
    {
      config: { access: 'reviews.manage' },
      schema: {
        tags: TAGS,
        summary: 'Move the campaign one stage forward (OPEN → SELF_ASSESSMENT → SUPERVISOR_REVIEW → COUNCIL)',
        description: `COUNCIL goes no further: lock it (409 REVIEW_CAMPAIGN_STAGE_INVALID). ${MANAGE}`,
        params: IdParamsSchema,
        body: VersionBodySchema,
        response: { 200: CampaignDetailSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return advanceCampaign(ucDeps, actor, request.params.id, request.body.expectedVersion, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.post(
    `${BASE}/:id/lock`,
    {
      config: { access: 'reviews.manage' },
      schema: {
        tags: TAGS,
        summary: 'Lock a campaign in COUNCIL and snapshot its results (JSON + SHA-256)',
        description: `The excellent quota in force for the year (review.excellentQuota) is checked per agency (the body, else the unit) and position group on the final ratings (council rating, else the computed one); a group over it refuses with 409 REVIEW_CAMPAIGN_EXCELLENT_QUOTA, one entry per group in \`errors\`. ${MANAGE}`,
        params: IdParamsSchema,
        body: VersionBodySchema,
        response: { 200: CampaignDetailSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return lockCampaign(
        ucDeps,
        actor,
        request.params.id,
        request.body.expectedVersion,
        auditMetaOf(request, actor, deps.clock),
        request.locale,
      );
    },
  );

  app.post(
    `${BASE}/:id/reopen`,
    {
      config: { access: 'reviews.manage' },
      schema: {
        tags: TAGS,
        summary: 'Reopen a locked campaign (back to COUNCIL) with a reason',
        description: `400 REVIEW_CAMPAIGN_REOPEN_REASON_REQUIRED under 10 characters; 409 REVIEW_CAMPAIGN_STAGE_INVALID when not locked. Earlier snapshots stay. ${SCOPE}`,
        params: IdParamsSchema,
        body: ReopenBodySchema,
        response: { 200: CampaignDetailSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return reopenCampaign(ucDeps, actor, request.params.id, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.get(
    `${BASE}/:id/snapshots`,
    {
      config: { access: 'reviews.read' },
      schema: {
        tags: TAGS,
        summary: 'Snapshots taken at each lock: sequence, time, author, SHA-256',
        description: SCOPE,
        params: IdParamsSchema,
        response: { 200: SnapshotListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listCampaignSnapshots(ucDeps, actorOf(request), request.params.id),
  );

  app.get(
    `${BASE}/:id/snapshots/:sequence`,
    {
      config: { access: 'reviews.read' },
      schema: {
        tags: TAGS,
        summary: 'One snapshot with its payload, exactly as hashed',
        description: `Unit roles may not read the payload of a province campaign (403): it holds every unit's participants. ${SCOPE}`,
        params: SnapshotParamsSchema,
        response: { 200: SnapshotSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getCampaignSnapshot(ucDeps, actorOf(request), request.params.id, request.params.sequence),
  );
};
