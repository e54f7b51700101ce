import type { Db } from '../../platform/db/database.ts';

export type HomeStats = {
  units: number;
  predecessors: number;
  staff: number;
  staffByKind: { kind: string; count: number }[];
  unitName: string | null;
};

const CURRENT_KINDS = ['WARD', 'COMMUNE', 'SPECIAL_ZONE'];

/** Dashboard counts for a province, or for one commune when unitId is given. */
export async function homeStats(db: Db, provinceCode: string, unitId: number | null): Promise<HomeStats> {
  let units = db
    .selectFrom('administrativeUnits')
    .select(db.fn.countAll<number>().as('n'))
    .where('provinceCode', '=', provinceCode)
    .where('kind', 'in', CURRENT_KINDS)
    .where('validTo', 'is', null);
  if (unitId !== null) units = units.where('id', '=', unitId);
  let predecessors = db
    .selectFrom('unitLineage')
    .select(db.fn.count<number>('predecessorId').distinct().as('n'))
    .where('provinceCode', '=', provinceCode);
  if (unitId !== null) predecessors = predecessors.where('successorId', '=', unitId);
  let staffByKind = db
    .selectFrom('staff')
    .innerJoin('administrativeUnits as u', 'u.id', 'staff.unitId')
    .select(['u.kind', db.fn.countAll<number>().as('n')])
    .where('staff.provinceCode', '=', provinceCode)
    .groupBy('u.kind');
  if (unitId !== null) staffByKind = staffByKind.where('staff.unitId', '=', unitId);
  const [u, p, s, unit] = await Promise.all([
    units.executeTakeFirst(),
    predecessors.executeTakeFirst(),
    staffByKind.execute(),
    unitId === null ? undefined : db.selectFrom('administrativeUnits').select('name').where('id', '=', unitId).executeTakeFirst(),
  ]);
  const byKind = s.map((r) => ({ kind: r.kind, count: Number(r.n) }));
  return {
    units: Number(u?.n ?? 0),
    predecessors: Number(p?.n ?? 0),
    staff: byKind.reduce((a, r) => a + r.count, 0),
    staffByKind: byKind,
    unitName: unit?.name ?? null,
  };
}

export async function provinceName(db: Db, code: string): Promise<string> {
  const r = await db.selectFrom('provinces').select('name').where('code', '=', code).executeTakeFirst();
  return r?.name ?? code;
}
