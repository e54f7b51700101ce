import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../../app.ts';
import { COMMON_PROBLEMS, ProblemSchema } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import { PutStandardBodySchema, ServiceStandardListSchema, ServiceStandardSchema, StandardParamsSchema } from './standards.schemas.ts';
import { listStandards, putStandard } from './use-cases/standards.ts';

const TAGS = ['staffing'];

/** Service standards (minutes per dossier of each procedure): the unit times of the province WISN run. */
export const standardsApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/api/v1/staffing/standards',
    {
      config: { access: 'staffing.read' },
      schema: {
        tags: TAGS,
        summary: 'Service standards: minutes of work per dossier of every procedure of the catalogue',
        description: [
          'One item per national code of the caller’s province catalogue, with the standard in force today (the latest effective date on or before today), its source',
          '(TIME_STUDY, EXPERT_ESTIMATE or CADRE_PLACEHOLDER, with a note) and its version token. `standard` is null when none is stored:',
          'a run then uses `defaultMinutesPerDossier` of the rule staffing.wisnStandards and says so in the line’s sources.',
          'WISN reads the standard as the unit time: standard workload SW = AWT / minutesPerDossier.',
        ].join(' '),
        response: { 200: ServiceStandardListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listStandards(ucDeps, actorOf(request)),
  );

  app.put(
    '/api/v1/staffing/standards/:procedureCode',
    {
      config: { access: 'staffing.run' },
      schema: {
        tags: TAGS,
        summary: 'Record a new version of a procedure’s service standard',
        description: [
          'A new row from `effectiveFrom`; a row with the same date is corrected in place. Earlier versions stay, so stored runs keep their basis.',
          '`version` must be the procedure’s current version token (0 when it has no standard yet), else 409 VERSION_CONFLICT and nothing changes.',
          '404 PROCEDURE_NOT_FOUND for a code outside the caller’s province catalogue. Audited with the before and after images.',
        ].join(' '),
        params: StandardParamsSchema,
        body: PutStandardBodySchema,
        response: { 200: ServiceStandardSchema.shape.standard.unwrap(), ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return putStandard(ucDeps, actor, request.params.procedureCode, request.body, auditMetaOf(request, actor, deps.clock));
    },
  );
};
