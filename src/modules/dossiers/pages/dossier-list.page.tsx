import { Layout } from '../../../platform/html/layout.tsx';
import { Pager } from '../../../platform/html/pager.tsx';
import { optionsOf, type SearchField, SearchForm } from '../../../platform/html/search-form.tsx';
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
      <p role="status">{t(result.totalCapped ? 'common.resultsAtLeast' : 'common.results', { count: result.total })}</p>
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
        capped={result.totalCapped}
        pageFull={result.items.length === result.pageSize}
        target={`#${RESULTS_ID}`}
      />
    </div>
  );
}

/** A plain GET search form; htmx only makes it swap the results in place. */
export function DossierListPage({ ctx, view }: { ctx: ViewContext; view: DossierListView }) {
  const { t } = ctx;
  const { query } = view;
  const statuses = optionsOf(STATUS_CODES, (s) => statusLabel(t, s));
  const filters: SearchField<keyof DossierListQuery>[] = [
    { type: 'search', name: 'q', label: 'dossiers.search' },
    { type: 'select', name: 'status', label: 'dossiers.filter.status', all: 'dossiers.filter.statusAll', options: statuses },
  ];
  return (
    <Layout ctx={ctx} title={t('dossiers.title')}>
      <h1>{t('dossiers.title')}</h1>
      {view.canReceive && (
        <p>
          <a href="/dossiers/new">{t('dossiers.new')}</a>
        </p>
      )}
      <SearchForm ctx={ctx} action="/dossiers" idPrefix="dossiers" fields={filters} values={query} results={RESULTS_ID} />
      <DossierResults ctx={ctx} view={view} />
    </Layout>
  );
}
