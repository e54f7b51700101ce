import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

/**
 * One counter that moves whenever reference data changes: holidays, rule values,
 * procedures, administrative units. Hot paths (dossier intake) read it once and reuse
 * what they loaded for the same generation, instead of re-reading six tables per request
 * (ADR 0006). Triggers bump it in the writing transaction, so no writer can forget and
 * every process sees the change the moment it commits.
 */
const WATCHED = ['holidays', 'rule_values', 'procedures', 'administrative_units'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reference_generation')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('generation', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into reference_generation (id, generation) values (1, 1)`.execute(db);
  if (isPostgres(db)) {
    await sql`create function bump_reference_generation() returns trigger language plpgsql as $$
      begin update reference_generation set generation = generation + 1 where id = 1; return null; end $$`.execute(db);
    for (const table of WATCHED) {
      await sql`create trigger ${sql.raw(`${table}_bump_generation`)} after insert or update or delete or truncate on ${sql.table(table)}
        for each statement execute function bump_reference_generation()`.execute(db);
    }
    return;
  }
  for (const table of WATCHED) {
    for (const op of ['insert', 'update', 'delete']) {
      await sql`create trigger ${sql.raw(`${table}_bump_generation_${op}`)} after ${sql.raw(op)} on ${sql.table(table)}
        begin update reference_generation set generation = generation + 1 where id = 1; end`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    for (const table of WATCHED) await sql`drop trigger ${sql.raw(`${table}_bump_generation`)} on ${sql.table(table)}`.execute(db);
    await sql`drop function bump_reference_generation()`.execute(db);
  } else {
    for (const table of WATCHED) {
      for (const op of ['insert', 'update', 'delete']) await sql`drop trigger ${sql.raw(`${table}_bump_generation_${op}`)}`.execute(db);
    }
  }
  await db.schema.dropTable('reference_generation').execute();
}
