import { type Kysely, sql } from 'kysely';
import { boolType, dateType, idColumn, instantType, notNull } from '../migration-helpers.ts';

/** Provinces, administrative units with merger lineage, the bodies inside each commune. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('provinces')
    .addColumn('code', 'varchar(16)', (c) => c.primaryKey())
    .addColumn('name', 'text', notNull)
    .addColumn('created_at', instantType(db), notNull)
    .execute();

  await idColumn(db, db.schema.createTable('administrative_units'))
    .addColumn('province_code', 'varchar(16)', (c) => c.notNull().references('provinces.code'))
    .addColumn('code', 'varchar(32)', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('name_search', 'text', notNull)
    .addColumn('kind', 'varchar(32)', notNull)
    .addColumn('parent_id', 'integer', (c) => c.references('administrative_units.id'))
    .addColumn('population', 'integer')
    .addColumn('area_km2', 'real')
    .addColumn('is_mountainous', boolType(db), (c) => c.notNull().defaultTo(sql`false`))
    .addColumn('valid_from', dateType(db))
    .addColumn('valid_to', dateType(db))
    .addColumn('created_by_resolution', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('updated_at', instantType(db), notNull)
    .addUniqueConstraint('administrative_units_province_code_uq', ['province_code', 'code'])
    .execute();
  await db.schema.createIndex('administrative_units_parent_idx').on('administrative_units').column('parent_id').execute();

  await idColumn(db, db.schema.createTable('unit_lineage'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('predecessor_id', 'integer', (c) => c.notNull().references('administrative_units.id'))
    .addColumn('successor_id', 'integer', (c) => c.notNull().references('administrative_units.id'))
    .addColumn('resolution', 'text', notNull)
    .addColumn('effective_date', dateType(db), notNull)
    .addUniqueConstraint('unit_lineage_pair_uq', ['predecessor_id', 'successor_id'])
    .execute();
  await db.schema.createIndex('unit_lineage_successor_idx').on('unit_lineage').column('successor_id').execute();
  // Scope checks read a province's whole lineage (a few hundred rows) on every unit request.
  await db.schema.createIndex('unit_lineage_province_idx').on('unit_lineage').column('province_code').execute();

  await idColumn(db, db.schema.createTable('org_bodies'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('administrative_units.id'))
    .addColumn('kind', 'varchar(32)', notNull)
    .addColumn('name', 'text', notNull)
    .addColumn('fields', 'text', notNull)
    .addColumn('deputy_quota', 'integer', (c) => c.notNull().defaultTo(2))
    .execute();
  await db.schema.createIndex('org_bodies_unit_idx').on('org_bodies').column('unit_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['org_bodies', 'unit_lineage', 'administrative_units', 'provinces']) {
    await db.schema.dropTable(t).execute();
  }
}
