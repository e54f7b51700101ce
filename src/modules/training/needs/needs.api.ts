import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../../app.ts';
import { COMMON_PROBLEMS } from '../../../platform/http/common.schemas.ts';
import { actorOf } from '../../../platform/http/route-helpers.ts';
import { NEEDS_FORMULA, NeedsListSchema, NeedsQuerySchema, NeedsSummaryQuerySchema, NeedsSummarySchema } from './needs.schemas.ts';
import { listNeeds, type NeedsDeps, summariseNeeds } from './use-cases/training-needs.ts';

const TAGS = ['training'];
const SCOPE =
  'Scope: the caller’s province; unit leaders and HR see their own unit only (another unit answers 404 UNIT_NOT_FOUND). People: ACTIVE staff placed in a job position today.';

/** GET /api/v1/training/needs and /summary (issue 6 §2), registered from training.api.ts. */
export const trainingNeedsApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: NeedsDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/api/v1/training/needs',
    {
      config: { access: 'training.read' },
      schema: {
        tags: TAGS,
        summary: 'Training needs per official, explained',
        description: `Each official’s needs, most weighted first, one page of people at a time; each need lists its factors with value and source, and the catalogue courses that close it. ${SCOPE} Weighting: ${NEEDS_FORMULA}`,
        querystring: NeedsQuerySchema,
        response: { 200: NeedsListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listNeeds(ucDeps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/training/needs/summary',
    {
      config: { access: 'training.read' },
      schema: {
        tags: TAGS,
        summary: 'Training needs aggregated by unit, field and competency',
        description: `People with needs, number of needs, needs resting on competencies never assessed, and total weighted need, per unit, position field, competency and mandatory programme. ${SCOPE} Weighting: ${NEEDS_FORMULA}`,
        querystring: NeedsSummaryQuerySchema,
        response: { 200: NeedsSummarySchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => summariseNeeds(ucDeps, actorOf(request), request.query),
  );
};
