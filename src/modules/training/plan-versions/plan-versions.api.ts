import { PassThrough } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../../app.ts';
import { COMMON_PROBLEMS, IdParamsSchema, ProblemSchema } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import { isLocale, type MessageKey, translator } from '../../../platform/i18n/index.ts';
import type { JobWorker } from '../../../platform/jobs/job-worker.ts';
import type { JobRecord } from '../../../platform/jobs/jobs.ts';
import { formatNumber } from '../../../platform/time/format.ts';
import { idempotencyOf } from '../../dossiers/dossiers.api.ts';
import {
  CreatePlanBodySchema,
  EnqueuedPlanSchema,
  JobParamsSchema,
  PlanDetailQuerySchema,
  PlanDetailSchema,
  PlanSummarySchema,
} from './plan-versions.schemas.ts';
import type { PlanDeps } from './use-cases/gather-plan-input.ts';
import {
  enqueuePlan,
  exportPlanModel,
  getPlanVersion,
  jobView,
  listPlanVersions,
  planOfJob,
  visiblePlanJob,
} from './use-cases/plan-versions.ts';

const TAGS = ['training'];
export type PlanModuleDeps = ModuleDeps & { jobs: JobWorker };

const IDEMPOTENCY_DOC =
  'Send an `Idempotency-Key` header (1–200 printable ASCII characters) to make retries safe for 24 hours: the same key with the same body answers the same plan and job with `Idempotent-Replayed: true`; the same key with another body answers 422 IDEMPOTENCY_KEY_REUSED and changes nothing.';
const MODEL_DOC =
  'Variables y (classes of a course in a year), x (a person attends a course in a year), a (away in a year), z (a need closed); rows: capacity, minimum size, budget per year × funding source, once per course, days per person-year, unit share away, prerequisites in an earlier year, need closure; maximise Σ weights of needs closed − a cost penalty too small to trade a need. Built from today’s data with the version’s parameters: `X-Cadre-Input-Digest` is today’s input digest and `X-Cadre-Same-Input` says whether it equals the version’s.';

/** How often the events stream looks at the job row (the job may run in another process). */
const EVENTS_POLL_MS = 500;
/** A stream closes after this long; EventSource reconnects by itself. */
const EVENTS_MAX_MS = 10 * 60_000;

function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The job's status and progress message in the caller's language, with its figures. */
export function progressTexts(locale: string, job: JobRecord): { statusText: string; message: string } {
  const t = translator(isLocale(locale) ? locale : 'vi');
  const statusText = t(`trainingPlans.status.${job.status}` as MessageKey);
  const p = job.progress;
  if (!p) return { statusText, message: t('jobs.progress.queued') };
  const figures = Object.fromEntries(
    Object.entries(p.figures ?? {}).map(([k, v]) => [k, v === null ? '–' : typeof v === 'number' ? formatNumber(v, locale, 2) : v]),
  );
  return { statusText, message: t(p.messageKey as MessageKey, figures) };
}

/**
 * Streams a job's progress as server-sent events until it is DONE or FAILED: `progress` whenever
 * the stored progress changes, then one `done` (with the plan) or `failed`, then the stream ends.
 */
function streamJob(deps: PlanDeps, request: FastifyRequest, reply: FastifyReply, first: JobRecord) {
  const stream = new PassThrough();
  let closed = false;
  request.raw.on('close', () => {
    closed = true;
  });
  const started = Date.now();
  const pump = async () => {
    let job: JobRecord | undefined = first;
    let last = '';
    stream.write('retry: 3000\n\n');
    while (job && !closed && Date.now() - started < EVENTS_MAX_MS) {
      const view = { ...jobView(job), ...progressTexts(request.locale, job) };
      const key = JSON.stringify([job.status, job.progress, job.attempts]);
      if (job.status === 'DONE' || job.status === 'FAILED') {
        const plan = await planOfJob(deps, job);
        stream.write(
          sseEvent(job.status === 'DONE' ? 'done' : 'failed', { job: view, plan, planUrl: plan ? `/training/plans/${plan.id}` : null }),
        );
        break;
      }
      if (key !== last) stream.write(sseEvent('progress', view));
      last = key;
      await new Promise((r) => setTimeout(r, EVENTS_POLL_MS));
      job = await visiblePlanJob(deps, actorOf(request), job.id).catch(() => undefined);
    }
    stream.end();
  };
  pump().catch((e) => {
    request.log.error({ err: e }, 'plan events stream failed');
    stream.end();
  });
  reply.header('Content-Type', 'text/event-stream; charset=utf-8').header('Cache-Control', 'no-store').header('X-Accel-Buffering', 'no');
  return reply.send(stream);
}

export const trainingPlansApi: FastifyPluginAsync<PlanModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: PlanDeps = { db: deps.db, clock: deps.clock };

  app.post(
    '/api/v1/training/plans',
    {
      config: { access: 'training.plan.manage' },
      schema: {
        tags: TAGS,
        summary: 'Generate a 2026–2030 training plan version (background job)',
        description: [
          'Stores the version (QUEUED) and a durable job that gathers the province’s training needs, the course catalogue and ACTIVE staff per unit, runs the greedy baseline and HiGHS with the time limit, and stores the classes, attendees and why.',
          'Answers 202 at once; follow `eventsUrl` (server-sent events) or GET the version until its status is DONE or FAILED.',
          IDEMPOTENCY_DOC,
        ].join(' '),
        body: CreatePlanBodySchema,
        response: { 202: EnqueuedPlanSchema, ...COMMON_PROBLEMS, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const idem = idempotencyOf(request, actor.userId);
      const outcome = await enqueuePlan(ucDeps, actor, request.body, auditMetaOf(request, actor, deps.clock), idem);
      if (!outcome.replayed) deps.jobs.wake();
      if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
      reply.header('Location', `/api/v1/training/plans/${outcome.body.plan.id}`);
      return reply.code(202).send(outcome.body);
    },
  );

  app.get(
    '/api/v1/training/plans',
    {
      config: { access: 'training.plan.read' },
      schema: {
        tags: TAGS,
        summary: 'Training plan versions of the province, newest first',
        description:
          'The latest 200 versions with their parameters, status and solver outcome (objective, bound, gap, greedy baseline, cost).',
        response: { 200: z.array(PlanSummarySchema), ...COMMON_PROBLEMS },
      },
    },
    async (request) => listPlanVersions(ucDeps, actorOf(request)),
  );

  app.get(
    '/api/v1/training/plans/:id',
    {
      config: { access: 'training.plan.read' },
      schema: {
        tags: TAGS,
        summary: 'One training plan version: totals against the budget, classes, attendees and why',
        description:
          'Cost by year × funding source against the budget lines; classes by year, course code and class number (filter by `year`, `course`; `pageSize` classes a page), each with its attendees, their unit, and the needs the course closes for them (the reason they are there). Another province’s version answers 404.',
        params: IdParamsSchema,
        querystring: PlanDetailQuerySchema,
        response: { 200: PlanDetailSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getPlanVersion(ucDeps, actorOf(request), request.params.id, request.query),
  );

  for (const format of ['lp', 'mps'] as const) {
    app.get(
      `/api/v1/training/plans/:id/model.${format}`,
      {
        config: { access: 'training.plan.read' },
        schema: {
          tags: TAGS,
          summary: `The version’s mixed-integer programme in ${format === 'lp' ? 'CPLEX LP' : 'fixed MPS'} format`,
          description: MODEL_DOC,
          params: IdParamsSchema,
          response: { 200: z.any().describe(`The model (${format.toUpperCase()})`), ...COMMON_PROBLEMS },
        },
      },
      async (request, reply) => {
        const r = await exportPlanModel(ucDeps, actorOf(request), request.params.id, format);
        return reply
          .header('Content-Type', format === 'lp' ? 'text/plain; charset=utf-8' : 'application/octet-stream')
          .header('Content-Disposition', `attachment; filename="training-plan-${request.params.id}.${format}"`)
          .header('X-Cadre-Input-Digest', r.digest)
          .header('X-Cadre-Same-Input', String(r.sameInput))
          .send(typeof r.body === 'string' ? r.body : Buffer.from(r.body));
      },
    );
  }

  app.get(
    '/api/v1/training/plans/jobs/:jobId/events',
    {
      config: { access: 'training.plan.read' },
      // Compression would buffer the stream; events are small anyway.
      compress: false,
      schema: {
        tags: TAGS,
        summary: 'Live progress of a plan generation (server-sent events)',
        description:
          '`text/event-stream`: `progress` events (job status, attempts, fraction 0–1, message key, figures such as seconds, incumbent, best bound and gap; `statusText` and `message` in the caller’s language) whenever they change, then one `done` (with the plan version) or `failed` (with the error), and the stream closes. A job of another province answers 404.',
        params: JobParamsSchema,
        response: { 200: z.any().describe('text/event-stream'), ...COMMON_PROBLEMS },
      },
    },
    async (request, reply) => {
      const job = await visiblePlanJob(ucDeps, actorOf(request), request.params.jobId);
      return streamJob(ucDeps, request, reply, job);
    },
  );
};
