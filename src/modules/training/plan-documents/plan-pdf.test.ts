import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../platform/i18n/index.ts';
import { makePlanDocument } from './plan-document.ts';
import { docA } from './plan-documents.fixtures.ts';
import { officialDateParts, placeOf, planPdf } from './plan-pdf.ts';

const vi = translator('vi');
/** pdfmake loads its fonts on first use; on a shared machine that alone can take seconds. */
const SLOW = 60_000;

/** pdftotext (poppler-utils) extracts the text layer, so the test reads what a reader would copy. */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cadre-plan-'));
  const file = path.join(dir, 'plan.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
}

describe('official date and place', () => {
  it('writes days below 10 and the months January and February with a leading zero (Decree 30/2020)', () => {
    expect(officialDateParts('2026-02-03')).toEqual({ day: '03', month: '02', year: '2026' });
    expect(officialDateParts('2026-03-15')).toEqual({ day: '15', month: '3', year: '2026' });
    expect(officialDateParts('2026-11-05')).toEqual({ day: '05', month: '11', year: '2026' });
  });

  it('takes the place from the province name without its kind', () => {
    expect(placeOf('Thành phố Huế')).toBe('Huế');
    expect(placeOf('Tỉnh Quảng Trị')).toBe('Quảng Trị');
    expect(placeOf('Đà Nẵng')).toBe('Đà Nẵng');
  });
});

describe('planPdf', () => {
  it(
    'is a PDF in the layout of an official plan: heading, number and date, title, sections I–IV, recipients, signature, annexes',
    async () => {
      const pdf = await planPdf(docA(), vi, 'vi', { signer: { name: 'Nguyễn Văn Phương' } });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(pdf);
      const order = [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        '/KH-UBND',
        // generatedAt 2026-02-03T02:30Z is 3 February in Vietnam.
        'Huế, ngày 03 tháng 02 năm 2026',
        'KẾ HOẠCH',
        'Đào tạo, bồi dưỡng cán bộ, công chức giai đoạn 2026–2027',
        'Căn cứ Nghị định số 171/2025/NĐ-CP',
        'I. MỤC ĐÍCH, YÊU CẦU',
        'II. NỘI DUNG',
        '1. Năm 2026',
        '2. Năm 2027',
        'III. KINH PHÍ',
        'IV. TỔ CHỨC THỰC HIỆN',
        'Nơi nhận:',
        'Nguyễn Văn Phương',
        'Phụ lục I',
        'Phụ lục II',
      ];
      let at = -1;
      for (const s of order) {
        const i = text.indexOf(s, at + 1);
        expect(i, s).toBeGreaterThan(at);
        at = i;
      }
      for (const s of [
        'ỦY BAN NHÂN DÂN',
        'THÀNH PHỐ HUẾ',
        'TM. ỦY BAN NHÂN DÂN',
        'CHỦ TỊCH',
        // Section II: LAW.01's two 2026 classes in one row (4 participants, 46 000 000), then the year's sum.
        'LAW.01 – Kỹ năng',
        '46.000.000',
        '52.000.000',
        // Section III: totals against the budget.
        'Tổng kinh phí thực hiện kế hoạch: 64.000.000 đồng',
        '205.000.000',
        '141.000.000',
        'Cộng năm 2027',
        // The solver line under the title.
        'Tối ưu',
        // The participant annex with the why.
        'Lê Văn Cường',
        'Năng lực Pháp luật lên mức 4 (trọng số 3)',
        'Ngân sách nhà nước',
      ])
        expect(text, s).toContain(s);
      // Section I counts: 10 needs met (weights 18,5) of 5 people in 4 classes of 3 courses.
      expect(text.replace(/\s+/g, ' ')).toContain(
        'đáp ứng 10 nhu cầu về năng lực và chương trình bắt buộc (tổng trọng số 18,5) của 5 người qua 4 lớp thuộc 3 khóa học',
      );
      expect(text).not.toContain('undefined');
      expect(text).not.toContain('null');
    },
    SLOW,
  );

  it(
    'prints the number, date and place given, and caps the participant annex with a note',
    async () => {
      const text = pdfText(await planPdf(docA(), vi, 'vi', { number: '125', date: '2026-11-05', place: 'Thuận Hóa', maxAnnexRows: 3 }));
      expect(text).toContain('Số: 125/KH-UBND');
      expect(text).toContain('Thuận Hóa, ngày 05 tháng 11 năm 2026');
      expect(text).toContain('Phụ lục in 3 trên 8 lượt học viên');
      // Rows 1–3 are Dung and An (DIG.01), An (LAW.01); Cường and Em come later and only in the annex.
      expect(text).toContain('Phạm Thị Dung');
      expect(text).not.toContain('Lê Văn Cường');
      expect(text).not.toContain('Hoàng Văn Em');
    },
    SLOW,
  );

  it(
    'renders a plan without classes',
    async () => {
      const text = pdfText(await planPdf(makePlanDocument({ ...docA(), classes: [] }), vi));
      expect(text).toContain('Kế hoạch không có lớp nào.');
      expect(text).toContain('205.000.000');
    },
    SLOW,
  );
});
