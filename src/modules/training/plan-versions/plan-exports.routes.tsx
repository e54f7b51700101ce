import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendHtml } from '../../../platform/html/render.ts';
import { COMMON_PROBLEMS, IdParamsSchema, ProblemSchema } from '../../../platform/http/common.schemas.ts';
import { actorOf } from '../../../platform/http/route-helpers.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { PlanComparisonPage } from '../plan-documents/plan-comparison.view.tsx';
import { planPdf } from '../plan-documents/plan-pdf.ts';
import { planWorkbook } from '../plan-documents/plan-xlsx.ts';
import { CompareQuerySchema, PlanDiffSchema } from './plan-compare.schemas.ts';
import type { PlanModuleDeps } from './plan-versions.api.ts';
import type { PlanDeps } from './use-cases/gather-plan-input.ts';
import { comparePlanVersions, planDocumentOf } from './use-cases/plan-document.ts';

const TAGS = ['training'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FileResponse = z.any().describe('The file');
/** The filed plan is a Vietnamese administrative document, whatever the reader's language. */
const tVi = translator('vi');

const DOCUMENT_DOC =
  'The finished plan version as an official plan (Vietnamese): summary by year × funding source against the budget, one row per class, one per attendance with the attendee’s unit, job position on the version’s date and the needs the class closes for them (why they are there). Another province’s version answers 404, an unfinished one 409.';

function download(reply: FastifyReply, type: string, fileName: string) {
  return reply.type(type).header('Content-Disposition', `attachment; filename="${fileName}"`).header('Cache-Control', 'no-store');
}

/**
 * Plan documents (issue 6 §4: XLSX and PDF of a stored version) and the comparison of two versions
 * (§3), as pages and API. Registered by trainingPlansModule.
 */
export const planExportsRoutes: FastifyPluginAsync<PlanModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: PlanDeps = { db: deps.db, clock: deps.clock };
  const maxAnnexRows = deps.config.EXPORT_PDF_MAX_ROWS;

  const xlsx = async (id: number, actor: ReturnType<typeof actorOf>, reply: FastifyReply) => {
    const doc = await planDocumentOf(ucDeps, actor, id, tVi, 'vi');
    return download(reply, XLSX_TYPE, `ke-hoach-dao-tao-${id}.xlsx`).send(await planWorkbook(doc, tVi, 'vi'));
  };
  const pdf = async (id: number, actor: ReturnType<typeof actorOf>, reply: FastifyReply) => {
    const doc = await planDocumentOf(ucDeps, actor, id, tVi, 'vi');
    return download(reply, 'application/pdf', `ke-hoach-dao-tao-${id}.pdf`).send(await planPdf(doc, tVi, 'vi', { maxAnnexRows }));
  };
  const pdfDescription = `${DOCUMENT_DOC} The participant annex holds at most ${maxAnnexRows} rows (EXPORT_PDF_MAX_ROWS); the XLSX holds them all.`;

  app.get(
    '/api/v1/training/plans/:id/document.xlsx',
    {
      config: { access: 'training.plan.read' },
      schema: {
        tags: TAGS,
        summary: 'A training plan version as an XLSX workbook (summary, classes, participants and why)',
        description: `${DOCUMENT_DOC} Text cells starting with = + - @ are neutralised.`,
        params: IdParamsSchema,
        produces: [XLSX_TYPE],
        response: { 200: FileResponse, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request, reply) => xlsx(request.params.id, actorOf(request), reply),
  );

  app.get(
    '/api/v1/training/plans/:id/document.pdf',
    {
      config: { access: 'training.plan.read' },
      schema: {
        tags: TAGS,
        summary: 'A training plan version as a PDF in the layout of an official plan (Decree 30/2020), with annexes',
        description: pdfDescription,
        params: IdParamsSchema,
        produces: ['application/pdf'],
        response: { 200: FileResponse, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request, reply) => pdf(request.params.id, actorOf(request), reply),
  );

  app.get(
    '/api/v1/training/plans/compare',
    {
      config: { access: 'training.plan.read' },
      schema: {
        tags: TAGS,
        summary: 'Two finished plan versions of the province side by side (B − A)',
        description:
          'Figures by year and by year × funding source with budgets, the solver’s objective and gap, courses added, removed or with other class counts per year, and people only in A, only in B, or moved to another year or course. A version of another province answers 404; an unfinished one 409.',
        querystring: CompareQuerySchema,
        response: { 200: PlanDiffSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request) => comparePlanVersions(ucDeps, actorOf(request), request.query.a, request.query.b, request.t, request.locale),
  );

  app.get(
    '/training/plans/:id/plan.xlsx',
    {
      config: { access: 'training.plan.read' },
      schema: { params: IdParamsSchema, summary: 'Download a plan version as XLSX (page link)', tags: TAGS },
    },
    async (request, reply) => xlsx(request.params.id, actorOf(request), reply),
  );

  app.get(
    '/training/plans/:id/plan.pdf',
    {
      config: { access: 'training.plan.read' },
      schema: { params: IdParamsSchema, summary: 'Download a plan version as PDF (page link)', tags: TAGS },
    },
    async (request, reply) => pdf(request.params.id, actorOf(request), reply),
  );

  app.get(
    '/training/plans/compare',
    {
      config: { access: 'training.plan.read' },
      schema: { querystring: CompareQuerySchema, summary: 'Compare two plan versions (page)', tags: TAGS },
    },
    async (request, reply) => {
      const diff = await comparePlanVersions(ucDeps, actorOf(request), request.query.a, request.query.b, request.t, request.locale);
      return sendHtml(reply, <PlanComparisonPage ctx={request.viewContext()} diff={diff} />);
    },
  );
};
