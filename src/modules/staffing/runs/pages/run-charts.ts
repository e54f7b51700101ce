import * as echarts from 'echarts';
import { cspSafeSvg } from '../../../../platform/charts/bar-chart.ts';

/**
 * Horizontal bar charts rendered server-side to SVG (ECharts, no client bundle). Long
 * Vietnamese field names read better on the vertical axis than under rotated columns.
 * Positive and negative bars differ by colour AND by the signed value printed at the bar's end,
 * and the page puts the same numbers in a table, so nothing rests on colour alone.
 */
export function horizontalBarSvg(opts: {
  title: string;
  labels: string[];
  values: number[];
  /** Text printed at each bar's end (already rounded and localised by the caller). */
  valueLabels: string[];
  width?: number;
}): string {
  const rows = opts.labels.length;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: opts.width ?? 640, height: 56 + rows * 24 });
  chart.setOption({
    animation: false,
    title: { text: opts.title, left: 'center', textStyle: { fontSize: 14, color: '#1a1a1a' } },
    grid: { left: 8, right: 56, top: 36, bottom: 8, containLabel: true },
    // Largest first at the top: ECharts draws category 0 at the bottom, so the data is reversed.
    yAxis: { type: 'category', data: [...opts.labels].reverse(), axisLabel: { color: '#1a1a1a' }, axisTick: { show: false } },
    xAxis: { type: 'value', axisLabel: { show: false }, splitLine: { show: false } },
    series: [
      {
        type: 'bar',
        barMaxWidth: 16,
        data: opts.values
          .map((v, i) => ({
            value: v,
            itemStyle: { color: v > 0 ? '#a4161a' : '#1d4f91' },
            label: { show: true, position: v < 0 ? 'left' : 'right', color: '#1a1a1a', formatter: opts.valueLabels[i] ?? '' },
          }))
          .reverse(),
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return slimSvg(cspSafeSvg(svg), opts.title);
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Drops what only ECharts' client-side interaction reads (ecmeta_* attributes, pointer-events,
 * classes of the removed <style> block), to keep the page light, and names the SVG as one image.
 */
export function slimSvg(svg: string, label: string): string {
  return (
    svg
      .replace(/\s(?:ecmeta_[a-z_]+|pointer-events|class)="[^"]*"/g, '')
      // Coordinates to one decimal: a tenth of a pixel is invisible, and the digits were a third of the markup.
      .replace(/(\d\.\d)\d+/g, '$1')
      .replace(/^<svg /, `<svg role="img" aria-label="${escapeAttr(label)}" `)
  );
}
