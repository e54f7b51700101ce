// A read connection to the SQLite file on its own thread (sqlite-read-pool.ts). Plain JS that
// imports only its plain-JS sibling prepared-lru.mjs: it starts in milliseconds whether Cadre
// runs from the bundle or the sources.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { preparedStatementLru } from './prepared-lru.mjs';

const db = new Database(workerData.file, { fileMustExist: true });
// The main connection set WAL; this one only reads (a write here is a bug, refused by SQLite).
db.pragma('query_only = ON');
db.pragma('busy_timeout = 5000');

// The analytic reads repeat a few statements: keep them prepared.
const statements = preparedStatementLru(db, 200);

parentPort.on('message', ({ id, sql, parameters, close }) => {
  if (close) {
    // Closed before the thread ends, so the main connection's close can checkpoint and remove the WAL.
    db.close();
    parentPort.close();
    return;
  }
  try {
    const stmt = statements.prepare(sql);
    if (stmt.reader) {
      parentPort.postMessage({ id, rows: stmt.all(parameters) });
    } else {
      // begin / commit / rollback / savepoints of a read transaction (writes are refused above).
      const { changes } = stmt.run(parameters);
      parentPort.postMessage({ id, rows: [], changes });
    }
  } catch (e) {
    parentPort.postMessage({ id, error: { message: String(e?.message ?? e), code: e?.code } });
  }
});
