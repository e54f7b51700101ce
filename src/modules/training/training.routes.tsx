import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { roleHas } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { sendFragment, sendHtml } from '../../platform/html/render.ts';
import { actorOf, auditMetaOf, wantsFragment } from '../../platform/http/route-helpers.ts';
import { domainToday } from '../../platform/time/format.ts';
import { blankForm, courseToForm, formToBody } from './course-form.ts';
import { parseTranslated } from './course-input.ts';
import { trainingExecutionModule } from './execution/execution.routes.tsx';
import { trainingNeedsModule } from './needs/needs.routes.tsx';
import { CourseDetailPage } from './pages/course-detail.page.tsx';
import { CourseFormPage, type CourseFormView } from './pages/course-form.page.tsx';
import { CourseListPage, CourseResults } from './pages/course-list.page.tsx';
import { trainingApi } from './training.api.ts';
import {
  CourseCreateBodySchema,
  CourseFormBodySchema,
  CourseListQuerySchema,
  CourseRetireBodySchema,
  CourseUpdateBodySchema,
  IdParamsSchema,
} from './training.schemas.ts';
import { trainingTransferApi } from './training-transfer.routes.tsx';
import type { TrainingDeps } from './use-cases/deps.ts';
import { frameworkCompetencies, getCourse, listCourses } from './use-cases/read-courses.ts';
import { createCourse, retireCourse, updateCourse } from './use-cases/write-courses.ts';

const DetailQuerySchema = z.object({ saved: z.string().max(1).optional(), retired: z.string().max(1).optional() });
const RetireFormSchema = z.object({ version: z.string().max(12).default(''), effectiveTo: z.string().max(12).optional() });
const TAGS = ['training'];

/** Refusals shown inside the form or page (validation, conflicts); anything else goes to the error page. */
function isShownInPage(e: unknown): e is AppError {
  return e instanceof AppError && [400, 409].includes(e.status);
}

/** /training/courses: the catalogue pages (read for training.read; add, edit and retire for training.manage). */
export const trainingModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: TrainingDeps = { db: deps.db, clock: deps.clock };
  const today = () => domainToday(deps.clock.now());
  const renderForm = (request: FastifyRequest, reply: FastifyReply, view: CourseFormView, status = 200) =>
    sendHtml(reply, <CourseFormPage ctx={request.viewContext()} view={view} />, status);

  app.get(
    '/training/courses',
    {
      config: { access: 'training.read' },
      schema: { querystring: CourseListQuerySchema, summary: 'Training course catalogue page', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const result = await listCourses(ucDeps, actor, request.query);
      const ctx = request.viewContext();
      const library = (await frameworkCompetencies(ucDeps, actor, today())) ?? [];
      const competencies = library.map((c) => ({ code: c.code, name: ctx.locale === 'vi' ? c.nameVi : c.nameEn }));
      const view = { query: request.query, result, canManage: roleHas(actor.role, 'training.manage'), competencies };
      reply.header('Vary', 'HX-Request');
      if (wantsFragment(request)) return sendFragment(reply, <CourseResults ctx={ctx} view={view} />);
      return sendHtml(reply, <CourseListPage ctx={ctx} view={view} />);
    },
  );

  app.get(
    '/training/courses/new',
    { config: { access: 'training.manage' }, schema: { summary: 'New course form', tags: TAGS } },
    async (request, reply) =>
      renderForm(request, reply, { mode: 'create', action: '/training/courses', values: blankForm(today()), error: null }),
  );

  app.post(
    '/training/courses',
    { config: { access: 'training.manage' }, schema: { body: CourseFormBodySchema, summary: 'Create a course (form)', tags: TAGS } },
    async (request, reply) => {
      const actor = actorOf(request);
      try {
        const input = parseTranslated(CourseCreateBodySchema, formToBody(request.body, 'create'), request.locale);
        const created = await createCourse(ucDeps, actor, input, auditMetaOf(request, actor, deps.clock), request.locale);
        return reply.redirect(`/training/courses/${created.id}?saved=1`, 303);
      } catch (e) {
        if (!isShownInPage(e)) throw e;
        return renderForm(request, reply, { mode: 'create', action: '/training/courses', values: request.body, error: e }, e.status);
      }
    },
  );

  app.get(
    '/training/courses/:id',
    {
      config: { access: 'training.read' },
      schema: { params: IdParamsSchema, querystring: DetailQuerySchema, summary: 'Training course page', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const course = await getCourse(ucDeps, actor, request.params.id);
      const view = {
        course,
        canManage: roleHas(actor.role, 'training.manage'),
        saved: request.query.saved === '1',
        retired: request.query.retired === '1',
        today: today(),
      };
      return sendHtml(reply, <CourseDetailPage ctx={request.viewContext()} view={view} />);
    },
  );

  app.get(
    '/training/courses/:id/edit',
    { config: { access: 'training.manage' }, schema: { params: IdParamsSchema, summary: 'Edit course form', tags: TAGS } },
    async (request, reply) => {
      const c = await getCourse(ucDeps, actorOf(request), request.params.id);
      if (c.status === 'RETIRED') throw new AppError('TRAINING_COURSE_RETIRED');
      return renderForm(request, reply, {
        mode: 'edit',
        action: `/training/courses/${c.id}`,
        values: courseToForm(c),
        error: null,
        current: { id: c.id, code: c.code },
      });
    },
  );

  app.post(
    '/training/courses/:id',
    {
      config: { access: 'training.manage' },
      schema: { params: IdParamsSchema, body: CourseFormBodySchema, summary: 'Save a course (form)', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      try {
        const input = parseTranslated(CourseUpdateBodySchema, formToBody(request.body, 'edit'), request.locale);
        await updateCourse(ucDeps, actor, id, input, auditMetaOf(request, actor, deps.clock), request.locale);
        return reply.redirect(`/training/courses/${id}?saved=1`, 303);
      } catch (e) {
        if (!isShownInPage(e)) throw e;
        // Keep what the user typed; the code comes from the stored course.
        const current = await getCourse(ucDeps, actor, id);
        const view: CourseFormView = {
          mode: 'edit',
          action: `/training/courses/${id}`,
          values: request.body,
          error: e,
          current: { id, code: current.code },
        };
        return renderForm(request, reply, view, e.status);
      }
    },
  );

  app.post(
    '/training/courses/:id/retire',
    {
      config: { access: 'training.manage' },
      schema: { params: IdParamsSchema, body: RetireFormSchema, summary: 'Retire a course (form)', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      try {
        const raw = {
          version: request.body.version === '' ? undefined : Number(request.body.version),
          effectiveTo: request.body.effectiveTo || undefined,
        };
        const input = parseTranslated(CourseRetireBodySchema, raw, request.locale);
        await retireCourse(ucDeps, actor, id, input, auditMetaOf(request, actor, deps.clock), request.locale);
        return reply.redirect(`/training/courses/${id}?retired=1`, 303);
      } catch (e) {
        if (!isShownInPage(e)) throw e;
        const course = await getCourse(ucDeps, actor, id);
        const view = { course, canManage: true, saved: false, retired: false, today: today(), error: e };
        return sendHtml(reply, <CourseDetailPage ctx={request.viewContext()} view={view} />, e.status);
      }
    },
  );

  await app.register(trainingApi, deps);
  await app.register(trainingNeedsModule, deps);
  await app.register(trainingTransferApi, deps);
  await app.register(trainingExecutionModule, deps);
};
