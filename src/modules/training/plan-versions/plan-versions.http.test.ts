import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/databases.ts';
import { buildTestApp, NOW, type TestApp, type TestUser } from '../../../../test/support/fixture.ts';
import { seedPlanScenario } from './plan-scenario.fixtures.ts';

type Summary = {
  id: number;
  status: string;
  gapClosed: number | null;
  totalCost: number | null;
  jobId: number;
  inputDigest: string | null;
};
type Detail = Summary & {
  costs: { year: number; fundingSource: string; cost: number; budget: number; classes: number; participants: number }[];
  totalClasses: number;
  classes: {
    courseCode: string;
    year: number;
    participants: number;
    cost: number;
    attendees: { staffId: number; needs: { competencyCode: string | null; courseCode: string | null }[] }[];
  }[];
};

/**
 * The whole path on the fit fixture (see needs.http.test.ts): staffA and hung need T.LAW at 3,
 * staffB too (commune B); hung and staffB need the mandatory programme M.ETHICS. Courses C.LAW3
 * (raises T.LAW to 3; 30 M a class + 0.8 M a participant) and M.ETHICS (same costs). With a budget
 * for everything the known optimum closes every need at the least cost: one class of each.
 */
describe.each(testDialects())('training plan versions over HTTP on %s', (dialect) => {
  let t: TestApp;
  let needsTotal = 0;
  const user = (name: string): TestUser => {
    const u = t.fixture.users[name];
    if (!u) throw new Error(`no fixture user ${name}`);
    return u;
  };
  const api = (name: string, url: string) => t.app.inject({ url, headers: { authorization: user(name).bearer } });
  const post = (payload: unknown, key?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/training/plans',
      headers: {
        authorization: user('province_analyst').bearer,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      payload: JSON.stringify(payload),
    });
  const body = (over: Record<string, unknown> = {}) => ({
    name: 'Phương án 1',
    years: [2026, 2027],
    budgets: [{ year: 2026, fundingSource: 'STATE_BUDGET', amount: 100_000_000 }],
    maxDaysPerPersonYear: 20,
    maxUnitShareAway: 1,
    timeLimitSeconds: 20,
    method: 'MIP',
    ...over,
  });
  const planCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('trainingPlans')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await buildTestApp(dialect);
    await seedPlanScenario(t, NOW);
    needsTotal = ((await api('province_analyst', '/api/v1/training/needs/summary')).json() as { totalWeight: number }).totalWeight;
  });
  afterAll(async () => t?.close());

  it('refuses a bad body and changes nothing', async () => {
    const before = await planCount();
    const res = await post(body({ budgets: [{ year: 2031, fundingSource: 'STATE_BUDGET', amount: 1 }] }));
    expect(res.statusCode).toBe(400);
    expect((await post(body({ maxUnitShareAway: 0 }))).statusCode).toBe(400);
    expect(await planCount()).toBe(before);
  });

  it('enqueues once per Idempotency-Key, streams progress then done, and stores the known optimum with the why', async () => {
    const first = await post(body(), 'plan-key-1');
    expect(first.statusCode).toBe(202);
    const enq = first.json() as { plan: Summary; job: { id: number; status: string }; eventsUrl: string };
    expect(enq.plan.status).toBe('QUEUED');
    expect(enq.job.status).toBe('QUEUED');
    expect(first.headers.location).toBe(`/api/v1/training/plans/${enq.plan.id}`);
    const again = await post(body(), 'plan-key-1');
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((again.json() as typeof enq).plan.id).toBe(enq.plan.id);
    const reused = await post(body({ name: 'Khác' }), 'plan-key-1');
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });

    const events = t.app.inject({ url: enq.eventsUrl, headers: { authorization: user('province_analyst').bearer } });
    const ran = await t.app.jobs.tick();
    expect(ran).toMatchObject({ id: enq.job.id, status: 'DONE' });
    const stream = await events;
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    const names = [...stream.body.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(names[0]).toBe('progress');
    expect(names.at(-1)).toBe('done');
    const done = JSON.parse(
      stream.body
        .trim()
        .split('\n')
        .at(-1)
        ?.replace(/^data: /, '') ?? '{}',
    ) as { planUrl: string };
    expect(done.planUrl).toBe(`/training/plans/${enq.plan.id}`);

    const detail = (await api('province_analyst', `/api/v1/training/plans/${enq.plan.id}`)).json() as Detail;
    expect(detail.status).toBe('DONE');
    expect(detail.gapClosed).toBeCloseTo(needsTotal, 9);
    // One class of each course: 30 M + 0.8 M × 3 (T.LAW) and 30 M + 0.8 M × 2 (M.ETHICS), within the 2026 line.
    expect(detail.totalCost).toBe(64_000_000);
    expect(detail.costs).toEqual([
      { year: 2026, fundingSource: 'STATE_BUDGET', classes: 2, participants: 5, cost: 64_000_000, budget: 100_000_000 },
    ]);
    const law = detail.classes.find((c) => c.courseCode === 'C.LAW3');
    expect(law?.attendees.map((a) => a.staffId).sort((a, b) => a - b)).toHaveLength(3);
    expect(law?.attendees.every((a) => a.needs.some((n) => n.competencyCode === 'T.LAW'))).toBe(true);
    const ethics = detail.classes.find((c) => c.courseCode === 'M.ETHICS');
    expect(ethics?.attendees.every((a) => a.needs.some((n) => n.courseCode === 'M.ETHICS'))).toBe(true);

    const list = (await api('province_analyst', '/api/v1/training/plans')).json() as Summary[];
    expect(list[0]).toMatchObject({ id: enq.plan.id, status: 'DONE' });

    // Same data and parameters: the exported model is of the same input.
    const lp = await api('province_analyst', `/api/v1/training/plans/${enq.plan.id}/model.lp`);
    expect(lp.statusCode).toBe(200);
    expect(lp.body).toMatch(/^max/im);
    expect(lp.headers['x-cadre-same-input']).toBe('true');
    expect(lp.headers['x-cadre-input-digest']).toBe(detail.inputDigest);
    const mps = await api('province_analyst', `/api/v1/training/plans/${enq.plan.id}/model.mps`);
    expect(mps.body).toMatch(/ROWS/);

    // A second version on the same data solves to the same plan (reproducible).
    const second = (await post(body({ name: 'Phương án 2' }))).json() as typeof enq;
    await t.app.jobs.tick();
    const detail2 = (await api('province_analyst', `/api/v1/training/plans/${second.plan.id}`)).json() as Detail;
    expect(detail2.inputDigest).toBe(detail.inputDigest);
    const shape = (d: Detail) => d.classes.map((c) => [c.courseCode, c.year, c.attendees.map((a) => a.staffId)]);
    expect(shape(detail2)).toEqual(shape(detail));
  });

  it('serves the pages: list with the form, progress that redirects when done, the plan under 50 KB', async () => {
    const cookie = { cookie: user('province_analyst').cookie };
    const list = await t.app.inject({ url: '/training/plans', headers: cookie });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('name="budget_2026_STATE_BUDGET"');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/training/plans',
      headers: { ...cookie, 'x-csrf-token': user('province_analyst').csrf, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ name: '', maxDaysPerPersonYear: 'x' }).toString(),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/training/plans',
      headers: { ...cookie, 'x-csrf-token': user('province_analyst').csrf, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        name: 'Từ biểu mẫu',
        budget_2026_STATE_BUDGET: '100.000.000',
        maxDaysPerPersonYear: '20',
        maxUnitSharePercent: '100',
        timeLimitSeconds: '10',
        method: 'GREEDY',
      }).toString(),
    });
    expect(ok.statusCode).toBe(303);
    const progressUrl = ok.headers.location as string;
    const progress = await t.app.inject({ url: progressUrl, headers: cookie });
    expect(progress.statusCode).toBe(200);
    expect(progress.body).toContain('/static/plan-progress.js');
    expect(progress.body).toMatch(/<noscript><meta http-equiv="refresh"/);
    expect((await t.app.jobs.tick())?.status).toBe('DONE');
    const after = await t.app.inject({ url: progressUrl, headers: cookie });
    expect(after.statusCode).toBe(303);
    const page = await t.app.inject({ url: after.headers.location as string, headers: cookie });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('C.LAW3');
    expect(Buffer.byteLength(page.body)).toBeLessThan(50 * 1024);
    const year = await t.app.inject({ url: `${after.headers.location}?year=2027`, headers: cookie });
    expect(year.body).not.toContain('C.LAW3 ');
  });

  it('answers 404 for a job or plan of another province', async () => {
    const other = (url: string) => t.app.inject({ url, headers: { authorization: user('other_province_admin').bearer } });
    expect((await other(`/api/v1/training/plans/${t.fixture.trainingPlan.id}`)).statusCode).toBe(404);
    expect((await other(`/api/v1/training/plans/jobs/${t.fixture.trainingPlan.jobId}/events`)).statusCode).toBe(404);
  });
});
