import type { PostgresPool, PostgresPoolClient } from 'kysely';

/**
 * The read-replica connection with a way back to the primary (issue 8 §3). Analytics reads
 * (readDb) go to READ_DATABASE_URL; when the replica cannot be reached, a page must not fail:
 * the read is served by the primary instead, and the replica is tried again after a pause
 * (`retryAfterMs`) rather than on every request, so a dead replica costs one connect timeout
 * per pause, not one per request. Only failures to CONNECT fall back: an error inside a query
 * is the query's own and is not hidden. Kysely's PostgresDialect needs only connect() and end().
 */

export type ReplicaState = 'replica' | 'primary';

export type ReplicaFallbackOptions = {
  replica: PostgresPool;
  primary: PostgresPool;
  retryAfterMs?: number;
  now?: () => number;
  /** Told when reads move to the primary (with the connect error) and back to the replica. */
  onSwitch?: (state: ReplicaState, error?: unknown) => void;
};

export class ReplicaFallbackPool implements PostgresPool {
  private downUntil = 0;
  private state: ReplicaState = 'replica';

  constructor(private readonly opts: ReplicaFallbackOptions) {}

  /** Where the next read goes: the replica unless it failed within the last pause. */
  current(): ReplicaState {
    return this.now() < this.downUntil ? 'primary' : 'replica';
  }

  async connect(): Promise<PostgresPoolClient> {
    if (this.current() === 'primary') return this.opts.primary.connect();
    try {
      const client = await this.opts.replica.connect();
      this.switchTo('replica');
      return client;
    } catch (e) {
      this.downUntil = this.now() + (this.opts.retryAfterMs ?? 30_000);
      this.switchTo('primary', e);
      return this.opts.primary.connect();
    }
  }

  /** Ends the replica pool only: the primary pool belongs to the primary's Kysely instance. */
  async end(): Promise<void> {
    await this.opts.replica.end();
  }

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  private switchTo(state: ReplicaState, error?: unknown): void {
    if (state === this.state) return;
    this.state = state;
    this.opts.onSwitch?.(state, error);
  }
}
