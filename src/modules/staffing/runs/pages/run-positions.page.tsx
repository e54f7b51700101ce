import { Layout } from '../../../../platform/html/layout.tsx';
import { pageHref } from '../../../../platform/html/pager.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatDate, formatNumber } from '../../../../platform/time/format.ts';
import { fieldLabel } from '../../../units/units.labels.ts';
import type { StaffingRun } from '../run.schemas.ts';
import type { PositionRow } from './position-view.ts';
import { Legend, RunLineFilters, ratioText, runHref, signedText, staffText, statusLabel } from './run.page.tsx';
import { type LineFilter, STATUS_CLASS, STATUS_ICON } from './run-view.ts';

export type RunPositionsView = {
  run: StaffingRun;
  onDate: string;
  filter: LineFilter;
  /** The page's rows, and how many there are over every page. */
  rows: PositionRow[];
  page: number;
  pageSize: number;
  total: number;
};

export const positionsHref = (id: number) => `/staffing/runs/${id}/positions`;

function filterParams(f: LineFilter): Record<string, string | undefined> {
  return { unitId: f.unitId === undefined ? undefined : String(f.unitId), field: f.field, status: f.status };
}

function query(f: LineFilter): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filterParams(f))) if (v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** "By field" / "By job position": plain links, the current one marked (the same filter carried over). */
export function RunViewTabs({
  ctx,
  runId,
  current,
  filter,
}: {
  ctx: ViewContext;
  runId: number;
  current: 'fields' | 'positions';
  filter: LineFilter;
}) {
  const { t } = ctx;
  const q = query(filter);
  return (
    <nav aria-label={t('staffingPositions.tabs')} class="tabs">
      <a href={`${runHref(runId)}${q}`} aria-current={current === 'fields' ? 'page' : undefined}>
        {t('staffingPositions.tabFields')}
      </a>
      {' · '}
      <a href={`${positionsHref(runId)}${q}`} aria-current={current === 'positions' ? 'page' : undefined}>
        {t('staffingPositions.tabPositions')}
      </a>
    </nav>
  );
}

/** Rows of one unit × field share the unit and field cells' text; numbers are rounded for display only. */
function Table({ ctx, view }: { ctx: ViewContext; view: RunPositionsView }) {
  const { t, locale } = ctx;
  if (view.rows.length === 0) return <p class="alert">{t('staffingPositions.empty')}</p>;
  const anyDiffers = view.rows.some((r) => r.differsFromRun);
  return (
    <div class="table-scroll">
      <table class="ws-matrix">
        <caption>{t('staffingPositions.caption', { id: view.run.id, total: view.total })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staffingReport.col.unit')}</th>
            <th scope="col">{t('staffingReport.col.field')}</th>
            <th scope="col">{t('staffingPositions.col.position')}</th>
            <th scope="col">{t('staffingReport.col.status')}</th>
            <th scope="col">{t('staffingPositions.col.required')}</th>
            <th scope="col">{t('staffingReport.col.actual')}</th>
            <th scope="col">{t('staffingReport.col.difference')}</th>
            <th scope="col">{t('staffingReport.col.ratio')}</th>
            <th scope="col">{t('staffingPositions.col.share')}</th>
            <th scope="col">{t('staffingPositions.col.line')}</th>
          </tr>
        </thead>
        <tbody>
          {view.rows.map((r) => (
            <tr>
              <td>{r.unitName}</td>
              <td>{fieldLabel(t, r.field)}</td>
              <th scope="row">
                {r.positionName === null ? t('staffingPositions.noPosition') : `${r.positionName} (${r.positionCode})`}
                {r.differsFromRun ? (
                  <span title={t('staffingPositions.differs', { holders: r.lineHolders, actual: r.lineActual })}> *</span>
                ) : null}
              </th>
              <td class={STATUS_CLASS[r.status]}>
                <span aria-hidden="true">{STATUS_ICON[r.status]}</span> {statusLabel(t, r.status)}
              </td>
              <td class="num">{r.required === null ? '–' : staffText(r.required, locale)}</td>
              <td class="num">{staffText(r.actual, locale)}</td>
              <td class="num">{r.difference === null ? '–' : signedText(r.difference, locale)}</td>
              <td class="num">{ratioText(r.ratio, locale)}</td>
              <td class="num">{`${formatNumber(r.share * 100, locale, 0)} %`}</td>
              <td>
                <a href={`${runHref(view.run.id)}/units/${r.unitId}/fields/${encodeURIComponent(r.field)}`}>
                  {t('staffingPositions.open')}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {anyDiffers ? <p class="muted">{t('staffingPositions.differsNote')}</p> : null}
    </div>
  );
}

/** Plain previous / next links (no JavaScript needed), the filter kept. */
function PageLinks({ ctx, view }: { ctx: ViewContext; view: RunPositionsView }) {
  const { t } = ctx;
  const last = Math.max(1, Math.ceil(view.total / view.pageSize));
  if (last <= 1) return null;
  const href = (p: number) => pageHref(positionsHref(view.run.id), filterParams(view.filter), p);
  return (
    <nav class="pager" aria-label={t('common.page', { page: view.page })}>
      {view.page > 1 && (
        <a href={href(view.page - 1)} rel="prev">
          {t('common.previous')}
        </a>
      )}
      <span>
        {t('common.page', { page: view.page })} / {last}
      </span>
      {view.page < last && (
        <a href={href(view.page + 1)} rel="next">
          {t('common.next')}
        </a>
      )}
    </nav>
  );
}

/** /staffing/runs/:id/positions: the shortage and surplus table by unit × job position (derived; see position-view.ts). */
export function RunPositionsPage({ ctx, view }: { ctx: ViewContext; view: RunPositionsView }) {
  const { t } = ctx;
  const q = query(view.filter);
  return (
    <Layout ctx={ctx} title={t('staffingPositions.title', { id: view.run.id })}>
      <p>
        <a href={runHref(view.run.id)}>{t('staffingReport.run.title', { id: view.run.id })}</a>
      </p>
      <h1>{t('staffingPositions.title', { id: view.run.id })}</h1>
      <RunViewTabs ctx={ctx} runId={view.run.id} current="positions" filter={view.filter} />
      <p>{t('staffingPositions.rule', { date: formatDate(view.onDate) })}</p>
      <p>
        <a class="button" href={`${runHref(view.run.id)}/export.xlsx${q}`} download>
          {t('staffingReport.export.xlsx')}
        </a>
      </p>
      <RunLineFilters ctx={ctx} action={positionsHref(view.run.id)} lines={view.run.lines} filter={view.filter} idPrefix="p" />
      <Legend ctx={ctx} />
      <Table ctx={ctx} view={view} />
      <PageLinks ctx={ctx} view={view} />
    </Layout>
  );
}
