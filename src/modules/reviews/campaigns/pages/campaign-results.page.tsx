import { barChartSvg } from '../../../../platform/charts/bar-chart.ts';
import { Layout } from '../../../../platform/html/layout.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatNumber } from '../../../../platform/time/format.ts';
import { localised } from '../../../competencies/competencies.labels.ts';
import { campaignStatusLabel } from '../../reviews.labels.ts';
import { groupLabel, lineLabel, outcomeLabel, RATING_COLUMNS, ratingLabel } from '../results-export.ts';
import type { Dashboard, DistributionLine } from '../use-cases/dashboard.ts';
import { ChartFigure, stackedBarSvg } from './parts.tsx';

/** Bars one chart shows (the biggest groups); the table below it lists up to TABLE_ROWS, the XLSX all. */
const CHART_BARS = 12;
const TABLE_ROWS = 60;

function Distribution({
  ctx,
  id,
  title,
  dimension,
  lines,
}: {
  ctx: ViewContext;
  id: string;
  title: string;
  dimension: 'unit' | 'body' | 'field';
  lines: readonly DistributionLine[];
}) {
  const { t, locale } = ctx;
  if (lines.length === 0) return null;
  const charted = lines.slice(0, CHART_BARS);
  const svg = stackedBarSvg({
    title,
    labels: charted.map((l) => lineLabel(t, dimension, l)),
    series: RATING_COLUMNS.map((r) => ({ name: ratingLabel(t, r === 'UNRATED' ? null : r), values: charted.map((l) => l.counts[r]) })),
  });
  const shown = lines.slice(0, TABLE_ROWS);
  const tableId = `${id}-table`;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <ChartFigure
        svg={svg}
        tableId={tableId}
        label={title}
        caption={t('reviewCampaigns.results.chartCaption', { shown: charted.length, total: lines.length })}
      />
      <div class="table-scroll">
        <table id={tableId}>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t(`reviewCampaigns.results.dim.${dimension}`)}</th>
              {RATING_COLUMNS.map((r) => (
                <th scope="col">{ratingLabel(t, r === 'UNRATED' ? null : r)}</th>
              ))}
              <th scope="col">{t('reviewCampaigns.results.total')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((l) => (
              <tr>
                <th scope="row">{lineLabel(t, dimension, l)}</th>
                {RATING_COLUMNS.map((r) => (
                  <td>{formatNumber(l.counts[r], locale)}</td>
                ))}
                <td>{formatNumber(l.total, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length < lines.length && <p>{t('reviewCampaigns.results.moreInXlsx', { shown: shown.length, total: lines.length })}</p>}
    </section>
  );
}

export function CampaignResultsPage({ ctx, d }: { ctx: ViewContext; d: Dashboard }) {
  const { t, locale } = ctx;
  const c = d.campaign;
  const unitName = d.unitId === null ? null : (d.units.find((u) => u.id === d.unitId)?.name ?? String(d.unitId));
  const screeningSvg =
    d.screening.some((s) => s.outcome !== null) &&
    barChartSvg({
      title: t('reviewCampaigns.results.screening'),
      labels: d.screening.map((s) => outcomeLabel(t, s.outcome)),
      values: d.screening.map((s) => s.n),
      width: 640,
    });
  const gapSvg =
    d.gaps.length > 0 &&
    barChartSvg({
      title: t('reviewCampaigns.results.gaps'),
      labels: d.gaps.map((g) => g.competencyCode),
      values: d.gaps.map((g) => g.people),
      width: 640,
    });
  const exportQuery = d.unitId !== null && d.canFilter ? `?unit=${d.unitId}` : '';
  const violations = d.quota.filter((q) => q.violates);
  return (
    <Layout ctx={ctx} title={`${t('reviewCampaigns.results.title')} – ${c.name}`}>
      <p>
        <a href={`/reviews/campaigns/${c.id}`}>{c.name}</a>
      </p>
      <h1>{t('reviewCampaigns.results.title')}</h1>
      <p>
        {c.name} ({c.year}) · {campaignStatusLabel(t, c.status)} · {t('reviewCampaigns.detail.participants')}:{' '}
        {formatNumber(d.participants, locale)}
        {unitName && ` · ${t('reviewCampaigns.results.unitOnly', { unit: unitName })}`}
      </p>
      {d.canFilter && (
        <search>
          <form method="get" action={`/reviews/campaigns/${c.id}/results`} class="filters" aria-label={t('reviewCampaigns.results.filter')}>
            <label for="results-unit">
              {t('reviewCampaigns.export.col.unit')}
              <select id="results-unit" name="unit">
                <option value="">{t('reviewCampaigns.results.allUnits')}</option>
                {d.units.map((u) => (
                  <option value={String(u.id)} selected={u.id === d.unitId}>
                    {u.name} ({u.n})
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t('common.filter')}</button>
          </form>
        </search>
      )}
      <p>
        <a class="button" href={`/api/v1/review-campaigns/${c.id}/results.xlsx${exportQuery}`} download>
          {t('reviewCampaigns.results.downloadXlsx')}
        </a>{' '}
        <a class="button" href={`/api/v1/review-campaigns/${c.id}/results.pdf${exportQuery}`} download>
          {t('reviewCampaigns.results.downloadPdf')}
        </a>
      </p>

      <section aria-labelledby="quota-title">
        <h2 id="quota-title">{t('reviewCampaigns.results.quota')}</h2>
        <p class={violations.length > 0 ? 'alert error' : 'alert ok'} role="status">
          {violations.length > 0
            ? t('reviewCampaigns.results.quotaViolations', { count: violations.length })
            : t('reviewCampaigns.results.quotaOk')}
        </p>
        {d.quota.length > 0 && (
          <div class="table-scroll">
            <table>
              <caption>{t('reviewCampaigns.results.quotaCaption', { version: d.quotaConfigVersion })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reviewCampaigns.results.col.agency')}</th>
                  <th scope="col">{t('reviewCampaigns.export.col.group')}</th>
                  <th scope="col">{t('reviewCampaigns.results.col.excellent')}</th>
                  <th scope="col">{t('reviewCampaigns.results.col.allowed')}</th>
                  <th scope="col">{t('reviewCampaigns.results.col.good')}</th>
                  <th scope="col">{t('reviewCampaigns.results.col.verdict')}</th>
                </tr>
              </thead>
              <tbody>
                {d.quota.slice(0, TABLE_ROWS).map((q) => (
                  <tr>
                    <th scope="row">{q.agency.name}</th>
                    <td>{groupLabel(t, q.positionGroup)}</td>
                    <td>{q.excellentCount}</td>
                    <td>{q.allowed}</td>
                    <td>{q.goodCount}</td>
                    <td>
                      {q.violates ? <strong>⚠ {t('reviewCampaigns.results.quotaOver')}</strong> : t('reviewCampaigns.results.quotaWithin')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <Distribution ctx={ctx} id="by-unit" title={t('reviewCampaigns.results.byUnit')} dimension="unit" lines={d.byUnit} />
      <Distribution ctx={ctx} id="by-body" title={t('reviewCampaigns.results.byBody')} dimension="body" lines={d.byBody} />
      <Distribution ctx={ctx} id="by-field" title={t('reviewCampaigns.results.byField')} dimension="field" lines={d.byField} />

      <section aria-labelledby="screening-title">
        <h2 id="screening-title">{t('reviewCampaigns.results.screening')}</h2>
        {screeningSvg && (
          <ChartFigure
            svg={screeningSvg}
            tableId="screening-table"
            label={t('reviewCampaigns.results.screening')}
            caption={t('reviewCampaigns.results.tableBelow')}
          />
        )}
        <table id="screening-table">
          <caption>{t('reviewCampaigns.results.screening')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reviewCampaigns.export.col.screening')}</th>
              <th scope="col">{t('reviewCampaigns.results.col.people')}</th>
            </tr>
          </thead>
          <tbody>
            {d.screening.map((s) => (
              <tr>
                <th scope="row">{outcomeLabel(t, s.outcome)}</th>
                <td>{formatNumber(s.n, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="gaps-title">
        <h2 id="gaps-title">{t('reviewCampaigns.results.gaps')}</h2>
        {d.gaps.length === 0 ? (
          <p>{t('reviewCampaigns.results.noGaps')}</p>
        ) : (
          <>
            {gapSvg && (
              <ChartFigure
                svg={gapSvg}
                tableId="gaps-table"
                label={t('reviewCampaigns.results.gaps')}
                caption={t('reviewCampaigns.results.gapsCaption')}
              />
            )}
            <div class="table-scroll">
              <table id="gaps-table">
                <caption>{t('reviewCampaigns.results.gapsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('reviewCampaigns.results.col.competency')}</th>
                    <th scope="col">{t('reviewCampaigns.results.col.people')}</th>
                    <th scope="col">{t('reviewCampaigns.results.col.assessed')}</th>
                    <th scope="col">{t('reviewCampaigns.results.col.meanShortfall')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.gaps.map((g) => (
                    <tr>
                      <th scope="row">
                        <code>{g.competencyCode}</code>
                        {g.nameVi && ` – ${localised(locale, g.nameVi, g.nameEn ?? g.nameVi)}`}
                      </th>
                      <td>{formatNumber(g.people, locale)}</td>
                      <td>{formatNumber(g.assessed, locale)}</td>
                      <td>{formatNumber(g.meanShortfall, locale, 2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </Layout>
  );
}
