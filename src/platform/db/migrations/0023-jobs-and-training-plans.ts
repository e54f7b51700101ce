import { type Kysely, sql } from 'kysely';
import { idColumn, instantType, notNull } from '../migration-helpers.ts';

/**
 * Durable background jobs (ADR 0010) and the stored training plan versions they produce (issue 6 §3).
 * - jobs: one unit of background work of a `kind`, claimed by a worker under a lease
 *   (`lease_until`, `lease_token`): a job whose lease ran out (the process died) is claimed again
 *   and counts another attempt; `run_after` delays a retry. `payload`, `progress` and `result` are
 *   JSON text on both dialects. `idempotency_key` (the caller's Idempotency-Key, namespaced by user)
 *   is unique per kind, with `request_hash` to tell a replay from a reuse.
 * - training_plans: one generated plan version with its parameters (JSON), the solver's outcome and
 *   the digest of the input it solved; `job_id` is the job that generates it.
 * - training_plan_classes / training_plan_attendees: the chosen classes (course × year × class number)
 *   and who attends each, with the needs each attendance closes (JSON: the "why").
 * Money is whole VND: plan totals can pass 2^31, so cost columns are bigint.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('jobs'))
    .addColumn('kind', 'varchar(64)', notNull)
    .addColumn('province_code', 'varchar(16)', (c) => c.notNull().references('provinces.code'))
    .addColumn('payload', 'text', notNull)
    .addColumn('status', 'varchar(16)', (c) => c.notNull().check(sql`status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3).check(sql`max_attempts >= 1`))
    .addColumn('progress', 'text')
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('run_after', instantType(db), notNull)
    .addColumn('lease_until', instantType(db))
    .addColumn('lease_token', 'varchar(64)')
    .addColumn('idempotency_key', 'varchar(256)')
    .addColumn('request_hash', 'varchar(64)')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('started_at', instantType(db))
    .addColumn('finished_at', instantType(db))
    .addColumn('updated_at', instantType(db), notNull)
    .addUniqueConstraint('jobs_idempotency_uq', ['kind', 'idempotency_key'])
    .execute();
  await db.schema.createIndex('jobs_claim_idx').on('jobs').columns(['status', 'run_after']).execute();
  await db.schema.createIndex('jobs_province_idx').on('jobs').columns(['province_code', 'kind', 'created_at']).execute();

  await idColumn(db, db.schema.createTable('training_plans'))
    .addColumn('province_code', 'varchar(16)', (c) => c.notNull().references('provinces.code'))
    .addColumn('name', 'text', notNull)
    .addColumn('status', 'varchar(16)', (c) => c.notNull().check(sql`status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')`))
    .addColumn('parameters', 'text', notNull)
    .addColumn('method', 'varchar(16)')
    .addColumn('solver_status', 'varchar(32)')
    .addColumn('objective', 'double precision')
    .addColumn('best_bound', 'double precision')
    .addColumn('gap', 'double precision')
    .addColumn('solve_seconds', 'double precision')
    .addColumn('greedy_objective', 'double precision')
    .addColumn('gap_closed', 'double precision')
    .addColumn('total_cost', 'bigint')
    .addColumn('input_digest', 'varchar(64)')
    .addColumn('input_summary', 'text')
    .addColumn('error', 'text')
    .addColumn('job_id', 'integer', (c) => c.references('jobs.id'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('finished_at', instantType(db))
    .execute();
  await db.schema.createIndex('training_plans_province_idx').on('training_plans').columns(['province_code', 'created_at']).execute();

  await idColumn(db, db.schema.createTable('training_plan_classes'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('training_plans.id').onDelete('cascade'))
    .addColumn('course_id', 'integer', (c) => c.notNull().references('training_courses.id'))
    .addColumn('course_code', 'varchar(32)', notNull)
    .addColumn('year', 'integer', notNull)
    .addColumn('class_no', 'integer', (c) => c.notNull().check(sql`class_no >= 1`))
    .addColumn('participants', 'integer', (c) => c.notNull().check(sql`participants >= 0`))
    .addColumn('funding_source', 'varchar(32)', notNull)
    .addColumn('cost', 'bigint', (c) => c.notNull().check(sql`cost >= 0`))
    .addUniqueConstraint('training_plan_classes_uq', ['plan_id', 'course_id', 'year', 'class_no'])
    .execute();
  await db.schema.createIndex('training_plan_classes_year_idx').on('training_plan_classes').columns(['plan_id', 'year']).execute();

  await idColumn(db, db.schema.createTable('training_plan_attendees'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('training_plans.id').onDelete('cascade'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('training_plan_classes.id').onDelete('cascade'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('unit_id', 'integer', notNull)
    .addColumn('weight', 'double precision', notNull)
    .addColumn('needs', 'text', notNull)
    .addUniqueConstraint('training_plan_attendees_uq', ['class_id', 'staff_id'])
    .execute();
  await db.schema.createIndex('training_plan_attendees_staff_idx').on('training_plan_attendees').columns(['plan_id', 'staff_id']).execute();
  await db.schema.createIndex('training_plan_attendees_unit_idx').on('training_plan_attendees').columns(['plan_id', 'unit_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('training_plan_attendees').execute();
  await db.schema.dropTable('training_plan_classes').execute();
  await db.schema.dropTable('training_plans').execute();
  await db.schema.dropTable('jobs').execute();
}
