import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import { readCell } from '../../../platform/xlsx/safe-cells.ts';
import { type PlacementSeed, seedPlacement } from './placement.fixtures.ts';
import type { BatchView, RecommendationView } from './placement.schemas.ts';

/**
 * Placement over HTTP on the shared fixture plus placement.fixtures.ts (unit A OFFICE 4 for 2,
 * unit B LAND 1 for 3; the seed's run is newer than the fixture's, so it is the latest).
 * The candidate "good" is renamed to start with "=" so the XLSX export must neutralise it.
 */
describe.each(testDialects())('placement over HTTP on %s', (dialect) => {
  let t: TestApp;
  let seed: PlacementSeed;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url, headers: { authorization: user(name).bearer }, ...(payload ? { payload } : {}) });
  const page = (name: string, url: string) => t.app.inject({ url, headers: { cookie: user(name).cookie } });
  const form = (name: string, url: string, fields: [string, string][]) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: user(name).cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([['_csrf', user(name).csrf], ...fields]).toString(),
    });
  const generate = async (payload: Record<string, unknown> = { maxShareMovedPerUnit: 0.3 }) => {
    const res = await api('province_analyst', 'POST', `/api/v1/staffing/runs/${seed.runId}/placements`, payload);
    expect(res.statusCode).toBe(201);
    return res.json() as BatchView;
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    seed = await seedPlacement(t.database.db, { provinceCode: 'T1', unitA: t.fixture.unitA, unitB: t.fixture.unitB });
    await t.database.db.updateTable('staff').set({ fullName: '=1+1 Lê Thị Tốt' }).where('id', '=', seed.staff.good).execute();
  });
  afterAll(async () => t?.close());

  it('generates a batch with explanations, and lists and reads it back', async () => {
    const batch = await generate();
    expect(batch.runId).toBe(seed.runId);
    expect(batch.isLatestRun).toBe(true);
    expect(batch.objective).toBeCloseTo(-2, 9);
    expect(batch.recommendations.map((r) => [r.toPositionCode, r.kind, r.status])).toEqual([
      ['P.LAND2', 'TRANSFER', 'PROPOSED'],
      ['P.LAND2', 'TRANSFER', 'PROPOSED'],
    ]);
    expect(batch.recommendations[0]?.explanation.costs.moveKind).toBe('SAME_FORMER_DISTRICT');
    expect(batch.params.excluded.map((x) => [x.staffId, x.reasons])).toEqual([[seed.staff.disciplined, ['DISCIPLINE_PENDING']]]);
    const read = await api('province_admin', 'GET', `/api/v1/staffing/placements/${batch.id}`);
    expect(read.statusCode).toBe(200);
    expect((read.json() as BatchView).recommendations.map((r) => r.id)).toEqual(batch.recommendations.map((r) => r.id));
    const list = await api('province_admin', 'GET', `/api/v1/staffing/runs/${seed.runId}/placements`);
    expect(list.json()).toMatchObject({ runId: seed.runId, isLatestRun: true, items: [{ id: batch.id, recommended: 2 }] });
  });

  it('refuses bad options with a translated problem and stores nothing; refuses unit roles and other provinces', async () => {
    const before = (await api('province_admin', 'GET', `/api/v1/staffing/runs/${seed.runId}/placements`)).json().items.length;
    const bad = await api('province_analyst', 'POST', `/api/v1/staffing/runs/${seed.runId}/placements`, { maxShareMovedPerUnit: 0.5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'PLACEMENT_OPTION_OUT_OF_BOUNDS',
      detail: 'Tỷ lệ người được điều chuyển khỏi một đơn vị phải từ 0% đến 30%.',
    });
    const unknown = await api('province_analyst', 'POST', `/api/v1/staffing/runs/${seed.runId}/placements`, { surprise: true });
    expect(unknown.statusCode).toBe(400);
    expect((await api('province_admin', 'GET', `/api/v1/staffing/runs/${seed.runId}/placements`)).json().items.length).toBe(before);
    expect((await api('unit_hr_a', 'POST', `/api/v1/staffing/runs/${seed.runId}/placements`, {})).statusCode).toBe(403);
    const batch = await generate({});
    expect((await api('other_province_admin', 'GET', `/api/v1/staffing/placements/${batch.id}`)).statusCode).toBe(404);
    expect((await api('other_province_admin', 'POST', `/api/v1/staffing/runs/${seed.runId}/placements`, {})).statusCode).toBe(404);
  });

  it('accepts through the API once; the second acceptance is a 409', async () => {
    const batch = await generate();
    // "excellent" moves; "good" (the hostile name) stays a candidate for the later tests.
    const rec = batch.recommendations.find((r) => r.staffId === seed.staff.excellent) as RecommendationView;
    const url = `/api/v1/staffing/placements/recommendations/${rec.id}/accept`;
    const ok = await api('province_admin', 'POST', url, { version: 1, startDate: '2026-04-01' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: rec.id, status: 'ACCEPTED', version: 2, kind: 'TRANSFER' });
    const again = await api('province_admin', 'POST', url, { version: 1, startDate: '2026-04-01' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'PLACEMENT_ALREADY_DECIDED' });
    const staff = await t.database.db.selectFrom('staff').select('unitId').where('id', '=', rec.staffId).executeTakeFirstOrThrow();
    expect(staff.unitId).toBe(t.fixture.unitB);
    // The moved person now counts in unit B's LAND line: no longer a candidate.
    const next = await generate();
    expect(next.recommendations.map((r) => r.staffId)).toEqual([seed.staff.good]);
  });

  it('shows the run’s placements page with the generate form; the form makes a batch and redirects to it', async () => {
    const res = await page('province_analyst', `/staffing/runs/${seed.runId}/placements`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<form method="post" action="/staffing/runs/${seed.runId}/placements">`);
    expect(res.body).toContain('name="maxSharePercent"');
    const made = await form('province_analyst', `/staffing/runs/${seed.runId}/placements`, [
      ['maxSharePercent', '30'],
      ['forbidOutsideDistrict', 'on'],
    ]);
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).toMatch(/^\/staffing\/placements\/\d+$/);
    const bad = await form('province_analyst', `/staffing/runs/${seed.runId}/placements`, [['maxSharePercent', '90']]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
    expect(bad.body).toContain('Tỷ lệ người được điều chuyển khỏi một đơn vị phải từ 0% đến 30%.');
    const batchPage = await page('province_analyst', String(made.headers.location));
    expect(batchPage.statusCode).toBe(200);
    expect(batchPage.body).toContain('chỉ trong huyện cũ: có');
  });

  it('decides with forms that work without JS: reject with a reason, a stale version re-renders with a 409', async () => {
    const batch = await generate();
    const rec = batch.recommendations[0] as RecommendationView;
    const html = await page('province_admin', `/staffing/placements/${batch.id}`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain(`action="/staffing/placements/recommendations/${rec.id}/accept"`);
    expect(html.body).toContain(`action="/staffing/placements/recommendations/${rec.id}/reject"`);
    expect(html.body).toContain('cùng địa bàn huyện cũ');
    const stale = await form('province_admin', `/staffing/placements/recommendations/${rec.id}/accept`, [['version', '9']]);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('role="alert"');
    const rejected = await form('province_admin', `/staffing/placements/recommendations/${rec.id}/reject`, [
      ['version', '1'],
      ['reason', 'Đang tham gia lớp bồi dưỡng'],
    ]);
    expect(rejected.statusCode).toBe(303);
    expect(rejected.headers.location).toBe(`/staffing/placements/${batch.id}#rec-${rec.id}`);
    const after = await page('province_admin', `/staffing/placements/${batch.id}`);
    expect(after.body).toContain('Đã từ chối');
    expect(after.body).toContain('Đang tham gia lớp bồi dưỡng');
    expect(after.body).not.toContain(`action="/staffing/placements/recommendations/${rec.id}/reject"`);
  });

  it('exports the batch as XLSX (formulas neutralised) and PDF', async () => {
    const batch = await generate();
    const xlsx = await page('province_analyst', `/staffing/placements/${batch.id}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect(ws.getCell('A1').value).toBe('Người');
    // A leading apostrophe: the cell is text, never a formula.
    expect(ws.getCell('A2').value).toBe("'=1+1 Lê Thị Tốt");
    expect(readCell(ws.getCell('A2'))).toEqual({ kind: 'text', text: '=1+1 Lê Thị Tốt' });
    expect(readCell(ws.getCell('D2'))).toEqual({ kind: 'text', text: 'Điều động' });
    const pdf = await page('province_analyst', `/staffing/placements/${batch.id}/export.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
