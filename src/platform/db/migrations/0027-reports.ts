import { type Kysely, sql } from 'kysely';
import { idColumn, instantType, isPostgres, notNull } from '../migration-helpers.ts';

/**
 * Periodic reports (issue 7 §3): one row per generated monthly or quarterly report of a unit or
 * of the whole province (`unit_id` null).
 * - `snapshot` is the JSON the documents were rendered from and `snapshot_sha256` its digest, so a
 *   report can be rebuilt byte for byte; `pdf` and `xlsx` are the rendered files (bytea / BLOB).
 * - `schedule_key` is set for SCHEDULED reports only ('<province>:<unit id|P>:<kind>:<from>'):
 *   its unique constraint makes the schedule idempotent across processes (NULLs never collide,
 *   so on-demand reports of the same scope and period may exist several times).
 * - `job_id` is the `report.build` job (platform/jobs) that builds it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const bytes = isPostgres(db) ? sql`bytea` : sql`blob`;
  await idColumn(db, db.schema.createTable('reports'))
    .addColumn('province_code', 'varchar(16)', (c) => c.notNull().references('provinces.code'))
    .addColumn('unit_id', 'integer', (c) => c.references('administrative_units.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull().check(sql`kind in ('MONTH', 'QUARTER')`))
    .addColumn('period_from', 'varchar(10)', notNull)
    .addColumn('period_to', 'varchar(10)', notNull)
    .addColumn('trigger', 'varchar(16)', (c) => c.notNull().check(sql`"trigger" in ('ON_DEMAND', 'SCHEDULED')`))
    .addColumn('schedule_key', 'varchar(128)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull().check(sql`status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')`))
    .addColumn('job_id', 'integer', (c) => c.references('jobs.id'))
    .addColumn('requested_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('built_at', instantType(db))
    .addColumn('snapshot', 'text')
    .addColumn('snapshot_sha256', 'varchar(64)')
    .addColumn('pdf', bytes)
    .addColumn('xlsx', bytes)
    .addColumn('pdf_sha256', 'varchar(64)')
    .addColumn('xlsx_sha256', 'varchar(64)')
    .addColumn('error', 'text')
    .addUniqueConstraint('reports_schedule_uq', ['schedule_key'])
    .execute();
  await db.schema.createIndex('reports_province_idx').on('reports').columns(['province_code', 'period_from', 'created_at']).execute();
  await db.schema.createIndex('reports_unit_idx').on('reports').columns(['unit_id', 'period_from']).execute();
  await db.schema.createIndex('reports_job_idx').on('reports').columns(['job_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reports').execute();
}
