import type { Db } from '../../platform/db/database.ts';
import { fromDbBool } from '../../platform/db/database.ts';
import type { UserView } from './users.schemas.ts';

/** Kinds of the current (post-2025) commune-level units that unit roles belong to. */
const CURRENT_UNIT_KINDS = ['COMMUNE', 'WARD', 'SPECIAL_ZONE'];

export type AssignableUnit = { id: number; code: string; name: string; kind: string; provinceCode: string };

function userViews(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('administrativeUnits as u', 'u.id', 'users.unitId')
    .select([
      'users.id',
      'users.username',
      'users.displayName',
      'users.role',
      'users.unitId',
      'u.name as unitName',
      'users.totpEnabled',
      'users.disabledAt',
      'users.createdAt',
    ]);
}

type UserViewRow = Awaited<ReturnType<ReturnType<typeof userViews>['execute']>>[number];

function toView(r: UserViewRow): UserView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    role: r.role,
    unitId: r.unitId,
    unitName: r.unitName ?? null,
    mfaEnabled: fromDbBool(r.totpEnabled),
    disabledAt: r.disabledAt,
    createdAt: r.createdAt,
  };
}

/** One page of a province's accounts in username order, keyset-paginated on the unique username. */
export async function listUserViews(
  db: Db,
  provinceCode: string,
  page: { after?: string | undefined; limit: number },
): Promise<UserView[]> {
  let q = userViews(db).where('users.provinceCode', '=', provinceCode);
  if (page.after) q = q.where('users.username', '>', page.after);
  const rows = await q.orderBy('users.username').limit(page.limit).execute();
  return rows.map(toView);
}

export async function findUserView(db: Db, userId: number): Promise<UserView | undefined> {
  const row = await userViews(db).where('users.id', '=', userId).executeTakeFirst();
  return row ? toView(row) : undefined;
}

function currentUnits(db: Db) {
  return db
    .selectFrom('administrativeUnits')
    .select(['id', 'code', 'name', 'kind', 'provinceCode'])
    .where('kind', 'in', CURRENT_UNIT_KINDS)
    .where('validTo', 'is', null);
}

/** Current communes, wards and special zones of a province: the units a unit role can belong to. */
export async function listAssignableUnits(db: Db, provinceCode: string): Promise<AssignableUnit[]> {
  return currentUnits(db).where('provinceCode', '=', provinceCode).execute();
}

export async function findAssignableUnit(db: Db, provinceCode: string, unitId: number): Promise<AssignableUnit | undefined> {
  return currentUnits(db).where('provinceCode', '=', provinceCode).where('id', '=', unitId).executeTakeFirst();
}

/** Unit codes are unique within a province; without a province the same code may match several. */
export async function findAssignableUnitsByCode(db: Db, code: string, provinceCode?: string): Promise<AssignableUnit[]> {
  let q = currentUnits(db).where('code', '=', code);
  if (provinceCode) q = q.where('provinceCode', '=', provinceCode);
  return q.execute();
}

export async function listProvinceCodes(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('provinces').select('code').orderBy('code').execute();
  return rows.map((r) => r.code);
}
