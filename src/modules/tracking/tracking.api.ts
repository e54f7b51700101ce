import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { COMMON_PROBLEMS, IdParamsSchema, ProblemSchema } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import { toTrackingResult } from './tracking.present.ts';
import {
  FeedbackAnswerBodySchema,
  FeedbackBodySchema,
  FeedbackListQuerySchema,
  FeedbackListResponseSchema,
  FeedbackReceiptSchema,
  FeedbackSchema,
  PublicRatingBodySchema,
  RatingSchema,
  StaffRatingBodySchema,
  TrackingResultSchema,
  TrackQuerySchema,
} from './tracking.schemas.ts';
import type { TrackingDeps } from './use-cases/deps.ts';
import { answerFeedback, listUnitFeedback, submitFeedback } from './use-cases/feedback.ts';
import { rateAtCounter, rateFromTracking } from './use-cases/rate-dossier.ts';
import { trackDossier } from './use-cases/track-dossier.ts';

const TRACKING_TAGS = ['tracking'];
const FEEDBACK_TAGS = ['feedback'];
const LOOKUP_DOC =
  'An unknown code and a wrong phone ending give the same 404 TRACKING_NOT_FOUND. Ten failed look-ups per client address, or per dossier code, within 15 minutes answer 429 TRACKING_RATE_LIMITED.';

export const trackingApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: TrackingDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/api/v1/public/track',
    {
      config: { access: 'public' },
      schema: {
        tags: TRACKING_TAGS,
        summary: 'Track a dossier by its code and the last four digits of the applicant’s phone',
        description: `Status, a timeline of dates and status changes, the due date, any apology slip, and whether the dossier can be rated. No personal data. ${LOOKUP_DOC}`,
        querystring: TrackQuerySchema,
        response: { 200: TrackingResultSchema, 400: ProblemSchema, 404: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const view = await trackDossier(ucDeps, request.query, request.ip);
      return toTrackingResult(view, request.t, request.locale);
    },
  );

  app.post(
    '/api/v1/public/ratings',
    {
      config: { access: 'public' },
      schema: {
        tags: TRACKING_TAGS,
        summary: 'Rate a returned dossier (once), proving it with its code and phone ending',
        description: `Answers map each configured criterion (rule satisfaction.criteria in force on the return date) to a configured level. 409 RATING_NOT_ALLOWED before the result is returned, 409 RATING_ALREADY_GIVEN for a second rating, 400 RATING_INVALID for an unknown criterion or level. ${LOOKUP_DOC}`,
        body: PublicRatingBodySchema,
        response: { 201: RatingSchema, 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const rating = await rateFromTracking(ucDeps, request.body, request.ip, request.id);
      return reply.code(201).send(rating);
    },
  );

  app.post(
    '/api/v1/dossiers/:id/rating',
    {
      config: { access: 'ratings.record' },
      schema: {
        tags: TRACKING_TAGS,
        summary: 'Record a citizen’s rating at the counter tablet (competent unit)',
        params: IdParamsSchema,
        body: StaffRatingBodySchema,
        response: { 201: RatingSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const rating = await rateAtCounter(ucDeps, actor, request.params.id, request.body, auditMetaOf(request, actor, deps.clock));
      return reply.code(201).send(rating);
    },
  );

  app.post(
    '/api/v1/public/feedback',
    {
      config: { access: 'public' },
      schema: {
        tags: FEEDBACK_TAGS,
        summary: 'Send feedback, a complaint or a petition (PAKN) to a commune',
        description: 'The answer is due `feedback.answerWorkingDays` working days (default 15) after receipt, by the province’s calendar.',
        body: FeedbackBodySchema,
        response: { 201: FeedbackReceiptSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await submitFeedback(ucDeps, request.body, request.id)),
  );

  app.get(
    '/api/v1/feedback',
    {
      config: { access: 'feedback.handle' },
      schema: {
        tags: FEEDBACK_TAGS,
        summary: 'The unit’s feedback, open and overdue items first',
        querystring: FeedbackListQuerySchema,
        response: { 200: FeedbackListResponseSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listUnitFeedback(ucDeps, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/feedback/:id/answer',
    {
      config: { access: 'feedback.handle' },
      schema: {
        tags: FEEDBACK_TAGS,
        summary: 'Answer, refuse or request more information on a feedback item (audited)',
        params: IdParamsSchema,
        body: FeedbackAnswerBodySchema,
        response: { 200: FeedbackSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return answerFeedback(ucDeps, actor, request.params.id, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );
};
