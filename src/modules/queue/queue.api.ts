import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { COMMON_PROBLEMS, IdParamsSchema, ProblemSchema } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import {
  CallNextBodySchema,
  DisplaySchema,
  IssuedTicketSchema,
  IssueTicketBodySchema,
  LinkDossierBodySchema,
  QueueStatsSchema,
  StatsQuerySchema,
  TicketActionBodySchema,
  TicketListQuerySchema,
  TicketListSchema,
  TicketSchema,
  UnitCodeParamsSchema,
} from './queue.schemas.ts';
import { actOnTicket, callNext, linkDossier } from './use-cases/counter.ts';
import type { QueueDeps } from './use-cases/deps.ts';
import { issueTicket } from './use-cases/issue-ticket.ts';
import { listUnitTickets, queueDisplay, unitStats } from './use-cases/read-queue.ts';

const TAGS = ['queue'];
const UNIT_SCOPE = 'Tickets of the caller’s own commune or ward; another unit’s ticket answers 404 (audited).';

export const queueApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: QueueDeps = { db: deps.db, clock: deps.clock };

  app.post(
    '/api/v1/public/queue/:unitCode/tickets',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Take a numbered ticket for a field at a commune’s kiosk',
        description:
          'Numbers are gap-free per unit, field and day (Asia/Ho_Chi_Minh), shown with the field’s letter ("D007"). 404 QUEUE_UNIT_NOT_FOUND for an unknown unit code, 409 QUEUE_DAY_FULL after 999 tickets of a field in a day. Like every route, it is under the per-address rate limit (429 RATE_LIMITED); a kiosk behind one address shares it.',
        params: UnitCodeParamsSchema,
        body: IssueTicketBodySchema,
        response: { 201: IssuedTicketSchema, 400: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return reply.code(201).send(await issueTicket(ucDeps, request.params.unitCode, request.body, request.id));
    },
  );

  app.get(
    '/api/v1/public/queue/:unitCode/display',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'What the hall’s screen shows: the latest called numbers with their counters, and how many wait per field',
        params: UnitCodeParamsSchema,
        response: { 200: DisplaySchema, 404: ProblemSchema },
      },
    },
    async (request) => queueDisplay(ucDeps, request.params.unitCode),
  );

  app.get(
    '/api/v1/queue/tickets',
    {
      config: { access: 'queue.call' },
      schema: {
        tags: TAGS,
        summary: 'The unit’s tickets of a day (today by default), in issue order',
        description: UNIT_SCOPE,
        querystring: TicketListQuerySchema,
        response: { 200: TicketListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listUnitTickets(ucDeps, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/queue/call-next',
    {
      config: { access: 'queue.call' },
      schema: {
        tags: TAGS,
        summary: 'Call the longest-waiting ticket of the day among the counter’s fields',
        description: 'Two counters calling at once never get the same ticket. 409 QUEUE_NOTHING_WAITING when nobody waits in those fields.',
        body: CallNextBodySchema,
        response: { 200: TicketSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return callNext(ucDeps, actor, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.post(
    '/api/v1/queue/tickets/:id/actions',
    {
      config: { access: 'queue.call' },
      schema: {
        tags: TAGS,
        summary: 'Recall a called ticket, start or finish its service, or mark a no-show',
        description: `recall and no_show need a CALLED ticket, start a CALLED one, finish a SERVING one; otherwise 409 with the reason (QUEUE_TICKET_NOT_CALLED, QUEUE_TICKET_NOT_SERVING, QUEUE_TICKET_SERVING, QUEUE_TICKET_CLOSED). ${UNIT_SCOPE}`,
        params: IdParamsSchema,
        body: TicketActionBodySchema,
        response: { 200: TicketSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return actOnTicket(ucDeps, actor, request.params.id, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.post(
    '/api/v1/queue/tickets/:id/link',
    {
      config: { access: 'queue.call' },
      schema: {
        tags: TAGS,
        summary: 'Link a ticket to the dossier it became (received at this unit’s counter)',
        description: `The ticket must be in service or done (409 otherwise); one dossier per ticket and one ticket per dossier (409 QUEUE_ALREADY_LINKED); 422 QUEUE_DOSSIER_INVALID when this unit received no dossier with that code. ${UNIT_SCOPE}`,
        params: IdParamsSchema,
        body: LinkDossierBodySchema,
        response: { 200: TicketSchema, ...COMMON_PROBLEMS, 409: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return linkDossier(ucDeps, actor, request.params.id, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.get(
    '/api/v1/queue/stats',
    {
      config: { access: 'queue.stats' },
      schema: {
        tags: TAGS,
        summary: 'Average and median wait (issue → call) and service (start → finish) times per field',
        description: 'For the caller’s unit and tickets issued from `from` to `to`, both included (today by default, at most 366 days).',
        querystring: StatsQuerySchema,
        response: { 200: QueueStatsSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => unitStats(ucDeps, actorOf(request), request.query),
  );
};
