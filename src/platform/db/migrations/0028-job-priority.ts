import type { Kysely } from 'kysely';

/**
 * Job priority (ADR 0010): the claim takes the highest priority first, then the oldest. A
 * scheduled batch (every unit's monthly and quarterly report) is enqueued below 0 so a job a
 * person is waiting for (a training plan, a report generated on demand) is not held behind it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('jobs')
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').dropColumn('priority').execute();
}
