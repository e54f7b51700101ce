import { lineChartSvg } from '../../../../platform/charts/line-chart.ts';
import type { FieldProblem } from '../../../../platform/errors/app-error.ts';
import { Layout } from '../../../../platform/html/layout.tsx';
import { TrustedHtml } from '../../../../platform/html/raw.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { formatNumber } from '../../../../platform/time/format.ts';
import { fieldLabel } from '../../../units/units.labels.ts';
import type { Projection, ProjectionQuery, UnitProjection } from '../projection.schemas.ts';

export const projectionPath = (runId: number) => `/staffing/runs/${runId}/projection`;

export type ProjectionView = {
  runId: number;
  query: ProjectionQuery;
  projection: Projection | null;
  /** Lever problems (400): the form is shown again with the values typed. */
  problems: FieldProblem[];
};

/** Staff figures to 2 decimals, as WISN studies print them (domain.md §10.2). */
const staff = (n: number | null, locale: string) => (n === null ? '—' : formatNumber(n, locale, 2));

function hrefWith(view: ProjectionView, unitId: number | undefined): string {
  const p = new URLSearchParams();
  for (const k of ['onlineShare', 'population', 'moves'] as const) {
    const v = view.query[k];
    if (v !== undefined && v.trim() !== '') p.set(k, v);
  }
  if (unitId !== undefined) p.set('unitId', String(unitId));
  const qs = p.toString();
  return qs ? `${projectionPath(view.runId)}?${qs}` : projectionPath(view.runId);
}

function LeverForm({ ctx, view }: { ctx: ViewContext; view: ProjectionView }) {
  const { t } = ctx;
  const q = view.query;
  return (
    <form method="get" action={projectionPath(view.runId)} class="stack" aria-labelledby="projection-levers">
      <h2 id="projection-levers">{t('staffingProjection.levers')}</h2>
      {q.unitId !== undefined && <input type="hidden" name="unitId" value={String(q.unitId)} />}
      <p>
        <label for="projection-onlineShare">{t('staffingProjection.onlineShare')}</label>
        <br />
        <input
          id="projection-onlineShare"
          name="onlineShare"
          inputmode="decimal"
          value={q.onlineShare ?? ''}
          aria-describedby="projection-onlineShare-hint"
        />
        <br />
        <small id="projection-onlineShare-hint">{t('staffingProjection.onlineShareHint')}</small>
      </p>
      <p>
        <label for="projection-population">{t('staffingProjection.population')}</label>
        <br />
        <input
          id="projection-population"
          name="population"
          inputmode="decimal"
          value={q.population ?? ''}
          aria-describedby="projection-population-hint"
        />
        <br />
        <small id="projection-population-hint">{t('staffingProjection.populationHint')}</small>
      </p>
      <p>
        <label for="projection-moves">{t('staffingProjection.moves')}</label>
        <br />
        <textarea id="projection-moves" name="moves" rows={3} cols={40} aria-describedby="projection-moves-hint">
          {q.moves ?? ''}
        </textarea>
        <br />
        <small id="projection-moves-hint">{t('staffingProjection.movesHint')}</small>
      </p>
      <p>
        <button type="submit">{t('staffingProjection.apply')}</button>
      </p>
    </form>
  );
}

function Problems({ ctx, problems }: { ctx: ViewContext; problems: FieldProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div class="alert error" role="alert" aria-labelledby="projection-errors-title">
      <h2 id="projection-errors-title">{ctx.t('staffingProjection.errorsTitle')}</h2>
      <ul>
        {problems.map((p) => (
          <li>
            <a href={`#projection-${p.path}`}>{p.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

function ProvinceChart({ ctx, projection }: { ctx: ViewContext; projection: Projection }) {
  const { t } = ctx;
  const years = projection.province.years;
  const svg = lineChartSvg({
    title: t('staffingProjection.chartTitle'),
    labels: years.map((y) => String(y.year)),
    series: [
      { name: t('staffingProjection.series.required'), values: years.map((y) => Number(y.requiredStaff.toFixed(2))), color: '#1d4f91' },
      { name: t('staffingProjection.series.headcount'), values: years.map((y) => y.headcount), color: '#2e7d32', labels: 'bottom' },
      { name: t('staffingProjection.series.norm'), values: years.map((y) => y.norm), color: '#8a4b00', dashed: true },
    ],
  });
  // Trusted: SVG generated on the server by ECharts from our own numbers and catalogue labels, styles stripped by cspSafeSvg.
  return <TrustedHtml html={svg} as="figure" />;
}

function UnitTable({ ctx, view, projection }: { ctx: ViewContext; view: ProjectionView; projection: Projection }) {
  const { t, locale } = ctx;
  return (
    <div class="table-scroll">
      <table>
        <caption>{t('staffingProjection.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staffingProjection.unit')}</th>
            {projection.years.map((y) => (
              <th scope="col">{y}</th>
            ))}
            <th scope="col">{t('staffingProjection.details')}</th>
          </tr>
        </thead>
        <tbody>
          {projection.units.map((u) => (
            <tr>
              <th scope="row">{u.unitName}</th>
              {u.years.map((y) => {
                const text = t('staffingProjection.cell', {
                  required: staff(y.requiredStaff, locale),
                  norm: y.norm === null ? t('staffingProjection.unknown') : formatNumber(y.norm, locale),
                  headcount: formatNumber(y.headcount, locale),
                });
                return <td class="num">{y.norm !== null && y.requiredStaff > y.norm ? <strong>{text}</strong> : text}</td>;
              })}
              <td>
                <a href={hrefWith(view, u.unitId)}>{t('staffingProjection.details')}</a>
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('staffingProjection.province')}</th>
            {projection.province.years.map((y) => (
              <td class="num">
                {t('staffingProjection.cell', {
                  required: staff(y.requiredStaff, locale),
                  norm: formatNumber(y.norm, locale),
                  headcount: formatNumber(y.headcount, locale),
                })}
              </td>
            ))}
            <td />
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function Trace({ lines }: { lines: { step: string; formula: string; values: string }[] }) {
  return (
    <ul>
      {lines.map((l) => (
        <li>
          <strong>{l.step}</strong>: <code>{l.formula}</code> — <code>{l.values}</code>
        </li>
      ))}
    </ul>
  );
}

/** Distinct colours for up to 12 categories (ColorBrewer Paired, dark first). */
const PALETTE = [
  '#1f78b4',
  '#33a02c',
  '#e31a1c',
  '#ff7f00',
  '#6a3d9a',
  '#b15928',
  '#a6cee3',
  '#b2df8a',
  '#fb9a99',
  '#fdbf6f',
  '#cab2d6',
  '#555555',
];

function Drill({ ctx, view, unit, years }: { ctx: ViewContext; view: ProjectionView; unit: UnitProjection; years: number[] }) {
  const { t, locale } = ctx;
  const chart = lineChartSvg({
    title: t('staffingProjection.drillTitle', { unit: unit.unitName }),
    labels: years.map(String),
    series: unit.categories.map((c, i) => ({
      name: fieldLabel(t, c.field),
      values: c.years.map((y) => (y.requiredStaff === null ? null : Number(y.requiredStaff.toFixed(2)))),
      color: PALETTE[i % PALETTE.length] as string,
      labels: 'none' as const,
    })),
    height: 340,
  });
  return (
    <section aria-labelledby="projection-drill">
      <h2 id="projection-drill">{t('staffingProjection.drillTitle', { unit: unit.unitName })}</h2>
      <p>
        <a href={hrefWith(view, undefined)}>{t('staffingProjection.back')}</a>
      </p>
      {/* Trusted: SVG generated on the server by ECharts from our own numbers and catalogue labels, styles stripped by cspSafeSvg. */}
      <TrustedHtml html={chart} as="figure" />
      {unit.categories.map((c) => (
        <section>
          <h3>{fieldLabel(t, c.field)}</h3>
          <p>
            {t('staffingProjection.actualStaff')}: {staff(c.actualStaff, locale)} · {t('staffingProjection.runRequired')}:{' '}
            {staff(c.runRequiredStaff, locale)}
          </p>
          <div class="table-scroll">
            <table>
              <caption>{fieldLabel(t, c.field)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staffingProjection.year')}</th>
                  <th scope="col">{t('staffingProjection.workload')}</th>
                  <th scope="col">{t('staffingProjection.required')}</th>
                </tr>
              </thead>
              <tbody>
                {c.years.map((y) => (
                  <tr>
                    <th scope="row">{y.year}</th>
                    <td class="num">{formatNumber(y.workload, locale)}</td>
                    <td class="num">
                      {y.requiredStaff === null ? `${t('staffingProjection.refused')}: ${y.refusal ?? ''}` : staff(y.requiredStaff, locale)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="table-scroll">
            <table>
              <caption>{t('staffingProjection.source')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('staffingProjection.source')}</th>
                  <th scope="col">{t('staffingProjection.method')}</th>
                  {years.map((y) => (
                    <th scope="col">{y}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {c.sources.map((s) => (
                  <tr>
                    <th scope="row">
                      {t(`staffingProjection.activity.${s.activity}`)}
                      {s.channel ? ` (${t(`staffingProjection.channel.${s.channel}`)})` : ''}:{' '}
                      {s.procedureCode ? `${s.procedureCode} ` : ''}
                      {s.procedureName}
                    </th>
                    <td>
                      <details>
                        <summary>
                          {t(`staffingProjection.method.${s.method}`)} · {t('staffingProjection.months')}: {s.months}
                        </summary>
                        {s.intercept !== null && (
                          <p>
                            {t('staffingProjection.coefficients', {
                              a: formatNumber(s.intercept, locale, 3),
                              b: formatNumber(s.slope, locale, 3),
                            })}
                          </p>
                        )}
                        {s.seasonalIndices && (
                          <p>
                            {t('staffingProjection.seasonal')}: {s.seasonalIndices.map((v) => formatNumber(v, locale, 3)).join(' · ')}
                          </p>
                        )}
                        <Trace lines={s.trace} />
                      </details>
                    </td>
                    {s.years.map((y) => (
                      <td class="num" title={t('staffingProjection.forecastProjected')}>
                        {formatNumber(y.forecast, locale)} → {formatNumber(y.projected, locale)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {c.leverTrace.length > 0 && (
            <details>
              <summary>{t('staffingProjection.leverTrace')}</summary>
              <Trace lines={c.leverTrace} />
            </details>
          )}
        </section>
      ))}
    </section>
  );
}

export function ProjectionPage({ ctx, view }: { ctx: ViewContext; view: ProjectionView }) {
  const { t } = ctx;
  const p = view.projection;
  const drill = p && view.query.unitId !== undefined ? p.units.find((u) => u.unitId === view.query.unitId) : undefined;
  return (
    <Layout ctx={ctx} title={t('staffingProjection.title')}>
      <h1>{t('staffingProjection.title')}</h1>
      <p class="muted">{t('staffingProjection.intro')}</p>
      <Problems ctx={ctx} problems={view.problems} />
      <LeverForm ctx={ctx} view={view} />
      {p && (
        <>
          <p>
            {t('staffingProjection.run', { id: p.runId, year: p.runYear })} ·{' '}
            {p.history.months > 0 && p.history.from && p.history.to
              ? t('staffingProjection.history', { from: p.history.from, to: p.history.to, n: p.history.months })
              : t('staffingProjection.historyNone')}
          </p>
          <p>{t('staffingProjection.phasing', { base: p.baseYear })}</p>
          <p role="note">{t('staffingProjection.notInSum')}</p>
          {p.units.length === 0 ? (
            <p>{t('staffingProjection.noLines')}</p>
          ) : (
            <>
              <ProvinceChart ctx={ctx} projection={p} />
              <p>{t('staffingProjection.cellLegend')}</p>
              <UnitTable ctx={ctx} view={view} projection={p} />
              {drill && <Drill ctx={ctx} view={view} unit={drill} years={p.years} />}
            </>
          )}
          <details>
            <summary>{t('staffingProjection.rules')}</summary>
            <ul>
              {(['history', 'forecast', 'levers', 'wisn'] as const).map((k) => (
                <li>{t(`staffingProjection.rule.${k}`)}</li>
              ))}
              <li>{t('staffingProjection.notInSum')}</li>
            </ul>
          </details>
        </>
      )}
    </Layout>
  );
}
