import type { Db } from '../../platform/db/database.ts';

/** The one thing a report's snapshot reads beyond the overview: the province's name for the heading. */
export async function provinceNameOf(db: Db, provinceCode: string): Promise<string> {
  const r = await db.selectFrom('provinces').select('name').where('code', '=', provinceCode).executeTakeFirst();
  return r?.name ?? provinceCode;
}
