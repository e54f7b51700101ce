import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type pg from 'pg';

/**
 * Row count and a content hash per table, so two databases (a source at its backup point and
 * the instance restored from that backup) can be compared table by table. Rows are serialised
 * whole and sorted, so the hash ignores physical order but sees every value of every column.
 */

export type TableDigest = { rows: number; sha256: string };
export type Digests = Record<string, TableDigest>;

function digestOf(lines: string[]): TableDigest {
  lines.sort();
  const h = createHash('sha256');
  for (const l of lines) h.update(l).update('\n');
  return { rows: lines.length, sha256: h.digest('hex') };
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Every table of a SQLite file (sqlite_sequence included: it holds the AUTOINCREMENT high-water marks). */
export function sqliteDigests(file: string): Digests {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_stat%' order by name")
      .all() as {
      name: string;
    }[];
    const out: Digests = {};
    for (const { name } of tables) {
      const rows = db
        .prepare(`select * from ${quote(name)}`)
        .raw()
        .all() as unknown[][];
      out[name] = digestOf(rows.map((r) => JSON.stringify(r.map((v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))));
    }
    return out;
  } finally {
    db.close();
  }
}

/**
 * Every table of the public schema, read through `client` — inside a REPEATABLE READ
 * transaction when the caller wants one snapshot (the one pg_dump --snapshot is then given).
 * Rows are compared in PostgreSQL's own text form (`t::text`), so no client-side type parsing matters.
 */
export async function pgDigests(client: pg.Client): Promise<Digests> {
  const tables = (
    await client.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    )
  ).rows;
  const out: Digests = {};
  for (const { name } of tables) {
    const rows = (await client.query<{ r: string }>(`select t::text as r from ${quote(name)} t`)).rows;
    out[name] = digestOf(rows.map((r) => r.r));
  }
  return out;
}

/**
 * Sequences are not transactional (nextval is never rolled back and is not part of a snapshot),
 * so they cannot be compared with a snapshot; what a restore needs is that each `<table>_id_seq`
 * is at or past the highest id restored, so the next insert cannot collide. Returns the ones that are not.
 */
export async function pgSequencesBehind(client: pg.Client): Promise<string[]> {
  const sequences = (
    await client.query<{ name: string }>(
      "select sequence_name as name from information_schema.sequences where sequence_schema = 'public' and sequence_name like '%\\_id\\_seq'",
    )
  ).rows;
  const behind: string[] = [];
  for (const { name } of sequences) {
    const table = name.replace(/_id_seq$/, '');
    const r = (
      await client.query<{ last: string; top: string | null }>(
        `select (select last_value from ${quote(name)})::text as last, (select max(id) from ${quote(table)})::text as top`,
      )
    ).rows[0];
    if (r?.top !== null && r?.top !== undefined && Number(r.last) < Number(r.top)) behind.push(`${name}: ${r.last} < ${r.top}`);
  }
  return behind;
}
