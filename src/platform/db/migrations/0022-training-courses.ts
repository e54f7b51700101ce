import { type Kysely, sql } from 'kysely';
import { dateType, idColumn, instantType, notNull } from '../migration-helpers.ts';

/**
 * The training course catalogue of a province (issue 6 §1): one row per course, edited in
 * place under optimistic concurrency (`version`), retired rather than deleted because plans
 * and enrolments will refer to it. Content types follow the five kinds of Decree 171/2025
 * (domain.md §5.2). `sessions`, `prerequisites` and `eligibility` are JSON text on both
 * dialects: they are read and written whole, never queried inside; the competencies a course
 * raises are rows of their own because the catalogue is filtered by competency in SQL.
 * Money is whole VND in integers (a class costs well under the 2^31 limit the check keeps).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('training_courses'))
    .addColumn('province_code', 'varchar(16)', (c) => c.notNull().references('provinces.code'))
    .addColumn('code', 'varchar(32)', notNull)
    .addColumn('name_vi', 'text', notNull)
    .addColumn('name_en', 'text', notNull)
    .addColumn('name_search', 'text', notNull)
    .addColumn('content_type', 'varchar(32)', notNull)
    .addColumn('mode', 'varchar(16)', notNull)
    .addColumn('provider', 'text', notNull)
    .addColumn('location', 'text')
    .addColumn('duration_days', 'integer', (c) => c.notNull().check(sql`duration_days > 0`))
    .addColumn('sessions', 'text', notNull)
    .addColumn('class_capacity', 'integer', (c) => c.notNull().check(sql`class_capacity > 0`))
    .addColumn('min_class_size', 'integer', (c) => c.notNull().check(sql`min_class_size > 0`))
    .addColumn('cost_per_class', 'integer', (c) => c.notNull().check(sql`cost_per_class >= 0`))
    .addColumn('cost_per_participant', 'integer', (c) => c.notNull().check(sql`cost_per_participant >= 0`))
    .addColumn('funding_source', 'varchar(32)', notNull)
    .addColumn('prerequisites', 'text', notNull)
    .addColumn('eligibility', 'text', notNull)
    .addColumn('status', 'varchar(16)', (c) => c.notNull().check(sql`status in ('ACTIVE', 'RETIRED')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('effective_from', dateType(db), notNull)
    .addColumn('effective_to', dateType(db))
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', instantType(db), notNull)
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('training_courses_code_uq', ['province_code', 'code'])
    .addCheckConstraint('training_courses_class_size_ck', sql`min_class_size <= class_capacity`)
    .execute();
  await db.schema
    .createIndex('training_courses_type_idx')
    .on('training_courses')
    .columns(['province_code', 'content_type', 'status'])
    .execute();

  await idColumn(db, db.schema.createTable('training_course_competencies'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('course_id', 'integer', (c) => c.notNull().references('training_courses.id').onDelete('cascade'))
    .addColumn('competency_code', 'varchar(32)', notNull)
    .addColumn('raises_to_level', 'integer', (c) => c.notNull().check(sql`raises_to_level between 1 and 5`))
    .addUniqueConstraint('training_course_competencies_uq', ['course_id', 'competency_code'])
    .execute();
  await db.schema
    .createIndex('training_course_competencies_code_idx')
    .on('training_course_competencies')
    .columns(['province_code', 'competency_code'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('training_course_competencies').execute();
  await db.schema.dropTable('training_courses').execute();
}
