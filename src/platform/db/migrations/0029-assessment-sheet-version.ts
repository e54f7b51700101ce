import type { Kysely } from 'kysely';

/**
 * Optimistic concurrency on a participant's assessment sheet (issue 8 §3): every write of the
 * self-assessment, supervisor review or council decision moves `version` on by one in the same
 * transaction, under a conditional UPDATE, so a second writer that read the same sheet gets
 * 409 VERSION_CONFLICT instead of silently overwriting the first.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('review_participants')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('review_participants').dropColumn('version').execute();
}
