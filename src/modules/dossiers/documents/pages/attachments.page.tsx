import { roleHas } from '../../../../platform/auth/roles.ts';
import { CsrfField, Layout } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatInstant } from '../../../../platform/time/format.ts';
import type { AttachmentDto } from '../documents.schemas.ts';
import { formatBytes } from '../upload-rules.ts';

export type AttachmentsView = { dossierId: number; code: string; items: AttachmentDto[]; maxBytes: number; notice: string | null };

const TYPE_LABEL: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

const tableId = (dossierId: number) => `attachments-${dossierId}`;

/** The attachments table: the htmx fragment, and part of the full page. */
export function AttachmentsTable({ ctx, dossierId, items }: { ctx: ViewContext; dossierId: number; items: AttachmentDto[] }) {
  const { t } = ctx;
  if (items.length === 0) {
    return (
      <p id={tableId(dossierId)} class="muted">
        {t('attachments.none')}
      </p>
    );
  }
  return (
    <table id={tableId(dossierId)}>
      <caption>{t('attachments.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('attachments.col.name')}</th>
          <th scope="col">{t('attachments.col.type')}</th>
          <th scope="col">{t('attachments.col.size')}</th>
          <th scope="col">{t('attachments.col.uploaded')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((a) => (
          <tr>
            <th scope="row">
              <a href={a.url} download={a.fileName} aria-label={t('attachments.download', { name: a.fileName })}>
                {a.fileName}
              </a>
            </th>
            <td>{TYPE_LABEL[a.mediaType] ?? a.mediaType}</td>
            <td>{formatBytes(a.size)}</td>
            <td>{formatInstant(a.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The upload form: a plain multipart form, so it works without JavaScript. */
function UploadForm({ ctx, dossierId, maxBytes }: { ctx: ViewContext; dossierId: number; maxBytes?: number | undefined }) {
  const { t } = ctx;
  const inputId = `attach-files-${dossierId}`;
  return (
    <form method="post" action={`/dossiers/${dossierId}/attachments`} enctype="multipart/form-data">
      <CsrfField ctx={ctx} />
      <p>
        <label for={inputId}>{maxBytes ? t('attachments.files', { max: formatBytes(maxBytes) }) : t('attachments.filesShort')}</label>
        <input id={inputId} type="file" name="files" multiple required accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png" />
      </p>
      <button type="submit">{t('attachments.upload')}</button>
    </form>
  );
}

/**
 * The dossier page's attachments and slips section. Without JavaScript it links to the
 * attachments page; with htmx the table loads in place.
 */
export function DossierDocumentsSection({ ctx, dossierId, maxBytes }: { ctx: ViewContext; dossierId: number; maxBytes?: number }) {
  const { t, actor } = ctx;
  const canAttach = !!actor && roleHas(actor.role, 'dossiers.attach');
  return (
    <section aria-labelledby="documents-h">
      <h2 id="documents-h">{t('attachments.title')}</h2>
      <div hx-get={`/dossiers/${dossierId}/attachments`} hx-trigger="load" hx-swap="innerHTML">
        <p>
          <a href={`/dossiers/${dossierId}/attachments`}>{t('attachments.open')}</a>
        </p>
      </div>
      {canAttach && <UploadForm ctx={ctx} dossierId={dossierId} maxBytes={maxBytes} />}
      <h3>{t('slips.title')}</h3>
      <ul>
        <li>
          <a href={`/dossiers/${dossierId}/receipt.pdf`}>{t('slips.receipt')}</a>
        </li>
      </ul>
    </section>
  );
}

/** The attachments of one dossier as a page of its own (the no-JavaScript path). */
export function AttachmentsPage({ ctx, view }: { ctx: ViewContext; view: AttachmentsView }) {
  const { t, actor } = ctx;
  const canAttach = !!actor && roleHas(actor.role, 'dossiers.attach');
  return (
    <Layout ctx={ctx} title={t('attachments.pageTitle', { code: view.code })}>
      <h1>{t('attachments.pageTitle', { code: view.code })}</h1>
      {view.notice && (
        <div class="alert success" role="status">
          <p>{view.notice}</p>
        </div>
      )}
      <AttachmentsTable ctx={ctx} dossierId={view.dossierId} items={view.items} />
      {canAttach && (
        <section aria-labelledby="upload-h">
          <h2 id="upload-h">{t('attachments.upload')}</h2>
          <UploadForm ctx={ctx} dossierId={view.dossierId} maxBytes={view.maxBytes} />
        </section>
      )}
      <p>
        <a href={`/dossiers/${view.dossierId}/receipt.pdf`}>{t('slips.receipt')}</a>
      </p>
      <p>
        <a href={`/dossiers/${view.dossierId}`}>{t('attachments.back')}</a>
      </p>
    </Layout>
  );
}
