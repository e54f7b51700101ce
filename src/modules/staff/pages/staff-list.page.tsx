import { roleHas } from '../../../platform/auth/roles.ts';
import { Layout } from '../../../platform/html/layout.tsx';
import { Pager } from '../../../platform/html/pager.tsx';
import { optionsOf, type SearchField, SearchForm } from '../../../platform/html/search-form.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { bodyKindLabel } from '../../units/units.labels.ts';
import { employmentLabel, rankLabel } from '../staff.labels.ts';
import { EMPLOYMENT_STATUSES, RANKS, type StaffListQuery, type StaffListResponse } from '../staff.schemas.ts';

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
          status: query.status,
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

/** Export buttons carrying the current filters, and the import link for roles that may import. */
function ExportLinks({ ctx, query }: { ctx: ViewContext; query: StaffListQuery }) {
  const { t } = ctx;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({
    q: query.q,
    rank: query.rank,
    status: query.status,
    unitId: query.unitId,
    orgBodyId: query.orgBodyId,
  })) {
    if (v !== undefined && v !== '') params.set(k, String(v));
  }
  const qs = params.size > 0 ? `?${params.toString()}` : '';
  return (
    <p class="actions">
      <a class="button" href={`/api/v1/staff/export.xlsx${qs}`} download>
        {t('roster.export.xlsx')}
      </a>{' '}
      <a class="button" href={`/api/v1/staff/export.pdf${qs}`} download>
        {t('roster.export.pdf')}
      </a>
      {ctx.actor && roleHas(ctx.actor.role, 'staff.import') && (
        <>
          {' '}
          <a class="button" href="/staff/import">
            {t('roster.import.link')}
          </a>
        </>
      )}
    </p>
  );
}

/** A plain GET search form; htmx only makes it swap the results in place. */
export function StaffListPage({ ctx, view }: { ctx: ViewContext; view: StaffListView }) {
  const { t } = ctx;
  const { query } = view;
  const ranks = optionsOf(RANKS, (r) => rankLabel(t, r));
  const statuses = optionsOf(EMPLOYMENT_STATUSES, (s) => employmentLabel(t, s));
  const units = view.units.map((u) => ({ value: u.id, label: u.name }));
  const filters: SearchField<keyof StaffListQuery>[] = [
    { type: 'search', name: 'q', label: 'staff.search' },
    { type: 'select', name: 'rank', label: 'staff.filter.rank', all: 'staff.filter.rankAll', options: ranks },
    { type: 'select', name: 'status', label: 'staff.filter.status', all: 'staff.filter.statusAll', options: statuses },
    { type: 'select', name: 'unitId', id: 'unit', label: 'staff.filter.unit', all: 'staff.filter.unitAll', options: units },
    { type: 'hidden', name: 'orgBodyId' },
  ];
  return (
    <Layout ctx={ctx} title={t('staff.title')}>
      <h1>{t('staff.title')}</h1>
      <SearchForm ctx={ctx} action="/staff" idPrefix="staff" fields={filters} values={query} results={RESULTS_ID} />
      <p class="muted">{t('staff.listMaskedNote')}</p>
      <ExportLinks ctx={ctx} query={query} />
      <StaffResults ctx={ctx} view={view} />
    </Layout>
  );
}
