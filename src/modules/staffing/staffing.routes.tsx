import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { sendFragment, sendHtml } from '../../platform/html/render.ts';
import { actorOf, wantsFragment } from '../../platform/http/route-helpers.ts';
import { NormQuerySchema } from './norm.schemas.ts';
import { NormPage } from './pages/norm.page.tsx';
import { WisnCalculator, WisnPage, type WisnView } from './pages/wisn.page.tsx';
import { placementPages } from './placement/placement.routes.tsx';
import { projectionRoutes } from './projection/projection.routes.tsx';
import { staffingRunPagesModule } from './runs/runs.routes.tsx';
import { staffingApi } from './staffing.api.ts';
import { standardsPages } from './standards/standards.routes.tsx';
import { runWisn } from './use-cases/compute-wisn.ts';
import { listNorms } from './use-cases/norm.ts';
import { compacted, formDefaults, inputFromValues, valuesFromForm, withRowAdded } from './wisn-form.ts';

const FormBodySchema = z.record(z.string().max(64), z.union([z.string().max(200), z.array(z.string().max(200)).max(10)]));

/** A refusal shown in the form (bad input); anything else goes to the error pages. */
const isShownInForm = (e: unknown): e is AppError =>
  e instanceof AppError && (e.code === 'VALIDATION_FAILED' || e.code === 'STAFFING_WISN_INVALID');

export const staffingModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  await app.register(staffingApi, deps);
  await app.register(standardsPages, deps);
  await app.register(staffingRunPagesModule, deps);
  await app.register(projectionRoutes, deps);
  await app.register(placementPages, deps);

  const render = (request: FastifyRequest, reply: FastifyReply, view: WisnView, status = 200) => {
    reply.header('Cache-Control', 'no-store').header('Vary', 'HX-Request');
    const ctx = request.viewContext();
    if (wantsFragment(request)) return sendFragment(reply, <WisnCalculator ctx={ctx} view={view} />, status);
    return sendHtml(reply, <WisnPage ctx={ctx} view={view} />, status);
  };

  app.get('/staffing/wisn', { config: { access: 'staffing.read' } }, async (request, reply) =>
    render(request, reply, { values: formDefaults(), result: null, error: null }),
  );

  /** Stateless: computes (or adds a row) and answers with the form, values kept; nothing is written. */
  app.post('/staffing/wisn', { config: { access: 'staffing.read' }, schema: { body: FormBodySchema } }, async (request, reply) => {
    const { values, add } = valuesFromForm(request.body);
    if (add) return render(request, reply, { values: withRowAdded(values, add), result: null, error: null });
    const shown = compacted(values);
    try {
      const result = runWisn(inputFromValues(shown), request.locale, request.t);
      return render(request, reply, { values: shown, result, error: null });
    } catch (e) {
      if (!isShownInForm(e)) throw e;
      return render(request, reply, { values: shown, result: null, error: e }, e.status);
    }
  });

  /** Staffing norm per unit against actual headcount (issue 5 §1). */
  app.get(
    '/staffing/norms',
    {
      config: { access: 'staffing.read' },
      schema: { querystring: NormQuerySchema, summary: 'Staffing norm against headcount (page)', tags: ['staffing'] },
    },
    async (request, reply) => {
      const report = await listNorms({ db: deps.db, clock: deps.clock }, actorOf(request), request.query);
      reply.header('Cache-Control', 'no-store');
      return sendHtml(reply, <NormPage ctx={request.viewContext()} report={report} unitId={request.query.unitId} />);
    },
  );
};
