import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { insertScorecardDossiers, seedDossierProcedures } from '../../../test/support/dossier-builders.ts';
import { buildTestApp, type TestApp } from '../../../test/support/fixture.ts';
import { XLSX_HEADERS } from './scorecard-xlsx.ts';

/**
 * Period January 2026 (local dates): [2025-12-31T17:00Z, 2026-01-31T17:00Z). Commune A, the
 * "commune" procedure (fee 100 000, paper result). Dossiers:
 *  1 received 05/01, due 08/01, done 07/01 (status 9)           → on time, finished in period
 *  2 received 06/01, due 09/01, done 12/01 (status 10)          → late processed
 *  3 received 20/12/2025 (carried over), due 24/12, open        → late in process (measured at period end)
 *  4 received 10/01, due 20/02, open, 2 supplement requests     → late (repeat supplement)
 *  5 received 15/01, due 20/02, open, online (channel 2)        → not due
 *  6 received 10/12/2025, done 20/12/2025                       → finished before the period: out
 *  7 received 12/01, withdrawn 13/01 (status 7)                 → out of to-process; received in the period
 *  8 received in commune B                                      → out of A's card
 * To process = 1,2,3,4,5 = 5 (received 4, carried over 1); late = 2,3,4 = 3; on time = 2.
 * 2.1: 2 ÷ 5 = 0.4 → min(1, 0.4 ÷ 1) × 20 = 8 points.
 */
describe.each(testDialects())('scorecard over HTTP on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(dialect);
    const procs = await seedDossierProcedures(t.database.db);
    const a = t.fixture.unitA;
    const p = procs.commune;
    await insertScorecardDossiers(t.database.db, [
      {
        procedureId: p,
        competentUnitId: a,
        status: 9,
        receivedAt: '2026-01-05T02:00:00.000Z',
        dueAt: '2026-01-08T10:00:00.000Z',
        finishedAt: '2026-01-07T03:00:00.000Z',
      },
      {
        procedureId: p,
        competentUnitId: a,
        status: 10,
        receivedAt: '2026-01-06T02:00:00.000Z',
        dueAt: '2026-01-09T10:00:00.000Z',
        finishedAt: '2026-01-12T03:00:00.000Z',
        returnedAt: '2026-01-13T03:00:00.000Z',
      },
      { procedureId: p, competentUnitId: a, status: 4, receivedAt: '2025-12-20T02:00:00.000Z', dueAt: '2025-12-24T10:00:00.000Z' },
      {
        procedureId: p,
        competentUnitId: a,
        status: 4,
        receivedAt: '2026-01-10T02:00:00.000Z',
        dueAt: '2026-02-20T10:00:00.000Z',
        supplementRequests: 2,
      },
      {
        procedureId: p,
        competentUnitId: a,
        status: 4,
        channel: 2,
        receivedAt: '2026-01-15T02:00:00.000Z',
        dueAt: '2026-02-20T10:00:00.000Z',
      },
      {
        procedureId: p,
        competentUnitId: a,
        status: 9,
        receivedAt: '2025-12-10T02:00:00.000Z',
        dueAt: '2025-12-15T10:00:00.000Z',
        finishedAt: '2025-12-20T03:00:00.000Z',
      },
      {
        procedureId: p,
        competentUnitId: a,
        status: 7,
        receivedAt: '2026-01-12T02:00:00.000Z',
        dueAt: '2026-01-15T10:00:00.000Z',
        updatedAt: '2026-01-13T02:00:00.000Z',
      },
      {
        procedureId: p,
        competentUnitId: t.fixture.unitB,
        status: 4,
        receivedAt: '2026-01-12T02:00:00.000Z',
        dueAt: '2026-01-13T10:00:00.000Z',
      },
    ]);
  });
  afterAll(async () => t?.close());

  /**
   * The recorded 766 facts on A's dossiers 1–7 (ids in insertion order), as of the period's end:
   *  synced to DVCQG: 1, 2, 5 in January; 4 on 05/02 (after the period: not counted)
   *  paid online: 1; electronic result: 1 (07/01), 2 (13/01); files attached: 1; reused data: 1, 4, 7
   *  ratings: 1 overall UNSATISFIED; 5 overall SATISFIED with another criterion unsatisfied (not counted)
   *  feedback: a COMPLAINT about 3 (late already), a plain FEEDBACK about 5 (not a complaint)
   */
  const recordFacts = async () => {
    const db = t.database.db;
    const ids = (await db.selectFrom('dossiers').select('id').where('provinceCode', '=', 'T1').orderBy('id').execute()).map((r) => r.id);
    const id = (n: number) => {
      const v = ids[n - 1];
      if (v === undefined) throw new Error(`dossier ${n}`);
      return v;
    };
    const set = async (
      n: number,
      values: { nationalSyncAt?: string; paidOnlineAt?: string; electronicResultAt?: string; reusedData?: number },
    ) => db.updateTable('dossiers').set(values).where('id', '=', id(n)).execute();
    await set(1, {
      nationalSyncAt: '2026-01-05T03:00:00.000Z',
      paidOnlineAt: '2026-01-05T02:30:00.000Z',
      electronicResultAt: '2026-01-07T03:00:00.000Z',
      reusedData: 1,
    });
    await set(2, { nationalSyncAt: '2026-01-06T03:00:00.000Z', electronicResultAt: '2026-01-13T03:00:00.000Z' });
    await set(4, { nationalSyncAt: '2026-02-05T03:00:00.000Z', reusedData: 1 });
    await set(5, { nationalSyncAt: '2026-01-15T03:00:00.000Z' });
    await set(7, { reusedData: 1 });
    await db
      .insertInto('dossierAttachments')
      .values({
        dossierId: id(1),
        provinceCode: 'T1',
        fileName: 'don.pdf',
        storedName: `sc-766-${id(1)}`,
        mediaType: 'application/pdf',
        size: 10,
        sha256: '0'.repeat(64),
        createdAt: '2026-01-05T02:00:00.000Z',
      })
      .execute();
    const rating = (n: number, answers: Record<string, string>) => ({
      provinceCode: 'T1',
      dossierId: id(n),
      channel: 'TRACKING_PAGE' as const,
      answers: JSON.stringify(answers),
      comment: null,
      createdAt: '2026-01-20T03:00:00.000Z',
      createdBy: null,
    });
    await db
      .insertInto('dossierRatings')
      .values([rating(1, { OVERALL: 'UNSATISFIED' }), rating(5, { OVERALL: 'SATISFIED', STAFF_ATTITUDE: 'UNSATISFIED' })])
      .execute();
    const feedback = (n: number, kind: 'COMPLAINT' | 'FEEDBACK') => ({
      provinceCode: 'T1',
      unitId: t.fixture.unitA,
      dossierId: id(n),
      dossierCode: null,
      kind,
      text: 'Chậm trễ',
      contact: null,
      receivedAt: '2026-01-21T03:00:00.000Z',
      dueAt: '2026-02-11T10:00:00.000Z',
      status: 'RECEIVED' as const,
      answer: null,
      answeredAt: null,
      answeredBy: null,
    });
    await db
      .insertInto('feedback')
      .values([feedback(3, 'COMPLAINT'), feedback(5, 'FEEDBACK')])
      .execute();
  };

  const get = (user: string, url: string) => {
    const u = t.fixture.users[user];
    if (!u) throw new Error(user);
    return url.startsWith('/api/')
      ? t.app.inject({ method: 'GET', url, headers: { authorization: u.bearer } })
      : t.app.inject({ method: 'GET', url, headers: { cookie: u.cookie } });
  };

  it('computes 2.1 from the hand-built dossiers; catalogue indicators stay NOT_SUPPLIED', async () => {
    const res = await get('unit_leader_a', '/api/v1/scorecards/766?unit=10001&from=2026-01-01&to=2026-02-01');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const progress = body.groups.find((g: { group: string }) => g.group === 'PROGRESS');
    const i21 = progress.indicators[0];
    expect(i21).toMatchObject({ code: '2.1', numerator: 2, denominator: 5, rate: 0.4, points: 8, status: 'COMPUTED' });
    expect(i21.explanation.terms).toMatchObject({
      received: 4,
      carriedOver: 1,
      lateInProcess: 2,
      lateProcessed: 1,
      lateByRepeatSupplement: 1,
    });
    expect(body.complete).toBe(false);
    expect(body.notSupplied).toEqual(expect.arrayContaining(['1.1', '3.5']));
    expect(body.notSupplied).not.toContain('3.1');
    expect(body.notSupplied).not.toEqual(expect.arrayContaining(['1.4']));
    expect(body.notSupplied.filter((c: string) => ['1.4', '3.3', '3.6', '4.1', '4.2', '4.3', '5.4'].includes(c))).toEqual([]);
    expect(body.unit).toEqual({ code: '10001', name: 'Xã Hòa Bình' });
    expect(body.groups.map((g: { maxPoints: number }) => g.maxPoints)).toEqual([18, 20, 22, 22, 18]);
  });

  it('computes 1.4, 3.3, 3.6, 4.1, 4.2, 4.3 and 5.4 from the recorded facts', async () => {
    const before = (await get('unit_leader_a', '/api/v1/scorecards/766?unit=10001&from=2026-01-01&to=2026-02-01')).json();
    type Indicator = { code: string; points: number; explanation: { terms: Record<string, number> } };
    const byCode = (body: { groups: { indicators: Indicator[] }[] }) =>
      new Map(body.groups.flatMap((g) => g.indicators.map((i) => [i.code, i])));
    // Nothing recorded yet: computed zeros, not NOT_SUPPLIED.
    expect(byCode(before).get('1.4')).toMatchObject({ numerator: 0, denominator: 5, status: 'COMPUTED' });
    await recordFacts();
    const body = (await get('unit_leader_a', '/api/v1/scorecards/766?unit=10001&from=2026-01-01&to=2026-02-01')).json();
    const i = byCode(body);
    // Received in January: 1, 2, 4, 5, 7. Synced before the end: 1, 2, 5 → 3 ÷ 5 × 6 points.
    expect(i.get('1.4')).toMatchObject({ numerator: 3, denominator: 5, rate: 0.6, status: 'COMPUTED' });
    expect(i.get('1.4')?.points).toBeCloseTo(3.6, 9);
    // Online: only 5, a paper-result procedure without an electronic result → 0 ÷ 5.
    expect(i.get('3.3')).toMatchObject({ numerator: 0, denominator: 5, rate: 0, points: 0, status: 'COMPUTED' });
    // Fee-bearing (all five), paid online: 1 → 0.2 ÷ 0.8 × 4 = 1 point.
    expect(i.get('3.6')).toMatchObject({ numerator: 1, denominator: 5, rate: 0.2, points: 1, status: 'COMPUTED' });
    // Processed to a result in January: 1, 2 (paper result); electronic: both → full 6 points.
    expect(i.get('4.1')).toMatchObject({ numerator: 2, denominator: 2, rate: 1, points: 6, status: 'COMPUTED' });
    // Files attached and an electronic result: 1 only → 0.5 ÷ 0.8 × 8 = 5 points.
    expect(i.get('4.2')).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5, points: 5, status: 'COMPUTED' });
    // Reused data: 1, 4, 7 of the five received → 0.6 ÷ 0.8 × 8 = 6 points.
    expect(i.get('4.3')).toMatchObject({ numerator: 3, denominator: 5, rate: 0.6, status: 'COMPUTED' });
    expect(i.get('4.3')?.points).toBeCloseTo(6, 9);
    // To process 1–5; overdue 2, 3, 4; unsatisfied 1; complaint about 3 (counted once) → (5 − 4) ÷ 5.
    const i54 = i.get('5.4');
    expect(i54).toMatchObject({ numerator: 1, denominator: 5, rate: 0.2, status: 'COMPUTED' });
    expect(i54?.points).toBeCloseTo((0.2 / 0.9) * 6, 9);
    expect(i54?.explanation.terms).toEqual({ toProcess: 5, overdue: 3, unsatisfied: 1, complained: 1, unhappy: 4 });
    // December's card sees none of them: every fact was recorded in January or later.
    const dec = byCode((await get('unit_leader_a', '/api/v1/scorecards/766?unit=10001&from=2025-12-01&to=2026-01-01')).json());
    expect(dec.get('1.4')).toMatchObject({ numerator: 0 });
  });

  it('accepts period=month as a convenience and gives the same card', async () => {
    const res = await get('province_analyst', '/api/v1/scorecards/766?unit=10001&period=month&year=2026&month=1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ from: '2026-01-01', to: '2026-02-01' });
    expect(res.json().groups[1].indicators[0].numerator).toBe(2);
  });

  it('the province card includes commune B: 6 to process, 4 late', async () => {
    const body = (await get('province_analyst', '/api/v1/scorecards/766?unit=province&from=2026-01-01&to=2026-02-01')).json();
    expect(body.groups[1].indicators[0]).toMatchObject({ numerator: 2, denominator: 6 });
  });

  it('refuses a commune-B role asking for A, and bad periods', async () => {
    expect((await get('unit_leader_b', '/api/v1/scorecards/766?unit=10001&from=2026-01-01&to=2026-02-01')).statusCode).toBe(404);
    expect((await get('unit_leader_b', '/api/v1/scorecards/766?unit=province&from=2026-01-01&to=2026-02-01')).statusCode).toBe(404);
    const backwards = await get('province_analyst', '/api/v1/scorecards/766?from=2026-02-01&to=2026-01-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().code).toBe('SCORECARD_PERIOD_INVALID');
    expect((await get('province_analyst', '/api/v1/scorecards/766?from=2025-01-01&to=2026-01-03')).statusCode).toBe(400);
    expect((await get('province_analyst', '/api/v1/scorecards/766?from=2025-13-01&to=2026-01-03')).statusCode).toBe(400);
  });

  it('workload: received, finished, on time and backlog per procedure', async () => {
    const body = (
      await get('unit_leader_a', '/api/v1/statistics/workload?unit=10001&from=2026-01-01&to=2026-02-01&groupBy=procedure')
    ).json();
    // Received in January: 1, 2, 4, 5, 7 = 5; finished: 1, 2 = 2, on time: 1; backlog: 3, 4, 5 = 3 (7 withdrawn).
    expect(body.total).toMatchObject({ received: 5, finished: 2, finishedOnTime: 1, backlogAtEnd: 3 });
    // Handling: #1 05/01 09:00 → 07/01 10:00 local = 8 h (05/01 09:00–17:00 minus the 11:30–13:00 break is 6.5 h; 06/01 8 h; 07/01 07:30–10:00 2.5 h) = 17 h;
    // #2 06/01 09:00 → 12/01 10:00 = 6.5 + 8 (07) + 8 (08) + 8 (09) + 8 (Sat 10/01, the seeded working Saturday swapped for
    // 02/01) + 2.5 (12) = 41 h; mean (17 + 41) ÷ 2 = 29 h.
    expect(body.total.averageHandlingHours).toBeCloseTo(29, 5);
  });

  it('computes 5.1 from the PAKN records, each decision against its own deadline', async () => {
    const row = (over: Record<string, unknown>) => ({
      provinceCode: 'T1',
      unitId: t.fixture.unitA,
      dossierId: null,
      dossierCode: null,
      kind: 'FEEDBACK' as const,
      text: 'Phản ánh thử',
      contact: null,
      receivedAt: '2026-01-05T02:00:00.000Z',
      // Monday 5 January: refuse by Wednesday 7, more information by Monday 12, answer by Monday 26 (17:00).
      refuseDueAt: '2026-01-07T10:00:00.000Z',
      infoDueAt: '2026-01-12T10:00:00.000Z',
      dueAt: '2026-01-26T10:00:00.000Z',
      status: 'RECEIVED' as const,
      answer: null,
      answeredAt: null,
      answeredBy: null,
      ...over,
    });
    await t.database.db
      .insertInto('feedback')
      .values([
        row({ status: 'REFUSED', answer: 'x', answeredAt: '2026-01-06T03:00:00.000Z' }), // refused in time
        row({ status: 'REFUSED', answer: 'x', answeredAt: '2026-01-09T03:00:00.000Z' }), // refused late (the answer's deadline does not help)
        row({ status: 'ANSWERED', answer: 'x', answeredAt: '2026-01-20T03:00:00.000Z' }), // answered in time
        row({}), // still open, overdue at the period's end
        row({ receivedAt: '2026-01-28T02:00:00.000Z', dueAt: '2026-02-20T10:00:00.000Z' }), // open, not yet due: pending
      ])
      .execute();
    const body = (await get('unit_leader_a', '/api/v1/scorecards/766?unit=10001&from=2026-01-01&to=2026-02-01')).json();
    const i51 = body.groups
      .flatMap((g: { indicators: { code: string }[] }) => g.indicators)
      .find((i: { code: string }) => i.code === '5.1');
    // Received 7 (these 5 and the 2 of the shared set, both pending); pending 3; on time 2 → 2 ÷ 4 = 0.5 → 0.5 × 6 = 3 points.
    expect(i51).toMatchObject({ numerator: 2, denominator: 4, rate: 0.5, points: 3, status: 'COMPUTED' });
    expect(i51.explanation.terms).toEqual({ received: 7, pending: 3, onTime: 2 });
    expect(body.notSupplied).not.toContain('5.1');
  });

  it('computes 3.1 and 3.2 from the catalogue in force and the online submissions', async () => {
    const indicator = (body: { groups: { indicators: { code: string }[] }[] }, code: string) =>
      body.groups.flatMap((g) => g.indicators).find((i) => i.code === code);
    // Commune A's card: the three commune-level procedures (commune, essential, offline); two are
    // offered online; the commune procedure received dossier 5 online in January.
    const a = (await get('unit_leader_a', '/api/v1/scorecards/766?unit=10001&from=2026-01-01&to=2026-02-01')).json();
    // 3.1: 2 ÷ 3 = 0.667 < 0.8 → 0.667 ÷ 0.8 × 4 = 3.333 points; 3.2: 1 ÷ 2 = 0.5 → 0.5 × 4 = 2 points.
    expect(indicator(a, '3.1')).toMatchObject({ numerator: 2, denominator: 3, status: 'COMPUTED' });
    expect((indicator(a, '3.1') as unknown as { points: number }).points).toBeCloseTo((2 / 3 / 0.8) * 4, 9);
    expect(indicator(a, '3.2')).toMatchObject({ numerator: 1, denominator: 2, rate: 0.5, points: 2, status: 'COMPUTED' });
    // The province's card: its whole catalogue (the province-level procedure too, offered online, unused).
    const province = (await get('province_analyst', '/api/v1/scorecards/766?unit=province&from=2026-01-01&to=2026-02-01')).json();
    expect(indicator(province, '3.1')).toMatchObject({ numerator: 3, denominator: 4 });
    expect(indicator(province, '3.2')).toMatchObject({ numerator: 1, denominator: 3 });
  });

  it('renders the page with the five groups, and a valid XLSX with the Vietnamese header row', async () => {
    const page = await get('unit_leader_a', '/scorecard?unit=10001&from=2026-01-01&to=2026-02-01');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tiến độ, kết quả giải quyết');
    expect(page.body).toContain('<details>');
    expect(Buffer.byteLength(page.body)).toBeLessThan(50_000);
    const xlsx = await get('unit_leader_a', '/scorecard.xlsx?unit=10001&from=2026-01-01&to=2026-02-01');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).values).toEqual([undefined, ...XLSX_HEADERS]);
    const row21 = ws?.getRows(2, 20)?.find((r) => r.getCell(1).value === '2.1');
    expect(row21?.getCell(3).value).toBe(2);
    expect(row21?.getCell(4).value).toBe(5);
  });
});
