import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDialects } from '../../../test/support/databases.ts';
import { connectDatabase } from './connect.ts';

/** What a connection of the handle reports for the setting (PostgreSQL), or null (SQLite has none). */
async function parallelOf(opts: { pgParallelWorkers?: number }, dialect: string): Promise<{ db: string | null; readDb: string | null }> {
  const handle =
    dialect === 'postgres'
      ? connectDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, sqlitePath: '', poolSize: 2, ...opts })
      : connectDatabase({ sqlitePath: ':memory:', ...opts });
  try {
    if (dialect !== 'postgres') {
      await sql`select 1`.execute(handle.db);
      return { db: null, readDb: null };
    }
    const read = async (db: typeof handle.db) =>
      (await sql<{ v: string }>`select current_setting('max_parallel_workers_per_gather') as v`.execute(db)).rows[0]?.v ?? null;
    return { db: await read(handle.db), readDb: await read(handle.readDb) };
  } finally {
    await handle.close();
  }
}

describe.each(testDialects())('PG_PARALLEL_WORKERS on the primary (%s)', (dialect) => {
  it('sets max_parallel_workers_per_gather on every connection to the primary, the analytics reads included', async () => {
    const zero = await parallelOf({ pgParallelWorkers: 0 }, dialect);
    const three = await parallelOf({ pgParallelWorkers: 3 }, dialect);
    if (dialect !== 'postgres') {
      // SQLite has no such setting: the option is ignored and the database opens.
      expect(zero).toEqual({ db: null, readDb: null });
      return;
    }
    expect(zero).toEqual({ db: '0', readDb: '0' });
    expect(three).toEqual({ db: '3', readDb: '3' });
  });

  it("leaves the server's setting alone when not given", async () => {
    if (dialect !== 'postgres') return;
    const server = await parallelOf({}, dialect);
    const admin = connectDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, sqlitePath: '', poolSize: 1 });
    try {
      const { rows } = await sql<{
        v: string;
      }>`select boot_val as v from pg_settings where name = 'max_parallel_workers_per_gather'`.execute(admin.db);
      const { rows: role } = await sql<{ n: number }>`select count(*)::int as n from pg_db_role_setting`.execute(admin.db);
      // With no per-role or per-database override on the test server, the session sees the boot value.
      if (Number(role[0]?.n) === 0) expect(server.db).toBe(rows[0]?.v);
      expect(server.db).not.toBeNull();
    } finally {
      await admin.close();
    }
  });
});
