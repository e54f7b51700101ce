import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { COMMON_PROBLEMS, ProblemSchema } from '../../platform/http/common.schemas.ts';
import { actorOf } from '../../platform/http/route-helpers.ts';
import { NormQuerySchema, NormReportSchema } from './norm.schemas.ts';
import { placementApi } from './placement/placement.api.ts';
import { projectionApi } from './projection/projection.api.ts';
import { runsApi } from './runs/runs.api.ts';
import { WISN_EXAMPLE, WisnInputSchema, WisnResultSchema } from './staffing.schemas.ts';
import { standardsApi } from './standards/standards.api.ts';
import { runWisn } from './use-cases/compute-wisn.ts';
import { listNorms } from './use-cases/norm.ts';
import { WISN_FORMULA_VERSION } from './wisn.ts';

const TAGS = ['staffing'];

/**
 * The body is validated in the handler (runWisn) rather than by the route's validator, so that
 * the refusal's messages come in the caller's language; the schema still documents the body.
 */
const validateInHandler = () => (data: unknown) => ({ value: data });

export const staffingApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  await app.register(runsApi, deps);
  await app.register(standardsApi, deps);
  await app.register(projectionApi, deps);
  await app.register(placementApi, deps);

  app.post(
    '/api/v1/staffing/wisn',
    {
      config: { access: 'staffing.read' },
      validatorCompiler: validateInHandler,
      schema: {
        tags: TAGS,
        summary: 'What-if WISN calculation: required staff of one cadre from its workload (stateless: nothing is stored)',
        description: [
          `WHO Workload Indicators of Staffing Need, formula version ${WISN_FORMULA_VERSION} (domain.md §10).`,
          'AWT = [A − (B + C + D + E)] × h; SW = AWT / unitTime or AWT × rate; CAS% per day = t / h × 100, per week = t / (h × daysPerWeek) × 100, per year = t / AWT × 100;',
          'per month (project rule): the monthly time × 12 is taken as a time per year, so CAS% = t × 12 / AWT × 100.',
          'CAF = 1 / (1 − TotalCAS% / 100); IAF = Σ(time per person × persons) / AWT; A_req = Σ workload / SW; required = A_req × CAF + IAF;',
          'difference = actual − required (negative = shortage); ratio = actual / required (null when required is 0); pressure = 1 − ratio.',
          'Every time input is converted to minutes on entry; nothing is rounded and every figure carries its unit.',
          '400 VALIDATION_FAILED when the body does not match the schema; 422 STAFFING_WISN_INVALID when the figures make AWT ≤ 0 or TotalCAS% ≥ 100 (each problem names its field). Messages follow the caller’s language.',
        ].join(' '),
        body: WisnInputSchema.meta({ example: WISN_EXAMPLE }),
        response: { 200: WisnResultSchema, ...COMMON_PROBLEMS, 422: ProblemSchema },
      },
    },
    async (request) => runWisn(request.body, request.locale, request.t),
  );

  app.get(
    '/api/v1/staffing/norms',
    {
      config: { access: 'staffing.read' },
      schema: {
        tags: TAGS,
        summary: 'Staffing norm per unit (Official Letter 09/CV-BCĐ) against actual headcount',
        description: [
          'Every current commune, ward and special zone of the caller’s province (unit roles: their own unit; `unitId` narrows to one unit, 404 for a unit of another commune or province).',
          'The rule `staffing.norm` in force on `onDate` (today in Vietnam by default) gives base, population threshold T, residents per extra post S (mountainous units: their own S) and the ceilings:',
          'extra = floor(max(0, P − T) / S) (a partial block adds nothing unless the version says CEIL); norm = min(base + extra, ceiling of the unit kind).',
          'headcount = staff of the unit with employment status ACTIVE; difference = headcount − norm; status OVER / UNDER / AT_NORM, or UNKNOWN (no population, or a date before the version took effect).',
        ].join(' '),
        querystring: NormQuerySchema,
        response: { 200: NormReportSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listNorms({ db: deps.db, clock: deps.clock }, actorOf(request), request.query),
  );
};
