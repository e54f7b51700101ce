import { type Kysely, sql } from 'kysely';
import { idColumn, instantType, notNull } from '../migration-helpers.ts';

/**
 * Counts entered by hand for the Decision 766 indicators the dossier store cannot compute
 * (issue 3 §9; modules/scorecard/supplied): one row per scope (a unit, or the province when
 * `unit_id` is null) × reporting period (a calendar month, quarter or year: `period_kind`,
 * `period_year`, `period_no` = month 1–12, quarter 1–4, or 1 for a year) × indicator. Edited
 * in place under optimistic concurrency (`version`); every change is in the audit log.
 * NULLs are distinct in unique constraints on both dialects, so uniqueness of the province
 * rows is an index on coalesce(unit_id, 0) (unit ids start at 1).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('scorecard_supplied_counts'))
    .addColumn('province_code', 'varchar(16)', (c) => c.notNull().references('provinces.code'))
    .addColumn('unit_id', 'integer', (c) => c.references('administrative_units.id'))
    .addColumn('period_kind', 'varchar(8)', (c) => c.notNull().check(sql`period_kind in ('MONTH', 'QUARTER', 'YEAR')`))
    .addColumn('period_year', 'integer', (c) => c.notNull().check(sql`period_year between 2000 and 2100`))
    .addColumn('period_no', 'integer', (c) => c.notNull().check(sql`period_no between 1 and 12`))
    .addColumn('indicator_code', 'varchar(8)', notNull)
    .addColumn('numerator', 'integer', (c) => c.notNull().check(sql`numerator >= 0`))
    .addColumn('denominator', 'integer', (c) => c.notNull().check(sql`denominator >= 0`))
    .addColumn('source_note', 'text', notNull)
    .addColumn('entered_by', 'integer', (c) => c.references('users.id'))
    .addColumn('entered_at', instantType(db), notNull)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('scorecard_supplied_counts_ratio_ck', sql`numerator <= denominator`)
    .execute();
  await sql`create unique index scorecard_supplied_counts_uq on scorecard_supplied_counts
    (province_code, coalesce(unit_id, 0), period_kind, period_year, period_no, indicator_code)`.execute(db);
  await db.schema
    .createIndex('scorecard_supplied_counts_year_idx')
    .on('scorecard_supplied_counts')
    .columns(['province_code', 'period_year'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('scorecard_supplied_counts').execute();
}
