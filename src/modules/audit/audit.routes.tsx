import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { sendFragment, sendHtml } from '../../platform/html/render.ts';
import { actorOf } from '../../platform/http/route-helpers.ts';
import { AuditListResponseSchema, AuditQuerySchema } from './audit.schemas.ts';
import { browseAudit, toApiEntry } from './audit.service.ts';
import { AuditPage, type AuditPageView, AuditResults } from './pages/audit.page.tsx';

const TAGS = ['audit'];

/** The audit-log browser (permission audit.read) and its API. */
export const auditModule: FastifyPluginAsync<ModuleDeps> = async (plain, deps) => {
  const app = plain.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/audit',
    { config: { access: 'audit.read' }, schema: { querystring: AuditQuerySchema, summary: 'Audit log browser', tags: TAGS } },
    async (request, reply) => {
      let view: AuditPageView;
      let status = 200;
      try {
        view = { query: request.query, ...(await browseAudit(deps, actorOf(request), request.query)), error: null };
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
        view = { query: request.query, items: [], nextBefore: null, error: e };
        // htmx does not swap 4xx answers by default, so the fragment carrying the message is a 200.
        status = request.isHtmx ? 200 : 400;
      }
      if (request.isHtmx) return sendFragment(reply, <AuditResults ctx={request.viewContext()} view={view} />, status);
      return sendHtml(reply, <AuditPage ctx={request.viewContext()} view={view} />, status);
    },
  );

  app.get(
    '/api/v1/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        summary: 'Audit log entries, newest first, 50 per page',
        tags: TAGS,
        querystring: AuditQuerySchema,
        response: { 200: AuditListResponseSchema },
      },
    },
    async (request) => {
      const page = await browseAudit(deps, actorOf(request), request.query);
      return { items: page.items.map(toApiEntry), nextBefore: page.nextBefore };
    },
  );
};
