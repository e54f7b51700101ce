import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { COMMON_PROBLEMS } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import {
  EvidenceQuerySchema,
  GapListSchema,
  GapQuerySchema,
  PositionFitSchema,
  ServiceEvidenceSchema,
  StaffParamsSchema,
  TestBodySchema,
  TestListSchema,
  TestSchema,
} from './position-fit.schemas.ts';
import { type FitDeps, listGaps, listPersonTests, personFit, personServiceEvidence, recordTest } from './use-cases/position-fit.ts';

const TAGS = ['position-fit'];

export const positionFitApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: FitDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/api/v1/staff/:staffId/position-fit',
    {
      config: { access: 'fit.read' },
      schema: {
        tags: TAGS,
        summary: 'Fit of a person to the position they hold today',
        description:
          'Per required competency: required level, assessed level and its source (final level of the latest LOCKED review campaign, council ?? supervisor ?? self, or a later competency test), gap (unknown when never assessed); rank (Law 80/2025 tiers), education and qualification field; `meetsPosition` true/false/null with reasons; the grace deadline (placement start + rule review.positionGrace, 12 months from the draft of Decree 361/2025 [S]) and status. Unit roles reach their own unit’s staff only (404 otherwise).',
        params: StaffParamsSchema,
        response: { 200: PositionFitSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => personFit(ucDeps, actorOf(request), request.params.staffId),
  );

  app.get(
    '/api/v1/staff/:staffId/service-evidence',
    {
      config: { access: 'fit.read' },
      schema: {
        tags: TAGS,
        summary: 'Service evidence of a person from dossier data',
        description:
          'For the accounts linked to the staff record (users.staff_id), in the period `from`–`to` (inclusive local dates, from ≤ to, at most three years; default the current year): dossiers received, handled as assignee and finished, on-time share of the finished ones (Decision 766 definition), overdue open ones, and citizen ratings of the dossiers they handled. No linked account or no dossier data gives status NO_DATA with no figures.',
        params: StaffParamsSchema,
        querystring: EvidenceQuerySchema,
        response: { 200: ServiceEvidenceSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => personServiceEvidence(ucDeps, actorOf(request), request.params.staffId, request.query),
  );

  app.get(
    '/api/v1/staff/:staffId/competency-tests',
    {
      config: { access: 'fit.read' },
      schema: {
        tags: TAGS,
        summary: 'Competency-test results of a person, newest first',
        params: StaffParamsSchema,
        response: { 200: TestListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => ({ items: await listPersonTests(ucDeps, actorOf(request), request.params.staffId) }),
  );

  app.post(
    '/api/v1/staff/:staffId/competency-tests',
    {
      config: { access: 'fit.record' },
      schema: {
        tags: TAGS,
        summary: 'Record a competency-test result (audited)',
        description:
          'The competency must be in the published framework in force today; level 1–5; score ≤ maxScore; the test date not in the future. Every problem answers 400 and nothing is written.',
        params: StaffParamsSchema,
        body: TestBodySchema,
        response: { 201: TestSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await recordTest(ucDeps, actor, request.params.staffId, request.body, auditMetaOf(request, actor, deps.clock));
      return reply.code(201).send(row);
    },
  );

  app.get(
    '/api/v1/position-fit',
    {
      config: { access: 'fit.read' },
      schema: {
        tags: TAGS,
        summary: 'Competency gaps of the people of a unit (or the province): the training plan’s input',
        description:
          'One row per person and required competency (competency, required, assessed, gap, person, position, unit, field); `include=all` adds competencies without a gap. Paged by people (`page`, `pageSize` ≤ 100). Unit roles see their own unit (another unit answers 404); province roles the province, or `unitId`. `field` filters by the position’s field.',
        querystring: GapQuerySchema,
        response: { 200: GapListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listGaps(ucDeps, actorOf(request), request.query),
  );
};
