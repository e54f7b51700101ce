import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { isUnitRole } from '../../platform/auth/roles.ts';
import { AppError, ERROR_TABLE } from '../../platform/errors/app-error.ts';
import { sendFragment, sendHtml } from '../../platform/html/render.ts';
import { COMMON_PROBLEMS } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf, wantsFragment } from '../../platform/http/route-helpers.ts';
import { type MessageKey, translate, translator } from '../../platform/i18n/index.ts';
import { domainToday } from '../../platform/time/format.ts';
import { type FilterView, ScorecardBody, ScorecardPage, WorkloadBody, WorkloadPage } from './pages/scorecard.page.tsx';
import { SUPPLIED_FORM_PATH, type SuppliedView } from './pages/supplied.section.tsx';
import { scorecardResponse, workloadResponse } from './scorecard.api.ts';
import {
  type PeriodQueryInput,
  PeriodQuerySchema,
  ScorecardPageQuerySchema,
  type ScorecardResponse,
  ScorecardResponseSchema,
  WorkloadQuerySchema,
  WorkloadResponseSchema,
} from './scorecard.schemas.ts';
import { scorecardWorkbook } from './scorecard-xlsx.ts';

/** The page form: flat text fields (`n.1.1`, `d.1.1`, `s.1.1`, `v.1.1`, unit, period, from, to). */
const SuppliedFormSchema = z.record(z.string().max(64), z.string().max(2000));

import { suppliedApi } from './supplied/supplied.api.ts';
import { bodyOfForm } from './supplied/supplied-form.ts';
import { suppliedViewOf } from './supplied/supplied-view.ts';
import { putSupplied } from './supplied/use-cases/supplied.ts';
import { computeScorecard } from './use-cases/compute-scorecard.ts';
import { resolveRange, type ScorecardDeps, unitChoices } from './use-cases/scope.ts';
import { workloadStatistics } from './use-cases/workload.ts';

export const scorecardModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  // Reports read a lot and write nothing: the read handle.
  const ucDeps: ScorecardDeps = { db: deps.readDb };
  // Saving hand-entered counts writes: the primary handle.
  const writeDeps: ScorecardDeps = { db: deps.db };
  const rangeOf = (q: PeriodQueryInput) => resolveRange(q, domainToday(deps.clock.now()));

  const card = async (request: FastifyRequest, q: PeriodQueryInput) =>
    scorecardResponse(await computeScorecard(ucDeps, actorOf(request), q.unit, rangeOf(q)), request.t, request.locale);
  const suppliedOf = (request: FastifyRequest, c: ScorecardResponse, saved: boolean): Promise<SuppliedView> =>
    suppliedViewOf(ucDeps, actorOf(request), c, { saved, error: null, values: null });

  await plugin.register(suppliedApi, deps);

  const filterOf = async (request: FastifyRequest, unit: string | null, from: string, to: string): Promise<FilterView> => {
    const actor = actorOf(request);
    return { units: await unitChoices(ucDeps, actor), canProvince: !isUnitRole(actor.role), unit: unit ?? 'province', from, to };
  };

  app.get(
    '/api/v1/scorecards/766',
    {
      config: { access: 'scorecard.read' },
      schema: {
        tags: ['scorecard'],
        summary: 'Decision 766 scorecard of a unit or the province',
        description:
          '`unit` is a unit code or `province` (default: the caller’s own unit for commune roles, the province otherwise). The period is `from`/`to` (local dates, `to` exclusive, at most 366 days) or `period=month|quarter|year` with `year` and `month`/`quarter`. Indicators whose facts are not recorded on dossiers yet are NOT_SUPPLIED and `complete` is false.',
        querystring: PeriodQuerySchema,
        response: { 200: ScorecardResponseSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => card(request, request.query),
  );

  app.get(
    '/api/v1/statistics/workload',
    {
      config: { access: 'scorecard.read' },
      schema: {
        tags: ['scorecard'],
        summary: 'Dossier workload per field, procedure or month',
        description:
          'Received, finished, finished on time, average handling time in working hours (paused time excluded) and backlog at the period end, for a unit or the province.',
        querystring: WorkloadQuerySchema,
        response: { 200: WorkloadResponseSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => {
      const q = request.query;
      return workloadResponse(await workloadStatistics(ucDeps, actorOf(request), q.unit, rangeOf(q), q.groupBy ?? 'field'));
    },
  );

  app.get(
    '/scorecard',
    { config: { access: 'scorecard.read' }, schema: { querystring: ScorecardPageQuerySchema, hide: true } },
    async (request, reply) => {
      const ctx = request.viewContext();
      const c = await card(request, request.query);
      const supplied = await suppliedOf(request, c, request.query.saved === '1');
      if (wantsFragment(request)) return sendFragment(reply, <ScorecardBody ctx={ctx} card={c} supplied={supplied} />);
      const filter = await filterOf(request, c.unit?.code ?? null, c.from, c.to);
      return sendHtml(reply, <ScorecardPage ctx={ctx} filter={filter} card={c} supplied={supplied} />);
    },
  );

  app.get(
    '/scorecard.xlsx',
    { config: { access: 'scorecard.read' }, schema: { querystring: PeriodQuerySchema, hide: true } },
    async (request, reply) => {
      // The workbook is filed in Vietnamese whatever the page language: explanations too.
      const q = request.query;
      const c = scorecardResponse(await computeScorecard(ucDeps, actorOf(request), q.unit, rangeOf(q)), translator('vi'), 'vi');
      const body = await scorecardWorkbook(c, (key: MessageKey, params) => translate('vi', key, params));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="chi-so-766-${c.unit?.code ?? 'tinh'}-${c.from}.xlsx"`)
        .send(body);
    },
  );

  app.get(
    '/statistics',
    { config: { access: 'scorecard.read' }, schema: { querystring: WorkloadQuerySchema, hide: true } },
    async (request, reply) => {
      const ctx = request.viewContext();
      const q = request.query;
      const w = workloadResponse(await workloadStatistics(ucDeps, actorOf(request), q.unit, rangeOf(q), q.groupBy ?? 'field'));
      if (wantsFragment(request)) return sendFragment(reply, <WorkloadBody ctx={ctx} w={w} />);
      const filter = await filterOf(request, w.unit?.code ?? null, w.from, w.to);
      return sendHtml(reply, <WorkloadPage ctx={ctx} filter={filter} w={w} />);
    },
  );

  app.post(
    SUPPLIED_FORM_PATH,
    { config: { access: 'scorecard.supply' }, schema: { body: SuppliedFormSchema, hide: true } },
    async (request, reply) => {
      const actor = actorOf(request);
      const { _csrf: _token, ...values } = request.body;
      const q = PeriodQuerySchema.safeParse({ unit: values.unit, from: values.from, to: values.to });
      if (!q.success)
        throw new AppError(
          'VALIDATION_FAILED',
          {},
          q.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
        );
      const c = await card(request, q.data);
      const current = await suppliedViewOf(ucDeps, actor, c, { saved: false, error: null, values: null });
      const rerender = async (error: string, status: number) => {
        const ctx = request.viewContext();
        const filter = await filterOf(request, c.unit?.code ?? null, c.from, c.to);
        const supplied: SuppliedView = { ...current, error, values };
        return sendHtml(reply, <ScorecardPage ctx={ctx} filter={filter} card={c} supplied={supplied} />, status);
      };
      const list = current.list;
      // The period posted must be the card's own: the form is rendered for it.
      if (!list || list.period.token !== values.period) return rerender(request.t('scorecard.supplied.needPeriod'), 400);
      const parsed = bodyOfForm(values, list);
      if (parsed.kind === 'empty') return rerender(request.t('scorecard.supplied.nothing'), 400);
      if (parsed.kind === 'invalid') {
        const labels = parsed.fields.map((f) => {
          const [kind, code] = [f.slice(0, 1), f.slice(2)];
          const key =
            kind === 'd' ? 'scorecard.supplied.denominator' : kind === 's' ? 'scorecard.supplied.source' : 'scorecard.supplied.numerator';
          return request.t(key, { code });
        });
        return rerender(request.t('scorecard.supplied.invalid', { fields: labels.join(', ') }), 400);
      }
      try {
        await putSupplied(
          writeDeps,
          actor,
          c.unit?.code ?? 'province',
          list.period.token,
          parsed.body,
          auditMetaOf(request, actor, deps.clock),
        );
      } catch (e) {
        if (!(e instanceof AppError) || e.status === 404) throw e;
        return rerender(request.t(ERROR_TABLE[e.code].key as MessageKey, e.params), e.status);
      }
      const back = new URLSearchParams({ unit: c.unit?.code ?? 'province', from: c.from, to: c.to, saved: '1' });
      return reply.redirect(`/scorecard?${back.toString()}#supplied`, 303);
    },
  );
};
