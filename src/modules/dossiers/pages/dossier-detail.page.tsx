import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatInstant } from '../../../platform/time/format.ts';
import { DossierDocumentsSection } from '../documents/pages/attachments.page.tsx';
import { channelLabel, eventLabel, statusLabel } from '../dossiers.labels.ts';
import type { DossierDetail } from '../dossiers.schemas.ts';
import { ProcessingPanel, type ProcessingPanelView } from '../processing/pages/actions.partial.tsx';

export type DossierDetailView = {
  dossier: DossierDetail;
  canDecide: boolean;
  notice: string | null;
  error: string | null;
  /** The processing block (actions, assignment, apology slips); absent where not loaded. */
  processing?: ProcessingPanelView | null;
};

/** A dossier's details, due date and timeline, with the intake decisions the viewer may take. */
export function DossierDetailPage({ ctx, view }: { ctx: ViewContext; view: DossierDetailView }) {
  const { t, locale } = ctx;
  const d = view.dossier;
  const dash = (v: string | null) => v ?? '—';
  return (
    <Layout ctx={ctx} title={d.code}>
      <h1>
        {t('dossiers.col.code')}: {d.code}
      </h1>
      {view.notice && (
        <div class="alert success" role="status">
          <p>{view.notice}</p>
        </div>
      )}
      {view.error && (
        <div class="alert error" role="alert">
          <p>{view.error}</p>
        </div>
      )}
      <dl>
        <dt>{t('dossiers.col.status')}</dt>
        <dd>{statusLabel(t, d.status)}</dd>
        <dt>{t('dossiers.col.procedure')}</dt>
        <dd>
          {locale === 'vi' ? d.procedure.nameVi : d.procedure.nameEn} ({d.procedure.nationalCode})
        </dd>
        <dt>{t('dossiers.f.channel')}</dt>
        <dd>{channelLabel(t, d.channel)}</dd>
        <dt>{t('dossiers.col.received')}</dt>
        <dd>{dash(formatInstant(d.receivedAt) || null)}</dd>
        <dt>{t('dossiers.col.due')}</dt>
        <dd>{dash(formatInstant(d.dueAt) || null)}</dd>
      </dl>
      <h2>{t('dossiers.detail.routing')}</h2>
      <dl>
        <dt>{t('dossiers.detail.receivingUnit')}</dt>
        <dd>{d.receivingUnit.name}</dd>
        <dt>{t('dossiers.col.competent')}</dt>
        <dd>{d.competentUnit.name}</dd>
      </dl>
      <h2>{t('dossiers.detail.applicant')}</h2>
      <dl>
        <dt>{t('dossiers.f.applicantName')}</dt>
        <dd>{d.applicant.name}</dd>
        <dt>{t('dossiers.f.applicantIdNumber')}</dt>
        <dd>{dash(d.applicant.idNumber)}</dd>
        <dt>{t('dossiers.f.applicantPhone')}</dt>
        <dd>{dash(d.applicant.phone)}</dd>
        <dt>{t('dossiers.f.applicantEmail')}</dt>
        <dd>{dash(d.applicant.email)}</dd>
        <dt>{t('dossiers.f.applicantAddress')}</dt>
        <dd>{dash(d.applicant.address)}</dd>
        <dt>{t('dossiers.f.summary')}</dt>
        <dd>{dash(d.summary)}</dd>
      </dl>
      {view.canDecide && (
        <section aria-labelledby="decide-h">
          <h2 id="decide-h">{t('dossiers.detail.decide')}</h2>
          <form method="post" action={`/dossiers/${d.id}/accept`}>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="version" value={String(d.version)} />
            <button type="submit">{t('dossiers.detail.accept')}</button>
          </form>
          <form method="post" action={`/dossiers/${d.id}/refuse`}>
            <CsrfField ctx={ctx} />
            <input type="hidden" name="version" value={String(d.version)} />
            <p>
              <label for="refuse-reason">{t('dossiers.f.reason')}</label>
              <textarea id="refuse-reason" name="reason" required maxLength={1000} rows={2} />
            </p>
            <button type="submit">{t('dossiers.detail.refuse')}</button>
          </form>
        </section>
      )}
      {view.processing && <ProcessingPanel ctx={ctx} view={view.processing} />}
      <DossierDocumentsSection ctx={ctx} dossierId={d.id} />
      <h2>{t('dossiers.detail.timeline')}</h2>
      <table>
        <caption>{t('dossiers.detail.timeline')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dossiers.detail.when')}</th>
            <th scope="col">{t('dossiers.detail.what')}</th>
            <th scope="col">{t('dossiers.detail.actor')}</th>
            <th scope="col">{t('dossiers.detail.note')}</th>
          </tr>
        </thead>
        <tbody>
          {d.events.map((e) => (
            <tr>
              <th scope="row">{formatInstant(e.at)}</th>
              <td>
                {eventLabel(t, e.kind)}
                {e.toStatus !== null && ` → ${statusLabel(t, e.toStatus)}`}
              </td>
              <td>{dash(e.actorName)}</td>
              <td>{dash(e.note)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
