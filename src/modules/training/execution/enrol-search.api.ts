import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../../app.ts';
import { COMMON_PROBLEMS, IdParamsSchema } from '../../../platform/http/common.schemas.ts';
import { actorOf } from '../../../platform/http/route-helpers.ts';
import type { TrainingDeps } from '../use-cases/deps.ts';
import { CandidateListSchema, CandidateQuerySchema, SuggestionListSchema, SuggestionQuerySchema } from './enrol-search.schemas.ts';
import { searchCandidates, suggestCandidates } from './use-cases/enrol-search.ts';

const TAGS = ['training'];

/** /api/v1/training/classes/:id/candidates and /suggestions: whom to enrol, by name or by training need. */
export const enrolSearchApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const uc: TrainingDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/api/v1/training/classes/:id/candidates',
    {
      config: { access: 'training.read' },
      schema: {
        tags: TAGS,
        summary: 'Find people to enrol in a class by name',
        description:
          'Staff the caller may see (unit roles: their own unit) whose name matches every word of `q` (diacritics optional), in directory order, each with their eligibility for the class’s course on its first day (every rule not met, in words) and their row in the class, if any.',
        params: IdParamsSchema,
        querystring: CandidateQuerySchema,
        response: { 200: CandidateListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => searchCandidates(uc, actorOf(request), request.params.id, request.query, request.locale),
  );

  app.get(
    '/api/v1/training/classes/:id/suggestions',
    {
      config: { access: 'training.read' },
      schema: {
        tags: TAGS,
        summary: 'People whose training needs the class closes',
        description:
          'People in the caller’s scope with a need the class’s course closes (a competency it raises to at least the required level, or its mandatory programme), not already holding a seat, largest total need weight first, with those needs and their eligibility.',
        params: IdParamsSchema,
        querystring: SuggestionQuerySchema,
        response: { 200: SuggestionListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => suggestCandidates(uc, actorOf(request), request.params.id, request.query, request.locale),
  );
};
