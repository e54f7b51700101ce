import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../../app.ts';
import { COMMON_PROBLEMS, ProblemSchema } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import {
  AcceptBodySchema,
  BatchListSchema,
  BatchParamsSchema,
  BatchSchema,
  GenerateBodySchema,
  RecommendationParamsSchema,
  RecommendationSchema,
  RejectBodySchema,
  RunParamsSchema,
} from './placement.schemas.ts';
import { acceptRecommendation, generateBatch, getBatch, listBatches, rejectRecommendation } from './use-cases/placements.ts';

const TAGS = ['staffing'];

/** The model in words (OpenAPI description of the POST, docs/adr/0009-placement-as-linear-assignment.md). */
export const PLACEMENT_MODEL = [
  'Placement as a linear assignment over one stored WISN run (rule staffing.placement in force today in Vietnam).',
  'Candidates: ACTIVE people whose current appointment is in a SURPLUS or BALANCED line with spare staff, eligible under Decree 170/2025 as summarised in domain.md §3.3:',
  'every annual rating of a LOCKED campaign in the last ratingYears years at minRating (GOOD = "well completed") or better, at least minRatedYears rated years,',
  'no pending discipline (staff.discipline_pending_until ≥ today), leadership posts only when includeLeadership, and meeting the TARGET position (pure fit-to-position evaluation; unknown fit refused while requireProvenFit).',
  'At most floor(difference) movers per line and floor(share × ACTIVE staff) per unit, kept by pre-selection (cheapest best move first), since caps are not expressible in an assignment.',
  'Slots: ceil(−difference) per SHORTAGE line, at the field’s PROFESSIONAL position with a free post at the unit, else the field’s first; slot k relieves relief × decay^(k−1).',
  'Cost = −relief − expertiseBonus × gap competencies covered + moveCost(same unit / same former district / other; former districts from the merger lineage, units having no coordinates)',
  '+ originLoss when the origin line would fall below ratio 1; one stay column per person at 0; forbidden pairs +∞. Solved exactly (Jonker–Volgenant).',
  'TRANSFER from a SURPLUS line; from a BALANCED line only a SECONDMENT to a line in acute shortage (ratio < acuteRatio), ending after secondmentMonths.',
].join(' ');

export const placementApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps = { db: deps.db, clock: deps.clock };

  app.post(
    '/api/v1/staffing/runs/:runId/placements',
    {
      config: { access: 'staffing.place' },
      schema: {
        tags: TAGS,
        summary: 'Generate placement recommendations (a batch) from a stored WISN run',
        description: [
          PLACEMENT_MODEL,
          'Options not given come from the rule; maxShareMovedPerUnit outside the rule’s bounds answers 400 PLACEMENT_OPTION_OUT_OF_BOUNDS and stores nothing.',
          'A run of another province answers 404. One audited transaction; answers the batch with every recommendation and its explanation.',
        ].join(' '),
        params: RunParamsSchema,
        body: GenerateBodySchema,
        response: { 201: BatchSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const batch = await generateBatch(ucDeps, actor, request.params.runId, request.body, auditMetaOf(request, actor, deps.clock));
      return reply.status(201).send(batch);
    },
  );

  app.get(
    '/api/v1/staffing/runs/:runId/placements',
    {
      config: { access: 'staffing.place' },
      schema: {
        tags: TAGS,
        summary: 'Placement batches of a run, newest first',
        description: '`isLatestRun` tells whether the run is still the province’s latest: only then can its recommendations be accepted.',
        params: RunParamsSchema,
        response: { 200: BatchListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listBatches(ucDeps, actorOf(request), request.params.runId),
  );

  app.get(
    '/api/v1/staffing/placements/:batchId',
    {
      config: { access: 'staffing.place' },
      schema: {
        tags: TAGS,
        summary: 'One placement batch with its recommendations and explanations',
        description:
          'Each recommendation explains what it fixes (target line before/after, gap competencies covered), what it costs (origin line before/after, move kind) and the eligibility facts checked. The batch’s params keep the options, the rule version, a summary and the people left out with their reasons.',
        params: BatchParamsSchema,
        response: { 200: BatchSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getBatch(ucDeps, actorOf(request), request.params.batchId),
  );

  app.post(
    '/api/v1/staffing/placements/recommendations/:id/accept',
    {
      config: { access: 'staffing.place' },
      schema: {
        tags: TAGS,
        summary: 'Accept a recommendation: the person’s appointment moves',
        description: [
          'One audited transaction: the person’s current appointment (staff_positions) ends the day before `startDate` (default today in Vietnam), a new one starts at the target unit and position;',
          'a TRANSFER also moves the home unit (staff.unit_id, org body cleared); a SECONDMENT keeps it and records the origin unit and `endDate` (default start + the rule’s secondment months).',
          '409 VERSION_CONFLICT for a stale version, PLACEMENT_ALREADY_DECIDED when already accepted or rejected (concurrent acceptances: one wins),',
          'PLACEMENT_STALE when the person’s appointment changed since the batch, PLACEMENT_RUN_NOT_LATEST when a newer run exists; 400 PLACEMENT_DATES_INVALID for a start on or before the current appointment’s start, an end before the start, or an end date on a transfer.',
        ].join(' '),
        params: RecommendationParamsSchema,
        body: AcceptBodySchema,
        response: { 200: RecommendationSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return acceptRecommendation(ucDeps, actor, request.params.id, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.post(
    '/api/v1/staffing/placements/recommendations/:id/reject',
    {
      config: { access: 'staffing.place' },
      schema: {
        tags: TAGS,
        summary: 'Reject a recommendation with a reason',
        description: 'Audited; nothing else changes. 409 VERSION_CONFLICT or PLACEMENT_ALREADY_DECIDED as for accept.',
        params: RecommendationParamsSchema,
        body: RejectBodySchema,
        response: { 200: RecommendationSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return rejectRecommendation(ucDeps, actor, request.params.id, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );
};
