import type { Db } from '../db/database.ts';

/**
 * Durable background jobs (ADR 0010): the types a module needs to enqueue work and handle it.
 * A job is a row of `jobs`; a worker in each app process claims one under a lease, runs the
 * handler registered for its kind, and marks it DONE in the same transaction as the handler's
 * writes (so a crash can never leave the writes without the mark, or run them twice).
 */

export const JOB_STATUSES = ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** What a page or a progress bar shows: a fraction, an i18n message key and the figures it interpolates. */
export type JobProgress = {
  fraction: number;
  messageKey: string;
  figures?: Record<string, string | number | null>;
};

export type JobRecord = {
  id: number;
  kind: string;
  provinceCode: string;
  payload: unknown;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  progress: JobProgress | null;
  result: unknown;
  error: string | null;
  runAfter: string;
  leaseUntil: string | null;
  createdBy: number | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
};

export type NewJob = {
  kind: string;
  provinceCode: string;
  payload: unknown;
  createdBy: number | null;
  maxAttempts?: number;
  /** Namespaced by the caller (e.g. `u12:<Idempotency-Key>`); unique per kind. */
  idempotencyKey?: string | null;
  requestHash?: string | null;
  /** Higher is claimed first (default 0); BACKGROUND_PRIORITY for scheduled batches nobody is waiting for. */
  priority?: number;
};

/** Priority of scheduled batches: below every job a person asked for, so theirs is not held behind the batch. */
export const BACKGROUND_PRIORITY = -10;

/** What a running handler gets: its job, a heartbeat that also reports progress, and the one commit. */
export type JobContext = {
  job: JobRecord;
  /** Extends the lease and stores the progress; throws JobLeaseLost when another worker took the job over. */
  heartbeat: (progress?: JobProgress) => Promise<void>;
  /**
   * The handler's writes and the DONE mark in one transaction. Rolls back (JobLeaseLost) when the
   * lease was lost meanwhile, so a job taken over after an expired lease never commits twice.
   */
  complete: (write: (trx: Db) => Promise<unknown>) => Promise<void>;
  /** Aborted when the worker stops (app shutdown) or the lease is lost: stop soon, write nothing. */
  signal: AbortSignal;
};

export type JobHandler = {
  kind: string;
  run: (ctx: JobContext) => Promise<void>;
  /** Called in the transaction that marks the job FAILED for good (no attempts left). */
  onFailed?: (trx: Db, job: JobRecord, error: string) => Promise<void>;
  /** Lease length; the worker heartbeats at a third of it while the handler runs. Default 60 s. */
  leaseMs?: number;
};

export class JobLeaseLost extends Error {
  constructor(readonly jobId: number) {
    super(`job ${jobId}: lease lost to another worker`);
  }
}
