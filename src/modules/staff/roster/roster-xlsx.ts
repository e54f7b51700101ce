import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { type OutCell, readCell, safeCell } from '../../../platform/xlsx/safe-cells.ts';
import { INSTRUCTIONS_SHEET, REFERENCE_SHEET, ROSTER_COLUMNS, ROSTER_SHEET } from './roster.columns.ts';
import type { GridRow } from './roster-parse.ts';

/** Workbook layouts of the roster: the template to fill in, the grid an import reads, the export. */

export type TemplateReference = {
  provinceName: string;
  units: { code: string; name: string }[];
  positions: { code: string; name: string; requiredRank: string }[];
  /** Vietnamese labels of the drop-down lists, in order. */
  genders: string[];
  ranks: string[];
  statuses: string[];
  maxRows: number;
  rankLabel: (code: string) => string;
};

type WithValidations = { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } };

function listValidation(values: string[], title: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.map((v) => v.replaceAll('"', '""')).join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'error',
    errorTitle: title,
    error: `Chọn một giá trị trong danh sách: ${values.join(', ')}`,
  };
}

const INSTRUCTIONS = (ref: TemplateReference): string[] => [
  'HƯỚNG DẪN NHẬP DANH SÁCH CÁN BỘ, CÔNG CHỨC',
  '',
  `1. Nhập mỗi người một dòng trên trang "${ROSTER_SHEET}", bắt đầu từ dòng 3. Không sửa dòng 1 (tiêu đề) và dòng 2 (mã trường).`,
  `2. Tối đa ${ref.maxRows} dòng mỗi lần nhập. Các cột có dấu * là bắt buộc.`,
  '3. Ngày tháng ghi theo dạng dd/mm/yyyy (ví dụ 02/09/1985) hoặc định dạng ô là Ngày (Date).',
  '4. Số định danh cá nhân gồm đúng 12 chữ số; định dạng cột là Văn bản (Text) để không mất số 0 đầu. Điện thoại cũng vậy.',
  '5. Giới tính, Ngạch, Tình trạng công tác: chọn trong danh sách thả xuống.',
  `6. Mã đơn vị và Mã vị trí việc làm: lấy ở trang "${REFERENCE_SHEET}".`,
  '7. Không dùng công thức (=...) trong bất kỳ ô nào: tệp có công thức sẽ bị từ chối.',
  '8. Chữ tiếng Việt phải là Unicode (phông Times New Roman, Arial...). Tệp gõ bằng phông TCVN3 (.VnTime) hoặc VNI cần chuyển mã sang Unicode trước (ví dụ bằng Unikey: Công cụ chuyển mã).',
  '9. Họ tên và các nội dung văn bản được giữ nguyên như đã ghi.',
  '10. Nên chạy "Kiểm tra" trước: hệ thống báo lỗi từng dòng, từng cột. Chỉ khi không còn lỗi, toàn bộ danh sách mới được ghi (ghi tất cả hoặc không ghi dòng nào).',
  '11. Người đã có trong hệ thống (trùng số định danh) sẽ bị báo trùng, không ghi đè.',
];

/** The template: the roster sheet with headers, key row and drop-down lists; instructions; reference codes. */
export async function rosterTemplate(ref: TemplateReference): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Cadre';
  const ws = wb.addWorksheet(ROSTER_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = ROSTER_COLUMNS.map((c) => ({ width: c.width }));
  ws.addRow(ROSTER_COLUMNS.map((c) => (c.required ? `${c.header} *` : c.header)));
  ws.addRow(ROSTER_COLUMNS.map((c) => c.key));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).font = { italic: true, color: { argb: 'FF808080' } };
  const last = 2 + ref.maxRows;
  const columnOf = (key: string) => {
    const i = ROSTER_COLUMNS.findIndex((c) => c.key === key);
    return String.fromCharCode(65 + i);
  };
  for (const key of ['citizenId', 'phone', 'birthDate', 'startDate', 'unitCode', 'positionCode']) {
    ws.getColumn(columnOf(key)).numFmt = '@';
  }
  const validations = (ws as unknown as WithValidations).dataValidations;
  validations.add(`${columnOf('gender')}3:${columnOf('gender')}${last}`, listValidation(ref.genders, 'Giới tính'));
  validations.add(`${columnOf('rank')}3:${columnOf('rank')}${last}`, listValidation(ref.ranks, 'Ngạch'));
  validations.add(
    `${columnOf('employmentStatus')}3:${columnOf('employmentStatus')}${last}`,
    listValidation(ref.statuses, 'Tình trạng công tác'),
  );

  const help = wb.addWorksheet(INSTRUCTIONS_SHEET);
  help.getColumn(1).width = 120;
  for (const line of INSTRUCTIONS(ref)) help.addRow([line]);
  help.getRow(1).font = { bold: true };
  help.addRow([]);
  help.addRow(['Cột', 'Mã trường', 'Bắt buộc']).font = { bold: true };
  for (const c of ROSTER_COLUMNS) help.addRow([c.header, c.key, c.required ? 'Có' : '']);

  const codes = wb.addWorksheet(REFERENCE_SHEET);
  codes.columns = [{ width: 14 }, { width: 40 }, { width: 4 }, { width: 14 }, { width: 50 }, { width: 22 }];
  codes.addRow([`Mã đơn vị (${ref.provinceName})`, 'Tên đơn vị', '', 'Mã vị trí', 'Tên vị trí việc làm', 'Ngạch yêu cầu']).font = {
    bold: true,
  };
  const n = Math.max(ref.units.length, ref.positions.length);
  for (let i = 0; i < n; i++) {
    const u = ref.units[i];
    const p = ref.positions[i];
    codes.addRow(
      [u?.code ?? null, u?.name ?? null, null, p?.code ?? null, p?.name ?? null, p ? ref.rankLabel(p.requiredRank) : null].map(safeCell),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A worksheet as a grid of read cells (formulas and errors included, never evaluated). */
export function gridOf(ws: ExcelJS.Worksheet): GridRow[] {
  const rows: GridRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = new Map<number, ReturnType<typeof readCell>>();
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells.set(col, readCell(cell));
    });
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** Streams an export workbook: rows are appended and committed batch by batch, never all held at once. */
export function exportWriter(out: Writable, sheetName: string, header: string[], widths: number[]) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Cadre';
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = widths.map((width) => ({ width }));
  const head = ws.addRow(header.map(safeCell));
  head.font = { bold: true };
  head.commit();
  return {
    /** Every text cell is neutralised against formula injection. */
    add(values: OutCell[]) {
      ws.addRow(values.map(safeCell)).commit();
    },
    async finish() {
      ws.commit();
      await wb.commit();
    },
  };
}
