import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../../app.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { sendHtml } from '../../../platform/html/render.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import { type MessageKey, translate } from '../../../platform/i18n/index.ts';
import { getRuleInForce } from '../../../platform/rules/rules.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { BatchPage, batchHref, type GenerateFormView, RunPlacementsPage } from './pages/placement.page.tsx';
import {
  AcceptBodySchema,
  BatchParamsSchema,
  GenerateBodySchema,
  RecommendationParamsSchema,
  RejectBodySchema,
  RunParamsSchema,
} from './placement.schemas.ts';
import { placementPdf, placementWorkbook } from './placement-export.ts';
import {
  acceptRecommendation,
  findRecommendationBatch,
  generateBatch,
  getBatch,
  latestBatchOf,
  type PlacementDeps,
  rejectRecommendation,
} from './use-cases/placements.ts';

const TAGS = ['staffing'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZOD_LOCALES = { vi: z.locales.vi, en: z.locales.en, id: z.locales.id };
const FormBodySchema = z.record(z.string().max(64), z.union([z.string().max(2000), z.array(z.string().max(2000)).max(5)]));
type FormBody = z.infer<typeof FormBodySchema>;

/** Exports are filed documents, written in Vietnamese whatever the page language. */
const tVi = (key: MessageKey, params?: Record<string, string | number>) => translate('vi', key, params);

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/** Refusals shown on the page (bad input, conflicts); anything else goes to the error pages. */
const isShown = (e: unknown): e is AppError => e instanceof AppError && [400, 409, 422].includes(e.status);

/** Form text → API body: blank → absent, digits → numbers, anything else as typed so the schema refuses it. */
export function acceptBodyFromForm(b: FormBody): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const version = single(b.version);
  out.version = /^\d{1,9}$/.test(version) ? Number(version) : version;
  for (const k of ['startDate', 'kind', 'endDate'] as const) {
    const v = single(b[k]);
    if (v !== '') out[k] = v;
  }
  return out;
}

export function generateBodyFromForm(b: FormBody): Record<string, unknown> {
  const share = single(b.maxSharePercent);
  const out: Record<string, unknown> = {
    includeLeadership: single(b.includeLeadership) === 'on',
    forbidOutsideDistrict: single(b.forbidOutsideDistrict) === 'on',
  };
  if (share !== '') out.maxShareMovedPerUnit = /^\d{1,3}(\.\d+)?$/.test(share) ? Number(share) / 100 : share;
  return out;
}

/**
 * Placement pages (issue 5 §6): a run's placements (generate form, latest batch, every batch),
 * one batch (recommendations, explanations, accept/reject forms that work without JS) and its
 * XLSX/PDF exports. Decisions redirect back to the batch (303); a refusal re-renders the batch
 * page with the translated error and its status.
 */
export const placementPages: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: PlacementDeps = { db: deps.db, clock: deps.clock };

  const parse = <T,>(schema: z.ZodType<T>, raw: unknown, request: FastifyRequest): T => {
    const parsed = schema.safeParse(raw, { error: ZOD_LOCALES[request.locale]().localeError });
    if (!parsed.success)
      throw new AppError(
        'VALIDATION_FAILED',
        {},
        parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      );
    return parsed.data;
  };

  const renderRun = async (request: FastifyRequest, reply: FastifyReply, runId: number, error: AppError | null, status = 200) => {
    const actor = actorOf(request);
    const [{ list, latest }, rule] = await Promise.all([
      latestBatchOf(ucDeps, actor, runId),
      getRuleInForce(deps.db, 'staffing.placement', actor.provinceCode, domainToday(deps.clock.now())),
    ]);
    const form: GenerateFormView = { rule: rule.value, error };
    reply.header('Cache-Control', 'no-store');
    return sendHtml(reply, <RunPlacementsPage ctx={request.viewContext()} list={list} latest={latest} form={form} />, status);
  };

  const renderBatch = async (request: FastifyRequest, reply: FastifyReply, batchId: number, error: AppError | null, status = 200) => {
    const batch = await getBatch(ucDeps, actorOf(request), batchId);
    reply.header('Cache-Control', 'no-store');
    const page = Number((request.query as { page?: string } | undefined)?.page) || 1;
    return sendHtml(reply, <BatchPage ctx={request.viewContext()} batch={batch} error={error} page={page} />, status);
  };

  app.get(
    '/staffing/runs/:runId/placements',
    {
      config: { access: 'staffing.place' },
      schema: { params: RunParamsSchema, summary: 'Placement recommendations of a run (page)', tags: TAGS, hide: true },
    },
    async (request, reply) => renderRun(request, reply, request.params.runId, null),
  );

  app.post(
    '/staffing/runs/:runId/placements',
    {
      config: { access: 'staffing.place' },
      schema: {
        params: RunParamsSchema,
        body: FormBodySchema,
        summary: 'Generate placement recommendations (form)',
        tags: TAGS,
        hide: true,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      try {
        const body = parse(GenerateBodySchema, generateBodyFromForm(request.body), request);
        const batch = await generateBatch(ucDeps, actor, request.params.runId, body, auditMetaOf(request, actor, deps.clock));
        return reply.redirect(batchHref(batch.id), 303);
      } catch (e) {
        if (!isShown(e)) throw e;
        return renderRun(request, reply, request.params.runId, e, e.status);
      }
    },
  );

  app.get(
    '/staffing/placements/:batchId',
    {
      config: { access: 'staffing.place' },
      schema: { params: BatchParamsSchema, summary: 'One placement batch (page)', tags: TAGS, hide: true },
    },
    async (request, reply) => renderBatch(request, reply, request.params.batchId, null),
  );

  const decisionRoute = (action: 'accept' | 'reject') =>
    app.post(
      `/staffing/placements/recommendations/:id/${action}`,
      {
        config: { access: 'staffing.place' },
        schema: {
          params: RecommendationParamsSchema,
          body: FormBodySchema,
          summary: action === 'accept' ? 'Accept a recommendation (form)' : 'Reject a recommendation (form)',
          tags: TAGS,
          hide: true,
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const meta = auditMetaOf(request, actor, deps.clock);
        const id = request.params.id;
        try {
          const rec =
            action === 'accept'
              ? await acceptRecommendation(ucDeps, actor, id, parse(AcceptBodySchema, acceptBodyFromForm(request.body), request), meta)
              : await rejectRecommendation(
                  ucDeps,
                  actor,
                  id,
                  parse(
                    RejectBodySchema,
                    { ...acceptBodyFromForm({ version: request.body.version ?? '' }), reason: single(request.body.reason) },
                    request,
                  ),
                  meta,
                );
          return reply.redirect(`${batchHref(rec.batchId)}#rec-${rec.id}`, 303);
        } catch (e) {
          if (!isShown(e)) throw e;
          // The batch of the recommendation, if the caller may see it (getBatch checks the province again).
          const batchId = await findRecommendationBatch(ucDeps, actor, id);
          return renderBatch(request, reply, batchId, e, e.status);
        }
      },
    );
  decisionRoute('accept');
  decisionRoute('reject');

  const exportSchema = (kind: string) => ({
    params: BatchParamsSchema,
    summary: `A placement batch as ${kind}: every recommendation with what it fixes, what it costs and the facts checked (in Vietnamese)`,
    description: 'Text cells starting with = + - @, tab or carriage return are neutralised. Another province’s batch answers 404.',
    tags: TAGS,
  });

  app.get(
    '/staffing/placements/:batchId/export.xlsx',
    { config: { access: 'staffing.place' }, schema: exportSchema('XLSX') },
    async (request, reply) => {
      const batch = await getBatch(ucDeps, { ...actorOf(request), locale: 'vi' }, request.params.batchId);
      const body = await placementWorkbook(batch, tVi);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="de-xuat-bo-tri-${batch.id}.xlsx"`)
        .header('Cache-Control', 'no-store')
        .send(body);
    },
  );

  app.get(
    '/staffing/placements/:batchId/export.pdf',
    { config: { access: 'staffing.place' }, schema: exportSchema('PDF') },
    async (request, reply) => {
      const batch = await getBatch(ucDeps, { ...actorOf(request), locale: 'vi' }, request.params.batchId);
      const body = await placementPdf(batch, tVi, domainToday(deps.clock.now()));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="de-xuat-bo-tri-${batch.id}.pdf"`)
        .header('Cache-Control', 'no-store')
        .send(body);
    },
  );
};
