import type { Db } from '../../platform/db/database.ts';
import { fromDbBool } from '../../platform/db/database.ts';
import { NORMED_UNIT_KINDS } from '../../platform/rules/defaults/staffing-norm.config.ts';

/**
 * SQL of the staffing norm page: the current communes, wards and special zones of a province
 * with their actual headcount, grouped in SQL.
 *
 * Headcount = staff rows of the unit with employment_status ACTIVE (staff ON_LEAVE are not
 * counted). Every such row counts, with or without an org body: the norm of Official Letter
 * 09/CV-BCĐ excludes party and mass organisations and the military command, but org_bodies.kind
 * only knows the People's Committee bodies of Decree 150/2025 (office, departments, PASC), so
 * staff of the excluded organisations are not in the registry as such and cannot be told apart.
 */

export type NormUnitRow = {
  id: number;
  code: string;
  name: string;
  kind: string;
  population: number | null;
  isMountainous: boolean;
  headcount: number;
};

export const HEADCOUNT_STATUS = 'ACTIVE';

export async function listNormUnits(db: Db, provinceCode: string, unitId: number | null): Promise<NormUnitRow[]> {
  const counts = db
    .selectFrom('staff')
    .select(['unitId', (eb) => eb.fn.countAll<number | string>().as('headcount')])
    .where('provinceCode', '=', provinceCode)
    .where('employmentStatus', '=', HEADCOUNT_STATUS)
    .groupBy('unitId')
    .as('c');
  let q = db
    .selectFrom('administrativeUnits as u')
    .leftJoin(counts, 'c.unitId', 'u.id')
    .select(['u.id', 'u.code', 'u.name', 'u.kind', 'u.population', 'u.isMountainous', 'c.headcount'])
    .where('u.provinceCode', '=', provinceCode)
    .where('u.kind', 'in', [...NORMED_UNIT_KINDS])
    .where('u.validTo', 'is', null);
  if (unitId !== null) q = q.where('u.id', '=', unitId);
  const rows = await q.orderBy('u.code').execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    population: r.population === null ? null : Number(r.population),
    isMountainous: fromDbBool(r.isMountainous),
    headcount: r.headcount === null ? 0 : Number(r.headcount),
  }));
}

export type NormUnitRef = { id: number; provinceCode: string; kind: string; validTo: string | null };

export async function findNormUnit(db: Db, id: number): Promise<NormUnitRef | undefined> {
  return db.selectFrom('administrativeUnits').select(['id', 'provinceCode', 'kind', 'validTo']).where('id', '=', id).executeTakeFirst();
}
