import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { fromDbBool } from '../../platform/db/database.ts';
import { likeContains } from '../../platform/text/search-key.ts';
import type { PositionGroup, Requirement } from '../competencies/framework.ts';
import type { Holder, PostLine } from './vacancies.ts';

/** SQL of positions, their requirements, posts per unit and staff assignments. */

export type PositionRow = {
  id: number;
  provinceCode: string;
  versionId: number;
  code: string;
  nameVi: string;
  nameEn: string;
  group: PositionGroup;
  bodyKind: string;
  field: string | null;
  jobDescriptionVi: string;
  jobDescriptionEn: string;
  requiredRank: string;
  educationLevel: string;
  qualificationFields: string[];
  confirmed: boolean;
  sourceNote: string;
};

type Filter = { group?: string | undefined; bodyKind?: string | undefined; q?: string | undefined };

function toPosition(p: {
  id: number;
  provinceCode: string;
  versionId: number;
  code: string;
  nameVi: string;
  nameEn: string;
  positionGroup: string;
  bodyKind: string;
  field: string | null;
  jobDescriptionVi: string;
  jobDescriptionEn: string;
  requiredRank: string;
  educationLevel: string;
  qualificationFields: string;
  confirmed: boolean | number;
  sourceNote: string;
}): PositionRow {
  const { positionGroup, qualificationFields, confirmed, ...rest } = p;
  return {
    ...rest,
    group: positionGroup as PositionGroup,
    qualificationFields: JSON.parse(qualificationFields) as string[],
    confirmed: fromDbBool(confirmed),
  };
}

const COLUMNS = [
  'id',
  'provinceCode',
  'versionId',
  'code',
  'nameVi',
  'nameEn',
  'positionGroup',
  'bodyKind',
  'field',
  'jobDescriptionVi',
  'jobDescriptionEn',
  'requiredRank',
  'educationLevel',
  'qualificationFields',
  'confirmed',
  'sourceNote',
] as const;

export async function listPositions(db: Db, provinceCode: string, versionId: number, filter: Filter): Promise<PositionRow[]> {
  let q = db.selectFrom('positions').select(COLUMNS).where('provinceCode', '=', provinceCode).where('versionId', '=', versionId);
  if (filter.group) q = q.where('positionGroup', '=', filter.group);
  if (filter.bodyKind) q = q.where('bodyKind', '=', filter.bodyKind);
  if (filter.q) q = q.where(sql<boolean>`${sql.ref('nameSearch')} like ${likeContains(filter.q)} escape '\\'`);
  return (await q.orderBy('sortOrder').execute()).map(toPosition);
}

export async function findPosition(db: Db, id: number): Promise<PositionRow | undefined> {
  const r = await db.selectFrom('positions').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r && toPosition(r);
}

export async function findPositionByCode(db: Db, provinceCode: string, versionId: number, code: string): Promise<PositionRow | undefined> {
  const r = await db
    .selectFrom('positions')
    .select(COLUMNS)
    .where('provinceCode', '=', provinceCode)
    .where('versionId', '=', versionId)
    .where('code', '=', code)
    .executeTakeFirst();
  return r && toPosition(r);
}

export async function requirementsOf(db: Db, positionId: number): Promise<Requirement[]> {
  const rows = await db
    .selectFrom('positionCompetencies')
    .select(['competencyCode', 'requiredLevel'])
    .where('positionId', '=', positionId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ competencyCode: r.competencyCode, level: r.requiredLevel }));
}

/** The position's framework revision (migration 0030): moves on with every write of its framework. */
export async function frameworkRevisionOf(db: Db, positionId: number): Promise<number> {
  const r = await db.selectFrom('positions').select('frameworkRevision').where('id', '=', positionId).executeTakeFirst();
  return Number(r?.frameworkRevision ?? 0);
}

/**
 * Moves the framework revision on by one if it is still `expected`; false means another write
 * came first (on PostgreSQL a concurrent writer waits on the row lock, then finds it moved).
 * Run first in the transaction that replaces the requirements, so the loser writes nothing.
 */
export async function bumpFrameworkRevision(db: Db, positionId: number, expected: number): Promise<boolean> {
  const r = await db
    .updateTable('positions')
    .set((eb) => ({ frameworkRevision: eb('frameworkRevision', '+', 1) }))
    .where('id', '=', positionId)
    .where('frameworkRevision', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function replaceRequirements(
  db: Db,
  provinceCode: string,
  positionId: number,
  requirements: readonly Requirement[],
): Promise<void> {
  await db.deleteFrom('positionCompetencies').where('positionId', '=', positionId).execute();
  if (requirements.length > 0)
    await db
      .insertInto('positionCompetencies')
      .values(requirements.map((r) => ({ provinceCode, positionId, competencyCode: r.competencyCode, requiredLevel: r.level })))
      .execute();
}

export type UnitRef = { id: number; provinceCode: string; name: string };

export async function findUnit(db: Db, id: number): Promise<UnitRef | undefined> {
  return db.selectFrom('administrativeUnits').select(['id', 'provinceCode', 'name']).where('id', '=', id).executeTakeFirst();
}

/** Unit names by id: the units module's read (one per 500 distinct ids). */
export { unitNamesByIds as unitNames } from '../units/units.repository.ts';

/** Approved posts, for one position code and/or one unit. */
export async function listPosts(db: Db, provinceCode: string, by: { positionCode?: string; unitId?: number | null }): Promise<PostLine[]> {
  let q = db.selectFrom('positionPosts').select(['unitId', 'positionCode', 'posts']).where('provinceCode', '=', provinceCode);
  if (by.positionCode !== undefined) q = q.where('positionCode', '=', by.positionCode);
  if (by.unitId !== undefined && by.unitId !== null) q = q.where('unitId', '=', by.unitId);
  return q.execute();
}

export type PostStamp = { unitId: number; positionCode: string; posts: number; updatedAt: string };

/** When each post line was last set (same filter as listPosts). */
export async function listPostStamps(
  db: Db,
  provinceCode: string,
  by: { positionCode?: string; unitId?: number | null },
): Promise<PostStamp[]> {
  let q = db.selectFrom('positionPosts').select(['unitId', 'positionCode', 'posts', 'updatedAt']).where('provinceCode', '=', provinceCode);
  if (by.positionCode !== undefined) q = q.where('positionCode', '=', by.positionCode);
  if (by.unitId !== undefined && by.unitId !== null) q = q.where('unitId', '=', by.unitId);
  return q.execute();
}

export async function findPost(db: Db, provinceCode: string, unitId: number, positionCode: string): Promise<PostStamp | undefined> {
  return db
    .selectFrom('positionPosts')
    .select(['unitId', 'positionCode', 'posts', 'updatedAt'])
    .where('provinceCode', '=', provinceCode)
    .where('unitId', '=', unitId)
    .where('positionCode', '=', positionCode)
    .executeTakeFirst();
}

/** Inserts a post line unless one exists already; false when another writer got there first. */
export async function insertPost(db: Db, provinceCode: string, line: PostLine, updatedAt: string): Promise<boolean> {
  const r = await db
    .insertInto('positionPosts')
    .values({ provinceCode, ...line, updatedAt })
    .onConflict((oc) => oc.columns(['unitId', 'positionCode']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Changes a post line only if it still carries `expectedUpdatedAt`; false otherwise. */
export async function updatePost(
  db: Db,
  provinceCode: string,
  line: PostLine,
  expectedUpdatedAt: string,
  updatedAt: string,
): Promise<boolean> {
  const r = await db
    .updateTable('positionPosts')
    .set({ posts: line.posts, updatedAt })
    .where('provinceCode', '=', provinceCode)
    .where('unitId', '=', line.unitId)
    .where('positionCode', '=', line.positionCode)
    .where('updatedAt', '=', expectedUpdatedAt)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Removes a post line only if it still carries `expectedUpdatedAt`; false otherwise. */
export async function deletePost(
  db: Db,
  provinceCode: string,
  unitId: number,
  positionCode: string,
  expectedUpdatedAt: string,
): Promise<boolean> {
  const r = await db
    .deleteFrom('positionPosts')
    .where('provinceCode', '=', provinceCode)
    .where('unitId', '=', unitId)
    .where('positionCode', '=', positionCode)
    .where('updatedAt', '=', expectedUpdatedAt)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Staff holding a position on `date` (start ≤ date, no end or end ≥ date), with the position's code. */
export async function listHolders(
  db: Db,
  provinceCode: string,
  date: string,
  by: { positionCode?: string; unitId?: number | null },
): Promise<Holder[]> {
  let q = db
    .selectFrom('staffPositions as sp')
    .innerJoin('positions as p', 'p.id', 'sp.positionId')
    .select(['sp.unitId', 'p.code as positionCode'])
    .where('sp.provinceCode', '=', provinceCode)
    .where('sp.startDate', '<=', date)
    .where((eb) => eb.or([eb('sp.endDate', 'is', null), eb('sp.endDate', '>=', date)]));
  if (by.positionCode !== undefined) q = q.where('p.code', '=', by.positionCode);
  if (by.unitId !== undefined && by.unitId !== null) q = q.where('sp.unitId', '=', by.unitId);
  return q.execute();
}

export async function upsertPosts(db: Db, provinceCode: string, lines: readonly PostLine[], now: string): Promise<void> {
  for (let i = 0; i < lines.length; i += 200) {
    await db
      .insertInto('positionPosts')
      .values(lines.slice(i, i + 200).map((l) => ({ provinceCode, ...l, updatedAt: now })))
      .onConflict((oc) => oc.columns(['unitId', 'positionCode']).doUpdateSet((eb) => ({ posts: eb.ref('excluded.posts'), updatedAt: now })))
      .execute();
  }
}

export type Assignment = { staffId: number; positionId: number | null; unitId: number; startDate: string; endDate: string | null };

export async function insertAssignments(db: Db, provinceCode: string, rows: readonly Assignment[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('staffPositions')
      .values(rows.slice(i, i + 200).map((r) => ({ provinceCode, ...r })))
      .execute();
  }
}

/** Staff of the province with what placement needs (read only: the staff module owns these rows). */
export async function listStaffForPlacement(
  db: Db,
  provinceCode: string,
): Promise<{ id: number; unitId: number; currentTitle: string | null; orgBodyKind: string | null; startDate: string | null }[]> {
  return db
    .selectFrom('staff as s')
    .leftJoin('orgBodies as b', 'b.id', 's.orgBodyId')
    .select((eb) => [
      's.id',
      's.unitId',
      's.currentTitle',
      'b.kind as orgBodyKind',
      eb
        .selectFrom('appointments as a')
        .select((e) => e.fn.max('a.startDate').as('d'))
        .whereRef('a.staffId', '=', 's.id')
        .whereRef('a.unitId', '=', 's.unitId')
        .as('startDate'),
    ])
    .where('s.provinceCode', '=', provinceCode)
    .where('s.employmentStatus', '=', 'ACTIVE')
    .orderBy('s.id')
    .execute() as Promise<
    { id: number; unitId: number; currentTitle: string | null; orgBodyKind: string | null; startDate: string | null }[]
  >;
}

export async function listCurrentUnits(db: Db, provinceCode: string): Promise<{ id: number; kind: string }[]> {
  return db
    .selectFrom('administrativeUnits')
    .select(['id', 'kind'])
    .where('provinceCode', '=', provinceCode)
    .where('kind', 'in', ['COMMUNE', 'WARD', 'SPECIAL_ZONE'])
    .where('validTo', 'is', null)
    .orderBy('id')
    .execute();
}
