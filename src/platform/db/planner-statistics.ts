import { sql } from 'kysely';
import type { Db, Dialect } from './database.ts';

/**
 * PostgreSQL chooses its plans from the statistics ANALYZE collects. A table that has none —
 * after `pg_restore`, after a database is created from a template, or on a server where
 * autovacuum is off — is planned as if it held a handful of rows: on a province with a year of
 * dossiers the inbox then read 2.8 million dossier events end to end (a parallel sequential
 * scan, 0.5 s) instead of the few hundred of its dossiers (bench/RESULTS.md, "Planner
 * statistics"). Cadre therefore analyzes, at start, every table that has rows but no statistics,
 * and, where autovacuum is off, keeps doing autovacuum's analyze work itself with the server's
 * own thresholds. SQLite plans without such statistics here (its indexes decide), so this is
 * PostgreSQL only.
 */

export type TableActivity = {
  table: string;
  /** pg_class.reltuples: −1 when never analyzed or vacuumed (PostgreSQL 14+), else the estimate. */
  estimatedRows: number;
  /** Rows changed since the last ANALYZE (pg_stat_user_tables; reset with the statistics). */
  modifiedSinceAnalyze: number;
  /**
   * The table holds rows. The estimate and the activity counters can both say 0 on a table full
   * of rows (a database created from a template starts with reset counters), so a table without
   * statistics is asked directly.
   */
  hasRows: boolean;
  /** pg_stats holds column statistics for the table. */
  hasStatistics: boolean;
};

export type AnalyzeSettings = {
  autovacuum: boolean;
  /** autovacuum_analyze_threshold (rows) and autovacuum_analyze_scale_factor. */
  threshold: number;
  scaleFactor: number;
};

export type AnalyzeReason = 'no statistics' | 'changed since last analyze';

/**
 * Why a table should be analyzed now, or null. A table with rows and no statistics always; one
 * changed by more than autovacuum's own analyze threshold only where autovacuum is off (it
 * would otherwise do this itself, and two analyzers would only repeat each other's work).
 */
export function analyzeReason(t: TableActivity, s: AnalyzeSettings): AnalyzeReason | null {
  if (!t.hasStatistics && t.hasRows) return 'no statistics';
  if (s.autovacuum) return null;
  const limit = s.threshold + s.scaleFactor * Math.max(0, t.estimatedRows);
  return t.modifiedSinceAnalyze > limit ? 'changed since last analyze' : null;
}

async function readSettings(db: Db): Promise<AnalyzeSettings> {
  const { rows } = await sql<{ autovacuum: string; threshold: string; scaleFactor: string }>`
    select current_setting('autovacuum') as autovacuum,
           current_setting('autovacuum_analyze_threshold') as threshold,
           current_setting('autovacuum_analyze_scale_factor') as scale_factor`.execute(db);
  const r = rows[0];
  return { autovacuum: r?.autovacuum === 'on', threshold: Number(r?.threshold ?? 50), scaleFactor: Number(r?.scaleFactor ?? 0.1) };
}

async function readActivity(db: Db): Promise<TableActivity[]> {
  const { rows } = await sql<{
    table: string;
    estimatedRows: number;
    modifiedSinceAnalyze: number | null;
    liveRows: number | null;
    hasStatistics: boolean;
  }>`
    select c.relname as table,
           c.reltuples::float8 as estimated_rows,
           s.n_mod_since_analyze as modified_since_analyze,
           s.n_live_tup as live_rows,
           exists (select 1 from pg_stats st where st.schemaname = n.nspname and st.tablename = c.relname) as has_statistics
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_stat_user_tables s on s.relid = c.oid
     where n.nspname = current_schema() and c.relkind = 'r'
     order by c.relname`.execute(db);
  const tables: TableActivity[] = [];
  for (const r of rows) {
    const estimatedRows = Number(r.estimatedRows);
    let hasRows = estimatedRows > 0 || Number(r.liveRows ?? 0) > 0;
    if (!hasRows && !r.hasStatistics) {
      const probe = await sql`select 1 from ${sql.id(r.table)} limit 1`.execute(db);
      hasRows = probe.rows.length > 0;
    }
    tables.push({
      table: r.table,
      estimatedRows,
      modifiedSinceAnalyze: Number(r.modifiedSinceAnalyze ?? 0),
      hasRows,
      hasStatistics: r.hasStatistics,
    });
  }
  return tables;
}

export type Analyzed = { table: string; reason: AnalyzeReason };

/** Analyzes the tables `analyzeReason` picks; answers which, and why. A no-op on SQLite. */
export async function refreshPlannerStatistics(db: Db, dialect: Dialect): Promise<Analyzed[]> {
  if (dialect !== 'postgres') return [];
  const settings = await readSettings(db);
  const done: Analyzed[] = [];
  for (const t of await readActivity(db)) {
    const reason = analyzeReason(t, settings);
    if (!reason) continue;
    await sql`analyze ${sql.id(t.table)}`.execute(db);
    done.push({ table: t.table, reason });
  }
  return done;
}

type Log = { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };

/**
 * Runs `refreshPlannerStatistics` now and then every `intervalMs` (where autovacuum is off a
 * growing table needs it again; elsewhere the later rounds find nothing to do). A failure
 * (say, a role that does not own the tables) is logged, never thrown: plans get slower, the
 * service goes on.
 */
export function startPlannerStatisticsUpkeep(
  db: Db,
  dialect: Dialect,
  log: Log,
  intervalMs = 10 * 60_000,
): { first: Promise<void>; stop: () => void } {
  if (dialect !== 'postgres') return { first: Promise.resolve(), stop: () => {} };
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      const analyzed = await refreshPlannerStatistics(db, dialect);
      if (analyzed.length > 0) log.info({ analyzed }, 'planner statistics refreshed');
    } catch (err) {
      log.warn({ err }, 'planner statistics could not be refreshed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round(), intervalMs);
  timer.unref();
  return { first: round(), stop: () => clearInterval(timer) };
}
