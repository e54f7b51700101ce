import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../../app.ts';
import { isUnitRole } from '../../../platform/auth/roles.ts';
import { sendHtml } from '../../../platform/html/render.ts';
import { actorOf } from '../../../platform/http/route-helpers.ts';
import { unitChoices } from '../../position-fit/use-cases/position-fit.ts';
import { NeedsPageQuerySchema } from './needs.schemas.ts';
import { NeedsPage } from './pages/needs.page.tsx';
import { type NeedsDeps, needsPage } from './use-cases/training-needs.ts';

/** /training/needs (issue 6 §2): the page, registered from training.routes.tsx. Filters are a plain GET form. */
export const trainingNeedsModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: NeedsDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/training/needs',
    {
      config: { access: 'training.read' },
      schema: { querystring: NeedsPageQuerySchema, summary: 'Training needs page', tags: ['training'] },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const [data, units] = await Promise.all([needsPage(ucDeps, actor, request.query), unitChoices(ucDeps, actor)]);
      const view = { query: request.query, ...data, units, provinceWide: !isUnitRole(actor.role) };
      return sendHtml(reply, <NeedsPage ctx={request.viewContext()} view={view} />);
    },
  );
};
