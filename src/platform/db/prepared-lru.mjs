// The most recently used prepared statements of one better-sqlite3 connection, keyed by SQL
// text. Preparing costs more than running a small indexed query, and the product repeats a few
// hundred statements, so both the main connection (connect.ts) and each read thread
// (sqlite-read.worker.mjs) keep them. Plain JS so the worker imports it without a TypeScript loader.
//
// Bounded by the SQL text kept as well as by count: a prepared statement holds native memory
// (SQLite's program) of roughly 50–150 bytes per character of its SQL, outside the V8 heap and
// invisible to the garbage collector, and an `in (…)` list of 500 ids is a new text for every
// length. Kept by count alone, such statements made the 30-minute soak's resident memory grow by
// ~600 MB an hour (jemalloc heap profile: all of the growth under Database::prepare). A statement
// longer than a tenth of the budget is not kept at all: those are the long analytic reads, whose
// preparation is nothing beside their run.

/** @param {{ prepare(sql: string): unknown }} db */
export function preparedStatementLru(db, max, maxChars = 200_000) {
  const statements = new Map();
  let chars = 0;
  const forget = (sql) => {
    statements.delete(sql);
    chars -= sql.length;
  };
  return {
    prepare(sql) {
      let stmt = statements.get(sql);
      if (stmt) {
        // Re-inserted so the Map's insertion order stays least- to most-recently used.
        statements.delete(sql);
        statements.set(sql, stmt);
        return stmt;
      }
      stmt = db.prepare(sql);
      if (sql.length > maxChars / 10) return stmt;
      while (statements.size > 0 && (statements.size >= max || chars + sql.length > maxChars)) forget(statements.keys().next().value);
      statements.set(sql, stmt);
      chars += sql.length;
      return stmt;
    },
    get size() {
      return statements.size;
    },
    /** Characters of SQL text held (the budget is on these). */
    get chars() {
      return chars;
    },
    clear() {
      statements.clear();
      chars = 0;
    },
  };
}
