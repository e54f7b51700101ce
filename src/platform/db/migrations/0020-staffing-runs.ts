import { type Kysely, sql } from 'kysely';
import { dateType, idColumn, instantType, notNull } from '../migration-helpers.ts';

/**
 * Province WISN runs from the dossier store (issue 5 §2–3, domain.md §10.3).
 * - procedure_service_standards: minutes one dossier of a procedure takes to process, versioned by
 *   effective date (a new standard is a new row, so past runs keep their basis); `version` is the
 *   optimistic-concurrency counter of a (province, procedure) pair's latest row.
 * - staffing_runs: one stored run with the rules, calendar figures and totals it used (JSON text).
 * - staffing_run_lines: one line per unit × staff category; the figures placement and the list
 *   pages filter or sort on are real columns (indexed), the full explanation is the `line` JSON.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('procedure_service_standards'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('procedure_code', 'varchar(64)', notNull)
    .addColumn('minutes_per_dossier', 'real', (c) => c.notNull().check(sql`minutes_per_dossier > 0`))
    .addColumn('source_kind', 'varchar(32)', (c) =>
      c.notNull().check(sql`source_kind in ('TIME_STUDY', 'EXPERT_ESTIMATE', 'CADRE_PLACEHOLDER')`),
    )
    .addColumn('source_note', 'text', notNull)
    .addColumn('effective_from', dateType(db), notNull)
    .addColumn('updated_at', instantType(db), notNull)
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('procedure_service_standards_uq', ['province_code', 'procedure_code', 'effective_from'])
    .execute();

  await idColumn(db, db.schema.createTable('staffing_runs'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('year', 'integer', notNull)
    .addColumn('period_from', dateType(db), notNull)
    .addColumn('period_to', dateType(db), notNull)
    .addColumn('formula_version', 'varchar(60)', notNull)
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('note', 'text')
    .addColumn('notes', 'text', notNull)
    .addColumn('rules_used', 'text', notNull)
    .addColumn('calendar', 'text', notNull)
    .addColumn('totals', 'text', notNull)
    .execute();
  await db.schema.createIndex('staffing_runs_province_idx').on('staffing_runs').columns(['province_code', 'id']).execute();

  await idColumn(db, db.schema.createTable('staffing_run_lines'))
    .addColumn('run_id', 'integer', (c) => c.notNull().references('staffing_runs.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('administrative_units.id'))
    .addColumn('field', 'varchar(64)', notNull)
    .addColumn('status', 'varchar(16)', notNull)
    .addColumn('required_staff', 'real')
    .addColumn('actual_staff', 'real', notNull)
    .addColumn('difference', 'real')
    .addColumn('ratio', 'real')
    .addColumn('line', 'text', notNull)
    .execute();
  await db.schema.createIndex('staffing_run_lines_unit_idx').on('staffing_run_lines').columns(['run_id', 'unit_id']).execute();
  await db.schema.createIndex('staffing_run_lines_field_idx').on('staffing_run_lines').columns(['run_id', 'field']).execute();
  await db.schema.createIndex('staffing_run_lines_status_idx').on('staffing_run_lines').columns(['run_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('staffing_run_lines').execute();
  await db.schema.dropTable('staffing_runs').execute();
  await db.schema.dropTable('procedure_service_standards').execute();
}
