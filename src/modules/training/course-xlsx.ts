/**
 * The course catalogue as an XLSX workbook, out and back in. One sheet, one course per row,
 * list cells as text ("5, 5, 2"; "GEN.LAW 3; DIG.1 2"), so an exported catalogue imports
 * into another province unchanged. Text cells out are formula-neutralised; cells in are read
 * with the platform's one cell reader, and a formula or error cell is refused, never evaluated.
 */
import ExcelJS from 'exceljs';
import { type CellRead, readCell, safeCell } from '../../platform/xlsx/safe-cells.ts';
import { openWorkbook } from '../../platform/xlsx/workbook-file.ts';
import type { FormValues } from './course-form.ts';
import type { CourseRecord } from './training.repository.ts';

export const SHEET = 'Khoa hoc';

/** Column key (the form field it fills) and its Vietnamese header. */
export const COLUMNS = [
  ['code', 'Mã khóa học'],
  ['nameVi', 'Tên tiếng Việt'],
  ['nameEn', 'Tên tiếng Anh'],
  ['contentType', 'Loại nội dung'],
  ['mode', 'Hình thức'],
  ['provider', 'Cơ sở đào tạo'],
  ['location', 'Địa điểm'],
  ['durationDays', 'Số ngày'],
  ['sessions', 'Các đợt (ngày)'],
  ['classCapacity', 'Sĩ số tối đa'],
  ['minClassSize', 'Sĩ số tối thiểu'],
  ['costPerClass', 'Chi phí một lớp (đồng)'],
  ['costPerParticipant', 'Chi phí một học viên (đồng)'],
  ['fundingSource', 'Nguồn kinh phí'],
  ['prerequisites', 'Khóa tiên quyết'],
  ['competencies', 'Năng lực (mã mức; …)'],
  ['targetRanks', 'Ngạch'],
  ['positionGroups', 'Nhóm vị trí'],
  ['fields', 'Lĩnh vực'],
  ['programmeMonths', 'Sau đại học: số tháng'],
  ['minServiceYears', 'Sau đại học: số năm công tác'],
  ['maxAgeAtFirstSending', 'Sau đại học: tuổi tối đa'],
  ['commitmentMultiple', 'Sau đại học: hệ số cam kết'],
  ['effectiveFrom', 'Áp dụng từ'],
  ['effectiveTo', 'Áp dụng đến'],
  ['status', 'Trạng thái'],
] as const;
export type ColumnKey = (typeof COLUMNS)[number][0];

const n = (v: number | null | undefined) => (v === null || v === undefined ? null : v);

function rowOf(c: CourseRecord): (string | number | null)[] {
  const pg = c.eligibility.postgraduate;
  const values: Record<ColumnKey, string | number | null> = {
    code: c.code,
    nameVi: c.nameVi,
    nameEn: c.nameEn,
    contentType: c.contentType,
    mode: c.mode,
    provider: c.provider,
    location: c.location,
    durationDays: c.durationDays,
    sessions: c.sessions.map((s) => s.days).join(', '),
    classCapacity: c.classCapacity,
    minClassSize: c.minClassSize,
    costPerClass: c.costPerClass,
    costPerParticipant: c.costPerParticipant,
    fundingSource: c.fundingSource,
    prerequisites: c.prerequisites.join(', '),
    competencies: c.competencies.map((x) => `${x.competencyCode} ${x.raisesToLevel}`).join('; '),
    targetRanks: c.eligibility.targetRanks.join(', '),
    positionGroups: c.eligibility.positionGroups.join(', '),
    fields: c.eligibility.fields.join(', '),
    programmeMonths: n(pg?.programmeMonths),
    minServiceYears: n(pg?.minServiceYears),
    maxAgeAtFirstSending: n(pg?.maxAgeAtFirstSending),
    commitmentMultiple: n(pg?.commitmentMultiple),
    effectiveFrom: c.effectiveFrom,
    effectiveTo: c.effectiveTo,
    status: c.status,
  };
  return COLUMNS.map(([key]) => values[key]);
}

/** The catalogue as a workbook (a few hundred rows at most, so built in memory). */
export async function writeCoursesXlsx(courses: readonly CourseRecord[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Cadre';
  const ws = wb.addWorksheet(SHEET);
  ws.addRow(COLUMNS.map(([, header]) => header)).font = { bold: true };
  for (const c of courses) ws.addRow(rowOf(c).map((v) => safeCell(v)));
  ws.columns.forEach((col, i) => {
    col.width = i < 3 || i === 5 ? 40 : 16;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type CellProblem = {
  row: number;
  column: string;
  reason: 'FORMULA' | 'ERROR_VALUE' | 'HEADER' | 'FILE' | 'TOO_MANY_ROWS' | 'NO_ROWS';
};
export type ReadRows = { ok: true; rows: { row: number; values: FormValues }[] } | { ok: false; problems: CellProblem[] };

function textOf(cell: CellRead): string | null {
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return cell.text.trim();
    case 'number':
      return String(cell.value);
    case 'boolean':
      return String(cell.value);
    case 'date':
      return cell.date;
    default:
      return null;
  }
}

/** Columns whose cell is a list the form reads from repeated fields. */
const LIST_COLUMNS: ReadonlySet<ColumnKey> = new Set(['targetRanks', 'positionGroups']);

/**
 * Reads the rows of the first sheet into form values (the same shape the HTML form posts), or
 * the problems that stop the file being read at all: not a workbook, wrong headers, formula or
 * error cells, more rows than `maxRows`.
 */
export async function readCoursesXlsx(bytes: Buffer, maxRows: number, maxInflatedBytes = 20 * 1024 * 1024): Promise<ReadRows> {
  const opened = await openWorkbook(bytes, maxInflatedBytes);
  if (!opened.ok) return { ok: false, problems: [{ row: 0, column: '', reason: 'FILE' }] };
  const ws = opened.workbook.worksheets[0];
  if (!ws) return { ok: false, problems: [{ row: 0, column: '', reason: 'FILE' }] };
  const header = COLUMNS.map((_, i) => textOf(readCell(ws.getRow(1).getCell(i + 1))));
  const wrong = COLUMNS.filter(([, h], i) => header[i] !== h);
  if (wrong.length > 0) return { ok: false, problems: wrong.map(([, h]) => ({ row: 1, column: h, reason: 'HEADER' as const })) };
  if (ws.rowCount - 1 > maxRows) return { ok: false, problems: [{ row: 0, column: '', reason: 'TOO_MANY_ROWS' }] };
  const problems: CellProblem[] = [];
  const rows: { row: number; values: FormValues }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const values: FormValues = {};
    let filled = false;
    COLUMNS.forEach(([key, h], i) => {
      const cell = readCell(row.getCell(i + 1));
      if (cell.kind === 'formula' || cell.kind === 'error') {
        problems.push({ row: r, column: h, reason: cell.kind === 'formula' ? 'FORMULA' : 'ERROR_VALUE' });
        filled = true;
        return;
      }
      const text = textOf(cell) ?? '';
      if (text !== '') filled = true;
      if (key === 'competencies') values[key] = text.split(';').join('\n');
      else if (LIST_COLUMNS.has(key)) values[key] = text.split(/[,;\s]+/).filter(Boolean);
      else values[key] = text;
    });
    if (!filled) continue;
    if (values.programmeMonths !== '') values.postgraduate = 'on';
    rows.push({ row: r, values });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0) return { ok: false, problems: [{ row: 0, column: '', reason: 'NO_ROWS' }] };
  return { ok: true, rows };
}
