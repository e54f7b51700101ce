import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../../app.ts';
import { COMMON_PROBLEMS } from '../../../platform/http/common.schemas.ts';
import { actorOf } from '../../../platform/http/route-helpers.ts';
import { ProjectionParamsSchema, ProjectionQuerySchema, ProjectionSchema } from './projection.schemas.ts';
import { getProjection, HISTORY_MONTHS } from './use-cases/get-projection.ts';

export const projectionApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/staffing/runs/:runId/projection',
    {
      config: { access: 'staffing.read' },
      schema: {
        tags: ['staffing'],
        summary: 'Staffing need projection 2026–2030 of a stored WISN run, with scenario levers',
        description: [
          `Each workload source of each run line is forecast from its monthly dossier history (${HISTORY_MONTHS} whole months before the end of the run's period, local months of Asia/Ho_Chi_Minh, by reception date):`,
          '≥ 24 months → multiplicative seasonal indices S_m from a centred 12-month moving average (scaled to average 1) and a least-squares linear trend a + b·t on y_t / S_m;',
          '≥ 6 months → the linear trend alone; fewer → flat at the run’s annualised workload. A year = Σ over its months of max(0, (a + b·t) × S_m).',
          'Levers, phased linearly from the run’s year (f = 0) to 2030 (f = 1): `moves` multiplies a procedure’s processing workload by 1 + f × (factor − 1);',
          '`onlineShare` re-weights reception towards the target ONLINE share (total unchanged; other channels scaled by (1 − o) / (1 − s)); `population` multiplies all workload by (1 + p/100)^(year − base) and grows the population behind the norm the same way.',
          'Required staff = the WISN formulas of the run line with one service activity per source (projected dossiers × its minutes per dossier); per unit, Σ required against the staffing norm (a unit total) and the current ACTIVE headcount.',
          'Nothing is rounded. Unit roles see their own unit only. Bad levers → 400 VALIDATION_FAILED with one translated problem per field.',
        ].join(' '),
        params: ProjectionParamsSchema,
        querystring: ProjectionQuerySchema,
        response: { 200: ProjectionSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getProjection({ db: deps.db, clock: deps.clock }, actorOf(request), request.params.runId, request.query, request.t),
  );
};
