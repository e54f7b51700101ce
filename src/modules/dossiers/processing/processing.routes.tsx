import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../../app.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { roleHas } from '../../../platform/auth/roles.ts';
import { AppError, ERROR_TABLE } from '../../../platform/errors/app-error.ts';
import { sendFragment, sendHtml } from '../../../platform/html/render.ts';
import { IdParamsSchema } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf, wantsFragment } from '../../../platform/http/route-helpers.ts';
import type { MessageKey, Translate } from '../../../platform/i18n/index.ts';
import { createMailer } from '../../../platform/providers/mail.ts';
import { formatInstant } from '../../../platform/time/format.ts';
import { DOSSIER_ACTIONS } from '../lifecycle/state-machine.ts';
import { DossierDetailPage } from '../pages/dossier-detail.page.tsx';
import type { DossiersDeps } from '../use-cases/deps.ts';
import { getDossier } from '../use-cases/read-dossiers.ts';
import { factsApi } from './facts.api.ts';
import { FactsFormSchema } from './facts.schemas.ts';
import type { ProcessingPanelView } from './pages/actions.partial.tsx';
import { InboxPage, InboxResults, type InboxView } from './pages/inbox.page.tsx';
import { actionLabel } from './pages/labels.ts';
import { processingApi } from './processing.api.ts';
import { listUnitUsers } from './processing.repository.ts';
import { ApologyBodySchema, AssignBodySchema, BulkBodySchema, InboxQuerySchema, TransitionBodySchema } from './processing.schemas.ts';
import { issueApology } from './use-cases/apology.ts';
import { assignDossier } from './use-cases/assign.ts';
import { bulkAction } from './use-cases/bulk.ts';
import type { ProcessingDeps } from './use-cases/deps.ts';
import { listInbox } from './use-cases/inbox.ts';
import { getFacts, recordFacts } from './use-cases/record-facts.ts';
import { applyTransition } from './use-cases/transition.ts';
import { getProcessingView } from './use-cases/view.ts';

export type ProcessingPluginOptions = { deps: ModuleDeps; ucDeps: ProcessingDeps };

/** Form posts are flat text fields (ids repeat); the API schemas check them after this loose shape. */
const FormBodySchema = z.record(z.string().max(64), z.union([z.string().max(2000), z.array(z.string().max(20)).max(100)]));

/** The notices the dossier page shows after a processing form redirects back to it. */
export const ProcessingNoticeQueryFields = {
  done: z.enum(DOSSIER_ACTIONS).optional(),
  assigned: z.string().max(1).optional(),
  apology: z.string().max(1).optional(),
  facts: z.string().max(1).optional(),
};

export function processingNotice(
  t: Translate,
  query: { done?: string | undefined; assigned?: string | undefined; apology?: string | undefined; facts?: string | undefined },
  panel: ProcessingPanelView | null,
): string | null {
  if (query.done) return t('processing.actions.done', { action: actionLabel(t, query.done) });
  if (query.assigned === '1' && panel?.processing.assignee)
    return t('processing.actions.assigned', { name: panel.processing.assignee.name });
  if (query.apology === '1') return t('processing.apology.issued', { date: formatInstant(panel?.processing.appointmentAt) });
  if (query.facts === '1') return t('processing.facts.recorded');
  return null;
}

/** The processing block of the dossier page; the dossier page's own route calls this. */
export async function loadProcessingPanel(
  deps: Pick<ProcessingDeps, 'db' | 'clock'>,
  actor: Actor,
  id: number,
): Promise<ProcessingPanelView> {
  const [processing, facts] = await Promise.all([getProcessingView(deps, actor, id), getFacts(deps, actor, id)]);
  const specialists =
    processing.canAssign && actor.unitId !== null
      ? (await listUnitUsers(deps.db, actor.unitId, 'field_specialist')).map((u) => ({ id: u.id, name: u.displayName }))
      : [];
  return { processing, specialists, facts };
}

function parseForm<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new AppError(
    'VALIDATION_FAILED',
    {},
    result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
}

const errorText = (request: FastifyRequest, e: AppError) =>
  [request.t(ERROR_TABLE[e.code].key as MessageKey, e.params), ...e.fieldProblems.map((p) => `${p.path}: ${p.message}`)].join(' ');

export const processingModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: ProcessingDeps = { db: deps.db, clock: deps.clock, mailer: createMailer(deps.config) };
  const dossiersDeps: DossiersDeps = { db: deps.db, clock: deps.clock };
  await app.register(processingApi, { deps, ucDeps });
  await app.register(factsApi, { deps, ucDeps });

  const inboxView = async (
    request: FastifyRequest,
    query: z.output<typeof InboxQuerySchema>,
    notice: string | null,
    problems: string[],
  ) => {
    const actor = actorOf(request);
    const canBulk = roleHas(actor.role, 'dossiers.assign');
    const [result, specialists] = await Promise.all([
      listInbox(ucDeps, actor, query),
      canBulk && actor.unitId !== null ? listUnitUsers(deps.db, actor.unitId, 'field_specialist') : [],
    ]);
    return {
      query,
      result,
      canBulk,
      specialists: specialists.map((u) => ({ id: u.id, name: u.displayName })),
      notice,
      problems,
    } satisfies InboxView;
  };

  app.get('/inbox', { config: { access: 'dossiers.process' }, schema: { querystring: InboxQuerySchema } }, async (request, reply) => {
    const view = await inboxView(request, request.query, null, []);
    const ctx = request.viewContext();
    reply.header('Vary', 'HX-Request');
    if (wantsFragment(request)) return sendFragment(reply, <InboxResults ctx={ctx} view={view} />);
    return sendHtml(reply, <InboxPage ctx={ctx} view={view} />);
  });

  app.post('/inbox/bulk', { config: { access: 'dossiers.assign' }, schema: { body: FormBodySchema } }, async (request, reply) => {
    const actor = actorOf(request);
    const raw = request.body;
    const ids = raw.ids === undefined ? [] : Array.isArray(raw.ids) ? raw.ids : [raw.ids];
    const query = InboxQuerySchema.parse({});
    if (ids.length === 0) {
      const view = await inboxView(request, query, request.t('processing.bulk.noneSelected'), []);
      return sendHtml(reply, <InboxPage ctx={request.viewContext()} view={view} />, 400);
    }
    const input = parseForm(BulkBodySchema, { ...raw, ids });
    const outcomes = await bulkAction(ucDeps, actor, input, auditMetaOf(request, actor, deps.clock));
    const failed = outcomes.flatMap((o) =>
      o.ok ? [] : [request.t('processing.bulk.failedItem', { id: o.id, message: errorText(request, o.error) })],
    );
    const notice = request.t('processing.bulk.done', { ok: outcomes.length - failed.length, failed: failed.length });
    const view = await inboxView(request, query, notice, failed);
    return sendHtml(reply, <InboxPage ctx={request.viewContext()} view={view} />);
  });

  /** After a refused form: the dossier page again, with the reason, and the status of the refusal. */
  const refusedPage = async (request: FastifyRequest, id: number, e: AppError) => {
    const actor = actorOf(request);
    const dossier = await getDossier(dossiersDeps, actor, id);
    const canDecide = roleHas(actor.role, 'dossiers.receive') && dossier.status === 1 && dossier.competentUnit.id === actor.unitId;
    const processing = await loadProcessingPanel(ucDeps, actor, id);
    return (
      <DossierDetailPage
        ctx={request.viewContext()}
        view={{ dossier, canDecide, notice: null, error: errorText(request, e), processing }}
      />
    );
  };
  const formRoute = (
    path: string,
    access: 'dossiers.process' | 'dossiers.assign',
    run: (request: FastifyRequest, actor: Actor, id: number, body: Record<string, unknown>) => Promise<string>,
  ) =>
    app.post(path, { config: { access }, schema: { params: IdParamsSchema, body: FormBodySchema } }, async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      try {
        const query = await run(request, actor, id, request.body);
        return reply.redirect(`/dossiers/${id}?${query}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.status === 404 || e.status === 403) throw e;
        return sendHtml(reply, await refusedPage(request, id, e), e.status);
      }
    });

  formRoute('/dossiers/:id/transitions', 'dossiers.process', async (request, actor, id, body) => {
    const input = parseForm(TransitionBodySchema, body);
    await applyTransition(ucDeps, actor, id, input, auditMetaOf(request, actor, deps.clock));
    return `done=${input.action}`;
  });

  formRoute('/dossiers/:id/assign', 'dossiers.assign', async (request, actor, id, body) => {
    await assignDossier(ucDeps, actor, id, parseForm(AssignBodySchema, body), auditMetaOf(request, actor, deps.clock));
    return 'assigned=1';
  });

  formRoute('/dossiers/:id/facts', 'dossiers.process', async (request, actor, id, body) => {
    await recordFacts(ucDeps, actor, id, parseForm(FactsFormSchema, body), auditMetaOf(request, actor, deps.clock));
    return 'facts=1';
  });

  formRoute('/dossiers/:id/apology', 'dossiers.process', async (request, actor, id, body) => {
    await issueApology(ucDeps, actor, id, parseForm(ApologyBodySchema, body), auditMetaOf(request, actor, deps.clock));
    return 'apology=1';
  });
};
