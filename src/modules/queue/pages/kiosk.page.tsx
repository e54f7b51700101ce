import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatInstant } from '../../../platform/time/format.ts';
import { fieldLabel } from '../../procedures/procedures.labels.ts';
import { PROCEDURE_FIELDS } from '../../procedures/procedures.schemas.ts';
import type { IssuedTicket } from '../queue.schemas.ts';
import { FIELD_LETTERS } from '../queue-ticket.ts';

export type KioskView = { unitCode: string; unitName: string; issued: IssuedTicket | null; error: string | null };

/**
 * The kiosk: one big button per field; pressing one shows the ticket. Plain forms, so it
 * works on an old tablet browser without JavaScript.
 */
export function KioskPage({ ctx, view }: { ctx: ViewContext; view: KioskView }) {
  const { t } = ctx;
  const title = `${t('queue.kiosk.title')} · ${view.unitName}`;
  const action = `/kiosk/${encodeURIComponent(view.unitCode)}`;
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {view.error && (
        <div class="alert error" role="alert">
          {view.error}
        </div>
      )}
      {view.issued ? (
        <section aria-labelledby="ticket-heading" class="ticket">
          <h2 id="ticket-heading">{t('queue.kiosk.issued')}</h2>
          <p class="ticket-number">
            <strong>{view.issued.label}</strong>
          </p>
          <p>{t('queue.kiosk.field', { field: fieldLabel(t, view.issued.field) })}</p>
          <p>{t('queue.kiosk.ahead', { n: view.issued.waitingAhead })}</p>
          <p>{t('queue.kiosk.issuedAt', { at: formatInstant(view.issued.issuedAt) })}</p>
          <p>{t('queue.kiosk.watch')}</p>
          <p>
            <a class="button" href={action}>
              {t('queue.kiosk.again')}
            </a>
          </p>
        </section>
      ) : (
        <form method="post" action={action} class="stack">
          <CsrfField ctx={ctx} />
          <p>{t('queue.kiosk.intro')}</p>
          {PROCEDURE_FIELDS.map((f) => (
            <button type="submit" name="field" value={f}>
              {`${FIELD_LETTERS[f]} · ${fieldLabel(t, f)}`}
            </button>
          ))}
        </form>
      )}
    </Layout>
  );
}
