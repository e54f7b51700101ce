import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../db/connect.ts';
import type { Db } from '../db/database.ts';
import { fixedClock } from '../time/clock.ts';
import { enqueueJob, getJob } from './job-queue.ts';
import { JobWorker } from './job-worker.ts';
import * as repo from './jobs.repository.ts';
import { BACKGROUND_PRIORITY, type JobHandler, JobLeaseLost } from './jobs.ts';

const START = '2026-03-02T03:00:00.000Z';
const LEASE_MS = 60_000;

/** A handler's "write": a marker job row, so a test can count how many times a handler's transaction committed. */
const writeMarker = (trx: Db, of: number) =>
  repo.insertJob(trx, { kind: 'marker', provinceCode: 'T1', payload: { of }, createdBy: null }, START).then(() => ({ of }));

async function markers(db: Db, of: number): Promise<number> {
  const rows = await db.selectFrom('jobs').select('payload').where('kind', '=', 'marker').execute();
  return rows.filter((r) => (JSON.parse(r.payload) as { of: number }).of === of).length;
}

describe.each(testDialects())('durable jobs on %s', (dialect) => {
  let h: DatabaseHandle;
  let db: Db;
  const clock = fixedClock(START);

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    db = h.db;
    await db.insertInto('provinces').values({ code: 'T1', name: 'Tỉnh Thử', createdAt: START }).execute();
  });
  afterAll(async () => h?.close());
  beforeEach(async () => {
    clock.set(START);
    await db.deleteFrom('jobs').execute();
  });

  const worker = (handlers: JobHandler[]) => {
    const w = new JobWorker({ db, clock, retryDelayMs: () => 30_000 });
    for (const x of handlers) w.register(x);
    return w;
  };
  const add = (kind: string, payload: unknown = {}, maxAttempts = 3) =>
    enqueueJob(db, { kind, provinceCode: 'T1', payload, createdBy: null, maxAttempts }, clock.now());

  it('claims the oldest due job, reports progress and commits the handler write with the DONE mark', async () => {
    const seen: unknown[] = [];
    const w = worker([
      {
        kind: 'echo',
        run: async (ctx) => {
          seen.push(ctx.job.payload);
          await ctx.heartbeat({ fraction: 0.5, messageKey: 'jobs.progress.started', figures: { n: 1 } });
          const mid = await getJob(db, ctx.job.id);
          expect(mid?.progress).toEqual({ fraction: 0.5, messageKey: 'jobs.progress.started', figures: { n: 1 } });
          expect(mid?.status).toBe('RUNNING');
          await ctx.complete((trx) => writeMarker(trx, ctx.job.id));
        },
      },
    ]);
    const first = await add('echo', { n: 1 });
    const second = await add('echo', { n: 2 });
    await add('other-kind');
    const done = await w.tick();
    expect(done?.id).toBe(first.id);
    expect(done?.status).toBe('DONE');
    expect(done?.attempts).toBe(1);
    expect(done?.result).toEqual({ of: first.id });
    expect(done?.progress?.fraction).toBe(1);
    expect(done?.finishedAt).toBe(START);
    expect(await markers(db, first.id)).toBe(1);
    expect((await w.tick())?.id).toBe(second.id);
    expect(await w.tick()).toBeNull(); // other-kind has no handler here
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('claims a job people asked for before an older scheduled batch (priority), oldest first among equals', async () => {
    const batch = [];
    for (let i = 0; i < 3; i++)
      batch.push(
        await enqueueJob(
          db,
          { kind: 'echo', provinceCode: 'T1', payload: { i }, createdBy: null, priority: BACKGROUND_PRIORITY },
          clock.now(),
        ),
      );
    const asked = await add('echo', { asked: 1 });
    const later = await add('echo', { asked: 2 });
    const order: number[] = [];
    const lease = (n: number) => ({ until: new Date(Date.parse(START) + LEASE_MS).toISOString(), token: `t${n}` });
    for (let n = 0; n < 5; n++) {
      const job = await repo.claimNextJob(db, ['echo'], START, lease(n));
      if (job) order.push(job.id);
    }
    expect(order).toEqual([asked.id, later.id, ...batch.map((b) => b.id)]);
  });

  it('runs each job exactly once with two workers polling the same table', async () => {
    const runs = new Map<number, number>();
    const handler: JobHandler = {
      kind: 'count',
      run: async (ctx) => {
        runs.set(ctx.job.id, (runs.get(ctx.job.id) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 5));
        await ctx.complete((trx) => writeMarker(trx, ctx.job.id));
      },
    };
    const a = worker([handler]);
    const b = worker([handler]);
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push((await add('count', { i })).id);
    const drain = async (w: JobWorker) => {
      while ((await w.tick()) !== null) {}
    };
    await Promise.all([drain(a), drain(b), drain(a), drain(b)]);
    expect([...runs.keys()].sort((x, y) => x - y)).toEqual(ids);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    for (const id of ids) {
      expect((await getJob(db, id))?.status).toBe('DONE');
      expect(await markers(db, id)).toBe(1);
    }
  });

  it('retries a job whose worker died (lease expired) and never commits the dead attempt twice', async () => {
    let release: () => void = () => {};
    const blocked = new Promise<void>((r) => {
      release = r;
    });
    let firstOutcome: unknown = null;
    let inFirst: () => void = () => {};
    const firstStarted = new Promise<void>((r) => {
      inFirst = r;
    });
    const slow: JobHandler = {
      kind: 'solve',
      leaseMs: LEASE_MS,
      run: async (ctx) => {
        if (ctx.job.attempts === 1) {
          inFirst();
          await blocked; // a hung process: no heartbeat reaches the database meanwhile
          try {
            await ctx.complete((trx) => writeMarker(trx, ctx.job.id));
          } catch (e) {
            firstOutcome = e;
            throw e;
          }
          return;
        }
        await ctx.complete((trx) => writeMarker(trx, ctx.job.id));
      },
    };
    const a = worker([slow]);
    const b = worker([slow]);
    const job = await add('solve');
    const hung = a.tick();
    await firstStarted;
    expect((await getJob(db, job.id))?.status).toBe('RUNNING');
    expect(await b.tick()).toBeNull(); // the lease still holds
    clock.advanceMs(LEASE_MS + 1);
    const retried = await b.tick();
    expect(retried?.id).toBe(job.id);
    expect(retried?.status).toBe('DONE');
    expect(retried?.attempts).toBe(2);
    release();
    await hung;
    expect(firstOutcome).toBeInstanceOf(JobLeaseLost);
    expect(await markers(db, job.id)).toBe(1);
    expect((await getJob(db, job.id))?.status).toBe('DONE');
  });

  it('retries a failing handler after the delay, then fails it for good with onFailed in the same transaction', async () => {
    const w = worker([
      {
        kind: 'broken',
        run: async () => {
          throw new Error('solver exploded');
        },
        onFailed: async (trx, job, error) => {
          expect(error).toBe('solver exploded');
          await writeMarker(trx, job.id);
        },
      },
    ]);
    const job = await add('broken', {}, 2);
    const first = await w.tick();
    expect(first).toMatchObject({ status: 'QUEUED', attempts: 1, error: 'solver exploded' });
    expect(first?.runAfter).toBe(new Date(Date.parse(START) + 30_000).toISOString());
    expect(await w.tick()).toBeNull(); // not due yet
    clock.advanceMs(30_000);
    const last = await w.tick();
    expect(last).toMatchObject({
      id: job.id,
      status: 'FAILED',
      attempts: 2,
      error: 'solver exploded',
      finishedAt: clock.now().toISOString(),
    });
    expect(await markers(db, job.id)).toBe(1);
    clock.advanceMs(3_600_000);
    expect(await w.tick()).toBeNull();
  });

  it('fails a job whose last attempt crashed once its lease expires', async () => {
    const failed: number[] = [];
    const w = worker([{ kind: 'crash', run: async () => {}, onFailed: async (_trx, job) => void failed.push(job.id) }]);
    const job = await add('crash', {}, 1);
    const claimed = await repo.claimNextJob(db, ['crash'], START, { until: new Date(Date.parse(START) + 1000).toISOString(), token: 't' });
    expect(claimed?.id).toBe(job.id);
    expect(await w.tick()).toBeNull();
    expect((await getJob(db, job.id))?.status).toBe('RUNNING');
    clock.advanceMs(1001);
    expect(await w.tick()).toBeNull();
    expect(await getJob(db, job.id)).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect((await getJob(db, job.id))?.error).toMatch(/lease expired/);
    expect(failed).toEqual([job.id]);
  });

  it('hands a running job back to the queue when the worker stops', async () => {
    let started: () => void = () => {};
    const running = new Promise<void>((r) => {
      started = r;
    });
    const w = worker([
      {
        kind: 'long',
        run: async (ctx) => {
          started();
          await new Promise<void>((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))));
        },
      },
    ]);
    const job = await add('long');
    w.start();
    await running;
    await w.stop();
    expect(await getJob(db, job.id)).toMatchObject({ status: 'QUEUED', attempts: 0, leaseUntil: null });
  });
});
