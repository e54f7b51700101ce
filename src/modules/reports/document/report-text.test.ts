import { describe, expect, it } from 'vitest';
import { provinceSnapshot, unitSnapshot } from './report-documents.fixtures.ts';
import { fieldNameVi, issuerOf, lastDayOf, periodLabel, placeDateLine, reportFileName } from './report-text.ts';

describe('report text', () => {
  it('labels a month with two digits and a quarter by its number', () => {
    expect(periodLabel({ kind: 'MONTH', from: '2026-02-01', to: '2026-03-01' })).toBe('tháng 02/2026');
    expect(periodLabel({ kind: 'QUARTER', from: '2026-10-01', to: '2027-01-01' })).toBe('quý 4/2026');
  });

  it('takes the last day of the period (to is exclusive), across a year end', () => {
    expect(lastDayOf({ kind: 'MONTH', from: '2026-02-01', to: '2026-03-01' })).toBe('2026-02-28');
    expect(lastDayOf({ kind: 'QUARTER', from: '2026-10-01', to: '2027-01-01' })).toBe('2026-12-31');
  });

  it('dates the report in Vietnam (01:15 UTC on 2 March is 2 March there), months 1–2 with a leading zero', () => {
    expect(placeDateLine(provinceSnapshot())).toBe('Huế, ngày 02 tháng 3 năm 2026');
    expect(placeDateLine({ ...provinceSnapshot(), builtAt: '2026-02-04T20:00:00.000Z' })).toBe('Huế, ngày 05 tháng 02 năm 2026');
  });

  it('issues a province report from the Department of Home Affairs, a unit report from its People’s Committee', () => {
    expect(issuerOf(provinceSnapshot())).toEqual({ parent: 'UBND Thành phố Huế', unit: 'Sở Nội vụ' });
    expect(issuerOf(unitSnapshot())).toEqual({ parent: 'Thành phố Huế', unit: 'UBND Phường Thuận Hóa' });
  });

  it('names files without diacritics', () => {
    expect(reportFileName(provinceSnapshot(), 'pdf')).toBe('bao-cao-thang-2026-02-T1.pdf');
    expect(reportFileName(unitSnapshot(), 'xlsx')).toBe('bao-cao-quy-2026-1-T1-X01.xlsx');
  });

  it('names fields from the Vietnamese catalogue, and keeps an unknown code as it is', () => {
    expect(fieldNameVi('LAND')).toBe('Đất đai');
    expect(fieldNameVi('CIVIL_STATUS')).toBe('Hộ tịch');
    expect(fieldNameVi('')).toBe('Chưa xác định lĩnh vực');
    expect(fieldNameVi('NO_SUCH_FIELD')).toBe('NO_SUCH_FIELD');
  });
});
