import { Layout } from '../../../platform/html/layout.tsx';
import { Pager } from '../../../platform/html/pager.tsx';
import { optionsOf, type SearchField, SearchForm } from '../../../platform/html/search-form.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatDate } from '../../../platform/time/format.ts';
import { fieldLabel, formatFee, formatTimeLimit, onlineLabel } from '../procedures.labels.ts';
import {
  ONLINE_LEVELS,
  PROCEDURE_FIELDS,
  type ProcedureListQuery,
  type ProcedureListResponse,
  type ProcedureSummary,
} from '../procedures.schemas.ts';

export type ProcedureListView = { query: ProcedureListQuery; result: ProcedureListResponse; canManage: boolean };

const RESULTS_ID = 'procedure-results';

function NameCell({ ctx, p }: { ctx: ViewContext; p: ProcedureSummary }) {
  // The Vietnamese name is the legal one; other languages see the English name under it.
  return (
    <th scope="row">
      <a href={`/procedures/${p.id}`} lang="vi">
        {p.nameVi}
      </a>
      {ctx.locale !== 'vi' && p.nameEn && (
        <>
          <br />
          <span class="muted" lang="en">
            {p.nameEn}
          </span>
        </>
      )}
    </th>
  );
}

/** The part htmx swaps: result count, table and pager. */
export function ProcedureResults({ ctx, view }: { ctx: ViewContext; view: ProcedureListView }) {
  const { t, locale } = ctx;
  const { query, result } = view;
  return (
    <div id={RESULTS_ID}>
      <p role="status">
        {t('common.results', { count: result.total })} · {t('procedures.inForceOnShort', { date: formatDate(result.inForceOn) })}
      </p>
      {result.items.length === 0 ? (
        <p>{t('common.noResults')}</p>
      ) : (
        <table>
          <caption>{t('procedures.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('procedures.col.name')}</th>
              <th scope="col">{t('procedures.col.code')}</th>
              <th scope="col">{t('procedures.col.field')}</th>
              <th scope="col">{t('procedures.col.timeLimit')}</th>
              <th scope="col" class="num">
                {t('procedures.col.fee')}
              </th>
              <th scope="col">{t('procedures.col.online')}</th>
              <th scope="col">{t('procedures.col.essential')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((p) => (
              <tr>
                <NameCell ctx={ctx} p={p} />
                <td>
                  <code>{p.nationalCode}</code>
                </td>
                <td>{fieldLabel(t, p.field)}</td>
                <td>{formatTimeLimit(t, locale, p.timeLimitAmount, p.timeLimitUnit)}</td>
                <td class="num">{formatFee(t, locale, p.fee)}</td>
                <td>{onlineLabel(t, p.onlineLevel)}</td>
                <td>{p.essentialService ? t('procedures.essential.yes') : t('common.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        ctx={ctx}
        base="/procedures"
        params={{
          q: query.q,
          field: query.field,
          onlineLevel: query.onlineLevel,
          inForceOn: query.inForceOn,
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

/** A plain GET form; htmx only makes it swap the results in place. */
export function ProcedureListPage({ ctx, view }: { ctx: ViewContext; view: ProcedureListView }) {
  const { t } = ctx;
  const { query, result } = view;
  const fields = optionsOf(PROCEDURE_FIELDS, (f) => fieldLabel(t, f));
  const levels = optionsOf(ONLINE_LEVELS, (o) => onlineLabel(t, o));
  const filters: SearchField<keyof ProcedureListQuery>[] = [
    { type: 'search', name: 'q', label: 'procedures.search' },
    { type: 'select', name: 'field', label: 'procedures.col.field', all: 'procedures.filter.allFields', options: fields },
    {
      type: 'select',
      name: 'onlineLevel',
      id: 'online',
      label: 'procedures.col.online',
      all: 'procedures.filter.allOnline',
      options: levels,
    },
    { type: 'date', name: 'inForceOn', id: 'date', label: 'procedures.filter.inForceOn' },
  ];
  return (
    <Layout ctx={ctx} title={t('procedures.title')}>
      <h1>{t('procedures.title')}</h1>
      {view.canManage && (
        <p>
          <a class="button" href="/procedures/new">
            {t('procedures.new')}
          </a>
        </p>
      )}
      <SearchForm
        ctx={ctx}
        action="/procedures"
        idPrefix="proc"
        fields={filters}
        values={{ ...query, inForceOn: result.inForceOn }}
        results={RESULTS_ID}
      />
      <ProcedureResults ctx={ctx} view={view} />
    </Layout>
  );
}
