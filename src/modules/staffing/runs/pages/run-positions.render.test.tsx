import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { translator } from '../../../../platform/i18n/index.ts';
import { demoSizedRun } from '../run.fixtures.ts';
import { countHolders, POSITION_PAGE_SIZE, pageOf, positionRows } from './position-view.ts';
import { RunPositionsPage } from './run-positions.page.tsx';

const ctx: ViewContext = {
  t: translator('vi'),
  locale: 'vi',
  actor: null,
  csrfToken: 'csrf',
  path: '/staffing/runs/42/positions',
  requestId: 'r',
};

/** The demo's size: 40 units × 14 fields, each line's staff spread over two positions with long names. */
function demoRows() {
  const run = demoSizedRun();
  const holders = run.lines.flatMap((l, i) =>
    Array.from({ length: Math.round(l.input.actualStaff) }, (_, k) => ({
      staffId: i * 10 + k,
      unitId: l.unitId,
      field: l.field,
      positionId: 1000 + (k % 2),
      positionCode: `VTVL.${l.field}.${k % 2}`,
      nameVi: `Công chức chuyên môn ${l.field} bậc ${k % 2}`,
      nameEn: 'x',
    })),
  );
  return { run, rows: positionRows(run.lines, countHolders(holders, 'vi')) };
}

describe('per-position page', () => {
  it('stays under 50 KB per page at the demo’s size, with paging links that keep the filter', () => {
    const { run, rows } = demoRows();
    expect(rows.length).toBeGreaterThan(POSITION_PAGE_SIZE * 10);
    const paged = pageOf(rows, 2);
    const html = renderToString(
      <RunPositionsPage
        ctx={ctx}
        view={{
          run,
          onDate: '2026-03-02',
          filter: { status: 'SHORTAGE' },
          rows: paged.items,
          page: 2,
          pageSize: POSITION_PAGE_SIZE,
          total: rows.length,
        }}
      />,
    );
    expect(Buffer.byteLength(html)).toBeLessThan(50 * 1024);
    expect(html).toContain('href="/staffing/runs/42/positions?status=SHORTAGE&amp;page=3" rel="next"');
    expect(html).toContain('href="/staffing/runs/42/positions?status=SHORTAGE" rel="prev"');
    expect(html).toContain('<option value="SHORTAGE" selected>');
    // Derived figures are said to be derived, with the run's date.
    expect(html).toContain('Cần có (suy ra)');
    expect(html).toContain('ngày tính 02/03/2026');
    expect(html).toContain('href="/staffing/runs/42/units/');
  });
});
