import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../app.ts';
import { COMMON_PROBLEMS } from '../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf } from '../../platform/http/route-helpers.ts';
import { domainToday } from '../../platform/time/format.ts';
import {
  CompetencyListQuerySchema,
  CompetencyListResponseSchema,
  CompetencySchema,
  FrameworkDocumentSchema,
  FrameworkExportSchema,
  IdParamsSchema,
  ProblemSchema,
  VersionCreateBodySchema,
  VersionListResponseSchema,
  VersionSchema,
} from './competencies.schemas.ts';
import { versionInForce } from './framework.ts';
import { documentToJson } from './framework-import.ts';
import { frameworkToXlsx } from './framework-xlsx.ts';
import { getCompetency, importFramework, listCompetencies } from './use-cases/library.ts';
import { createDraft, exportFramework, type FrameworkDeps, listVersions, publishVersion } from './use-cases/versions.ts';

const TAGS = ['competencies'];
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** An imported workbook may be at most this large; larger bodies answer 413 before parsing. */
export const IMPORT_LIMIT_BYTES = 5 * 1024 * 1024;

export const competenciesApi: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const ucDeps: FrameworkDeps = { db: deps.db, clock: deps.clock };
  // Workbooks arrive as raw bytes; only this plugin accepts them.
  app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT_BYTES }, (_req, body, done) => done(null, body));

  app.get(
    '/api/v1/competencies',
    {
      config: { access: 'positions.read' },
      schema: {
        tags: TAGS,
        summary: 'List the competency library of a framework version',
        description:
          'The version `versionId`, or else the published version in force on `asOf` (today in Vietnam by default). `q` ignores diacritics. Each competency has five proficiency levels with behavioural descriptors in Vietnamese and English.',
        querystring: CompetencyListQuerySchema,
        response: { 200: CompetencyListResponseSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => listCompetencies(ucDeps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/competencies/versions',
    {
      config: { access: 'positions.read' },
      schema: {
        tags: TAGS,
        summary: 'List framework versions (competency library and position catalogue)',
        response: { 200: VersionListResponseSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => {
      const items = await listVersions(ucDeps, actorOf(request));
      return { items, inForceId: versionInForce(items, domainToday(deps.clock.now()))?.id ?? null };
    },
  );

  app.post(
    '/api/v1/competencies/versions',
    {
      config: { access: 'positions.manage' },
      schema: {
        tags: TAGS,
        summary: 'Start a draft version (a copy of the latest version)',
        description: 'Only one draft may exist at a time (409 FRAMEWORK_DRAFT_EXISTS). The draft is edited, then published.',
        body: VersionCreateBodySchema,
        response: { 201: VersionSchema, ...COMMON_PROBLEMS, 409: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const created = await createDraft(ucDeps, actor, request.body, auditMetaOf(request, actor, deps.clock));
      return reply.status(201).header('Location', `/api/v1/competencies/versions/${created.id}/export.json`).send(created);
    },
  );

  app.post(
    '/api/v1/competencies/versions/:id/publish',
    {
      config: { access: 'positions.manage' },
      schema: {
        tags: TAGS,
        summary: 'Publish a draft version; published versions never change',
        description:
          'The draft must start strictly after every published version (422 FRAMEWORK_INVALID otherwise); publishing a published version answers 409 FRAMEWORK_VERSION_PUBLISHED.',
        params: IdParamsSchema,
        response: { 200: VersionSchema, ...COMMON_PROBLEMS, 409: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return publishVersion(ucDeps, actor, request.params.id, auditMetaOf(request, actor, deps.clock));
    },
  );

  app.get(
    '/api/v1/competencies/versions/:id/export.json',
    {
      config: { access: 'positions.read' },
      schema: {
        tags: TAGS,
        summary: 'Export a framework version as JSON (the import format)',
        params: IdParamsSchema,
        response: { 200: FrameworkExportSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request, reply) => {
      const doc = await exportFramework(ucDeps, actorOf(request), request.params.id);
      reply.header('Content-Disposition', `attachment; filename="framework-v${doc.versionNo}.json"`);
      return documentToJson(doc);
    },
  );

  app.get(
    '/api/v1/competencies/versions/:id/export.xlsx',
    {
      config: { access: 'positions.read' },
      schema: {
        tags: TAGS,
        summary: 'Export a framework version as XLSX (sheets Version, Competencies, Positions, Requirements)',
        description: 'Text cells starting with = + - @, tab or carriage return get a leading apostrophe, so no cell runs as a formula.',
        params: IdParamsSchema,
      },
    },
    async (request, reply) => {
      const doc = await exportFramework(ucDeps, actorOf(request), request.params.id);
      const buffer = await frameworkToXlsx(doc);
      return reply
        .header('Content-Type', XLSX_TYPE)
        .header('Content-Disposition', `attachment; filename="framework-v${doc.versionNo}.xlsx"`)
        .send(buffer);
    },
  );

  app.post(
    '/api/v1/competencies/versions/import',
    {
      config: { access: 'positions.manage' },
      attachValidation: true,
      schema: {
        tags: TAGS,
        summary: 'Import a framework as a new draft version (JSON or XLSX)',
        description: `Send the JSON document (as exported) or an XLSX workbook with Content-Type ${XLSX_TYPE} (at most 5 MB). Every row is validated; any problem (unknown competency or position codes, levels outside 1–5, missing descriptors, formulas in cells, missing sheets) answers 422 FRAMEWORK_INVALID with one entry per problem naming sheet, row and column, and nothing is written. 409 FRAMEWORK_DRAFT_EXISTS while another draft exists.`,
        body: FrameworkDocumentSchema,
        response: { 201: VersionSchema, ...COMMON_PROBLEMS, 409: ProblemSchema, 413: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      // The row-by-row report replaces the schema's validation: it names sheet, row and column.
      const actor = actorOf(request);
      const created = await importFramework(ucDeps, actor, request.body, auditMetaOf(request, actor, deps.clock), request.locale);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/competencies/:id',
    {
      config: { access: 'positions.read' },
      schema: {
        tags: TAGS,
        summary: 'One competency with its five level descriptors',
        params: IdParamsSchema,
        response: { 200: CompetencySchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => getCompetency(ucDeps, actorOf(request), request.params.id),
  );
};
