import type { Selectable } from 'kysely';
import type { Db, JobTable } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import type { JobProgress, JobRecord, JobStatus, NewJob } from './jobs.ts';

/** SQL of the durable job queue (ADR 0010). Instants are ISO strings; JSON columns are text. */

const parse = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

function toRecord(r: Selectable<JobTable>): JobRecord {
  return {
    id: Number(r.id),
    kind: r.kind,
    provinceCode: r.provinceCode,
    payload: parse(r.payload),
    status: r.status as JobStatus,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.maxAttempts),
    progress: parse(r.progress) as JobProgress | null,
    result: parse(r.result),
    error: r.error,
    runAfter: r.runAfter,
    leaseUntil: r.leaseUntil,
    createdBy: r.createdBy === null ? null : Number(r.createdBy),
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    updatedAt: r.updatedAt,
  };
}

export async function insertJob(db: Db, job: NewJob, now: string): Promise<JobRecord> {
  const row = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      provinceCode: job.provinceCode,
      payload: JSON.stringify(job.payload ?? null),
      status: 'QUEUED',
      maxAttempts: job.maxAttempts ?? 3,
      runAfter: now,
      idempotencyKey: job.idempotencyKey ?? null,
      requestHash: job.requestHash ?? null,
      priority: job.priority ?? 0,
      createdBy: job.createdBy,
      createdAt: now,
      updatedAt: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecord(row);
}

export async function findJob(db: Db, id: number): Promise<JobRecord | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function findJobByIdempotencyKey(
  db: Db,
  kind: string,
  key: string,
): Promise<(JobRecord & { requestHash: string | null }) | undefined> {
  const row = await db.selectFrom('jobs').selectAll().where('kind', '=', kind).where('idempotencyKey', '=', key).executeTakeFirst();
  return row ? { ...toRecord(row), requestHash: row.requestHash } : undefined;
}

/** Frees an expired key so it can name a new request (the unique constraint stays per kind). */
export async function forgetIdempotencyKey(db: Db, jobId: number): Promise<void> {
  await db.updateTable('jobs').set({ idempotencyKey: null, requestHash: null }).where('id', '=', jobId).execute();
}

/**
 * Claims the runnable job of the given kinds with the highest priority, oldest first among equals
 * (migration 0028: a scheduled batch waits behind what people asked for): QUEUED and due, or RUNNING with an expired
 * lease (its process died), attempts left. One statement: on PostgreSQL the candidate row is
 * locked with FOR UPDATE SKIP LOCKED so concurrent workers take different jobs; SQLite runs the
 * statement under its single writer lock. The claim counts an attempt and sets a fresh lease.
 */
export async function claimNextJob(
  db: Db,
  kinds: readonly string[],
  now: string,
  lease: { until: string; token: string },
): Promise<JobRecord | undefined> {
  if (kinds.length === 0) return undefined;
  const postgres = dialectOf(db) === 'postgres';
  const row = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'RUNNING',
      attempts: eb('attempts', '+', 1),
      leaseUntil: lease.until,
      leaseToken: lease.token,
      startedAt: eb.fn.coalesce('startedAt', eb.val(now)),
      updatedAt: now,
    }))
    .where('id', '=', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('kind', 'in', [...kinds])
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'QUEUED'), w('runAfter', '<=', now)]),
            w.and([w('status', '=', 'RUNNING'), w('leaseUntil', '<', now)]),
          ]),
        )
        .whereRef('attempts', '<', 'maxAttempts')
        .orderBy('priority', 'desc')
        .orderBy('id')
        .limit(1)
        .$if(postgres, (q) => q.forUpdate().skipLocked()),
    )
    .returningAll()
    .executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** RUNNING jobs whose lease expired with no attempt left: they fail for good (see failJob). */
export async function exhaustedJobIds(db: Db, kinds: readonly string[], now: string): Promise<number[]> {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', 'in', [...kinds])
    .where('status', '=', 'RUNNING')
    .where('leaseUntil', '<', now)
    .whereRef('attempts', '>=', 'maxAttempts')
    .orderBy('id')
    .execute();
  return rows.map((r) => Number(r.id));
}

/** Extends the lease (and stores progress) if this worker still holds it. */
export async function heartbeatJob(
  db: Db,
  id: number,
  token: string,
  now: string,
  leaseUntil: string,
  progress: JobProgress | undefined,
): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ leaseUntil, updatedAt: now, ...(progress ? { progress: JSON.stringify(progress) } : {}) })
    .where('id', '=', id)
    .where('leaseToken', '=', token)
    .where('status', '=', 'RUNNING')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The DONE mark, only under this worker's lease; false when the lease was lost. */
export async function markJobDone(db: Db, id: number, token: string, now: string, result: unknown): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({
      status: 'DONE',
      result: JSON.stringify(result ?? null),
      progress: JSON.stringify({ fraction: 1, messageKey: 'jobs.progress.done' } satisfies JobProgress),
      error: null,
      leaseUntil: null,
      leaseToken: null,
      finishedAt: now,
      updatedAt: now,
    })
    .where('id', '=', id)
    .where('leaseToken', '=', token)
    .where('status', '=', 'RUNNING')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** After a failed attempt with attempts left: back to the queue, due at `runAfter`. */
export async function requeueJob(db: Db, id: number, token: string, now: string, runAfter: string, error: string): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'QUEUED', error, runAfter, leaseUntil: null, leaseToken: null, updatedAt: now })
    .where('id', '=', id)
    .where('leaseToken', '=', token)
    .where('status', '=', 'RUNNING')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Fails a RUNNING job for good: with `token`, only under that lease (a handler's last attempt);
 * without, only when its lease has expired (a crashed last attempt).
 */
export async function failJob(db: Db, id: number, token: string | null, now: string, error: string): Promise<boolean> {
  let q = db
    .updateTable('jobs')
    .set({ status: 'FAILED', error, leaseUntil: null, leaseToken: null, finishedAt: now, updatedAt: now })
    .where('id', '=', id)
    .where('status', '=', 'RUNNING');
  q = token === null ? q.where('leaseUntil', '<', now) : q.where('leaseToken', '=', token);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A graceful stop hands the job back at once, without counting the interrupted attempt. */
export async function releaseJob(db: Db, id: number, token: string, now: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set((eb) => ({ status: 'QUEUED', attempts: eb('attempts', '-', 1), leaseUntil: null, leaseToken: null, updatedAt: now }))
    .where('id', '=', id)
    .where('leaseToken', '=', token)
    .where('status', '=', 'RUNNING')
    .execute();
}
