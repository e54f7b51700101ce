import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { isUnitRole, roleHas } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { sendHtml } from '../../platform/html/render.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import { isLevel, type Requirement } from '../competencies/framework.ts';
import { listCompetencies } from '../competencies/use-cases/library.ts';
import { listVersions } from '../competencies/use-cases/versions.ts';
import { FrameworkEditorPage } from './pages/framework-editor.page.tsx';
import { PositionDetailPage } from './pages/position-detail.page.tsx';
import { PositionListPage } from './pages/position-list.page.tsx';
import { UnitVacanciesPage } from './pages/unit-vacancies.page.tsx';
import { positionsApi } from './positions.api.ts';
import { AsOfQuerySchema, IdParamsSchema, PositionListQuerySchema, UnitParamsSchema } from './positions.schemas.ts';
import { getPosition, listPositions, type PositionsDeps, setFramework, unitVacancies } from './use-cases/positions.ts';

const TAGS = ['positions'];
const DetailQuerySchema = z.object({ saved: z.string().max(1).optional() });
const EditorFormSchema = z.record(z.string().max(64), z.string().max(10));

/** `level.<code>` fields of the editor form: '' means "not required". */
export function requirementsFromForm(form: Record<string, string>): Requirement[] {
  const out: Requirement[] = [];
  for (const [key, value] of Object.entries(form)) {
    if (!key.startsWith('level.') || value === '') continue;
    const level = Number(value);
    if (!isLevel(level)) throw new AppError('VALIDATION_FAILED', {}, [{ path: key, message: 'LEVEL_OUT_OF_RANGE' }]);
    out.push({ competencyCode: key.slice('level.'.length), level });
  }
  return out;
}

/** /positions: the catalogue, a position with its framework and posts, the framework editor, a unit's vacancies. */
export const positionsModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: PositionsDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/positions',
    {
      config: { access: 'positions.read' },
      schema: { querystring: PositionListQuerySchema, summary: 'Position catalogue page', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const [result, versions] = await Promise.all([listPositions(ucDeps, actor, request.query), listVersions(ucDeps, actor)]);
      const view = { query: request.query, result, versions, ownUnitId: isUnitRole(actor.role) ? actor.unitId : null };
      return sendHtml(reply, <PositionListPage ctx={request.viewContext()} view={view} />);
    },
  );

  app.get(
    '/positions/units/:unitId',
    {
      config: { access: 'positions.read' },
      schema: { params: UnitParamsSchema, querystring: AsOfQuerySchema, summary: 'Posts and vacancies of a unit (page)', tags: TAGS },
    },
    async (request, reply) => {
      const view = await unitVacancies(ucDeps, actorOf(request), request.params.unitId, request.query.asOf);
      return sendHtml(reply, <UnitVacanciesPage ctx={request.viewContext()} view={view} />);
    },
  );

  app.get(
    '/positions/:id',
    {
      config: { access: 'positions.read' },
      schema: { params: IdParamsSchema, querystring: DetailQuerySchema, summary: 'Position page', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const position = await getPosition(ucDeps, actor, request.params.id);
      return sendHtml(
        reply,
        <PositionDetailPage
          ctx={request.viewContext()}
          position={position}
          canManage={roleHas(actor.role, 'positions.manage')}
          saved={request.query.saved === '1'}
        />,
      );
    },
  );

  app.get(
    '/positions/:id/framework',
    {
      config: { access: 'positions.manage' },
      schema: { params: IdParamsSchema, summary: 'Framework editor (draft versions)', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const position = await getPosition(ucDeps, actor, request.params.id);
      if (position.version.status !== 'DRAFT') throw new AppError('FRAMEWORK_VERSION_PUBLISHED');
      const library = await listCompetencies(ucDeps, actor, { versionId: position.version.id });
      return sendHtml(reply, <FrameworkEditorPage ctx={request.viewContext()} position={position} library={library.items} />);
    },
  );

  app.post(
    '/positions/:id/framework',
    {
      config: { access: 'positions.manage' },
      schema: { params: IdParamsSchema, body: EditorFormSchema, summary: 'Save a position’s framework (form)', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const requirements = requirementsFromForm(request.body);
      await setFramework(ucDeps, actor, request.params.id, requirements, auditMetaOf(request, actor, deps.clock));
      return reply.redirect(`/positions/${request.params.id}?saved=1`, 303);
    },
  );

  await app.register(positionsApi, deps);
};
