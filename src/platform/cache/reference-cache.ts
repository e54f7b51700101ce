import type { Db } from '../db/database.ts';
import { readReferenceGeneration } from '../db/reference-generation.ts';

/**
 * Reference data (holidays, rules, procedures, units) read once per generation instead of
 * on every request (ADR 0006). A request reads the generation — one primary-key lookup —
 * and gets a snapshot whose `memo` returns what an earlier request loaded under the same
 * generation. Triggers bump the generation in the transaction that changes the data, so a
 * change is visible to every process the moment it commits: no TTL, no stale window beyond
 * the one a plain read before the change would have had.
 *
 * Cached values are shared between requests: callers must treat them as read-only.
 */
export type ReferenceSnapshot = {
  generation: number;
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
};

type State = { generation: number; values: Map<string, Promise<unknown>> };

/** Far above the few hundred keys a province's intake uses (procedures × days); a bound against a leak, not an LRU. */
const MAX_KEYS = 10_000;

// Per database handle: tests (and a read replica) open several in one process, and their generations are unrelated.
const states = new WeakMap<Db, State>();

export async function referenceSnapshot(db: Db): Promise<ReferenceSnapshot> {
  const generation = await readReferenceGeneration(db);
  let state = states.get(db);
  if (!state || state.generation < generation) {
    state = { generation, values: new Map() };
    states.set(db, state);
  }
  // A request that read the generation just before a change committed keeps its own,
  // uncached view rather than setting the shared state back to the older generation.
  const values = state.generation === generation ? state.values : new Map<string, Promise<unknown>>();
  return {
    generation,
    memo<T>(key: string, load: () => Promise<T>): Promise<T> {
      const hit = values.get(key);
      if (hit) return hit as Promise<T>;
      if (values.size >= MAX_KEYS) values.clear();
      const loading = load();
      values.set(key, loading);
      // A failed load is not remembered: the next request tries again.
      loading.catch(() => values.delete(key));
      return loading;
    },
  };
}
