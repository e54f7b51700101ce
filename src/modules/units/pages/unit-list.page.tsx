import { Layout } from '../../../platform/html/layout.tsx';
import { Pager } from '../../../platform/html/pager.tsx';
import { optionsOf, type SearchField, SearchForm } from '../../../platform/html/search-form.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { formatNumber } from '../../../platform/time/format.ts';
import { unitKindLabel } from '../units.labels.ts';
import { LISTED_UNIT_KINDS, UNIT_STATUSES, type UnitListQuery, type UnitListResponse } from '../units.schemas.ts';

export type UnitListView = { query: UnitListQuery; result: UnitListResponse };

const RESULTS_ID = 'unit-results';

/** The part htmx swaps: result count, table and pager. */
export function UnitResults({ ctx, view }: { ctx: ViewContext; view: UnitListView }) {
  const { t, locale } = ctx;
  const { query, result } = view;
  return (
    <div id={RESULTS_ID}>
      <p role="status">{t('common.results', { count: result.total })}</p>
      {result.items.length === 0 ? (
        <p>{t('common.noResults')}</p>
      ) : (
        <table>
          <caption>{t('units.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('units.col.name')}</th>
              <th scope="col">{t('units.col.kind')}</th>
              <th scope="col" class="num">
                {t('units.col.population')}
              </th>
              <th scope="col" class="num">
                {t('units.col.area')}
              </th>
              <th scope="col">{t('units.col.mountainous')}</th>
              <th scope="col" class="num">
                {t('units.col.predecessors')}
              </th>
              <th scope="col" class="num">
                {t('units.col.staff')}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((u) => (
              <tr>
                <th scope="row">
                  <a href={`/units/${u.id}`}>{u.name}</a>
                </th>
                <td>{unitKindLabel(t, u.kind)}</td>
                <td class="num">{formatNumber(u.population, locale)}</td>
                <td class="num">{formatNumber(u.areaKm2, locale, 2)}</td>
                <td>{u.isMountainous ? t('common.yes') : t('common.no')}</td>
                <td class="num">{formatNumber(u.predecessorCount, locale)}</td>
                <td class="num">{formatNumber(u.staffCount, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        ctx={ctx}
        base="/units"
        params={{
          q: query.q,
          kind: query.kind,
          status: query.status === 'current' ? undefined : query.status,
          pageSize: query.pageSize === 50 ? undefined : query.pageSize,
        }}
        page={result.page}
        pageSize={result.pageSize}
        total={result.total}
        target={`#${RESULTS_ID}`}
      />
    </div>
  );
}

/** The search form is a plain GET form; htmx only makes it swap the results in place. */
export function UnitListPage({ ctx, view }: { ctx: ViewContext; view: UnitListView }) {
  const { t } = ctx;
  const { query } = view;
  const kinds = optionsOf(LISTED_UNIT_KINDS, (k) => unitKindLabel(t, k));
  const statuses = optionsOf(UNIT_STATUSES, (s) => t(`units.status.${s}` as MessageKey));
  const filters: SearchField<keyof UnitListQuery>[] = [
    { type: 'search', name: 'q', label: 'units.search' },
    { type: 'select', name: 'kind', label: 'units.filter.kind', all: 'units.filter.kindAll', options: kinds },
    { type: 'select', name: 'status', label: 'units.filter.status', options: statuses },
  ];
  return (
    <Layout ctx={ctx} title={t('units.title')}>
      <h1>{t('units.title')}</h1>
      <SearchForm ctx={ctx} action="/units" idPrefix="units" fields={filters} values={query} results={RESULTS_ID} />
      <UnitResults ctx={ctx} view={view} />
    </Layout>
  );
}
