import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../platform/errors/app-error.ts';
import { registerMultipartParser as registerPlatformParser } from '../../../platform/http/multipart.ts';
import { formatBytes, MAX_FILES_PER_UPLOAD } from './upload-rules.ts';

export type { MultipartBody, UploadedFile } from '../../../platform/http/multipart.ts';

/** The attachment routes' multipart limits: up to MAX_FILES_PER_UPLOAD files and 20 short fields. */
export function registerMultipartParser(app: FastifyInstance, maxFileBytes: number): void {
  registerPlatformParser(app, {
    maxFileBytes,
    maxFiles: MAX_FILES_PER_UPLOAD,
    maxFields: 20,
    tooLarge: () => new AppError('ATTACHMENT_TOO_LARGE', { max: formatBytes(maxFileBytes) }),
    tooMany: () => new AppError('ATTACHMENT_TOO_MANY', { max: MAX_FILES_PER_UPLOAD }),
  });
}
