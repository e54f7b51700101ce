import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { barChartSvg } from '../../../platform/charts/bar-chart.ts';
import { configurePdfRendering } from '../../../platform/pdf/pdf.ts';
import { stableSvgIds } from './report-charts.ts';
import { provinceSnapshot, unitSnapshot } from './report-documents.fixtures.ts';
import { renderReportPdf } from './report-pdf.ts';

/** pdfmake loads its fonts on first use; on a shared machine that alone can take seconds. */
const SLOW = 60_000;

/** pdftotext (poppler-utils) extracts the text layer, so the test reads what a reader would copy. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cadre-report-'));
  const file = path.join(dir, 'report.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
}

function pdfInfo(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cadre-report-'));
  const file = path.join(dir, 'report.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' });
}

/** Each needle appears, in this order (the layout of the document). */
function expectInOrder(text: string, needles: string[]) {
  let at = 0;
  for (const n of needles) {
    const i = text.indexOf(n, at);
    expect(i, `"${n}" after position ${at}`).toBeGreaterThanOrEqual(0);
    at = i + n.length;
  }
}

afterAll(() => {
  vi.useRealTimers();
  configurePdfRendering({ workers: 1 });
});

describe('renderReportPdf', () => {
  it(
    'lays a province report out as an official report: heading, title, sections I–V, recipients, signature, unit annex',
    async () => {
      const pdf = await renderReportPdf(provinceSnapshot());
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(pdf);
      expectInOrder(text, [
        // Issuing body on the left, national motto on the right, line by line.
        'UBND THÀNH PHỐ HUẾ',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'SỞ NỘI VỤ',
        'Độc lập - Tự do - Hạnh phúc',
        '/BC-SNV',
        'Huế, ngày 02 tháng 3 năm 2026',
        'BÁO CÁO',
        'Tháng 02/2026',
        'I. DỊCH VỤ HÀNH CHÍNH CÔNG (BỘ CHỈ SỐ 766)',
        'Thành phố Huế đạt 78,6 điểm',
        'II. BIÊN CHẾ VÀ NHU CẦU NHÂN LỰC (ĐỊNH MỨC, WISN)',
        'III. ĐÁP ỨNG YÊU CẦU VỊ TRÍ VIỆC LÀM',
        'IV. ĐÀO TẠO, BỒI DƯỠNG',
        'V. CẢNH BÁO',
        'Nơi nhận:',
        'GIÁM ĐỐC',
        'PHỤ LỤC',
        'Phường Thuận Hóa',
      ]);
      expect(text).toContain('Xã Phong Điền');
      // The unit's 766 score in the annex, written the Vietnamese way.
      expect(text).toContain('82,5');
      expect(text).toContain('93,5 %');
      // The charts are drawn (their axis labels are text in the PDF), under their titles.
      expectInOrder(text, ['Số đơn vị theo xếp loại Bộ chỉ số 766', 'Trung bình', 'Điểm Bộ chỉ số 766 theo tháng', '09/2025', '02/2026']);
      expectInOrder(text, ['Số người còn thiếu theo nhóm công việc (WISN)', 'Tư pháp - Hộ tịch']);
    },
    SLOW,
  );

  it(
    'lays a unit report out for its People’s Committee, with its procedure fields and staff categories',
    async () => {
      const text = pdfText(await renderReportPdf(unitSnapshot()));
      expectInOrder(text, [
        'THÀNH PHỐ HUẾ',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'UBND PHƯỜNG THUẬN HÓA',
        '/BC-UBND',
        'Quý 1/2026',
        'Phường Thuận Hóa đạt 82,5 điểm',
        'Hồ sơ theo lĩnh vực',
        'Hộ tịch',
        'Đất đai',
        'TM. ỦY BAN NHÂN DÂN',
        'CHỦ TỊCH',
      ]);
      expect(text).not.toContain('PHỤ LỤC');
    },
    SLOW,
  );

  it(
    'gives the same bytes for the same snapshot, in a render worker or on the main thread at another time',
    async () => {
      const first = await renderReportPdf(provinceSnapshot());
      configurePdfRendering({ workers: 0 });
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2031-07-09T13:37:11Z'));
      const second = await renderReportPdf(provinceSnapshot());
      vi.useRealTimers();
      expect(second.equals(first)).toBe(true);
      expect(pdfInfo(first)).toMatch(/CreationDate:\s+2026-03-02T01:15:00/);
    },
    SLOW,
  );

  it('renumbers the ids ECharts counts per process, so a chart is the same SVG each time', () => {
    const a = barChartSvg({ title: 'T', labels: ['a', 'b'], values: [1, 2] });
    const b = barChartSvg({ title: 'T', labels: ['a', 'b'], values: [1, 2] });
    expect(a).not.toBe(b);
    expect(stableSvgIds(a)).toBe(stableSvgIds(b));
  });
});
