import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ERROR_TABLE } from '../../../platform/errors/app-error.ts';
import { COMMON_PROBLEMS, IdParamsSchema, ProblemSchema } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { ProcessingPluginOptions } from './processing.routes.tsx';
import {
  ApologyBodySchema,
  AssignBodySchema,
  BulkBodySchema,
  BulkResultSchema,
  InboxQuerySchema,
  InboxResponseSchema,
  ProcessingViewSchema,
  SlipSchema,
  TransitionBodySchema,
} from './processing.schemas.ts';
import { issueApology } from './use-cases/apology.ts';
import { assignDossier } from './use-cases/assign.ts';
import { bulkAction } from './use-cases/bulk.ts';
import { listInbox } from './use-cases/inbox.ts';
import { applyTransition } from './use-cases/transition.ts';
import { getProcessingView } from './use-cases/view.ts';

const TAGS = ['dossier processing'];
const CONFLICTS =
  'A refused transition answers 409 with one code per reason (DOSSIER_TRANSITION_NOT_ALLOWED, DOSSIER_ROLE_NOT_ALLOWED_AT_STEP, DOSSIER_ACTION_NOT_AT_THIS_STEP, DOSSIER_SUPPLEMENT_ALREADY_REQUESTED, DOSSIER_PAYMENT_ALREADY_REQUESTED, DOSSIER_REASON_REQUIRED, DOSSIER_WORKFLOW_INVALID, DOSSIER_TIME_BEFORE_LAST_EVENT, DOSSIER_ASSIGNED_TO_OTHER); a `version` other than the current one answers 409 VERSION_CONFLICT. Nothing changes on a refusal.';

export const processingApi: FastifyPluginAsync<ProcessingPluginOptions> = async (plugin, { deps, ucDeps }) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/dossiers/:id/processing',
    {
      config: { access: 'dossiers.read' },
      schema: {
        tags: TAGS,
        summary: 'Where a dossier stands for processing and what the caller may do now',
        description:
          'Step, assignee, due-state overlay (NOT_DUE/NEAR_DUE/OVERDUE while open, EARLY/ON_TIME/LATE once finished), the appointment the citizen holds, whether an apology slip is due, the allowed actions and the slips issued.',
        params: IdParamsSchema,
        response: { 200: ProcessingViewSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getProcessingView(ucDeps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/dossiers/:id/transitions',
    {
      config: { access: 'dossiers.process' },
      schema: {
        tags: TAGS,
        summary: 'Apply a lifecycle action (status codes 1–10)',
        description: `Only staff of the competent unit whose role the workflow step allows. REFUSE, STOP, WITHDRAW and REQUEST_SUPPLEMENT need a \`reason\`. START_PROCESSING or FORWARD may carry \`assigneeId\` (leaders and counter officers). ${CONFLICTS}`,
        params: IdParamsSchema,
        body: TransitionBodySchema,
        response: { 200: ProcessingViewSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return applyTransition(ucDeps, actor, request.params.id, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.post(
    '/api/v1/dossiers/:id/assignment',
    {
      config: { access: 'dossiers.assign' },
      schema: {
        tags: TAGS,
        summary: 'Assign a dossier to a field specialist of the competent unit',
        description:
          'Leaders and counter officers of the competent unit; the assignee must be an active field specialist of that unit (400 DOSSIER_ASSIGNEE_INVALID). Send the `version` you read.',
        params: IdParamsSchema,
        body: AssignBodySchema,
        response: { 200: ProcessingViewSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return assignDossier(ucDeps, actor, request.params.id, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.post(
    '/api/v1/dossiers/bulk',
    {
      config: { access: 'dossiers.assign' },
      schema: {
        tags: TAGS,
        summary: 'Assign, or start processing, several dossiers',
        description:
          'Each id is checked and committed on its own at its current version: the answer lists every id with `ok`, and a refused id (with the problem `code` and a translated message) is left unchanged while the others go through.',
        body: BulkBodySchema,
        response: { 200: BulkResultSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const outcomes = await bulkAction(ucDeps, actor, request.body, auditMetaOf(request, actor, deps.clock));
      return {
        results: outcomes.map((o) =>
          o.ok
            ? { id: o.id, ok: true }
            : { id: o.id, ok: false, code: o.error.code, message: request.t(ERROR_TABLE[o.error.code].key as MessageKey, o.error.params) },
        ),
      };
    },
  );

  app.get(
    '/api/v1/inbox',
    {
      config: { access: 'dossiers.process' },
      schema: {
        tags: TAGS,
        summary: 'The dossiers the caller can act on now',
        description:
          'Counter officers: what waits to be received, resumed or returned; field specialists: what is assigned to them; leaders: what waits for approval. Overdue first, then near due, then by appointment. Filters: field, status, due (NOT_DUE, NEAR_DUE, OVERDUE).',
        querystring: InboxQuerySchema,
        response: { 200: InboxResponseSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listInbox(ucDeps, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/dossiers/:id/apology',
    {
      config: { access: 'dossiers.process' },
      schema: {
        tags: TAGS,
        summary: 'Issue an apology and new-appointment slip, and email it to the applicant',
        description:
          'For a dossier received or in processing. `newDueAt` is a date (the close of office that day, Vietnam time) or an instant, after the current appointment (400 DOSSIER_APOLOGY_DATE_NOT_LATER). The slip and the new appointment are saved first; the email outcome is then recorded on the slip (`deliveredAt` or `deliveryError`).',
        params: IdParamsSchema,
        body: ApologyBodySchema,
        response: { 201: SlipSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const slip = await issueApology(ucDeps, actor, request.params.id, request.body, auditMetaOf(request, actor, deps.clock));
      return reply.code(201).send(slip);
    },
  );
};
