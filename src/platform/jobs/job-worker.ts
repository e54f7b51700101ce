import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Clock } from '../time/clock.ts';
import * as repo from './jobs.repository.ts';
import { type JobHandler, JobLeaseLost, type JobProgress, type JobRecord } from './jobs.ts';
import { type Schedule, Scheduler } from './schedule.ts';

type Log = {
  info: (obj: object, msg: string) => void;
  warn: (obj: object, msg: string) => void;
  error: (obj: object, msg: string) => void;
};

export type JobWorkerOptions = {
  db: Db;
  clock: Clock;
  log?: Log;
  /** Idle wait between polls when the queue is empty. */
  pollMs?: number;
  /** Delay before a failed attempt is retried (attempt = attempts made so far). */
  retryDelayMs?: (attempt: number) => number;
};

const silent: Log = { info: () => {}, warn: () => {}, error: () => {} };
const DEFAULT_LEASE_MS = 60_000;
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 2000);

/**
 * The in-process worker (ADR 0010): claims one job at a time under a lease, heartbeats while
 * the handler runs, commits the handler's writes with the DONE mark, retries failures with a
 * delay up to the job's max attempts. Several processes (or several workers in one, as the
 * tests do) may poll the same table: the claim statement gives each job to one of them.
 * CPU-heavy handlers must not block the event loop (they run their work in a worker thread),
 * since this runs inside the HTTP process.
 */
export class JobWorker {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly log: Log;
  private readonly pollMs: number;
  private readonly retryDelayMs: (attempt: number) => number;
  private timer: NodeJS.Timeout | null = null;
  private started = false;
  private inFlight: Promise<JobRecord | null> | null = null;
  private current: AbortController | null = null;
  /** Periodic enqueuers (schedule.ts), run from the poll loop: once at start, then at their interval. */
  private readonly scheduler: Scheduler;

  constructor(private readonly opts: JobWorkerOptions) {
    this.log = opts.log ?? silent;
    this.pollMs = opts.pollMs ?? 2000;
    this.retryDelayMs = opts.retryDelayMs ?? ((attempt) => Math.min(300_000, 10_000 * 2 ** (attempt - 1)));
    this.scheduler = new Scheduler(opts.clock, this.log);
  }

  /** Adds periodic work to the poll loop (start() only: tests call tick() and run schedules themselves). */
  addSchedule(schedule: Schedule): void {
    this.scheduler.add(schedule);
  }

  register(handler: JobHandler): void {
    if (this.handlers.has(handler.kind)) throw new Error(`job kind ${handler.kind} registered twice`);
    this.handlers.set(handler.kind, handler);
  }

  kinds(): string[] {
    return [...this.handlers.keys()].sort();
  }

  private now(): string {
    return this.opts.clock.now().toISOString();
  }

  private later(ms: number): string {
    return new Date(this.opts.clock.now().getTime() + ms).toISOString();
  }

  /**
   * One step: fails jobs whose last attempt died, then claims and runs one job. Returns the job
   * as it ended (null when none was due). Tests call this directly; start() calls it in a loop.
   */
  tick(): Promise<JobRecord | null> {
    if (this.inFlight) return this.inFlight.then(() => null);
    const run = this.step().finally(() => {
      this.inFlight = null;
    });
    this.inFlight = run;
    return run;
  }

  private async step(): Promise<JobRecord | null> {
    const { db } = this.opts;
    const kinds = this.kinds();
    for (const id of await repo.exhaustedJobIds(db, kinds, this.now())) await this.failCrashed(id);
    const token = randomUUID();
    const leaseMsOf = (kind: string) => this.handlers.get(kind)?.leaseMs ?? DEFAULT_LEASE_MS;
    // The lease is set at claim time; the longest lease of the registered kinds covers any of them
    // until the first heartbeat sets the handler's own.
    const claimLease = Math.max(DEFAULT_LEASE_MS, ...kinds.map(leaseMsOf));
    const job = await repo.claimNextJob(db, kinds, this.now(), { until: this.later(claimLease), token });
    if (!job) return null;
    await this.runClaimed(job, token, leaseMsOf(job.kind));
    return (await repo.findJob(db, job.id)) ?? null;
  }

  private async failCrashed(id: number): Promise<void> {
    const job = await repo.findJob(this.opts.db, id);
    if (!job) return;
    const error = `lease expired after attempt ${job.attempts} of ${job.maxAttempts}`;
    await this.opts.db.transaction().execute(async (trx) => {
      if (!(await repo.failJob(trx, id, null, this.now(), error))) return;
      await this.handlers.get(job.kind)?.onFailed?.(trx, job, error);
    });
    this.log.warn({ jobId: id, kind: job.kind }, 'job failed: lease expired on its last attempt');
  }

  private async runClaimed(job: JobRecord, token: string, leaseMs: number): Promise<void> {
    const { db } = this.opts;
    const handler = this.handlers.get(job.kind);
    if (!handler) return;
    const abort = new AbortController();
    this.current = abort;
    let lost = false;
    const heartbeat = async (progress?: JobProgress) => {
      if (lost) throw new JobLeaseLost(job.id);
      const ok = await repo.heartbeatJob(db, job.id, token, this.now(), this.later(leaseMs), progress);
      if (!ok) {
        lost = true;
        abort.abort(new JobLeaseLost(job.id));
        throw new JobLeaseLost(job.id);
      }
    };
    let completed = false;
    const complete = async (write: (trx: Db) => Promise<unknown>) => {
      if (completed) throw new Error(`job ${job.id} completed twice`);
      await db.transaction().execute(async (trx) => {
        const result = await write(trx);
        if (!(await repo.markJobDone(trx, job.id, token, this.now(), result))) throw new JobLeaseLost(job.id);
      });
      completed = true;
    };
    // The event loop stays free while a handler waits on its thread, so a timer keeps the lease.
    const beat = setInterval(() => heartbeat().catch(() => {}), Math.max(50, Math.floor(leaseMs / 3)));
    beat.unref();
    this.log.info({ jobId: job.id, kind: job.kind, attempt: job.attempts }, 'job started');
    try {
      await heartbeat({ fraction: 0, messageKey: 'jobs.progress.started' });
      await handler.run({ job, heartbeat, complete, signal: abort.signal });
      if (!completed) await complete(async () => null);
      this.log.info({ jobId: job.id, kind: job.kind }, 'job done');
    } catch (e) {
      if (lost || e instanceof JobLeaseLost) {
        this.log.warn({ jobId: job.id, kind: job.kind }, 'job lease lost: another worker owns it now');
      } else if (abort.signal.aborted && !this.started) {
        await repo.releaseJob(db, job.id, token, this.now());
        this.log.info({ jobId: job.id, kind: job.kind }, 'job handed back: worker stopping');
      } else {
        await this.failAttempt(job, token, handler, messageOf(e));
      }
    } finally {
      clearInterval(beat);
      this.current = null;
    }
  }

  private async failAttempt(job: JobRecord, token: string, handler: JobHandler, error: string): Promise<void> {
    const { db } = this.opts;
    if (job.attempts < job.maxAttempts) {
      await repo.requeueJob(db, job.id, token, this.now(), this.later(this.retryDelayMs(job.attempts)), error);
      this.log.warn({ jobId: job.id, kind: job.kind, attempt: job.attempts, error }, 'job attempt failed; retrying later');
      return;
    }
    await db.transaction().execute(async (trx) => {
      if (!(await repo.failJob(trx, job.id, token, this.now(), error))) return;
      await handler.onFailed?.(trx, job, error);
    });
    this.log.error({ jobId: job.id, kind: job.kind, error }, 'job failed after its last attempt');
  }

  /** Polls until stop(): runs jobs back to back, waits `pollMs` when none is due. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule(0);
  }

  /** Runs the loop now instead of at the next poll (after an enqueue in this process). */
  wake(): void {
    if (this.started && !this.inFlight) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      this.timer = null;
      let ran = false;
      try {
        await this.scheduler.runDue();
        ran = (await this.tick()) !== null;
      } catch (e) {
        this.log.error({ err: e }, 'job worker tick failed');
      }
      if (this.started && !this.timer) this.schedule(ran ? 0 : this.pollMs);
    }, ms);
    this.timer.unref();
  }

  /** Stops polling; a running job is asked to stop and handed back to the queue for the next process. */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current?.abort(new Error('job worker stopping'));
    await this.inFlight?.catch(() => {});
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's job worker (app.ts): serve() starts it, tests call tick(). */
    jobs: JobWorker;
  }
}
