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

type Column = { header: string; width: number; format?: string };

export const SHEETS = {
  summary: 'Tổng hợp',
  units: 'Đơn vị',
  alerts: 'Cảnh báo',
  trend: 'Xu hướng',
  fields: 'Lĩnh vực',
  categories: 'Nhóm công chức',
} as const;

export const UNIT_COLUMNS: Column[] = [
  { header: 'Mã đơn vị', width: 12 },
  { header: 'Tên đơn vị', width: 28 },
  { header: 'Loại', width: 10 },
  { header: 'Dân số', width: 10 },
  { header: 'Miền núi', width: 9 },
  { header: 'Quy mô', width: 11 },
  { header: 'Điểm 766', width: 10, format: '0.0' },
  { header: 'Xếp loại', width: 11 },
  { header: 'Đủ số liệu', width: 10 },
  { header: 'Điểm kỳ trước', width: 12, format: '0.0' },
  { header: 'So kỳ trước', width: 11 },
  { header: 'Tỉ lệ đúng hạn (2.1)', width: 14, format: PERCENT },
  { header: 'Tỉ lệ trực tuyến (3.3)', width: 14, format: PERCENT },
  { header: 'Mức độ hài lòng (5.4)', width: 14, format: PERCENT },
  { header: 'Hồ sơ tồn cuối kỳ', width: 12 },
  { header: 'Hồ sơ quá hạn', width: 12 },
  { header: 'Số người làm việc', width: 12 },
  { header: 'Định mức', width: 10 },
  { header: 'Chênh lệch so định mức', width: 14 },
  { header: 'WISN cần', width: 10, format: DECIMAL },
  { header: 'WISN hiện có', width: 12, format: DECIMAL },
  { header: 'Tỉ số WISN', width: 10, format: DECIMAL },
  { header: 'Nhóm thiếu người nhất', width: 36 },
  { header: 'Số người được bố trí', width: 12 },
  { header: 'Tỉ lệ đáp ứng yêu cầu VTVL', width: 14, format: PERCENT },
  { header: 'Năng lực thiếu hụt nhiều nhất', width: 40 },
  { header: 'Đào tạo: kế hoạch', width: 12 },
  { header: 'Đào tạo: hoàn thành', width: 12 },
  { header: 'Đào tạo: tỉ lệ', width: 12, format: PERCENT },
];

function sheet(wb: ExcelJS.Workbook, name: string, columns: Column[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.format) col.numFmt = c.format;
  });
  const head = ws.addRow(columns.map((c) => safeCell(c.header)));
  head.font = { bold: true };
  return ws;
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

function unitsSheet(wb: ExcelJS.Workbook, s: ReportSnapshot): void {
  const ws = sheet(wb, SHEETS.units, UNIT_COLUMNS);
  for (const u of s.units)
    add(ws, [
      u.code,
      u.name,
      UNIT_KIND[u.kind] ?? u.kind,
      u.population,
      u.isMountainous ? 'Có' : 'Không',
      u.size === null ? null : SIZE[u.size],
      u.score,
      BAND[u.band],
      u.complete ? 'Có' : 'Chưa',
      u.previousScore,
      TREND[u.scoreTrend],
      u.onTimeShare,
      u.onlineShare,
      u.satisfaction,
      u.backlog,
      u.overdue,
      u.headcount,
      u.norm,
      u.normDifference,
      u.wisnRequired,
      u.wisnActual,
      u.wisnRatio,
      u.shortFields.map((f) => fieldName(s, f.field)).join('; ') || null,
      u.fitPlaced,
      u.fitShare,
      u.gaps.map((g) => `${g.nameVi} (${g.staffBelow})`).join('; ') || null,
      u.training?.planned ?? null,
      u.training?.completed ?? null,
      u.training?.share ?? null,
    ]);
}

function alertsSheet(wb: ExcelJS.Workbook, s: ReportSnapshot): void {
  const ws = sheet(wb, SHEETS.alerts, [
    { header: 'Loại cảnh báo', width: 40 },
    { header: 'Mã đơn vị', width: 12 },
    { header: 'Tên đơn vị', width: 28 },
    { header: 'Đối tượng', width: 36 },
    { header: 'Thời hạn', width: 24 },
    { header: 'Giá trị', width: 10, format: DECIMAL },
  ]);
  for (const a of s.alerts)
    add(ws, [
      ALERT_KIND[a.kind],
      a.unit?.code ?? null,
      a.unit?.name ?? 'cấp tỉnh',
      a.kind === 'WISN_LOW' ? fieldName(s, a.subject) : a.subject,
      a.at,
      a.value,
    ]);
}

function trendSheet(wb: ExcelJS.Workbook, s: ReportSnapshot): void {
  const ws = sheet(wb, SHEETS.trend, [
    { header: 'Tháng (từ ngày)', width: 16 },
    { header: 'Điểm 766', width: 12, format: '0.0' },
    { header: 'Tỉ lệ đúng hạn (2.1)', width: 16, format: PERCENT },
  ]);
  for (const m of s.trend) add(ws, [m.from, m.score, m.onTimeShare]);
}

function fieldsSheet(wb: ExcelJS.Workbook, s: ReportSnapshot): void {
  const ws = sheet(wb, SHEETS.fields, [
    { header: 'Mã lĩnh vực', width: 24 },
    { header: 'Lĩnh vực', width: 36 },
    { header: 'Phòng chuyên môn', width: 28 },
    { header: 'Tiếp nhận', width: 10 },
    { header: 'Đã giải quyết', width: 12 },
    { header: 'Giải quyết đúng hạn', width: 14 },
    { header: 'Tỉ lệ đúng hạn', width: 12, format: PERCENT },
    { header: 'Tồn cuối kỳ', width: 10 },
    { header: 'Quá hạn', width: 10 },
  ]);
  for (const f of s.fields)
    add(ws, [f.field, fieldName(s, f.field), f.department, f.received, f.finished, f.finishedOnTime, f.onTimeShare, f.backlog, f.overdue]);
}

function categoriesSheet(wb: ExcelJS.Workbook, s: ReportSnapshot): void {
  const ws = sheet(wb, SHEETS.categories, [
    { header: 'Mã nhóm', width: 24 },
    { header: 'Nhóm công chức', width: 36 },
    { header: 'Trạng thái WISN', width: 14 },
    { header: 'WISN cần', width: 10, format: DECIMAL },
    { header: 'WISN hiện có', width: 12, format: DECIMAL },
    { header: 'Tỉ số WISN', width: 10, format: DECIMAL },
    { header: 'Số người được bố trí', width: 12 },
    { header: 'Tỉ lệ đáp ứng yêu cầu VTVL', width: 14, format: PERCENT },
    { header: 'Năng lực thiếu hụt nhiều nhất', width: 40 },
  ]);
  for (const c of s.categories)
    add(ws, [
      c.field,
      fieldName(s, c.field),
      c.wisnStatus,
      c.wisnRequired,
      c.wisnActual,
      c.wisnRatio,
      c.fitPlaced,
      c.fitShare,
      c.gaps.map((g) => `${g.nameVi} (${g.staffBelow})`).join('; ') || null,
    ]);
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
  unitsSheet(wb, s);
  alertsSheet(wb, s);
  trendSheet(wb, s);
  if (s.scope.unit !== null) {
    fieldsSheet(wb, s);
    categoriesSheet(wb, s);
  }
  return pinZipTimes(Buffer.from(await wb.xlsx.writeBuffer()), at);
}
