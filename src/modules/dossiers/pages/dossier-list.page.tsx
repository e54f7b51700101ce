import { Layout } from '../../../platform/html/layout.tsx';
import { Pager } from '../../../platform/html/pager.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatInstant } from '../../../platform/time/format.ts';
import { statusLabel } from '../dossiers.labels.ts';
import type { DossierListQuery, DossierListResponse } from '../dossiers.schemas.ts';
import { STATUS_CODES } from '../intake-status.ts';

export type DossierListView = { query: DossierListQuery; result: DossierListResponse; canReceive: boolean };

const RESULTS_ID = 'dossier-results';

/** The part htmx swaps: result count, table and pager. */
export function DossierResults({ ctx, view }: { ctx: ViewContext; view: DossierListView }) {
  const { t, locale } = ctx;
  const { query, result } = view;
  return (
    <div id={RESULTS_ID}>
      <p role="status">{t('common.results', { count: result.total })}</p>
      {result.items.length === 0 ? (
        <p>{t('common.noResults')}</p>
      ) : (
        <table>
          <caption>{t('dossiers.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dossiers.col.code')}</th>
              <th scope="col">{t('dossiers.col.procedure')}</th>
              <th scope="col">{t('dossiers.col.applicant')}</th>
              <th scope="col">{t('dossiers.col.status')}</th>
              <th scope="col">{t('dossiers.col.competent')}</th>
              <th scope="col">{t('dossiers.col.received')}</th>
              <th scope="col">{t('dossiers.col.due')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((d) => (
              <tr>
                <th scope="row">
                  <a href={`/dossiers/${d.id}`}>{d.code}</a>
                </th>
                <td>{locale === 'vi' ? d.procedure.nameVi : d.procedure.nameEn}</td>
                <td>{d.applicantName}</td>
                <td>{statusLabel(t, d.status)}</td>
                <td>{d.competentUnit.name}</td>
                <td>{formatInstant(d.receivedAt)}</td>
                <td>{formatInstant(d.dueAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        ctx={ctx}
        base="/dossiers"
        params={{ q: query.q, status: query.status === undefined ? undefined : String(query.status), procedure: query.procedure }}
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        target={`#${RESULTS_ID}`}
      />
    </div>
  );
}

/** A plain GET search form; htmx only makes it swap the results in place. */
export function DossierListPage({ ctx, view }: { ctx: ViewContext; view: DossierListView }) {
  const { t } = ctx;
  const { query } = view;
  return (
    <Layout ctx={ctx} title={t('dossiers.title')}>
      <h1>{t('dossiers.title')}</h1>
      {view.canReceive && (
        <p>
          <a href="/dossiers/new">{t('dossiers.new')}</a>
        </p>
      )}
      <search>
        <form
          method="get"
          action="/dossiers"
          class="filters"
          hx-get="/dossiers"
          hx-target={`#${RESULTS_ID}`}
          hx-swap="outerHTML"
          hx-push-url="true"
          hx-trigger="submit, input changed delay:400ms from:#dossiers-q, change from:#dossiers-status"
        >
          <label for="dossiers-q">
            {t('dossiers.search')}
            <input id="dossiers-q" type="search" name="q" value={query.q ?? ''} maxLength={100} autocomplete="off" />
          </label>
          <label for="dossiers-status">
            {t('dossiers.filter.status')}
            <select id="dossiers-status" name="status">
              <option value="">{t('dossiers.filter.statusAll')}</option>
              {STATUS_CODES.map((s) => (
                <option value={String(s)} selected={query.status === s}>
                  {statusLabel(t, s)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('common.search')}</button>
        </form>
      </search>
      <DossierResults ctx={ctx} view={view} />
    </Layout>
  );
}
