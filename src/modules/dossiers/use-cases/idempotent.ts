import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findIdempotencyKey, isUniqueViolation, saveIdempotencyKey } from '../dossiers.repository.ts';
import { idempotencyCutoff } from '../idempotency.ts';

/** An Idempotency-Key sent with a request: `userId` 0 for anonymous callers. */
export type IdempotencyRequest = { provinceCode: string; userId: number; key: string; hash: string };

export type Outcome<T> = { statusCode: number; body: T; replayed: boolean };

/** Stores the key with its response; call it inside the transaction that creates the result. */
export type Remember<T> = (trx: Db, body: T) => Promise<void>;

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
 * other; when two requests with one key race, the loser's transaction rolls back on the
 * key's unique constraint and it answers with the winner's response.
 */
export async function idempotent<T>(
  db: Db,
  req: IdempotencyRequest | undefined,
  now: Date,
  statusCode: number,
  create: (remember: Remember<T>) => Promise<T>,
): Promise<Outcome<T>> {
  if (!req) return { statusCode, body: await create(async () => {}), replayed: false };
  const before = await replayOf<T>(db, req, now);
  if (before) return before;
  const remember: Remember<T> = (trx, body) =>
    saveIdempotencyKey(
      trx,
      {
        provinceCode: req.provinceCode,
        userId: req.userId,
        key: req.key,
        requestHash: req.hash,
        statusCode,
        response: body,
        createdAt: now.toISOString(),
      },
      idempotencyCutoff(now),
    );
  try {
    return { statusCode, body: await create(remember), replayed: false };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const winner = await replayOf<T>(db, req, now);
    if (winner) return winner;
    throw e;
  }
}
