import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { isUnitRole, roleHas } from '../../platform/auth/roles.ts';
import { AppError, ERROR_TABLE } from '../../platform/errors/app-error.ts';
import { sendFragment, sendHtml } from '../../platform/html/render.ts';
import { actorOf, auditMetaOf, wantsFragment } from '../../platform/http/route-helpers.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { domainToday } from '../../platform/time/format.ts';
import { localised } from '../competencies/competencies.labels.ts';
import { isLevel, type Requirement } from '../competencies/framework.ts';
import { listCompetencies } from '../competencies/use-cases/library.ts';
import { listVersions } from '../competencies/use-cases/versions.ts';
import { FrameworkEditorPage } from './pages/framework-editor.page.tsx';
import { PositionDetailPage } from './pages/position-detail.page.tsx';
import { PositionListPage } from './pages/position-list.page.tsx';
import { UnitVacanciesPage } from './pages/unit-vacancies.page.tsx';
import { type PostsFormError, VacancyRow } from './pages/vacancy-table.tsx';
import { positionsApi } from './positions.api.ts';
import { IdParamsSchema, PositionListQuerySchema, PostsFormSchema, UnitPageQuerySchema, UnitParamsSchema } from './positions.schemas.ts';
import { getPosition, listPositions, type PositionsDeps, setFramework, unitVacancies } from './use-cases/positions.ts';
import { clearPosts, postLine, setPosts } from './use-cases/posts.ts';

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

/** The posts field of the form: a whole number 0–999 as typed, or null. */
export function postsFromForm(value: string): number | null {
  const v = value.trim();
  if (!/^\d{1,3}$/.test(v)) return null;
  return Number(v);
}

const POSITION_CODE = /^[A-Za-z0-9._-]{1,32}$/;

/** Errors a posts form shows in place (the rest — unknown unit, another province — are pages of their own). */
function isShownInForm(e: unknown): e is AppError {
  return e instanceof AppError && [400, 409, 422].includes(e.status);
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

  const renderUnitPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    unitId: number,
    opts: { asOf?: string | undefined; notice?: string | undefined; error?: PostsFormError | null },
    status = 200,
  ) => {
    const actor = actorOf(request);
    const view = await unitVacancies(ucDeps, actor, unitId, opts.asOf);
    // Posts are set against today's catalogue and holders: the forms show on today's view only.
    const editable = roleHas(actor.role, 'positions.manage') && view.asOf === domainToday(deps.clock.now());
    const listed = new Set(view.lines.map((l) => l.positionCode));
    const add = editable
      ? {
          positions: (await listPositions(ucDeps, actor, {})).items
            .filter((p) => !listed.has(p.code))
            .map((p) => ({ code: p.code, name: localised(request.locale, p.nameVi, p.nameEn) })),
        }
      : undefined;
    const edit = editable ? { unitId, error: opts.error ?? null } : undefined;
    return sendHtml(
      reply,
      <UnitVacanciesPage ctx={request.viewContext()} view={view} edit={edit} add={add} notice={opts.notice} />,
      status,
    );
  };

  app.get(
    '/positions/units/:unitId',
    {
      config: { access: 'positions.read' },
      schema: { params: UnitParamsSchema, querystring: UnitPageQuerySchema, summary: 'Posts and vacancies of a unit (page)', tags: TAGS },
    },
    async (request, reply) => {
      const { asOf, saved, cleared } = request.query;
      const notice =
        saved !== undefined
          ? request.t('positions.postsForm.saved', { code: saved })
          : cleared !== undefined
            ? request.t('positions.postsForm.cleared', { code: cleared })
            : undefined;
      return renderUnitPage(request, reply, request.params.unitId, { asOf, notice });
    },
  );

  app.post(
    '/positions/units/:unitId/posts',
    {
      config: { access: 'positions.manage' },
      schema: {
        params: UnitParamsSchema,
        body: PostsFormSchema,
        summary: 'Set or clear the posts of a position in a unit (form)',
        tags: TAGS,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { unitId } = request.params;
      const form = request.body;
      const code = form.positionCode.trim();
      const meta = auditMetaOf(request, actor, deps.clock);
      const expectedUpdatedAt = form.expectedUpdatedAt?.trim() || undefined;
      try {
        if (!POSITION_CODE.test(code)) throw new AppError('POSITION_NOT_IN_CATALOGUE', { code: code.slice(0, 32) });
        if (form.action === 'clear') {
          await clearPosts(ucDeps, actor, unitId, code, { expectedUpdatedAt }, meta);
        } else {
          const posts = postsFromForm(form.posts);
          if (posts === null) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'posts', message: 'POSTS_RANGE' }]);
          await setPosts(ucDeps, actor, unitId, code, { posts, expectedUpdatedAt }, meta);
        }
      } catch (e) {
        if (!isShownInForm(e)) throw e;
        const message =
          e.code === 'VALIDATION_FAILED' && e.fieldProblems.some((p) => p.path === 'posts')
            ? request.t('positions.postsForm.invalid')
            : request.t(ERROR_TABLE[e.code].key as MessageKey, e.params);
        const error = { positionCode: code, message, value: form.posts };
        if (wantsFragment(request) && POSITION_CODE.test(code)) {
          const line = await postLine(ucDeps, actor, unitId, code);
          return sendFragment(
            reply,
            <VacancyRow ctx={request.viewContext()} line={line} by="position" edit={{ unitId, error }} />,
            e.status,
          );
        }
        return renderUnitPage(request, reply, unitId, { error }, e.status);
      }
      const key = form.action === 'clear' ? 'cleared' : 'saved';
      if (wantsFragment(request)) {
        const line = await postLine(ucDeps, actor, unitId, code);
        const notice = { positionCode: code, message: request.t(`positions.postsForm.${key}`, { code }) };
        return sendFragment(
          reply,
          <VacancyRow ctx={request.viewContext()} line={line} by="position" edit={{ unitId, error: null, notice }} />,
        );
      }
      return reply.redirect(`/positions/units/${unitId}?${key}=${encodeURIComponent(code)}#row-${encodeURIComponent(code)}`, 303);
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
      // The form always carries it; a form without one is refused as a conflict (0 is no revision), not saved blindly.
      const raw = request.body.frameworkRevision ?? '';
      const revision = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
      try {
        await setFramework(ucDeps, actor, request.params.id, requirements, revision, auditMetaOf(request, actor, deps.clock));
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'VERSION_CONFLICT') throw e;
        // Shown again with what was chosen and the revision now recorded: saving again is a deliberate overwrite.
        const position = await getPosition(ucDeps, actor, request.params.id);
        const library = await listCompetencies(ucDeps, actor, { versionId: position.version.id });
        const retry = {
          levels: new Map(requirements.map((r) => [r.competencyCode, r.level])),
          error: request.t('error.VERSION_CONFLICT'),
        };
        return sendHtml(
          reply,
          <FrameworkEditorPage ctx={request.viewContext()} position={position} library={library.items} retry={retry} />,
          409,
        );
      }
      return reply.redirect(`/positions/${request.params.id}?saved=1`, 303);
    },
  );

  await app.register(positionsApi, deps);
};
