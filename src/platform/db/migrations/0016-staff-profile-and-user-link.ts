import type { Kysely } from 'kysely';

/**
 * - `users.staff_id`: the staff record an account belongs to. A self-assessment may be written
 *   only by its owner, and dossier handling (by user) becomes service evidence of a person
 *   (by staff record). Null for accounts that are not officials (administrators, analysts).
 * - The profile fields the review needs and HR offices' spreadsheets carry: state-management
 *   training level, IT certificate and foreign-language certificate (free text as HR offices
 *   write them; kept exactly).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('users_staff_idx').on('users').column('staff_id').execute();
  await db.schema.alterTable('staff').addColumn('state_management_training', 'text').execute();
  await db.schema.alterTable('staff').addColumn('it_certificate', 'text').execute();
  await db.schema.alterTable('staff').addColumn('foreign_language_certificate', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staff').dropColumn('foreign_language_certificate').execute();
  await db.schema.alterTable('staff').dropColumn('it_certificate').execute();
  await db.schema.alterTable('staff').dropColumn('state_management_training').execute();
  await db.schema.dropIndex('users_staff_idx').execute();
  await db.schema.alterTable('users').dropColumn('staff_id').execute();
}
