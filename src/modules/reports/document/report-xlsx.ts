/**
 * The figures under a periodic report as an XLSX workbook: Tổng hợp (header and totals), Đơn
 * vị (one row per unit with every figure), Cảnh báo, Xu hướng, and for a unit report Lĩnh vực
 * and Nhóm công chức. Shares stay numbers between 0 and 1 with a percent format, counts stay
 * integers, so a reader can recompute; every text cell goes through safeCell (formula-injection
 * neutralising). Deterministic: the workbook's dates come from the snapshot and the archive's
 * entry times are pinned to builtAt, so the same snapshot gives the same bytes.
 */
import ExcelJS from 'exceljs';
import { type OutCell, safeCell } from '../../../platform/xlsx/safe-cells.ts';
import type { ReportSnapshot } from '../report-snapshot.ts';
import { pinZipTimes } from './pin-zip-times.ts';
import {
  ALERT_KIND,
  ALERT_KINDS,
  BAND,
  fieldName,
  lastDayOf,
  periodLabel,
  SIZE,
  scopeName,
  TEXT,
  TREND,
  titleLine,
  UNIT_KIND,
} from './report-text.ts';

const PERCENT = '0.0%';
const DECIMAL = '0.00';

/** A column of a table sheet: its header, width and format next to the value it shows of a row. */
type Column<Row> = { header: string; width: number; format?: string; value: (row: Row) => OutCell };
type Unit = ReportSnapshot['units'][number];
type Alert = ReportSnapshot['alerts'][number];
type Month = ReportSnapshot['trend'][number];
type Field = ReportSnapshot['fields'][number];
type Category = ReportSnapshot['categories'][number];

export const SHEETS = {
  summary: 'Tổng hợp',
  units: 'Đơn vị',
  alerts: 'Cảnh báo',
  trend: 'Xu hướng',
  fields: 'Lĩnh vực',
  categories: 'Nhóm công chức',
} as const;

const gapList = (gaps: Unit['gaps']) => gaps.map((g) => `${g.nameVi} (${g.staffBelow})`).join('; ') || null;

/** One row per unit with every figure of the report (the names need the snapshot's field names). */
export const unitColumns = (s: ReportSnapshot): Column<Unit>[] => [
  { header: 'Mã đơn vị', width: 12, value: (u) => u.code },
  { header: 'Tên đơn vị', width: 28, value: (u) => u.name },
  { header: 'Loại', width: 10, value: (u) => UNIT_KIND[u.kind] ?? u.kind },
  { header: 'Dân số', width: 10, value: (u) => u.population },
  { header: 'Miền núi', width: 9, value: (u) => (u.isMountainous ? 'Có' : 'Không') },
  { header: 'Quy mô', width: 11, value: (u) => (u.size === null ? null : SIZE[u.size]) },
  { header: 'Điểm 766', width: 10, format: '0.0', value: (u) => u.score },
  { header: 'Xếp loại', width: 11, value: (u) => BAND[u.band] },
  { header: 'Đủ số liệu', width: 10, value: (u) => (u.complete ? 'Có' : 'Chưa') },
  { header: 'Điểm kỳ trước', width: 12, format: '0.0', value: (u) => u.previousScore },
  { header: 'So kỳ trước', width: 11, value: (u) => TREND[u.scoreTrend] },
  { header: 'Tỉ lệ đúng hạn (2.1)', width: 14, format: PERCENT, value: (u) => u.onTimeShare },
  { header: 'Tỉ lệ trực tuyến (3.3)', width: 14, format: PERCENT, value: (u) => u.onlineShare },
  { header: 'Mức độ hài lòng (5.4)', width: 14, format: PERCENT, value: (u) => u.satisfaction },
  { header: 'Hồ sơ tồn cuối kỳ', width: 12, value: (u) => u.backlog },
  { header: 'Hồ sơ quá hạn', width: 12, value: (u) => u.overdue },
  { header: 'Số người làm việc', width: 12, value: (u) => u.headcount },
  { header: 'Định mức', width: 10, value: (u) => u.norm },
  { header: 'Chênh lệch so định mức', width: 14, value: (u) => u.normDifference },
  { header: 'WISN cần', width: 10, format: DECIMAL, value: (u) => u.wisnRequired },
  { header: 'WISN hiện có', width: 12, format: DECIMAL, value: (u) => u.wisnActual },
  { header: 'Tỉ số WISN', width: 10, format: DECIMAL, value: (u) => u.wisnRatio },
  { header: 'Nhóm thiếu người nhất', width: 36, value: (u) => u.shortFields.map((f) => fieldName(s, f.field)).join('; ') || null },
  { header: 'Số người được bố trí', width: 12, value: (u) => u.fitPlaced },
  { header: 'Tỉ lệ đáp ứng yêu cầu VTVL', width: 14, format: PERCENT, value: (u) => u.fitShare },
  { header: 'Năng lực thiếu hụt nhiều nhất', width: 40, value: (u) => gapList(u.gaps) },
  { header: 'Đào tạo: kế hoạch', width: 12, value: (u) => u.training?.planned ?? null },
  { header: 'Đào tạo: hoàn thành', width: 12, value: (u) => u.training?.completed ?? null },
  { header: 'Đào tạo: tỉ lệ', width: 12, format: PERCENT, value: (u) => u.training?.share ?? null },
];

const alertColumns = (s: ReportSnapshot): Column<Alert>[] => [
  { header: 'Loại cảnh báo', width: 40, value: (a) => ALERT_KIND[a.kind] },
  { header: 'Mã đơn vị', width: 12, value: (a) => a.unit?.code ?? null },
  { header: 'Tên đơn vị', width: 28, value: (a) => a.unit?.name ?? 'cấp tỉnh' },
  { header: 'Đối tượng', width: 36, value: (a) => (a.kind === 'WISN_LOW' ? fieldName(s, a.subject) : a.subject) },
  { header: 'Thời hạn', width: 24, value: (a) => a.at },
  { header: 'Giá trị', width: 10, format: DECIMAL, value: (a) => a.value },
];

const TREND_COLUMNS: Column<Month>[] = [
  { header: 'Tháng (từ ngày)', width: 16, value: (m) => m.from },
  { header: 'Điểm 766', width: 12, format: '0.0', value: (m) => m.score },
  { header: 'Tỉ lệ đúng hạn (2.1)', width: 16, format: PERCENT, value: (m) => m.onTimeShare },
];

const fieldColumns = (s: ReportSnapshot): Column<Field>[] => [
  { header: 'Mã lĩnh vực', width: 24, value: (f) => f.field },
  { header: 'Lĩnh vực', width: 36, value: (f) => fieldName(s, f.field) },
  { header: 'Phòng chuyên môn', width: 28, value: (f) => f.department },
  { header: 'Tiếp nhận', width: 10, value: (f) => f.received },
  { header: 'Đã giải quyết', width: 12, value: (f) => f.finished },
  { header: 'Giải quyết đúng hạn', width: 14, value: (f) => f.finishedOnTime },
  { header: 'Tỉ lệ đúng hạn', width: 12, format: PERCENT, value: (f) => f.onTimeShare },
  { header: 'Tồn cuối kỳ', width: 10, value: (f) => f.backlog },
  { header: 'Quá hạn', width: 10, value: (f) => f.overdue },
];

const categoryColumns = (s: ReportSnapshot): Column<Category>[] => [
  { header: 'Mã nhóm', width: 24, value: (c) => c.field },
  { header: 'Nhóm công chức', width: 36, value: (c) => fieldName(s, c.field) },
  { header: 'Trạng thái WISN', width: 14, value: (c) => c.wisnStatus },
  { header: 'WISN cần', width: 10, format: DECIMAL, value: (c) => c.wisnRequired },
  { header: 'WISN hiện có', width: 12, format: DECIMAL, value: (c) => c.wisnActual },
  { header: 'Tỉ số WISN', width: 10, format: DECIMAL, value: (c) => c.wisnRatio },
  { header: 'Số người được bố trí', width: 12, value: (c) => c.fitPlaced },
  { header: 'Tỉ lệ đáp ứng yêu cầu VTVL', width: 14, format: PERCENT, value: (c) => c.fitShare },
  { header: 'Năng lực thiếu hụt nhiều nhất', width: 40, value: (c) => gapList(c.gaps) },
];

/** A sheet with a bold header row and one row per item, each column formatted as it says. */
function tableSheet<Row>(wb: ExcelJS.Workbook, name: string, columns: Column<Row>[], rows: readonly Row[]): void {
  const ws = wb.addWorksheet(name);
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.format) col.numFmt = c.format;
  });
  const head = ws.addRow(columns.map((c) => safeCell(c.header)));
  head.font = { bold: true };
  for (const row of rows) ws.addRow(columns.map((c) => safeCell(c.value(row))));
}

const add = (ws: ExcelJS.Worksheet, cells: readonly OutCell[]) => ws.addRow(cells.map(safeCell));

function summarySheet(wb: ExcelJS.Workbook, s: ReportSnapshot): void {
  const ws = wb.addWorksheet(SHEETS.summary);
  ws.getColumn(1).width = 40;
  ws.getColumn(2).width = 40;
  const title = add(ws, [`${TEXT.report}: ${titleLine(s)}`]);
  title.font = { bold: true };
  const r = s.sources.overviewAlertsRule;
  const t = s.totals;
  const facts: [string, OutCell, string?][] = [
    ['Tỉnh, thành phố', s.scope.provinceName],
    ['Mã tỉnh', s.scope.provinceCode],
    ['Phạm vi', s.scope.unit === null ? TEXT.wholeProvince : s.scope.unit.name],
    ['Mã đơn vị', s.scope.unit?.code ?? null],
    ['Kỳ báo cáo', periodLabel(s.period)],
    ['Từ ngày', s.period.from],
    ['Đến hết ngày', lastDayOf(s.period)],
    ['Kỳ so sánh: từ ngày', s.previous.from],
    ['Lập lúc (UTC)', s.builtAt],
    ['Hồ sơ quá hạn tính đến (UTC)', s.dataAsOf],
    ['Quy tắc cảnh báo (overview.alerts): phiên bản', r.version],
    ['Quy tắc cảnh báo: hiệu lực từ', r.effectiveFrom],
    ['Báo trước (ngày làm việc)', r.dueWithinWorkingDays],
    ['Ngưỡng tỉ lệ đúng hạn', r.onTimeShareBelow, PERCENT],
    ['Ngưỡng tỉ số WISN', r.wisnRatioBelow, DECIMAL],
    ['Lượt tính WISN số', s.sources.wisnRunId],
    ['Kế hoạch đào tạo số', s.sources.trainingPlanId],
    ['Số đơn vị', t.units],
    [`Điểm Bộ chỉ số 766 (${scopeName(s)})`, t.score, '0.0'],
    ['Xếp loại', BAND[t.band]],
    ['Đủ số liệu', t.complete ? 'Có' : 'Chưa'],
    ['Tỉ lệ đúng hạn (2.1)', t.onTimeShare, PERCENT],
    ['Tỉ lệ trực tuyến (3.3)', t.onlineShare, PERCENT],
    ['Mức độ hài lòng (5.4)', t.satisfaction, PERCENT],
    ['Hồ sơ tồn cuối kỳ', t.backlog],
    ['Hồ sơ quá hạn', t.overdue],
  ];
  for (const [label, value, format] of facts) {
    const row = add(ws, [label, value]);
    if (format) row.getCell(2).numFmt = format;
  }
  add(ws, []);
  add(ws, ['Số đơn vị theo xếp loại 766']).font = { bold: true };
  for (const [band, count] of Object.entries(s.bands)) add(ws, [BAND[band as keyof typeof BAND], count]);
  add(ws, []);
  add(ws, ['Số cảnh báo theo loại']).font = { bold: true };
  for (const k of ALERT_KINDS) add(ws, [ALERT_KIND[k], s.alertTotals[k]]);
  add(ws, []);
  add(ws, ['Số người còn thiếu theo nhóm công việc (WISN)']).font = { bold: true };
  for (const g of s.fieldGaps) add(ws, [fieldName(s, g.field), g.gap]).getCell(2).numFmt = DECIMAL;
}

export async function renderReportXlsx(s: ReportSnapshot): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const at = new Date(s.builtAt);
  wb.creator = 'Cadre';
  wb.lastModifiedBy = 'Cadre';
  wb.title = `${TEXT.report} ${titleLine(s)}`;
  wb.created = at;
  wb.modified = at;
  summarySheet(wb, s);
  tableSheet(wb, SHEETS.units, unitColumns(s), s.units);
  tableSheet(wb, SHEETS.alerts, alertColumns(s), s.alerts);
  tableSheet(wb, SHEETS.trend, TREND_COLUMNS, s.trend);
  if (s.scope.unit !== null) {
    tableSheet(wb, SHEETS.fields, fieldColumns(s), s.fields);
    tableSheet(wb, SHEETS.categories, categoryColumns(s), s.categories);
  }
  return pinZipTimes(Buffer.from(await wb.xlsx.writeBuffer()), at);
}
