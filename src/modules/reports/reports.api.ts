import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { COMMON_PROBLEMS, IdParamsSchema, ProblemSchema } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import type { JobWorker } from '../../platform/jobs/job-worker.ts';
import { idempotencyOf } from '../dossiers/dossiers.api.ts';
import { CreateReportBodySchema, ReportListQuerySchema, ReportListSchema, ReportSchema } from './reports.schemas.ts';
import type { ReportDeps } from './use-cases/build-report.ts';
import { fileNameOf, getReport, listReports, reportFile, reportSnapshot, requestReport } from './use-cases/reports.ts';

const TAGS = ['reports'];
export type ReportsModuleDeps = ModuleDeps & { jobs: JobWorker };

const CONTENT_TYPES = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const IDEMPOTENCY_DOC =
  'Send an `Idempotency-Key` header (1–200 printable ASCII characters) to make retries safe for 24 hours: the same key with the same body answers the same report with `Idempotent-Replayed: true`; the same key with another body answers 422 IDEMPOTENCY_KEY_REUSED and changes nothing.';
const SCOPE_DOC =
  'Province roles see every report of their province; a commune leader only their own unit’s (another unit’s or the province’s answers 404).';

/** The periodic reports' JSON API (issue 7 §3). */
export const reportsApi: FastifyPluginAsync<ReportsModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: ReportDeps = { db: deps.db, clock: deps.clock };

  app.get(
    '/api/v1/reports',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: TAGS,
        summary: 'Periodic reports, newest period first',
        description: `Filter by \`kind\` (MONTH, QUARTER), \`unit\` (a unit code or \`province\`) and \`year\`; paged. Each report carries its status, build job and progress, hashes and download links. ${SCOPE_DOC}`,
        querystring: ReportListQuerySchema,
        response: { 200: ReportListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listReports(ucDeps, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/reports',
    {
      config: { access: 'reports.generate' },
      schema: {
        tags: TAGS,
        summary: 'Generate a monthly or quarterly report on demand (background job)',
        description: [
          'Stores the report (QUEUED) and a durable `report.build` job that freezes the overview’s figures for the scope and period as a snapshot, renders the PDF (official layout, Vietnamese) and the XLSX, and stores all of them with their SHA-256 in one commit. A crash mid-build is retried by the job lease, never doubled.',
          'Answers 202 at once; GET the report until its status is DONE or FAILED. `unit`: `province` (province roles) or a unit code (a commune leader: their own unit only; another or an unknown unit answers 404). A period that has not started answers 422.',
          IDEMPOTENCY_DOC,
        ].join(' '),
        body: CreateReportBodySchema,
        response: { 202: ReportSchema, ...COMMON_PROBLEMS, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const idem = idempotencyOf(request, actor.userId);
      const outcome = await requestReport(ucDeps, actor, request.body, auditMetaOf(request, actor, deps.clock), idem);
      if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
      else deps.jobs.wake();
      reply.header('Location', outcome.body.links.self);
      return reply.code(202).send(outcome.body);
    },
  );

  app.get(
    '/api/v1/reports/:id',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: TAGS,
        summary: 'One periodic report: status, build progress, hashes, links',
        description: SCOPE_DOC,
        params: IdParamsSchema,
        response: { 200: ReportSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getReport(ucDeps, actorOf(request), request.params.id),
  );

  for (const format of ['pdf', 'xlsx'] as const) {
    app.get(
      `/api/v1/reports/:id/${format}`,
      {
        config: { access: 'reports.read' },
        schema: {
          tags: TAGS,
          summary: `The report’s ${format.toUpperCase()} (as stored when it was built)`,
          description: `An attachment; \`X-Cadre-Sha256\` is the file’s stored SHA-256. 409 REPORT_NOT_READY while the report is not DONE. ${SCOPE_DOC}`,
          params: IdParamsSchema,
          response: { 200: z.any().describe(CONTENT_TYPES[format]), ...COMMON_PROBLEMS, 409: ProblemSchema },
        },
      },
      async (request, reply) => {
        const { report, bytes } = await reportFile(ucDeps, actorOf(request), request.params.id, format);
        return reply
          .header('Content-Type', CONTENT_TYPES[format])
          .header('Content-Disposition', `attachment; filename="${fileNameOf(report, format)}"`)
          .header('X-Cadre-Sha256', (format === 'pdf' ? report.pdfSha256 : report.xlsxSha256) ?? '')
          .send(bytes);
      },
    );
  }

  app.get(
    '/api/v1/reports/:id/snapshot',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: TAGS,
        summary: 'The data a report was built from (its snapshot JSON, byte for byte)',
        description: `The body is the stored snapshot text exactly (schemaVersion 1): its SHA-256 equals \`X-Cadre-Sha256\` and the report’s \`snapshotSha256\`. Rendering it again gives the stored PDF and XLSX byte for byte. 409 while the report is not DONE. ${SCOPE_DOC}`,
        params: IdParamsSchema,
        response: { 200: z.any().describe('application/json: the snapshot'), ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const s = await reportSnapshot(ucDeps, actorOf(request), request.params.id);
      // Sent as the stored string, not re-serialised, so the bytes hash to the stored digest.
      return reply
        .header('Content-Type', 'application/json; charset=utf-8')
        .header('X-Cadre-Sha256', s.sha256)
        .send(Buffer.from(s.snapshot, 'utf8'));
    },
  );
};
