import { type Kysely, sql } from 'kysely';
import { boolType, dateType, idColumn, instantType, notNull } from '../migration-helpers.ts';

/**
 * Job positions and competency frameworks (issue 4, items 2 and 3), one versioned
 * framework per province (docs/adr/0005-versioned-position-catalogue.md):
 * - `framework_versions`: DRAFT → PUBLISHED with an effective date; published rows never change.
 * - `competencies`, `positions`, `position_competencies`: the content of one version.
 * - `position_posts`: posts per unit, keyed by the position code so they outlive versions.
 * - `staff_positions`: who holds which position in which unit (the staff table is not altered).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('framework_versions'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('version_no', 'integer', notNull)
    .addColumn('label', 'text', notNull)
    .addColumn('effective_from', dateType(db), notNull)
    .addColumn('status', 'varchar(16)', (c) => c.notNull().check(sql`status in ('DRAFT', 'PUBLISHED')`))
    .addColumn('source_note', 'text', notNull)
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('created_by', 'integer')
    .addColumn('published_at', instantType(db))
    .addColumn('published_by', 'integer')
    .addUniqueConstraint('framework_versions_no_uq', ['province_code', 'version_no'])
    .execute();

  await idColumn(db, db.schema.createTable('competencies'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('version_id', 'integer', (c) => c.notNull().references('framework_versions.id'))
    .addColumn('code', 'varchar(32)', notNull)
    .addColumn('name_vi', 'text', notNull)
    .addColumn('name_en', 'text', notNull)
    .addColumn('name_search', 'text', notNull)
    .addColumn('competency_group', 'varchar(16)', (c) => c.notNull().check(sql`competency_group in ('GENERAL', 'FIELD')`))
    .addColumn('field', 'varchar(40)')
    .addColumn('description_vi', 'text', notNull)
    .addColumn('description_en', 'text', notNull)
    .addColumn('levels', 'text', notNull)
    .addColumn('draft_descriptors', boolType(db), notNull)
    .addColumn('sort_order', 'integer', notNull)
    .addUniqueConstraint('competencies_code_uq', ['version_id', 'code'])
    .execute();

  await idColumn(db, db.schema.createTable('positions'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('version_id', 'integer', (c) => c.notNull().references('framework_versions.id'))
    .addColumn('code', 'varchar(32)', notNull)
    .addColumn('name_vi', 'text', notNull)
    .addColumn('name_en', 'text', notNull)
    .addColumn('name_search', 'text', notNull)
    .addColumn('position_group', 'varchar(16)', (c) => c.notNull().check(sql`position_group in ('LEADERSHIP', 'PROFESSIONAL', 'SUPPORT')`))
    .addColumn('body_kind', 'varchar(32)', notNull)
    .addColumn('field', 'varchar(40)')
    .addColumn('job_description_vi', 'text', notNull)
    .addColumn('job_description_en', 'text', notNull)
    .addColumn('required_rank', 'varchar(32)', notNull)
    .addColumn('education_level', 'varchar(32)', notNull)
    .addColumn('qualification_fields', 'text', notNull)
    .addColumn('confirmed', boolType(db), notNull)
    .addColumn('source_note', 'text', notNull)
    .addColumn('sort_order', 'integer', notNull)
    .addUniqueConstraint('positions_code_uq', ['version_id', 'code'])
    .execute();

  await idColumn(db, db.schema.createTable('position_competencies'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('position_id', 'integer', (c) => c.notNull().references('positions.id'))
    .addColumn('competency_code', 'varchar(32)', notNull)
    .addColumn('required_level', 'integer', (c) => c.notNull().check(sql`required_level between 1 and 5`))
    .addUniqueConstraint('position_competencies_uq', ['position_id', 'competency_code'])
    .execute();

  await idColumn(db, db.schema.createTable('position_posts'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('administrative_units.id'))
    .addColumn('position_code', 'varchar(32)', notNull)
    .addColumn('posts', 'integer', (c) => c.notNull().check(sql`posts >= 0`))
    .addColumn('updated_at', instantType(db), notNull)
    .addUniqueConstraint('position_posts_uq', ['unit_id', 'position_code'])
    .execute();

  await idColumn(db, db.schema.createTable('staff_positions'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('position_id', 'integer', (c) => c.references('positions.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('administrative_units.id'))
    .addColumn('start_date', dateType(db), notNull)
    .addColumn('end_date', dateType(db))
    .execute();
  await db.schema.createIndex('staff_positions_unit_idx').on('staff_positions').columns(['unit_id', 'end_date']).execute();
  await db.schema.createIndex('staff_positions_staff_idx').on('staff_positions').column('staff_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['staff_positions', 'position_posts', 'position_competencies', 'positions', 'competencies', 'framework_versions']) {
    await db.schema.dropTable(t).execute();
  }
}
