import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../../app.ts';
import { isUnitRole, roleHas } from '../../../platform/auth/roles.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { sendFragment, sendHtml } from '../../../platform/html/render.ts';
import { blankToUndefined } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf, wantsFragment } from '../../../platform/http/route-helpers.ts';
import { sortByText } from '../../../platform/text/collation.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { parseTranslated } from '../course-input.ts';
import { listCourses as listCourseRows } from '../training.repository.ts';
import type { TrainingDeps } from '../use-cases/deps.ts';
import { enrolSearchApi } from './enrol-search.api.ts';
import { trainingExecutionApi } from './execution.api.ts';
import { listCurrentUnits, staffNames } from './execution.repository.ts';
import {
  AttendanceBodySchema,
  ClassCreateBodySchema,
  ClassListQuerySchema,
  ClassUpdateBodySchema,
  CompleteBodySchema,
  EnrolBodySchema,
  EnrolmentParamsSchema,
  ExecutionQuerySchema,
  FlatFormSchema,
  IdParamsSchema,
} from './execution.schemas.ts';
import { canEnrol } from './execution.ts';
import { attendanceOf, completionOf, staffIdsOf, windowStart } from './execution-forms.ts';
import { ClassDetailPage, type ClassDetailView, PEOPLE_PER_PAGE, peoplePage } from './pages/class-detail.page.tsx';
import { ClassFormPage, classFormToBody } from './pages/class-form.page.tsx';
import { ClassListPage, ClassResults } from './pages/class-list.page.tsx';
import { CandidateResults, SuggestionResults } from './pages/enrol-search.tsx';
import { ExecutionPage } from './pages/execution.page.tsx';
import { createClass, getClass, listClasses, updateClass } from './use-cases/classes.ts';
import { searchCandidates, suggestCandidates } from './use-cases/enrol-search.ts';
import { complete, enrol, recordAttendance, withdraw } from './use-cases/participants.ts';
import { executionReport, planChoices } from './use-cases/plan-vs-actual.ts';

const TAGS = ['training'];
/** People per page of the name search, and suggestions shown: the class page stays under 50 KB. */
const CANDIDATES_PER_PAGE = 20;
const SUGGESTIONS_SHOWN = 20;
const DetailQuerySchema = z.object({
  from: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(400).optional()),
  page: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(1000).optional()),
  saved: z.string().max(1).optional(),
  /** The name search of the enrolment section and its page. */
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  cpage: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(100_000).optional()),
  /** 1: show the people whose training needs the course closes. */
  suggest: z.string().max(1).optional(),
});
const CandidatesQuerySchema = DetailQuerySchema.pick({ q: true, cpage: true });

/** Refusals shown inside the page (validation, conflicts); anything else goes to the error page. */
function isShownInPage(e: unknown): e is AppError {
  return e instanceof AppError && [400, 409].includes(e.status);
}

/** Years offered by the filters: the plan horizon 2026–2030 and the years around today. */
function yearChoices(today: string): number[] {
  const now = Number(today.slice(0, 4));
  const out: number[] = [];
  for (let y = Math.min(2026, now - 1); y <= Math.max(2030, now + 1); y++) out.push(y);
  return out;
}

/** /training/classes and /training/execution: held classes and plan versus actual (issue 6 §5). */
export const trainingExecutionModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const uc: TrainingDeps = { db: deps.db, clock: deps.clock };
  const today = () => domainToday(deps.clock.now());
  const coursesOf = async (provinceCode: string, activeOnly: boolean) =>
    sortByText(await listCourseRows(deps.db, provinceCode, activeOnly ? { status: 'ACTIVE' } : {}), (c) => c.code, 'vi').map((c) => ({
      id: c.id,
      code: c.code,
      nameVi: c.nameVi,
    }));

  /** The class page, with what the last form did (a refusal, the enrolment report). */
  const renderDetail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    extra: Partial<ClassDetailView> & {
      from?: number | undefined;
      page?: number | undefined;
      cpage?: number | undefined;
      suggest?: boolean | undefined;
    },
    status = 200,
  ) => {
    const actor = actorOf(request);
    const full = await getClass(uc, actor, id);
    const { cpage, suggest, ...rest } = extra;
    const finding = canEnrol(full.status);
    const [candidates, suggestions, names] = await Promise.all([
      finding && rest.q !== undefined
        ? searchCandidates(uc, actor, id, { q: rest.q, page: cpage ?? 1, pageSize: CANDIDATES_PER_PAGE }, request.locale)
        : null,
      finding && suggest ? suggestCandidates(uc, actor, id, { limit: SUGGESTIONS_SHOWN }, request.locale) : null,
      rest.enrolResult
        ? staffNames(deps.db, actor.provinceCode, [
            ...rest.enrolResult.enrolled.map((x) => x.staffId),
            ...rest.enrolResult.refused.map((x) => x.staffId),
          ])
        : new Map<number, string>(),
    ]);
    const page = Math.min(extra.page ?? 1, Math.max(1, Math.ceil(full.enrolments.length / PEOPLE_PER_PAGE)));
    const view: ClassDetailView = {
      canManage: roleHas(actor.role, 'training.manage'),
      saved: false,
      ...rest,
      candidates,
      suggestions,
      names,
      klass: { ...full, enrolments: peoplePage(full.enrolments, page) },
      total: full.enrolments.length,
      page,
      from: windowStart(extra.from, full.sessionDays),
    };
    return sendHtml(reply, <ClassDetailPage ctx={request.viewContext()} view={view} />, status);
  };

  /** Runs a form's change; a refusal shown in the page re-renders it with the message, success redirects (303). */
  const formAction = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    run: () => Promise<unknown>,
    at: { from?: number | undefined; page?: number | undefined } = {},
  ) => {
    try {
      await run();
      const keep = `${at.from ? `&from=${at.from}` : ''}${at.page ? `&page=${at.page}` : ''}`;
      return reply.redirect(`/training/classes/${id}?saved=1${keep}`, 303);
    } catch (e) {
      if (!isShownInPage(e)) throw e;
      return renderDetail(request, reply, id, { error: e, ...at }, e.status);
    }
  };

  app.get(
    '/training/classes',
    { config: { access: 'training.read' }, schema: { querystring: ClassListQuerySchema, summary: 'Held classes page', tags: TAGS } },
    async (request, reply) => {
      const actor = actorOf(request);
      const [result, courses] = await Promise.all([listClasses(uc, actor, request.query), coursesOf(actor.provinceCode, false)]);
      const view = {
        query: request.query,
        result,
        canManage: roleHas(actor.role, 'training.manage'),
        courses,
        years: yearChoices(today()),
      };
      const ctx = request.viewContext();
      reply.header('Vary', 'HX-Request');
      if (wantsFragment(request)) return sendFragment(reply, <ClassResults ctx={ctx} view={view} />);
      return sendHtml(reply, <ClassListPage ctx={ctx} view={view} />);
    },
  );

  app.get(
    '/training/classes/new',
    { config: { access: 'training.manage' }, schema: { summary: 'New class form', tags: TAGS } },
    async (request, reply) => {
      const actor = actorOf(request);
      const [courses, units] = await Promise.all([coursesOf(actor.provinceCode, true), listCurrentUnits(deps.db, actor.provinceCode)]);
      return sendHtml(
        reply,
        <ClassFormPage ctx={request.viewContext()} view={{ values: { status: 'PLANNED' }, courses, units, error: null }} />,
      );
    },
  );

  app.post(
    '/training/classes',
    { config: { access: 'training.manage' }, schema: { body: FlatFormSchema, summary: 'Organise a class (form)', tags: TAGS } },
    async (request, reply) => {
      const actor = actorOf(request);
      try {
        const input = parseTranslated(ClassCreateBodySchema, classFormToBody(request.body), request.locale);
        const created = await createClass(uc, actor, input, auditMetaOf(request, actor, deps.clock), request.locale);
        return reply.redirect(`/training/classes/${created.id}?saved=1`, 303);
      } catch (e) {
        if (!(isShownInPage(e) || (e instanceof AppError && e.code === 'TRAINING_COURSE_NOT_FOUND'))) throw e;
        const [courses, units] = await Promise.all([coursesOf(actor.provinceCode, true), listCurrentUnits(deps.db, actor.provinceCode)]);
        const view = { values: request.body, courses, units, error: e };
        return sendHtml(reply, <ClassFormPage ctx={request.viewContext()} view={view} />, e.status);
      }
    },
  );

  app.get(
    '/training/classes/:id',
    {
      config: { access: 'training.read' },
      schema: { params: IdParamsSchema, querystring: DetailQuerySchema, summary: 'Training class page', tags: TAGS },
    },
    async (request, reply) =>
      renderDetail(request, reply, request.params.id, {
        saved: request.query.saved === '1',
        from: request.query.from,
        page: request.query.page,
        q: request.query.q,
        cpage: request.query.cpage,
        suggest: request.query.suggest === '1',
      }),
  );

  app.get(
    '/training/classes/:id/candidates',
    {
      config: { access: 'training.read' },
      schema: { params: IdParamsSchema, querystring: CandidatesQuerySchema, summary: 'People found by name (class page)', tags: TAGS },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { q, cpage } = request.query;
      reply.header('Vary', 'HX-Request');
      if (!wantsFragment(request)) return renderDetail(request, reply, id, { q, cpage });
      const actor = actorOf(request);
      const klass = await getClass(uc, actor, id);
      const list =
        q !== undefined && canEnrol(klass.status)
          ? await searchCandidates(uc, actor, id, { q, page: cpage ?? 1, pageSize: CANDIDATES_PER_PAGE }, request.locale)
          : null;
      const canManage = roleHas(actor.role, 'training.manage');
      return sendFragment(reply, <CandidateResults ctx={request.viewContext()} classId={id} q={q} list={list} canManage={canManage} />);
    },
  );

  app.get(
    '/training/classes/:id/suggestions',
    {
      config: { access: 'training.read' },
      schema: { params: IdParamsSchema, summary: 'People whose training needs the class closes (class page)', tags: TAGS },
    },
    async (request, reply) => {
      const { id } = request.params;
      reply.header('Vary', 'HX-Request');
      if (!wantsFragment(request)) return renderDetail(request, reply, id, { suggest: true });
      const actor = actorOf(request);
      const klass = await getClass(uc, actor, id);
      const list = canEnrol(klass.status) ? await suggestCandidates(uc, actor, id, { limit: SUGGESTIONS_SHOWN }, request.locale) : null;
      const canManage = roleHas(actor.role, 'training.manage');
      return sendFragment(reply, <SuggestionResults ctx={request.viewContext()} classId={id} list={list} canManage={canManage} />);
    },
  );

  app.post(
    '/training/classes/:id/status',
    {
      config: { access: 'training.manage' },
      schema: { params: IdParamsSchema, body: FlatFormSchema, summary: 'Change a class’s status (form)', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      return formAction(request, reply, id, async () => {
        const c = await getClass(uc, actor, id);
        const body = {
          version: Number(request.body.version),
          status: request.body.status,
          organisingUnitId: c.organisingUnitId,
          provider: c.provider,
          startDate: c.startDate,
          endDate: c.endDate,
          sessionDays: c.sessionDays,
          location: c.location,
          mode: c.mode,
          capacity: c.capacity,
          planClassId: c.planClassId,
        };
        const input = parseTranslated(ClassUpdateBodySchema, body, request.locale);
        await updateClass(uc, actor, id, input, auditMetaOf(request, actor, deps.clock), request.locale);
      });
    },
  );

  app.post(
    '/training/classes/:id/enrol',
    {
      config: { access: 'training.manage' },
      schema: { params: IdParamsSchema, body: FlatFormSchema, summary: 'Enrol people (form)', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      try {
        const input = parseTranslated(EnrolBodySchema, { staffIds: staffIdsOf(request.body) }, request.locale);
        const enrolResult = await enrol(uc, actor, id, input, auditMetaOf(request, actor, deps.clock), request.locale);
        // The name searched for stays, so the ticked people now read as enrolled.
        const q = typeof request.body.q === 'string' && request.body.q.trim() !== '' ? request.body.q.trim().slice(0, 100) : undefined;
        return renderDetail(request, reply, id, { enrolResult, q });
      } catch (e) {
        if (!isShownInPage(e)) throw e;
        return renderDetail(request, reply, id, { error: e }, e.status);
      }
    },
  );

  app.post(
    '/training/classes/:id/enrolments/:enrolmentId/withdraw',
    {
      config: { access: 'training.manage' },
      schema: { params: EnrolmentParamsSchema, body: FlatFormSchema, summary: 'Withdraw a person (form)', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, enrolmentId } = request.params;
      return formAction(request, reply, id, () => withdraw(uc, actor, id, enrolmentId, auditMetaOf(request, actor, deps.clock)));
    },
  );

  app.post(
    '/training/classes/:id/attendance',
    {
      config: { access: 'training.manage' },
      schema: {
        params: IdParamsSchema,
        querystring: DetailQuerySchema,
        body: FlatFormSchema,
        summary: 'Record attendance (form grid)',
        tags: TAGS,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      return formAction(
        request,
        reply,
        id,
        async () => {
          const input = parseTranslated(AttendanceBodySchema, attendanceOf(request.body), request.locale);
          await recordAttendance(uc, actor, id, input, auditMetaOf(request, actor, deps.clock), request.locale);
        },
        { from: request.query.from, page: request.query.page },
      );
    },
  );

  app.post(
    '/training/classes/:id/complete',
    {
      config: { access: 'training.manage' },
      schema: { params: IdParamsSchema, body: FlatFormSchema, summary: 'Record results (form)', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = request.params.id;
      return formAction(request, reply, id, async () => {
        const input = parseTranslated(CompleteBodySchema, completionOf(request.body), request.locale);
        await complete(uc, actor, id, input, auditMetaOf(request, actor, deps.clock), request.locale);
      });
    },
  );

  app.get(
    '/training/execution',
    { config: { access: 'training.read' }, schema: { querystring: ExecutionQuerySchema, summary: 'Plan versus actual page', tags: TAGS } },
    async (request, reply) => {
      const actor = actorOf(request);
      const [report, plans, allUnits] = await Promise.all([
        executionReport(uc, actor, request.query),
        planChoices(uc, actor),
        listCurrentUnits(deps.db, actor.provinceCode),
      ]);
      const units = isUnitRole(actor.role) ? allUnits.filter((u) => u.id === actor.unitId) : allUnits;
      const view = { query: request.query, report, plans, units, years: yearChoices(today()) };
      return sendHtml(reply, <ExecutionPage ctx={request.viewContext()} view={view} />);
    },
  );

  await app.register(trainingExecutionApi, deps);
  await app.register(enrolSearchApi, deps);
};
