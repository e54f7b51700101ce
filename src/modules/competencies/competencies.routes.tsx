import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { roleHas } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { sendHtml } from '../../platform/html/render.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import { domainToday } from '../../platform/time/format.ts';
import { competenciesApi } from './competencies.api.ts';
import { CompetencyListQuerySchema, IdParamsSchema, VersionCreateBodySchema } from './competencies.schemas.ts';
import { versionInForce } from './framework.ts';
import { CompetencyDetailPage } from './pages/competency-detail.page.tsx';
import { CompetencyListPage } from './pages/competency-list.page.tsx';
import { VersionsPage } from './pages/versions.page.tsx';
import { getCompetency, listCompetencies } from './use-cases/library.ts';
import { createDraft, type FrameworkDeps, getVersion, listVersions, publishVersion } from './use-cases/versions.ts';

const TAGS = ['competencies'];
const FormSchema = z.object({ _csrf: z.string().optional() }).loose();

/** /competencies: the library, a competency's levels, and the framework versions (create, publish, export). */
export const competenciesModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: FrameworkDeps = { db: deps.db, clock: deps.clock };
  const today = () => domainToday(deps.clock.now());

  app.get(
    '/competencies',
    {
      config: { access: 'positions.read' },
      schema: { querystring: CompetencyListQuerySchema, summary: 'Competency library page', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const [result, versions] = await Promise.all([listCompetencies(ucDeps, actor, request.query), listVersions(ucDeps, actor)]);
      return sendHtml(reply, <CompetencyListPage ctx={request.viewContext()} view={{ query: request.query, result, versions }} />);
    },
  );

  app.get(
    '/competencies/versions',
    { config: { access: 'positions.read' }, schema: { summary: 'Framework versions page', tags: TAGS } },
    async (request, reply) => {
      const actor = actorOf(request);
      const versions = await listVersions(ucDeps, actor);
      const view = {
        versions,
        inForceId: versionInForce(versions, today())?.id ?? null,
        canManage: roleHas(actor.role, 'positions.manage'),
        today: today(),
      };
      return sendHtml(reply, <VersionsPage ctx={request.viewContext()} view={view} />);
    },
  );

  app.post(
    '/competencies/versions',
    { config: { access: 'positions.manage' }, schema: { body: FormSchema, summary: 'Start a draft version (form)', tags: TAGS } },
    async (request, reply) => {
      const actor = actorOf(request);
      const parsed = VersionCreateBodySchema.safeParse({
        label: request.body.label,
        effectiveFrom: request.body.effectiveFrom,
        sourceNote: request.body.sourceNote,
      });
      if (!parsed.success)
        throw new AppError(
          'VALIDATION_FAILED',
          {},
          parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      const input = parsed.data;
      await createDraft(ucDeps, actor, input, auditMetaOf(request, actor, deps.clock));
      return reply.redirect('/competencies/versions', 303);
    },
  );

  app.post(
    '/competencies/versions/:id/publish',
    {
      config: { access: 'positions.manage' },
      schema: { params: IdParamsSchema, body: FormSchema, summary: 'Publish a draft (form)', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await publishVersion(ucDeps, actor, request.params.id, auditMetaOf(request, actor, deps.clock));
      return reply.redirect('/competencies/versions', 303);
    },
  );

  app.get(
    '/competencies/:id',
    { config: { access: 'positions.read' }, schema: { params: IdParamsSchema, summary: 'Competency page', tags: TAGS } },
    async (request, reply) => {
      const actor = actorOf(request);
      const competency = await getCompetency(ucDeps, actor, request.params.id);
      const version = await getVersion(ucDeps, actor, competency.versionId);
      return sendHtml(reply, <CompetencyDetailPage ctx={request.viewContext()} competency={competency} version={version} />);
    },
  );

  await app.register(competenciesApi, deps);
};
