import type ExcelJS from 'exceljs';

/**
 * Spreadsheet cells in and out, safely.
 *
 * Out: text starting with = + - @ or a tab / carriage return would run as a formula when a
 * spreadsheet program opens the file (OWASP "CSV injection", which applies to XLSX text
 * cells as well), so such text gets a leading apostrophe. Numbers, booleans and dates are
 * never formulas and pass unchanged.
 *
 * In: one reader that tells every kind of cell apart the same way for every importer:
 * formulas (never evaluated, and their cached result is never trusted), error values
 * (#N/A, #REF!…), rich text (joined runs), hyperlinks (their text), dates and plain values.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse on import, so an exported workbook reads back to the same text. */
export function restoreNeutralised(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export type OutCell = string | number | boolean | Date | null;

/** A value ready for a cell: text is neutralised, everything else is kept. */
export function safeCell(value: OutCell): OutCell {
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}

export type CellRead =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  /** A cell holding a real date (a date-formatted serial): its calendar date, `YYYY-MM-DD`. */
  | { kind: 'date'; date: string }
  | { kind: 'formula'; formula: string }
  | { kind: 'error'; error: string };

type CellValue = ExcelJS.CellValue;

/**
 * Reads one cell. Text is returned exactly as stored (no trimming, no normalisation), with
 * only the export apostrophe removed (`restoreNeutralised`); an empty string is `empty`.
 */
export function readCellValue(v: CellValue): CellRead {
  if (v === null || v === undefined) return { kind: 'empty' };
  if (typeof v === 'string') return v === '' ? { kind: 'empty' } : { kind: 'text', text: restoreNeutralised(v) };
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v };
  if (v instanceof Date) {
    // exceljs turns a date serial into a UTC instant at the start of that calendar day.
    return Number.isNaN(v.getTime()) ? { kind: 'error', error: '#VALUE!' } : { kind: 'date', date: v.toISOString().slice(0, 10) };
  }
  if (typeof v === 'object') {
    if ('formula' in v && typeof v.formula === 'string') return { kind: 'formula', formula: v.formula };
    if ('sharedFormula' in v && typeof v.sharedFormula === 'string') return { kind: 'formula', formula: v.sharedFormula };
    if ('error' in v && typeof v.error === 'string') return { kind: 'error', error: v.error };
    if ('richText' in v && Array.isArray(v.richText)) {
      const text = v.richText.map((r) => r.text).join('');
      return text === '' ? { kind: 'empty' } : { kind: 'text', text: restoreNeutralised(text) };
    }
    if ('text' in v && typeof v.text === 'string')
      return v.text === '' ? { kind: 'empty' } : { kind: 'text', text: restoreNeutralised(v.text) };
  }
  return { kind: 'text', text: String(v) };
}

export function readCell(cell: ExcelJS.Cell): CellRead {
  return readCellValue(cell.value);
}
