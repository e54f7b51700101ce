import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors/app-error.ts';
import { isMultipart, type MultipartBody, registerMultipartParser } from '../../../platform/http/multipart.ts';
import { megabytes } from './use-cases/import-roster.ts';

export type RosterUpload = { fileName: string; bytes: Buffer };
/** Text fields flat (the pipeline finds `_csrf` as in a urlencoded form), the one file apart. */
export type RosterMultipart = { _csrf?: string; fields: Record<string, string>; file: RosterUpload | null };

/** The roster import routes take one file part `file` of at most `maxBytes` and a few short fields. */
export function registerRosterMultipart(app: FastifyInstance, maxBytes: number): void {
  registerMultipartParser(app, {
    maxFileBytes: maxBytes,
    maxFiles: 1,
    maxFields: 10,
    tooLarge: () => new AppError('ROSTER_FILE_TOO_LARGE', { max: megabytes(maxBytes) }),
    tooMany: () => new AppError('VALIDATION_FAILED'),
  });
}

/** The uploaded file; 415 when the body is not multipart at all. */
export function uploadOf(request: FastifyRequest): RosterMultipart {
  if (!isMultipart(request)) throw new AppError('ROSTER_NOT_MULTIPART');
  const body = request.body as MultipartBody | undefined;
  const part = body?.files.find((f) => f.fieldName === 'file');
  return { _csrf: body?._csrf, fields: body?.fields ?? {}, file: part ? { fileName: part.fileName, bytes: part.bytes } : null };
}
