import { describe, expect, it } from 'vitest';
import { barChartSvg, cspSafeSvg } from './bar-chart.ts';

describe('barChartSvg', () => {
  it('renders an SVG with the Vietnamese title and the values', () => {
    const svg = barChartSvg({ title: 'Số cán bộ, công chức', labels: ['Phường', 'Xã'], values: [840, 760] });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Số cán bộ, công chức');
    expect(svg).toContain('840');
  });

  it('needs no inline style, so the strict CSP can stay on', () => {
    const svg = barChartSvg({ title: 'T', labels: ['a'], values: [1] });
    expect(svg).not.toMatch(/\sstyle="/);
    expect(svg).not.toContain('<style');
    expect(svg).toContain('font-size="12px"');
  });

  it('turns style declarations into presentation attributes', () => {
    expect(cspSafeSvg('<text style="font-size:12px;font-family:sans-serif;">x</text>')).toBe(
      '<text font-size="12px" font-family="sans-serif">x</text>',
    );
  });
});
