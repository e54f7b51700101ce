import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CamelCasePlugin, Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseHandle } from './connect.ts';
import type { Database } from './database.ts';
import { SqliteReadDialect, SqliteReadError } from './sqlite-read-pool.ts';

/** A query that keeps SQLite busy for a while (a few hundred ms): counts to n in a recursive CTE. */
const busyQuery = (n: number) =>
  sql<{ n: number }>`with recursive c(i) as (select 1 union all select i + 1 from c where i < ${n}) select count(*) as n from c`;

/** Runs `work` while counting timer ticks of the main thread; the ticks seen before it settled. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ result: T; ticks: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  try {
    const result = await work();
    return { result, ticks };
  } finally {
    clearInterval(timer);
  }
}

describe('SQLite reads on worker threads', () => {
  let dir = '';
  let handle: DatabaseHandle;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadre-read-pool-'));
    handle = connectDatabase({ sqlitePath: path.join(dir, 'cadre.sqlite'), sqliteReadWorkers: 2 });
    await sql`create table sample (id integer primary key, unit_code text not null, amount integer not null)`.execute(handle.db);
    await sql`insert into sample (unit_code, amount) values ('A', 1), ('A', 2), ('B', 5)`.execute(handle.db);
  });
  afterAll(async () => {
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  type SampleDb = Database & { sample: { id: number; unitCode: string; amount: number } };
  const read = () => handle.readDb as unknown as Kysely<SampleDb>;

  it('reads what the main connection committed, with parameters and camelCase columns', async () => {
    expect(handle.readDb).not.toBe(handle.db);
    const rows = await read()
      .selectFrom('sample')
      .select(['unitCode', (eb) => eb.fn.sum<number>('amount').as('total')])
      .where('amount', '>', 1)
      .groupBy('unitCode')
      .orderBy('unitCode')
      .execute();
    expect(rows).toEqual([
      { unitCode: 'A', total: 2 },
      { unitCode: 'B', total: 5 },
    ]);
    await sql`insert into sample (unit_code, amount) values ('C', 7)`.execute(handle.db);
    const after = await read().selectFrom('sample').select('unitCode').where('unitCode', '=', 'C').execute();
    expect(after).toEqual([{ unitCode: 'C' }]);
  });

  it('refuses a write, and reports a bad query with SQLite’s message, leaving the connection usable', async () => {
    await expect(sql`insert into sample (unit_code, amount) values ('X', 1)`.execute(read())).rejects.toThrow(
      /readonly|read-only|query_only/i,
    );
    const bad = sql`select no_such_column from sample`.execute(read());
    await expect(bad).rejects.toBeInstanceOf(SqliteReadError);
    await expect(sql`select no_such_column from sample`.execute(read())).rejects.toThrow(/no such column/);
    const [row] = (await sql<{ n: number }>`select count(*) as n from sample where unit_code = 'X'`.execute(read())).rows;
    expect(row?.n).toBe(0);
  });

  it('keeps the main thread running while a long read runs; the main connection does not', async () => {
    const onWorker = await ticksDuring(() => busyQuery(3_000_000).execute(read()));
    expect(onWorker.result.rows[0]?.n).toBe(3_000_000);
    expect(onWorker.ticks).toBeGreaterThan(0);
    // The control: better-sqlite3 on the main thread blocks it, so no timer fires until the end.
    const onMain = await ticksDuring(() => busyQuery(3_000_000).execute(handle.db));
    expect(onMain.ticks).toBe(0);
  });

  it('answers more concurrent reads than it has workers, each with its own result', async () => {
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, i) => sql<{ v: number }>`select ${i} * 10 as v`.execute(read()).then((r) => r.rows[0]?.v)),
    );
    expect(results).toEqual([0, 10, 20, 30, 40, 50, 60]);
  });

  it('runs a read transaction on one connection', async () => {
    const n = await read()
      .transaction()
      .execute(async (trx) => {
        const a = await trx
          .selectFrom('sample')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        const b = await trx
          .selectFrom('sample')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        return [a.n, b.n];
      });
    expect(n[0]).toBe(n[1]);
  });

  it('refuses a pool size that is not a positive integer', () => {
    expect(() => new SqliteReadDialect(path.join(dir, 'cadre.sqlite'), 0)).toThrow(/positive integer/);
    const k = new Kysely<SampleDb>({ dialect: new SqliteReadDialect(path.join(dir, 'cadre.sqlite'), 1), plugins: [new CamelCasePlugin()] });
    return k.destroy();
  });

  it('closes its connections on close, so the main connection checkpoints and removes the WAL', async () => {
    const file = path.join(dir, 'closing.sqlite');
    const h = connectDatabase({ sqlitePath: file, sqliteReadWorkers: 2 });
    await sql`create table t (v integer)`.execute(h.db);
    await sql`insert into t values (1)`.execute(h.db);
    await Promise.all([sql`select v from t`.execute(h.readDb), sql`select v from t`.execute(h.readDb)]);
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    await h.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('keeps in-memory databases on their own connection', async () => {
    const mem = connectDatabase({ sqlitePath: ':memory:', sqliteReadWorkers: 2 });
    expect(mem.readDb).toBe(mem.db);
    await mem.close();
  });
});
