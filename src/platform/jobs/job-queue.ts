import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import * as repo from './jobs.repository.ts';
import type { JobRecord, NewJob } from './jobs.ts';

/** How long an Idempotency-Key names its first request (as for dossiers: 24 hours). */
export const JOB_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Adds a job; call it inside the transaction that writes what the job will work on. */
export function enqueueJob(trx: Db, job: NewJob, now: Date): Promise<JobRecord> {
  return repo.insertJob(trx, job, now.toISOString());
}

export function getJob(db: Db, id: number): Promise<JobRecord | undefined> {
  return repo.findJob(db, id);
}

/**
 * The job a live Idempotency-Key already created: the same request gets it back (a replay), another
 * request with the key is refused (422 IDEMPOTENCY_KEY_REUSED). An expired key is freed for reuse.
 */
export async function jobForIdempotencyKey(
  db: Db,
  kind: string,
  key: { key: string; hash: string },
  now: Date,
): Promise<JobRecord | undefined> {
  const prior = await repo.findJobByIdempotencyKey(db, kind, key.key);
  if (!prior) return undefined;
  if (new Date(prior.createdAt).getTime() < now.getTime() - JOB_IDEMPOTENCY_TTL_MS) {
    await repo.forgetIdempotencyKey(db, prior.id);
    return undefined;
  }
  if (prior.requestHash !== key.hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return prior;
}

/** A second insert of one idempotency key (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
export function isDuplicateKey(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
