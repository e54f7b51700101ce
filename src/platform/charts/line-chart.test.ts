import { describe, expect, it } from 'vitest';
import { lineChartSvg } from './line-chart.ts';

describe('lineChartSvg', () => {
  it('renders every series with its legend and values, without inline styles', () => {
    const svg = lineChartSvg({
      title: 'Nhu cầu nhân lực',
      labels: ['2026', '2027'],
      series: [
        { name: 'Nhu cầu', values: [12.5, 13.75], color: '#1d4f91' },
        { name: 'Định mức', values: [34, 35], color: '#8a4b00', dashed: true },
      ],
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Nhu cầu nhân lực');
    expect(svg).toContain('Định mức');
    expect(svg).toContain('13.75');
    expect(svg).toContain('2027');
    expect(svg).not.toMatch(/\sstyle="/);
    expect(svg).not.toContain('<style');
  });

  it('puts a long legend in a column on the right and can hide value labels', () => {
    const names = ['Đất đai', 'Xây dựng', 'Một cửa', 'Y tế', 'Giáo dục', 'Nội vụ'];
    const svg = lineChartSvg({
      title: 'T',
      labels: ['2026', '2027'],
      series: names.map((name, i) => ({ name, values: [i + 0.25, i + 0.5], color: '#333333', labels: 'none' as const })),
    });
    for (const name of names) expect(svg).toContain(name);
    expect(svg).toContain('width="820"');
    expect(svg).not.toContain('>0.25<');
  });
});
