import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { roleHas } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { sendFragment, sendHtml } from '../../platform/html/render.ts';
import { IdParamsSchema, ProblemSchema } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf, wantsFragment } from '../../platform/http/route-helpers.ts';
import { UnitDetailPage } from './pages/unit-detail.page.tsx';
import { UnitListPage, UnitResults } from './pages/unit-list.page.tsx';
import {
  LineageResponseSchema,
  UnitDetailSchema,
  UnitFormBodySchema,
  UnitListQuerySchema,
  UnitListResponseSchema,
  UnitUpdateBodySchema,
} from './units.schemas.ts';
import type { UnitsDeps } from './use-cases/deps.ts';
import { getUnit, getUnitLineage } from './use-cases/get-unit.ts';
import { listUnits } from './use-cases/list-units.ts';
import { updateUnit } from './use-cases/update-unit.ts';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const DetailQuerySchema = z.object({ saved: z.string().max(1).optional() });

export const unitsModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: UnitsDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/api/v1/units',
    {
      config: { access: 'units.read' },
      schema: {
        tags: ['units'],
        summary: 'List administrative units',
        description:
          'Units of the caller’s province in Vietnamese alphabetical order; commune-level roles see only their own unit and the pre-merger units that became it. `q` ignores diacritics.',
        querystring: UnitListQuerySchema,
        response: { 200: UnitListResponseSchema, ...problems },
      },
    },
    async (request) => listUnits(ucDeps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/units/:id',
    {
      config: { access: 'units.read' },
      schema: {
        tags: ['units'],
        summary: 'Get one administrative unit with its bodies and merger lineage',
        params: IdParamsSchema,
        response: { 200: UnitDetailSchema, ...problems },
      },
    },
    async (request) => getUnit(ucDeps, actorOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/units/:id',
    {
      config: { access: 'units.update' },
      schema: {
        tags: ['units'],
        summary: 'Update a unit’s editable fields',
        description:
          'Send the `version` you read; if someone changed the unit since, the answer is 409 VERSION_CONFLICT and nothing changes.',
        params: IdParamsSchema,
        body: UnitUpdateBodySchema,
        response: { 200: UnitDetailSchema, ...problems, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return updateUnit(ucDeps, actor, request.params.id, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.get(
    '/api/v1/units/:id/lineage',
    {
      config: { access: 'units.read' },
      schema: {
        tags: ['units'],
        summary: 'Merger lineage of a unit',
        description: 'The mergers that formed the unit or that it went into, and the current unit(s) its records now belong to.',
        params: IdParamsSchema,
        response: { 200: LineageResponseSchema, ...problems },
      },
    },
    async (request) => getUnitLineage(ucDeps, actorOf(request), request.params.id),
  );

  app.get('/units', { config: { access: 'units.read' }, schema: { querystring: UnitListQuerySchema } }, async (request, reply) => {
    const result = await listUnits(ucDeps, actorOf(request), request.query);
    const view = { query: request.query, result };
    const ctx = request.viewContext();
    reply.header('Vary', 'HX-Request');
    if (wantsFragment(request)) return sendFragment(reply, <UnitResults ctx={ctx} view={view} />);
    return sendHtml(reply, <UnitListPage ctx={ctx} view={view} />);
  });

  app.get(
    '/units/:id',
    { config: { access: 'units.read' }, schema: { params: IdParamsSchema, querystring: DetailQuerySchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const unit = await getUnit(ucDeps, actor, request.params.id);
      const view = {
        unit,
        canEdit: roleHas(actor.role, 'units.update'),
        canSeeStaff: roleHas(actor.role, 'staff.read'),
        saved: request.query.saved === '1',
        error: null,
      };
      return sendHtml(reply, <UnitDetailPage ctx={request.viewContext()} view={view} />);
    },
  );

  app.post(
    '/units/:id',
    { config: { access: 'units.update' }, schema: { params: IdParamsSchema, body: UnitFormBodySchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      try {
        await updateUnit(ucDeps, actor, id, request.body, auditMetaOf(request, actor, deps.clock));
        return reply.redirect(`/units/${id}?saved=1`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'VERSION_CONFLICT') throw e;
        // Show the latest data with its new version, so the user re-applies their change knowingly.
        const unit = await getUnit(ucDeps, actor, id);
        const view = {
          unit,
          canEdit: true,
          canSeeStaff: roleHas(actor.role, 'staff.read'),
          saved: false,
          error: request.t('error.VERSION_CONFLICT'),
        };
        return sendHtml(reply, <UnitDetailPage ctx={request.viewContext()} view={view} />, 409);
      }
    },
  );
};
