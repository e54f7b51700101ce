import { Busboy } from '@fastify/busboy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors/app-error.ts';
import { megabytes } from './use-cases/import-roster.ts';

export type RosterUpload = { fileName: string; bytes: Buffer };
/** Text fields flat (the pipeline finds `_csrf` as in a urlencoded form), the one file apart. */
export type RosterMultipart = { _csrf?: string; fields: Record<string, string>; file: RosterUpload | null };

/**
 * multipart/form-data for the roster import routes only (registered inside the roster
 * plugin): one file part `file` of at most `maxBytes`, a few short text fields. A larger
 * file stops the parse at the limit and answers 413; nothing is held beyond it. The access
 * check (onRequest) has already refused callers without `staff.import`.
 */
export function registerRosterMultipart(app: FastifyInstance, maxBytes: number): void {
  app.addContentTypeParser('multipart/form-data', (request: FastifyRequest, payload, done) => {
    let settled = false;
    const fail = (e: AppError) => {
      if (settled) return;
      settled = true;
      payload.unpipe();
      payload.resume();
      done(e, undefined);
    };
    let boy: InstanceType<typeof Busboy>;
    try {
      boy = new Busboy({
        headers: request.headers as { 'content-type': string },
        limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 4096, parts: 11 },
      });
    } catch {
      done(new AppError('VALIDATION_FAILED'), undefined);
      return;
    }
    const body: RosterMultipart = { fields: Object.create(null) as Record<string, string>, file: null };
    boy.on('field', (name: string, value: string) => {
      if (name === '_csrf') body._csrf = value;
      else body.fields[name] = value;
    });
    boy.on('file', (fieldName: string, stream: NodeJS.ReadableStream & { truncated?: boolean }, fileName: string) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => fail(new AppError('ROSTER_FILE_TOO_LARGE', { max: megabytes(maxBytes) })));
      stream.on('end', () => {
        if (fieldName === 'file' && !stream.truncated) body.file = { fileName: fileName ?? '', bytes: Buffer.concat(chunks) };
      });
    });
    boy.on('filesLimit', () => fail(new AppError('VALIDATION_FAILED')));
    boy.on('partsLimit', () => fail(new AppError('VALIDATION_FAILED')));
    boy.on('fieldsLimit', () => fail(new AppError('VALIDATION_FAILED')));
    boy.on('error', () => fail(new AppError('VALIDATION_FAILED')));
    boy.on('finish', () => {
      if (settled) return;
      settled = true;
      done(null, body);
    });
    payload.pipe(boy);
  });
}

/** The uploaded file; 415 when the body is not multipart at all. */
export function uploadOf(request: FastifyRequest): RosterMultipart {
  if (!/^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '')) throw new AppError('ROSTER_NOT_MULTIPART');
  return (request.body as RosterMultipart | undefined) ?? { fields: {}, file: null };
}
