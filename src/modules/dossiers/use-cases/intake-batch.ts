import { type AuditInput, appendAuditEntries } from '../../../platform/audit/audit.repository.ts';
import type { Db } from '../../../platform/db/database.ts';
import { dialectOf } from '../../../platform/db/dialect.ts';
import {
  beginIntakeSavepoint,
  type IdempotencyKeyWrite,
  insertDossierWithEvent,
  insertReservedIntakes,
  type NewDossier,
  type NewDossierEvent,
  releaseIntakeSavepoint,
  saveIdempotencyKey,
  takeCodeSequences,
  undoIntakeSavepoint,
} from '../dossiers.repository.ts';

/**
 * Group commit of counter intakes (issue 3). The writes of an intake — its code number,
 * dossier, event, idempotency key and audit entry — are queued, and the intakes queued while
 * the previous batch was being written commit together in one transaction: one COMMIT, so on
 * SQLite one WAL fsync (synchronous=FULL) and on PostgreSQL one WAL flush, for the whole batch.
 * A batch also takes its code numbers in one counter statement per agency and day, and appends
 * its audit entries in one chain append; on PostgreSQL its dossiers, events and keys are one
 * more statement (ids reserved with the numbers), so a batch is at most six round trips, BEGIN and
 * COMMIT included, however large.
 *
 * Guarantees kept:
 * - Durability: an intake's promise settles only after the batch's COMMIT has returned, so
 *   nothing is acknowledged before it is on disk; a failed COMMIT fails every intake of the
 *   batch (none of them was acknowledged, none of them is stored).
 * - Isolation of failures: a batch is first written without savepoints. If anything in it fails,
 *   the whole transaction rolls back — nothing of it was committed or acknowledged, code numbers
 *   are given back — and the batch is written again with each intake in a savepoint: one that
 *   fails is rolled back to it, its own error reaches its caller, and the others commit. Intakes
 *   are re-runnable: they compute their code, rows and audit entry inside the transaction. A
 *   batch of one runs exactly like a plain transaction.
 * - Locks: on PostgreSQL a batch only holds intakes of one agency and reception day (its lane),
 *   so a batch transaction locks what one intake's did — that day's code-counter row, then the
 *   audit head — in the same order, and cannot deadlock with another process's batch. One batch
 *   runs at a time per lane in a process; the next starts with whatever was queued meanwhile.
 *   SQLite has one connection and one writer: one lane.
 * - No reads of uncommitted data: on SQLite the batch holds the only connection from BEGIN to
 *   COMMIT like any transaction; on PostgreSQL other sessions see nothing before COMMIT.
 *
 * A batch starts on `setImmediate`, after the requests that arrived in the same turn of the
 * event loop have queued their intakes; alone, an intake waits one turn.
 */

/**
 * An intake ready to write, everything read and checked before the transaction. `numbered`
 * gives its dossier and first event once its number is known; `saved`, once its id is too,
 * its idempotency key (null without one), its audit entry and what the caller gets back.
 */
export type IntakeDraft<T> = {
  provinceCode: string;
  agency: string;
  day: string;
  numbered(seq: number): {
    dossier: NewDossier;
    event: Omit<NewDossierEvent, 'dossierId'>;
    saved(id: number): { key: IdempotencyKeyWrite | null; audit: AuditInput; result: T };
  };
};

type Job = {
  draft: IntakeDraft<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
};

type Lane = { queue: Job[]; busy: boolean };

/** A bound on one transaction's size (and on how long the first intake of a batch waits for the last). */
const MAX_BATCH = 64;

// Per database handle: tests open several in one process.
const lanesByDb = new WeakMap<Db, Map<string, Lane>>();

/**
 * Writes the intake in a transaction shared with the other intakes of its batch and resolves
 * with its result once that transaction has committed.
 */
export function inIntakeBatch<T>(db: Db, draft: IntakeDraft<T>): Promise<T> {
  const key = dialectOf(db) === 'postgres' ? `${draft.agency}|${draft.day}` : '';
  let lanes = lanesByDb.get(db);
  if (!lanes) {
    lanes = new Map();
    lanesByDb.set(db, lanes);
  }
  let l = lanes.get(key);
  if (!l) {
    l = { queue: [], busy: false };
    lanes.set(key, l);
  }
  const target = l;
  const lanesOfDb = lanes;
  return new Promise<T>((resolve, reject) => {
    target.queue.push({ draft, resolve: resolve as (value: unknown) => void, reject });
    if (!target.busy) {
      target.busy = true;
      setImmediate(() => void drain(db, lanesOfDb, key, target));
    }
  });
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Writes batches until the lane's queue is empty, then forgets the lane. */
async function drain(db: Db, lanes: Map<string, Lane>, key: string, lane: Lane): Promise<void> {
  while (lane.queue.length > 0) {
    await writeBatch(db, lane.queue.splice(0, MAX_BATCH));
  }
  lane.busy = false;
  lanes.delete(key);
}

async function writeBatch(db: Db, jobs: Job[]): Promise<void> {
  if (jobs.length > 1) {
    // Optimistically the whole batch at once, without savepoints: nearly every batch succeeds whole.
    let values: unknown[] | undefined;
    try {
      const drafts = jobs.map((j) => j.draft);
      values = await db.transaction().execute((trx) => writeDrafts(trx, drafts));
    } catch {
      // Something failed and nothing of the batch committed or was acknowledged: write it again,
      // each intake in its savepoint, so that only the failing one fails.
    }
    if (values) {
      for (const [i, job] of jobs.entries()) job.resolve(values[i]);
      return;
    }
  }
  await writeWithSavepoints(db, jobs);
}

/** Each intake in a savepoint: one that fails is undone alone and gets its own error. */
async function writeWithSavepoints(db: Db, jobs: Job[]): Promise<void> {
  const settled: Settled[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      if (jobs.length === 1) {
        // A batch of one: the intake's failure rolls back the transaction, no savepoint needed.
        settled.push({ ok: true, value: (await writeDrafts(trx, [(jobs[0] as Job).draft]))[0] });
        return;
      }
      for (const job of jobs) {
        await beginIntakeSavepoint(trx);
        try {
          const [value] = await writeDrafts(trx, [job.draft]);
          await releaseIntakeSavepoint(trx);
          settled.push({ ok: true, value });
        } catch (error) {
          await undoIntakeSavepoint(trx);
          settled.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    // BEGIN, a savepoint statement or COMMIT failed (or the single intake did): nothing of the
    // batch is stored. An intake that had failed on its own reports its own error.
    jobs.forEach((job, i) => {
      const s = settled[i];
      job.reject(s && !s.ok ? s.error : error);
    });
    return;
  }
  jobs.forEach((job, i) => {
    const s = settled[i] as Settled;
    if (s.ok) job.resolve(s.value);
    else job.reject(s.error);
  });
}

/**
 * The writes of some intakes, in the caller's transaction: per agency and day one counter
 * statement for all their numbers, then their rows (one statement on PostgreSQL, three per
 * intake on SQLite), then their audit entries in one append. Results in the drafts' order.
 */
async function writeDrafts(trx: Db, drafts: readonly IntakeDraft<unknown>[]): Promise<unknown[]> {
  const results: unknown[] = new Array(drafts.length);
  const audits: AuditInput[] = new Array(drafts.length);
  const byCounter = new Map<string, number[]>();
  drafts.forEach((d, i) => {
    const k = `${d.agency}|${d.day}`;
    const list = byCounter.get(k);
    if (list) list.push(i);
    else byCounter.set(k, [i]);
  });
  for (const indexes of byCounter.values()) {
    const first = drafts[indexes[0] as number] as IntakeDraft<unknown>;
    const n = indexes.length;
    const { lastSeq, ids } = await takeCodeSequences(trx, {
      provinceCode: first.provinceCode,
      agencyCode: first.agency,
      day: first.day,
      n,
    });
    const numbered = indexes.map((i, j) => (drafts[i] as IntakeDraft<unknown>).numbered(lastSeq - n + 1 + j));
    if (ids) {
      const saved = numbered.map((w, j) => w.saved(ids[j] as number));
      await insertReservedIntakes(
        trx,
        numbered.map((w, j) => ({ id: ids[j] as number, dossier: w.dossier, event: w.event, key: saved[j]?.key ?? null })),
      );
      indexes.forEach((i, j) => {
        const s = saved[j] as (typeof saved)[number];
        results[i] = s.result;
        audits[i] = s.audit;
      });
      continue;
    }
    for (const [j, w] of numbered.entries()) {
      const id = await insertDossierWithEvent(trx, w.dossier, w.event);
      const s = w.saved(id);
      if (s.key) await saveIdempotencyKey(trx, s.key.row, s.key.notBefore);
      results[indexes[j] as number] = s.result;
      audits[indexes[j] as number] = s.audit;
    }
  }
  await appendAuditEntries(trx, audits);
  return results;
}
