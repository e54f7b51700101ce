import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { COMMON_PROBLEMS, ProblemSchema } from '../../platform/http/common.schemas.ts';
import { WISN_EXAMPLE, WisnInputSchema, WisnResultSchema } from './staffing.schemas.ts';
import { runWisn } from './use-cases/compute-wisn.ts';
import { WISN_FORMULA_VERSION } from './wisn.ts';

const TAGS = ['staffing'];

/**
 * The body is validated in the handler (runWisn) rather than by the route's validator, so that
 * the refusal's messages come in the caller's language; the schema still documents the body.
 */
const validateInHandler = () => (data: unknown) => ({ value: data });

export const staffingApi: FastifyPluginAsync<ModuleDeps> = async (plugin) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();

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
};
