import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { roleHas } from '../../platform/auth/roles.ts';
import { AppError, ERROR_TABLE } from '../../platform/errors/app-error.ts';
import { sendFragment, sendHtml } from '../../platform/html/render.ts';
import { IdParamsSchema } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf, wantsFragment } from '../../platform/http/route-helpers.ts';
import type { Locale, MessageKey } from '../../platform/i18n/index.ts';
import { dossiersApi } from './dossiers.api.ts';
import {
  AcceptBodySchema,
  DossierIntakeBodySchema,
  DossierListQuerySchema,
  OnlineSubmissionBodySchema,
  RefuseBodySchema,
} from './dossiers.schemas.ts';
import { INTAKE_STATUS } from './intake-status.ts';
import { DossierDetailPage } from './pages/dossier-detail.page.tsx';
import { DossierFormPage, type DossierFormView } from './pages/dossier-form.page.tsx';
import { DossierListPage, DossierResults } from './pages/dossier-list.page.tsx';
import { loadProcessingPanel, ProcessingNoticeQueryFields, processingNotice } from './processing/processing.routes.tsx';
import { acceptDossier, refuseDossier } from './use-cases/decide-online.ts';
import type { DossiersDeps } from './use-cases/deps.ts';
import { intakeFormOptions } from './use-cases/form-options.ts';
import { getDossier, listDossiers } from './use-cases/read-dossiers.ts';
import { receiveDossier } from './use-cases/receive-dossier.ts';
import { submitOnline } from './use-cases/submit-online.ts';

/** Form posts are flat text fields; the API schemas check them after this loose shape. */
const FormBodySchema = z.record(z.string().max(64), z.string().max(2000));
const DetailQuerySchema = z.object({ received: z.string().max(1).optional(), ...ProcessingNoticeQueryFields });
const SubmitQuerySchema = z.object({ province: z.string().max(16).optional() });

const ZOD_LOCALES = { vi: z.locales.vi, en: z.locales.en, id: z.locales.id };

/** Parses a form with the API schema, answering Zod's messages in the user's language. */
function parseForm<S extends z.ZodType>(schema: S, raw: unknown, locale: Locale): z.output<S> {
  const result = schema.safeParse(raw, { error: ZOD_LOCALES[locale]().localeError });
  if (result.success) return result.data;
  throw new AppError(
    'VALIDATION_FAILED',
    {},
    result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}

/** Business refusals name the field the user should change, so the form can point at it. */
const FIELD_OF: Partial<Record<string, string>> = {
  DOSSIER_PROCEDURE_NOT_IN_FORCE: 'procedureCode',
  DOSSIER_PAPER_REFUSED: 'procedureCode',
  DOSSIER_ONLINE_NOT_OFFERED: 'procedureCode',
  DOSSIER_COMPETENT_UNIT_INVALID: 'competentUnitId',
};

function formError(request: FastifyRequest, e: AppError): NonNullable<DossierFormView['error']> {
  const message = request.t(ERROR_TABLE[e.code].key as MessageKey, e.params);
  const field = FIELD_OF[e.code];
  const problems = e.fieldProblems.length > 0 ? e.fieldProblems : field ? [{ path: field, message }] : [];
  return { message, problems };
}

export const dossiersModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: DossiersDeps = { db: deps.db, clock: deps.clock };
  await app.register(dossiersApi, deps);

  app.get('/dossiers', { config: { access: 'dossiers.read' }, schema: { querystring: DossierListQuerySchema } }, async (request, reply) => {
    const actor = actorOf(request);
    const result = await listDossiers(ucDeps, actor, request.query);
    const view = { query: request.query, result, canReceive: roleHas(actor.role, 'dossiers.receive') };
    const ctx = request.viewContext();
    reply.header('Vary', 'HX-Request');
    if (wantsFragment(request)) return sendFragment(reply, <DossierResults ctx={ctx} view={view} />);
    return sendHtml(reply, <DossierListPage ctx={ctx} view={view} />);
  });

  const intakeForm = async (
    request: FastifyRequest,
    values: Record<string, string>,
    error: DossierFormView['error'],
  ): Promise<DossierFormView> => {
    const options = await intakeFormOptions(ucDeps, actorOf(request), undefined, request.t, request.locale, false);
    return { mode: 'counter', action: '/dossiers/new', values, error, procedures: options.procedures, units: options.units };
  };

  app.get('/dossiers/new', { config: { access: 'dossiers.receive' } }, async (request, reply) => {
    const actor = actorOf(request);
    const view = await intakeForm(request, { competentUnitId: String(actor.unitId ?? '') }, null);
    return sendHtml(reply, <DossierFormPage ctx={request.viewContext()} view={view} />);
  });

  app.post('/dossiers/new', { config: { access: 'dossiers.receive' }, schema: { body: FormBodySchema } }, async (request, reply) => {
    const actor = actorOf(request);
    try {
      const input = parseForm(DossierIntakeBodySchema, request.body, request.locale);
      const outcome = await receiveDossier(ucDeps, actor, input, auditMetaOf(request, actor, deps.clock));
      return reply.redirect(`/dossiers/${outcome.body.id}?received=1`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.status === 404 || e.status === 403) throw e;
      const view = await intakeForm(request, request.body, formError(request, e));
      return sendHtml(reply, <DossierFormPage ctx={request.viewContext()} view={view} />, e.status);
    }
  });

  const detailView = async (request: FastifyRequest, id: number, notice: string | null, error: string | null) => {
    const actor = actorOf(request);
    const dossier = await getDossier(ucDeps, actor, id);
    const canDecide =
      roleHas(actor.role, 'dossiers.receive') &&
      dossier.status === INTAKE_STATUS.SUBMITTED_ONLINE &&
      dossier.competentUnit.id === actor.unitId;
    const processing = await loadProcessingPanel(ucDeps, actor, id);
    return { dossier, canDecide, notice, error, processing };
  };

  app.get(
    '/dossiers/:id',
    { config: { access: 'dossiers.read' }, schema: { params: IdParamsSchema, querystring: DetailQuerySchema } },
    async (request, reply) => {
      const view = await detailView(request, request.params.id, null, null);
      const notice =
        request.query.received === '1'
          ? request.t('dossiers.detail.received', { code: view.dossier.code })
          : processingNotice(request.t, request.query, view.processing);
      return sendHtml(reply, <DossierDetailPage ctx={request.viewContext()} view={{ ...view, notice }} />);
    },
  );

  for (const action of ['accept', 'refuse'] as const) {
    app.post(
      `/dossiers/:id/${action}`,
      { config: { access: 'dossiers.receive' }, schema: { params: IdParamsSchema, body: FormBodySchema } },
      async (request, reply) => {
        const actor = actorOf(request);
        const id = request.params.id;
        const meta = auditMetaOf(request, actor, deps.clock);
        try {
          if (action === 'accept') {
            await acceptDossier(ucDeps, actor, id, parseForm(AcceptBodySchema, request.body, request.locale).version, meta);
          } else {
            await refuseDossier(ucDeps, actor, id, parseForm(RefuseBodySchema, request.body, request.locale), meta);
          }
          return reply.redirect(`/dossiers/${id}`, 303);
        } catch (e) {
          if (!(e instanceof AppError) || e.status >= 500 || e.status === 404 || e.status === 403) throw e;
          const error = formError(request, e);
          const detail = [error.message, ...error.problems.map((p) => p.message)].join(' ');
          const view = await detailView(request, id, null, detail);
          return sendHtml(reply, <DossierDetailPage ctx={request.viewContext()} view={view} />, e.status);
        }
      },
    );
  }

  const publicForm = async (
    request: FastifyRequest,
    province: string | undefined,
    values: Record<string, string>,
    error: DossierFormView['error'],
    doneCode?: string,
  ): Promise<DossierFormView> => {
    const options = await intakeFormOptions(ucDeps, null, province, request.t, request.locale, true);
    return {
      mode: 'public',
      action: `/submit?province=${encodeURIComponent(options.provinceCode)}`,
      values,
      error,
      procedures: options.procedures,
      units: options.units,
      ...(doneCode ? { doneCode } : {}),
    };
  };

  app.get('/submit', { config: { access: 'public' }, schema: { querystring: SubmitQuerySchema } }, async (request, reply) => {
    const view = await publicForm(request, request.query.province, {}, null);
    return sendHtml(reply, <DossierFormPage ctx={request.viewContext()} view={view} />);
  });

  app.post(
    '/submit',
    { config: { access: 'public' }, schema: { querystring: SubmitQuerySchema, body: FormBodySchema } },
    async (request, reply) => {
      try {
        const input = parseForm(OnlineSubmissionBodySchema, request.body, request.locale);
        const outcome = await submitOnline(ucDeps, input, { requestId: request.id, at: deps.clock.now().toISOString() });
        // Shown on the page rather than in a redirect URL, so a forged link cannot claim a code.
        const view = await publicForm(request, request.query.province, {}, null, outcome.body.code);
        return sendHtml(reply, <DossierFormPage ctx={request.viewContext()} view={view} />, 201);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) throw e;
        const view = await publicForm(request, request.query.province, request.body, formError(request, e));
        return sendHtml(reply, <DossierFormPage ctx={request.viewContext()} view={view} />, e.status);
      }
    },
  );
};
