import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { isUnitRole } from '../../platform/auth/roles.ts';
import { sendFragment, sendHtml } from '../../platform/html/render.ts';
import { COMMON_PROBLEMS } from '../../platform/http/common.schemas.ts';
import { actorOf, wantsFragment } from '../../platform/http/route-helpers.ts';
import { type MessageKey, translate } from '../../platform/i18n/index.ts';
import { domainToday } from '../../platform/time/format.ts';
import { type FilterView, ScorecardBody, ScorecardPage, WorkloadBody, WorkloadPage } from './pages/scorecard.page.tsx';
import { scorecardResponse, workloadResponse } from './scorecard.api.ts';
import {
  type PeriodQueryInput,
  PeriodQuerySchema,
  ScorecardResponseSchema,
  WorkloadQuerySchema,
  WorkloadResponseSchema,
} from './scorecard.schemas.ts';
import { scorecardWorkbook } from './scorecard-xlsx.ts';
import { computeScorecard } from './use-cases/compute-scorecard.ts';
import { resolveRange, type ScorecardDeps, unitChoices } from './use-cases/scope.ts';
import { workloadStatistics } from './use-cases/workload.ts';

export const scorecardModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  // Reports read a lot and write nothing: the read handle.
  const ucDeps: ScorecardDeps = { db: deps.readDb };
  const rangeOf = (q: PeriodQueryInput) => resolveRange(q, domainToday(deps.clock.now()));

  const card = async (request: FastifyRequest, q: PeriodQueryInput) =>
    scorecardResponse(await computeScorecard(ucDeps, actorOf(request), q.unit, rangeOf(q)));

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
    { config: { access: 'scorecard.read' }, schema: { querystring: PeriodQuerySchema, hide: true } },
    async (request, reply) => {
      const ctx = request.viewContext();
      const c = await card(request, request.query);
      if (wantsFragment(request)) return sendFragment(reply, <ScorecardBody ctx={ctx} card={c} />);
      const filter = await filterOf(request, c.unit?.code ?? null, c.from, c.to);
      return sendHtml(reply, <ScorecardPage ctx={ctx} filter={filter} card={c} />);
    },
  );

  app.get(
    '/scorecard.xlsx',
    { config: { access: 'scorecard.read' }, schema: { querystring: PeriodQuerySchema, hide: true } },
    async (request, reply) => {
      const c = await card(request, request.query);
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
};
