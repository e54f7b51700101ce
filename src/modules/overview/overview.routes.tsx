import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { sendHtml } from '../../platform/html/render.ts';
import { COMMON_PROBLEMS } from '../../platform/http/common.schemas.ts';
import { actorOf } from '../../platform/http/route-helpers.ts';
import { OverdueQuerySchema, OverviewQuerySchema, OverviewResponseSchema } from './overview.schemas.ts';
import { OverduePage } from './pages/overdue.page.tsx';
import { OverviewPage } from './pages/overview.page.tsx';
import { type OverviewDeps, provinceOverview, unitOverdue } from './use-cases/overview.ts';

/** /overview (page), /overview/overdue (drill-down) and GET /api/v1/overview (the same figures as JSON). */
export const overviewModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  // The overview reads a lot and writes nothing: the read handle.
  const ucDeps: OverviewDeps = { db: deps.readDb, clock: deps.clock };

  app.get(
    '/api/v1/overview',
    {
      config: { access: 'overview.read' },
      schema: {
        tags: ['overview'],
        summary: 'Province overview: every unit’s figures, alerts and trends',
        description:
          'Province roles: every current commune, ward and special zone of the province (filtered by `kind`, `mountainous`, `size`, sorted by `sort`/`dir`, paged). Commune leaders: their own unit, with `fields` (dossiers by procedure field) and `categories` (WISN and fit by staff category). The period is a month (default: this month) or a quarter; trends compare with the period before. Each figure is computed by the module that owns it (scorecard, staffing, position fit) and carries the link of the page explaining it.',
        querystring: OverviewQuerySchema,
        response: { 200: OverviewResponseSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => provinceOverview(ucDeps, actorOf(request), request.query),
  );

  app.get(
    '/overview',
    { config: { access: 'overview.read' }, schema: { querystring: OverviewQuerySchema, hide: true } },
    async (request, reply) => {
      const view = await provinceOverview(ucDeps, actorOf(request), request.query);
      const unitName = view.scope === 'unit' ? (view.units[0]?.name ?? null) : null;
      return sendHtml(reply, <OverviewPage ctx={request.viewContext()} q={request.query} view={view} unitName={unitName} />);
    },
  );

  app.get(
    '/overview/overdue',
    { config: { access: 'overview.read' }, schema: { querystring: OverdueQuerySchema, hide: true } },
    async (request, reply) => {
      const view = await unitOverdue(ucDeps, actorOf(request), request.query.unit);
      return sendHtml(reply, <OverduePage ctx={request.viewContext()} view={view} />);
    },
  );
};
