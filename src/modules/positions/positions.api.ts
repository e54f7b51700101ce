import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { COMMON_PROBLEMS } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import {
  AsOfQuerySchema,
  BulkPostsBodySchema,
  ClearPostsQuerySchema,
  FrameworkBodySchema,
  IdParamsSchema,
  PositionDetailSchema,
  PositionListQuerySchema,
  PositionListResponseSchema,
  ProblemSchema,
  SetPostsBodySchema,
  UnitParamsSchema,
  UnitPostParamsSchema,
  UnitVacanciesSchema,
  VacancyLineSchema,
} from './positions.schemas.ts';
import { getPosition, listPositions, type PositionsDeps, setFramework, unitVacancies } from './use-cases/positions.ts';
import { clearPosts, setPosts, setPostsBulk } from './use-cases/posts.ts';

const TAGS = ['positions'];

export const positionsApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: PositionsDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/api/v1/positions',
    {
      config: { access: 'positions.read' },
      schema: {
        tags: TAGS,
        summary: 'List job positions of a catalogue version',
        description:
          'The version `versionId`, or else the published version in force on `asOf` (today in Vietnam by default): the interim 43-position list until the Decree 361/2025 framework replaces it by effective date. Filters: group, body, `q` (diacritics ignored).',
        querystring: PositionListQuerySchema,
        response: { 200: PositionListResponseSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listPositions(ucDeps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/positions/:id',
    {
      config: { access: 'positions.read' },
      schema: {
        tags: TAGS,
        summary: 'One position: job description, requirements, competency framework, posts and vacancies per unit',
        description: 'Unit roles see the posts and holders of their own unit only.',
        params: IdParamsSchema,
        response: { 200: PositionDetailSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getPosition(ucDeps, actorOf(request), request.params.id),
  );

  app.put(
    '/api/v1/positions/:id/framework',
    {
      config: { access: 'positions.manage' },
      schema: {
        tags: TAGS,
        summary: 'Set the competency framework of a position in a draft version',
        description:
          'The whole list of (competency, required level 1–5). Codes must be competencies of the same version (400 otherwise). A position of a published version answers 409 FRAMEWORK_VERSION_PUBLISHED. ' +
          'Send the `frameworkRevision` you read: if the framework was written since, 409 VERSION_CONFLICT and nothing changes.',
        params: IdParamsSchema,
        body: FrameworkBodySchema,
        response: { 200: PositionDetailSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { requirements, frameworkRevision } = request.body;
      return setFramework(ucDeps, actor, request.params.id, requirements, frameworkRevision, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.get(
    '/api/v1/positions/units/:unitId/vacancies',
    {
      config: { access: 'positions.read' },
      schema: {
        tags: TAGS,
        summary: 'Posts, holders, vacancies and over-filled posts of one unit',
        description: 'Unit roles reach their own unit only (another unit answers 404).',
        params: UnitParamsSchema,
        querystring: AsOfQuerySchema,
        response: { 200: UnitVacanciesSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => unitVacancies(ucDeps, actorOf(request), request.params.unitId, request.query.asOf),
  );

  app.put(
    '/api/v1/units/:unitId/position-posts/:positionCode',
    {
      config: { access: 'positions.manage' },
      schema: {
        tags: TAGS,
        summary: 'Set the approved posts of one position in a unit',
        description:
          'Creates or changes the line (0–999 posts) and answers it with today’s holders, vacancies and status. The code must be a position of the catalogue version in force (422 POSITION_NOT_IN_CATALOGUE otherwise). With `expectedUpdatedAt`, a line changed (or created, or cleared) since answers 409 VERSION_CONFLICT. Any unit of the caller’s province; another province answers 404. Audited with before and after.',
        params: UnitPostParamsSchema,
        body: SetPostsBodySchema,
        response: { 200: VacancyLineSchema, ...COMMON_PROBLEMS, 409: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { unitId, positionCode } = request.params;
      return setPosts(ucDeps, actor, unitId, positionCode, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.delete(
    '/api/v1/units/:unitId/position-posts/:positionCode',
    {
      config: { access: 'positions.manage' },
      schema: {
        tags: TAGS,
        summary: 'Clear the approved posts of one position in a unit (back to not set)',
        description:
          'Answers 204 whether or not the line was set (nothing is written or audited when it was not). With `expectedUpdatedAt`, a line changed or cleared since answers 409 VERSION_CONFLICT. Audited with the line before.',
        params: UnitPostParamsSchema,
        querystring: ClearPostsQuerySchema,
        response: { 204: z.null().describe('Cleared'), ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { unitId, positionCode } = request.params;
      await clearPosts(ucDeps, actor, unitId, positionCode, request.query, auditMetaOf(request, actor, deps.clock));
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/units/:unitId/position-posts',
    {
      config: { access: 'positions.manage' },
      schema: {
        tags: TAGS,
        summary: 'Set the approved posts of several positions in a unit (all or none)',
        description:
          'Each listed code gets its posts; positions not listed keep theirs. A code listed twice (400) or not in the catalogue version in force (422) refuses the whole list and writes nothing. Answers the unit’s vacancies.',
        params: UnitParamsSchema,
        body: BulkPostsBodySchema,
        response: { 200: UnitVacanciesSchema, ...COMMON_PROBLEMS, 409: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return setPostsBulk(ucDeps, actor, request.params.unitId, request.body.items, auditMetaOf(request, actor, deps.clock));
    },
  );
};
