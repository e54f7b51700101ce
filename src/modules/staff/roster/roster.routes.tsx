import { PassThrough } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../../app.ts';
import { sendFragment, sendHtml } from '../../../platform/html/render.ts';
import { COMMON_PROBLEMS, ProblemSchema } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf, wantsFragment } from '../../../platform/http/route-helpers.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { codeLabel } from '../../units/units.labels.ts';
import { EMPLOYMENT_STATUSES, GENDERS, RANKS, StaffListQuerySchema } from '../staff.schemas.ts';
import { DEFAULT_ROSTER_LIMITS, type RosterLimits } from './limits.ts';
import { registerRosterMultipart, uploadOf } from './multipart.ts';
import { ImportPage, ImportReportView } from './pages/import.page.tsx';
import { ExportQueryDescription, ImportBodySchema, ImportQuerySchema, ImportReportSchema, presentReport } from './roster.schemas.ts';
import { renderStaffPdf, writeStaffXlsx } from './roster-export.ts';
import { rosterTemplate } from './roster-xlsx.ts';
import { exportStaff } from './use-cases/export-roster.ts';
import { importRoster, type RosterDeps, templateReference } from './use-cases/import-roster.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TAGS = ['staff'];
const FileResponse = z.any().describe('The file');

function download(reply: FastifyReply, type: string, fileName: string) {
  return reply.type(type).header('Content-Disposition', `attachment; filename="${fileName}"`).header('Cache-Control', 'no-store');
}

/**
 * Roster import (template, check, commit) and staff exports (XLSX streamed, PDF bounded).
 * Registered inside the staff plugin as its own child, so the multipart parser exists only here.
 */
export const rosterModule: FastifyPluginAsync<ModuleDeps & { limits?: RosterLimits }> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const limits = deps.limits ?? DEFAULT_ROSTER_LIMITS;
  const ucDeps: RosterDeps = { db: deps.db, clock: deps.clock, limits };
  registerRosterMultipart(app, limits.maxFileBytes);
  // Room for the file plus the form fields; a larger declared body answers 413 before parsing.
  const bodyLimit = limits.maxFileBytes + 64 * 1024;

  app.get(
    '/api/v1/staff/import/template.xlsx',
    {
      config: { access: 'staff.import' },
      schema: {
        tags: TAGS,
        summary: 'Download the roster template',
        description:
          'A workbook with the "Danh sách" sheet (Vietnamese headers in row 1, field keys in row 2, drop-down lists for gender, rank and employment status), a "Hướng dẫn" (instructions) sheet and a sheet of the unit codes (unit_hr: their own unit) and position codes in force of the caller’s province.',
        produces: [XLSX_TYPE],
        response: { 200: FileResponse, ...COMMON_PROBLEMS },
      },
    },
    async (request, reply) => {
      const ref = await templateReference(ucDeps, actorOf(request));
      const vi = translator('vi');
      const buffer = await rosterTemplate({
        provinceName: ref.provinceName,
        units: ref.units,
        positions: ref.positions.map((p) => ({ code: p.code, name: p.nameVi, requiredRank: p.requiredRank })),
        genders: GENDERS.map((g) => codeLabel(vi, 'gender', g)),
        ranks: RANKS.map((r) => codeLabel(vi, 'rank', r)),
        statuses: EMPLOYMENT_STATUSES.map((s) => codeLabel(vi, 'employment', s)),
        maxRows: limits.maxRows,
        rankLabel: (r) => codeLabel(vi, 'rank', r),
      });
      return download(reply, XLSX_TYPE, 'mau-danh-sach-can-bo.xlsx').send(buffer);
    },
  );

  app.post(
    '/api/v1/staff/import',
    {
      config: { access: 'staff.import' },
      bodyLimit,
      schema: {
        tags: TAGS,
        summary: 'Import a staff roster (XLSX)',
        description: `multipart/form-data with one file part named \`file\` (an .xlsx built from the template; at most ${limits.maxFileBytes} bytes and ${limits.maxRows} data rows, larger files answer 413 / 422 before any row is read). Every row is validated and every problem reported as { row, column, cell, value (masked for personal columns), reason, severity, message }. With \`dryRun=true\` nothing is written (200). Otherwise, if any row has an error nothing is written (422 with the report); if none has, ALL rows are written in one transaction with one audit entry \`staff.import\` (200, committed: true), creating the staff record, the current appointment and the current position holding of each row. Warnings (rank below the position’s required rank, NFD text normalised to NFC) never block. unit_hr may import only into their own unit. Re-importing the same file is refused row by row as duplicates.`,
        consumes: ['multipart/form-data'],
        querystring: ImportQuerySchema,
        body: ImportBodySchema,
        response: {
          200: ImportReportSchema,
          422: z.union([ImportReportSchema, ProblemSchema]),
          ...COMMON_PROBLEMS,
          413: ProblemSchema,
          415: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { file } = uploadOf(request);
      const dryRun = request.query.dryRun === 'true' || request.query.dryRun === '1';
      const outcome = await importRoster(ucDeps, actor, file, { dryRun }, auditMetaOf(request, actor, deps.clock));
      const report = presentReport(outcome, request.t);
      return reply.code(report.errors > 0 ? 422 : 200).send(report);
    },
  );

  app.get(
    '/api/v1/staff/export.xlsx',
    {
      config: { access: 'staff.read' },
      schema: {
        tags: TAGS,
        summary: 'Export the staff directory as XLSX (streamed)',
        description: `${ExportQueryDescription} Streamed in batches of ${limits.exportBatch} rows; more than ${limits.exportXlsxMaxRows} rows answers 422.`,
        querystring: StaffListQuerySchema,
        produces: [XLSX_TYPE],
        response: { 200: FileResponse, ...COMMON_PROBLEMS, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const data = await exportStaff(ucDeps, actor, request.query, 'xlsx', auditMetaOf(request, actor, deps.clock));
      const out = new PassThrough();
      writeStaffXlsx(out, data, request.t).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
      return download(reply, XLSX_TYPE, 'danh-sach-can-bo.xlsx').send(out);
    },
  );

  app.get(
    '/api/v1/staff/export.pdf',
    {
      config: { access: 'staff.read' },
      schema: {
        tags: TAGS,
        summary: 'Export the staff directory as PDF (landscape A4)',
        description: `${ExportQueryDescription} With the province/unit heading and the date; more than ${limits.exportPdfMaxRows} rows answers 422 (filter by unit, or use the XLSX export).`,
        querystring: StaffListQuerySchema,
        produces: ['application/pdf'],
        response: { 200: FileResponse, ...COMMON_PROBLEMS, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const data = await exportStaff(ucDeps, actor, request.query, 'pdf', auditMetaOf(request, actor, deps.clock));
      const pdf = await renderStaffPdf(data, request.t, domainToday(deps.clock.now()));
      return download(reply, 'application/pdf', 'danh-sach-can-bo.pdf').send(pdf);
    },
  );

  app.get('/staff/import', { config: { access: 'staff.import' } }, async (request, reply) =>
    sendHtml(reply, <ImportPage ctx={request.viewContext()} limits={limits} report={null} />),
  );

  app.post('/staff/import', { config: { access: 'staff.import' }, bodyLimit }, async (request, reply) => {
    const actor = actorOf(request);
    const { file, fields } = uploadOf(request);
    const outcome = await importRoster(ucDeps, actor, file, { dryRun: fields.mode !== 'commit' }, auditMetaOf(request, actor, deps.clock));
    const ctx = request.viewContext();
    const report = presentReport(outcome, ctx.t);
    reply.header('Cache-Control', 'no-store');
    if (wantsFragment(request)) return sendFragment(reply, <ImportReportView ctx={ctx} report={report} />);
    return sendHtml(reply, <ImportPage ctx={ctx} limits={limits} report={report} />);
  });
};
