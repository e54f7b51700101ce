import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase, type DatabaseHandle } from '../../src/platform/db/connect.ts';
import type { Dialect } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';

/**
 * SQLite always; PostgreSQL too when TEST_DATABASE_URL points at a server we may create databases on.
 * TEST_DIALECTS (e.g. `postgres`) narrows that: .ci/run has already run every file on SQLite in
 * `npm test`, so its PostgreSQL pass runs only the PostgreSQL half instead of both again.
 */
export function testDialects(): Dialect[] {
  const all: Dialect[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const only = process.env.TEST_DIALECTS?.split(',').map((d) => d.trim());
  if (!only) return all;
  const unknown = only.filter((d) => !all.includes(d as Dialect));
  if (unknown.length > 0)
    throw new Error(`TEST_DIALECTS=${process.env.TEST_DIALECTS}: ${unknown.join(', ')} not available (set TEST_DATABASE_URL)`);
  return all.filter((d) => only.includes(d));
}

/**
 * A fresh, migrated database per call: an in-memory SQLite, or a new PostgreSQL database
 * (dropped again on close) so test files never see each other's rows.
 */
export async function createTestDatabase(dialect: Dialect): Promise<DatabaseHandle> {
  if (dialect === 'sqlite') {
    const handle = connectDatabase({ sqlitePath: ':memory:' });
    await migrateToLatest(handle.db);
    return handle;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `cadre_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = connectDatabase({ databaseUrl: url.toString(), sqlitePath: '', poolSize: 5 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
