import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ModuleDeps } from '../../app.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { sendHtml } from '../../platform/html/render.ts';
import { COMMON_PROBLEMS, ProblemSchema } from '../../platform/http/common.schemas.ts';
import { isMultipart, type MultipartBody, registerMultipartParser } from '../../platform/http/multipart.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import { CourseImportPage } from './pages/course-import.page.tsx';
import { CourseListQuerySchema } from './training.schemas.ts';
import type { TrainingDeps } from './use-cases/deps.ts';
import { exportCourses, importCourses, MAX_IMPORT_ROWS } from './use-cases/transfer-courses.ts';

const TAGS = ['training'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A catalogue of a few thousand courses is well under 2 MB. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

const ImportQuerySchema = z.object({ dryRun: z.enum(['true', 'false', '1', '0']).optional().describe('true: check only, write nothing') });
const ImportResultSchema = z.object({
  committed: z.boolean().describe('False on a dry run'),
  rows: z.number().int(),
  codes: z.array(z.string()).describe('Codes of the imported (or, on a dry run, importable) courses'),
});

/**
 * XLSX export and all-or-nothing import of the course catalogue. Its own child plugin, so the
 * multipart parser exists only for these routes.
 */
export const trainingTransferApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: TrainingDeps = { db: deps.db, clock: deps.clock };
  registerMultipartParser(app, {
    maxFileBytes: MAX_FILE_BYTES,
    maxFiles: 1,
    maxFields: 5,
    tooLarge: () => new AppError('BODY_TOO_LARGE'),
    tooMany: () => new AppError('VALIDATION_FAILED'),
  });

  app.get(
    '/api/v1/training/courses/export.xlsx',
    {
      config: { access: 'training.read' },
      schema: {
        tags: TAGS,
        summary: 'Export the course catalogue as XLSX',
        description:
          'The same filters as the list (without paging); one course per row, in the layout the import reads. Text cells are formula-neutralised.',
        querystring: CourseListQuerySchema.omit({ page: true, pageSize: true }),
        response: { 200: z.any().describe('The workbook'), ...COMMON_PROBLEMS },
      },
    },
    async (request, reply) => {
      const buffer = await exportCourses(ucDeps, actorOf(request), request.query);
      return reply
        .type(XLSX_TYPE)
        .header('Content-Disposition', 'attachment; filename="danh-muc-khoa-hoc.xlsx"')
        .header('Cache-Control', 'no-store')
        .send(buffer);
    },
  );

  app.post(
    '/api/v1/training/courses/import',
    {
      config: { access: 'training.manage' },
      bodyLimit: MAX_FILE_BYTES + 64 * 1024,
      schema: {
        tags: TAGS,
        summary: 'Import new courses from an XLSX workbook (all or none)',
        description: `multipart/form-data with one file part named \`file\` in the export layout (at most ${MAX_FILE_BYTES} bytes, ${MAX_IMPORT_ROWS} rows). Every row is checked as a creation would be, plus codes repeated in the file or already in the catalogue and prerequisites within the file; formula and error cells are refused, never evaluated. Any problem answers 422 TRAINING_IMPORT_INVALID listing each one as "Row n, column" and a translated reason, and nothing is written. \`dryRun=true\` checks only. Otherwise every row is written in one transaction with one audit entry training.course.import.`,
        consumes: ['multipart/form-data'],
        querystring: ImportQuerySchema,
        response: {
          200: ImportResultSchema,
          ...COMMON_PROBLEMS,
          409: ProblemSchema,
          413: ProblemSchema,
          415: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const dryRun = request.query.dryRun === 'true' || request.query.dryRun === '1';
      return importCourses(ucDeps, actor, fileOf(request).file, { dryRun }, auditMetaOf(request, actor, deps.clock), request.locale);
    },
  );

  app.get(
    '/training/courses/import',
    { config: { access: 'training.manage' }, schema: { summary: 'Course import page', tags: TAGS } },
    async (request, reply) => sendHtml(reply, <CourseImportPage ctx={request.viewContext()} view={{ result: null, error: null }} />),
  );

  app.post(
    '/training/courses/import',
    {
      config: { access: 'training.manage' },
      bodyLimit: MAX_FILE_BYTES + 64 * 1024,
      schema: { summary: 'Import courses (form)', tags: TAGS },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { file, fields } = fileOf(request);
      try {
        const result = await importCourses(
          ucDeps,
          actor,
          file,
          { dryRun: fields.mode !== 'commit' },
          auditMetaOf(request, actor, deps.clock),
          request.locale,
        );
        return sendHtml(reply, <CourseImportPage ctx={request.viewContext()} view={{ result, error: null }} />);
      } catch (e) {
        if (!(e instanceof AppError) || ![409, 422].includes(e.status)) throw e;
        return sendHtml(reply, <CourseImportPage ctx={request.viewContext()} view={{ result: null, error: e }} />, e.status);
      }
    },
  );
};

/** The uploaded file part `file` and the text fields; 415 when the body is not multipart at all. */
function fileOf(request: FastifyRequest): { file: Buffer | null; fields: Record<string, string> } {
  if (!isMultipart(request)) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const body = request.body as MultipartBody | undefined;
  return { file: body?.files.find((f) => f.fieldName === 'file')?.bytes ?? null, fields: body?.fields ?? {} };
}
