import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import { formatNumber } from '../../../platform/time/format.ts';
import { readCell } from '../../../platform/xlsx/safe-cells.ts';
import { smallRun } from './run.fixtures.ts';

/** pdftotext (poppler-utils) reads the PDF back; null when it is not installed. */
function pdfText(bytes: Buffer): string | null {
  try {
    const dir = mkdtempSync(path.join(tmpdir(), 'cadre-staffing-pdf-'));
    const file = path.join(dir, 'r.pdf');
    writeFileSync(file, bytes);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } catch {
    return null;
  }
}

/**
 * The staffing pages and exports over HTTP, on the fixture's stored run (test/support/fixture.ts:
 * smallRun's Thuận Hóa lines stored for commune A, its Phú Vang lines for commune B).
 */
describe.each(testDialects())('staffing run pages and exports over HTTP on %s', (dialect) => {
  let t: TestApp;
  let runId: number;
  const expected = smallRun();
  const justiceA = expected.lines[0];
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const page = (name: string, url: string) => t.app.inject({ url, headers: { cookie: user(name).cookie } });
  const form = (name: string, url: string, fields: [string, string][]) => {
    const body = new URLSearchParams([['_csrf', user(name).csrf], ...fields]);
    return t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user(name).cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
  };
  const runCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('staffingRuns')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    runId = t.fixture.staffingRun;
  });
  afterAll(async () => t?.close());

  describe('/staffing', () => {
    it('shows the latest run, the run list and, to staffing.run roles, the compute form', async () => {
      const res = await page('province_analyst', '/staffing');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`Lần tính mới nhất (số ${runId})`);
      expect(res.body).toContain('<form method="post" action="/staffing/runs"');
      expect(res.body).toContain(`href="/staffing/runs/${runId}"`);
      // Cells link relative to /staffing.
      expect(res.body).toContain(`href="/staffing/runs/${runId}/units/${t.fixture.unitA}/fields/JUSTICE_CIVIL_STATUS"`);
    });

    it('gives unit roles their own unit’s lines and no compute form', async () => {
      const res = await page('unit_leader_b', '/staffing');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<th scope="row">Xã Phú Vang</th>');
      expect(res.body).not.toContain('Phường Thuận Hóa');
      expect(res.body).not.toContain('action="/staffing/runs"');
    });
  });

  describe('/staffing/runs/:id', () => {
    it('shows units × fields with the ratio and difference of each line, the legend and the totals', async () => {
      const res = await page('province_admin', `/staffing/runs/${runId}`);
      expect(res.statusCode).toBe(200);
      const r = justiceA?.result;
      if (!r?.ratio) throw new Error('fixture line without a ratio');
      const cell = `▼ ${formatNumber(r.ratio.value, 'vi', 1)} ${formatNumber(r.difference.value, 'vi', 2)}`;
      expect(res.body).toContain(`<a href="/staffing/runs/${runId}/units/${t.fixture.unitA}/fields/JUSTICE_CIVIL_STATUS">${cell}</a>`);
      expect(res.body).toContain('<th scope="row">Phường Thuận Hóa</th>');
      expect(res.body).toContain('<th scope="row">Xã Phú Vang</th>');
      expect(res.body).toContain('Không tính được');
      // The norm columns are filled from listNorms for the fixture's communes.
      expect(res.body).toContain('Định mức 09/CV-BCĐ');
    });

    it('filters by status, field and unit with a plain GET form', async () => {
      const short = await page('province_analyst', `/staffing/runs/${runId}?status=SHORTAGE`);
      expect(short.statusCode).toBe(200);
      expect(short.body).toContain('<option value="SHORTAGE" selected>');
      const matrix = (html: string) =>
        html.slice(html.indexOf('<table class="ws-matrix"'), html.indexOf('</table>', html.indexOf('ws-matrix')));
      expect(matrix(short.body)).not.toContain('class="ws-su"');
      expect(matrix(short.body)).toContain('class="ws-sh"');

      const land = await page('province_analyst', `/staffing/runs/${runId}?field=LAND`);
      expect(matrix(land.body)).toContain('<th scope="col">Đất đai</th>');
      expect(matrix(land.body)).not.toContain('Tư pháp - Hộ tịch');

      const unitB = await page('province_analyst', `/staffing/runs/${runId}?unitId=${t.fixture.unitB}`);
      expect(matrix(unitB.body)).toContain('Xã Phú Vang');
      expect(matrix(unitB.body)).not.toContain('Phường Thuận Hóa');
    });

    it('answers 404 for another commune’s unit filter, another province and an unknown run', async () => {
      expect((await page('unit_leader_b', `/staffing/runs/${runId}?unitId=${t.fixture.unitA}`)).statusCode).toBe(404);
      expect((await page('other_province_admin', `/staffing/runs/${runId}`)).statusCode).toBe(404);
      expect((await page('province_analyst', '/staffing/runs/999999')).statusCode).toBe(404);
      expect((await page('province_analyst', `/staffing/runs/${runId}?status=LOW`)).statusCode).toBe(400);
    });
  });

  describe('drill-down', () => {
    const url = () => `/staffing/runs/${runId}/units/${t.fixture.unitA}/fields/JUSTICE_CIVIL_STATUS`;

    it('explains every figure: inputs with sources, holidays, figures with units, the trace and the expertise', async () => {
      const res = await page('unit_hr_a', url());
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Thủ tục JUSTICE_CIVIL_STATUS');
      expect(res.body).toContain('Ước tính của chuyên gia');
      expect(res.body).toContain('Ngày Giải phóng miền Nam');
      expect(res.body).toContain('RequiredStaff = A_req × CAF + IAF');
      expect(res.body).toContain(`href="/position-fit?unitId=${t.fixture.unitA}&amp;field=JUSTICE_CIVIL_STATUS"`);
      expect(res.body).toContain('Kiến thức pháp luật chuyên ngành');
    });

    it('answers 404 for another commune’s line and for a field the run does not have', async () => {
      expect((await page('unit_leader_b', url())).statusCode).toBe(404);
      expect((await page('province_analyst', `/staffing/runs/${runId}/units/${t.fixture.unitA}/fields/HEALTH`)).statusCode).toBe(404);
    });

    it('opens the line in the what-if calculator, which recomputes the same required staff', async () => {
      const res = await page('province_analyst', url());
      const fields = [...res.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)]
        .map((m) => [m[1] ?? '', (m[2] ?? '').replace(/&amp;/g, '&')] as [string, string])
        .filter(([n]) => n !== '_csrf');
      expect(fields).toContainEqual(['service.0.annualWorkload', '6000']);
      const calc = await form('province_analyst', '/staffing/wisn', fields);
      expect(calc.statusCode).toBe(200);
      const required = formatNumber(justiceA?.result?.requiredStaff.value ?? -1, 'vi', 2);
      expect(calc.body).toMatch(new RegExp(`Nhân lực cần có</th><td class="num">${required}</td>`));
    });
  });

  describe('compute form', () => {
    it('keeps the values and shows a translated error when the year is not a year; nothing is stored', async () => {
      const before = await runCount();
      const res = await form('province_analyst', '/staffing/runs', [
        ['year', 'năm nay'],
        ['periodFrom', ''],
        ['periodTo', ''],
        ['note', 'Ghi chú giữ lại'],
      ]);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('value="năm nay"');
      expect(res.body).toContain('value="Ghi chú giữ lại"');
      expect(res.body).toContain('href="#run-year"');
      expect(await runCount()).toBe(before);
    });

    it('shows the use case’s refusal (a period ending after it starts) in the form', async () => {
      const before = await runCount();
      const res = await form('province_analyst', '/staffing/runs', [
        ['year', '2026'],
        ['periodFrom', '2026-02-01'],
        ['periodTo', '2026-01-01'],
        ['note', ''],
      ]);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('role="alert"');
      expect(res.body).toContain('value="2026-02-01"');
      expect(await runCount()).toBe(before);
    });

    it('computes, stores and redirects to the new run', async () => {
      const before = await runCount();
      const res = await form('province_admin', '/staffing/runs', [
        ['year', '2026'],
        ['periodFrom', '2025-03-01'],
        ['periodTo', '2026-02-28'],
        ['note', 'Tính thử'],
      ]);
      expect(res.statusCode).toBe(303);
      const location = String(res.headers.location);
      expect(location).toMatch(/^\/staffing\/runs\/\d+$/);
      expect(await runCount()).toBe(before + 1);
      const shown = await page('province_admin', location);
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toContain('Tính thử');
    });

    it('refuses unit roles', async () => {
      const res = await form('unit_hr_a', '/staffing/runs', [['year', '2026']]);
      expect(res.statusCode).toBe(403);
    });
  });

  describe('exports', () => {
    it('writes an XLSX with the lines unrounded and with units, the inputs and sources (formulas neutralised) and the rules', async () => {
      const res = await page('province_analyst', `/staffing/runs/${runId}/export.xlsx`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['Kết quả', 'Dữ liệu và nguồn', 'Quy tắc', 'Theo vị trí việc làm']);
      const [lines, inputs, rules] = wb.worksheets;
      if (!lines || !inputs || !rules) throw new Error('three sheets expected');
      expect(lines.getRow(1).getCell(6).value).toBe('Cần có (WISN)');
      expect(lines.getRow(2).getCell(6).value).toBe('người');
      // 6 lines (3 per commune) after the two header rows.
      expect(lines.rowCount).toBe(8);
      const at = (unit: string, field: string) =>
        lines.getRows(3, 6)?.find((r) => r.getCell(2).value === unit && r.getCell(3).value === field);
      const justice = at('Phường Thuận Hóa', 'JUSTICE_CIVIL_STATUS');
      expect(justice?.getCell(5).value).toBe('Thiếu');
      expect(justice?.getCell(6).value).toBe(justiceA?.result?.requiredStaff.value);
      expect(justice?.getCell(9).value).toBe(justiceA?.result?.ratio?.value);
      const names = inputs.getColumn(5).values.filter((v): v is string => typeof v === 'string');
      // Stored with an apostrophe, read back as typed.
      expect(names).toContain("'=1+1 Đăng ký đất đai");
      const landCell = inputs.getColumn(5).values.indexOf("'=1+1 Đăng ký đất đai");
      expect(readCell(inputs.getRow(landCell).getCell(5))).toEqual({ kind: 'text', text: '=1+1 Đăng ký đất đai' });
      const ruleKeys = rules.getColumn(1).values;
      expect(ruleKeys).toContain('staffing.wisnStandards');
      expect(ruleKeys).toContain('2026-04-30');
    });

    it('limits unit roles to their own unit’s lines', async () => {
      const res = await page('unit_leader_a', `/staffing/runs/${runId}/export.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const units = wb.worksheets[0]?.getColumn(2).values.slice(3);
      expect(units).toEqual(['Phường Thuận Hóa', 'Phường Thuận Hóa', 'Phường Thuận Hóa']);
    });

    it('writes a PDF whose Vietnamese text reads back', async () => {
      const res = await page('province_analyst', `/staffing/runs/${runId}/export.pdf?field=JUSTICE_CIVIL_STATUS`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(res.rawPayload);
      if (text === null) return;
      expect(text).toContain('Báo cáo nhu cầu biên chế theo khối lượng công việc (WISN)');
      expect(text).toContain('Tư pháp - Hộ tịch');
      expect(text).toContain('Phường Thuận Hóa');
      expect(text).toContain('Xã Phú Vang');
      expect(text).not.toContain('Đất đai');
    });
  });
});
