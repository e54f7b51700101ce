import type { ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../../platform/db/database.ts';
import { fromDbBool, toDbBool } from '../../platform/db/database.ts';
import { selectInChunks } from '../../platform/db/in-chunks.ts';
import { everyWordStartsAWord } from '../../platform/db/search.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { searchKey } from '../../platform/text/search-key.ts';
import { currentUnitsOf, type LineageEdge } from './lineage.ts';

export type UnitRecord = {
  id: number;
  provinceCode: string;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  population: number | null;
  areaKm2: number | null;
  isMountainous: boolean;
  validFrom: string | null;
  validTo: string | null;
  createdByResolution: string | null;
  version: number;
};

export type UnitRow = UnitRecord & { predecessorCount: number; staffCount: number };

export type OrgBodyRecord = { id: number; unitId: number; kind: string; name: string; fields: string[]; deputyQuota: number };

export type LineageEdgeRecord = LineageEdge & { resolution: string; effectiveDate: string };

export type UnitRef = { id: number; code: string; name: string; kind: string };
export type LineageRecord = { predecessor: UnitRef; successor: UnitRef; resolution: string; effectiveDate: string };

export type UnitFilter = {
  provinceCode: string;
  /** Restricts to these units (a commune's own unit and its predecessors). */
  ids?: readonly number[] | undefined;
  kind?: string | undefined;
  status: 'current' | 'former' | 'all';
  q?: string | undefined;
};

export type UnitChanges = {
  name?: string | undefined;
  population?: number | null | undefined;
  areaKm2?: number | null | undefined;
  isMountainous?: boolean | undefined;
  createdByResolution?: string | null | undefined;
};

type UnitEb = ExpressionBuilder<Database, 'administrativeUnits'>;

/** PostgreSQL stores `real` as float4 (12.3 reads back as 12.30000019…); two decimals suit km². */
function roundArea(v: number | null): number | null {
  return v === null ? null : Math.round(Number(v) * 100) / 100;
}

const UNIT_COLUMNS = [
  'administrativeUnits.id',
  'administrativeUnits.provinceCode',
  'administrativeUnits.code',
  'administrativeUnits.name',
  'administrativeUnits.kind',
  'administrativeUnits.parentId',
  'administrativeUnits.population',
  'administrativeUnits.areaKm2',
  'administrativeUnits.isMountainous',
  'administrativeUnits.validFrom',
  'administrativeUnits.validTo',
  'administrativeUnits.createdByResolution',
  'administrativeUnits.version',
] as const;

type RawUnit = Omit<UnitRecord, 'isMountainous' | 'version'> & { isMountainous: boolean | number; version: number };

function toUnit(r: RawUnit): UnitRecord {
  return {
    ...r,
    population: r.population === null ? null : Number(r.population),
    areaKm2: roundArea(r.areaKm2),
    isMountainous: fromDbBool(r.isMountainous),
    version: Number(r.version),
  };
}

function nameMatchesAllWords(q: string) {
  return everyWordStartsAWord('administrativeUnits.nameSearch', q);
}

const predecessorCount = (eb: UnitEb) =>
  eb
    .selectFrom('unitLineage')
    .select(eb.fn.countAll<number>().as('n'))
    .whereRef('unitLineage.successorId', '=', 'administrativeUnits.id')
    .as('predecessorCount');

const staffCount = (eb: UnitEb) =>
  eb.selectFrom('staff').select(eb.fn.countAll<number>().as('n')).whereRef('staff.unitId', '=', 'administrativeUnits.id').as('staffCount');

/** Units of a province with their predecessor and staff counts, unsorted: callers sort with Vietnamese collation. */
export async function listUnits(db: Db, f: UnitFilter): Promise<UnitRow[]> {
  if (f.ids && f.ids.length === 0) return [];
  let q = db
    .selectFrom('administrativeUnits')
    .select(UNIT_COLUMNS)
    .select((eb) => [predecessorCount(eb), staffCount(eb)])
    .where('administrativeUnits.provinceCode', '=', f.provinceCode)
    .where('administrativeUnits.kind', '!=', 'PROVINCE');
  if (f.ids) q = q.where('administrativeUnits.id', 'in', [...f.ids]);
  if (f.kind) q = q.where('administrativeUnits.kind', '=', f.kind);
  if (f.status === 'current') q = q.where('administrativeUnits.validTo', 'is', null);
  if (f.status === 'former') q = q.where('administrativeUnits.validTo', 'is not', null);
  if (f.q) {
    const conditions = nameMatchesAllWords(f.q);
    if (conditions.length > 0) q = q.where((eb) => eb.and(conditions));
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    ...toUnit(r),
    predecessorCount: Number(r.predecessorCount ?? 0),
    staffCount: Number(r.staffCount ?? 0),
  }));
}

export async function findUnit(db: Db, id: number): Promise<UnitRow | undefined> {
  const r = await db
    .selectFrom('administrativeUnits')
    .select(UNIT_COLUMNS)
    .select((eb) => [predecessorCount(eb), staffCount(eb)])
    .where('administrativeUnits.id', '=', id)
    .executeTakeFirst();
  return r ? { ...toUnit(r), predecessorCount: Number(r.predecessorCount ?? 0), staffCount: Number(r.staffCount ?? 0) } : undefined;
}

export async function findUnitRefs(db: Db, ids: readonly number[]): Promise<UnitRef[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('administrativeUnits')
    .select(['id', 'code', 'name', 'kind'])
    .where('id', 'in', [...ids])
    .execute();
}

/**
 * Names of some units by id, for the modules that show a unit beside their own records (reviews,
 * positions, placement, training): one read per 500 distinct ids, whatever the caller passes.
 */
export async function unitNamesByIds(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const rows = await selectInChunks(ids, (part) =>
    db.selectFrom('administrativeUnits').select(['id', 'name']).where('id', 'in', part).execute(),
  );
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/**
 * Body fields are stored as a JSON array of codes; a comma-separated list (hand-entered
 * or imported data) is accepted too.
 */
export function parseFields(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.filter((v): v is string => typeof v === 'string');
    } catch {
      // Not JSON after all: fall through to the comma-separated reading.
    }
  }
  return trimmed
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export async function listOrgBodies(db: Db, unitId: number): Promise<OrgBodyRecord[]> {
  const rows = await db
    .selectFrom('orgBodies')
    .select(['id', 'unitId', 'kind', 'name', 'fields', 'deputyQuota'])
    .where('unitId', '=', unitId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, fields: parseFields(r.fields), deputyQuota: Number(r.deputyQuota) }));
}

export async function insertOrgBody(
  db: Db,
  b: { provinceCode: string; unitId: number; kind: string; name: string; fields: readonly string[]; deputyQuota?: number },
): Promise<OrgBodyRecord> {
  const { id } = await db
    .insertInto('orgBodies')
    .values({
      provinceCode: b.provinceCode,
      unitId: b.unitId,
      kind: b.kind,
      name: b.name,
      fields: JSON.stringify(b.fields),
      deputyQuota: b.deputyQuota ?? 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, unitId: b.unitId, kind: b.kind, name: b.name, fields: [...b.fields], deputyQuota: b.deputyQuota ?? 2 };
}

/** All merger links of a province: a few hundred rows at most (Hue: 133 → 40), so callers walk them in memory. */
export async function listLineage(db: Db, provinceCode: string): Promise<LineageEdgeRecord[]> {
  const rows = await db
    .selectFrom('unitLineage')
    .select(['predecessorId', 'successorId', 'resolution', 'effectiveDate'])
    .where('provinceCode', '=', provinceCode)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, predecessorId: Number(r.predecessorId), successorId: Number(r.successorId) }));
}

/** Merger links touching a unit, with both ends named: `predecessorOf` finds what formed it, `successorOf` what it became. */
export async function listLineageLinks(db: Db, unitId: number, side: 'predecessorOf' | 'successorOf'): Promise<LineageRecord[]> {
  const rows = await db
    .selectFrom('unitLineage as l')
    .innerJoin('administrativeUnits as p', 'p.id', 'l.predecessorId')
    .innerJoin('administrativeUnits as s', 's.id', 'l.successorId')
    .select([
      'l.resolution',
      'l.effectiveDate',
      'p.id as pId',
      'p.code as pCode',
      'p.name as pName',
      'p.kind as pKind',
      's.id as sId',
      's.code as sCode',
      's.name as sName',
      's.kind as sKind',
    ])
    .where(side === 'predecessorOf' ? 'l.successorId' : 'l.predecessorId', '=', unitId)
    .orderBy('l.id')
    .execute();
  return rows.map((r) => ({
    predecessor: { id: r.pId, code: r.pCode, name: r.pName, kind: r.pKind },
    successor: { id: r.sId, code: r.sCode, name: r.sName, kind: r.sKind },
    resolution: r.resolution,
    effectiveDate: r.effectiveDate,
  }));
}

/**
 * The current unit a (possibly pre-merger) unit's records belong to, so old dossiers and
 * staff records map onto the new units. A current unit maps to itself. Undefined when the
 * unit does not exist, or when it was split between several units and the answer is not
 * one unit (use `mapToCurrentUnits` then).
 */
export async function mapToCurrentUnit(db: Db, unitId: number): Promise<number | undefined> {
  const all = await mapToCurrentUnits(db, unitId);
  return all.length === 1 ? all[0] : undefined;
}

export async function mapToCurrentUnits(db: Db, unitId: number): Promise<number[]> {
  const unit = await db.selectFrom('administrativeUnits').select('provinceCode').where('id', '=', unitId).executeTakeFirst();
  if (!unit) return [];
  return currentUnitsOf(await listLineage(db, unit.provinceCode), unitId);
}

/**
 * Optimistic concurrency: the row changes only if it still has the version the caller
 * read; otherwise VERSION_CONFLICT, and nothing is written. `nameSearch` follows the name.
 */
export async function updateUnit(db: Db, id: number, expectedVersion: number, changes: UnitChanges, now: string): Promise<void> {
  const result = await db
    .updateTable('administrativeUnits')
    .set((eb) => ({
      ...(changes.name !== undefined ? { name: changes.name, nameSearch: searchKey(changes.name) } : {}),
      ...(changes.population !== undefined ? { population: changes.population } : {}),
      ...(changes.areaKm2 !== undefined ? { areaKm2: changes.areaKm2 } : {}),
      ...(changes.isMountainous !== undefined ? { isMountainous: toDbBool(changes.isMountainous) } : {}),
      ...(changes.createdByResolution !== undefined ? { createdByResolution: changes.createdByResolution } : {}),
      version: eb('version', '+', 1),
      updatedAt: now,
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('VERSION_CONFLICT');
}
