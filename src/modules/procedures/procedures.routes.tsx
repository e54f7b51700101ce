import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { roleHas } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { sendFragment, sendHtml } from '../../platform/html/render.ts';
import { actorOf, auditMetaOf, wantsFragment } from '../../platform/http/route-helpers.ts';
import { domainToday } from '../../platform/time/format.ts';
import { ProcedureDetailPage } from './pages/procedure-detail.page.tsx';
import { ProcedureFormPage, type ProcedureFormView } from './pages/procedure-form.page.tsx';
import { ProcedureListPage, ProcedureResults } from './pages/procedure-list.page.tsx';
import { blankForm, type FormBody, formToBody, procedureToForm, suggestEffectiveFrom } from './procedure-form.ts';
import { parseTranslated } from './procedure-input.ts';
import { proceduresApi } from './procedures.api.ts';
import {
  IdParamsSchema,
  ProcedureCreateBodySchema,
  ProcedureFormBodySchema,
  ProcedureListQuerySchema,
  ProcedureVersionBodySchema,
} from './procedures.schemas.ts';
import { addProcedureVersion } from './use-cases/add-version.ts';
import { createProcedure } from './use-cases/create-procedure.ts';
import type { ProceduresDeps } from './use-cases/deps.ts';
import { getProcedure } from './use-cases/get-procedure.ts';
import { listProcedures } from './use-cases/list-procedures.ts';

const DetailQuerySchema = z.object({ saved: z.string().max(1).optional() });
const TAGS = ['procedures'];
const NO_ROWS: Pick<FormBody, 'docRows' | 'stepRows'> = { docRows: [], stepRows: [] };

/** Refusals shown inside the form (validation, conflicts); anything else goes to the error page. */
function isShownInForm(e: unknown): e is AppError {
  return e instanceof AppError && [400, 409].includes(e.status);
}

/** /procedures: the catalogue pages (read for all staff; new procedure and new version for 'procedures.manage'). */
export const proceduresModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: ProceduresDeps = { db: deps.db, clock: deps.clock };
  const today = () => domainToday(deps.clock.now());
  const renderForm = (request: FastifyRequest, reply: FastifyReply, view: ProcedureFormView, status = 200) =>
    sendHtml(reply, <ProcedureFormPage ctx={request.viewContext()} view={view} />, status);

  app.get(
    '/procedures',
    {
      config: { access: 'procedures.read' },
      schema: { querystring: ProcedureListQuerySchema, summary: 'Procedure catalogue page', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await listProcedures(ucDeps, actor, request.query);
      const view = { query: request.query, result, canManage: roleHas(actor.role, 'procedures.manage') };
      const ctx = request.viewContext();
      reply.header('Vary', 'HX-Request');
      if (wantsFragment(request)) return sendFragment(reply, <ProcedureResults ctx={ctx} view={view} />);
      return sendHtml(reply, <ProcedureListPage ctx={ctx} view={view} />);
    },
  );

  app.get(
    '/procedures/new',
    { config: { access: 'procedures.manage' }, schema: { summary: 'New procedure form', tags: TAGS } },
    async (request, reply) =>
      renderForm(request, reply, { mode: 'create', action: '/procedures', values: blankForm(today()), error: null, rows: NO_ROWS }),
  );

  app.post(
    '/procedures',
    {
      config: { access: 'procedures.manage' },
      schema: { body: ProcedureFormBodySchema, summary: 'Create a procedure (form)', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const form = formToBody(request.body, 'create');
      try {
        const input = parseTranslated(ProcedureCreateBodySchema, form.body, request.locale);
        const created = await createProcedure(ucDeps, actor, input, auditMetaOf(request, actor, deps.clock), request.locale);
        return reply.redirect(`/procedures/${created.id}?saved=1`, 303);
      } catch (e) {
        if (!isShownInForm(e)) throw e;
        return renderForm(request, reply, { mode: 'create', action: '/procedures', values: request.body, error: e, rows: form }, e.status);
      }
    },
  );

  app.get(
    '/procedures/:id',
    {
      config: { access: 'procedures.read' },
      schema: { params: IdParamsSchema, querystring: DetailQuerySchema, summary: 'Procedure page', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const procedure = await getProcedure(ucDeps, actor, request.params.id);
      const view = { procedure, canManage: roleHas(actor.role, 'procedures.manage'), saved: request.query.saved === '1', today: today() };
      return sendHtml(reply, <ProcedureDetailPage ctx={request.viewContext()} view={view} />);
    },
  );

  app.get(
    '/procedures/:id/edit',
    { config: { access: 'procedures.manage' }, schema: { params: IdParamsSchema, summary: 'New version form', tags: TAGS } },
    async (request, reply) => {
      const p = await getProcedure(ucDeps, actorOf(request), request.params.id);
      const latestId = p.history[0]?.id ?? p.id;
      // Only the latest version can be followed by a new one: go there instead.
      if (latestId !== p.id) return reply.redirect(`/procedures/${latestId}/edit`, 303);
      return renderForm(request, reply, {
        mode: 'version',
        action: `/procedures/${p.id}`,
        values: procedureToForm(p, suggestEffectiveFrom(today(), p.effectiveFrom)),
        error: null,
        rows: NO_ROWS,
        current: p,
      });
    },
  );

  app.post(
    '/procedures/:id',
    {
      config: { access: 'procedures.manage' },
      schema: { params: IdParamsSchema, body: ProcedureFormBodySchema, summary: 'Save a new version (form)', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      const form = formToBody(request.body, 'version');
      try {
        const input = parseTranslated(ProcedureVersionBodySchema, form.body, request.locale);
        const created = await addProcedureVersion(ucDeps, actor, id, input, auditMetaOf(request, actor, deps.clock), request.locale);
        return reply.redirect(`/procedures/${created.id}?saved=1`, 303);
      } catch (e) {
        if (!isShownInForm(e)) throw e;
        // Keep what the user typed; on a conflict, also point at the latest version to re-apply it there.
        const current = await getProcedure(ucDeps, actor, id);
        const latestId = e.status === 409 ? (current.history[0]?.id ?? current.id) : undefined;
        const view: ProcedureFormView = {
          mode: 'version',
          action: `/procedures/${id}`,
          values: request.body,
          error: e,
          rows: form,
          current,
          ...(latestId === undefined ? {} : { latestId }),
        };
        return renderForm(request, reply, view, e.status);
      }
    },
  );

  await app.register(proceduresApi, deps);
};
