import { type Kysely, sql } from 'kysely';
import { boolType, dateType, idColumn, instantType, notNull } from '../migration-helpers.ts';

/**
 * The administrative-procedure catalogue (TTHC), one row per version of a procedure's
 * rules. A procedure is identified within its province by its national code; each edit of
 * its rules adds a row from an effective date and closes the previous one (effective_to),
 * so a dossier keeps the rules in force on the day it was received.
 * `required_documents` and `workflow` are JSON text on both dialects: they are read and
 * written whole, never queried inside.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('procedures'))
    .addColumn('province_code', 'varchar(16)', (c) => c.notNull().references('provinces.code'))
    .addColumn('national_code', 'varchar(40)', notNull)
    .addColumn('name_vi', 'text', notNull)
    .addColumn('name_en', 'text', notNull)
    .addColumn('name_search', 'text', notNull)
    .addColumn('field', 'varchar(32)', notNull)
    .addColumn('competent_level', 'varchar(16)', notNull)
    .addColumn('time_limit_amount', 'integer', notNull)
    .addColumn('time_limit_unit', 'varchar(16)', notNull)
    .addColumn('time_limit_note', 'text')
    .addColumn('fee', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fee_note', 'text')
    .addColumn('online_level', 'varchar(8)', notNull)
    .addColumn('paper_result', boolType(db), (c) => c.notNull().defaultTo(sql`true`))
    .addColumn('essential_service', boolType(db), (c) => c.notNull().defaultTo(sql`false`))
    .addColumn('required_documents', 'text', notNull)
    .addColumn('workflow', 'text', notNull)
    .addColumn('source_tag', 'varchar(4)')
    .addColumn('source_note', 'text')
    .addColumn('effective_from', dateType(db), notNull)
    .addColumn('effective_to', dateType(db))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('updated_at', instantType(db), notNull)
    .addUniqueConstraint('procedures_version_uq', ['province_code', 'national_code', 'effective_from'])
    .execute();
  // At most one open-ended version per procedure: two concurrent creations of the same
  // code, or two concurrent new versions, cannot both commit (partial index, both dialects).
  await db.schema
    .createIndex('procedures_open_uq')
    .on('procedures')
    .columns(['province_code', 'national_code'])
    .unique()
    .where(sql.ref('effective_to'), 'is', null)
    .execute();
  await db.schema.createIndex('procedures_field_idx').on('procedures').columns(['province_code', 'field']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('procedures').execute();
}
