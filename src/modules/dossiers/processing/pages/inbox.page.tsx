import { CsrfField, Layout } from '../../../../platform/html/layout.tsx';
import { Pager } from '../../../../platform/html/pager.tsx';
import { optionsOf, type SearchField, SearchForm } from '../../../../platform/html/search-form.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatInstant } from '../../../../platform/time/format.ts';
import { fieldLabel } from '../../../procedures/procedures.labels.ts';
import { PROCEDURE_FIELDS } from '../../../procedures/procedures.schemas.ts';
import { statusLabel } from '../../dossiers.labels.ts';
import { OPEN_DUE_STATES } from '../../lifecycle/due-state.ts';
import { BULK_ACTIONS, type InboxQuery, type InboxResponse } from '../processing.schemas.ts';
import { DueBadge } from './due-badge.tsx';
import { dueStateLabel, stepLabel } from './labels.ts';

export type InboxView = {
  query: InboxQuery;
  result: InboxResponse;
  /** Leaders and counter officers may assign and start in bulk. */
  canBulk: boolean;
  specialists: { id: number; name: string }[];
  notice: string | null;
  problems: string[];
};

const RESULTS_ID = 'inbox-results';
const INBOX_STATUSES = [1, 2, 4, 5, 6, 9] as const;

/** The part htmx swaps: count, the bulk form around the table, and the pager. */
export function InboxResults({ ctx, view }: { ctx: ViewContext; view: InboxView }) {
  const { t, locale } = ctx;
  const { query, result } = view;
  const table = (
    <table>
      <caption>{t('processing.inbox.title')}</caption>
      <thead>
        <tr>
          {view.canBulk && <th scope="col">{t('processing.col.select')}</th>}
          <th scope="col">{t('processing.col.code')}</th>
          <th scope="col">{t('processing.col.procedure')}</th>
          <th scope="col">{t('processing.col.applicant')}</th>
          <th scope="col">{t('processing.col.status')}</th>
          <th scope="col">{t('processing.col.step')}</th>
          <th scope="col">{t('processing.col.assignee')}</th>
          <th scope="col">{t('processing.col.appointment')}</th>
          <th scope="col">{t('processing.col.dueState')}</th>
        </tr>
      </thead>
      <tbody>
        {result.items.map((d) => (
          <tr>
            {view.canBulk && (
              <td>
                <input
                  type="checkbox"
                  name="ids"
                  value={String(d.id)}
                  id={`pick-${d.id}`}
                  aria-label={`${t('processing.col.select')} ${d.code}`}
                />
              </td>
            )}
            <th scope="row">
              <a href={`/dossiers/${d.id}`}>{d.code}</a>
            </th>
            <td>{locale === 'vi' ? d.procedure.nameVi : d.procedure.nameEn}</td>
            <td>{d.applicantName}</td>
            <td>{statusLabel(t, d.status)}</td>
            <td>{stepLabel(t, d.step)}</td>
            <td>{d.assignee?.name ?? '—'}</td>
            <td>{formatInstant(d.appointmentAt) || '—'}</td>
            <td>
              <DueBadge t={t} state={d.dueState} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div id={RESULTS_ID}>
      <p role="status">{t(result.totalCapped ? 'processing.inbox.countCapped' : 'processing.inbox.count', { count: result.total })}</p>
      {result.items.length === 0 ? (
        <p>{t('processing.inbox.empty')}</p>
      ) : view.canBulk ? (
        <form method="post" action="/inbox/bulk">
          <CsrfField ctx={ctx} />
          {table}
          <fieldset>
            <legend>{t('processing.bulk.title')}</legend>
            <label for="bulk-action">
              {t('processing.bulk.action')}
              <select id="bulk-action" name="action">
                {BULK_ACTIONS.map((a) => (
                  <option value={a}>{t(`processing.bulk.${a}`)}</option>
                ))}
              </select>
            </label>
            <label for="bulk-assignee">
              {t('processing.bulk.assignee')}
              <select id="bulk-assignee" name="assigneeId">
                <option value="">{t('processing.bulk.none')}</option>
                {view.specialists.map((s) => (
                  <option value={String(s.id)}>{s.name}</option>
                ))}
              </select>
            </label>
            <button type="submit">{t('processing.bulk.submit')}</button>
          </fieldset>
        </form>
      ) : (
        table
      )}
      <Pager
        ctx={ctx}
        base="/inbox"
        params={{ field: query.field, status: query.status === undefined ? undefined : String(query.status), due: query.due }}
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        target={`#${RESULTS_ID}`}
      />
    </div>
  );
}

/** A plain GET filter form; htmx only swaps the results in place. Bulk selection is a plain form post. */
export function InboxPage({ ctx, view }: { ctx: ViewContext; view: InboxView }) {
  const { t } = ctx;
  const { query } = view;
  const fields = optionsOf(PROCEDURE_FIELDS, (f) => fieldLabel(t, f));
  const statuses = optionsOf(INBOX_STATUSES, (s) => statusLabel(t, s));
  const dueStates = optionsOf(OPEN_DUE_STATES, (s) => dueStateLabel(t, s));
  const filters: SearchField<keyof InboxQuery>[] = [
    { type: 'select', name: 'field', label: 'processing.inbox.field', all: 'processing.inbox.all', options: fields },
    { type: 'select', name: 'status', label: 'processing.inbox.status', all: 'processing.inbox.all', options: statuses },
    { type: 'select', name: 'due', label: 'processing.inbox.due', all: 'processing.inbox.all', options: dueStates },
  ];
  return (
    <Layout ctx={ctx} title={t('processing.inbox.title')}>
      <h1>{t('processing.inbox.title')}</h1>
      <p>{t('processing.inbox.intro')}</p>
      {view.notice && (
        <div class="alert ok" role="status">
          <p>{view.notice}</p>
          {view.problems.length > 0 && (
            <ul>
              {view.problems.map((m) => (
                <li>{m}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <SearchForm
        ctx={ctx}
        action="/inbox"
        idPrefix="inbox"
        fields={filters}
        values={query}
        results={RESULTS_ID}
        label="processing.inbox.filters"
        submitLabel="processing.inbox.apply"
      />
      <InboxResults ctx={ctx} view={view} />
    </Layout>
  );
}
