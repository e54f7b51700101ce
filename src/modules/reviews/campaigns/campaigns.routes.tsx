import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../../app.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { isUnitRole, roleHas } from '../../../platform/auth/roles.ts';
import { AppError, type FieldProblem } from '../../../platform/errors/app-error.ts';
import { sendFragment, sendHtml } from '../../../platform/html/render.ts';
import { blankToUndefined } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf, wantsFragment } from '../../../platform/http/route-helpers.ts';
import { type MessageKey, translate } from '../../../platform/i18n/index.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { CampaignListQuerySchema, IdParamsSchema, PageQuerySchema } from './campaigns.schemas.ts';
import { CampaignDetailPage, type CampaignDetailView, type DetailAction, ParticipantsFragment } from './pages/campaign-detail.page.tsx';
import { CampaignFormPage } from './pages/campaign-form.page.tsx';
import {
  blankValues,
  CampaignFormBodySchema,
  type CampaignFormValues,
  formToBody,
  formValues,
  peopleLines,
} from './pages/campaign-form.ts';
import { CampaignListPage, CampaignResults } from './pages/campaign-list.page.tsx';
import { CampaignResultsPage } from './pages/campaign-results.page.tsx';
import { resultsPdf, resultsWorkbook } from './results-export.ts';
import {
  advanceCampaign,
  type CampaignsDeps,
  createCampaign,
  getCampaign,
  listCampaignParticipants,
  listCampaignSnapshots,
  listCampaigns,
  lockCampaign,
  reopenCampaign,
} from './use-cases/campaigns.ts';
import { campaignDashboard, PDF_ROW_BOUND, resolvePeople, resultsExport, setUpOptions, XLSX_ROW_BOUND } from './use-cases/dashboard.ts';

const TAGS = ['review campaigns'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NOTICES = ['created', 'advance', 'lock', 'reopen'] as const;

const DetailQuerySchema = PageQuerySchema.extend({
  done: z.preprocess(blankToUndefined, z.enum(NOTICES).optional()),
});
const UnitFilterSchema = z.object({
  unit: z.preprocess(blankToUndefined, z.coerce.number().int().positive().max(2_147_483_647).optional()),
});
const ActionFormSchema = z.record(z.string().max(64), z.union([z.string().max(10_000), z.array(z.string().max(64)).max(10)]));

/** Refusals shown inside the page (bad input, a stage or version conflict, an empty scope); the rest go to the error page. */
function isShownInPage(e: unknown): e is AppError {
  return e instanceof AppError && [400, 409, 422].includes(e.status);
}

const field = (body: Record<string, string | string[]>, name: string) => {
  const v = body[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};

/** Whether the actor runs this campaign (the use cases check it again on every write). */
const canManageCampaign = (actor: Actor, ownerUnitId: number | null) =>
  roleHas(actor.role, 'reviews.manage') && (!isUnitRole(actor.role) || ownerUnitId === actor.unitId);

/** The Vietnamese translator: exports are filed documents, written in Vietnamese whatever the page language. */
const tVi = (key: MessageKey, params?: Record<string, string | number>) => translate('vi', key, params);

/**
 * /reviews/campaigns: list, set-up form, detail with advance / lock / reopen, and the results
 * dashboard (pages); GET /api/v1/review-campaigns/:id/results.xlsx and .pdf (exports). Every
 * page calls the campaign use cases, which decide what the actor may read or run.
 */
export const reviewCampaignPagesModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: CampaignsDeps = { db: deps.db, clock: deps.clock };
  const thisYear = () => Number(domainToday(deps.clock.now()).slice(0, 4));

  const renderForm = async (request: FastifyRequest, reply: FastifyReply, values: CampaignFormValues, error: AppError | null) => {
    const options = await setUpOptions(ucDeps, actorOf(request));
    return sendHtml(
      reply,
      <CampaignFormPage ctx={request.viewContext()} view={{ values, error, ...options }} />,
      error ? error.status : 200,
    );
  };

  const detailView = async (
    request: FastifyRequest,
    id: number,
    paging: { page: number; pageSize: number },
    failed: CampaignDetailView['failed'],
    notice: string | null,
  ): Promise<CampaignDetailView> => {
    const actor = actorOf(request);
    const campaign = await getCampaign(ucDeps, actor, id);
    const [participants, snapshots] = await Promise.all([
      listCampaignParticipants(ucDeps, actor, id, paging),
      listCampaignSnapshots(ucDeps, actor, id),
    ]);
    return {
      campaign,
      participants,
      snapshots,
      canManage: canManageCampaign(actor, campaign.ownerUnitId),
      links: { supervisor: roleHas(actor.role, 'reviews.supervise'), council: roleHas(actor.role, 'reviews.council') },
      failed,
      notice,
    };
  };

  app.get(
    '/reviews/campaigns',
    {
      config: { access: 'reviews.read' },
      schema: { querystring: CampaignListQuerySchema, summary: 'Review campaigns (page)', tags: TAGS, hide: true },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await listCampaigns(ucDeps, actor, request.query);
      const y = thisYear();
      const years = [...new Set([y + 1, y, y - 1, y - 2, y - 3, ...(request.query.year ? [request.query.year] : [])])].sort(
        (a, b) => b - a,
      );
      const view = { query: request.query, result, canManage: roleHas(actor.role, 'reviews.manage'), years };
      const ctx = request.viewContext();
      reply.header('Vary', 'HX-Request');
      if (wantsFragment(request)) return sendFragment(reply, <CampaignResults ctx={ctx} view={view} />);
      return sendHtml(reply, <CampaignListPage ctx={ctx} view={view} />);
    },
  );

  app.get(
    '/reviews/campaigns/new',
    { config: { access: 'reviews.manage' }, schema: { summary: 'New review campaign form', tags: TAGS, hide: true } },
    async (request, reply) => renderForm(request, reply, blankValues(thisYear()), null),
  );

  app.post(
    '/reviews/campaigns',
    {
      config: { access: 'reviews.manage' },
      schema: { body: CampaignFormBodySchema, summary: 'Open a review campaign (form)', tags: TAGS, hide: true },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const t = request.viewContext().t;
      const values = formValues(request.body);
      try {
        let staffIds: number[] = [];
        const peopleProblems: FieldProblem[] = [];
        if (values.scopeKind === 'PEOPLE') {
          const resolved = await resolvePeople(ucDeps, actor, peopleLines(values.people));
          staffIds = resolved.staffIds;
          for (const p of resolved.problems)
            peopleProblems.push({
              path: 'people',
              message: t(p.reason === 'FORMAT' ? 'reviewCampaigns.form.personFormat' : 'reviewCampaigns.form.personNotFound', {
                line: p.line,
                text: p.text,
              }),
            });
        }
        const body = formToBody(values, staffIds, t, peopleProblems);
        const created = await createCampaign(ucDeps, actor, body, auditMetaOf(request, actor, deps.clock), request.locale);
        return reply.redirect(`/reviews/campaigns/${created.id}?done=created`, 303);
      } catch (e) {
        // A unit out of reach (only by editing the form: it offers reachable units only) stays a 404, audited as refused.
        if (!isShownInPage(e)) throw e;
        return renderForm(request, reply, values, e);
      }
    },
  );

  app.get(
    '/reviews/campaigns/:id',
    {
      config: { access: 'reviews.read' },
      schema: { params: IdParamsSchema, querystring: DetailQuerySchema, summary: 'Review campaign (page)', tags: TAGS, hide: true },
    },
    async (request, reply) => {
      const ctx = request.viewContext();
      const { done, page, pageSize } = request.query;
      const view = await detailView(
        request,
        request.params.id,
        { page, pageSize },
        null,
        done ? ctx.t(`reviewCampaigns.done.${done}`) : null,
      );
      reply.header('Vary', 'HX-Request');
      if (wantsFragment(request)) return sendFragment(reply, <ParticipantsFragment ctx={ctx} view={view} />);
      return sendHtml(reply, <CampaignDetailPage ctx={ctx} view={view} />);
    },
  );

  /** One of the three actions: checks the form, runs the use case, redirects; a refusal re-renders the page in place. */
  const action = (name: DetailAction) =>
    app.post(
      `/reviews/campaigns/:id/${name}`,
      {
        config: { access: 'reviews.manage' },
        schema: { params: IdParamsSchema, body: ActionFormSchema, summary: `Campaign action: ${name} (form)`, tags: TAGS, hide: true },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { id } = request.params;
        const t = request.viewContext().t;
        const reason = field(request.body, 'reason');
        try {
          const problems: FieldProblem[] = [];
          const versionText = field(request.body, 'expectedVersion');
          const expectedVersion = Number(versionText);
          if (!/^\d{1,10}$/.test(versionText) || expectedVersion < 1 || expectedVersion > 2_147_483_647)
            problems.push({ path: 'expectedVersion', message: t('reviewCampaigns.form.staleForm') });
          if (name !== 'reopen' && field(request.body, 'confirm') !== 'yes')
            problems.push({ path: 'confirm', message: t('reviewCampaigns.form.confirmRequired') });
          if (name === 'reopen' && reason.length > 2000) problems.push({ path: 'reason', message: t('reviewCampaigns.form.tooLong') });
          if (problems.length > 0) throw new AppError('VALIDATION_FAILED', {}, problems);
          const meta = auditMetaOf(request, actor, deps.clock);
          if (name === 'advance') await advanceCampaign(ucDeps, actor, id, expectedVersion, meta);
          else if (name === 'lock') await lockCampaign(ucDeps, actor, id, expectedVersion, meta, request.locale);
          else await reopenCampaign(ucDeps, actor, id, { reason, expectedVersion }, meta);
          return reply.redirect(`/reviews/campaigns/${id}?done=${name}`, 303);
        } catch (e) {
          if (!isShownInPage(e)) throw e;
          const view = await detailView(request, id, { page: 1, pageSize: 20 }, { action: name, error: e, reason }, null);
          return sendHtml(reply, <CampaignDetailPage ctx={request.viewContext()} view={view} />, e.status);
        }
      },
    );
  action('advance');
  action('lock');
  action('reopen');

  app.get(
    '/reviews/campaigns/:id/results',
    {
      config: { access: 'reviews.read' },
      schema: {
        params: IdParamsSchema,
        querystring: UnitFilterSchema,
        summary: 'Campaign results dashboard (page)',
        tags: TAGS,
        hide: true,
      },
    },
    async (request, reply) => {
      const d = await campaignDashboard(ucDeps, actorOf(request), request.params.id, { unitId: request.query.unit });
      return sendHtml(reply, <CampaignResultsPage ctx={request.viewContext()} d={d} />);
    },
  );

  const EXPORT_DESCRIPTION =
    'One row per participant (name, unit, body, position, position group, score, computed rating, final rating, screening outcome, number of gaps) and the distributions by unit, body and field; in Vietnamese. Text cells starting with = + - @, tab or carriage return get a leading apostrophe. Province roles reach the province’s campaigns (optionally one unit with `unit`); unit roles their own unit’s campaigns and their unit’s participants of a province campaign. Anything else answers 404.';

  app.get(
    '/api/v1/review-campaigns/:id/results.xlsx',
    {
      config: { access: 'reviews.read' },
      schema: {
        tags: TAGS,
        summary: 'Campaign results as XLSX: participants and a summary sheet',
        description: `${EXPORT_DESCRIPTION} At most ${XLSX_ROW_BOUND} rows.`,
        params: IdParamsSchema,
        querystring: UnitFilterSchema,
      },
    },
    async (request, reply) => {
      const data = await resultsExport(ucDeps, actorOf(request), request.params.id, { unitId: request.query.unit }, XLSX_ROW_BOUND);
      const body = await resultsWorkbook(data, tVi);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="ket-qua-danh-gia-${data.dashboard.campaign.id}.xlsx"`)
        .send(body);
    },
  );

  app.get(
    '/api/v1/review-campaigns/:id/results.pdf',
    {
      config: { access: 'reviews.read' },
      schema: {
        tags: TAGS,
        summary: 'Campaign results as PDF (A4 landscape): title, campaign, date, participants, distribution by unit',
        description: `${EXPORT_DESCRIPTION} At most ${PDF_ROW_BOUND} participant rows (the document says so when cut; the XLSX holds them all).`,
        params: IdParamsSchema,
        querystring: UnitFilterSchema,
      },
    },
    async (request, reply) => {
      const data = await resultsExport(ucDeps, actorOf(request), request.params.id, { unitId: request.query.unit }, PDF_ROW_BOUND);
      const body = await resultsPdf(data, tVi, domainToday(deps.clock.now()));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="ket-qua-danh-gia-${data.dashboard.campaign.id}.pdf"`)
        .send(body);
    },
  );
};
