import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import { parseTranslated } from './procedure-input.ts';
import {
  IdParamsSchema,
  ProblemSchema,
  ProcedureCreateBodySchema,
  ProcedureDetailSchema,
  ProcedureListQuerySchema,
  ProcedureListResponseSchema,
  ProcedureVersionBodySchema,
} from './procedures.schemas.ts';
import { addProcedureVersion } from './use-cases/add-version.ts';
import { createProcedure } from './use-cases/create-procedure.ts';
import type { ProceduresDeps } from './use-cases/deps.ts';
import { getProcedure } from './use-cases/get-procedure.ts';
import { listProcedures } from './use-cases/list-procedures.ts';

const TAGS = ['procedures'];
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

/**
 * The write routes validate with `attachValidation`, so a refused body is parsed again with
 * Zod's messages in the caller's language instead of failing in English. A refused path
 * parameter is not a body problem and goes to the error handler unchanged.
 */
function bodyOf<T>(request: FastifyRequest, parse: (raw: unknown) => T): T {
  const failure = request.validationError as (Error & { validationContext?: string }) | undefined;
  if (failure && failure.validationContext !== 'body') throw failure;
  return parse(request.body);
}

export const proceduresApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: ProceduresDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/api/v1/procedures',
    {
      config: { access: 'procedures.read' },
      schema: {
        tags: TAGS,
        summary: 'List administrative procedures (TTHC)',
        description:
          'Procedures of the caller’s province in force on `inForceOn` (today in Vietnam by default), in Vietnamese alphabetical order. `q` matches the name (Vietnamese or English) or the code and ignores diacritics.',
        querystring: ProcedureListQuerySchema,
        response: { 200: ProcedureListResponseSchema, ...problems },
      },
    },
    async (request) => listProcedures(ucDeps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/procedures/:id',
    {
      config: { access: 'procedures.read' },
      schema: {
        tags: TAGS,
        summary: 'Get one version of a procedure, with its version history',
        params: IdParamsSchema,
        response: { 200: ProcedureDetailSchema, ...problems },
      },
    },
    async (request) => getProcedure(ucDeps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/procedures',
    {
      config: { access: 'procedures.manage' },
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary: 'Add a procedure to the province catalogue',
        description:
          'Refused with 400 and one entry per problem (in the caller’s language): time limit > 0 unless IMMEDIATE (then 0), fee ≥ 0, workflow starting with RECEIVE and ending with RETURN, at least one staff role per step, essential services fully online, unknown fields. A code already in the catalogue answers 409 PROCEDURE_CODE_TAKEN.',
        body: ProcedureCreateBodySchema,
        response: { 201: ProcedureDetailSchema, ...problems, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const input = bodyOf(request, (raw) => parseTranslated(ProcedureCreateBodySchema, raw, request.locale));
      const created = await createProcedure(ucDeps, actor, input, auditMetaOf(request, actor, deps.clock), request.locale);
      return reply.status(201).header('Location', `/api/v1/procedures/${created.id}`).send(created);
    },
  );

  app.put(
    '/api/v1/procedures/:id',
    {
      config: { access: 'procedures.manage' },
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary: 'Change a procedure’s rules from an effective date (new version)',
        description:
          'The body is the whole new version. The latest version ends the day before `effectiveFrom`, which must be after its own start; dossiers received earlier keep their rules. Send the `version` you read: a stale one answers 409 VERSION_CONFLICT, an older version of the chain 409 PROCEDURE_SUPERSEDED, and nothing changes. Answers the new version.',
        params: IdParamsSchema,
        body: ProcedureVersionBodySchema,
        response: { 200: ProcedureDetailSchema, ...problems, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const input = bodyOf(request, (raw) => parseTranslated(ProcedureVersionBodySchema, raw, request.locale));
      return addProcedureVersion(ucDeps, actor, request.params.id, input, auditMetaOf(request, actor, deps.clock), request.locale);
    },
  );
};
