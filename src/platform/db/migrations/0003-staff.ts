import type { Kysely } from 'kysely';
import { dateType, idColumn, instantType, notNull } from '../migration-helpers.ts';

/** The staff registry core and appointment history across merged units (extended by the workforce issue). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('staff'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('administrative_units.id'))
    .addColumn('org_body_id', 'integer', (c) => c.references('org_bodies.id'))
    .addColumn('full_name', 'text', notNull)
    .addColumn('name_search', 'text', notNull)
    .addColumn('gender', 'varchar(8)', notNull)
    .addColumn('birth_date', dateType(db), notNull)
    .addColumn('citizen_id', 'varchar(16)', notNull)
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('ethnicity', 'text')
    .addColumn('education', 'text')
    .addColumn('qualification', 'text')
    .addColumn('qualification_field', 'text')
    .addColumn('political_theory', 'text')
    .addColumn('rank', 'varchar(32)', notNull)
    .addColumn('employment_status', 'varchar(32)', notNull)
    .addColumn('current_title', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('updated_at', instantType(db), notNull)
    .addUniqueConstraint('staff_citizen_id_uq', ['province_code', 'citizen_id'])
    .execute();
  await db.schema.createIndex('staff_unit_idx').on('staff').column('unit_id').execute();

  await idColumn(db, db.schema.createTable('appointments'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('administrative_units.id'))
    .addColumn('org_body_id', 'integer', (c) => c.references('org_bodies.id'))
    .addColumn('title', 'text', notNull)
    .addColumn('start_date', dateType(db), notNull)
    .addColumn('end_date', dateType(db))
    .addColumn('decision', 'text')
    .execute();
  await db.schema.createIndex('appointments_staff_idx').on('appointments').column('staff_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('appointments').execute();
  await db.schema.dropTable('staff').execute();
}
