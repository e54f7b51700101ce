import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { COMMON_PROBLEMS, ProblemSchema } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import {
  AddRuleVersionBodySchema,
  RuleDetailSchema,
  RuleKeyParamsSchema,
  RuleListSchema,
  RuleOnDateQuerySchema,
  RuleSummarySchema,
} from './rules-admin.schemas.ts';
import { addProvinceRuleVersion, getRuleDetail, listRulesInForce } from './use-cases/rules-admin.ts';

const TAGS = ['rules'];

/** The versioned rules (legal parameters with an effective date) of the caller's province. */
export const rulesAdminApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/api/v1/rules',
    {
      config: { access: 'rules.read' },
      schema: {
        tags: TAGS,
        summary: 'Every rule with the version in force for the caller’s province',
        description: [
          'One row per rule of the registry (domain.md §12): the version in force on `onDate` (today in Vietnam by default) for the caller’s province,',
          'its effective date, its origin (default = the registry default, no stored version; national; province — a province version beats the national one whatever their dates) and its source note.',
        ].join(' '),
        querystring: RuleOnDateQuerySchema,
        response: { 200: RuleListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listRulesInForce(ucDeps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/rules/:key',
    {
      config: { access: 'rules.read' },
      schema: {
        tags: TAGS,
        summary: 'One rule: the value in force on a date and its version history',
        description:
          'The value in force on `onDate` (today in Vietnam by default) for the caller’s province, with its origin and source note, and every stored version of the province and national ones, newest effective date first. 404 for a key not in the registry.',
        params: RuleKeyParamsSchema,
        querystring: RuleOnDateQuerySchema,
        response: { 200: RuleDetailSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getRuleDetail(ucDeps, actorOf(request), request.params.key, request.query),
  );

  app.post(
    '/api/v1/rules/:key/versions',
    {
      config: { access: 'rules.manage' },
      schema: {
        tags: TAGS,
        summary: 'Record a province version of a rule from an effective date',
        description: [
          'Sets a version for the caller’s province from `effectiveFrom`; a version of the same date is corrected in place. Earlier versions stay, so figures computed for past dates keep their basis.',
          'The value is checked against the rule’s own schema: 400 RULE_VALUE_INVALID lists every problem with its path (value.…, effectiveFrom, sourceNote) and nothing is written.',
          'The change and its audit entry (action rule.set, with the version it supersedes) commit together. 404 for a key not in the registry.',
          'To correct a version of the same date send its `revision` (from the history) as `expectedRevision`; a missing or stale one, or a same-day version recorded since you read, answers 409 VERSION_CONFLICT and nothing is written.',
        ].join(' '),
        params: RuleKeyParamsSchema,
        body: AddRuleVersionBodySchema,
        response: { 201: RuleSummarySchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const saved = await addProvinceRuleVersion(ucDeps, actor, request.params.key, request.body, auditMetaOf(request, actor, deps.clock));
      return reply.code(201).send(saved);
    },
  );
};
