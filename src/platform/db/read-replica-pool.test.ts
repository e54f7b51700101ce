import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ReplicaFallbackPool, type ReplicaState } from './read-replica-pool.ts';

/** A pool whose connect() answers a tagged client, or fails while `down` is set. */
function fakePool(tag: string) {
  const pool = {
    down: false,
    connects: 0,
    ended: false,
    async connect(): Promise<PostgresPoolClient> {
      pool.connects += 1;
      if (pool.down) throw new Error(`connect ECONNREFUSED (${tag})`);
      return { tag, query: async () => ({ rows: [] }), release: () => {} } as unknown as PostgresPoolClient;
    },
    async end(): Promise<void> {
      pool.ended = true;
    },
  };
  return pool;
}

const tagOf = (c: PostgresPoolClient) => (c as unknown as { tag: string }).tag;

describe('ReplicaFallbackPool', () => {
  it('reads from the replica while it answers', async () => {
    const replica = fakePool('replica');
    const primary = fakePool('primary');
    const pool = new ReplicaFallbackPool({ replica, primary });
    expect(tagOf(await pool.connect())).toBe('replica');
    expect(primary.connects).toBe(0);
  });

  it('falls back to the primary when the replica cannot be reached, and retries it only after the pause', async () => {
    let now = 1_000;
    const switches: ReplicaState[] = [];
    const replica = fakePool('replica');
    const primary = fakePool('primary');
    const pool = new ReplicaFallbackPool({
      replica,
      primary,
      retryAfterMs: 30_000,
      now: () => now,
      onSwitch: (s) => switches.push(s),
    });
    replica.down = true;
    expect(tagOf(await pool.connect())).toBe('primary');
    expect(pool.current()).toBe('primary');
    // Within the pause the dead replica is not tried again (no connect timeout per request).
    now += 29_999;
    expect(tagOf(await pool.connect())).toBe('primary');
    expect(replica.connects).toBe(1);
    // After the pause it is tried again; still down, so another pause.
    now += 1;
    expect(tagOf(await pool.connect())).toBe('primary');
    expect(replica.connects).toBe(2);
    // Back up: reads return to it after the next pause.
    replica.down = false;
    now += 30_000;
    expect(tagOf(await pool.connect())).toBe('replica');
    expect(switches).toEqual(['primary', 'replica']);
  });

  it('does not hide a primary that is down too', async () => {
    const replica = fakePool('replica');
    const primary = fakePool('primary');
    replica.down = true;
    primary.down = true;
    await expect(new ReplicaFallbackPool({ replica, primary }).connect()).rejects.toThrow(/primary/);
  });

  it('ends only the replica pool (the primary belongs to the primary handle)', async () => {
    const replica = fakePool('replica');
    const primary = fakePool('primary');
    await new ReplicaFallbackPool({ replica, primary: primary as PostgresPool }).end();
    expect(replica.ended).toBe(true);
    expect(primary.ended).toBe(false);
  });
});
