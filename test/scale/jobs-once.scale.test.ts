import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLAN_BODY } from '../../src/modules/demo/demo-plan.ts';
import type { Province } from '../crash/cadre-process.ts';
import { type Cluster, startCluster } from './cluster.ts';
import { cadreCli, preparePgProvince } from './scale-support.ts';

/**
 * Background jobs run once across processes (issue 8 §3): training-plan generation jobs are
 * enqueued through the proxy (so through both processes) while both job workers poll the same
 * table. Each job ends DONE after exactly one attempt, and each plan holds the classes of one
 * run: the greedy method is deterministic, so every plan has as many classes as the demo's
 * own plan (made by the seed with the same parameters on the same data). A job run twice would
 * show as a second attempt or doubled classes.
 */

const PLANS = 4;

let province: Province | undefined;
let cluster: Cluster | undefined;
let analyst = '';

beforeAll(async () => {
  province = await preparePgProvince();
  const token = cadreCli(['token', 'create', '--user', 'analyst', '--name', 'jobs'], province.env);
  if (token.status !== 0) throw new Error(token.stderr);
  analyst = token.stdout;
  cluster = await startCluster(province.env, 2);
});

afterAll(async () => {
  await cluster?.stop();
  await province?.cleanup();
});

describe('background jobs with two workers on one PostgreSQL database', () => {
  it('runs each enqueued job exactly once', async () => {
    const p = province as Province;
    const c = cluster as Cluster;
    const enqueued = await Promise.all(
      Array.from({ length: PLANS }, async (_, i) => {
        const res = await fetch(`${c.proxy.base}/api/v1/training/plans`, {
          method: 'POST',
          headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
          body: JSON.stringify({ ...DEMO_PLAN_BODY, name: `Phương án mở rộng ${i + 1}` }),
        });
        expect(res.status).toBe(202);
        return { body: (await res.json()) as { plan: { id: number }; job: { id: number } }, backend: res.headers.get('x-cadre-backend') };
      }),
    );
    expect(new Set(enqueued.map((e) => e.backend))).toEqual(new Set(['0', '1']));
    const jobIds = enqueued.map((e) => e.body.job.id);

    const deadline = Date.now() + 180_000;
    let jobs: { id: number; status: string; attempts: number }[] = [];
    while (Date.now() < deadline) {
      jobs = await p.query<{ id: number; status: string; attempts: number }>(
        `select id, status, attempts from jobs where id in (${jobIds.map(() => '?').join(',')}) order by id`,
        jobIds,
      );
      if (jobs.every((j) => j.status === 'DONE' || j.status === 'FAILED')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(jobs.map((j) => ({ status: j.status, attempts: Number(j.attempts) }))).toEqual(
      jobIds.map(() => ({ status: 'DONE', attempts: 1 })),
    );

    const [demo] = await p.query<{ id: number }>('select id from training_plans where name = ?', [DEMO_PLAN_BODY.name]);
    const counts = await p.query<{ plan_id: number; n: number }>(
      'select plan_id, count(*) as n from training_plan_classes group by plan_id order by plan_id',
    );
    const classesOf = (id: number | undefined) => Number(counts.find((r) => Number(r.plan_id) === Number(id))?.n ?? 0);
    const expected = classesOf(demo?.id);
    expect(expected).toBeGreaterThan(0);
    for (const e of enqueued) expect(classesOf(e.body.plan.id), `plan ${e.body.plan.id}`).toBe(expected);
    const plans = await p.query<{ status: string }>(
      `select status from training_plans where id in (${enqueued.map(() => '?').join(',')})`,
      enqueued.map((e) => e.body.plan.id),
    );
    expect(plans.map((r) => r.status)).toEqual(enqueued.map(() => 'DONE'));
  });
});
