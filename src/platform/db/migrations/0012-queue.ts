import { type Kysely, sql } from 'kysely';
import { dateType, idColumn, instantType, notNull } from '../migration-helpers.ts';

/**
 * The counter queue of the commune service center (issue 3, item 6):
 * - `queue_tickets`: one numbered ticket per citizen visit, by field, with the instants that
 *   give wait (issued → called) and service (served → finished) times, the counter that
 *   called it, and the dossier it became (at most one ticket per dossier).
 * - `queue_ticket_counters`: the last number given per unit, field and day; bumping it with an
 *   upsert inside the issuing transaction is what makes numbers gap-free under concurrency.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('queue_tickets'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('administrative_units.id'))
    .addColumn('field', 'varchar(40)', notNull)
    .addColumn('day', dateType(db), notNull)
    .addColumn('number', 'integer', notNull)
    .addColumn('status', 'varchar(16)', (c) => c.notNull().check(sql`status in ('WAITING', 'CALLED', 'SERVING', 'DONE', 'NO_SHOW')`))
    .addColumn('issued_at', instantType(db), notNull)
    .addColumn('called_at', instantType(db))
    .addColumn('last_called_at', instantType(db))
    .addColumn('call_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('called_by', 'integer', (c) => c.references('users.id'))
    .addColumn('counter_label', 'varchar(40)')
    .addColumn('served_at', instantType(db))
    .addColumn('finished_at', instantType(db))
    .addColumn('dossier_id', 'integer', (c) => c.unique().references('dossiers.id'))
    .addUniqueConstraint('queue_tickets_number_uq', ['unit_id', 'field', 'day', 'number'])
    .execute();
  await db.schema.createIndex('queue_tickets_unit_day_idx').on('queue_tickets').columns(['unit_id', 'day', 'status']).execute();

  await db.schema
    .createTable('queue_ticket_counters')
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('unit_id', 'integer', notNull)
    .addColumn('field', 'varchar(40)', notNull)
    .addColumn('day', dateType(db), notNull)
    .addColumn('last_number', 'integer', notNull)
    .addPrimaryKeyConstraint('queue_ticket_counters_pk', ['unit_id', 'field', 'day'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('queue_ticket_counters').execute();
  await db.schema.dropTable('queue_tickets').execute();
}
