import ExcelJS from 'exceljs';
import type { Translate } from '../../platform/i18n/index.ts';
import { safeCell } from '../../platform/xlsx/safe-cells.ts';
import type { ScorecardResponse } from './scorecard.schemas.ts';
import { entryLine } from './supplied/supplied-text.ts';

/** The header row of the export, in Vietnamese whatever the page language (the workbook is filed). */
export const XLSX_HEADERS = [
  'Mã chỉ số',
  'Nhóm',
  'Tử số',
  'Mẫu số',
  'Tỷ lệ',
  'Ngưỡng',
  'Điểm',
  'Điểm tối đa',
  'Trạng thái',
  'Cách tính',
  'Số liệu nhập bổ sung',
];

/**
 * One sheet with every indicator; numbers stay numbers (rates as fractions with a % format).
 * The card passed in must be rendered in Vietnamese (its explanation texts are written out),
 * and the hand-entered rows behind an indicator are listed one per line.
 */
export async function scorecardWorkbook(card: ScorecardResponse, tVi: Translate): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Chỉ số 766');
  ws.addRow(XLSX_HEADERS).font = { bold: true };
  for (const g of card.groups) {
    for (const i of g.indicators) {
      ws.addRow([
        i.code,
        tVi(`scorecard.group.${g.group}`),
        i.numerator,
        i.denominator,
        i.rate,
        i.threshold,
        Number(i.points.toFixed(4)),
        i.maxPoints,
        tVi(`scorecard.status.${i.status}`),
        i.explanation.text,
        // Source notes are typed by users: neutralised like every free-text cell.
        safeCell((i.supplied?.entries ?? []).map((e) => entryLine(tVi, e)).join('\n') || null),
      ]);
    }
  }
  ws.addRow(['Tổng', tVi(`scorecard.band.${card.band}`), null, null, null, null, Number(card.total.toFixed(4)), 100]);
  ws.getColumn(5).numFmt = '0.0%';
  ws.getColumn(6).numFmt = '0%';
  ws.getColumn(1).width = 10;
  ws.getColumn(2).width = 28;
  ws.getColumn(10).width = 60;
  ws.getColumn(11).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
