import { Layout } from '../../../platform/html/layout.tsx';
import { Pager } from '../../../platform/html/pager.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { bodyKindLabel } from '../../units/units.labels.ts';
import { rankLabel } from '../staff.labels.ts';
import { RANKS, type StaffListQuery, type StaffListResponse } from '../staff.schemas.ts';

export type StaffListView = {
  query: StaffListQuery;
  result: StaffListResponse;
  /** Units to filter by; empty for commune roles, who see only their own unit. */
  units: { id: number; name: string }[];
};

const RESULTS_ID = 'staff-results';

/** The part htmx swaps: result count, table and pager. */
export function StaffResults({ ctx, view }: { ctx: ViewContext; view: StaffListView }) {
  const { t } = ctx;
  const { query, result } = view;
  return (
    <div id={RESULTS_ID}>
      <p role="status">{t('common.results', { count: result.total })}</p>
      {result.items.length === 0 ? (
        <p>{t('common.noResults')}</p>
      ) : (
        <table>
          <caption>{t('staff.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.col.name')}</th>
              <th scope="col">{t('staff.col.title')}</th>
              <th scope="col">{t('staff.col.body')}</th>
              <th scope="col">{t('staff.col.unit')}</th>
              <th scope="col">{t('staff.col.rank')}</th>
              <th scope="col">{t('staff.col.birthYear')}</th>
              <th scope="col">{t('staff.col.citizenId')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((s) => (
              <tr>
                <th scope="row">
                  <a href={`/staff/${s.id}`}>{s.fullName}</a>
                </th>
                <td>{s.currentTitle ?? '—'}</td>
                <td>{s.orgBody ? s.orgBody.name || bodyKindLabel(t, s.orgBody.kind) : '—'}</td>
                <td>{s.unit.name}</td>
                <td>{rankLabel(t, s.rank)}</td>
                <td>{s.birthDate?.slice(0, 4) ?? '—'}</td>
                <td>
                  <code>{s.citizenId ?? t('common.masked')}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        ctx={ctx}
        base="/staff"
        params={{
          q: query.q,
          rank: query.rank,
          unitId: query.unitId,
          orgBodyId: query.orgBodyId,
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

/** A plain GET search form; htmx only makes it swap the results in place. */
export function StaffListPage({ ctx, view }: { ctx: ViewContext; view: StaffListView }) {
  const { t } = ctx;
  const { query } = view;
  return (
    <Layout ctx={ctx} title={t('staff.title')}>
      <h1>{t('staff.title')}</h1>
      <search>
        <form
          method="get"
          action="/staff"
          class="filters"
          hx-get="/staff"
          hx-target={`#${RESULTS_ID}`}
          hx-swap="outerHTML"
          hx-push-url="true"
          hx-trigger="submit, input changed delay:400ms from:#staff-q, change from:#staff-rank, change from:#staff-unit"
        >
          <label for="staff-q">
            {t('staff.search')}
            <input id="staff-q" type="search" name="q" value={query.q ?? ''} maxLength={100} autocomplete="off" />
          </label>
          <label for="staff-rank">
            {t('staff.filter.rank')}
            <select id="staff-rank" name="rank">
              <option value="">{t('staff.filter.rankAll')}</option>
              {RANKS.map((r) => (
                <option value={r} selected={query.rank === r}>
                  {rankLabel(t, r)}
                </option>
              ))}
            </select>
          </label>
          {view.units.length > 0 && (
            <label for="staff-unit">
              {t('staff.filter.unit')}
              <select id="staff-unit" name="unitId">
                <option value="">{t('staff.filter.unitAll')}</option>
                {view.units.map((u) => (
                  <option value={String(u.id)} selected={query.unitId === u.id}>
                    {u.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          {query.orgBodyId !== undefined && <input type="hidden" name="orgBodyId" value={String(query.orgBodyId)} />}
          <button type="submit">{t('common.search')}</button>
        </form>
      </search>
      <p class="muted">{t('staff.listMaskedNote')}</p>
      <StaffResults ctx={ctx} view={view} />
    </Layout>
  );
}
