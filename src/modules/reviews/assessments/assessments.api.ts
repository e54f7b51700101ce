import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../../app.ts';
import { COMMON_PROBLEMS } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import {
  AssessmentSheetSchema,
  CampaignParamsSchema,
  CampaignResultsSchema,
  CouncilBodySchema,
  ParticipantParamsSchema,
  ProblemSchema,
  ResultsQuerySchema,
  SelfAssessmentBodySchema,
  SupervisorReviewBodySchema,
} from './assessments.schemas.ts';
import type { AssessmentDeps } from './use-cases/access.ts';
import { getAssessment, writeCouncil, writeSelfAssessment, writeSupervisorReview } from './use-cases/assessments.ts';
import { campaignResults } from './use-cases/results.ts';

const TAGS = ['review-assessments'];
const BASE = '/api/v1/review-campaigns/:campaignId/participants/:participantId';
const WRITE_PROBLEMS = { ...COMMON_PROBLEMS, 409: ProblemSchema, 422: ProblemSchema } as const;

/**
 * Assessments in a review campaign (issue 4 §4): the participant's sheet, the self-assessment
 * (its owner only), the supervisor review (computes the Decree 335 / Decree 90 result with the
 * config in force), the council (final rating, Decree 178 screening) and the campaign results.
 */
export const reviewAssessmentsModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: AssessmentDeps = { db: deps.db, clock: deps.clock };

  app.get(
    `${BASE}/assessment`,
    {
      config: { access: 'reviews.self' },
      schema: {
        tags: TAGS,
        summary: "A participant's assessment sheet",
        description:
          'Competencies with the required level, self / supervisor / council levels, evidence and gaps; the evaluation (inputs, computed result with its trace, score, rating, council rating); the screening (criteria, result with its rule trace, outcome). ' +
          'Readable by the participant (users.staff_id), and by reviews.read / reviews.supervise / reviews.council roles of the unit (province roles: the province); anyone else gets 404.',
        params: ParticipantParamsSchema,
        response: { 200: AssessmentSheetSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getAssessment(ucDeps, actorOf(request), request.params.campaignId, request.params.participantId),
  );

  app.put(
    `${BASE}/self-assessment`,
    {
      config: { access: 'reviews.self' },
      schema: {
        tags: TAGS,
        summary: 'Write the self-assessment (owner only, SELF_ASSESSMENT stage)',
        description:
          "Levels 1–5 with evidence per competency of the sheet, and optionally the self-declared evaluation input of the campaign's regime. " +
          'Only the person assessed may write it (403 ASSESSMENT_NOT_OWNER for anyone else). Unknown codes, levels outside 1–5 and inputs the rule refuses answer 422 with every problem; nothing is written. ' +
          'A locked campaign answers 409 REVIEW_CAMPAIGN_LOCKED, another stage 409 ASSESSMENT_STAGE_<stage>.',
        params: ParticipantParamsSchema,
        body: SelfAssessmentBodySchema,
        response: { 200: AssessmentSheetSchema, ...WRITE_PROBLEMS },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { campaignId, participantId } = request.params;
      return writeSelfAssessment(ucDeps, actor, campaignId, participantId, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.put(
    `${BASE}/supervisor-review`,
    {
      config: { access: 'reviews.supervise' },
      schema: {
        tags: TAGS,
        summary: "Write the supervisor's review (SUPERVISOR_REVIEW stage)",
        description:
          'Levels with evidence, and the evaluation input (required when the campaign includes the annual evaluation): Decree 335/2025 from 2026, Decree 90/2020 before. ' +
          'The result is computed with the config in force for the campaign year and stored with its trace, config version, score and rating. ' +
          'Only for participants of the actor’s unit (province_admin: the province), never the actor’s own record (403).',
        params: ParticipantParamsSchema,
        body: SupervisorReviewBodySchema,
        response: { 200: AssessmentSheetSchema, ...WRITE_PROBLEMS },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { campaignId, participantId } = request.params;
      return writeSupervisorReview(ucDeps, actor, campaignId, participantId, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.put(
    `${BASE}/council`,
    {
      config: { access: 'reviews.council' },
      schema: {
        tags: TAGS,
        summary: "Write the council's decision (COUNCIL stage)",
        description:
          'Optional council levels; the final rating (a note is required when it differs from the computed rating); the Decree 178/2024 screening criteria. ' +
          "The screening looks back over the person's locked campaigns (council rating, else the computed one) and this campaign's rating, and takes the position gap from this campaign's final levels (council ?? supervisor ?? self).",
        params: ParticipantParamsSchema,
        body: CouncilBodySchema,
        response: { 200: AssessmentSheetSchema, ...WRITE_PROBLEMS },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { campaignId, participantId } = request.params;
      return writeCouncil(ucDeps, actor, campaignId, participantId, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.get(
    '/api/v1/review-campaigns/:campaignId/results',
    {
      config: { access: 'reviews.read' },
      schema: {
        tags: TAGS,
        summary: 'Results of a campaign: per participant, distributions and the excellent quota',
        description:
          'Final rating and score, screening outcome and number of competency gaps per participant (paged, sorted by unit then name); distributions of final ratings by unit and by position group; ' +
          'the excellent-quota check of every agency (body, else commune/ward) and position group, as flags. Unit roles see their own unit’s participants only.',
        params: CampaignParamsSchema,
        querystring: ResultsQuerySchema,
        response: { 200: CampaignResultsSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => campaignResults(ucDeps, actorOf(request), request.params.campaignId, request.query),
  );
};
