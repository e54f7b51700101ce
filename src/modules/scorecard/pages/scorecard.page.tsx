import { barChartSvg } from '../../../platform/charts/bar-chart.ts';
import { Layout } from '../../../platform/html/layout.tsx';
import { TrustedHtml } from '../../../platform/html/raw.tsx';
import type { ViewContext } from '../../../platform/html/view-context.ts';
import { formatDate, formatNumber } from '../../../platform/time/format.ts';
import type { UnitChoice } from '../scorecard.repository.ts';
import type { ScorecardResponse, WorkloadResponse } from '../scorecard.schemas.ts';
import { entryLine } from '../supplied/supplied-text.ts';
import { SuppliedSection, type SuppliedView } from './supplied.section.tsx';

export type FilterView = { units: UnitChoice[]; canProvince: boolean; unit: string; from: string; to: string };

const pct = (r: number | null, locale: string) => (r === null ? '—' : `${formatNumber(r * 100, locale, 1)} %`);

function Filter({
  ctx,
  f,
  action,
  target,
  extra,
}: {
  ctx: ViewContext;
  f: FilterView;
  action: string;
  target: string;
  extra?: preact.ComponentChildren;
}) {
  const { t } = ctx;
  return (
    <form
      method="get"
      action={action}
      hx-get={action}
      hx-target={target}
      hx-select={target}
      hx-push-url="true"
      aria-label={t('scorecard.filter')}
    >
      <label for="f-unit">{t('scorecard.unit')}</label>
      <select id="f-unit" name="unit">
        {f.canProvince ? (
          <option value="province" selected={f.unit === 'province'}>
            {t('scorecard.province')}
          </option>
        ) : null}
        {f.units.map((u) => (
          <option value={u.code} selected={f.unit === u.code}>
            {u.name}
          </option>
        ))}
      </select>
      <label for="f-from">{t('scorecard.from')}</label>
      <input id="f-from" type="date" name="from" value={f.from} required />
      <label for="f-to">{t('scorecard.to')}</label>
      <input id="f-to" type="date" name="to" value={f.to} required />
      {extra}
      <button type="submit">{t('scorecard.show')}</button>
    </form>
  );
}

/** Hand-entered rows listed under an indicator; the API carries up to 100, the page the first few. */
const ENTRIES_ON_PAGE = 5;

type Indicator = ScorecardResponse['groups'][number]['indicators'][number];

/** How one figure was computed: the formula with its values, each term, and the hand-entered rows behind it. */
function Trace({ ctx, i, configVersion }: { ctx: ViewContext; i: Indicator; configVersion: string }) {
  const { t, locale } = ctx;
  const rest = (i.supplied?.entryCount ?? 0) - ENTRIES_ON_PAGE;
  return (
    <details>
      <summary>
        {i.code} — {t(`scorecard.status.${i.status}`)}
      </summary>
      <p>
        {t('scorecard.how')}: {i.explanation.text}
      </p>
      {Object.keys(i.explanation.terms).length > 0 ? (
        <ul>
          {Object.entries(i.explanation.terms).map(([k, v]) => (
            <li>
              {i.explanation.termLabels[k] ?? k} = {formatNumber(v, locale, 2)}
            </li>
          ))}
        </ul>
      ) : null}
      {i.supplied ? (
        <ul>
          {i.supplied.entries.slice(0, ENTRIES_ON_PAGE).map((e) => (
            <li>{entryLine(t, e)}</li>
          ))}
          {rest > 0 ? <li>{t('scorecard.supplied.more', { n: rest })}</li> : null}
        </ul>
      ) : null}
      <p>
        [{i.certainty}] {configVersion}
      </p>
    </details>
  );
}

export function ScorecardBody({ ctx, card, supplied }: { ctx: ViewContext; card: ScorecardResponse; supplied: SuppliedView }) {
  const { t, locale } = ctx;
  const chart = barChartSvg({
    title: t('scorecard.chart'),
    labels: card.groups.map((g) => t(`scorecard.group.${g.group}`)),
    values: card.groups.map((g) => Number(g.points.toFixed(2))),
  });
  const q = new URLSearchParams({ unit: card.unit?.code ?? 'province', from: card.from, to: card.to });
  return (
    <div id="scorecard-body">
      <p>
        <strong>{t('scorecard.total', { total: formatNumber(card.total, locale, 2), band: t(`scorecard.band.${card.band}`) })}</strong>
      </p>
      {card.complete ? null : <p role="note">{t('scorecard.incomplete', { codes: card.notSupplied.join(', ') })}</p>}
      <p>{t('scorecard.rule', { version: card.configVersion, from: formatDate(card.rule.effectiveFrom ?? '2022-08-01') })}</p>
      <p>
        <a href={`/scorecard.xlsx?${q.toString()}`}>{t('scorecard.export')}</a>
      </p>
      {/* Trusted: SVG generated on the server by ECharts from our own numbers and catalogue labels, styles stripped by cspSafeSvg. */}
      <TrustedHtml html={chart} as="figure" />
      <table>
        <caption>{t('scorecard.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scorecard.col.code')}</th>
            <th scope="col">{t('scorecard.col.numerator')}</th>
            <th scope="col">{t('scorecard.col.denominator')}</th>
            <th scope="col">{t('scorecard.col.rate')}</th>
            <th scope="col">{t('scorecard.col.threshold')}</th>
            <th scope="col">{t('scorecard.col.points')}</th>
            <th scope="col">{t('scorecard.col.max')}</th>
          </tr>
        </thead>
        {card.groups.map((g) => (
          <tbody>
            <tr>
              <th scope="rowgroup" colSpan={5}>
                {t(`scorecard.group.${g.group}`)}
              </th>
              <td>{formatNumber(g.points, locale, 2)}</td>
              <td>{g.maxPoints}</td>
            </tr>
            {g.indicators.map((i) => (
              <tr>
                <th scope="row">
                  <Trace ctx={ctx} i={i} configVersion={card.configVersion} />
                </th>
                <td>{i.numerator}</td>
                <td>{i.denominator}</td>
                <td>{pct(i.rate, locale)}</td>
                <td>{pct(i.threshold, locale)}</td>
                <td>{formatNumber(i.points, locale, 2)}</td>
                <td>{i.maxPoints}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
      <SuppliedSection ctx={ctx} view={supplied} />
    </div>
  );
}

export function ScorecardPage({
  ctx,
  filter,
  card,
  supplied,
}: {
  ctx: ViewContext;
  filter: FilterView;
  card: ScorecardResponse;
  supplied: SuppliedView;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('scorecard.title')}>
      <h1>{ctx.t('scorecard.title')}</h1>
      <Filter ctx={ctx} f={filter} action="/scorecard" target="#scorecard-body" />
      <ScorecardBody ctx={ctx} card={card} supplied={supplied} />
    </Layout>
  );
}

export function WorkloadBody({ ctx, w }: { ctx: ViewContext; w: WorkloadResponse }) {
  const { t, locale } = ctx;
  const hours = (h: number | null) => (h === null ? '—' : formatNumber(h, locale, 1));
  return (
    <div id="workload-body">
      <table>
        <caption>{t('statistics.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`statistics.groupBy.${w.groupBy}`)}</th>
            <th scope="col">{t('statistics.col.received')}</th>
            <th scope="col">{t('statistics.col.finished')}</th>
            <th scope="col">{t('statistics.col.onTime')}</th>
            <th scope="col">{t('statistics.col.avgHours')}</th>
            <th scope="col">{t('statistics.col.backlog')}</th>
          </tr>
        </thead>
        <tbody>
          {[...w.rows.slice(0, 100), { ...w.total, label: t('statistics.total') }].map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td>{r.received}</td>
              <td>{r.finished}</td>
              <td>{r.finishedOnTime}</td>
              <td>{hours(r.averageHandlingHours)}</td>
              <td>{r.backlogAtEnd}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WorkloadPage({ ctx, filter, w }: { ctx: ViewContext; filter: FilterView; w: WorkloadResponse }) {
  const { t } = ctx;
  const extra = (
    <>
      <label for="f-group">{t('scorecard.groupBy')}</label>
      <select id="f-group" name="groupBy">
        {(['field', 'procedure', 'month'] as const).map((g) => (
          <option value={g} selected={w.groupBy === g}>
            {t(`statistics.groupBy.${g}`)}
          </option>
        ))}
      </select>
    </>
  );
  return (
    <Layout ctx={ctx} title={t('statistics.title')}>
      <h1>{t('statistics.title')}</h1>
      <Filter ctx={ctx} f={filter} action="/statistics" target="#workload-body" extra={extra} />
      <WorkloadBody ctx={ctx} w={w} />
    </Layout>
  );
}
