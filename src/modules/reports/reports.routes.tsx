import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isUnitRole, roleHas } from '../../platform/auth/roles.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { sendHtml } from '../../platform/html/render.ts';
import { IdParamsSchema } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import { domainToday } from '../../platform/time/format.ts';
import { parseTranslated } from '../training/course-input.ts';
import { ReportDetailPage } from './pages/report-detail.page.tsx';
import { ReportsPage, type ReportsPageView } from './pages/reports.page.tsx';
import { blankReportForm, formToReportBody, type ReportFormValues } from './report-form.ts';
import { type ReportsModuleDeps, reportsApi } from './reports.api.ts';
import * as repo from './reports.repository.ts';
import { CreateReportBodySchema, ReportListQuerySchema } from './reports.schemas.ts';
import { type ReportDeps, reportJobHandler } from './use-cases/build-report.ts';
import { enqueueScheduledReports, REPORT_SCHEDULE_EVERY_MS, REPORT_SCHEDULE_NAME } from './use-cases/report-schedule.ts';
import { getReport, listReports, requestReport } from './use-cases/reports.ts';

const FormSchema = z.record(z.string().max(64), z.string().max(200));

/**
 * Periodic reports (issue 7 §3): the API, the pages, the `report.build` job handler and the
 * reports schedule (unless REPORT_SCHEDULE=off). Registered from app.ts with the app's job worker.
 */
export const reportsModule: FastifyPluginAsync<ReportsModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: ReportDeps = { db: deps.db, clock: deps.clock };
  deps.jobs.register(reportJobHandler({ ...ucDeps, readDb: deps.readDb }));
  if (deps.config.REPORT_SCHEDULE === 'on') {
    deps.jobs.addSchedule({
      name: REPORT_SCHEDULE_NAME,
      everyMs: REPORT_SCHEDULE_EVERY_MS,
      run: (now) => enqueueScheduledReports(ucDeps, now),
    });
  }
  await app.register(reportsApi, deps);

  /** The scopes an actor may name: the province and every unit, or a commune leader's own unit. */
  const scopesOf = async (request: FastifyRequest) => {
    const actor = actorOf(request);
    const units = await repo.listProvinceUnits(deps.db, actor.provinceCode);
    if (isUnitRole(actor.role)) return units.filter((u) => u.id === actor.unitId).map((u) => ({ value: u.code, label: u.name }));
    return [
      { value: 'province', label: request.viewContext().t('reports.scope.province') },
      ...units.map((u) => ({ value: u.code, label: u.name })),
    ];
  };

  const renderList = async (request: FastifyRequest, reply: FastifyReply, form: ReportFormValues | null, error: AppError | null) => {
    const actor = actorOf(request);
    const query = ReportListQuerySchema.parse(request.method === 'GET' ? request.query : {});
    const scopes = await scopesOf(request);
    const today = domainToday(deps.clock.now());
    const view: ReportsPageView = {
      list: await listReports(ucDeps, actor, query),
      query,
      scopes,
      canGenerate: roleHas(actor.role, 'reports.generate'),
      form: form ?? blankReportForm(today, scopes[0]?.value ?? 'province'),
      error,
    };
    return sendHtml(
      reply,
      <ReportsPage ctx={request.viewContext()} view={view} thisYear={Number(today.slice(0, 4))} />,
      error ? error.status : 200,
    );
  };

  app.get(
    '/reports',
    { config: { access: 'reports.read' }, schema: { querystring: ReportListQuerySchema, hide: true } },
    async (request, reply) => renderList(request, reply, null, null),
  );

  app.post('/reports', { config: { access: 'reports.generate' }, schema: { body: FormSchema, hide: true } }, async (request, reply) => {
    const actor = actorOf(request);
    const { _csrf: _, ...raw } = request.body;
    const form: ReportFormValues = {
      kind: raw.kind ?? '',
      year: raw.year ?? '',
      month: raw.month ?? '',
      quarter: raw.quarter ?? '',
      unit: raw.unit ?? '',
    };
    try {
      const body = parseTranslated(CreateReportBodySchema, formToReportBody(raw), request.locale);
      const outcome = await requestReport(ucDeps, actor, body, auditMetaOf(request, actor, deps.clock));
      deps.jobs.wake();
      return reply.redirect(outcome.body.links.page, 303);
    } catch (e) {
      // Bad input (400) and a period that has not started (422) show the form again; refusals stay errors.
      if (!(e instanceof AppError && (e.status === 400 || e.status === 422))) throw e;
      return renderList(request, reply, form, e);
    }
  });

  app.get(
    '/reports/:id',
    { config: { access: 'reports.read' }, schema: { params: IdParamsSchema, hide: true } },
    async (request, reply) => {
      const report = await getReport(ucDeps, actorOf(request), request.params.id);
      return sendHtml(reply, <ReportDetailPage ctx={request.viewContext()} report={report} />);
    },
  );
};
