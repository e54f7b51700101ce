import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectLanded, visibleText } from './browser.ts';

/** Helpers of the review-campaign browser path: the roster workbook, the assessment forms, the campaign actions. */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One roster line, as an HR office would type it (every cell text, dates dd/mm/yyyy). */
export type RosterLine = {
  fullName: string;
  gender: string;
  birthDate: string;
  citizenId: string;
  unitCode: string;
  positionCode: string;
  title: string;
  startDate: string;
  rank: string;
  employmentStatus: string;
};

/** A ZIP (and so an XLSX) starts with "PK\x03\x04". */
export function isZip(buffer: Buffer): boolean {
  return buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
}

/** Fills the downloaded template: the key row (row 2) says which column takes which field; data from row 3. */
export async function fillRosterTemplate(template: Buffer, lines: readonly RosterLine[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Danh sách');
  if (!ws) throw new Error('the template has no "Danh sách" sheet');
  const columnOf = new Map<string, number>();
  ws.getRow(2).eachCell((cell, col) => {
    columnOf.set(String(cell.value), col);
  });
  lines.forEach((line, i) => {
    const row = ws.getRow(3 + i);
    for (const [key, value] of Object.entries(line)) {
      const col = columnOf.get(key);
      if (col === undefined) throw new Error(`the template has no column keyed ${key}`);
      row.getCell(col).value = value;
    }
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The rows of a sheet as arrays of cell texts (1-based columns dropped to 0-based). */
export async function sheetRows(buffer: Buffer, sheet?: string): Promise<{ names: string[]; rows: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
  if (!ws) throw new Error(`no sheet ${sheet ?? '#1'}; sheets: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cell.text;
    });
    rows.push(Array.from(cells, (c) => c ?? ''));
  });
  return { names: wb.worksheets.map((w) => w.name), rows };
}

/** The <dd> of the <dt> with exactly this text, inside `scope` (a `dl` or what holds one). */
export async function ddIn(scope: Locator, term: string): Promise<string> {
  const exact = new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  const row = scope.locator(':scope > div').filter({ has: scope.page().locator('dt', { hasText: exact }) });
  return visibleText(row.locator('dd').first());
}

/** The campaign detail page's status (its first description list). */
export async function campaignStatus(page: Page): Promise<string> {
  return ddIn(page.locator('main dl').first(), 'Trạng thái');
}

/**
 * For every competency fieldset of an assessment form, the code and the required level its
 * legend states ("… (DIG.1) — mức yêu cầu: 3").
 */
export async function competencyLines(form: Locator): Promise<{ code: string; required: number; fieldset: Locator }[]> {
  const sets = form.locator('fieldset:has(> fieldset.levels)');
  const out: { code: string; required: number; fieldset: Locator }[] = [];
  for (let i = 0; i < (await sets.count()); i++) {
    const fieldset = sets.nth(i);
    const legend = await visibleText(fieldset.locator(':scope > legend'));
    const m = /\(([A-Z0-9_.]+)\) — mức yêu cầu: (\d)/.exec(legend);
    if (!m) throw new Error(`unexpected competency legend: ${legend}`);
    out.push({ code: m[1] ?? '', required: Number(m[2]), fieldset });
  }
  return out;
}

/** Picks `level(required)` in every competency fieldset; returns what was picked by code. */
export async function pickLevels(form: Locator, level: (required: number) => number): Promise<Map<string, number>> {
  const picked = new Map<string, number>();
  for (const line of await competencyLines(form)) {
    const n = Math.max(1, Math.min(5, level(line.required)));
    await line.fieldset.locator(`fieldset.levels input[type=radio][value="${n}"]`).check();
    picked.set(line.code, n);
  }
  return picked;
}

/** Ticks the confirmation of a detail-page action (advance / lock) and submits it; checks the page it lands on. */
export async function campaignAction(page: Page, action: 'advance' | 'lock', label: string): Promise<void> {
  const form = page.locator(`form[action$="/${action}"]`);
  await form.locator(`#${action}-confirm`).check();
  await form.getByRole('button').click();
  await page.waitForURL(new RegExp(`\\?done=${action}$`));
  expect(await expectLanded(page, label)).toBe(200);
}
