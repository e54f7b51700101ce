import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { sendHtml } from '../../platform/html/render.ts';
import { actorOf } from '../../platform/http/route-helpers.ts';
import { UnitFitPage } from './pages/unit-fit.page.tsx';
import { positionFitApi } from './position-fit.api.ts';
import { UnitPageQuerySchema } from './position-fit.schemas.ts';
import { type FitDeps, UNIT_PAGE_LIMIT, unitChoices, unitNotMeeting } from './use-cases/position-fit.ts';

const TAGS = ['position-fit'];

/** /position-fit: the people of a unit not meeting their position, and the JSON API. */
export const positionFitModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: FitDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/position-fit',
    {
      config: { access: 'fit.read' },
      schema: { querystring: UnitPageQuerySchema, summary: 'People of a unit not meeting their position (page)', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const [result, units] = await Promise.all([
        unitNotMeeting(ucDeps, actor, request.query.unitId, request.query.field),
        unitChoices(ucDeps, actor),
      ]);
      const view = { ...result, units, limit: UNIT_PAGE_LIMIT };
      return sendHtml(reply, <UnitFitPage ctx={request.viewContext()} view={view} />);
    },
  );

  await app.register(positionFitApi, deps);
};
