import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, readCellValue, restoreNeutralised, safeCell } from './safe-cells.ts';
import { storedZip } from './stored-zip.ts';
import { openWorkbook, zipEntries } from './workbook-file.ts';

describe('formula neutralising', () => {
  it('prefixes text starting with = + - @ tab or CR, and restores it on import', () => {
    for (const s of ['=1+1', '+84905', '-2', '@SUM(A1)', '\t=x', '\r=x', '=HYPERLINK("http://evil","x")']) {
      expect(neutraliseFormula(s)).toBe(`'${s}`);
      expect(restoreNeutralised(neutraliseFormula(s))).toBe(s);
    }
    expect(neutraliseFormula('Nguyễn Văn A')).toBe('Nguyễn Văn A');
    expect(restoreNeutralised("'ordinary")).toBe("'ordinary");
  });

  it('neutralises text cells only', () => {
    expect(safeCell('=A1')).toBe("'=A1");
    expect(safeCell(-5)).toBe(-5);
    expect(safeCell(null)).toBe(null);
    const d = new Date(Date.UTC(2020, 0, 2));
    expect(safeCell(d)).toBe(d);
  });
});

describe('readCellValue', () => {
  it('reports formulas (plain and shared), errors, rich text, hyperlinks and dates consistently', () => {
    expect(readCellValue({ formula: 'SUM(A1:A3)', result: 6 } as ExcelJS.CellValue)).toEqual({ kind: 'formula', formula: 'SUM(A1:A3)' });
    expect(readCellValue({ sharedFormula: 'A1', result: 1 } as ExcelJS.CellValue)).toEqual({ kind: 'formula', formula: 'A1' });
    expect(readCellValue({ error: '#N/A' } as ExcelJS.CellValue)).toEqual({ kind: 'error', error: '#N/A' });
    expect(readCellValue({ richText: [{ text: 'Nguyễn ' }, { text: 'Văn A' }] })).toEqual({ kind: 'text', text: 'Nguyễn Văn A' });
    expect(readCellValue({ text: 'trang', hyperlink: 'https://x.vn' })).toEqual({ kind: 'text', text: 'trang' });
    expect(readCellValue(new Date(Date.UTC(1985, 3, 12)))).toEqual({ kind: 'date', date: '1985-04-12' });
    expect(readCellValue('')).toEqual({ kind: 'empty' });
    expect(readCellValue(null)).toEqual({ kind: 'empty' });
    expect(readCellValue(12)).toEqual({ kind: 'number', value: 12 });
  });

  it('keeps text exactly: no trimming, no normalisation', () => {
    const nfd = 'Nguye\u0302\u0303n  Va\u0306n A ';
    expect(readCellValue(nfd)).toEqual({ kind: 'text', text: nfd });
    expect(readCellValue("'=1+2")).toEqual({ kind: 'text', text: '=1+2' });
  });
});

describe('openWorkbook', () => {
  const xlsx = async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('A').addRow(['x']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('opens a real workbook and lists its ZIP entries', async () => {
    const bytes = await xlsx();
    expect(zipEntries(bytes)?.map((e) => e.name)).toContain('xl/workbook.xml');
    const r = await openWorkbook(bytes, 10 * 1024 * 1024);
    expect(r.ok && r.workbook.worksheets.map((w) => w.name)).toEqual(['A']);
  });

  it('refuses random bytes, an old .xls renamed, and a ZIP that is no spreadsheet', async () => {
    expect(await openWorkbook(Buffer.from('hello, not a workbook at all........'), 1e7)).toEqual({ ok: false, problem: 'NOT_A_WORKBOOK' });
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    expect(await openWorkbook(ole, 1e7)).toEqual({ ok: false, problem: 'LEGACY_XLS' });
    const plainZip = storedZip('readme.txt', 'just a zip');
    expect(zipEntries(plainZip)).toEqual([{ name: 'readme.txt', inflatedSize: 10 }]);
    expect(await openWorkbook(plainZip, 1e7)).toEqual({ ok: false, problem: 'NOT_A_WORKBOOK' });
  });

  it('refuses a workbook that would inflate beyond the limit, from the ZIP directory alone', async () => {
    const bytes = await xlsx();
    const inflated = (zipEntries(bytes) ?? []).reduce((s, e) => s + e.inflatedSize, 0);
    expect(await openWorkbook(bytes, inflated - 1)).toEqual({ ok: false, problem: 'INFLATED_TOO_LARGE' });
  });
});
