import { type Kysely, sql } from 'kysely';
import { boolType, idColumn, instantType, notNull } from '../migration-helpers.ts';

/** Accounts, sessions, API tokens, login throttling and the hash-chained audit log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await idColumn(db, db.schema.createTable('users'))
    .addColumn('province_code', 'varchar(16)', (c) => c.notNull().references('provinces.code'))
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', notNull)
    .addColumn('password_hash', 'text', notNull)
    .addColumn('role', 'varchar(32)', notNull)
    .addColumn('unit_id', 'integer', (c) => c.references('administrative_units.id'))
    .addColumn('locale', 'varchar(8)', (c) => c.notNull().defaultTo('vi'))
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', boolType(db), (c) => c.notNull().defaultTo(sql`false`))
    .addColumn('totp_last_step', 'bigint')
    .addColumn('disabled_at', instantType(db))
    .addColumn('password_changed_at', instantType(db), notNull)
    .addColumn('created_at', instantType(db), notNull)
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('stage', 'varchar(16)', notNull)
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('last_seen_at', instantType(db), notNull)
    .addColumn('expires_at', instantType(db), notNull)
    .addColumn('ended_at', instantType(db))
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await idColumn(db, db.schema.createTable('api_tokens'))
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('name', 'text', notNull)
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('prefix', 'varchar(32)', notNull)
    .addColumn('created_at', instantType(db), notNull)
    .addColumn('last_used_at', instantType(db))
    .addColumn('expires_at', instantType(db))
    .addColumn('revoked_at', instantType(db))
    .execute();

  await idColumn(db, db.schema.createTable('login_attempts'))
    .addColumn('username_key', 'varchar(64)', notNull)
    .addColumn('ip', 'text')
    .addColumn('succeeded', boolType(db), notNull)
    .addColumn('at', instantType(db), notNull)
    .execute();
  await db.schema.createIndex('login_attempts_user_at_idx').on('login_attempts').columns(['username_key', 'at']).execute();

  // seq is assigned under a lock as previous seq + 1, so it is gap-free even on PostgreSQL,
  // where a serial would skip numbers after a rollback and hide a deleted row.
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('province_code', 'varchar(16)', notNull)
    .addColumn('at', instantType(db), notNull)
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_username', 'text')
    .addColumn('actor_role', 'varchar(32)')
    .addColumn('actor_unit_id', 'integer')
    .addColumn('request_id', 'text')
    .addColumn('action', 'varchar(64)', notNull)
    .addColumn('entity_type', 'varchar(64)', notNull)
    .addColumn('entity_id', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('prev_hash', 'varchar(64)', notNull)
    .addColumn('hash', 'varchar(64)', notNull)
    .execute();
  await db.schema.createIndex('audit_log_province_at_idx').on('audit_log').columns(['province_code', 'at']).execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id']).execute();

  // The chain head lets verification notice rows deleted from the end of the log.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', notNull)
    .addColumn('hash', 'varchar(64)', notNull)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['audit_head', 'audit_log', 'login_attempts', 'api_tokens', 'sessions', 'users']) {
    await db.schema.dropTable(t).execute();
  }
}
