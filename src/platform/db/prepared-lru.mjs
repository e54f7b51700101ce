// The most recently used prepared statements of one better-sqlite3 connection, keyed by SQL
// text. Preparing costs more than running a small indexed query, and the product repeats a few
// hundred statements, so both the main connection (connect.ts) and each read thread
// (sqlite-read.worker.mjs) keep them. Plain JS so the worker imports it without a TypeScript loader.

/**
 * @param {{ prepare(sql: string): unknown }} db
 * @param {number} max
 */
export function preparedStatementLru(db, max) {
  const statements = new Map();
  return {
    prepare(sql) {
      let stmt = statements.get(sql);
      if (stmt) {
        // Re-inserted below so the Map's insertion order stays least- to most-recently used.
        statements.delete(sql);
      } else {
        stmt = db.prepare(sql);
        if (statements.size >= max) statements.delete(statements.keys().next().value);
      }
      statements.set(sql, stmt);
      return stmt;
    },
    get size() {
      return statements.size;
    },
    clear() {
      statements.clear();
    },
  };
}
