import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { roleHas } from '../../platform/auth/roles.ts';
import { AppError, ERROR_TABLE } from '../../platform/errors/app-error.ts';
import { sendFragment, sendHtml } from '../../platform/html/render.ts';
import { IdParamsSchema, ProblemSchema } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf, wantsFragment } from '../../platform/http/route-helpers.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { DOMAIN_TIME_ZONE } from '../../platform/time/format.ts';
import { type CalculatorValues, parseCalculator } from './calculator-form.ts';
import {
  CalculatorQuerySchema,
  DueDateQuerySchema,
  DueDateResponseSchema,
  HolidayCreateBodySchema,
  type HolidayForm,
  HolidayFormBodySchema,
  HolidayListResponseSchema,
  HolidaySchema,
  YearQuerySchema,
} from './calendar.schemas.ts';
import { CalendarPage, type CalendarView } from './pages/calendar.page.tsx';
import { type CalculatorView, DueDateResult } from './pages/due-date.partial.tsx';
import { addHoliday } from './use-cases/add-holiday.ts';
import { computeDueDate } from './use-cases/compute-due-date.ts';
import type { CalendarDeps } from './use-cases/deps.ts';
import { listHolidaysOfYear } from './use-cases/list-holidays.ts';
import { removeHoliday } from './use-cases/remove-holiday.ts';
import { zonedParts } from './zoned-time.ts';

const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const PageQuerySchema = YearQuerySchema.extend({ notice: z.enum(['added', 'removed']).optional() });

export const calendarModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: CalendarDeps = { db: deps.db, clock: deps.clock };
  const metaOf = (request: FastifyRequest, actor: Actor) => auditMetaOf(request, actor, deps.clock);

  /** The calculator starts at "now" in Vietnam, so a counter officer only types the limit. */
  const calculatorDefaults = (): CalculatorValues => {
    const now = zonedParts(deps.clock.now(), DOMAIN_TIME_ZONE);
    const minutes = Math.floor(now.msOfDay / 60_000);
    const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return { fromDate: now.date, fromTime: hhmm, amount: '', unit: 'working_days' };
  };

  const renderPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    opts: {
      year?: number | undefined;
      calculator?: CalculatorView;
      notice?: CalendarView['notice'];
      formError?: CalendarView['formError'];
      formValues?: HolidayForm;
    },
    status = 200,
  ) => {
    const actor = actorOf(request);
    const view: CalendarView = {
      list: await listHolidaysOfYear(ucDeps, opts.year),
      canManage: roleHas(actor.role, 'calendar.manage'),
      notice: opts.notice ?? null,
      formError: opts.formError ?? null,
      formValues: opts.formValues ?? null,
      calculator: opts.calculator ?? { values: calculatorDefaults(), result: null, problems: [] },
    };
    return sendHtml(reply, <CalendarPage ctx={request.viewContext()} view={view} />, status);
  };

  app.get(
    '/api/v1/calendar/due-date',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['calendar'],
        summary: 'Compute a statutory due date',
        description:
          'Adds a time limit to a moment of receipt in Asia/Ho_Chi_Minh: working days (the day of receipt not counted; ends at the end of the last day), working hours (office hours only) or calendar days (moved to the next working day when the last day is a day off). Receipts after the cut-off hour or on a day off count from the next working day. Rules come from the versioned rules store of the caller’s province.',
        querystring: DueDateQuerySchema,
        response: { 200: DueDateResponseSchema, ...problems },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const q = request.query;
      return computeDueDate(ucDeps, actor.provinceCode, { from: new Date(q.from), amount: q.amount, unit: q.unit }, request.locale);
    },
  );

  app.get(
    '/api/v1/calendar/holidays',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['calendar'],
        summary: 'Public holidays, days off and swapped working days of a year',
        description: 'National data. `year` defaults to the current year in Vietnam; entries with `confirmed: false` are provisional.',
        querystring: YearQuerySchema,
        response: { 200: HolidayListResponseSchema, ...problems },
      },
    },
    async (request) => listHolidaysOfYear(ucDeps, request.query.year),
  );

  app.post(
    '/api/v1/calendar/holidays',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: 'Add a holiday, a day off in lieu or a swapped working Saturday',
        description:
          'One entry per date (409 CALENDAR_HOLIDAY_EXISTS otherwise). A WORKING_SATURDAY must fall on a weekend and a COMPENSATORY_DAY_OFF on a weekday. Audited; open dossiers whose counting runs over the date are re-timed in the same transaction, each with a timeline event and an audit entry.',
        body: HolidayCreateBodySchema,
        response: { 201: HolidaySchema, ...problems, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const holiday = await addHoliday(ucDeps, request.body, metaOf(request, actor));
      return reply.status(201).send(holiday);
    },
  );

  app.delete(
    '/api/v1/calendar/holidays/:id',
    {
      config: { access: 'calendar.manage' },
      schema: {
        tags: ['calendar'],
        summary: 'Remove a calendar entry',
        description:
          'Audited with the removed entry as its before-image; open dossiers whose counting runs over the date are re-timed in the same transaction.',
        params: IdParamsSchema,
        response: { 204: z.null().describe('Removed'), ...problems, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      await removeHoliday(ucDeps, request.params.id, metaOf(request, actor));
      return reply.status(204).send(null);
    },
  );

  app.get('/calendar', { config: { access: 'authenticated' }, schema: { querystring: PageQuerySchema } }, async (request, reply) =>
    renderPage(request, reply, { year: request.query.year, notice: request.query.notice }),
  );

  app.get(
    '/calendar/due-date',
    { config: { access: 'authenticated' }, schema: { querystring: CalculatorQuerySchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const parsed = parseCalculator(request.query, calculatorDefaults());
      const calculator: CalculatorView = {
        values: parsed.values,
        result: parsed.kind === 'ok' ? await computeDueDate(ucDeps, actor.provinceCode, parsed.input, request.locale) : null,
        problems: parsed.kind === 'invalid' ? parsed.problems : [],
      };
      const status = parsed.kind === 'invalid' ? 400 : 200;
      reply.header('Vary', 'HX-Request');
      if (wantsFragment(request)) return sendFragment(reply, <DueDateResult ctx={request.viewContext()} view={calculator} />, status);
      return renderPage(request, reply, { calculator }, status);
    },
  );

  app.post(
    '/calendar/holidays',
    { config: { access: 'calendar.manage' }, schema: { body: HolidayFormBodySchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const form = request.body;
      const year = /^\d{4}/.test(form.date) ? Number(form.date.slice(0, 4)) : undefined;
      const parsed = HolidayCreateBodySchema.safeParse({ ...form, confirmed: form.confirmed !== undefined });
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
        const labels = fields.map((f) => request.t(`calendar.field.${f}` as MessageKey));
        const formError = { message: request.t('calendar.add.invalid', { fields: labels.join(', ') }), fields };
        return renderPage(request, reply, { year, formError, formValues: form }, 400);
      }
      try {
        const holiday = await addHoliday(ucDeps, parsed.data, metaOf(request, actor));
        return reply.redirect(`/calendar?year=${holiday.date.slice(0, 4)}&notice=added#holidays`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || !e.code.startsWith('CALENDAR_')) throw e;
        const formError = { message: request.t(ERROR_TABLE[e.code].key as MessageKey, e.params), fields: ['date'] };
        return renderPage(request, reply, { year, formError, formValues: form }, e.status);
      }
    },
  );

  app.post(
    '/calendar/holidays/:id/delete',
    { config: { access: 'calendar.manage' }, schema: { params: IdParamsSchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const removed = await removeHoliday(ucDeps, request.params.id, metaOf(request, actor));
      return reply.redirect(`/calendar?year=${removed.date.slice(0, 4)}&notice=removed#holidays`, 303);
    },
  );
};
