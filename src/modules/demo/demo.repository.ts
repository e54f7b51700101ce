import type { Db } from '../../platform/db/database.ts';
import { toDbBool } from '../../platform/db/database.ts';
import { nameSortKey } from '../../platform/text/name-sort-key.ts';
import { searchKey } from '../../platform/text/search-key.ts';

/**
 * Bulk writes for the demo seed. Rows go in multi-row INSERTs of at most 500 rows and
 * 30,000 parameters: under SQLite's 32,766-variable limit and PostgreSQL's 65,535.
 * Ids come back through RETURNING together with a natural key (unit code, citizen ID),
 * because neither dialect promises RETURNING rows in VALUES order.
 */
const MAX_ROWS = 500;
const MAX_PARAMS = 30_000;

export type Progress = (rows: number, stage: string) => void;

async function inChunks<T>(rows: readonly T[], columns: number, stage: string, progress: Progress, write: (chunk: T[]) => Promise<void>) {
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns)));
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    await write(chunk);
    progress(chunk.length, stage);
  }
}

export async function provinceExists(db: Db, code: string): Promise<boolean> {
  const row = await db.selectFrom('provinces').select('code').where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}

export async function insertProvince(db: Db, province: { code: string; name: string }, now: string): Promise<void> {
  await db.insertInto('provinces').values({ code: province.code, name: province.name, createdAt: now }).execute();
}

export type NewUnit = {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  population: number | null;
  areaKm2: number | null;
  isMountainous: boolean;
  validFrom: string | null;
  validTo: string | null;
  createdByResolution: string | null;
};

/** Inserts units whose parents are already in `ids` (code → id) and adds their own ids to it. */
export async function insertUnits(
  db: Db,
  provinceCode: string,
  units: readonly NewUnit[],
  ids: Map<string, number>,
  now: string,
  progress: Progress,
): Promise<void> {
  await inChunks(units, 15, 'units', progress, async (chunk) => {
    const values = chunk.map((u) => {
      const parentId = u.parentCode === null ? null : ids.get(u.parentCode);
      if (parentId === undefined) throw new Error(`parent ${u.parentCode} of unit ${u.code} is not inserted yet`);
      return {
        provinceCode,
        code: u.code,
        name: u.name,
        nameSearch: searchKey(u.name),
        kind: u.kind,
        parentId,
        population: u.population,
        areaKm2: u.areaKm2,
        isMountainous: toDbBool(u.isMountainous),
        validFrom: u.validFrom,
        validTo: u.validTo,
        createdByResolution: u.createdByResolution,
        createdAt: now,
        updatedAt: now,
      };
    });
    const rows = await db.insertInto('administrativeUnits').values(values).returning(['id', 'code']).execute();
    for (const r of rows) ids.set(r.code, r.id);
  });
}

export type NewLineage = { predecessorId: number; successorId: number; resolution: string; effectiveDate: string };

export async function insertLineage(db: Db, provinceCode: string, rows: readonly NewLineage[], progress: Progress): Promise<void> {
  await inChunks(rows, 5, 'lineage', progress, async (chunk) => {
    await db
      .insertInto('unitLineage')
      .values(chunk.map((r) => ({ provinceCode, ...r })))
      .execute();
  });
}

export type NewOrgBody = { unitId: number; kind: string; name: string; fields: readonly string[]; deputyQuota: number };

/** Returns the new ids keyed by `${unitId}:${kind}` (a unit has one body of each kind). */
export async function insertOrgBodies(
  db: Db,
  provinceCode: string,
  rows: readonly NewOrgBody[],
  progress: Progress,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  await inChunks(rows, 6, 'bodies', progress, async (chunk) => {
    const values = chunk.map((b) => ({
      provinceCode,
      unitId: b.unitId,
      kind: b.kind,
      name: b.name,
      fields: JSON.stringify(b.fields),
      deputyQuota: b.deputyQuota,
    }));
    const inserted = await db.insertInto('orgBodies').values(values).returning(['id', 'unitId', 'kind']).execute();
    for (const r of inserted) ids.set(`${r.unitId}:${r.kind}`, r.id);
  });
  return ids;
}

export type NewStaff = {
  unitId: number;
  orgBodyId: number | null;
  fullName: string;
  gender: string;
  birthDate: string;
  citizenId: string;
  phone: string | null;
  email: string | null;
  ethnicity: string | null;
  education: string | null;
  qualification: string | null;
  qualificationField: string | null;
  politicalTheory: string | null;
  rank: string;
  employmentStatus: string;
  currentTitle: string | null;
};

/** Returns the new ids keyed by citizen ID, which is unique in a province. */
export async function insertStaff(
  db: Db,
  provinceCode: string,
  rows: readonly NewStaff[],
  now: string,
  progress: Progress,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  await inChunks(rows, 21, 'staff', progress, async (chunk) => {
    const values = chunk.map((s) => ({
      provinceCode,
      ...s,
      nameSearch: searchKey(s.fullName),
      nameSort: nameSortKey(s.fullName),
      createdAt: now,
      updatedAt: now,
    }));
    const inserted = await db.insertInto('staff').values(values).returning(['id', 'citizenId']).execute();
    for (const r of inserted) ids.set(r.citizenId, r.id);
  });
  return ids;
}

export type NewAppointment = {
  staffId: number;
  unitId: number;
  orgBodyId: number | null;
  title: string;
  startDate: string;
  endDate: string | null;
  decision: string | null;
};

export async function insertAppointments(db: Db, provinceCode: string, rows: readonly NewAppointment[], progress: Progress): Promise<void> {
  await inChunks(rows, 9, 'appointments', progress, async (chunk) => {
    await db
      .insertInto('appointments')
      .values(chunk.map((a) => ({ provinceCode, ...a })))
      .execute();
  });
}
