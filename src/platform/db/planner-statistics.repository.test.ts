import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from './connect.ts';
import { refreshPlannerStatistics, startPlannerStatisticsUpkeep } from './planner-statistics.ts';

describe.each(testDialects())('planner statistics (%s)', (dialect) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await handle.close();
  });

  const statisticsOf = async (table: string) => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stats where tablename = ${table}`.execute(handle.db);
    return Number(rows[0]?.n ?? 0);
  };

  it('analyzes a table that has rows and no statistics, and then leaves it be', async () => {
    const now = new Date().toISOString();
    await handle.db
      .insertInto('provinces')
      .values(Array.from({ length: 30 }, (_, i) => ({ code: `P${i}`, name: `Province ${i}`, createdAt: now })))
      .execute();
    const first = await refreshPlannerStatistics(handle.db, handle.dialect);
    if (dialect === 'sqlite') {
      expect(first).toEqual([]);
      return;
    }
    expect(first).toContainEqual({ table: 'provinces', reason: 'no statistics' });
    expect(await statisticsOf('provinces')).toBeGreaterThan(0);
    // Empty tables stay out: ANALYZE gives them nothing, so they would be picked at every round.
    const { rows: empty } = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(handle.db);
    if (Number(empty[0]?.n) === 0) expect(first.map((a) => a.table)).not.toContain('audit_log');
    const second = await refreshPlannerStatistics(handle.db, handle.dialect);
    expect(second.map((a) => a.table)).not.toContain('provinces');
  });

  it('the upkeep logs a failure (here: no server to reach) instead of throwing it', async () => {
    const warnings: unknown[] = [];
    const log = { info: () => {}, warn: (obj: object) => warnings.push(obj) };
    const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 2_000 });
    const unreachable = new Kysely<never>({ dialect: new PostgresDialect({ pool }) }) as unknown as DatabaseHandle['db'];
    const upkeep = startPlannerStatisticsUpkeep(unreachable, handle.dialect, log);
    await expect(upkeep.first).resolves.toBeUndefined();
    upkeep.stop();
    await pool.end();
    expect(warnings).toHaveLength(dialect === 'postgres' ? 1 : 0);
  });
});
