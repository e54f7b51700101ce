import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import { projectFileUrl } from '../project-root.ts';

const WORKER_URL = projectFileUrl('src/platform/db/sqlite-read.worker.mjs');

type Reply = { id: number; rows?: unknown[]; changes?: number; error?: { message: string; code?: string } };
type Pending = { resolve: (r: QueryResult<unknown>) => void; reject: (e: Error) => void };

/** The error a query failed with in the worker, with SQLite's code as better-sqlite3 gives it. */
export class SqliteReadError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * One read connection: a worker thread holding its own better-sqlite3 handle on the file.
 * A worker that dies fails the query it held; the pool replaces it on the next acquire.
 */
class WorkerConnection implements DatabaseConnection {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  dead = false;

  constructor(file: string) {
    this.#worker = new Worker(WORKER_URL, { workerData: { file } });
    // Idle read workers must not keep a finishing process (a CLI command) alive.
    this.#worker.unref();
    this.#worker.on('message', (m: Reply) => this.#settle(m));
    this.#worker.on('error', (e) => this.#die(e));
    this.#worker.on('exit', (code) => this.#die(new Error(`SQLite read worker exited with code ${code}`)));
  }

  executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (this.dead) return Promise.reject(new Error('SQLite read worker is gone'));
    const id = this.#nextId++;
    return new Promise<QueryResult<R>>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as Pending['resolve'], reject });
      // Only the SQL text and parameters cross: the compiled query's operation tree stays here.
      this.#worker.postMessage({ id, sql: compiled.sql, parameters: compiled.parameters });
    });
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered on the read connections
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streamQuery is not supported on the SQLite read workers; use the main connection');
  }

  /** Asks the worker to close its connection and end; ends it by force if it has not within a second. */
  async close(): Promise<void> {
    if (this.dead) return;
    this.dead = true;
    const exited = new Promise<void>((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.postMessage({ close: true });
    const timer = setTimeout(() => void this.#worker.terminate(), 1000);
    await exited;
    clearTimeout(timer);
  }

  #settle(m: Reply): void {
    const p = this.#pending.get(m.id);
    if (!p) return;
    this.#pending.delete(m.id);
    if (m.error) p.reject(new SqliteReadError(m.error.message, m.error.code));
    else p.resolve({ rows: m.rows ?? [], numAffectedRows: m.changes === undefined ? undefined : BigInt(m.changes) });
  }

  #die(e: Error): void {
    this.dead = true;
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }
}

/**
 * A pool of read connections, each on its own thread, started on first use. Acquire waits for
 * a free connection in arrival order; a transaction keeps its connection until released.
 */
class SqliteReadDriver implements Driver {
  readonly #all = new Set<WorkerConnection>();
  readonly #idle: WorkerConnection[] = [];
  readonly #waiting: Array<(c: WorkerConnection) => void> = [];

  constructor(
    readonly file: string,
    readonly size: number,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    for (let c = this.#idle.pop(); c; c = this.#idle.pop()) {
      if (!c.dead) return c;
      this.#all.delete(c);
    }
    if (this.#all.size < this.size) return this.#start();
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    let c = connection as WorkerConnection;
    if (c.dead) {
      // Its worker died under a query (which failed with the cause): the next caller gets a new one.
      this.#all.delete(c);
      if (this.#waiting.length === 0) return;
      c = this.#start();
    }
    const next = this.#waiting.shift();
    if (next) next(c);
    else this.#idle.push(c);
  }

  #start(): WorkerConnection {
    const c = new WorkerConnection(this.file);
    this.#all.add(c);
    return c;
  }

  async beginTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(c: DatabaseConnection): Promise<void> {
    await c.executeQuery(CompiledQuery.raw('rollback'));
  }

  async destroy(): Promise<void> {
    const all = [...this.#all];
    this.#all.clear();
    this.#idle.length = 0;
    await Promise.all(all.map((c) => c.close()));
  }
}

/**
 * Kysely's SQLite dialect with its queries run on worker threads (ADR 0014). better-sqlite3 is
 * synchronous: on the main connection a province-wide analytic read (overview, scorecard,
 * workload statistics over a year of dossiers) held the event loop for seconds, so every other
 * request waited and the event-loop guard shed most of them (soak test, issue 8). WAL lets
 * these readers run beside the writer; each sees the last commit when its query starts.
 */
export class SqliteReadDialect implements Dialect {
  constructor(
    readonly file: string,
    readonly size: number,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`SQLite read workers must be a positive integer, got ${size}`);
  }

  createDriver(): Driver {
    return new SqliteReadDriver(this.file, this.size);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
