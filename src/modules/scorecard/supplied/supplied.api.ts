import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../../app.ts';
import { COMMON_PROBLEMS } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import { PutSuppliedBodySchema, SuppliedListSchema, SuppliedParamsSchema } from './supplied.schemas.ts';
import { putSupplied, readSupplied, type SuppliedDeps } from './use-cases/supplied.ts';

const PATH = '/api/v1/scorecards/766/supplied/:unit/:period';

/** The hand-entered 766 counts of one scope and period: read by card readers, written by the roles of `scorecard.supply`. */
export const suppliedApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: SuppliedDeps = { db: deps.db };

  app.get(
    PATH,
    {
      config: { access: 'scorecard.read' },
      schema: {
        tags: ['scorecard'],
        summary: 'Counts entered by hand for Decision 766 indicators 1.1–1.3, 3.5 and 5.2',
        description:
          '`unit` is a unit code or `province`; `period` is `YYYY-MM`, `YYYY-Qn` or `YYYY`. The province enters 1.1–1.3 (a unit’s list shows them read-only); each unit enters 3.5 and 5.2. `editable` says whether the caller may change a row. Commune roles reach only their own unit (another answers 404).',
        params: SuppliedParamsSchema,
        response: { 200: SuppliedListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => readSupplied(ucDeps, actorOf(request), request.params.unit, request.params.period),
  );

  app.put(
    PATH,
    {
      config: { access: 'scorecard.supply' },
      schema: {
        tags: ['scorecard'],
        summary: 'Save counts entered by hand for some 766 indicators of one unit (or the province) and period',
        description:
          'All items are saved or none, in one audited transaction. Each item sends the `version` it read (0 when nothing is stored): a stale one answers 409 VERSION_CONFLICT. The numerator may not exceed the denominator (400). An indicator of the other level (1.1 on a unit, 3.5 on the province) answers 400 SCORECARD_SUPPLIED_WRONG_LEVEL. The scorecard of any range tiled by stored periods uses the counts at once.',
        params: SuppliedParamsSchema,
        body: PutSuppliedBodySchema,
        response: { 200: SuppliedListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { unit, period } = request.params;
      return putSupplied(ucDeps, actor, unit, period, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );
};
