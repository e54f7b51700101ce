import type { Kysely } from 'kysely';

/**
 * The dossier list filtered by status, newest first (GET /api/v1/dossiers?status=…, the
 * /dossiers search form): without this index both dialects read every dossier of that status
 * and sorted them for each page, a cost that grows with the years of returned dossiers
 * (SQLite, 5,004 of one status: 8.5 ms a page; with the index 0.1 ms; bench/dossier-list.bench.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('dossiers_province_status_idx').on('dossiers').columns(['province_code', 'status', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('dossiers_province_status_idx').execute();
}
