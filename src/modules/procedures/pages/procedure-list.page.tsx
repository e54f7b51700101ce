import { Layout } from '../../../platform/html/layout.tsx';
import { Pager } from '../../../platform/html/pager.tsx';
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
      <search>
        <form
          method="get"
          action="/procedures"
          class="filters"
          hx-get="/procedures"
          hx-target={`#${RESULTS_ID}`}
          hx-swap="outerHTML"
          hx-push-url="true"
          hx-trigger="submit, input changed delay:400ms from:#proc-q, change from:#proc-field, change from:#proc-online, change from:#proc-date"
        >
          <label for="proc-q">
            {t('procedures.search')}
            <input id="proc-q" type="search" name="q" value={query.q ?? ''} maxLength={100} autocomplete="off" />
          </label>
          <label for="proc-field">
            {t('procedures.col.field')}
            <select id="proc-field" name="field">
              <option value="">{t('procedures.filter.allFields')}</option>
              {PROCEDURE_FIELDS.map((f) => (
                <option value={f} selected={query.field === f}>
                  {fieldLabel(t, f)}
                </option>
              ))}
            </select>
          </label>
          <label for="proc-online">
            {t('procedures.col.online')}
            <select id="proc-online" name="onlineLevel">
              <option value="">{t('procedures.filter.allOnline')}</option>
              {ONLINE_LEVELS.map((o) => (
                <option value={o} selected={query.onlineLevel === o}>
                  {onlineLabel(t, o)}
                </option>
              ))}
            </select>
          </label>
          <label for="proc-date">
            {t('procedures.filter.inForceOn')}
            <input id="proc-date" type="date" name="inForceOn" value={result.inForceOn} />
          </label>
          <button type="submit">{t('common.search')}</button>
        </form>
      </search>
      <ProcedureResults ctx={ctx} view={view} />
    </Layout>
  );
}
