import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import type { PlanDiff } from '../plan-documents/plan-compare.ts';
import { seedPlanScenario } from './plan-scenario.fixtures.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Plan documents and the comparison over HTTP, on the fit fixture of plan-versions.http.test.ts:
 * plan A has the budget for both courses (C.LAW3 for 3 people, M.ETHICS for 2: two classes),
 * plan B only for one class, so B drops a course and the people only it would train.
 */
describe.each(testDialects())('training plan documents and comparison over HTTP on %s', (dialect) => {
  let t: TestApp;
  let planA = 0;
  let planB = 0;
  let queued = 0;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, url: string) => t.app.inject({ url, headers: { authorization: user(name).bearer } });
  const page = (url: string) => t.app.inject({ url, headers: { cookie: user('province_analyst').cookie } });
  const generate = async (name: string, amount: number, run = true) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/training/plans',
      headers: { authorization: user('province_analyst').bearer, 'content-type': 'application/json' },
      payload: JSON.stringify({
        name,
        years: [2026, 2027],
        budgets: [{ year: 2026, fundingSource: 'STATE_BUDGET', amount }],
        maxDaysPerPersonYear: 20,
        maxUnitShareAway: 1,
        timeLimitSeconds: 20,
        method: 'GREEDY',
      }),
    });
    expect(res.statusCode).toBe(202);
    if (run) expect((await t.app.jobs.tick())?.status).toBe('DONE');
    return (res.json() as { plan: { id: number } }).plan.id;
  };

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedPlanScenario(t, NOW);
    planA = await generate('Đủ kinh phí', 100_000_000);
    planB = await generate('Một lớp', 40_000_000);
    queued = await generate('Chưa chạy', 100_000_000, false);
  }, 120_000);
  afterAll(async () => t?.close());

  it('exports a version as XLSX with every attendee, their position and why, and the stored cost', async () => {
    const res = await api('province_analyst', `/api/v1/training/plans/${planA}/document.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="ke-hoach-dao-tao-${planA}.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Lớp học', 'Học viên']);
    const people = wb.getWorksheet('Học viên');
    const text: string[] = [];
    people?.eachRow((row) => {
      text.push((row.values as unknown[]).map((v) => (v === null || v === undefined ? '' : String(v))).join('|'));
    });
    const lawRows = text.filter((r) => r.includes('C.LAW3'));
    expect(lawRows).toHaveLength(3);
    expect(lawRows.every((r) => r.includes('T.LAW (Năng lực T.LAW)'))).toBe(true);
    expect(text.some((r) => r.includes('Vị trí P.JUSTICE'))).toBe(true);
    expect(text.filter((r) => r.includes('M.ETHICS') && r.includes('LAW') === false)).toHaveLength(2);
    // The summary's cost is the stored one: 64 M VND for the two classes (see plan-versions.http.test.ts).
    const summary: unknown[][] = [];
    wb.getWorksheet('Tổng hợp')?.eachRow((row) => {
      summary.push((row.values as unknown[]).slice(1));
    });
    expect(summary.some((r) => r.includes(64_000_000) && r.includes(100_000_000))).toBe(true);
  });

  it('exports a version as PDF, from the API and from the page link', async () => {
    const res = await api('province_analyst', `/api/v1/training/plans/${planA}/document.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(5_000);
    const fromPage = await page(`/training/plans/${planA}/plan.pdf`);
    expect(fromPage.statusCode).toBe(200);
    expect(fromPage.headers['content-type']).toBe('application/pdf');
    const xlsxPage = await page(`/training/plans/${planA}/plan.xlsx`);
    expect(xlsxPage.headers['content-type']).toBe(XLSX_TYPE);
  });

  it('answers 409 for an unfinished version, 404 for another province, 400 for a bad id', async () => {
    expect((await api('province_analyst', `/api/v1/training/plans/${queued}/document.xlsx`)).json()).toMatchObject({
      code: 'TRAINING_PLAN_NOT_READY',
    });
    expect((await api('province_analyst', `/api/v1/training/plans/${queued}/document.pdf`)).statusCode).toBe(409);
    expect((await api('other_province_admin', `/api/v1/training/plans/${planA}/document.xlsx`)).statusCode).toBe(404);
    expect((await api('province_analyst', '/api/v1/training/plans/compare?a=x&b=1')).statusCode).toBe(400);
    expect((await api('province_analyst', `/api/v1/training/plans/compare?a=${planA}&b=${queued}`)).statusCode).toBe(409);
    expect((await api('other_province_admin', `/api/v1/training/plans/compare?a=${planA}&b=${planB}`)).statusCode).toBe(404);
  });

  it('compares two versions: B keeps one course and drops the people only the other trained', async () => {
    const res = await api('province_analyst', `/api/v1/training/plans/compare?a=${planA}&b=${planB}`);
    expect(res.statusCode).toBe(200);
    const diff = res.json() as PlanDiff;
    expect(diff.a).toMatchObject({ planId: planA, planName: 'Đủ kinh phí' });
    expect(diff.all.a).toEqual({ classes: 2, participants: 5, cost: 64_000_000 });
    expect(diff.all.b.classes).toBe(1);
    expect(diff.all.delta.classes).toBe(-1);
    expect(diff.all.delta.cost).toBe(diff.all.b.cost - 64_000_000);
    expect(diff.courseCounts).toMatchObject({ removed: 1, added: 0, same: 1 });
    const kept = diff.courses.length === 1 ? diff.courses[0] : undefined;
    expect(kept?.kind).toBe('REMOVED');
    expect(diff.people.counts.onlyB).toBe(0);
    const c = diff.people.counts;
    // Everyone in A is only in A, or in both (unchanged or moved).
    expect(c.onlyA + c.same + c.movedYear + c.movedCourse).toBe(diff.a.people);
    expect(diff.people.onlyA.length).toBeGreaterThan(0);
  });

  it('documents the binary documents and the comparison in OpenAPI', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const xlsxOp = doc.paths['/api/v1/training/plans/{id}/document.xlsx'].get;
    expect(Object.keys(xlsxOp.responses['200'].content)).toEqual([XLSX_TYPE]);
    expect(Object.keys(xlsxOp.responses)).toEqual(expect.arrayContaining(['200', '404', '409']));
    const pdfOp = doc.paths['/api/v1/training/plans/{id}/document.pdf'].get;
    expect(Object.keys(pdfOp.responses['200'].content)).toEqual(['application/pdf']);
    expect(pdfOp.description).toContain('EXPORT_PDF_MAX_ROWS');
    const cmp = doc.paths['/api/v1/training/plans/compare'].get;
    expect(cmp.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['a', 'b']);
    expect(Object.keys(cmp.responses['200'].content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['a', 'b', 'byYearSource', 'courses', 'people']),
    );
  });

  it('serves the comparison page, the compare form on the list and the download links on the plan page', async () => {
    const cmp = await page(`/training/plans/compare?a=${planA}&b=${planB}`);
    expect(cmp.statusCode).toBe(200);
    expect(cmp.body).toContain('So sánh hai phiên bản kế hoạch đào tạo');
    expect(cmp.body).toContain('Đủ kinh phí');
    expect(Buffer.byteLength(cmp.body)).toBeLessThan(50 * 1024);
    const list = await page('/training/plans');
    expect(list.body).toContain('action="/training/plans/compare"');
    expect(list.body).toContain(`<option value="${planA}"`);
    const detail = await page(`/training/plans/${planA}`);
    expect(detail.body).toContain(`href="/training/plans/${planA}/plan.xlsx"`);
    expect(detail.body).toContain(`href="/training/plans/${planA}/plan.pdf"`);
    const unfinished = await page(`/training/plans/${queued}`);
    expect(unfinished.body).not.toContain('plan.xlsx');
    const refused = await page(`/training/plans/compare?a=${planA}&b=${queued}`);
    expect(refused.statusCode).toBe(409);
  });
});
