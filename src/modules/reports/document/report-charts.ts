/**
 * The report's charts as SVG (the platform's ECharts helpers, the same charts the pages draw),
 * for pdfmake's `svg` nodes. ECharts numbers its element ids with a counter that keeps growing
 * in a process, so the ids are renumbered for each chart: the same snapshot then
 * gives the same SVG, and the same PDF bytes, whenever it is rendered. The titles are set by
 * the PDF as text above each chart (inside the SVG they collide with the value labels).
 */
import { barChartSvg } from '../../../platform/charts/bar-chart.ts';
import { lineChartSvg } from '../../../platform/charts/line-chart.ts';
import { RATING_BANDS } from '../../../platform/rules/defaults/scorecard-766.config.ts';
import type { ReportSnapshot } from '../report-snapshot.ts';
import { BAND, fieldName } from './report-text.ts';

/**
 * Ids like "zr12-c0" become "zr0-c0" (only the instance counter differs between renders), and
 * the class attributes go: they number style rules per process and pdfmake ignores them.
 */
export function stableSvgIds(svg: string): string {
  return svg.replace(/\sclass="[^"]*"/g, '').replace(/\bzr\d+-/g, 'zr0-');
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const monthLabel = (from: string) => `${from.slice(5, 7)}/${from.slice(0, 4)}`;

export function bandChart(s: ReportSnapshot): string {
  return stableSvgIds(
    barChartSvg({
      title: '',
      labels: RATING_BANDS.map((b) => BAND[b]),
      values: RATING_BANDS.map((b) => s.bands[b]),
      width: 520,
      height: 220,
    }),
  );
}

export function trendChart(s: ReportSnapshot): string {
  return stableSvgIds(
    lineChartSvg({
      title: '',
      labels: s.trend.map((m) => monthLabel(m.from)),
      series: [{ name: 'Điểm 766', values: s.trend.map((m) => round1(m.score)), color: '#1d4f91' }],
      width: 520,
      height: 240,
    }),
  );
}

/** Top field gaps (at most 8, largest first), or null when no staff category is short. */
export function gapsChart(s: ReportSnapshot): string | null {
  const top = [...s.fieldGaps].sort((a, b) => b.gap - a.gap || a.field.localeCompare(b.field)).slice(0, 8);
  if (top.length === 0) return null;
  return stableSvgIds(
    barChartSvg({
      title: '',
      labels: top.map((g) => fieldName(s, g.field)),
      values: top.map((g) => round1(g.gap)),
      width: 520,
      height: 240,
    }),
  );
}
