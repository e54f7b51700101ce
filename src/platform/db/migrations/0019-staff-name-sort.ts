import { type Kysely, sql } from 'kysely';
import { nameSortKey } from '../../text/name-sort-key.ts';
import { isPostgres } from '../migration-helpers.ts';

/**
 * `staff.name_sort`: the byte-comparable Vietnamese sort key of the name (given name, then
 * full name; src/platform/text/name-sort-key.ts), so a directory of 130,000 officials pages
 * in SQL with an index instead of sorting every match in the application. PostgreSQL gets
 * COLLATE "C" so it compares bytes, as SQLite's BINARY does. Existing rows are filled here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const type = isPostgres(db) ? sql`text collate "C"` : sql`text`;
  await db.schema
    .alterTable('staff')
    .addColumn('name_sort', type, (c) => c.notNull().defaultTo(''))
    .execute();
  const rows = (await sql<{ id: number; full_name: string }>`select id, full_name from staff`.execute(db)).rows;
  // 500 rows per statement (a national registry has 130,000): one VALUES list both dialects read.
  for (let i = 0; i < rows.length; i += 500) {
    const values = rows.slice(i, i + 500).map((r) => sql`(cast(${r.id} as integer), ${nameSortKey(r.full_name)})`);
    await sql`with v(id, k) as (values ${sql.join(values)})
      update staff set name_sort = (select k from v where v.id = staff.id) where id in (select id from v)`.execute(db);
  }
  await db.schema.createIndex('staff_province_name_sort_idx').on('staff').columns(['province_code', 'name_sort', 'id']).execute();
  await db.schema.createIndex('staff_unit_name_sort_idx').on('staff').columns(['unit_id', 'name_sort', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('staff_unit_name_sort_idx').execute();
  await db.schema.dropIndex('staff_province_name_sort_idx').execute();
  await db.schema.alterTable('staff').dropColumn('name_sort').execute();
}
