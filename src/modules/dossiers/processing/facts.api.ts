import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { COMMON_PROBLEMS, IdParamsSchema, ProblemSchema } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import { FactsBodySchema, FactsViewSchema, NationalSyncBodySchema, NationalSyncResultSchema } from './facts.schemas.ts';
import type { ProcessingPluginOptions } from './processing.routes.tsx';
import { acknowledgeNationalSync } from './use-cases/national-sync.ts';
import { getFacts, recordFacts } from './use-cases/record-facts.ts';

const TAGS = ['dossier processing'];

/** Decision 766 facts per dossier (domain.md §7.2) and the DVCQG sync acknowledgement. */
export const factsApi: FastifyPluginAsync<ProcessingPluginOptions> = async (plugin, { deps, ucDeps }) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/dossiers/:id/facts',
    {
      config: { access: 'dossiers.read' },
      schema: {
        tags: TAGS,
        summary: 'The Decision 766 facts of a dossier and which of them the caller may record now',
        description:
          'Electronic result (3.3, 4.1, 4.2), online payment (3.6), reuse of digitised data (4.3), files attached (4.2, derived from the attachments) and the DVCQG sync (1.4).',
        params: IdParamsSchema,
        response: { 200: FactsViewSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getFacts(ucDeps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/dossiers/:id/facts',
    {
      config: { access: 'dossiers.process' },
      schema: {
        tags: TAGS,
        summary: 'Record Decision 766 facts on a dossier',
        description:
          'Staff of the competent unit. `electronicResult` once the dossier is processed or returned (status 9 or 10; else 409 DOSSIER_FACT_RESULT_NOT_ISSUED); `paidOnline` for a fee-bearing procedure (else 409 DOSSIER_FACT_NO_FEE; refused or withdrawn dossiers 409 DOSSIER_FACT_NOT_OPEN); `reusedData` at intake or while processing (status 1, 2, 4, 5, 6; else 409 DOSSIER_FACT_NOT_OPEN). A fact already recorded keeps its first instant and asking again changes nothing. A `version` other than the current one answers 409 VERSION_CONFLICT.',
        params: IdParamsSchema,
        body: FactsBodySchema,
        response: { 200: FactsViewSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return recordFacts(ucDeps, actor, request.params.id, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.post(
    '/api/v1/integrations/national-sync',
    {
      config: { access: 'integrations.sync' },
      schema: {
        tags: ['integrations'],
        summary: 'Acknowledge dossiers synced to the national public-service portal (DVCQG)',
        description:
          "For the province's integration, with an API token. Marks the caller's province's dossiers with these codes synced at `syncedAt` (indicator 1.4). Codes of another province or of no dossier are counted as unknown and listed; a dossier already marked keeps its first instant (counted in `alreadySynced`). Up to 1000 codes; one audit entry per request.",
        body: NationalSyncBodySchema,
        response: { 200: NationalSyncResultSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return acknowledgeNationalSync(ucDeps, actor, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );
};
