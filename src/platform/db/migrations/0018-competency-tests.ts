import { type Kysely, sql } from 'kysely';
import { boolType, dateType, idColumn, instantType, notNull } from '../migration-helpers.ts';

/**
 * Competency-test results (sát hạch, issue 4 §5): one row per person, competency and sitting.
 * A later test of a competency is fresher evidence than an earlier review campaign, so fit to
 * position reads the latest row of each competency. Rows are never updated (a correction is a
 * new sitting); who recorded a result and when is kept on the row and in the audit log.
 * Also an index on dossiers(created_by, received_at): service evidence counts the dossiers a
 * person received, grouped in SQL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('competency_test_results'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('competency_code', 'varchar(32)', notNull)
    .addColumn('test_name', 'text', notNull)
    .addColumn('taken_on', dateType(db), notNull)
    .addColumn('score', 'real', (c) => c.notNull().check(sql`score >= 0`))
    .addColumn('max_score', 'real', (c) => c.notNull().check(sql`max_score > 0`))
    .addColumn('level_achieved', 'integer', (c) => c.notNull().check(sql`level_achieved between 1 and 5`))
    .addColumn('passed', boolType(db), notNull)
    .addColumn('recorded_at', instantType(db), notNull)
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addCheckConstraint('competency_test_results_score_ck', sql`score <= max_score`)
    .execute();
  await db.schema
    .createIndex('competency_test_results_staff_idx')
    .on('competency_test_results')
    .columns(['staff_id', 'competency_code', 'taken_on'])
    .execute();
  await db.schema.createIndex('dossiers_created_by_idx').on('dossiers').columns(['created_by', 'received_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('dossiers_created_by_idx').execute();
  await db.schema.dropTable('competency_test_results').execute();
}
