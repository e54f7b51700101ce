import { CsrfField } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatInstant } from '../../../../platform/time/format.ts';
import type { FactsView } from '../facts.schemas.ts';

/** One small form per fact the caller may record now; plain posts (the page redirects back). */
function FactForm({ ctx, view, field, value, label }: { ctx: ViewContext; view: FactsView; field: string; value: string; label: string }) {
  return (
    <form method="post" action={`/dossiers/${view.id}/facts`} class="inline-fact">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="version" value={String(view.version)} />
      <input type="hidden" name={field} value={value} />
      <button type="submit">{label}</button>
    </form>
  );
}

/** The Decision 766 facts of the dossier page, with the forms for the staff allowed to record them. */
export function FactsPanel({ ctx, view }: { ctx: ViewContext; view: FactsView }) {
  const { t } = ctx;
  const at = (instant: string | null) =>
    instant ? t('processing.facts.yesAt', { at: formatInstant(instant) }) : t('processing.facts.notYet');
  const yesNo = (b: boolean) => (b ? t('processing.facts.yes') : t('processing.facts.no'));
  return (
    <section aria-labelledby="facts-h">
      <h3 id="facts-h">{t('processing.facts.title')}</h3>
      <dl>
        <dt>{t('processing.facts.electronicResult')}</dt>
        <dd>{at(view.electronicResultAt)}</dd>
        <dt>{t('processing.facts.paidOnline')}</dt>
        <dd>{view.feeBearing ? at(view.paidOnlineAt) : t('processing.facts.noFee')}</dd>
        <dt>{t('processing.facts.reusedData')}</dt>
        <dd>{yesNo(view.reusedData)}</dd>
        <dt>{t('processing.facts.filesDigitised')}</dt>
        <dd>{yesNo(view.filesDigitised)}</dd>
        <dt>{t('processing.facts.nationalSync')}</dt>
        <dd>{at(view.nationalSyncAt)}</dd>
      </dl>
      {view.allowed.electronicResult && (
        <FactForm ctx={ctx} view={view} field="electronicResult" value="true" label={t('processing.facts.markElectronicResult')} />
      )}
      {view.allowed.paidOnline && (
        <FactForm ctx={ctx} view={view} field="paidOnline" value="true" label={t('processing.facts.markPaidOnline')} />
      )}
      {view.allowed.reusedData && (
        <FactForm
          ctx={ctx}
          view={view}
          field="reusedData"
          value={view.reusedData ? 'false' : 'true'}
          label={view.reusedData ? t('processing.facts.unmarkReused') : t('processing.facts.markReused')}
        />
      )}
    </section>
  );
}
