import type { Kysely } from 'kysely';

/**
 * Province WISN runs store each line packed (src/modules/staffing/runs/stored-line.ts): the
 * texts and blocks its lines share (procedure names, the source of each standard, working time,
 * support and additional activities) are kept once per run, in `line_dictionary` (JSON text).
 * Null for runs stored before, whose lines are self-contained.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staffing_runs').addColumn('line_dictionary', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('staffing_runs').dropColumn('line_dictionary').execute();
}
