import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Throw-away PostgreSQL databases next to an admin URL, for the scripts and tests that run real
 * `cadre` processes (crash, restore, attack, scale-out, benchmarks). Loopback only.
 */

/** One statement on a short-lived admin connection. */
export async function pgAdminQuery(adminUrl: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await c.query(text, values);
  } finally {
    await c.end();
  }
}

/** The URL of database `name` on the admin URL's server. */
export function databaseUrl(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A new empty database `<prefix>_<random>`; `drop` removes it, closing its connections. */
export async function createScratchPgDatabase(
  adminUrl: string,
  prefix: string,
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await pgAdminQuery(adminUrl, `create database ${name}`);
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop: async () => void (await pgAdminQuery(adminUrl, `drop database if exists ${name} with (force)`)),
  };
}

/** SQL written with `?` placeholders (as for SQLite) turned into PostgreSQL's `$1, $2…`. */
export function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
