import { roleHas } from '../../../platform/auth/roles.ts';
import { barChartSvg } from '../../../platform/charts/bar-chart.ts';
import { lineChartSvg } from '../../../platform/charts/line-chart.ts';
import { Layout } from '../../../platform/html/layout.tsx';
import { pageHref } from '../../../platform/html/pager.tsx';
import { TrustedHtml } from '../../../platform/html/raw.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { RATING_BANDS } from '../../../platform/rules/defaults/scorecard-766.config.ts';
import { formatDate, formatNumber } from '../../../platform/time/format.ts';
import {
  OVERVIEW_KINDS,
  type OverviewQuery,
  type OverviewResponse,
  type OverviewSort,
  type OverviewUnit,
  SIZE_BANDS,
} from '../overview.schemas.ts';
import { AlertsPanel, DASH, dec, Fig, fieldLabel, pct, TrendArrow } from './overview-parts.tsx';

/**
 * /overview: for province roles one table of every unit (sortable by any column through links,
 * filtered by kind, mountainous and size, paged), the alerts and three server-rendered charts;
 * for a commune leader their own unit with its fields and staff categories as rows. Every
 * figure links to the page that explains it.
 */

const COLUMNS: { sort: OverviewSort; label: string }[] = [
  { sort: 'name', label: 'overview.col.unit' },
  { sort: 'score', label: 'overview.col.score' },
  { sort: 'onTime', label: 'overview.col.onTime' },
  { sort: 'online', label: 'overview.col.online' },
  { sort: 'satisfaction', label: 'overview.col.satisfaction' },
  { sort: 'backlog', label: 'overview.col.backlog' },
  { sort: 'overdue', label: 'overview.col.overdue' },
  { sort: 'norm', label: 'overview.col.norm' },
  { sort: 'wisn', label: 'overview.col.wisn' },
  { sort: 'fit', label: 'overview.col.fit' },
  { sort: 'training', label: 'overview.col.training' },
];

/** The query a link keeps (period and filters), without sort and page. */
function keptParams(q: OverviewQuery): Record<string, string | number | undefined> {
  return { period: q.period, year: q.year, month: q.month, quarter: q.quarter, kind: q.kind, mountainous: q.mountainous, size: q.size };
}

function SortHeader({ ctx, q, col }: { ctx: ViewContext; q: OverviewQuery; col: (typeof COLUMNS)[number] }) {
  const current = (q.sort ?? 'score') === col.sort;
  const dir = q.dir ?? 'asc';
  const next = current && dir === 'asc' ? 'desc' : 'asc';
  const label = ctx.t(col.label as Parameters<typeof ctx.t>[0]);
  const href = pageHref(
    '/overview',
    { ...keptParams(q), sort: col.sort, dir: next, pageSize: q.pageSize === 20 ? undefined : q.pageSize },
    1,
  );
  return (
    <th scope="col" aria-sort={current ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={href} aria-label={ctx.t('overview.sortBy', { column: label })}>
        {label}
        {current ? (dir === 'asc' ? ' ↑' : ' ↓') : ''}
      </a>
    </th>
  );
}

function Filters({ ctx, q, view }: { ctx: ViewContext; q: OverviewQuery; view: OverviewResponse }) {
  const { t } = ctx;
  const year = Number(view.from.slice(0, 4));
  const month = Number(view.from.slice(5, 7));
  const period = q.period ?? 'month';
  return (
    <search>
      <form method="get" action="/overview" class="filters" aria-label={t('overview.filter.title')}>
        <label for="o-period">
          {t('overview.filter.period')}
          <select id="o-period" name="period">
            <option value="month" selected={period === 'month'}>
              {t('overview.period.month')}
            </option>
            <option value="quarter" selected={period === 'quarter'}>
              {t('overview.period.quarter')}
            </option>
          </select>
        </label>
        <label for="o-year">
          {t('overview.filter.year')}
          <input id="o-year" name="year" type="number" min="2000" max="2100" value={String(year)} />
        </label>
        <label for="o-month">
          {t('overview.filter.month')}
          <input id="o-month" name="month" type="number" min="1" max="12" value={period === 'month' ? String(month) : ''} />
        </label>
        <label for="o-quarter">
          {t('overview.filter.quarter')}
          <input
            id="o-quarter"
            name="quarter"
            type="number"
            min="1"
            max="4"
            value={period === 'quarter' ? String(Math.ceil(month / 3)) : ''}
          />
        </label>
        {view.scope === 'province' ? (
          <>
            <label for="o-kind">
              {t('overview.filter.kind')}
              <select id="o-kind" name="kind">
                <option value="">{t('overview.filter.all')}</option>
                {OVERVIEW_KINDS.map((k) => (
                  <option value={k} selected={q.kind === k}>
                    {t(`unitKind.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label for="o-mountainous">
              {t('overview.filter.mountainous')}
              <select id="o-mountainous" name="mountainous">
                <option value="">{t('overview.filter.all')}</option>
                <option value="yes" selected={q.mountainous === 'yes'}>
                  {t('overview.filter.yes')}
                </option>
                <option value="no" selected={q.mountainous === 'no'}>
                  {t('overview.filter.no')}
                </option>
              </select>
            </label>
            <label for="o-size">
              {t('overview.filter.size')}
              <select id="o-size" name="size">
                <option value="">{t('overview.filter.all')}</option>
                {SIZE_BANDS.map((s) => (
                  <option value={s} selected={q.size === s}>
                    {t(`overview.size.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            {q.sort ? <input type="hidden" name="sort" value={q.sort} /> : null}
            {q.dir ? <input type="hidden" name="dir" value={q.dir} /> : null}
          </>
        ) : null}
        <button type="submit">{t('common.filter')}</button>
      </form>
    </search>
  );
}

function UnitCells({ ctx, u }: { ctx: ViewContext; u: OverviewUnit }) {
  const { t, locale } = ctx;
  const short = u.shortFields.map((f) => fieldLabel(t, f.field)).join(', ');
  return (
    <>
      <td class="num">
        <Fig href={u.links.scorecard}>
          {dec(u.score, locale, 2)}
          {u.complete ? '' : '*'}
        </Fig>
        <TrendArrow ctx={ctx} trend={u.scoreTrend} /> <span class="muted">{t(`scorecard.band.${u.band}`)}</span>
      </td>
      <td class="num">
        <Fig href={u.links.scorecard}>{pct(u.onTimeShare, locale)}</Fig>
        <TrendArrow ctx={ctx} trend={u.onTimeTrend} />
      </td>
      <td class="num">
        <Fig href={u.links.scorecard}>{pct(u.onlineShare, locale)}</Fig>
      </td>
      <td class="num">
        <Fig href={u.links.scorecard}>{pct(u.satisfaction, locale)}</Fig>
      </td>
      <td class="num">
        <Fig href={u.links.statistics}>{formatNumber(u.backlog, locale)}</Fig>
      </td>
      <td class="num">
        <Fig href={u.links.overdue}>{formatNumber(u.overdue, locale)}</Fig>
      </td>
      <td class="num">
        <Fig href={u.links.norm}>
          {u.headcount ?? DASH}/{u.norm ?? DASH}
        </Fig>
      </td>
      <td class="num">
        <Fig href={u.links.wisn}>{dec(u.wisnRatio, locale, 2)}</Fig>
        {short ? <span class="muted"> {t('overview.short', { fields: short })}</span> : null}
      </td>
      <td class="num">
        <Fig href={u.links.fit}>{pct(u.fitShare, locale)}</Fig>
        {u.gaps.length ? <span class="muted"> {u.gaps.map((g) => (locale === 'vi' ? g.nameVi : g.nameEn)).join(', ')}</span> : null}
      </td>
      <td class="num">
        <Fig href={u.links.training}>
          {!u.training
            ? t('overview.training.noPlan')
            : u.training.planned === 0
              ? t('overview.training.nothingPlanned')
              : `${pct(u.training.share, locale)} (${u.training.completed}/${u.training.planned})`}
        </Fig>
      </td>
    </>
  );
}

function UnitTable({ ctx, q, view }: { ctx: ViewContext; q: OverviewQuery; view: OverviewResponse }) {
  const { t } = ctx;
  const last = Math.max(1, Math.ceil(view.total / view.pageSize));
  const params = { ...keptParams(q), sort: q.sort, dir: q.dir, pageSize: q.pageSize === 20 ? undefined : q.pageSize };
  return (
    <section aria-labelledby="units-title">
      <h2 id="units-title">{t('overview.units.title', { count: view.total })}</h2>
      <div class="table-scroll">
        <table class="overview-table">
          <caption class="muted">{t('overview.units.caption')}</caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <SortHeader ctx={ctx} q={q} col={c} />
              ))}
            </tr>
          </thead>
          <tbody>
            {view.units.map((u) => (
              <tr>
                <th scope="row">
                  {u.name}
                  {u.isMountainous ? <span class="muted"> ⛰</span> : null}
                </th>
                <UnitCells ctx={ctx} u={u} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {last > 1 ? (
        <nav class="pager" aria-label={t('common.page', { page: view.page })}>
          {view.page > 1 ? (
            <a href={pageHref('/overview', params, view.page - 1)} rel="prev">
              {t('common.previous')}
            </a>
          ) : null}
          <span>
            {t('common.page', { page: view.page })} / {last}
          </span>
          {view.page < last ? (
            <a href={pageHref('/overview', params, view.page + 1)} rel="next">
              {t('common.next')}
            </a>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

function Charts({ ctx, view }: { ctx: ViewContext; view: OverviewResponse }) {
  const { t } = ctx;
  const charts: { title: string; svg: string }[] = [];
  if (view.scope === 'province')
    charts.push({
      title: t('overview.chart.bands'),
      svg: barChartSvg({
        title: t('overview.chart.bands'),
        labels: RATING_BANDS.map((b) => t(`scorecard.band.${b}`)),
        values: RATING_BANDS.map((b) => view.bands[b]),
        width: 420,
        height: 220,
      }),
    });
  charts.push({
    title: t('overview.chart.trend'),
    svg: lineChartSvg({
      title: t('overview.chart.trend'),
      labels: view.trend.map((m) => m.from.slice(0, 7)),
      series: [
        { name: t('overview.col.score'), values: view.trend.map((m) => Math.round(m.score * 10) / 10), color: '#1d4f91' },
        {
          name: t('overview.col.onTime'),
          values: view.trend.map((m) => (m.onTimeShare === null ? null : Math.round(m.onTimeShare * 1000) / 10)),
          color: '#8a4b00',
          dashed: true,
        },
      ],
      width: 520,
      height: 240,
    }),
  });
  const gaps = view.fieldGaps.slice(0, 6);
  if (gaps.length > 0)
    charts.push({
      title: t('overview.chart.fieldGaps'),
      svg: barChartSvg({
        title: t('overview.chart.fieldGaps'),
        labels: gaps.map((g) => fieldLabel(t, g.field).slice(0, 14)),
        values: gaps.map((g) => Math.round(g.gap * 10) / 10),
        width: 520,
        height: 220,
      }),
    });
  return (
    <section aria-labelledby="charts-title">
      <h2 id="charts-title">{t('overview.charts.title')}</h2>
      {charts.map((c) => (
        <figure class="chart" aria-label={c.title}>
          {/* Trusted: SVG rendered server-side by ECharts from our own numbers and translated labels. */}
          <TrustedHtml html={c.svg} as="span" />
        </figure>
      ))}
    </section>
  );
}

function CommuneTables({ ctx, view }: { ctx: ViewContext; view: OverviewResponse }) {
  const { t, locale } = ctx;
  const u = view.units[0];
  return (
    <>
      {u ? (
        <section aria-labelledby="unit-title">
          <h2 id="unit-title">{t('overview.unit.figures')}</h2>
          <div class="table-scroll">
            <table class="overview-table">
              <thead>
                <tr>
                  {COLUMNS.slice(1).map((c) => (
                    <th scope="col">{t(c.label as Parameters<typeof t>[0])}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  <UnitCells ctx={ctx} u={u} />
                </tr>
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section aria-labelledby="fields-title">
        <h2 id="fields-title">{t('overview.fields.title')}</h2>
        {view.fields.length === 0 ? (
          <p>{t('overview.fields.none')}</p>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('overview.fields.field')}</th>
                  <th scope="col">{t('overview.fields.department')}</th>
                  <th scope="col">{t('overview.fields.received')}</th>
                  <th scope="col">{t('overview.fields.finished')}</th>
                  <th scope="col">{t('overview.col.onTime')}</th>
                  <th scope="col">{t('overview.col.backlog')}</th>
                  <th scope="col">{t('overview.col.overdue')}</th>
                </tr>
              </thead>
              <tbody>
                {view.fields.map((f) => (
                  <tr>
                    <th scope="row">{fieldLabel(t, f.field)}</th>
                    <td>{f.department ?? DASH}</td>
                    <td class="num">{formatNumber(f.received, locale)}</td>
                    <td class="num">{formatNumber(f.finished, locale)}</td>
                    <td class="num">{pct(f.onTimeShare, locale)}</td>
                    <td class="num">
                      <Fig href={u?.links.statistics ?? null}>{formatNumber(f.backlog, locale)}</Fig>
                    </td>
                    <td class="num">
                      <Fig href={u?.links.overdue ?? null}>{formatNumber(f.overdue, locale)}</Fig>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="categories-title">
        <h2 id="categories-title">{t('overview.categories.title')}</h2>
        {view.categories.length === 0 ? (
          <p>{t('overview.categories.none')}</p>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('overview.categories.category')}</th>
                  <th scope="col">{t('overview.categories.need')}</th>
                  <th scope="col">{t('overview.col.wisn')}</th>
                  <th scope="col">{t('overview.col.fit')}</th>
                  <th scope="col">{t('overview.categories.gaps')}</th>
                </tr>
              </thead>
              <tbody>
                {view.categories.map((c) => (
                  <tr>
                    <th scope="row">{fieldLabel(t, c.field)}</th>
                    <td class="num">
                      {dec(c.wisnActual, locale)}/{dec(c.wisnRequired, locale, 2)}
                    </td>
                    <td class="num">
                      <Fig href={c.links.wisn}>{dec(c.wisnRatio, locale, 2)}</Fig>
                    </td>
                    <td class="num">
                      <Fig href={c.links.fit}>{pct(c.fitShare, locale)}</Fig> <span class="muted">({c.fitPlaced})</span>
                    </td>
                    <td>{c.gaps.map((g) => `${locale === 'vi' ? g.nameVi : g.nameEn} (${g.staffBelow})`).join(', ') || DASH}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export function OverviewPage({
  ctx,
  q,
  view,
  unitName,
}: {
  ctx: ViewContext;
  q: OverviewQuery;
  view: OverviewResponse;
  unitName: string | null;
}) {
  const { t } = ctx;
  const title = view.scope === 'province' ? t('overview.title') : t('overview.titleUnit', { unit: unitName ?? '' });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {ctx.actor && roleHas(ctx.actor.role, 'reports.read') && (
        <p>
          <a href="/reports">{t('nav.reports')}</a>
        </p>
      )}
      <p>
        {t('overview.intro', {
          from: formatDate(view.from),
          to: formatDate(lastDay(view.to)),
          prevFrom: formatDate(view.previous.from),
          prevTo: formatDate(lastDay(view.previous.to)),
        })}
      </p>
      <Filters ctx={ctx} q={q} view={view} />
      <AlertsPanel ctx={ctx} view={view} />
      {view.scope === 'province' ? <UnitTable ctx={ctx} q={q} view={view} /> : <CommuneTables ctx={ctx} view={view} />}
      <p class="muted">{t('overview.notes')}</p>
      <Charts ctx={ctx} view={view} />
    </Layout>
  );
}

/** The last day of an exclusive range end, for printing. */
function lastDay(to: string): string {
  const d = new Date(`${to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
