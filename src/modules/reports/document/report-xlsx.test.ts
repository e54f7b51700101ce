import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReportSnapshot } from '../report-snapshot.ts';
import { dosDateTime, pinZipTimes } from './pin-zip-times.ts';
import { provinceSnapshot, unitSnapshot } from './report-documents.fixtures.ts';
import { renderReportXlsx, SHEETS, unitColumns } from './report-xlsx.ts';

async function load(s: ReportSnapshot) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderReportXlsx(s)) as unknown as ArrayBuffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

const values = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);
const col = (header: string) => unitColumns(provinceSnapshot()).findIndex((c) => c.header === header) + 1;

afterEach(() => {
  vi.useRealTimers();
});

describe('renderReportXlsx', () => {
  it('has the province sheets in order, and for a unit also its fields and staff categories', async () => {
    expect((await load(provinceSnapshot())).worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Đơn vị', 'Cảnh báo', 'Xu hướng']);
    expect((await load(unitSnapshot())).worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Đơn vị',
      'Cảnh báo',
      'Xu hướng',
      'Lĩnh vực',
      'Nhóm công chức',
    ]);
  });

  it('writes one row per unit with its figures as numbers equal to the snapshot’s', async () => {
    const s = provinceSnapshot();
    const ws = sheet(await load(s), SHEETS.units);
    expect(ws.rowCount).toBe(1 + s.units.length);
    const row = ws.getRow(2);
    const u = s.units[0] as ReportSnapshot['units'][number];
    expect(row.getCell(col('Tên đơn vị')).value).toBe('Phường Thuận Hóa');
    expect(row.getCell(col('Điểm 766')).value).toBe(u.score);
    expect(row.getCell(col('Tỉ lệ đúng hạn (2.1)')).value).toBe(u.onTimeShare);
    expect(row.getCell(col('Tỉ lệ đúng hạn (2.1)')).numFmt).toBe('0.0%');
    expect(row.getCell(col('Hồ sơ quá hạn')).value).toBe(u.overdue);
    expect(row.getCell(col('WISN cần')).value).toBe(u.wisnRequired);
    expect(row.getCell(col('Xếp loại')).value).toBe('Tốt');
    expect(row.getCell(col('Nhóm thiếu người nhất')).value).toBe('Đất đai');
    // No training plan figures for a unit without them: an empty cell, not a zero.
    expect(ws.getRow(3).getCell(col('Đào tạo: kế hoạch')).value).toBeNull();
  });

  it('neutralises a name that would run as a formula', async () => {
    const ws = sheet(await load(provinceSnapshot()), SHEETS.units);
    expect(ws.getRow(4).getCell(col('Tên đơn vị')).value).toBe('\'=HYPERLINK("http://x")');
  });

  it('sums up the header and totals, alerts, trend, fields and categories', async () => {
    const s = unitSnapshot();
    const wb = await load(s);
    const facts = new Map<unknown, unknown>();
    sheet(wb, SHEETS.summary).eachRow((r) => {
      facts.set(r.getCell(1).value, r.getCell(2).value);
    });
    expect(facts.get('Phạm vi')).toBe('Phường Thuận Hóa');
    expect(facts.get('Kỳ báo cáo')).toBe('quý 1/2026');
    expect(facts.get('Đến hết ngày')).toBe('2026-03-31');
    expect(facts.get('Lượt tính WISN số')).toBe(7);
    expect(facts.get('Điểm Bộ chỉ số 766 (Phường Thuận Hóa)')).toBe(82.45);
    expect(facts.get('Hồ sơ quá hạn')).toBe(3);
    expect(facts.get('Tốt')).toBe(1);
    expect(values(sheet(wb, SHEETS.alerts), 2)).toEqual([
      'Hồ sơ sắp trễ hẹn chưa có phiếu xin lỗi',
      'X01',
      'Phường Thuận Hóa',
      'X01-260225-0004',
      '2026-03-02T10:00:00.000Z',
    ]);
    expect(values(sheet(wb, SHEETS.trend), 7)).toEqual(['2026-02-01', 78.6, 0.912]);
    expect(values(sheet(wb, SHEETS.fields), 2)).toEqual([
      'CIVIL_STATUS',
      'Hộ tịch',
      'Văn phòng HĐND và UBND',
      120,
      110,
      104,
      104 / 110,
      10,
      2,
    ]);
    expect(values(sheet(wb, SHEETS.categories), 2).slice(0, 6)).toEqual(['LAND', 'Đất đai', 'OK', 8.5, 5, 0.588]);
  });

  it('gives the same bytes for the same snapshot, whatever the clock says when it is rendered', async () => {
    const first = await renderReportXlsx(provinceSnapshot());
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-07-09T13:37:11Z'));
    const second = await renderReportXlsx(provinceSnapshot());
    expect(second.equals(first)).toBe(true);
    const other = await renderReportXlsx({ ...provinceSnapshot(), builtAt: '2026-03-02T01:15:02.000Z' });
    expect(other.equals(first)).toBe(false);
  });
});

describe('pinZipTimes', () => {
  it('encodes MS-DOS time and date (two-second steps, years from 1980)', () => {
    expect(dosDateTime({ year: 2026, month: 3, day: 2, hour: 1, minute: 15, second: 7 })).toEqual({
      time: (1 << 11) | (15 << 5) | 3,
      date: (46 << 9) | (3 << 5) | 2,
    });
  });

  it('refuses bytes that are no ZIP archive', () => {
    expect(() => pinZipTimes(Buffer.from('not a zip at all, not even close to one'), new Date())).toThrow(/not a ZIP/);
  });
});
