import ExcelJS from 'exceljs';
import { neutraliseFormula, restoreNeutralised } from '../../platform/xlsx/safe-cells.ts';
import { type FrameworkDocument, PROFICIENCY_LEVELS } from './framework.ts';
import type { ImportProblem, RawFramework } from './framework-import.ts';

/** Formula-injection neutralising now lives in platform/xlsx; re-exported for this module's callers. */
export { neutraliseFormula, restoreNeutralised };

/** The workbook layout of an exported framework; an import reads the same layout back. */
export const SHEETS = { version: 'Version', competencies: 'Competencies', positions: 'Positions', requirements: 'Requirements' } as const;
const LEVEL_COLUMNS = PROFICIENCY_LEVELS.flatMap((l) => [`level${l}Vi`, `level${l}En`]);
export const COMPETENCY_COLUMNS = [
  'code',
  'nameVi',
  'nameEn',
  'group',
  'field',
  'descriptionVi',
  'descriptionEn',
  ...LEVEL_COLUMNS,
  'draftDescriptors',
];
export const POSITION_COLUMNS = [
  'code',
  'nameVi',
  'nameEn',
  'group',
  'bodyKind',
  'field',
  'jobDescriptionVi',
  'jobDescriptionEn',
  'requiredRank',
  'educationLevel',
  'qualificationFields',
  'confirmed',
  'sourceNote',
];
export const REQUIREMENT_COLUMNS = ['positionCode', 'competencyCode', 'level'];

type Cell = string | number | boolean | null;
const safe = (v: Cell): Cell => (typeof v === 'string' ? neutraliseFormula(v) : v);

function addSheet(wb: ExcelJS.Workbook, name: string, columns: string[], rows: Cell[][]): void {
  const ws = wb.addWorksheet(name);
  ws.addRow(columns);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(r.map(safe));
}

export async function frameworkToXlsx(doc: FrameworkDocument): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Cadre';
  addSheet(
    wb,
    SHEETS.version,
    ['key', 'value'],
    [
      ['label', doc.label],
      ['effectiveFrom', doc.effectiveFrom],
      ['sourceNote', doc.sourceNote],
    ],
  );
  addSheet(
    wb,
    SHEETS.competencies,
    COMPETENCY_COLUMNS,
    doc.competencies.map((c) => [
      c.code,
      c.nameVi,
      c.nameEn,
      c.group,
      c.field,
      c.descriptionVi,
      c.descriptionEn,
      ...c.levels.flatMap((l) => [l.vi, l.en]),
      c.draftDescriptors,
    ]),
  );
  addSheet(
    wb,
    SHEETS.positions,
    POSITION_COLUMNS,
    doc.positions.map((p) => [
      p.code,
      p.nameVi,
      p.nameEn,
      p.group,
      p.bodyKind,
      p.field,
      p.jobDescriptionVi,
      p.jobDescriptionEn,
      p.requiredRank,
      p.educationLevel,
      p.qualificationFields.join('; '),
      p.confirmed,
      p.sourceNote,
    ]),
  );
  addSheet(
    wb,
    SHEETS.requirements,
    REQUIREMENT_COLUMNS,
    doc.positions.flatMap((p) => p.requirements.map((r) => [p.code, r.competencyCode, r.level])),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type SheetRows = { rows: { row: number; values: Record<string, unknown> }[] };

function cellValue(cell: ExcelJS.Cell): unknown | typeof FORMULA {
  const v = cell.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return restoreNeutralised(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) return FORMULA;
  if (typeof v === 'object' && 'richText' in v) return restoreNeutralised(v.richText.map((r) => r.text).join(''));
  if (typeof v === 'object' && 'text' in v && typeof v.text === 'string') return restoreNeutralised(v.text);
  return String(v);
}
const FORMULA = Symbol('formula');

function readSheet(ws: ExcelJS.Worksheet, problems: ImportProblem[]): SheetRows {
  const header = ws.getRow(1);
  const columns = new Map<number, string>();
  header.eachCell((cell, col) => {
    if (typeof cell.value === 'string') columns.set(col, cell.value.trim());
  });
  const rows: SheetRows['rows'] = [];
  ws.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Record<string, unknown> = {};
    let any = false;
    row.eachCell((cell, col) => {
      const name = columns.get(col);
      if (!name) return;
      const v = cellValue(cell);
      if (v === FORMULA) {
        problems.push({ sheet: ws.name, row: rowNumber, column: name, reason: 'FORMULA_NOT_ALLOWED' });
        return;
      }
      if (v !== undefined && v !== '') any = true;
      values[name] = v;
    });
    if (any) rows.push({ row: rowNumber, values });
  });
  return { rows };
}

export type XlsxRead = { ok: true; raw: RawFramework; problems: ImportProblem[] } | { ok: false; problems: ImportProblem[] };

/** Reads the workbook into the raw form; formulas and missing sheets are problems, never values. */
export async function rawFromXlsx(buffer: Buffer): Promise<XlsxRead> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [{ sheet: '', row: 0, column: '', reason: 'NOT_A_WORKBOOK' }] };
  }
  const problems: ImportProblem[] = [];
  const sheet = (name: string): SheetRows => {
    const ws = wb.getWorksheet(name);
    if (!ws) {
      problems.push({ sheet: name, row: 0, column: '', reason: 'SHEET_MISSING' });
      return { rows: [] };
    }
    return readSheet(ws, problems);
  };
  const version = sheet(SHEETS.version);
  const competencies = sheet(SHEETS.competencies);
  const positions = sheet(SHEETS.positions);
  const requirements = sheet(SHEETS.requirements);
  if (problems.some((p) => p.reason === 'SHEET_MISSING')) return { ok: false, problems };
  const meta: Record<string, unknown> = {};
  for (const r of version.rows) if (typeof r.values.key === 'string') meta[r.values.key] = r.values.value;
  const at = (sheetName: string, row: number) => ({ sheet: sheetName, row, prefix: '' });
  const raw: RawFramework = {
    at: at(SHEETS.version, 1),
    meta,
    competencies: competencies.rows.map((r) => ({
      at: at(SHEETS.competencies, r.row),
      values: r.values,
      levels: PROFICIENCY_LEVELS.filter((l) => r.values[`level${l}Vi`] !== undefined || r.values[`level${l}En`] !== undefined).map((l) => ({
        at: at(SHEETS.competencies, r.row),
        columns: { vi: `level${l}Vi`, en: `level${l}En` },
        level: l,
        vi: r.values[`level${l}Vi`],
        en: r.values[`level${l}En`],
      })),
    })),
    positions: positions.rows.map((r) => ({ at: at(SHEETS.positions, r.row), values: r.values })),
    requirements: requirements.rows.map((r) => ({
      at: at(SHEETS.requirements, r.row),
      positionCode: r.values.positionCode,
      competencyCode: r.values.competencyCode,
      level: r.values.level,
    })),
  };
  return { ok: true, raw, problems };
}
