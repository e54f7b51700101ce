import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../../app.ts';
import { roleHas } from '../../../platform/auth/roles.ts';
import { AppError, ERROR_TABLE } from '../../../platform/errors/app-error.ts';
import { sendHtml } from '../../../platform/html/render.ts';
import { actorOf, auditMetaOf } from '../../../platform/http/route-helpers.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { STANDARDS_PATH, StandardsPage, type StandardsView } from './pages/standards.page.tsx';
import { PutStandardBodySchema, StandardParamsSchema } from './standards.schemas.ts';
import { listStandards, putStandard } from './use-cases/standards.ts';

const PageQuerySchema = z.object({ saved: z.string().max(64).optional() });
const FormBodySchema = z.record(z.string().max(64), z.string().max(2000));

/** The service standards page (issue 5 §2): list and a plain form per procedure; POST → 303 back to the list. */
export const standardsPages: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps = { db: deps.db, clock: deps.clock };

  app.get(STANDARDS_PATH, { config: { access: 'staffing.read' }, schema: { querystring: PageQuerySchema } }, async (request, reply) => {
    const actor = actorOf(request);
    const list = await listStandards(ucDeps, actor);
    const saved = request.query.saved && list.items.some((i) => i.procedureCode === request.query.saved) ? request.query.saved : null;
    const view: StandardsView = { list, canEdit: roleHas(actor.role, 'staffing.run'), saved, formError: null };
    reply.header('Cache-Control', 'no-store');
    return sendHtml(reply, <StandardsPage ctx={request.viewContext()} view={view} />);
  });

  app.post(
    `${STANDARDS_PATH}/:procedureCode`,
    { config: { access: 'staffing.run' }, schema: { params: StandardParamsSchema, body: FormBodySchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const code = request.params.procedureCode;
      const { _csrf: _token, ...values } = request.body;
      const rerender = async (message: string, status: number) => {
        const list = await listStandards(ucDeps, actor);
        const view: StandardsView = { list, canEdit: true, saved: null, formError: { code, message, values } };
        return sendHtml(reply, <StandardsPage ctx={request.viewContext()} view={view} />, status);
      };
      const parsed = PutStandardBodySchema.safeParse(values);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))];
        const labels = fields.map((f) => request.t(`staffing.standards.field.${f}` as MessageKey));
        return rerender(request.t('staffing.standards.invalid', { fields: labels.join(', ') }), 400);
      }
      try {
        await putStandard(ucDeps, actor, code, parsed.data, auditMetaOf(request, actor, deps.clock));
      } catch (e) {
        if (!(e instanceof AppError) || e.status === 404) throw e;
        return rerender(request.t(ERROR_TABLE[e.code].key as MessageKey, e.params), e.status);
      }
      return reply.redirect(`${STANDARDS_PATH}?saved=${encodeURIComponent(code)}#std-${code.replace(/[^A-Za-z0-9]/g, '-')}`, 303);
    },
  );
};
