/**
 * The words of the periodic report documents, in Vietnamese whatever the UI language: the
 * report is an official document of a Vietnamese administration (Decree 30/2020 layout), so
 * its text is fixed here in one place, not in the UI catalogues. Figures are written the
 * Vietnamese way (comma decimals, dd/mm/yyyy dates, Asia/Ho_Chi_Minh times).
 */
import { hasMessage, translate } from '../../../platform/i18n/index.ts';
import type { RatingBand } from '../../../platform/rules/defaults/scorecard-766.config.ts';
import { domainToday, formatDate, formatInstant, formatNumber } from '../../../platform/time/format.ts';
import type { ReportAlert, ReportPeriod, ReportSnapshot } from '../report-snapshot.ts';

export const DASH = '–';

export const TEXT = {
  report: 'BÁO CÁO',
  subject: 'Tình hình cung cấp dịch vụ hành chính công, biên chế, vị trí việc làm và đào tạo, bồi dưỡng',
  homeAffairs: 'Sở Nội vụ',
  committee: 'UBND',
  numberProvince: 'Số:        /BC-SNV',
  numberUnit: 'Số:        /BC-UBND',
  s1: 'I. DỊCH VỤ HÀNH CHÍNH CÔNG (BỘ CHỈ SỐ 766)',
  s2: 'II. BIÊN CHẾ VÀ NHU CẦU NHÂN LỰC (ĐỊNH MỨC, WISN)',
  s3: 'III. ĐÁP ỨNG YÊU CẦU VỊ TRÍ VIỆC LÀM',
  s4: 'IV. ĐÀO TẠO, BỒI DƯỠNG',
  s5: 'V. CẢNH BÁO',
  annex: 'PHỤ LỤC: SỐ LIỆU TỪNG ĐƠN VỊ CẤP XÃ',
  recipients: 'Nơi nhận:',
  recipientsProvince: ['- Bộ Nội vụ;', '- UBND tỉnh, thành phố;', '- UBND các xã, phường, đặc khu;', '- Lưu: VT.'],
  recipientsUnit: ['- Sở Nội vụ;', '- Thường trực Đảng ủy, HĐND;', '- Các phòng, Trung tâm PVHCC;', '- Lưu: VT.'],
  signProvince: ['GIÁM ĐỐC'],
  signUnit: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
  chartBands: 'Số đơn vị theo xếp loại Bộ chỉ số 766',
  chartTrend: 'Điểm Bộ chỉ số 766 theo tháng',
  chartGaps: 'Số người còn thiếu theo nhóm công việc (WISN)',
  noData: 'Không có số liệu.',
  noAlerts: 'Không có cảnh báo trong kỳ.',
  noPlan: 'Chưa có kế hoạch đào tạo, bồi dưỡng được lập cho năm nay.',
  noRun: 'Chưa có lượt tính nhu cầu nhân lực theo WISN.',
  total: 'Tổng cộng',
  wholeProvince: 'Toàn tỉnh',
  noField: 'Chưa xác định lĩnh vực',
} as const;

export const BAND: Record<RatingBand, string> = { EXCELLENT: 'Xuất sắc', GOOD: 'Tốt', AVERAGE: 'Trung bình', WEAK: 'Yếu' };
export const TREND: Record<'UP' | 'DOWN' | 'SAME' | 'NONE', string> = { UP: 'Tăng', DOWN: 'Giảm', SAME: 'Không đổi', NONE: DASH };
export const SIZE: Record<'SMALL' | 'MEDIUM' | 'LARGE', string> = { SMALL: 'Nhỏ', MEDIUM: 'Trung bình', LARGE: 'Lớn' };
export const UNIT_KIND: Record<string, string> = { WARD: 'Phường', COMMUNE: 'Xã', SPECIAL_ZONE: 'Đặc khu' };
export const ALERT_KIND: Record<ReportAlert['kind'], string> = {
  DUE_SOON: 'Hồ sơ sắp trễ hẹn chưa có phiếu xin lỗi',
  ON_TIME_LOW: 'Đơn vị có tỉ lệ giải quyết đúng hạn thấp',
  WISN_LOW: 'Nhóm công việc thiếu người theo WISN',
  CAMPAIGN_LATE: 'Đợt đánh giá quá thời hạn chưa khóa kết quả',
};
export const ALERT_KINDS = ['DUE_SOON', 'ON_TIME_LOW', 'WISN_LOW', 'CAMPAIGN_LATE'] as const;

/** A staff category or procedure field code by its Vietnamese catalogue name (resolved when the snapshot is built). */
export function fieldNameVi(code: string): string {
  if (code === '') return TEXT.noField;
  const k = `field.${code}`;
  if (hasMessage(k)) return translate('vi', k);
  const p = `procedureField.${code}`;
  return hasMessage(p) ? translate('vi', p) : code;
}

export const fieldName = (s: ReportSnapshot, code: string) => s.fieldNames[code] ?? (code === '' ? TEXT.noField : code);

/** "tháng 02/2026" or "quý 1/2026". */
export function periodLabel(p: ReportPeriod): string {
  const year = p.from.slice(0, 4);
  const month = Number(p.from.slice(5, 7));
  return p.kind === 'MONTH' ? `tháng ${p.from.slice(5, 7)}/${year}` : `quý ${(month - 1) / 3 + 1}/${year}`;
}

/** The last day of the period (`to` is exclusive), as a date. */
export function lastDayOf(p: ReportPeriod): string {
  const d = new Date(`${p.to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export const periodSpan = (p: ReportPeriod) => `từ ngày ${formatDate(p.from)} đến ngày ${formatDate(lastDayOf(p))}`;

/** Issuing body over the national motto: the Department of Home Affairs for the province, the People's Committee for a unit. */
export function issuerOf(s: ReportSnapshot): { parent: string; unit: string } {
  if (s.scope.unit === null) return { parent: `${TEXT.committee} ${s.scope.provinceName}`, unit: TEXT.homeAffairs };
  return { parent: s.scope.provinceName, unit: `${TEXT.committee} ${s.scope.unit.name}` };
}

/** "Tỉnh Quảng Trị" → "Quảng Trị" (the place in the date line). */
export const placeOf = (name: string) => name.replace(/^\s*(tỉnh|thành phố|tp\.?)\s+/iu, '').trim();

/** Decree 30/2020 date line: days below 10 and the months January and February with a leading zero. */
export function placeDateLine(s: ReportSnapshot): string {
  const [y = '', m = '', d = ''] = domainToday(new Date(s.builtAt)).split('-');
  const month = Number(m) <= 2 ? m : String(Number(m));
  return `${placeOf(s.scope.provinceName)}, ngày ${d} tháng ${month} năm ${y}`;
}

export const scopeName = (s: ReportSnapshot) => (s.scope.unit === null ? s.scope.provinceName : s.scope.unit.name);

export function titleLine(s: ReportSnapshot): string {
  return `${TEXT.subject} ${periodLabel(s.period)}`;
}

/** What the figures were built from, so a reader can trace them (rule version, WISN run, training plan). */
export function sourcesLine(s: ReportSnapshot): string {
  const r = s.sources.overviewAlertsRule;
  return [
    `Số liệu ${periodSpan(s.period)}`,
    `hồ sơ quá hạn, sắp trễ hẹn tính đến ${formatInstant(s.dataAsOf)}`,
    `quy tắc cảnh báo phiên bản ${r.version}`,
    s.sources.wisnRunId === null ? 'chưa có lượt tính WISN' : `lượt tính WISN số ${s.sources.wisnRunId}`,
    s.sources.trainingPlanId === null ? 'chưa có kế hoạch đào tạo' : `kế hoạch đào tạo số ${s.sources.trainingPlanId}`,
    `lập lúc ${formatInstant(s.builtAt)}.`,
  ].join('; ');
}

export function pct(v: number | null): string {
  return v === null ? DASH : `${formatNumber(v * 100, 'vi', 1)} %`;
}

export function dec(v: number | null, digits = 1): string {
  return v === null ? DASH : formatNumber(v, 'vi', digits);
}

export const int = (v: number | null) => (v === null ? DASH : formatNumber(v, 'vi', 0));

export function alertText(s: ReportSnapshot, a: ReportAlert): string {
  const unit = a.unit?.name ?? 'cấp tỉnh';
  switch (a.kind) {
    case 'DUE_SOON':
      return `Hồ sơ ${a.subject} (${unit}) hẹn trả ${formatInstant(a.at)}`;
    case 'ON_TIME_LOW':
      return `${unit}: đúng hạn ${pct(a.value)}`;
    case 'WISN_LOW':
      return `${unit}: ${fieldName(s, a.subject)}, tỉ số WISN ${dec(a.value, 2)}`;
    case 'CAMPAIGN_LATE':
      return `${a.subject} (${unit}) hết hạn ${formatDate(a.at)}, chưa khóa kết quả`;
  }
}

/** A file name without diacritics or spaces: bao-cao-thang-2026-02-T1.pdf, bao-cao-quy-2026-1-T1-X01.xlsx. */
export function reportFileName(s: ReportSnapshot, ext: 'pdf' | 'xlsx'): string {
  const p = s.period;
  const when = p.kind === 'MONTH' ? `thang-${p.from.slice(0, 7)}` : `quy-${p.from.slice(0, 4)}-${(Number(p.from.slice(5, 7)) - 1) / 3 + 1}`;
  const who = [s.scope.provinceCode, s.scope.unit?.code]
    .filter(Boolean)
    .join('-')
    .replace(/[^A-Za-z0-9.-]/g, '_');
  return `bao-cao-${when}-${who}.${ext}`;
}
