import type { Db } from '../../platform/db/database.ts';

export async function findUnitName(db: Db, unitId: number): Promise<string | null> {
  const row = await db.selectFrom('administrativeUnits').select('name').where('id', '=', unitId).executeTakeFirst();
  return row?.name ?? null;
}
