import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ModuleDeps } from '../../../app.ts';
import { sendFragment, sendHtml } from '../../../platform/html/render.ts';
import { COMMON_PROBLEMS, ProblemSchema } from '../../../platform/http/common.schemas.ts';
import { actorOf, auditMetaOf, wantsFragment } from '../../../platform/http/route-helpers.ts';
import { localFileStorage } from '../../../platform/providers/file-storage.ts';
import {
  ApologySlipParamsSchema,
  AttachmentListSchema,
  AttachmentParamsSchema,
  AttachmentsPageQuerySchema,
  DossierIdParamsSchema,
} from './documents.schemas.ts';
import { type MultipartBody, registerMultipartParser } from './multipart.ts';
import { AttachmentsPage, AttachmentsTable } from './pages/attachments.page.tsx';
import { contentDisposition } from './upload-rules.ts';
import { type DocumentsDeps, listDossierAttachments, readAttachment, uploadAttachments } from './use-cases/attachments.ts';
import { apologySlip, receiptSlip, type SlipDeps } from './use-cases/slips.ts';

const TAGS = ['dossiers'];

/**
 * A served attachment is data, never a page: no sniffing, and if a browser renders it
 * anyway it runs in a sandbox with nothing allowed. Route-level onSend runs after the
 * app-wide security headers, so this replaces their page CSP for these responses only.
 */
const DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

async function downloadHeaders(_request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  reply.header('Content-Security-Policy', DOWNLOAD_CSP);
  reply.header('X-Content-Type-Options', 'nosniff');
  return payload;
}

function sendPdf(reply: FastifyReply, fileName: string, pdf: Buffer) {
  return reply
    .type('application/pdf')
    .header('Content-Disposition', contentDisposition(fileName).replace(/^attachment/, 'inline'))
    .send(pdf);
}

/** The uploaded files, or null when the body was not multipart (a JSON `files` field is not a file). */
function filesOf(request: FastifyRequest) {
  if (!/^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '')) return null;
  return (request.body as MultipartBody | undefined)?.files ?? [];
}

export const documentsModule: FastifyPluginAsync<ModuleDeps> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<ZodTypeProvider>();
  const maxBytes = deps.config.UPLOAD_MAX_BYTES;
  const ucDeps: DocumentsDeps = {
    db: deps.db,
    clock: deps.clock,
    storage: localFileStorage(path.join(deps.config.dataDir, 'uploads')),
    maxUploadBytes: maxBytes,
  };
  const slipDeps: SlipDeps = { db: deps.db, clock: deps.clock };
  registerMultipartParser(app, maxBytes);
  // A multipart body is the size of its files: this plugin's routes get room for a full upload.
  const bodyLimit = maxBytes * 10 + 64 * 1024;

  app.post(
    '/api/v1/dossiers/:id/attachments',
    {
      config: { access: 'dossiers.attach' },
      bodyLimit,
      schema: {
        tags: TAGS,
        summary: 'Attach files to a dossier',
        description:
          'multipart/form-data with one or more file parts (at most 10). Only PDF, JPEG and PNG are accepted, checked by extension and by content (magic bytes); each file at most UPLOAD_MAX_BYTES. One refused file refuses the whole upload and nothing is stored.',
        consumes: ['multipart/form-data'],
        params: DossierIdParamsSchema,
        response: { 201: AttachmentListSchema, ...COMMON_PROBLEMS, 413: ProblemSchema, 415: ProblemSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const items = await uploadAttachments(ucDeps, actor, request.params.id, filesOf(request), auditMetaOf(request, actor, deps.clock));
      return reply.code(201).send({ items });
    },
  );

  app.get(
    '/api/v1/dossiers/:id/attachments',
    {
      config: { access: 'dossiers.read' },
      schema: {
        tags: TAGS,
        summary: 'List a dossier’s attachments',
        params: DossierIdParamsSchema,
        response: { 200: AttachmentListSchema, ...COMMON_PROBLEMS },
      },
    },
    async (request) => ({ items: (await listDossierAttachments(ucDeps, actorOf(request), request.params.id)).items }),
  );

  app.get(
    '/dossiers/:id/attachments',
    { config: { access: 'dossiers.read' }, schema: { params: DossierIdParamsSchema, querystring: AttachmentsPageQuerySchema } },
    async (request, reply) => {
      const { code, items } = await listDossierAttachments(ucDeps, actorOf(request), request.params.id);
      const ctx = request.viewContext();
      reply.header('Vary', 'HX-Request');
      if (wantsFragment(request)) return sendFragment(reply, <AttachmentsTable ctx={ctx} dossierId={request.params.id} items={items} />);
      const n = request.query.uploaded;
      const notice = n ? request.t('attachments.uploaded', { n }) : null;
      return sendHtml(reply, <AttachmentsPage ctx={ctx} view={{ dossierId: request.params.id, code, items, maxBytes, notice }} />);
    },
  );

  app.post(
    '/dossiers/:id/attachments',
    { config: { access: 'dossiers.attach' }, bodyLimit, schema: { params: DossierIdParamsSchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const items = await uploadAttachments(ucDeps, actor, request.params.id, filesOf(request), auditMetaOf(request, actor, deps.clock));
      return reply.redirect(`/dossiers/${request.params.id}/attachments?uploaded=${items.length}`, 303);
    },
  );

  app.get(
    '/dossiers/:id/attachments/:attachmentId',
    { config: { access: 'dossiers.read' }, schema: { params: AttachmentParamsSchema }, onSend: downloadHeaders },
    async (request, reply) => {
      const { attachment, bytes } = await readAttachment(ucDeps, actorOf(request), request.params.id, request.params.attachmentId);
      return reply.type(attachment.mediaType).header('Content-Disposition', contentDisposition(attachment.fileName)).send(bytes);
    },
  );

  app.get(
    '/dossiers/:id/receipt.pdf',
    { config: { access: 'dossiers.read' }, schema: { params: DossierIdParamsSchema } },
    async (request, reply) => {
      const origin = `${request.protocol}://${request.host}`;
      const { code, pdf } = await receiptSlip(slipDeps, actorOf(request), request.params.id, origin);
      return sendPdf(reply, `giay-tiep-nhan-${code}.pdf`, pdf);
    },
  );

  app.get(
    '/dossiers/:id/apology/:slipId.pdf',
    { config: { access: 'dossiers.read' }, schema: { params: ApologySlipParamsSchema } },
    async (request, reply) => {
      const { code, pdf } = await apologySlip(slipDeps, actorOf(request), request.params.id, request.params.slipId);
      return sendPdf(reply, `phieu-xin-loi-${code}-${request.params.slipId}.pdf`, pdf);
    },
  );
};
