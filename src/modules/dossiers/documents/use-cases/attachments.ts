import { createHash } from 'node:crypto';
import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import type { FileStorage } from '../../../../platform/providers/file-storage.ts';
import type { Clock } from '../../../../platform/time/clock.ts';
import { loadVisibleDossier } from '../../use-cases/dossier-access.ts';
import { type AttachmentRecord, findAttachment, insertAttachment, listAttachments } from '../documents.repository.ts';
import type { UploadedFile } from '../multipart.ts';
import { acceptedMediaType, cleanFileName, formatBytes } from '../upload-rules.ts';

/** What the attachment use cases touch: the database, the file store, the clock and the size limit. */
export type DocumentsDeps = { db: Db; storage: FileStorage; clock: Clock; maxUploadBytes: number };

export type Attachment = Pick<AttachmentRecord, 'id' | 'fileName' | 'mediaType' | 'size' | 'sha256' | 'createdAt'> & { url: string };

export function toAttachment(r: AttachmentRecord): Attachment {
  return {
    id: r.id,
    fileName: r.fileName,
    mediaType: r.mediaType,
    size: r.size,
    sha256: r.sha256,
    createdAt: r.createdAt,
    url: `/dossiers/${r.dossierId}/attachments/${r.id}`,
  };
}

type Checked = { fileName: string; mediaType: string; bytes: Buffer; sha256: string };

/** Every file must pass before any is stored: one refused file refuses the whole upload. */
function checkFiles(files: readonly UploadedFile[], maxBytes: number): Checked[] {
  if (files.length === 0) throw new AppError('ATTACHMENT_MISSING');
  return files.map((f) => {
    const fileName = cleanFileName(f.fileName);
    if (f.bytes.length > maxBytes) throw new AppError('ATTACHMENT_TOO_LARGE', { max: formatBytes(maxBytes) });
    const mediaType = acceptedMediaType(fileName, f.bytes);
    if (!mediaType) throw new AppError('ATTACHMENT_TYPE_REFUSED', { name: fileName });
    return { fileName, mediaType, bytes: f.bytes, sha256: createHash('sha256').update(f.bytes).digest('hex') };
  });
}

/**
 * Attaches files to a dossier the actor may see. Files are written first, then the rows and
 * their audit entry in one transaction; if the transaction fails, the written files are
 * removed, so there is never a row without its file nor (beyond a crash between the two
 * steps) a file without its row. `files` is null when the request was not multipart; the
 * dossier is checked first so another unit learns nothing from the answer.
 */
export async function uploadAttachments(
  deps: DocumentsDeps,
  actor: Actor,
  dossierId: number,
  files: readonly UploadedFile[] | null,
  meta: AuditMeta,
): Promise<Attachment[]> {
  const dossier = await loadVisibleDossier(deps.db, actor, dossierId);
  if (files === null) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const checked = checkFiles(files, deps.maxUploadBytes);
  const year = Number(meta.at.slice(0, 4));
  const keys: string[] = [];
  try {
    for (const f of checked) keys.push(await deps.storage.put({ provinceCode: dossier.provinceCode, year }, f.bytes));
    return await audited(deps.db, meta, 'dossier.attach', 'dossier', async (trx) => {
      const rows: AttachmentRecord[] = [];
      for (const [i, f] of checked.entries()) {
        const row = {
          dossierId,
          provinceCode: dossier.provinceCode,
          fileName: f.fileName,
          storedName: keys[i] as string,
          mediaType: f.mediaType,
          size: f.bytes.length,
          sha256: f.sha256,
          createdAt: meta.at,
        };
        rows.push({ ...row, id: await insertAttachment(trx, row) });
      }
      return {
        result: rows.map(toAttachment),
        entityId: dossierId,
        after: {
          attachments: rows.map((r) => ({ id: r.id, fileName: r.fileName, mediaType: r.mediaType, size: r.size, sha256: r.sha256 })),
        },
      };
    });
  } catch (e) {
    await Promise.allSettled(keys.map((k) => deps.storage.remove(k)));
    throw e;
  }
}

export async function listDossierAttachments(
  deps: Pick<DocumentsDeps, 'db'>,
  actor: Actor,
  dossierId: number,
): Promise<{ code: string; items: Attachment[] }> {
  const dossier = await loadVisibleDossier(deps.db, actor, dossierId);
  return { code: dossier.code, items: (await listAttachments(deps.db, dossierId)).map(toAttachment) };
}

/** The bytes and metadata of one attachment of a dossier the actor may see. */
export async function readAttachment(
  deps: Pick<DocumentsDeps, 'db' | 'storage'>,
  actor: Actor,
  dossierId: number,
  attachmentId: number,
): Promise<{ attachment: Attachment; bytes: Buffer }> {
  await loadVisibleDossier(deps.db, actor, dossierId);
  const row = await findAttachment(deps.db, dossierId, attachmentId);
  if (!row) throw new AppError('ATTACHMENT_NOT_FOUND');
  return { attachment: toAttachment(row), bytes: await deps.storage.read(row.storedName) };
}
