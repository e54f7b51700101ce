import type { ComponentChildren } from 'preact';
import { CsrfField, Layout } from '../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatDate, formatInstant, formatNumber } from '../../../platform/time/format.ts';
import { fieldLabel } from '../../procedures/procedures.labels.ts';
import { PROCEDURE_FIELDS } from '../../procedures/procedures.schemas.ts';
import type { QueueStats, Ticket } from '../queue.schemas.ts';
import { minutesBetween, nextStatus, TICKET_ACTIONS, type TicketAction } from '../queue-ticket.ts';

export type CounterView = {
  unitName: string;
  unitCode: string;
  counter: string | null;
  fields: string[];
  tickets: Ticket[];
  stats: QueueStats;
  now: string;
  notice: string | null;
  error: string | null;
};

/** The counter's settings ride along in every form, so an action brings the officer back to the same counter. */
function CounterFields({ view }: { view: CounterView }) {
  return (
    <>
      <input type="hidden" name="counter" value={view.counter ?? ''} />
      {view.fields.map((f) => (
        <input type="hidden" name="fields" value={f} />
      ))}
    </>
  );
}

function PostButton({ ctx, view, action, children }: { ctx: ViewContext; view: CounterView; action: string; children: ComponentChildren }) {
  return (
    <form method="post" action={action} class="inline">
      <CsrfField ctx={ctx} />
      <CounterFields view={view} />
      {children}
    </form>
  );
}

function minutes(t: ViewContext['t'], locale: string, seconds: number | null): string {
  return seconds === null ? '—' : t('queue.minutes', { n: formatNumber(seconds / 60, locale, 1) });
}

function TicketActions({ ctx, view, ticket }: { ctx: ViewContext; view: CounterView; ticket: Ticket }) {
  const { t } = ctx;
  const allowed = TICKET_ACTIONS.filter((a: TicketAction) => nextStatus(ticket.status, a) !== null);
  const canLink = (ticket.status === 'SERVING' || ticket.status === 'DONE') && ticket.dossierId === null;
  return (
    <>
      {allowed.map((a) => (
        <PostButton ctx={ctx} view={view} action={`/queue/tickets/${ticket.id}/actions`}>
          <button type="submit" name="action" value={a} class={a === 'no_show' ? 'secondary' : undefined}>
            {t(`queue.action.${a}` as MessageKey)}
          </button>
        </PostButton>
      ))}
      {canLink && (
        <>
          <a class="button" href="/dossiers/new">
            {t('queue.receive')}
          </a>
          <PostButton ctx={ctx} view={view} action={`/queue/tickets/${ticket.id}/link`}>
            <label>
              {t('queue.link.code')} <input name="dossierCode" required maxlength={80} size={18} />
            </label>{' '}
            <button type="submit">{t('queue.link.submit')}</button>
          </PostButton>
        </>
      )}
    </>
  );
}

function DossierCell({ ticket }: { ticket: Ticket }) {
  return ticket.dossierId === null ? null : <a href={`/dossiers/${ticket.dossierId}`}>{ticket.dossierCode}</a>;
}

function TicketTable({ ctx, view, tickets, caption }: { ctx: ViewContext; view: CounterView; tickets: Ticket[]; caption: string }) {
  const { t } = ctx;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('queue.col.label')}</th>
          <th scope="col">{t('queue.col.field')}</th>
          <th scope="col">{t('queue.col.waited')}</th>
          <th scope="col">{t('queue.col.status')}</th>
          <th scope="col">{t('queue.col.counter')}</th>
          <th scope="col">{t('queue.col.dossier')}</th>
          <th scope="col">{t('queue.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {tickets.map((k) => (
          <tr>
            <td>
              <strong>{k.label}</strong>
            </td>
            <td>{fieldLabel(t, k.field)}</td>
            <td class="num">{t('queue.minutes', { n: minutesBetween(k.issuedAt, k.calledAt ?? view.now) })}</td>
            <td>{t(`queue.status.${k.status}` as MessageKey)}</td>
            <td>{k.counterLabel ?? ''}</td>
            <td>
              <DossierCell ticket={k} />
            </td>
            <td>
              <TicketActions ctx={ctx} view={view} ticket={k} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function StatsSection({ ctx, view }: { ctx: ViewContext; view: CounterView }) {
  const { t, locale } = ctx;
  const { stats } = view;
  return (
    <section aria-labelledby="stats-heading">
      <h2 id="stats-heading">{t('queue.stats.title')}</h2>
      <form method="get" action="/queue" class="filters">
        {view.counter && <input type="hidden" name="counter" value={view.counter} />}
        {view.fields.map((f) => (
          <input type="hidden" name="fields" value={f} />
        ))}
        <label>
          {t('queue.stats.from')} <input type="date" name="from" value={stats.from} />
        </label>
        <label>
          {t('queue.stats.to')} <input type="date" name="to" value={stats.to} />
        </label>
        <button type="submit">{t('queue.stats.show')}</button>
      </form>
      {stats.rows.length <= 1 && stats.rows[0]?.issued === 0 ? (
        <p>{t('queue.stats.none')}</p>
      ) : (
        <table>
          <caption>{t('queue.stats.range', { from: formatDate(stats.from), to: formatDate(stats.to) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('queue.col.field')}</th>
              <th scope="col">{t('queue.stats.issued')}</th>
              <th scope="col">{t('queue.stats.served')}</th>
              <th scope="col">{t('queue.stats.noShow')}</th>
              <th scope="col">{t('queue.stats.waitAvg')}</th>
              <th scope="col">{t('queue.stats.waitMedian')}</th>
              <th scope="col">{t('queue.stats.serviceAvg')}</th>
              <th scope="col">{t('queue.stats.serviceMedian')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.rows.map((r) => (
              <tr>
                <th scope="row">{r.field === null ? t('queue.stats.total') : fieldLabel(t, r.field)}</th>
                <td class="num">{r.issued}</td>
                <td class="num">{r.served}</td>
                <td class="num">{r.noShow}</td>
                <td class="num">{minutes(t, locale, r.wait.averageSeconds)}</td>
                <td class="num">{minutes(t, locale, r.wait.medianSeconds)}</td>
                <td class="num">{minutes(t, locale, r.service.averageSeconds)}</td>
                <td class="num">{minutes(t, locale, r.service.medianSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Waiting counts per field, in the catalogue's field order. */
function waitingByField(waiting: Ticket[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const k of waiting) counts.set(k.field, (counts.get(k.field) ?? 0) + 1);
  const order = (f: string) => (PROCEDURE_FIELDS as readonly string[]).indexOf(f);
  return [...counts].sort((a, b) => order(a[0]) - order(b[0]));
}

/** The counter officer's page: settings, call next, the tickets in hand, who waits, and the times. */
export function CounterPage({ ctx, view }: { ctx: ViewContext; view: CounterView }) {
  const { t } = ctx;
  const title = `${t('queue.counter.title')} · ${view.unitName}`;
  const current = view.tickets.filter((k) => k.status === 'CALLED' || k.status === 'SERVING');
  const waiting = view.tickets.filter((k) => k.status === 'WAITING');
  const closed = view.tickets.filter((k) => k.status === 'DONE' || k.status === 'NO_SHOW');
  const code = encodeURIComponent(view.unitCode);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {view.notice && (
        <p class="alert ok" role="status">
          {view.notice}
        </p>
      )}
      {view.error && (
        <div class="alert error" role="alert">
          {view.error}
        </div>
      )}
      <form method="get" action="/queue" class="filters">
        <fieldset>
          <legend>{t('queue.counter.settings')}</legend>
          <label>
            {t('queue.counter.label')} <input name="counter" value={view.counter ?? ''} maxlength={40} />
          </label>
          <fieldset>
            <legend>{t('queue.counter.fields')}</legend>
            {PROCEDURE_FIELDS.map((f) => (
              <label>
                <input type="checkbox" name="fields" value={f} checked={view.fields.includes(f)} /> {fieldLabel(t, f)}
              </label>
            ))}
          </fieldset>
          <button type="submit" class="secondary">
            {t('queue.counter.apply')}
          </button>
        </fieldset>
      </form>
      {view.counter ? (
        <PostButton ctx={ctx} view={view} action="/queue/call-next">
          <button type="submit">{t('queue.counter.callNext')}</button>
        </PostButton>
      ) : (
        <p>{t('queue.counter.needLabel')}</p>
      )}
      <h2>{t('queue.counter.current')}</h2>
      {current.length === 0 ? (
        <p>{t('queue.counter.noCurrent')}</p>
      ) : (
        <TicketTable ctx={ctx} view={view} tickets={current} caption={t('queue.counter.current')} />
      )}
      <h2>{t('queue.counter.waiting')}</h2>
      {waiting.length === 0 ? (
        <p>{t('queue.counter.noWaiting')}</p>
      ) : (
        <>
          <ul>
            {waitingByField(waiting).map(([field, n]) => (
              <li>{`${fieldLabel(t, field)}: ${n}`}</li>
            ))}
          </ul>
          <TicketTable ctx={ctx} view={view} tickets={waiting} caption={t('queue.counter.waiting')} />
        </>
      )}
      {closed.length > 0 && (
        <details>
          <summary>{`${t('queue.counter.closed')} (${closed.length})`}</summary>
          <TicketTable ctx={ctx} view={view} tickets={closed} caption={t('queue.counter.closed')} />
        </details>
      )}
      <StatsSection ctx={ctx} view={view} />
      <p class="muted">
        <a href={`/kiosk/${code}`}>{t('queue.kiosk.title')}</a> · <a href={`/queue-display/${code}`}>{t('queue.display.title')}</a>
      </p>
      <p class="muted">{formatInstant(view.now)}</p>
    </Layout>
  );
}
