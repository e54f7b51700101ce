import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { AppError, ERROR_TABLE, type FieldProblem } from '../../platform/errors/app-error.ts';
import { sendHtml } from '../../platform/html/render.ts';
import { IdParamsSchema } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import type { Locale, MessageKey } from '../../platform/i18n/index.ts';
import { ClosedPage, CounterPage, type CounterView } from './pages/counter.page.tsx';
import { DisplayPage } from './pages/display.page.tsx';
import { KioskPage, type KioskView } from './pages/kiosk.page.tsx';
import { queueApi } from './queue.api.ts';
import {
  CallNextBodySchema,
  CounterPageQuerySchema,
  IssueTicketBodySchema,
  LinkDossierBodySchema,
  TicketActionBodySchema,
  UnitCodeParamsSchema,
} from './queue.schemas.ts';
import { actOnTicket, callNext, linkDossier } from './use-cases/counter.ts';
import type { QueueDeps } from './use-cases/deps.ts';
import { issueTicket, queueUnit } from './use-cases/issue-ticket.ts';
import { counterUnit, listUnitTickets, queueDisplay, unitStats } from './use-cases/read-queue.ts';

const FormBodySchema = z.record(z.string().max(64), z.union([z.string().max(200), z.array(z.string().max(200)).max(40)]));
type FormBody = z.infer<typeof FormBodySchema>;
const CounterQuerySchema = CounterPageQuerySchema.extend({ called: z.string().max(10).optional() });
const ClosedQuerySchema = CounterPageQuerySchema.extend({ page: z.coerce.number().int().min(1).max(1000).optional() });
const ZOD_LOCALES = { vi: z.locales.vi, en: z.locales.en, id: z.locales.id };

function parseForm<S extends z.ZodType>(schema: S, raw: unknown, locale: Locale): z.output<S> {
  const result = schema.safeParse(raw, { error: ZOD_LOCALES[locale]().localeError });
  if (result.success) return result.data;
  const problems: FieldProblem[] = result.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  throw new AppError('VALIDATION_FAILED', {}, problems);
}

/** A refusal the page shows in place (bad input, a conflict); access refusals and 404s go to the error pages. */
function isShownInPage(e: unknown): e is AppError {
  return e instanceof AppError && e.status < 500 && ![401, 403, 404].includes(e.status);
}

function messageOf(request: FastifyRequest, e: AppError): string {
  return [request.t(ERROR_TABLE[e.code].key as MessageKey, e.params), ...e.fieldProblems.map((p) => `${p.path}: ${p.message}`)].join(' ');
}

const single = (v: FormBody[string] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The counter's settings from a posted form, to carry back to the page. */
function counterOf(form: FormBody): { counter: string | undefined; fields: string[] } {
  const fields = form.fields === undefined ? [] : Array.isArray(form.fields) ? form.fields : [form.fields];
  const counter = single(form.counter)?.trim();
  return { counter: counter === '' ? undefined : counter, fields };
}

function counterUrl(settings: { counter: string | undefined; fields: string[] }, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  if (settings.counter) q.set('counter', settings.counter);
  for (const f of settings.fields) q.append('fields', f);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  const s = q.toString();
  return s ? `/queue?${s}` : '/queue';
}

export const queueModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: QueueDeps = { db: deps.db, clock: deps.clock };
  await app.register(queueApi, deps);

  const kioskPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    unitCode: string,
    rest: Pick<KioskView, 'issued' | 'error'>,
    status = 200,
  ) => {
    const unit = await queueUnit(ucDeps, unitCode);
    const view: KioskView = { unitCode: unit.code, unitName: unit.name, ...rest };
    return sendHtml(reply.header('Cache-Control', 'no-store'), <KioskPage ctx={request.viewContext()} view={view} />, status);
  };

  app.get('/kiosk/:unitCode', { config: { access: 'public' }, schema: { params: UnitCodeParamsSchema } }, async (request, reply) =>
    kioskPage(request, reply, request.params.unitCode, { issued: null, error: null }),
  );

  app.post(
    '/kiosk/:unitCode',
    { config: { access: 'public' }, schema: { params: UnitCodeParamsSchema, body: FormBodySchema } },
    async (request, reply) => {
      const { unitCode } = request.params;
      try {
        const body = parseForm(IssueTicketBodySchema, { field: single(request.body.field) }, request.locale);
        const issued = await issueTicket(ucDeps, unitCode, body, request.id);
        return kioskPage(request, reply, unitCode, { issued, error: null }, 201);
      } catch (e) {
        if (!isShownInPage(e)) throw e;
        return kioskPage(request, reply, unitCode, { issued: null, error: messageOf(request, e) }, e.status);
      }
    },
  );

  app.get(
    '/queue-display/:unitCode',
    { config: { access: 'public' }, schema: { params: UnitCodeParamsSchema } },
    async (request, reply) => {
      const view = await queueDisplay(ucDeps, request.params.unitCode);
      const now = deps.clock.now().toISOString();
      return sendHtml(reply.header('Cache-Control', 'no-store'), <DisplayPage ctx={request.viewContext()} view={view} now={now} />);
    },
  );

  const counterPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    query: z.output<typeof CounterQuerySchema>,
    message: Pick<CounterView, 'notice' | 'error'>,
    status = 200,
  ) => {
    const actor = actorOf(request);
    const [unit, list, stats] = await Promise.all([
      counterUnit(ucDeps, actor),
      listUnitTickets(ucDeps, actor, {}),
      unitStats(ucDeps, actor, { from: query.from, to: query.to }),
    ]);
    const view: CounterView = {
      unitName: unit.name,
      unitCode: unit.code,
      counter: query.counter ?? null,
      fields: query.fields,
      tickets: list.items,
      stats,
      now: deps.clock.now().toISOString(),
      ...message,
    };
    return sendHtml(reply.header('Cache-Control', 'no-store'), <CounterPage ctx={request.viewContext()} view={view} />, status);
  };

  /** The day's closed tickets, a page at a time: the counter page itself shows only the latest few. */
  app.get('/queue/closed', { config: { access: 'queue.call' }, schema: { querystring: ClosedQuerySchema } }, async (request, reply) => {
    const actor = actorOf(request);
    const [unit, list] = await Promise.all([counterUnit(ucDeps, actor), listUnitTickets(ucDeps, actor, {})]);
    const q = request.query;
    const view: CounterView = {
      unitName: unit.name,
      unitCode: unit.code,
      counter: q.counter ?? null,
      fields: q.fields,
      tickets: list.items,
      stats: { from: '', to: '', rows: [] },
      now: deps.clock.now().toISOString(),
      notice: null,
      error: null,
    };
    return sendHtml(reply.header('Cache-Control', 'no-store'), <ClosedPage ctx={request.viewContext()} view={view} page={q.page ?? 1} />);
  });

  app.get('/queue', { config: { access: 'queue.call' }, schema: { querystring: CounterQuerySchema } }, async (request, reply) => {
    const { called, counter } = request.query;
    const notice = called && counter ? request.t('queue.counter.called', { label: called, counter }) : null;
    return counterPage(request, reply, request.query, { notice, error: null });
  });

  /** Runs a counter action from a form: back to the page on success (303), the page with the reason on a refusal. */
  const counterAction = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormBody,
    run: (settings: ReturnType<typeof counterOf>) => Promise<Record<string, string>>,
  ) => {
    const settings = counterOf(form);
    try {
      const extra = await run(settings);
      return reply.redirect(counterUrl(settings, extra), 303);
    } catch (e) {
      if (!isShownInPage(e)) throw e;
      const query = parseForm(CounterQuerySchema, settings, request.locale);
      return counterPage(request, reply, query, { notice: null, error: messageOf(request, e) }, e.status);
    }
  };

  app.post('/queue/call-next', { config: { access: 'queue.call' }, schema: { body: FormBodySchema } }, async (request, reply) =>
    counterAction(request, reply, request.body, async (settings) => {
      const actor = actorOf(request);
      const body = parseForm(CallNextBodySchema, settings, request.locale);
      const ticket = await callNext(ucDeps, actor, body, auditMetaOf(request, actor, deps.clock));
      return { called: ticket.label };
    }),
  );

  app.post(
    '/queue/tickets/:id/actions',
    { config: { access: 'queue.call' }, schema: { params: IdParamsSchema, body: FormBodySchema } },
    async (request, reply) =>
      counterAction(request, reply, request.body, async (settings) => {
        const actor = actorOf(request);
        const body = parseForm(TicketActionBodySchema, { action: single(request.body.action), counter: settings.counter }, request.locale);
        await actOnTicket(ucDeps, actor, request.params.id, body, auditMetaOf(request, actor, deps.clock));
        return {};
      }),
  );

  app.post(
    '/queue/tickets/:id/link',
    { config: { access: 'queue.call' }, schema: { params: IdParamsSchema, body: FormBodySchema } },
    async (request, reply) =>
      counterAction(request, reply, request.body, async () => {
        const actor = actorOf(request);
        const body = parseForm(LinkDossierBodySchema, { dossierCode: single(request.body.dossierCode) }, request.locale);
        await linkDossier(ucDeps, actor, request.params.id, body, auditMetaOf(request, actor, deps.clock));
        return {};
      }),
  );
};
