import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../../app.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { roleHas } from '../../../platform/auth/roles.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { sendHtml } from '../../../platform/html/render.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import { type MessageKey, translate } from '../../../platform/i18n/index.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { listPositions, unitVacancies } from '../../positions/use-cases/positions.ts';
import type { NormLine } from '../norm.schemas.ts';
import { listNorms } from '../use-cases/norm.ts';
import { POSITION_PAGE_SIZE, pageOf } from './pages/position-view.ts';
import { ExpertisePage, type RunFormValues, type RunFormView, RunPage, type RunReportView, StaffingHomePage } from './pages/run.page.tsx';
import { type PositionRow, RunLinePage } from './pages/run-line.page.tsx';
import { RunPositionsPage } from './pages/run-positions.page.tsx';
import { filterLines, type LineFilter } from './pages/run-view.ts';
import { CreateRunBodySchema, RunLineFilterSchema, type StaffingRun } from './run.schemas.ts';
import { runPdf, runWorkbook } from './run-export.ts';
import { getRunPositions } from './use-cases/run-positions.ts';
import { createRun, getRun, getRunLine, latestRunId, listRuns, type RunDeps } from './use-cases/runs.ts';

const TAGS = ['staffing'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZOD_LOCALES = { vi: z.locales.vi, en: z.locales.en, id: z.locales.id };

const RunParamsSchema = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const LineParamsSchema = RunParamsSchema.extend({
  unitId: z.coerce.number().int().positive().max(2_147_483_647),
  field: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/),
});
const PositionsQuerySchema = RunLineFilterSchema.extend({
  page: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce.number().int().min(1).max(100_000).default(1),
  ),
});
const RunFormBodySchema = z.record(z.string().max(64), z.union([z.string().max(2000), z.array(z.string().max(2000)).max(5)]));

/** The Vietnamese translator: exports are filed documents, written in Vietnamese whatever the page language. */
const tVi = (key: MessageKey, params?: Record<string, string | number>) => translate('vi', key, params);

const single = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** Refusals shown in the form (bad input, a conflict, figures the use case cannot take); the rest go to the error pages. */
const isShownInForm = (e: unknown): e is AppError => e instanceof AppError && [400, 409, 422].includes(e.status);

/** Typed text → the API body: blank → absent (the use case's default), a 1–4 digit year → number, anything else as typed so the schema refuses it. */
export function bodyFromForm(v: RunFormValues): Record<string, unknown> {
  const year = v.year.trim();
  const body: Record<string, unknown> = {};
  if (year !== '') body.year = /^\d{1,4}$/.test(year) ? Number(year) : year;
  if (v.periodFrom.trim() !== '') body.periodFrom = v.periodFrom.trim();
  if (v.periodTo.trim() !== '') body.periodTo = v.periodTo.trim();
  if (v.note.trim() !== '') body.note = v.note;
  return body;
}

/**
 * The province staffing pages (issue 5 §3, §6): /staffing (latest run, run selector, compute
 * form), the run's units × fields table, the drill-down of one line, and the run's XLSX and PDF
 * report. The runs use cases decide what the actor may read (unit roles: their own unit's lines).
 */
export const staffingRunPagesModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: RunDeps = { db: deps.db, readDb: deps.readDb, clock: deps.clock };

  /** The norm columns; a unit role whose unit has no norm (not a current commune, ward or special zone) gets none rather than a 404 page. */
  const normsOf = async (actor: Actor): Promise<Map<number, NormLine>> => {
    try {
      const report = await listNorms({ db: deps.db, clock: deps.clock }, actor, { sort: 'name' });
      return new Map(report.items.map((n) => [n.unitId, n]));
    } catch (e) {
      if (e instanceof AppError && e.status === 404) return new Map();
      throw e;
    }
  };

  /** The run with the lines to show; the unfiltered lines give the filter's options and the table's columns. */
  const loadRun = async (actor: Actor, id: number, filter: LineFilter): Promise<{ run: StaffingRun; lines: StaffingRun['lines'] }> => {
    const filtered = filter.unitId !== undefined || filter.field !== undefined || filter.status !== undefined;
    // The unit filter goes to the use case, so another commune's unit answers 404 there (and is audited).
    if (!filtered) {
      const run = await getRun(ucDeps, actor, id, {});
      return { run, lines: run.lines };
    }
    const [run, some] = await Promise.all([getRun(ucDeps, actor, id, {}), getRun(ucDeps, actor, id, filter)]);
    return { run, lines: filterLines(some.lines, filter) };
  };

  const reportView = async (actor: Actor, id: number, filter: LineFilter, base: RunReportView['base']): Promise<RunReportView> => {
    const [{ run, lines }, norms] = await Promise.all([loadRun(actor, id, filter), normsOf(actor)]);
    return { run, lines, all: run.lines, filter, norms, base };
  };

  const blankForm = (): RunFormValues => ({
    year: domainToday(deps.clock.now()).slice(0, 4),
    periodFrom: '',
    periodTo: '',
    note: '',
  });

  const renderHome = async (request: FastifyRequest, reply: FastifyReply, form: RunFormView | null, status = 200) => {
    const actor = actorOf(request);
    const [runs, latest] = await Promise.all([listRuns(ucDeps, actor), latestRunId(ucDeps, actor)]);
    const report = latest === null ? null : await reportView(actor, latest, {}, 'home');
    reply.header('Cache-Control', 'no-store');
    return sendHtml(reply, <StaffingHomePage ctx={request.viewContext()} view={{ runs, report, form }} />, status);
  };

  app.get(
    '/staffing',
    {
      config: { access: 'staffing.read' },
      schema: { summary: 'Province staffing need: the latest WISN run (page)', tags: TAGS, hide: true },
    },
    async (request, reply) => {
      const canRun = roleHas(actorOf(request).role, 'staffing.run');
      return renderHome(request, reply, canRun ? { values: blankForm(), error: null } : null);
    },
  );

  app.post(
    '/staffing/runs',
    {
      config: { access: 'staffing.run' },
      schema: { body: RunFormBodySchema, summary: 'Compute a WISN run from the dossier records (form)', tags: TAGS, hide: true },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const b = request.body;
      const values: RunFormValues = {
        year: single(b.year),
        periodFrom: single(b.periodFrom),
        periodTo: single(b.periodTo),
        note: single(b.note),
      };
      try {
        const parsed = CreateRunBodySchema.safeParse(bodyFromForm(values), { error: ZOD_LOCALES[request.locale]().localeError });
        if (!parsed.success)
          throw new AppError(
            'VALIDATION_FAILED',
            {},
            parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
          );
        const run = await createRun(ucDeps, actor, parsed.data, auditMetaOf(request, actor, deps.clock));
        return reply.redirect(`/staffing/runs/${run.id}`, 303);
      } catch (e) {
        if (!isShownInForm(e)) throw e;
        return renderHome(request, reply, { values, error: e }, e.status);
      }
    },
  );

  app.get(
    '/staffing/runs/:id',
    {
      config: { access: 'staffing.read' },
      schema: {
        params: RunParamsSchema,
        querystring: RunLineFilterSchema,
        summary: 'A stored WISN run: units × staff categories (page)',
        tags: TAGS,
        hide: true,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const [view, runs] = await Promise.all([reportView(actor, request.params.id, request.query, 'run'), listRuns(ucDeps, actor)]);
      reply.header('Cache-Control', 'no-store');
      return sendHtml(reply, <RunPage ctx={request.viewContext()} view={view} runs={runs} />);
    },
  );

  app.get(
    '/staffing/runs/:id/expertise',
    {
      config: { access: 'staffing.read' },
      schema: {
        params: RunParamsSchema,
        querystring: RunLineFilterSchema,
        summary: 'A stored WISN run: shortage combined with missing expertise (page)',
        tags: TAGS,
        hide: true,
      },
    },
    async (request, reply) => {
      const view = await reportView(actorOf(request), request.params.id, request.query, 'run');
      reply.header('Cache-Control', 'no-store');
      return sendHtml(reply, <ExpertisePage ctx={request.viewContext()} view={view} />);
    },
  );

  app.get(
    '/staffing/runs/:id/positions',
    {
      config: { access: 'staffing.read' },
      schema: {
        params: RunParamsSchema,
        querystring: PositionsQuerySchema,
        summary: 'A stored WISN run: units × job positions, derived from the field lines (page)',
        tags: TAGS,
        hide: true,
      },
    },
    async (request, reply) => {
      const { page, ...filter } = request.query;
      const { run, onDate, rows } = await getRunPositions(ucDeps, actorOf(request), request.params.id, filter);
      const paged = pageOf(rows, page);
      reply.header('Cache-Control', 'no-store');
      return sendHtml(
        reply,
        <RunPositionsPage
          ctx={request.viewContext()}
          view={{ run, onDate, filter, rows: paged.items, page: paged.page, pageSize: POSITION_PAGE_SIZE, total: paged.total }}
        />,
      );
    },
  );

  /** Staff of the field in the unit by job position; null when the catalogue cannot be read (no version in force). */
  const positionsOf = async (actor: Actor, unitId: number, field: string): Promise<PositionRow[] | null> => {
    try {
      const [catalogue, vacancies] = await Promise.all([
        listPositions({ db: deps.db, clock: deps.clock }, actor, {}),
        unitVacancies({ db: deps.db, clock: deps.clock }, actor, unitId),
      ]);
      const ofField = new Set(catalogue.items.filter((p) => p.field === field).map((p) => p.code));
      return vacancies.lines
        .filter((l) => ofField.has(l.positionCode))
        .map((l) => ({ positionCode: l.positionCode, positionName: l.positionName, posts: l.posts, holders: l.holders }));
    } catch (e) {
      if (e instanceof AppError && e.status !== 403) return null;
      throw e;
    }
  };

  app.get(
    '/staffing/runs/:id/units/:unitId/fields/:field',
    {
      config: { access: 'staffing.read' },
      schema: { params: LineParamsSchema, summary: 'One line of a WISN run, every figure explained (page)', tags: TAGS, hide: true },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, unitId, field } = request.params;
      const { run, line } = await getRunLine(ucDeps, actor, id, unitId, field);
      const [full, positions] = await Promise.all([getRun(ucDeps, actor, id, { unitId, field }), positionsOf(actor, unitId, field)]);
      reply.header('Cache-Control', 'no-store');
      return sendHtml(reply, <RunLinePage ctx={request.viewContext()} view={{ run, line, calendar: full.calendar, positions }} />);
    },
  );

  const EXPORT_DESCRIPTION =
    'The staffing report of a stored WISN run, in Vietnamese. Province roles get every line of the province (optionally filtered by unitId, field, status); unit roles their own unit’s lines only. Another province’s run answers 404.';

  app.get(
    '/staffing/runs/:id/export.xlsx',
    {
      config: { access: 'staffing.read' },
      schema: {
        params: RunParamsSchema,
        querystring: RunLineFilterSchema,
        summary: 'Staffing report of a WISN run as XLSX: lines (unrounded, with units), inputs and sources, rules used',
        description: `${EXPORT_DESCRIPTION} A sheet by job position splits each field line's need among the field's positions in proportion to their holders on the run's date (derived, not computed by WISN; the rule is written in the rules sheet). Text cells starting with = + - @, tab or carriage return get a leading apostrophe.`,
        tags: TAGS,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const [{ run, lines }, byPosition] = await Promise.all([
        loadRun(actor, request.params.id, request.query),
        getRunPositions(ucDeps, { ...actor, locale: 'vi' }, request.params.id, request.query),
      ]);
      const body = await runWorkbook(run, lines, tVi, byPosition);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', `attachment; filename="nhu-cau-bien-che-${run.id}.xlsx"`)
        .header('Cache-Control', 'no-store')
        .send(body);
    },
  );

  app.get(
    '/staffing/runs/:id/export.pdf',
    {
      config: { access: 'staffing.read' },
      schema: {
        params: RunParamsSchema,
        querystring: RunLineFilterSchema,
        summary: 'Staffing report of a WISN run as PDF (A4 landscape), figures rounded for reading',
        description: EXPORT_DESCRIPTION,
        tags: TAGS,
      },
    },
    async (request, reply) => {
      const { run, lines } = await loadRun(actorOf(request), request.params.id, request.query);
      const body = await runPdf(run, lines, tVi, domainToday(deps.clock.now()));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="nhu-cau-bien-che-${run.id}.pdf"`)
        .header('Cache-Control', 'no-store')
        .send(body);
    },
  );
};
