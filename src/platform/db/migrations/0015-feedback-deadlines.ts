import type { Kysely } from 'kysely';
import { instantType } from '../migration-helpers.ts';

/**
 * - `feedback.refuse_due_at`, `feedback.info_due_at`: a PAKN has three deadlines, counted in
 *   working days from receipt (domain.md §7.2, 5.x): refuse it, ask for more information, or
 *   answer it. They are fixed at receipt with the rules then in force, like a dossier's due
 *   date; rows from before this migration have none (null) and are judged by the answer's.
 * - `dossiers_open_due_idx` on (status, due_at): re-timing open dossiers after a holiday
 *   change selects by status and due date across a province.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('feedback').addColumn('refuse_due_at', instantType(db)).execute();
  await db.schema.alterTable('feedback').addColumn('info_due_at', instantType(db)).execute();
  await db.schema.createIndex('dossiers_open_due_idx').on('dossiers').columns(['status', 'due_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('dossiers_open_due_idx').execute();
  await db.schema.alterTable('feedback').dropColumn('info_due_at').execute();
  await db.schema.alterTable('feedback').dropColumn('refuse_due_at').execute();
}
