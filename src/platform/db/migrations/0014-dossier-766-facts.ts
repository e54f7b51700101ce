import { type Kysely, sql } from 'kysely';
import { boolType, instantType } from '../migration-helpers.ts';

/**
 * Dossier facts Decision 766 measures (domain.md §7.2) that processing did not record:
 * - `electronic_result_at`: the result was issued electronically (3.3, 4.1, 4.2);
 * - `paid_online_at`: the fee was paid online (3.6);
 * - `reused_data`: the dossier reused digitised data or the national population database
 *   instead of paper copies (4.3);
 * - `national_sync_at`: the province's integration reported the dossier synced to DVCQG (1.4).
 * "Files digitised" (4.2) is derived from `dossier_attachments`, so it has no column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dossiers').addColumn('electronic_result_at', instantType(db)).execute();
  await db.schema.alterTable('dossiers').addColumn('paid_online_at', instantType(db)).execute();
  await db.schema
    .alterTable('dossiers')
    .addColumn('reused_data', boolType(db), (c) => c.notNull().defaultTo(sql`false`))
    .execute();
  await db.schema.alterTable('dossiers').addColumn('national_sync_at', instantType(db)).execute();
  // The scorecard asks, per dossier, whether a complaint names it.
  await db.schema.createIndex('feedback_dossier_idx').on('feedback').columns(['dossier_id', 'kind']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('feedback_dossier_idx').execute();
  for (const column of ['national_sync_at', 'reused_data', 'paid_online_at', 'electronic_result_at']) {
    await db.schema.alterTable('dossiers').dropColumn(column).execute();
  }
}
