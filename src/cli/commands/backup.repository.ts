import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';

/**
 * SQLite file operations for `cadre backup` and `cadre restore`. They work on the file,
 * below Kysely: the online backup API copies a live database page by page without
 * blocking writers for long, and a restore must inspect a file that is not yet in use.
 */

/** Copies the live database with SQLite's online backup API; returns the number of pages. */
export async function backupSqliteFile(
  sourcePath: string,
  destinationPath: string,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  if (fs.existsSync(destinationPath)) throw new Error(`${destinationPath} already exists; choose another file`);
  fs.mkdirSync(path.dirname(destinationPath), { recursive: true });
  const source = new SqliteDatabase(sourcePath, { fileMustExist: true });
  let pages: number;
  try {
    source.pragma('busy_timeout = 5000');
    const result = await source.backup(destinationPath, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages - remainingPages, totalPages);
        // Every page in ONE step. SQLite restarts a stepwise backup from page 1 whenever another
        // connection (the running server) writes between two steps, so under steady intake a
        // 200-page step never got to the end (113 s for 7 MB in issue 8's restore test). One
        // step is one read transaction: in WAL mode it does not block the server's writers, and
        // the copy is a consistent snapshot of one commit.
        return 0x7fffffff;
      },
    });
    pages = result.totalPages;
    // SQLite calls progress before each step, never after the last one.
    onProgress?.(pages, pages);
  } finally {
    source.close();
  }
  // The copy inherits WAL mode from the live file; a rollback-journal file is one
  // self-contained file that can be moved, checked read-only and restored as is.
  const copy = new SqliteDatabase(destinationPath, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return pages;
}

export type CadreFileCheck = { ok: true; migrations: number } | { ok: false; reason: string };

/** A file is a Cadre database when SQLite can read it, it passes a quick check and has run our migrations. */
export function checkCadreDatabaseFile(file: string): CadreFileCheck {
  if (!fs.existsSync(file)) return { ok: false, reason: `${file} does not exist` };
  let db: SqliteDatabase.Database | null = null;
  try {
    db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') return { ok: false, reason: `SQLite reports the file as damaged (${String(check)})` };
    const table = db.prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!table) return { ok: false, reason: 'it has no kysely_migration table, so it is not a Cadre database' };
    const row = db.prepare('select count(*) as n from kysely_migration').get() as { n: number };
    if (row.n === 0) return { ok: false, reason: 'it has no applied migrations, so it is not a Cadre database' };
    return { ok: true, migrations: row.n };
  } catch (e) {
    return { ok: false, reason: `SQLite cannot read it (${(e as Error).message})` };
  } finally {
    db?.close();
  }
}
