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

/**
 * One form carries the CSRF token and the counter's settings for every ticket's action
 * buttons, which point at it (`form`) with their own `formaction`: a row costs a button, not a
 * form with its hidden fields. It holds no text input, so Enter never submits it by surprise.
 */
export const ACTIONS_FORM_ID = 'ticket-actions';

function ActionsForm({ ctx, view }: { ctx: ViewContext; view: CounterView }) {
  return (
    <form id={ACTIONS_FORM_ID} method="post" action="/queue/call-next" hidden>
      <CsrfField ctx={ctx} />
      <CounterFields view={view} />
    </form>
  );
}

/** The closed tickets shown on the counter page; the whole day is on /queue/closed. */
export const CLOSED_ON_COUNTER_PAGE = 10;

/** Latest closed first: finished (or given up as no-show) most recently. */
export function latestClosedFirst(tickets: Ticket[]): Ticket[] {
  const at = (k: Ticket) => k.finishedAt ?? k.lastCalledAt ?? k.calledAt ?? k.issuedAt;
  return [...tickets].sort((a, b) => at(b).localeCompare(at(a)) || b.id - a.id);
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
        <button
          type="submit"
          form={ACTIONS_FORM_ID}
          formAction={`/queue/tickets/${ticket.id}/actions`}
          name="action"
          value={a}
          class={a === 'no_show' ? 'secondary' : undefined}
        >
          {t(`queue.action.${a}` as MessageKey)}
        </button>
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

export function TicketTable({ ctx, view, tickets, caption }: { ctx: ViewContext; view: CounterView; tickets: Ticket[]; caption: string }) {
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

/** The day's closed tickets page, keeping the counter's settings. */
export function closedUrl(view: Pick<CounterView, 'counter' | 'fields'>, page: number): string {
  const q = new URLSearchParams();
  if (view.counter) q.set('counter', view.counter);
  for (const f of view.fields) q.append('fields', f);
  if (page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `/queue/closed?${s}` : '/queue/closed';
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
  const closed = latestClosedFirst(view.tickets.filter((k) => k.status === 'DONE' || k.status === 'NO_SHOW'));
  const shownClosed = closed.slice(0, CLOSED_ON_COUNTER_PAGE);
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
      <ActionsForm ctx={ctx} view={view} />
      {view.counter ? (
        <button type="submit" form={ACTIONS_FORM_ID}>
          {t('queue.counter.callNext')}
        </button>
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
          <TicketTable ctx={ctx} view={view} tickets={shownClosed} caption={t('queue.counter.closed')} />
          {closed.length > shownClosed.length && (
            <p>
              {t('queue.closed.latest', { shown: shownClosed.length, total: closed.length })}{' '}
              <a href={closedUrl(view, 1)}>{t('queue.closed.all')}</a>
            </p>
          )}
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

export const CLOSED_PAGE_SIZE = 50;

/** Every ticket closed today, latest first, a page at a time, with the link form where a dossier is still to be linked. */
export function ClosedPage({ ctx, view, page }: { ctx: ViewContext; view: CounterView; page: number }) {
  const { t } = ctx;
  const title = `${t('queue.closed.title')} · ${view.unitName}`;
  const closed = latestClosedFirst(view.tickets.filter((k) => k.status === 'DONE' || k.status === 'NO_SHOW'));
  const last = Math.max(1, Math.ceil(closed.length / CLOSED_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), last);
  const rows = closed.slice((current - 1) * CLOSED_PAGE_SIZE, current * CLOSED_PAGE_SIZE);
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={counterPageUrl(view)}>{t('queue.closed.back')}</a>
      </p>
      <ActionsForm ctx={ctx} view={view} />
      {rows.length === 0 ? (
        <p>{t('queue.closed.none')}</p>
      ) : (
        <TicketTable ctx={ctx} view={view} tickets={rows} caption={t('queue.closed.title')} />
      )}
      {last > 1 && (
        <nav class="pager" aria-label={t('common.page', { page: current })}>
          {current > 1 && (
            <a href={closedUrl(view, current - 1)} rel="prev">
              {t('common.previous')}
            </a>
          )}
          <span>
            {t('common.page', { page: current })} / {last}
          </span>
          {current < last && (
            <a href={closedUrl(view, current + 1)} rel="next">
              {t('common.next')}
            </a>
          )}
        </nav>
      )}
    </Layout>
  );
}

function counterPageUrl(view: Pick<CounterView, 'counter' | 'fields'>): string {
  return closedUrl(view, 1).replace('/queue/closed', '/queue');
}
