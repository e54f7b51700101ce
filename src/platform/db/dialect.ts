import { type Kysely, PostgresAdapter } from 'kysely';
import type { Dialect } from './database.ts';

export function dialectOf(db: Kysely<never> | Kysely<unknown> | { getExecutor: () => { adapter: unknown } }): Dialect {
  return (db as Kysely<unknown>).getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
