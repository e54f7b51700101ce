import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roleHas } from '../../../platform/auth/roles.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { sendHtml } from '../../../platform/html/render.ts';
import { IdParamsSchema } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import { parseTranslated } from '../course-input.ts';
import { PAGE_CLASSES, PlanDetailPage } from './pages/plan-detail.page.tsx';
import { PlanListPage, type PlanListView } from './pages/plan-list.page.tsx';
import { PlanProgressPage } from './pages/plan-progress.page.tsx';
import { planExportsRoutes } from './plan-exports.routes.tsx';
import { blankPlanForm, formToPlanBody } from './plan-form.ts';
import { type PlanModuleDeps, progressTexts, trainingPlansApi } from './plan-versions.api.ts';
import { CreatePlanBodySchema, JobParamsSchema, PlanDetailQuerySchema } from './plan-versions.schemas.ts';
import type { PlanDeps } from './use-cases/gather-plan-input.ts';
import { planJobHandler } from './use-cases/generate-plan.ts';
import {
  enqueuePlan,
  eventsUrlOf,
  getPlanVersion,
  jobView,
  listPlanVersions,
  planOfJob,
  visiblePlanJob,
} from './use-cases/plan-versions.ts';

const TAGS = ['training'];
const FormSchema = z.record(z.string().max(64), z.string().max(200));
const PageQuerySchema = PlanDetailQuerySchema.extend({
  pageSize: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(20).default(PAGE_CLASSES)),
  /** Page of attendees when one class is shown (classId). */
  apage: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(10_000).default(1)),
});

/**
 * Training plan versions (issue 6 §3): the API, the pages, and the generation job's handler.
 * Registered from app.ts with the app's job worker.
 */
export const trainingPlansModule: FastifyPluginAsync<PlanModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: PlanDeps = { db: deps.db, clock: deps.clock };
  deps.jobs.register(planJobHandler(ucDeps));
  await app.register(trainingPlansApi, deps);
  // Documents and comparison first: /training/plans/compare is a static path beside /training/plans/:id.
  await app.register(planExportsRoutes, deps);

  const renderList = async (request: FastifyRequest, reply: FastifyReply, form: PlanListView['form'], error: AppError | null) => {
    const actor = actorOf(request);
    const view: PlanListView = {
      plans: await listPlanVersions(ucDeps, actor),
      canManage: roleHas(actor.role, 'training.plan.manage'),
      form,
      error,
    };
    return sendHtml(reply, <PlanListPage ctx={request.viewContext()} view={view} />, error ? error.status : 200);
  };

  app.get(
    '/training/plans',
    { config: { access: 'training.plan.read' }, schema: { summary: 'Training plan versions page', tags: TAGS } },
    async (request, reply) => renderList(request, reply, blankPlanForm(), null),
  );

  app.post(
    '/training/plans',
    { config: { access: 'training.plan.manage' }, schema: { body: FormSchema, summary: 'Generate a training plan (form)', tags: TAGS } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { _csrf: _, ...form } = request.body;
      try {
        const body = parseTranslated(CreatePlanBodySchema, formToPlanBody(form), request.locale);
        const outcome = await enqueuePlan(ucDeps, actor, body, auditMetaOf(request, actor, deps.clock));
        deps.jobs.wake();
        return reply.redirect(`/training/plans/jobs/${outcome.body.job.id}`, 303);
      } catch (e) {
        if (!(e instanceof AppError && e.status === 400)) throw e;
        return renderList(request, reply, form, e);
      }
    },
  );

  app.get(
    '/training/plans/jobs/:jobId',
    {
      config: { access: 'training.plan.read' },
      schema: { params: JobParamsSchema, summary: 'Progress of a plan generation (live with scripts, reloading without)', tags: TAGS },
    },
    async (request, reply) => {
      const job = await visiblePlanJob(ucDeps, actorOf(request), request.params.jobId);
      const plan = await planOfJob(ucDeps, job);
      if (!plan) throw new AppError('TRAINING_PLAN_NOT_FOUND');
      if (job.status === 'DONE') return reply.redirect(`/training/plans/${plan.id}`, 303);
      const view = { job: jobView(job), plan, message: progressTexts(request.locale, job).message, eventsUrl: eventsUrlOf(job.id) };
      return sendHtml(reply, <PlanProgressPage ctx={request.viewContext()} view={view} />);
    },
  );

  app.get(
    '/training/plans/:id',
    {
      config: { access: 'training.plan.read' },
      schema: { params: IdParamsSchema, querystring: PageQuerySchema, summary: 'Training plan version page', tags: TAGS },
    },
    async (request, reply) => {
      const { apage, ...query } = request.query;
      const plan = await getPlanVersion(ucDeps, actorOf(request), request.params.id, query);
      return sendHtml(reply, <PlanDetailPage ctx={request.viewContext()} view={{ plan, query, attendeePage: apage }} />);
    },
  );
};
