import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../../app.ts';
import { isUnitRole } from '../../../platform/auth/roles.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { sendHtml } from '../../../platform/html/render.ts';
import { actorOf } from '../../../platform/http/route-helpers.ts';
import { ProjectionPage } from './pages/projection.page.tsx';
import { ProjectionParamsSchema, ProjectionQuerySchema } from './projection.schemas.ts';
import { getProjection } from './use-cases/get-projection.ts';

/** The projection page (issue 5 §4): a GET form with the levers, so it works without JavaScript. */
export const projectionRoutes: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/staffing/runs/:runId/projection',
    {
      config: { access: 'staffing.read' },
      schema: {
        params: ProjectionParamsSchema,
        querystring: ProjectionQuerySchema,
        summary: 'Staffing need projection 2026–2030 (page)',
        tags: ['staffing'],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { runId } = request.params;
      const query = request.query;
      // Province roles get every unit (the chart and table are the province's) and the drill-down
      // picks one; unit roles are narrowed to their own unit by the use case (another unit → 404).
      const scoped = isUnitRole(actor.role) ? query : { ...query, unitId: undefined };
      reply.header('Cache-Control', 'no-store');
      const ctx = request.viewContext();
      try {
        const projection = await getProjection({ db: deps.db, clock: deps.clock }, actor, runId, scoped, request.t);
        if (query.unitId !== undefined && !projection.units.some((u) => u.unitId === query.unitId)) throw new AppError('NOT_FOUND');
        return sendHtml(reply, <ProjectionPage ctx={ctx} view={{ runId, query, projection, problems: [] }} />);
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
        return sendHtml(reply, <ProjectionPage ctx={ctx} view={{ runId, query, projection: null, problems: e.fieldProblems }} />, 400);
      }
    },
  );
};
