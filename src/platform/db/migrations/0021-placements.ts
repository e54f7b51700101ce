import { type Kysely, sql } from 'kysely';
import { dateType, idColumn, instantType, notNull } from '../migration-helpers.ts';

/**
 * Placement recommendations (issue 5 §5, §6; ADR 0009): a batch is one solve of the
 * assignment model for one stored WISN run; each recommendation moves one person from a line
 * with spare staff to a shortage line, as a TRANSFER (điều động) or a SECONDMENT (biệt phái).
 * A recommendation is PROPOSED until an analyst accepts it (optimistic `version`) or rejects it
 * with a reason. `from_staff_position_id` is the appointment the person held when the batch was
 * made: accepting refuses when it is no longer their current one (they moved since).
 * JSON columns are text on both dialects and read whole.
 *
 * Also:
 * - `staff_positions.assignment_kind` (null = an ordinary appointment, 'SECONDMENT' = a
 *   fixed-term secondment) and `origin_unit_id` (the unit a secondee comes from and returns to);
 *   the person's home unit (staff.unit_id) does not change during a secondment.
 * - `staff.discipline_pending_until`: the registry held no discipline record (migration 0016 and
 *   the staff module have none). Decree 170/2025 refuses a move while discipline is pending
 *   (domain.md §3.3 [S]), so HR records the date until which a disciplinary matter is pending
 *   (or a sanction is in force); null = none known.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('placement_batches'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('run_id', 'integer', (c) => c.notNull().references('staffing_runs.id'))
    /** JSON: the options asked for and the rule values used. */
    .addColumn('params', 'text', notNull)
    /** Total cost of the assignment (lower is better; negative = net benefit). */
    .addColumn('objective', 'real', notNull)
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('created_by', 'integer')
    .addColumn('status', 'varchar(16)', (c) => c.notNull().check(sql`status in ('OPEN', 'CLOSED')`))
    .execute();
  await db.schema.createIndex('placement_batches_run_idx').on('placement_batches').columns(['province_code', 'run_id']).execute();

  await idColumn(db, db.schema.createTable('placement_recommendations'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('placement_batches.id'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('from_staff_position_id', 'integer', (c) => c.references('staff_positions.id'))
    .addColumn('from_unit_id', 'integer', (c) => c.notNull().references('administrative_units.id'))
    .addColumn('from_position_id', 'integer', (c) => c.references('positions.id'))
    .addColumn('from_field', 'varchar(40)', notNull)
    .addColumn('to_unit_id', 'integer', (c) => c.notNull().references('administrative_units.id'))
    .addColumn('to_position_id', 'integer', (c) => c.notNull().references('positions.id'))
    .addColumn('to_field', 'varchar(40)', notNull)
    .addColumn('kind', 'varchar(16)', (c) => c.notNull().check(sql`kind in ('TRANSFER', 'SECONDMENT')`))
    .addColumn('end_date', dateType(db))
    .addColumn('benefit', 'real', notNull)
    .addColumn('cost', 'real', notNull)
    .addColumn('explanation', 'text', notNull)
    .addColumn('status', 'varchar(16)', (c) => c.notNull().check(sql`status in ('PROPOSED', 'ACCEPTED', 'REJECTED')`))
    .addColumn('decided_at', instantType(db))
    .addColumn('decided_by', 'integer')
    .addColumn('reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('placement_recommendations_batch_idx').on('placement_recommendations').column('batch_id').execute();
  await db.schema.createIndex('placement_recommendations_staff_idx').on('placement_recommendations').column('staff_id').execute();

  await db.schema
    .alterTable('staff_positions')
    .addColumn('assignment_kind', 'varchar(16)', (c) => c.check(sql`assignment_kind in ('SECONDMENT')`))
    .execute();
  await db.schema
    .alterTable('staff_positions')
    .addColumn('origin_unit_id', 'integer', (c) => c.references('administrative_units.id'))
    .execute();
  await db.schema.alterTable('staff').addColumn('discipline_pending_until', dateType(db)).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff').dropColumn('discipline_pending_until').execute();
  await db.schema.alterTable('staff_positions').dropColumn('origin_unit_id').execute();
  await db.schema.alterTable('staff_positions').dropColumn('assignment_kind').execute();
  await db.schema.dropTable('placement_recommendations').execute();
  await db.schema.dropTable('placement_batches').execute();
}
