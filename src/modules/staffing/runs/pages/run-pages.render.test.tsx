import { gzipSync } from 'node:zlib';
import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { ViewContext } from '../../../../platform/html/view-context.ts';
import { type Locale, translator } from '../../../../platform/i18n/index.ts';
import { WisnInputSchema } from '../../staffing.schemas.ts';
import { computeWisn } from '../../wisn.ts';
import { inputFromValues, valuesFromForm } from '../../wisn-form.ts';
import { demoSizedRun, smallRun } from '../run.fixtures.ts';
import type { RunLine } from '../run.schemas.ts';
import { ExpertisePage, RunPage } from './run.page.tsx';
import { calculatorFields, RunLinePage } from './run-line.page.tsx';

/** Rendering of the run pages from hand-built runs (real computeWisn figures), without a database. */

const ctx = (locale: Locale = 'vi'): ViewContext => ({
  t: translator(locale),
  locale,
  actor: null,
  csrfToken: 'csrf',
  path: '/staffing/runs/7',
  requestId: 'r',
});

describe('run page', () => {
  const run = smallRun();
  const html = (filter = {}, locale: Locale = 'vi') =>
    renderToString(
      <RunPage ctx={ctx(locale)} view={{ run, lines: run.lines, all: run.lines, filter, norms: new Map(), base: 'run' }} runs={[run]} />,
    );

  it('shows each cell with its symbol, ratio (1 decimal) and difference (2 decimals), linking to the drill-down', () => {
    const page = html();
    const justice = run.lines[0];
    const r = justice?.result;
    expect(justice?.status).toBe('SHORTAGE');
    // 6000 × 45 + 3000 × 10 minutes over AWT 1772 h × 60, × CAF: recomputed here from the stored result.
    const ratio = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(r?.ratio?.value ?? 0);
    const diff = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(r?.difference.value ?? 0);
    expect(page).toContain(`<a href="/staffing/runs/7/units/101/fields/JUSTICE_CIVIL_STATUS">▼ ${ratio} ${diff}</a>`);
    expect(page).toContain('class="ws-sh"');
    // Every status appears in the legend in words, not only as a colour.
    for (const word of ['Thiếu', 'Cân đối', 'Thừa', 'Không có khối lượng', 'Không tính được']) expect(page).toContain(word);
    expect(page).toMatch(/<caption>Tỷ số và chênh lệch WISN, lần tính số 7/);
    expect(page).toContain('<th scope="col">Tư pháp - Hộ tịch</th>');
    expect(page).toContain('<th scope="row">Phường Thuận Hóa</th>');
  });

  it('keeps the filter in the form and the export links', () => {
    const page = html({ status: 'SHORTAGE', unitId: 101 });
    expect(page).toContain('<option value="SHORTAGE" selected>');
    expect(page).toContain('href="/staffing/runs/7/export.xlsx?unitId=101&amp;status=SHORTAGE"');
  });

  it('ranks the fields by pressure and counts the lines short of both staff and expertise, linking to their page', () => {
    const page = html();
    expect(page).toContain('aria-describedby="pressure-table"');
    expect(page).toContain('<svg role="img"');
    // Thuận Hóa justice and Phú Vang justice are short and have a person not meeting requirements.
    expect(page).toContain('2 dòng (đơn vị × lĩnh vực) vừa thiếu người vừa có người chưa đáp ứng yêu cầu năng lực.');
    expect(page).toContain('<a href="/staffing/runs/7/expertise">');
  });

  it('lists the lines short of both staff and expertise on the expertise page', () => {
    const page = renderToString(
      <ExpertisePage ctx={ctx()} view={{ run, lines: run.lines, all: run.lines, filter: {}, norms: new Map(), base: 'run' }} />,
    );
    expect(page).toContain('aria-describedby="expertise-table"');
    expect(page).toMatch(
      /Đơn vị vừa thiếu người vừa thiếu chuyên môn<\/h3><ul><li><a href="\/staffing\/runs\/7\/units\/10[12]\/fields\/JUSTICE_CIVIL_STATUS">/,
    );
  });

  it('says why the table is empty: no line of the reader’s unit, or none matching the filter', () => {
    const empty = (filter = {}) =>
      renderToString(<RunPage ctx={ctx()} view={{ run, lines: [], all: [], filter, norms: new Map(), base: 'run' }} runs={[run]} />);
    expect(empty()).toContain('Lần tính này không có dòng nào của đơn vị bạn được xem');
    expect(empty({ status: 'SURPLUS' })).toContain('Không có dòng nào khớp bộ lọc.');
  });

  it('is translated', () => {
    expect(html({}, 'en')).toContain('Shortage and surplus by unit and field');
    expect(html({}, 'id')).toContain('Kekurangan dan kelebihan per unit dan bidang');
  });

  it('stays light at the demo size (40 units × 14 fields): no SVG per cell', () => {
    const big = demoSizedRun();
    const page = renderToString(
      <RunPage ctx={ctx()} view={{ run: big, lines: big.lines, all: big.lines, filter: {}, norms: new Map(), base: 'run' }} runs={[big]} />,
    );
    expect(big.lines).toHaveLength(560);
    expect((page.match(/<svg/g) ?? []).length).toBe(1);
    // Served compressed (brotli/gzip above 1 KB, app.ts); gzip here is the upper bound of what goes over the wire.
    expect(gzipSync(`<!doctype html>${page}`).byteLength / 1024).toBeLessThan(50);
    // Above MAX_LINKED_ROWS units the cells carry no link (the unit's name opens its row): the 50 KB page budget holds.
    expect(page).not.toContain('/fields/');
    expect(Buffer.byteLength(page) / 1024).toBeLessThan(50);
  });
});

describe('drill-down page', () => {
  const run = smallRun();
  const line = run.lines[1] as RunLine;
  const { lines: _l, ...summary } = run;
  const page = () =>
    renderToString(
      <RunLinePage
        ctx={ctx()}
        view={{
          run: summary,
          line,
          calendar: run.calendar,
          positions: [{ positionCode: 'CM.05', positionName: 'Địa chính', posts: 2, holders: 1 }],
        }}
      />,
    );

  it('shows every input with its source, the holidays, the figures and the formula trace', () => {
    const html = page();
    expect(html).toContain('=1+1 Đăng ký đất đai');
    expect(html).toContain('Ước tính của chuyên gia');
    expect(html).toContain('Ngày Giải phóng miền Nam');
    expect(html).toContain('RequiredStaff = A_req × CAF + IAF');
    expect(html).toContain('Kế toán');
    expect(html).toContain('CM.05 – Địa chính');
    expect(html).toContain('href="/position-fit?unitId=101&amp;field=LAND"');
  });

  it('pre-fills the what-if calculator with exactly the line’s input', () => {
    const html = page();
    expect(html).toContain('<form method="post" action="/staffing/wisn">');
    expect(html).toContain('name="service.0.annualWorkload" value="2000"');
    // The posted fields read back (wisn-form.ts) into the same input, so the calculator recomputes the same figures.
    const body = Object.fromEntries(calculatorFields(line));
    const input = WisnInputSchema.parse(inputFromValues(valuesFromForm(body).values));
    const again = computeWisn(input);
    expect(again.ok && again.result.requiredStaff.value).toBe(line.result?.requiredStaff.value);
  });
});
