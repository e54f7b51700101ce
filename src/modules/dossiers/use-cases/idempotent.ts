import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findIdempotencyKey, type IdempotencyKeyWrite, saveIdempotencyKey } from '../dossiers.repository.ts';
import { idempotencyCutoff } from '../idempotency.ts';

/** An Idempotency-Key sent with a request: `userId` 0 for anonymous callers. */
export type IdempotencyRequest = { provinceCode: string; userId: number; key: string; hash: string };

export type Outcome<T> = { statusCode: number; body: T; replayed: boolean };

/**
 * Stores the key with its response; call it inside the transaction that creates the result.
 * `write` (absent without a key) gives the row instead, for a caller that writes it in a
 * statement of its own (a counter intake, written with the rest of its batch: intake-batch.ts).
 */
export type Remember<T> = ((trx: Db, body: T) => Promise<void>) & { write?: (body: T) => IdempotencyKeyWrite };

async function replayOf<T>(db: Db, req: IdempotencyRequest, now: Date): Promise<Outcome<T> | undefined> {
  const prior = await findIdempotencyKey(db, req.userId, req.key, idempotencyCutoff(now));
  if (!prior) return undefined;
  if (prior.requestHash !== req.hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
  return { statusCode: prior.statusCode, body: prior.response as T, replayed: true };
}

/**
 * Runs a creation at most once per key: a live key with the same request replays the
 * stored response, with another request it is refused. The key is stored by `create`
 * in its own transaction (through `remember`), so a crash cannot keep one without the
 * other. The creation is tried first and the key looked up only when it fails: a retry
 * is rare, and a new request then costs no lookup. A retry's creation fails on the key
 * (its transaction rolls back, giving back its dossier code) or earlier on a check that no
 * longer passes; either way a live key answers instead, so a retry always gets the first
 * response. When two requests with one key race, the loser rolls back the same way and
 * answers with the winner's response.
 */
export async function idempotent<T>(
  db: Db,
  req: IdempotencyRequest | undefined,
  now: Date,
  statusCode: number,
  create: (remember: Remember<T>) => Promise<T>,
): Promise<Outcome<T>> {
  if (!req) return { statusCode, body: await create(async () => {}), replayed: false };
  const write = (body: T): IdempotencyKeyWrite => ({
    row: {
      provinceCode: req.provinceCode,
      userId: req.userId,
      key: req.key,
      requestHash: req.hash,
      statusCode,
      response: body,
      createdAt: now.toISOString(),
    },
    notBefore: idempotencyCutoff(now),
  });
  const remember: Remember<T> = Object.assign(
    (trx: Db, body: T) => {
      const { row, notBefore } = write(body);
      return saveIdempotencyKey(trx, row, notBefore);
    },
    { write },
  );
  try {
    return { statusCode, body: await create(remember), replayed: false };
  } catch (e) {
    const prior = await replayOf<T>(db, req, now);
    if (prior) return prior;
    throw e;
  }
}
