import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { competencyFixture, frameworkFixture, positionFixture } from './competencies.fixtures.ts';
import { documentToJson, type ImportProblem, rawFromJson, validateFramework } from './framework-import.ts';
import { frameworkToXlsx, neutraliseFormula, rawFromXlsx, restoreNeutralised, SHEETS } from './framework-xlsx.ts';

const problemsOf = (body: unknown): ImportProblem[] => {
  const r = validateFramework(rawFromJson(body));
  return r.ok ? [] : r.problems;
};

describe('JSON import validation', () => {
  it('reads back its own export unchanged', () => {
    const doc = frameworkFixture();
    const r = validateFramework(rawFromJson(JSON.parse(JSON.stringify(documentToJson(doc)))));
    expect(r).toEqual({ ok: true, document: doc });
  });

  it('names the row and column of an unknown competency code and of levels outside 1–5', () => {
    const doc = frameworkFixture({
      positions: [
        positionFixture('P.A', {
          requirements: [
            { competencyCode: 'T.NOPE', level: 2 },
            { competencyCode: 'T.LAW', level: 6 },
          ],
        }),
        positionFixture('P.B', { requirements: [{ competencyCode: 'T.LAW', level: 0 }] }),
      ],
    });
    expect(problemsOf(doc)).toEqual([
      { sheet: 'positions', row: 1, column: 'requirements[0].competencyCode', reason: 'UNKNOWN_COMPETENCY' },
      { sheet: 'positions', row: 1, column: 'requirements[1].level', reason: 'LEVEL_OUT_OF_RANGE' },
      { sheet: 'positions', row: 2, column: 'requirements[0].level', reason: 'LEVEL_OUT_OF_RANGE' },
    ]);
  });

  it('reports every missing descriptor and a descriptor level outside 1–5', () => {
    const broken = competencyFixture('T.LAW');
    broken.levels = [
      { level: 1, vi: 'Mức 1', en: '' },
      { level: 2, vi: 'Mức 2', en: 'Level 2' },
      { level: 3, vi: 'Mức 3', en: 'Level 3' },
      { level: 4, vi: 'Mức 4', en: 'Level 4' },
      { level: 7, vi: 'Mức 7', en: 'Level 7' },
    ];
    const problems = problemsOf(frameworkFixture({ competencies: [broken, competencyFixture('T.CIVIL')] }));
    expect(problems).toEqual([
      { sheet: 'competencies', row: 1, column: 'levels[0].en', reason: 'DESCRIPTOR_MISSING' },
      { sheet: 'competencies', row: 1, column: 'level5Vi', reason: 'DESCRIPTOR_MISSING' },
      { sheet: 'competencies', row: 1, column: 'level5En', reason: 'DESCRIPTOR_MISSING' },
      { sheet: 'competencies', row: 1, column: 'levels[4].level', reason: 'LEVEL_OUT_OF_RANGE' },
    ]);
  });

  it('refuses duplicate codes, bad enums, a bad date and missing fields', () => {
    const doc = {
      ...frameworkFixture(),
      effectiveFrom: '2026-02-30x',
      competencies: [competencyFixture('T.LAW'), competencyFixture('T.LAW'), competencyFixture('T.CIVIL', { group: 'OTHER' as never })],
      positions: [positionFixture('P.A', { requiredRank: 'GENERAL' }), { code: 'P.B' }],
    };
    const problems = problemsOf(doc);
    expect(problems).toContainEqual({ sheet: 'document', row: 1, column: 'effectiveFrom', reason: 'INVALID_DATE' });
    expect(problems).toContainEqual({ sheet: 'competencies', row: 2, column: 'code', reason: 'DUPLICATE_CODE' });
    expect(problems).toContainEqual({ sheet: 'competencies', row: 3, column: 'group', reason: 'INVALID_VALUE' });
    expect(problems).toContainEqual({ sheet: 'positions', row: 1, column: 'requiredRank', reason: 'INVALID_VALUE' });
    expect(problems).toContainEqual({ sheet: 'positions', row: 2, column: 'nameVi', reason: 'REQUIRED' });
    expect(problems).toContainEqual({ sheet: 'positions', row: 2, column: 'jobDescriptionVi', reason: 'REQUIRED' });
  });

  it('treats a body that is not an object as an empty document', () => {
    expect(problemsOf('nonsense').map((p) => p.column)).toEqual(['label', 'effectiveFrom', 'sourceNote']);
  });
});

describe('XLSX export and import', () => {
  it('neutralises text that a spreadsheet would run as a formula, and restores it on import', () => {
    for (const s of ['=1+1', '+SUM(A1)', '-2', '@cmd', '\tx']) {
      expect(neutraliseFormula(s)).toBe(`'${s}`);
      expect(restoreNeutralised(neutraliseFormula(s))).toBe(s);
    }
    expect(neutraliseFormula('Hộ tịch')).toBe('Hộ tịch');
    expect(restoreNeutralised("'ordinary")).toBe("'ordinary");
  });

  it('round-trips a framework, Vietnamese text and formula-like text included', async () => {
    const doc = frameworkFixture({ label: '=HYPERLINK("http://evil")' });
    const buffer = await frameworkToXlsx(doc);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const cell = wb.getWorksheet(SHEETS.version)?.getCell('B2');
    expect(cell?.value).toBe(`'=HYPERLINK("http://evil")`);
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    const read = await rawFromXlsx(buffer);
    if (!read.ok) throw new Error('workbook refused');
    expect(validateFramework(read.raw)).toEqual({ ok: true, document: doc });
  });

  it('reports a formula cell, with its sheet, row and column, instead of reading it', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await frameworkToXlsx(frameworkFixture())) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SHEETS.requirements);
    if (!ws) throw new Error('sheet missing');
    ws.getCell('C3').value = { formula: '1+2', result: 3 } as ExcelJS.CellFormulaValue;
    const read = await rawFromXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(read.problems).toEqual([{ sheet: 'Requirements', row: 3, column: 'level', reason: 'FORMULA_NOT_ALLOWED' }]);
  });

  it('names a missing sheet, and refuses bytes that are not a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await frameworkToXlsx(frameworkFixture())) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(SHEETS.positions);
    if (ws) wb.removeWorksheet(ws.id);
    const missing = await rawFromXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(missing).toEqual({ ok: false, problems: [{ sheet: 'Positions', row: 0, column: '', reason: 'SHEET_MISSING' }] });
    const junk = await rawFromXlsx(Buffer.from('not,a,workbook\n=1+1'));
    expect(junk.ok).toBe(false);
    expect(junk.problems[0]?.reason).toBe('NOT_A_WORKBOOK');
  });
});
