import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import { readCellValue } from '../../../platform/xlsx/safe-cells.ts';
import { insertPlacementStaff, type PlacementSeed, seedPlacement } from '../placement/placement.fixtures.ts';
import { fixtureLine, runOf, storeRun } from './run.fixtures.ts';
import type { StaffingRun } from './run.schemas.ts';

/**
 * The per-position view over HTTP. A stored run (made on 2026-03-02) with lines for the
 * placement seed's units: commune A OFFICE (4 in post: four P.OFFICE holders), ward B LAND
 * (2 in post: one P.LAND and one P.LAND2 holder) and commune A JUSTICE_CIVIL_STATUS (1 in post,
 * nobody holding a position of the field: kept whole).
 */
describe.each(testDialects())('run per-position view over HTTP on %s', (dialect) => {
  let t: TestApp;
  let seed: PlacementSeed;
  let run: StaffingRun;
  let runId: number;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const page = (name: string, url: string) => t.app.inject({ url, headers: { cookie: user(name).cookie } });

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const { unitA, unitB } = t.fixture;
    seed = await seedPlacement(t.database.db, { provinceCode: 'T1', unitA, unitB });
    const second = await insertPlacementStaff(t.database.db, 'T1', unitB, 'Trương Thị Hai');
    await t.database.db
      .insertInto('staffPositions')
      .values({
        provinceCode: 'T1',
        staffId: second,
        positionId: seed.positions.land2,
        unitId: unitB,
        startDate: '2025-07-01',
        endDate: null,
      })
      .execute();
    const a = { unitId: unitA, unitCode: '10001', unitName: 'Xã Hòa Bình', unitKind: 'COMMUNE' };
    const b = { unitId: unitB, unitCode: '10002', unitName: 'Phường Đông Ba', unitKind: 'WARD' };
    run = {
      ...runOf([
        fixtureLine(a, 'OFFICE', { dossiers: 1200, minutes: 30, actual: 4 }),
        fixtureLine(b, 'LAND', { dossiers: 3000, minutes: 60, actual: 2 }),
        fixtureLine(a, 'JUSTICE_CIVIL_STATUS', { dossiers: 6000, minutes: 45, actual: 1 }),
      ]),
      provinceCode: 'T1',
    };
    runId = await storeRun(t.database.db, run);
  });
  afterAll(async () => t?.close());

  const requiredOf = (field: string) => run.lines.find((l) => l.field === field)?.result?.requiredStaff.value ?? Number.NaN;
  const vi2 = (n: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(n);

  it('lists units × positions with the derived need, the line’s colour and links to the line, under 50 KB', async () => {
    const res = await page('province_analyst', `/staffing/runs/${runId}/positions`);
    expect(res.statusCode).toBe(200);
    expect(Buffer.byteLength(res.body)).toBeLessThan(50 * 1024);
    const land = requiredOf('LAND');
    // Ward B LAND: two positions with one holder each → half the field's need each.
    const rows = res.body.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
    const landRows = rows.filter((r) => r.includes('P.LAND'));
    expect(landRows).toHaveLength(2);
    for (const r of landRows) {
      expect(r).toContain(`<td class="num">${vi2(land / 2)}</td>`);
      expect(r).toContain(`href="/staffing/runs/${runId}/units/${t.fixture.unitB}/fields/LAND"`);
      expect(r).toContain(
        `class="${run.lines[1]?.status === 'SHORTAGE' ? 'ws-sh' : run.lines[1]?.status === 'SURPLUS' ? 'ws-su' : 'ws-ba'}"`,
      );
    }
    const office = rows.filter((r) => r.includes('P.OFFICE'));
    expect(office).toHaveLength(1);
    expect(office[0]).toContain(`<td class="num">${vi2(requiredOf('OFFICE'))}</td>`);
    expect(res.body).toContain('Không chia theo vị trí');
    expect(res.body).toContain('ngày tính 02/03/2026');
    // The run page links here.
    expect((await page('province_analyst', `/staffing/runs/${runId}`)).body).toContain(`href="/staffing/runs/${runId}/positions"`);
  });

  it('filters without JavaScript and keeps unit roles to their unit', async () => {
    const landOnly = await page('province_admin', `/staffing/runs/${runId}/positions?field=LAND`);
    expect(landOnly.statusCode).toBe(200);
    expect(landOnly.body).toContain('P.LAND2');
    expect(landOnly.body).not.toContain('P.OFFICE');
    const unitB = await page('unit_leader_b', `/staffing/runs/${runId}/positions`);
    expect(unitB.statusCode).toBe(200);
    expect(unitB.body).toContain('P.LAND');
    expect(unitB.body).not.toContain('P.OFFICE');
    expect((await page('unit_leader_b', `/staffing/runs/${runId}/positions?unitId=${t.fixture.unitA}`)).statusCode).toBe(404);
    expect((await page('other_province_admin', `/staffing/runs/${runId}/positions`)).statusCode).toBe(404);
    expect((await page('province_admin', `/staffing/runs/${runId}/positions?status=NOPE`)).statusCode).toBe(400);
  });

  it('adds a per-position sheet to the XLSX export, unrounded', async () => {
    const res = await t.app.inject({
      url: `/staffing/runs/${runId}/export.xlsx`,
      headers: { authorization: user('province_analyst').bearer },
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Theo vị trí việc làm');
    expect(ws).toBeDefined();
    const rows: unknown[][] = [];
    ws?.eachRow((r) => {
      rows.push(
        (r.values as ExcelJS.CellValue[]).slice(1).map((c) => {
          const read = readCellValue(c);
          return read.kind === 'text' ? read.text : read.kind === 'number' ? read.value : null;
        }),
      );
    });
    expect(rows[0]?.slice(4, 9)).toEqual(['Mã vị trí', 'Vị trí việc làm', 'Tình trạng', 'Cần có (suy ra)', 'Hiện có']);
    const land2 = rows.find((r) => r[4] === 'P.LAND2');
    expect(land2?.[7]).toBeCloseTo(requiredOf('LAND') / 2, 12);
    expect(land2?.[8]).toBe(1);
    expect(land2?.[11]).toBe(0.5);
    const rules = wb.getWorksheet('Quy tắc');
    let ruleText = '';
    rules?.eachRow((r) => {
      for (const c of (r.values as unknown[]).slice(1)) if (typeof c === 'string' && c.includes('SUY RA')) ruleText = c;
    });
    expect(ruleText).toContain('02/03/2026');
  });
});
