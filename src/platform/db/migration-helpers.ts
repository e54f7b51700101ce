import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * One migration set runs on both dialects; these helpers hide the few type differences.
 * Migrations are written against snake_case names because they run without the CamelCasePlugin.
 */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export function idColumn<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T>): CreateTableBuilder<T> {
  return isPostgres(db)
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** UTC instant: timestamptz on PostgreSQL, ISO-8601 text on SQLite. */
export function instantType(db: Kysely<unknown>) {
  return isPostgres(db) ? sql`timestamptz` : sql`text`;
}

export function dateType(db: Kysely<unknown>) {
  return isPostgres(db) ? sql`date` : sql`text`;
}

export function boolType(db: Kysely<unknown>) {
  return isPostgres(db) ? sql`boolean` : sql`integer`;
}

// SQLite (3.23+) reads TRUE/FALSE as 1/0, so sql`false` is a default both dialects accept.
export const notNull = (c: ColumnDefinitionBuilder) => c.notNull();
