import { type Kysely, sql } from 'kysely';
import { idColumn, instantType, notNull } from '../migration-helpers.ts';

/**
 * Public tracking, satisfaction ratings and citizen feedback (PAKN):
 * - `dossier_ratings`: one rating per dossier (the unique key is what makes "rate once" hold
 *   under concurrent submissions); `answers` is JSON text {criterion: level}.
 * - `feedback`: phản ánh, kiến nghị with the due date of the answer (domain.md §7.2, 5.x).
 * - `tracking_attempts`: failed tracking look-ups by client IP and by dossier code, so the
 *   limit on guessing holds across processes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('dossier_ratings'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('dossier_id', 'integer', (c) => c.notNull().unique().references('dossiers.id'))
    .addColumn('channel', 'varchar(20)', (c) => c.notNull().check(sql`channel in ('TRACKING_PAGE', 'COUNTER_TABLET')`))
    .addColumn('answers', 'text', notNull)
    .addColumn('comment', 'text')
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema.createIndex('dossier_ratings_province_idx').on('dossier_ratings').columns(['province_code', 'created_at']).execute();

  await idColumn(db, db.schema.createTable('feedback'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('administrative_units.id'))
    .addColumn('dossier_id', 'integer', (c) => c.references('dossiers.id'))
    .addColumn('dossier_code', 'varchar(80)')
    .addColumn('kind', 'varchar(16)', (c) => c.notNull().check(sql`kind in ('FEEDBACK', 'COMPLAINT', 'PETITION')`))
    .addColumn('text', 'text', notNull)
    .addColumn('contact', 'text')
    .addColumn('received_at', instantType(db), notNull)
    .addColumn('due_at', instantType(db), notNull)
    .addColumn('status', 'varchar(16)', (c) => c.notNull().check(sql`status in ('RECEIVED', 'ANSWERED', 'REFUSED', 'INFO_REQUESTED')`))
    .addColumn('answer', 'text')
    .addColumn('answered_at', instantType(db))
    .addColumn('answered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('feedback_unit_idx').on('feedback').columns(['unit_id', 'status', 'due_at']).execute();

  await idColumn(db, db.schema.createTable('tracking_attempts'))
    .addColumn('key', 'varchar(120)', notNull)
    .addColumn('at', instantType(db), notNull)
    .execute();
  await db.schema.createIndex('tracking_attempts_key_idx').on('tracking_attempts').columns(['key', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tracking_attempts').execute();
  await db.schema.dropTable('feedback').execute();
  await db.schema.dropTable('dossier_ratings').execute();
}
