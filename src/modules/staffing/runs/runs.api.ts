import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../../app.ts';
import { COMMON_PROBLEMS } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import { WISN_FORMULA_VERSION } from '../wisn.ts';
import { CreateRunBodySchema, RunLineFilterSchema, RunLineSchema, RunSummarySchema, StaffingRunSchema } from './run.schemas.ts';
import { createRun, getRun, getRunLine, listRuns, type RunDeps } from './use-cases/runs.ts';

const TAGS = ['staffing'];
const Id = z.coerce.number().int().positive().max(2_147_483_647);
const RunParams = z.object({ id: Id });
const LineParams = z.object({
  id: Id,
  unitId: Id,
  field: z
    .string()
    .max(64)
    .regex(/^[A-Z][A-Z0-9_]*$/),
});

/** How a run computes, in words (OpenAPI description of POST, referenced by the GETs). */
export const RUN_RULES = [
  `WHO WISN per current commune, ward and special zone × staff category, formula version ${WISN_FORMULA_VERSION} (the same formulas as POST /api/v1/staffing/wisn).`,
  'Staff category = the field of a PROFESSIONAL job position; the rule staffing.wisnStandards maps each procedure field to one (residence → none: commune police).',
  'AWT = [A − (B + C + D + E)] × h with A = Mondays–Fridays of `year` + swapped working Saturdays, B = holidays and compensatory days off on Mondays–Fridays (holiday calendar),',
  'C, D, E, h and days per week from the rule staffing.leavePolicy in force on the period’s last day.',
  'Service activities: PROCESSING = dossiers received in the period at their COMPETENT unit, per procedure, at the procedure’s service standard in force on the period’s last day',
  '(minutes per dossier; the rule’s default when none is stored, flagged in the sources); RECEPTION = the same dossiers at their RECEIVING unit, per channel (counter, online, post),',
  'in the reception category (ONE_STOP) at the rule’s minutes per channel. A period of N < 365 days is annualised × 365 / N.',
  'Support activities (CAS) and additional activities (IAS) from the rule, per category. SW = AWT / minutes; A_req = Σ workload / SW; required = A_req × CAF + IAF.',
  'Actual staff = ACTIVE staff whose current placement is a professional position of the category in that unit (leadership excluded).',
  'Status: ratio = actual / required; below the rule’s shortageBelow (0.9) SHORTAGE, above surplusAbove (1.1) SURPLUS, else BALANCED;',
  'NO_WORKLOAD when the line has no dossier (formulas kept for the record, outside the totals); REFUSED when the formulas refuse (e.g. TotalCAS% ≥ 100).',
  'Categories without service activities (OFFICE …) get no line (WISN needs service statistics); the run’s notes list them.',
  'Expertise per line: staff placed in the category, how many do not meet (or are not shown to meet) their position (fit to position), and the most frequent competency gaps.',
].join(' ');

export const runsApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: RunDeps = { db: deps.db, readDb: deps.readDb, clock: deps.clock };

  app.post(
    '/api/v1/staffing/runs',
    {
      config: { access: 'staffing.run' },
      schema: {
        tags: TAGS,
        summary: 'Compute and store a province WISN run from the dossier store',
        description: [
          RUN_RULES,
          'Defaults: `year` = this year in Vietnam; period = the 12 months before today (yesterday back one year), shortened to start at the province’s first received dossier.',
          '400 STAFFING_RUN_PERIOD_INVALID for a start after the end or a period over 366 days; 400 STAFFING_RUN_PERIOD_FUTURE for an end after today.',
          'Missing Cadre placeholder standards of the demo catalogue are stored first. One audited transaction; answers the run without its lines.',
        ].join(' '),
        body: CreateRunBodySchema,
        response: { 201: RunSummarySchema, ...COMMON_PROBLEMS },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const run = await createRun(ucDeps, actor, request.body, auditMetaOf(request, actor, deps.clock));
      return reply.status(201).send(run);
    },
  );

  app.get(
    '/api/v1/staffing/runs',
    {
      config: { access: 'staffing.read' },
      schema: {
        tags: TAGS,
        summary: 'Stored WISN runs of the province, newest first (without lines)',
        description:
          'The latest 200 runs. Totals count lines by status and sum required and actual staff over SHORTAGE, BALANCED and SURPLUS lines; for unit roles they are their own unit’s.',
        response: { 200: z.array(RunSummarySchema), ...COMMON_PROBLEMS },
      },
    },
    async (request) => listRuns(ucDeps, actorOf(request)),
  );

  app.get(
    '/api/v1/staffing/runs/:id',
    {
      config: { access: 'staffing.read' },
      schema: {
        tags: TAGS,
        summary: 'One stored WISN run with its lines (filter by unit, category, status)',
        description: [
          'Lines in unit code then category order, filtered in SQL. Each line keeps the exact WISN input, every intermediate figure unrounded, the workload sources and the expertise.',
          'Unit roles only see their own unit’s lines (another `unitId` → 404). A run of another province → 404.',
          RUN_RULES,
        ].join(' '),
        params: RunParams,
        querystring: RunLineFilterSchema,
        response: { 200: StaffingRunSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getRun(ucDeps, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/staffing/runs/:id/lines/:unitId/:field',
    {
      config: { access: 'staffing.read' },
      schema: {
        tags: TAGS,
        summary: 'One line of a stored WISN run: inputs, formulas with values, sources and expertise',
        description:
          'The drill-down of one unit × staff category. 404 STAFFING_RUN_LINE_NOT_FOUND when the run has no such line; unit roles only reach their own unit (404 otherwise).',
        params: LineParams,
        response: { 200: z.object({ run: RunSummarySchema, line: RunLineSchema }), ...COMMON_PROBLEMS },
      },
    },
    async (request) => getRunLine(ucDeps, actorOf(request), request.params.id, request.params.unitId, request.params.field),
  );
};
