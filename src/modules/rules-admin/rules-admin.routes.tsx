import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { roleHas } from '../../platform/auth/roles.ts';
import { AppError, ERROR_TABLE } from '../../platform/errors/app-error.ts';
import { sendHtml } from '../../platform/html/render.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { domainToday } from '../../platform/time/format.ts';
import {
  freshForm,
  RULES_PATH,
  RuleDetailPage,
  type RuleDetailView,
  type RuleFormState,
  RulesPage,
  rulePath,
} from './pages/rules.page.tsx';
import { rulesAdminApi } from './rules-admin.api.ts';
import { RuleKeyParamsSchema, RuleOnDateQuerySchema, RuleVersionFormSchema } from './rules-admin.schemas.ts';
import { addProvinceRuleVersion, expectedRevisionFor, getRuleDetail, listRulesInForce, ruleKeyOf } from './use-cases/rules-admin.ts';

const DetailQuerySchema = RuleOnDateQuerySchema.extend({ saved: z.string().max(8).optional() });

/** The rules administration (domain.md §12): API, list page, one rule's page with a plain form; POST → 303 back. */
export const rulesAdminModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  await app.register(rulesAdminApi, deps);
  const ucDeps = { db: deps.db, clock: deps.clock };

  app.get(RULES_PATH, { config: { access: 'rules.read' }, schema: { querystring: RuleOnDateQuerySchema } }, async (request, reply) => {
    const list = await listRulesInForce(ucDeps, actorOf(request), request.query);
    reply.header('Cache-Control', 'no-store');
    return sendHtml(reply, <RulesPage ctx={request.viewContext()} list={list} />);
  });

  app.get(
    `${RULES_PATH}/:key`,
    { config: { access: 'rules.read' }, schema: { params: RuleKeyParamsSchema, querystring: DetailQuerySchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const detail = await getRuleDetail(ucDeps, actor, request.params.key, request.query);
      const form = roleHas(actor.role, 'rules.manage') ? freshForm(detail, domainToday(deps.clock.now())) : null;
      const view: RuleDetailView = { detail, form, saved: request.query.saved === '1' };
      reply.header('Cache-Control', 'no-store');
      return sendHtml(reply, <RuleDetailPage ctx={request.viewContext()} view={view} />);
    },
  );

  app.post(
    `${RULES_PATH}/:key`,
    { config: { access: 'rules.manage' }, schema: { params: RuleKeyParamsSchema, body: RuleVersionFormSchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const key = ruleKeyOf(request.params.key);
      const { value: valueText, effectiveFrom, sourceNote, revisions } = request.body;
      const values = { value: valueText, effectiveFrom, sourceNote };
      /** The refused form, with what was typed kept, next to the value in force and the history. */
      const rerender = async (error: NonNullable<RuleFormState['error']>, status: number) => {
        const detail = await getRuleDetail(ucDeps, actor, key, {});
        const view: RuleDetailView = { detail, form: { values, error }, saved: false };
        return sendHtml(reply, <RuleDetailPage ctx={request.viewContext()} view={view} />, status);
      };
      let value: unknown;
      try {
        value = JSON.parse(valueText);
      } catch (e) {
        const detail = e instanceof Error ? e.message : '';
        return rerender({ message: request.t('rulesAdmin.form.badJson', { detail }), problems: [] }, 400);
      }
      try {
        const expectedRevision = expectedRevisionFor(revisions, effectiveFrom);
        const body = { value, effectiveFrom, sourceNote, expectedRevision };
        await addProvinceRuleVersion(ucDeps, actor, key, body, auditMetaOf(request, actor, deps.clock));
      } catch (e) {
        // A conflict shows the form again with what was typed, beside the history as it is now.
        if (!(e instanceof AppError) || (e.code !== 'RULE_VALUE_INVALID' && e.code !== 'VERSION_CONFLICT')) throw e;
        return rerender({ message: request.t(ERROR_TABLE[e.code].key as MessageKey, e.params), problems: e.fieldProblems }, e.status);
      }
      return reply.redirect(`${rulePath(key)}?saved=1`, 303);
    },
  );
};
