import type { Kysely } from 'kysely';
import { idColumn, instantType, notNull } from '../migration-helpers.ts';

/**
 * What processing needs beyond intake: the workflow step now holding the dossier and the
 * specialist it is assigned to, the instants of the end states the lifecycle measures
 * (stop, withdrawal), the appointment the citizen now holds after an apology slip, and the
 * apology and new-appointment slips themselves (Circular 01/2018 form 4) with their delivery.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('dossiers')
    .addColumn('step_index', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('dossiers')
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.alterTable('dossiers').addColumn('stopped_at', instantType(db)).execute();
  await db.schema.alterTable('dossiers').addColumn('withdrawn_at', instantType(db)).execute();
  // The latest apology slip's new date; null while the statutory due date still holds.
  await db.schema.alterTable('dossiers').addColumn('promised_at', instantType(db)).execute();
  await db.schema.createIndex('dossiers_assignee_idx').on('dossiers').columns(['assignee_id', 'status']).execute();

  await idColumn(db, db.schema.createTable('apology_slips'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossiers.id'))
    .addColumn('reason', 'text', notNull)
    .addColumn('previous_due_at', instantType(db), notNull)
    .addColumn('new_due_at', instantType(db), notNull)
    .addColumn('issued_at', instantType(db), notNull)
    .addColumn('issued_by', 'integer', (c) => c.notNull().references('users.id'))
    // EMAIL when the applicant gave an address, COUNTER when the slip is handed over in person.
    .addColumn('channel', 'varchar(16)', notNull)
    .addColumn('recipient', 'varchar(254)')
    .addColumn('delivered_at', instantType(db))
    .addColumn('delivery_error', 'text')
    .execute();
  await db.schema.createIndex('apology_slips_dossier_idx').on('apology_slips').columns(['dossier_id', 'issued_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('apology_slips').execute();
  await db.schema.dropIndex('dossiers_assignee_idx').execute();
  for (const column of ['promised_at', 'withdrawn_at', 'stopped_at', 'assignee_id', 'step_index']) {
    await db.schema.alterTable('dossiers').dropColumn(column).execute();
  }
}
