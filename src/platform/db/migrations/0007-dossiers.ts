import { type Kysely, sql } from 'kysely';
import { idColumn, instantType, notNull } from '../migration-helpers.ts';

/**
 * Dossiers (hồ sơ TTHC) and what intake needs around them: the timeline, the per-agency
 * daily code counters (gap-free codes, Circular 01/2018 Art. 19), idempotency keys stored
 * in the same transaction as the dossier they answer for, and attachment metadata.
 * `data` and `response` are JSON text on both dialects: written and read whole.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('dossiers'))
    .addColumn('province_code', 'varchar(16)', (c) => c.notNull().references('provinces.code'))
    .addColumn('code', 'varchar(80)', (c) => c.notNull().unique())
    .addColumn('receiving_unit_id', 'integer', (c) => c.notNull().references('administrative_units.id'))
    .addColumn('competent_unit_id', 'integer', (c) => c.notNull().references('administrative_units.id'))
    .addColumn('procedure_id', 'integer', (c) => c.notNull().references('procedures.id'))
    .addColumn('channel', 'smallint', (c) => c.notNull().check(sql`channel in (1, 2, 3)`))
    .addColumn('status', 'smallint', (c) => c.notNull().check(sql`status between 1 and 10`))
    .addColumn('applicant_name', 'text', notNull)
    .addColumn('applicant_name_search', 'text', notNull)
    .addColumn('applicant_id_number', 'varchar(20)')
    .addColumn('applicant_phone', 'varchar(20)')
    .addColumn('applicant_email', 'varchar(254)')
    .addColumn('applicant_address', 'text')
    .addColumn('summary', 'text')
    .addColumn('received_at', instantType(db))
    .addColumn('valid_at', instantType(db))
    .addColumn('due_at', instantType(db))
    .addColumn('finished_at', instantType(db))
    .addColumn('returned_at', instantType(db))
    .addColumn('paused_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('supplement_requests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('updated_at', instantType(db), notNull)
    .addColumn('created_by', 'integer')
    .execute();
  await db.schema.createIndex('dossiers_receiving_idx').on('dossiers').columns(['receiving_unit_id', 'status']).execute();
  await db.schema.createIndex('dossiers_competent_idx').on('dossiers').columns(['competent_unit_id', 'status']).execute();
  await db.schema.createIndex('dossiers_province_idx').on('dossiers').columns(['province_code', 'created_at']).execute();

  await idColumn(db, db.schema.createTable('dossier_events'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossiers.id'))
    .addColumn('at', instantType(db), notNull)
    .addColumn('actor_user_id', 'integer')
    .addColumn('kind', 'varchar(32)', notNull)
    .addColumn('from_status', 'smallint')
    .addColumn('to_status', 'smallint')
    .addColumn('note', 'text')
    .addColumn('data', 'text')
    .execute();
  await db.schema.createIndex('dossier_events_dossier_idx').on('dossier_events').columns(['dossier_id', 'id']).execute();

  // One row per agency and reception day; the upsert that bumps last_seq is what serialises
  // concurrent intakes, so the sequence has neither gaps nor duplicates.
  await db.schema
    .createTable('dossier_code_counters')
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('agency_code', 'varchar(60)', notNull)
    .addColumn('day', 'varchar(6)', notNull)
    .addColumn('last_seq', 'integer', notNull)
    .addPrimaryKeyConstraint('dossier_code_counters_pk', ['agency_code', 'day'])
    .execute();

  await idColumn(db, db.schema.createTable('idempotency_keys'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('key', 'varchar(200)', notNull)
    // 0 for anonymous (public) callers, so the unique constraint also covers them.
    .addColumn('user_id', 'integer', notNull)
    .addColumn('request_hash', 'varchar(64)', notNull)
    .addColumn('status_code', 'integer', notNull)
    .addColumn('response', 'text', notNull)
    .addColumn('created_at', instantType(db), notNull)
    .addUniqueConstraint('idempotency_keys_uq', ['user_id', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').column('created_at').execute();

  await idColumn(db, db.schema.createTable('dossier_attachments'))
    .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossiers.id'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('file_name', 'text', notNull)
    .addColumn('stored_name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('media_type', 'varchar(100)', notNull)
    .addColumn('size', 'integer', notNull)
    .addColumn('sha256', 'varchar(64)', notNull)
    .addColumn('created_at', instantType(db), notNull)
    .execute();
  await db.schema.createIndex('dossier_attachments_dossier_idx').on('dossier_attachments').column('dossier_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dossier_attachments').execute();
  await db.schema.dropTable('idempotency_keys').execute();
  await db.schema.dropTable('dossier_code_counters').execute();
  await db.schema.dropTable('dossier_events').execute();
  await db.schema.dropTable('dossiers').execute();
}
