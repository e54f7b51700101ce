import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { COMMON_PROBLEMS, IdParamsSchema, ProblemSchema } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import {
  AcceptBodySchema,
  DossierDetailSchema,
  DossierIntakeBodySchema,
  DossierListQuerySchema,
  DossierListResponseSchema,
  OnlineReceiptSchema,
  OnlineSubmissionBodySchema,
  RefuseBodySchema,
} from './dossiers.schemas.ts';
import { IDEMPOTENCY_KEY_PATTERN, requestHash } from './idempotency.ts';
import { acceptDossier, refuseDossier } from './use-cases/decide-online.ts';
import type { DossiersDeps } from './use-cases/deps.ts';
import type { Outcome } from './use-cases/idempotent.ts';
import { getDossier, listDossiers } from './use-cases/read-dossiers.ts';
import { receiveDossier } from './use-cases/receive-dossier.ts';
import { submitOnline } from './use-cases/submit-online.ts';

const TAGS = ['dossiers'];
const IDEMPOTENCY_DOC =
  'Send an `Idempotency-Key` header (1–200 printable ASCII characters) to make retries safe for 24 hours: the same key with the same body replays the first response with `Idempotent-Replayed: true`; the same key with another body answers 422 IDEMPOTENCY_KEY_REUSED and changes nothing.';

/** The Idempotency-Key header, bare or as a structured-field string ("…"). */
export function idempotencyOf(request: FastifyRequest, userId: number): { userId: number; key: string; hash: string } | undefined {
  const raw = request.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = typeof raw === 'string' ? raw.trim().replace(/^"(.*)"$/, '$1') : '';
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new AppError('IDEMPOTENCY_KEY_INVALID');
  return { userId, key, hash: requestHash(request.method, request.routeOptions.url ?? request.url, request.body) };
}

export function sendOutcome<T>(reply: FastifyReply, outcome: Outcome<T>) {
  if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
  return reply.code(outcome.statusCode).send(outcome.body);
}

export const dossiersApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: DossiersDeps = { db: deps.db, clock: deps.clock };

  app.post(
    '/api/v1/dossiers',
    {
      config: { access: 'dossiers.receive' },
      schema: {
        tags: TAGS,
        summary: 'Receive a dossier at the counter (in person or by post)',
        description: `Any procedure of the province, whichever commune is competent (boundary-free reception). Essential services refuse paper channels (422). ${IDEMPOTENCY_DOC}`,
        body: DossierIntakeBodySchema,
        response: { 201: DossierDetailSchema, ...COMMON_PROBLEMS, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const outcome = await receiveDossier(
        ucDeps,
        actor,
        request.body,
        auditMetaOf(request, actor, deps.clock),
        (() => {
          const idem = idempotencyOf(request, actor.userId);
          return idem ? { ...idem, provinceCode: actor.provinceCode } : undefined;
        })(),
      );
      return sendOutcome(reply, outcome);
    },
  );

  app.get(
    '/api/v1/dossiers',
    {
      config: { access: 'dossiers.read' },
      schema: {
        tags: TAGS,
        summary: 'List dossiers',
        description:
          'Unit roles see the dossiers their unit received or is competent for; province roles the whole province. `q` matches a dossier code exactly or the applicant’s name without diacritics. Newest first.',
        querystring: DossierListQuerySchema,
        response: { 200: DossierListResponseSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listDossiers(ucDeps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/dossiers/:id',
    {
      config: { access: 'dossiers.read' },
      schema: {
        tags: TAGS,
        summary: 'One dossier with its timeline',
        params: IdParamsSchema,
        response: { 200: DossierDetailSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getDossier(ucDeps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/dossiers/:id/accept',
    {
      config: { access: 'dossiers.receive' },
      schema: {
        tags: TAGS,
        summary: 'Accept an online submission (status 1 → 2); the due date counts from now',
        description: 'Only a counter officer of the competent unit. Send the `version` you read.',
        params: IdParamsSchema,
        body: AcceptBodySchema,
        response: { 200: DossierDetailSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return acceptDossier(ucDeps, actor, request.params.id, request.body.version, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.post(
    '/api/v1/dossiers/:id/refuse',
    {
      config: { access: 'dossiers.receive' },
      schema: {
        tags: TAGS,
        summary: 'Refuse an online submission (status 1 → 3) with a reason',
        description: 'Only a counter officer of the competent unit. Send the `version` you read.',
        params: IdParamsSchema,
        body: RefuseBodySchema,
        response: { 200: DossierDetailSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return refuseDossier(ucDeps, actor, request.params.id, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.post(
    '/api/v1/public/dossiers',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Submit a dossier online (no login)',
        description: `The dossier waits in status 1 until the competent unit’s counter accepts or refuses it. The answer holds only the code to track it with. ${IDEMPOTENCY_DOC}`,
        body: OnlineSubmissionBodySchema,
        response: { 201: OnlineReceiptSchema, 400: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const outcome = await submitOnline(
        ucDeps,
        request.body,
        { requestId: request.id, at: deps.clock.now().toISOString() },
        // Public callers share one key space (user 0): a replay still needs the same body.
        idempotencyOf(request, 0),
      );
      return sendOutcome(reply, outcome);
    },
  );
};
