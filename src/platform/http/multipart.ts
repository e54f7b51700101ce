import { finished, type Readable } from 'node:stream';
import { Busboy } from '@fastify/busboy';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.ts';

export type UploadedFile = { fieldName: string; fileName: string; clientType: string; bytes: Buffer };
/** The parsed body: text fields flat (so the pipeline finds `_csrf` as it does in a form), files apart. */
export type MultipartBody = { _csrf?: string; fields: Record<string, string>; files: UploadedFile[] };

export type MultipartLimits = {
  maxFileBytes: number;
  maxFiles: number;
  maxFields: number;
  /** The error for a file over maxFileBytes (each module words it for its own users). */
  tooLarge: () => AppError;
  /** The error for more files or parts than allowed. */
  tooMany: () => AppError;
  /** How much of a refused body the server still reads (and throws away) before answering; default 4 × maxFileBytes. */
  maxDiscardBytes?: number;
};

/**
 * A refused body is read to its end, without keeping it, before the refusal is sent: a client
 * still sending when the answer and the connection's close come (undici's fetch, browsers, curl
 * without Expect: 100-continue) sees a broken pipe instead of the 413 and its explanation (CI of
 * 0225b28: `fetch failed … write EPIPE` on an oversized roster). Past `maxBytes` the server
 * answers at once: a client that keeps sending that long gets what it asked for.
 */
function discardThenAnswer(payload: Readable, maxBytes: number, answer: () => void): void {
  let discarded = 0;
  let answered = false;
  const once = () => {
    if (answered) return;
    answered = true;
    answer();
  };
  payload.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes) once();
  });
  // The end of the body, or the client gone (then there is nobody to answer, and Fastify knows).
  finished(payload, { writable: false }, once);
  payload.resume();
}

/**
 * multipart/form-data for the upload routes only: each module registers it inside its own
 * plugin, so no other route accepts multipart. It is a content-type parser rather than a
 * handler stream because the request pipeline checks CSRF in preValidation, which runs after
 * parsing: an HTML form (no JavaScript, no header) carries its `_csrf` as a field, and the
 * pipeline reads it from the body exactly as for urlencoded forms, without any exemption.
 * The access check (onRequest) has already refused callers without the permission, so only
 * they can make the server read a body; the limits bound what it holds in memory, and a file
 * over the limit stops the parse there (nothing beyond it is held; the rest is read and dropped
 * so the refusal reaches the client, see discardThenAnswer).
 */
export function registerMultipartParser(app: FastifyInstance, limits: MultipartLimits): void {
  app.addContentTypeParser('multipart/form-data', (request: FastifyRequest, payload, done) => {
    let settled = false;
    const fail = (e: AppError) => {
      if (settled) return;
      settled = true;
      payload.unpipe();
      discardThenAnswer(payload, limits.maxDiscardBytes ?? 4 * limits.maxFileBytes, () => done(e, undefined));
    };
    let boy: InstanceType<typeof Busboy>;
    try {
      boy = new Busboy({
        headers: request.headers as { 'content-type': string },
        limits: {
          fileSize: limits.maxFileBytes,
          files: limits.maxFiles,
          fields: limits.maxFields,
          fieldSize: 4096,
          parts: limits.maxFiles + limits.maxFields,
        },
      });
    } catch {
      done(new AppError('VALIDATION_FAILED'), undefined);
      return;
    }
    const body: MultipartBody = { fields: Object.create(null) as Record<string, string>, files: [] };
    boy.on('field', (name: string, value: string) => {
      if (name === '_csrf') body._csrf = value;
      else body.fields[name] = value;
    });
    boy.on(
      'file',
      (fieldName: string, stream: NodeJS.ReadableStream & { truncated?: boolean }, fileName: string, _enc: string, mime: string) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('limit', () => fail(limits.tooLarge()));
        stream.on('end', () => {
          if (!stream.truncated) body.files.push({ fieldName, fileName: fileName ?? '', clientType: mime, bytes: Buffer.concat(chunks) });
        });
      },
    );
    boy.on('filesLimit', () => fail(limits.tooMany()));
    boy.on('partsLimit', () => fail(limits.tooMany()));
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

/** Whether the request declared a multipart body (routes answer 415 with their own code otherwise). */
export const isMultipart = (request: FastifyRequest): boolean => /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');
