import { type Kysely, sql } from 'kysely';
import { boolType, dateType, idColumn, instantType, notNull } from '../migration-helpers.ts';

/**
 * Training execution (issue 6 §5): the classes a province actually holds, who is enrolled,
 * attendance per session day, results, and the competency evidence a passed class leaves.
 *
 * - training_classes: one class of a catalogue course; `plan_class_id` points at a planned
 *   class of a plan version (migration 0023) without a foreign key, so execution does not
 *   depend on the plan tables and a plan version can be deleted without touching history.
 *   Edited under optimistic concurrency (`version`).
 * - training_enrolments: one row per class × person (unique), so a concurrent double
 *   enrolment trips the constraint; capacity is enforced by the use case under a row lock.
 * - training_attendance: one row per enrolment × session day (1-based day of the class).
 * - competency_training_evidence: position-fit's record that a completed course brought a
 *   person's competency to at least a level on a date; one row per enrolment × competency,
 *   deleted when the result is corrected to FAILED (the audit log keeps the history).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('training_classes'))
    .addColumn('province_code', 'varchar(16)', (c) => c.notNull().references('provinces.code'))
    .addColumn('course_id', 'integer', (c) => c.notNull().references('training_courses.id'))
    .addColumn('code', 'varchar(64)', notNull)
    .addColumn('organising_unit_id', 'integer', (c) => c.references('administrative_units.id'))
    .addColumn('provider', 'text', notNull)
    .addColumn('year', 'integer', (c) => c.notNull().check(sql`year between 2000 and 2100`))
    .addColumn('start_date', dateType(db), notNull)
    .addColumn('end_date', dateType(db), notNull)
    .addColumn('session_days', 'integer', (c) => c.notNull().check(sql`session_days between 1 and 400`))
    .addColumn('location', 'text')
    .addColumn('mode', 'varchar(16)', notNull)
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity > 0`))
    .addColumn('status', 'varchar(16)', (c) => c.notNull().check(sql`status in ('PLANNED', 'OPEN', 'RUNNING', 'COMPLETED', 'CANCELLED')`))
    .addColumn('plan_class_id', 'integer')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', instantType(db), notNull)
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('training_classes_code_uq', ['province_code', 'code'])
    .addCheckConstraint('training_classes_dates_ck', sql`end_date >= start_date`)
    .execute();
  await db.schema.createIndex('training_classes_year_idx').on('training_classes').columns(['province_code', 'year', 'status']).execute();
  await db.schema.createIndex('training_classes_course_idx').on('training_classes').columns(['course_id']).execute();

  await idColumn(db, db.schema.createTable('training_enrolments'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('class_id', 'integer', (c) => c.notNull().references('training_classes.id'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('status', 'varchar(16)', (c) =>
      c.notNull().check(sql`status in ('ENROLLED', 'WITHDRAWN', 'COMPLETED', 'FAILED', 'NO_SHOW')`),
    )
    .addColumn('score', 'real')
    .addColumn('grade', 'varchar(32)')
    .addColumn('certificate_no', 'varchar(64)')
    .addColumn('completed_on', dateType(db))
    .addColumn('enrolled_at', instantType(db), notNull)
    .addColumn('enrolled_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', instantType(db), notNull)
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('training_enrolments_uq', ['class_id', 'staff_id'])
    .execute();
  await db.schema.createIndex('training_enrolments_staff_idx').on('training_enrolments').columns(['staff_id', 'status']).execute();

  await idColumn(db, db.schema.createTable('training_attendance'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('enrolment_id', 'integer', (c) => c.notNull().references('training_enrolments.id').onDelete('cascade'))
    .addColumn('day', 'integer', (c) => c.notNull().check(sql`day between 1 and 400`))
    .addColumn('present', boolType(db), notNull)
    .addColumn('recorded_at', instantType(db), notNull)
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('training_attendance_uq', ['enrolment_id', 'day'])
    .execute();

  await idColumn(db, db.schema.createTable('competency_training_evidence'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('competency_code', 'varchar(32)', notNull)
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 1 and 5`))
    .addColumn('achieved_on', dateType(db), notNull)
    .addColumn('enrolment_id', 'integer', (c) => c.notNull().references('training_enrolments.id'))
    .addColumn('class_id', 'integer', (c) => c.notNull())
    .addColumn('class_code', 'varchar(64)', notNull)
    .addColumn('course_code', 'varchar(32)', notNull)
    .addColumn('course_name', 'text', notNull)
    .addColumn('recorded_at', instantType(db), notNull)
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('competency_training_evidence_uq', ['enrolment_id', 'competency_code'])
    .execute();
  await db.schema
    .createIndex('competency_training_evidence_staff_idx')
    .on('competency_training_evidence')
    .columns(['province_code', 'staff_id', 'competency_code'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('competency_training_evidence').execute();
  await db.schema.dropTable('training_attendance').execute();
  await db.schema.dropTable('training_enrolments').execute();
  await db.schema.dropTable('training_classes').execute();
}
