import type { Db } from './database.ts';

/** The reference-data generation (migration 0011): moves whenever holidays, rules, procedures or units change. */
export async function readReferenceGeneration(db: Db): Promise<number> {
  const row = await db.selectFrom('referenceGeneration').select('generation').where('id', '=', 1).executeTakeFirst();
  return Number(row?.generation ?? 0);
}
