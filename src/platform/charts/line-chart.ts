import * as echarts from 'echarts';
import { cspSafeSvg } from './bar-chart.ts';

export type LineSeries = {
  name: string;
  values: (number | null)[];
  color: string;
  dashed?: boolean;
  /** Where the value labels go (default top); 'none' hides them (many series). */
  labels?: 'top' | 'bottom' | 'none';
};

/**
 * Server-side SVG line chart with Apache ECharts (no client bundle), for a few series over a
 * few categories (e.g. years). Animation off so the first frame is the final one; styles made
 * CSP-safe like the bar chart. Values are shown as given: round them before passing them in.
 */
export function lineChartSvg(opts: { title: string; labels: string[]; series: LineSeries[]; width?: number; height?: number }): string {
  // More than a few series: the legend goes in a column on the right, so it never covers the axis.
  const side = opts.series.length > 4;
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: opts.width ?? (side ? 820 : 640),
    height: opts.height ?? 300,
  });
  chart.setOption({
    animation: false,
    title: { text: opts.title, left: 'center', textStyle: { fontSize: 14, color: '#1a1a1a' } },
    legend: side
      ? { orient: 'vertical', right: 8, top: 40, textStyle: { color: '#1a1a1a' }, data: opts.series.map((s) => s.name) }
      : { bottom: 0, textStyle: { color: '#1a1a1a' }, data: opts.series.map((s) => s.name) },
    grid: { left: 56, right: side ? 220 : 24, top: 44, bottom: side ? 32 : 56 },
    xAxis: { type: 'category', data: opts.labels, axisLabel: { color: '#333' } },
    yAxis: { type: 'value', axisLabel: { color: '#333' } },
    series: opts.series.map((s) => ({
      type: 'line',
      name: s.name,
      data: s.values,
      itemStyle: { color: s.color },
      lineStyle: { color: s.color, width: 2, type: s.dashed ? 'dashed' : 'solid' },
      label: { show: s.labels !== 'none', position: s.labels === 'bottom' ? 'bottom' : 'top', color: '#1a1a1a' },
    })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return cspSafeSvg(svg);
}
