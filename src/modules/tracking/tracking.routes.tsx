import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { AppError, ERROR_TABLE, type FieldProblem } from '../../platform/errors/app-error.ts';
import { sendHtml } from '../../platform/html/render.ts';
import { IdParamsSchema } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import type { Locale, MessageKey } from '../../platform/i18n/index.ts';
import { formatInstant } from '../../platform/time/format.ts';
import { FeedbackFormPage, type FeedbackFormView } from './pages/feedback-form.page.tsx';
import { FeedbackDetailPage, FeedbackManagePage } from './pages/feedback-manage.page.tsx';
import { RatingTabletPage, type RatingTabletView } from './pages/rating-tablet.page.tsx';
import { TrackPage, type TrackPageView } from './pages/track.page.tsx';
import { trackingApi } from './tracking.api.ts';
import { answersFromForm, choices, toTrackingResult } from './tracking.present.ts';
import {
  FeedbackAnswerBodySchema,
  FeedbackBodySchema,
  FeedbackListQuerySchema,
  PublicRatingBodySchema,
  StaffRatingBodySchema,
  TrackPageQuerySchema,
  TrackQuerySchema,
} from './tracking.schemas.ts';
import type { TrackingDeps } from './use-cases/deps.ts';
import { answerFeedback, feedbackUnits, getUnitFeedback, listUnitFeedback, submitFeedback } from './use-cases/feedback.ts';
import { loadDossierForTablet, rateAtCounter, rateFromTracking } from './use-cases/rate-dossier.ts';
import { trackDossier, trackingViewOf } from './use-cases/track-dossier.ts';

const FormBodySchema = z.record(z.string().max(64), z.string().max(6000));
const ProvinceQuerySchema = z.object({ province: z.string().max(16).optional() });
const NoticeQuerySchema = z.object({ saved: z.string().max(1).optional() });
const ZOD_LOCALES = { vi: z.locales.vi, en: z.locales.en, id: z.locales.id };

function parseForm<S extends z.ZodType>(schema: S, raw: unknown, locale: Locale): z.output<S> {
  const result = schema.safeParse(raw, { error: ZOD_LOCALES[locale]().localeError });
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw new AppError('VALIDATION_FAILED', {}, problems);
}

/** A refusal the page can show in place: client errors other than access refusals. */
function isShownInPage(e: unknown): e is AppError {
  return e instanceof AppError && e.status < 500 && e.status !== 403 && e.status !== 401;
}

function messageOf(request: FastifyRequest, e: AppError): string {
  return request.t(ERROR_TABLE[e.code].key as MessageKey, e.params);
}

/** Tracking answers are personal to the citizen: never kept by a browser or proxy cache. */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('Cache-Control', 'no-store');
}

export const trackingModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: TrackingDeps = { db: deps.db, clock: deps.clock };
  await app.register(trackingApi, deps);

  const trackPage = (request: FastifyRequest, reply: FastifyReply, view: TrackPageView, status = 200) =>
    sendHtml(noStore(reply), <TrackPage ctx={request.viewContext()} view={view} />, status);

  app.get('/track', { config: { access: 'public' }, schema: { querystring: TrackPageQuerySchema } }, async (request, reply) => {
    const code = request.query.code ?? '';
    const phone4 = request.query.phone4 ?? '';
    const empty: TrackPageView = { code, phone4, result: null, error: null, notice: null };
    if (code === '' && phone4 === '') return trackPage(request, reply, empty);
    try {
      const query = parseForm(TrackQuerySchema, { code, phone4 }, request.locale);
      const view = await trackDossier(ucDeps, query, request.ip);
      return trackPage(request, reply, { ...empty, code: query.code, result: toTrackingResult(view, request.t, request.locale) });
    } catch (e) {
      if (!isShownInPage(e)) throw e;
      // VALIDATION_FAILED also answers "not found": a malformed phone ending tells nothing either.
      const shown = e.code === 'VALIDATION_FAILED' ? new AppError('TRACKING_NOT_FOUND') : e;
      return trackPage(request, reply, { ...empty, error: messageOf(request, shown) }, shown.status);
    }
  });

  app.post('/track/rating', { config: { access: 'public' }, schema: { body: FormBodySchema } }, async (request, reply) => {
    const form = request.body;
    const base: TrackPageView = { code: form.code ?? '', phone4: form.phone4 ?? '', result: null, error: null, notice: null };
    let notice: string | null = null;
    let error: AppError | null = null;
    try {
      const body = parseForm(
        PublicRatingBodySchema,
        { code: form.code ?? '', phone4: form.phone4 ?? '', answers: answersFromForm(form), comment: form.comment ?? null },
        request.locale,
      );
      await rateFromTracking(ucDeps, body, request.ip, request.id);
      notice = request.t('rating.thanks');
    } catch (e) {
      if (!isShownInPage(e)) throw e;
      error = e;
    }
    if (error && (error.code === 'TRACKING_NOT_FOUND' || error.code === 'TRACKING_RATE_LIMITED')) {
      return trackPage(request, reply, { ...base, error: messageOf(request, error) }, error.status);
    }
    // The pair was right: show the dossier again with the outcome of the rating.
    try {
      const view = await trackDossier(ucDeps, parseForm(TrackQuerySchema, base, request.locale), request.ip);
      const result = toTrackingResult(view, request.t, request.locale);
      return trackPage(request, reply, { ...base, result, notice, error: error ? messageOf(request, error) : null }, error?.status ?? 200);
    } catch (e) {
      if (!isShownInPage(e)) throw e;
      return trackPage(request, reply, { ...base, error: messageOf(request, e) }, e.status);
    }
  });

  const tabletView = async (
    request: FastifyRequest,
    id: number,
    error: string | null,
    notice: string | null,
  ): Promise<RatingTabletView> => {
    const d = await loadDossierForTablet(ucDeps, actorOf(request), id);
    const v = await trackingViewOf(ucDeps, d);
    return {
      dossierId: id,
      code: d.code,
      canRate: v.canRate,
      rated: v.rated,
      criteria: choices(v.satisfaction.criteria, request.locale),
      levels: choices(v.satisfaction.levels, request.locale),
      error,
      notice,
    };
  };

  app.get('/dossiers/:id/rating', { config: { access: 'ratings.record' }, schema: { params: IdParamsSchema } }, async (request, reply) => {
    const view = await tabletView(request, request.params.id, null, null);
    return sendHtml(noStore(reply), <RatingTabletPage ctx={request.viewContext()} view={view} />);
  });

  app.post(
    '/dossiers/:id/rating',
    { config: { access: 'ratings.record' }, schema: { params: IdParamsSchema, body: FormBodySchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      try {
        const body = parseForm(
          StaffRatingBodySchema,
          { answers: answersFromForm(request.body), comment: request.body.comment ?? null },
          request.locale,
        );
        await rateAtCounter(ucDeps, actor, id, body, auditMetaOf(request, actor, deps.clock));
        const view = await tabletView(request, id, null, request.t('rating.thanks'));
        return sendHtml(reply, <RatingTabletPage ctx={request.viewContext()} view={view} />);
      } catch (e) {
        if (!isShownInPage(e) || e.status === 404) throw e;
        const view = await tabletView(request, id, messageOf(request, e), null);
        return sendHtml(reply, <RatingTabletPage ctx={request.viewContext()} view={view} />, e.status);
      }
    },
  );

  const feedbackForm = async (
    province: string | undefined,
    values: Record<string, string>,
    rest: Pick<FeedbackFormView, 'error' | 'notice'>,
  ) => {
    const { provinceCode, units } = await feedbackUnits(ucDeps, province);
    return { provinceCode, units, values, ...rest };
  };

  app.get('/feedback', { config: { access: 'public' }, schema: { querystring: ProvinceQuerySchema } }, async (request, reply) => {
    const view = await feedbackForm(request.query.province, {}, { error: null, notice: null });
    return sendHtml(reply, <FeedbackFormPage ctx={request.viewContext()} view={view} />);
  });

  app.post(
    '/feedback',
    { config: { access: 'public' }, schema: { querystring: ProvinceQuerySchema, body: FormBodySchema } },
    async (request, reply) => {
      try {
        const body = parseForm(FeedbackBodySchema, request.body, request.locale);
        const receipt = await submitFeedback(ucDeps, body, request.id);
        const notice = request.t('feedback.received', { id: receipt.id, due: formatInstant(receipt.dueAt) });
        const view = await feedbackForm(request.query.province, {}, { error: null, notice });
        return sendHtml(reply, <FeedbackFormPage ctx={request.viewContext()} view={view} />, 201);
      } catch (e) {
        if (!isShownInPage(e)) throw e;
        const error = { message: messageOf(request, e), problems: e.fieldProblems };
        const view = await feedbackForm(request.query.province, request.body, { error, notice: null });
        return sendHtml(reply, <FeedbackFormPage ctx={request.viewContext()} view={view} />, e.status);
      }
    },
  );

  app.get(
    '/feedback/manage',
    { config: { access: 'feedback.handle' }, schema: { querystring: FeedbackListQuerySchema } },
    async (request, reply) => {
      const list = await listUnitFeedback(ucDeps, actorOf(request), request.query);
      return sendHtml(reply, <FeedbackManagePage ctx={request.viewContext()} list={list} />);
    },
  );

  app.get(
    '/feedback/manage/:id',
    { config: { access: 'feedback.handle' }, schema: { params: IdParamsSchema, querystring: NoticeQuerySchema } },
    async (request, reply) => {
      const f = await getUnitFeedback(ucDeps, actorOf(request), request.params.id);
      const notice = request.query.saved === '1' ? request.t('feedback.answer.saved') : null;
      return sendHtml(reply, <FeedbackDetailPage ctx={request.viewContext()} f={f} error={null} notice={notice} />);
    },
  );

  app.post(
    '/feedback/manage/:id/answer',
    { config: { access: 'feedback.handle' }, schema: { params: IdParamsSchema, body: FormBodySchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      try {
        const body = parseForm(FeedbackAnswerBodySchema, request.body, request.locale);
        await answerFeedback(ucDeps, actor, id, body, auditMetaOf(request, actor, deps.clock));
        return reply.redirect(`/feedback/manage/${id}?saved=1`, 303);
      } catch (e) {
        if (!isShownInPage(e) || e.status === 404) throw e;
        const f = await getUnitFeedback(ucDeps, actor, id);
        const message = [messageOf(request, e), ...e.fieldProblems.map((p) => p.message)].join(' ');
        return sendHtml(reply, <FeedbackDetailPage ctx={request.viewContext()} f={f} error={message} notice={null} />, e.status);
      }
    },
  );
};
