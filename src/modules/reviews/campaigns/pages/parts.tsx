import * as echarts from 'echarts';
import { cspSafeSvg } from '../../../../platform/charts/bar-chart.ts';
import { type AppError, ERROR_TABLE } from '../../../../platform/errors/app-error.ts';
import { TrustedHtml } from '../../../../platform/html/raw.tsx';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import { campaignStatusLabel } from '../../reviews.labels.ts';
import { CAMPAIGN_STATUSES } from '../campaign-workflow.ts';

/** Pieces shared by the campaign pages: the error summary, the stage stepper and the charts. */

/** A problem shown in the error summary: the field it links to and what is wrong. */
export type ShownProblem = { fieldId: string; label: string; message: string };

/**
 * The error summary at the top of a form (GOV.UK pattern): the refusal in words, then one
 * link per problem to its field, so keyboard and screen-reader users land on it.
 */
export function ErrorSummary({ ctx, error, problems }: { ctx: ViewContext; error: AppError | null; problems: readonly ShownProblem[] }) {
  if (!error) return null;
  return (
    <div class="alert error" role="alert" id="form-errors" tabindex={-1} aria-labelledby="form-errors-title">
      <h2 id="form-errors-title">{ctx.t('reviewCampaigns.form.errorsTitle')}</h2>
      <p>
        <strong>{ctx.t(ERROR_TABLE[error.code].key as MessageKey, error.params)}</strong>
      </p>
      {problems.length > 0 && (
        <ul>
          {problems.map((p) => (
            <li>
              {p.fieldId ? <a href={`#${p.fieldId}`}>{p.label}</a> : <span>{p.label}</span>}
              {p.label ? ': ' : ''}
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** OPEN → … → LOCKED as an ordered list; the current stage is said in words, not only shown. */
export function StageStepper({ ctx, status }: { ctx: ViewContext; status: string }) {
  const current = (CAMPAIGN_STATUSES as readonly string[]).indexOf(status);
  return (
    <ol class="stepper" aria-label={ctx.t('reviewCampaigns.detail.stages')}>
      {CAMPAIGN_STATUSES.map((s, i) => (
        <li aria-current={i === current ? 'step' : undefined}>
          {i < current ? '✓ ' : i === current ? '▶ ' : ''}
          {campaignStatusLabel(ctx.t, s)}
          {i === current
            ? ` (${ctx.t('reviewCampaigns.detail.currentStage')})`
            : i < current
              ? ` (${ctx.t('reviewCampaigns.detail.doneStage')})`
              : ''}
        </li>
      ))}
    </ol>
  );
}

/** A count out of the participants, as a native progress bar with its numbers in text. */
export function Progress({ ctx, label, value, max }: { ctx: ViewContext; label: string; value: number; max: number }) {
  const pct = max === 0 ? 0 : Math.round((value * 100) / max);
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {ctx.t('reviewCampaigns.detail.progress', { value, max, pct })}
        <br />
        <progress value={value} max={Math.max(max, 1)} aria-label={`${label}: ${pct}%`} />
      </dd>
    </div>
  );
}

/**
 * A stacked bar chart (one series per rating), rendered server-side to SVG. ECharts' aria
 * option describes the chart in the SVG and adds decal patterns, so the series differ by
 * pattern as well as colour; the page puts the same numbers in a table next to it.
 */
export function stackedBarSvg(opts: {
  title: string;
  labels: string[];
  series: { name: string; values: number[] }[];
  width?: number;
  height?: number;
}): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: opts.width ?? 640, height: opts.height ?? 300 });
  const colours = ['#1d4f91', '#2e7d32', '#8d6e00', '#b3261e', '#6b6b6b'];
  chart.setOption({
    animation: false,
    aria: { enabled: true },
    title: { text: opts.title, left: 'center', textStyle: { fontSize: 14, color: '#1a1a1a' } },
    legend: { bottom: 0, textStyle: { color: '#1a1a1a' } },
    grid: { left: 48, right: 16, top: 40, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: opts.labels, axisLabel: { color: '#333', interval: 0, rotate: opts.labels.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#333' } },
    series: opts.series.map((s, i) => ({
      type: 'bar',
      stack: 'total',
      name: s.name,
      data: s.values,
      itemStyle: { color: colours[i % colours.length] },
    })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return cspSafeSvg(svg);
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Drops what only ECharts' client-side interaction reads (ecmeta_* attributes, pointer-events,
 * the classes of the <style> block cspSafeSvg removed), which halves the markup, and names the
 * SVG as one image with the chart's title.
 */
export function slimSvg(svg: string, label: string): string {
  return svg
    .replace(/\s(?:ecmeta_[a-z_]+|pointer-events|class)="[^"]*"/g, '')
    .replace(/^<svg /, `<svg role="img" aria-label="${escapeAttr(label)}" `);
}

/** A chart with its text alternative: the SVG is one named image, and the table that follows holds its numbers. */
export function ChartFigure({ svg, caption, tableId, label }: { svg: string; caption: string; tableId: string; label: string }) {
  return (
    <figure class="chart" aria-describedby={tableId}>
      {/* Trusted: SVG rendered server-side by ECharts from our own counts and translated labels (cspSafeSvg strips styles; slimSvg escapes the label). */}
      <TrustedHtml html={slimSvg(svg, label)} as="span" />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
