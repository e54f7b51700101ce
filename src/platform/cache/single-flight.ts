/**
 * Identical computations asked for while one is running share that run instead of starting
 * their own: the province overview and the Decision 766 scorecard take seconds of CPU over a
 * year of dossiers, and the analysts and leaders who open them at the start of a day ask for the
 * same figures. Nothing is kept once a run settles (no time-to-live): a request that arrives
 * later computes afresh, so a result is never older than the run it joined. A failed run fails
 * everyone who joined it and is forgotten.
 */
export class SingleFlight<T> {
  readonly #running = new Map<string, Promise<T>>();

  /** Runs `compute` for `key`, or joins the run already going for it. */
  run(key: string, compute: () => Promise<T>): Promise<T> {
    const running = this.#running.get(key);
    if (running) return running;
    const started = compute().finally(() => this.#running.delete(key));
    this.#running.set(key, started);
    return started;
  }

  /** Runs going on now (for tests and diagnostics). */
  get size(): number {
    return this.#running.size;
  }
}

/**
 * A SingleFlight per database handle: two applications in one process (the tests run many) never
 * share a result computed from the other's database.
 */
export function singleFlightPerDatabase<T>(): (db: object) => SingleFlight<T> {
  const byDb = new WeakMap<object, SingleFlight<T>>();
  return (db) => {
    let flight = byDb.get(db);
    if (!flight) {
      flight = new SingleFlight<T>();
      byDb.set(db, flight);
    }
    return flight;
  };
}
