import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../platform/i18n/index.ts';
import { readCell } from '../../../platform/xlsx/safe-cells.ts';
import { makePlanDocument, type PlanDocument } from './plan-document.ts';
import { docA } from './plan-documents.fixtures.ts';
import { planWorkbook } from './plan-xlsx.ts';

const vi = translator('vi');

async function load(doc: PlanDocument, locale: 'vi' | 'en' = 'vi') {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await planWorkbook(doc, translator(locale), locale)) as unknown as ArrayBuffer);
  return wb;
}

const values = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);

/** Rows of the summary table, from its header row on. */
function summaryTable(ws: ExcelJS.Worksheet) {
  let header = 0;
  ws.eachRow((row, r) => {
    if (row.getCell(1).value === vi('planDoc.col.year')) header = r;
  });
  expect(header).toBeGreaterThan(0);
  const out: unknown[][] = [];
  for (let r = header; r <= ws.rowCount; r++) out.push(values(ws, r));
  return out;
}

describe('planWorkbook', () => {
  it('has the three sheets with Vietnamese names, in order', async () => {
    const wb = await load(docA());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Lớp học', 'Học viên']);
  });

  it('summarises by year × funding source with subtotals, against the budget', async () => {
    const ws = (await load(docA())).getWorksheet('Tổng hợp');
    if (!ws) throw new Error('no summary sheet');
    expect(values(ws, 1)).toEqual(['Kế hoạch đào tạo, bồi dưỡng: Phương án A']);
    // The facts block: solver and limits as numbers a reader can reuse.
    const facts = new Map<unknown, unknown>();
    for (let r = 2; r <= 15; r++) facts.set(ws.getRow(r).getCell(1).value, ws.getRow(r).getCell(2).value);
    expect(facts.get('Trạng thái lời giải')).toBe('Tối ưu');
    expect(facts.get('Khoảng cách tối ưu (%)')).toBe(0);
    expect(facts.get('Giá trị mục tiêu của phương án tham lam')).toBe(9.5);
    expect(facts.get('Giai đoạn')).toBe('2026–2027');
    expect(facts.get('Lập lúc')).toBe('03/02/2026 09:30');
    expect(facts.get('Số người được cử đi học')).toBe(5);
    expect(summaryTable(ws)).toEqual([
      ['Năm', 'Nguồn kinh phí', 'Số lớp', 'Số học viên', 'Kinh phí kế hoạch (đồng)', 'Dự toán (đồng)', 'Còn lại (đồng)'],
      [2026, 'Ngân sách nhà nước', 2, 4, 46_000_000, 100_000_000, 54_000_000],
      [2026, 'Cơ quan sử dụng công chức', 1, 2, 6_000_000, 20_000_000, 14_000_000],
      ['Cộng năm 2026', '', 3, 6, 52_000_000, 120_000_000, 68_000_000],
      [2027, 'Ngân sách nhà nước', 1, 2, 12_000_000, 80_000_000, 68_000_000],
      [2027, 'Cơ quan sử dụng công chức', 0, 0, 0, 5_000_000, 5_000_000],
      ['Cộng năm 2027', '', 1, 2, 12_000_000, 85_000_000, 73_000_000],
      ['Cả giai đoạn', 'Ngân sách nhà nước', 3, 6, 58_000_000, 180_000_000, 122_000_000],
      ['Cả giai đoạn', 'Cơ quan sử dụng công chức', 1, 2, 6_000_000, 25_000_000, 19_000_000],
      ['Tổng cộng', '', 4, 8, 64_000_000, 205_000_000, 141_000_000],
    ]);
    expect(ws.getColumn(5).numFmt).toBe('#,##0');
  });

  it('lists one row per class with translated labels and the costs as numbers', async () => {
    const ws = (await load(docA())).getWorksheet('Lớp học');
    if (!ws) throw new Error('no classes sheet');
    expect(ws.rowCount).toBe(5);
    expect(values(ws, 1)).toContain('Chi phí học viên (đồng)');
    expect(values(ws, 2)).toEqual([
      2026,
      'DIG.01',
      'Kỹ năng số cơ bản',
      'Khoa học, công nghệ, đổi mới sáng tạo, kỹ năng số và công nghệ số',
      'Trực tuyến',
      'Cơ quan sử dụng công chức',
      1,
      2,
      8,
      2,
      5_000_000,
      1_000_000,
      6_000_000,
    ]);
    expect(values(ws, 4)?.slice(0, 7)).toEqual([
      2026,
      'LAW.01',
      'Kỹ năng áp dụng pháp luật',
      'Kiến thức, kỹ năng quản lý nhà nước',
      'Trực tiếp',
      'Ngân sách nhà nước',
      2,
    ]);
  });

  it('lists one row per attendee with the needs the class closes (the why) and their weight', async () => {
    const ws = (await load(docA())).getWorksheet('Học viên');
    if (!ws) throw new Error('no participants sheet');
    expect(ws.rowCount).toBe(1 + 8);
    // Row order follows the classes: DIG.01 (Dung, An), then LAW.01 class 1 (An, Bình, Cường).
    expect(values(ws, 4)).toEqual([
      2026,
      'LAW.01',
      'Kỹ năng áp dụng pháp luật',
      1,
      1,
      'Nguyễn Văn An',
      'Phường Thuận Hóa',
      'Công chức Tư pháp - Hộ tịch',
      'Năng lực Pháp luật lên mức 3 (trọng số 2,5); Chương trình bắt buộc LAW.01 (trọng số 1)',
      3.5,
    ]);
  });

  it('neutralises text that would run as a formula, and reads back to the same text', async () => {
    const base = docA();
    const first = base.classes[0];
    const someone = first?.participants[0];
    if (!first || !someone) throw new Error('fixture');
    const evil = '=HYPERLINK("http://evil.example","bấm")';
    const doc = makePlanDocument({
      ...base,
      planName: '+cmd|calc',
      classes: [{ ...first, courseName: evil, participants: [{ ...someone, unitName: '@SUM(A1)' }] }],
    });
    const wb = await load(doc);
    const cls = wb.getWorksheet('Lớp học');
    const ppl = wb.getWorksheet('Học viên');
    if (!cls || !ppl) throw new Error('sheets');
    expect(cls.getRow(2).getCell(3).value).toBe(`'${evil}`);
    expect(readCell(cls.getRow(2).getCell(3))).toEqual({ kind: 'text', text: evil });
    expect(ppl.getRow(2).getCell(7).value).toBe("'@SUM(A1)");
    expect(wb.getWorksheet('Tổng hợp')?.getRow(1).getCell(1).value).toBe('Kế hoạch đào tạo, bồi dưỡng: +cmd|calc');
    let formulas = 0;
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => void (c.type === ExcelJS.ValueType.Formula && formulas++)));
    expect(formulas).toBe(0);
  });

  it('writes the headings in the language passed', async () => {
    const wb = await load(docA(), 'en');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary', 'Classes', 'Participants']);
    expect(values(wb.getWorksheet('Participants') as ExcelJS.Worksheet, 4)[8]).toBe(
      'Năng lực Pháp luật lên mức 3 (weight 2.5); Chương trình bắt buộc LAW.01 (weight 1)',
    );
  });
});
