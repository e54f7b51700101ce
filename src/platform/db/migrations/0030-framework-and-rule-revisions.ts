import type { Kysely } from 'kysely';

/**
 * Optimistic concurrency (issue 8 §3) where a second writer silently replaced the first:
 * - `positions.framework_revision`: moves on with every write of the position's competency
 *   framework (PUT /api/v1/positions/:id/framework and the editor form);
 * - `rule_values.revision`: moves on when a version of a rule is corrected in place (same key,
 *   province and effective date); the rules administration sends the revision it read.
 * Named "revision" because "version" already means a framework version and a rule version.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('positions')
    .addColumn('framework_revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .alterTable('rule_values')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('rule_values').dropColumn('revision').execute();
  await db.schema.alterTable('positions').dropColumn('framework_revision').execute();
}
