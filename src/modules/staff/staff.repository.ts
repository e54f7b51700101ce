import type { Db } from '../../platform/db/database.ts';
import { everyWordStartsAWord } from '../../platform/db/search.ts';
import { nameSortKey } from '../../platform/text/name-sort-key.ts';
import { searchKey } from '../../platform/text/search-key.ts';

export type StaffFilter = {
  provinceCode: string;
  /** Restricts to these units (a commune role's own unit). */
  unitIds?: readonly number[] | undefined;
  q?: string | undefined;
  rank?: string | undefined;
  status?: string | undefined;
  orgBodyId?: number | undefined;
};

export type StaffKey = { id: number; fullName: string };

export type StaffRecord = {
  id: number;
  provinceCode: string;
  unit: { id: number; name: string; kind: string };
  orgBody: { id: number; name: string; kind: string } | null;
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
  stateManagementTraining: string | null;
  itCertificate: string | null;
  foreignLanguageCertificate: string | null;
  rank: string;
  employmentStatus: string;
  currentTitle: string | null;
  version: number;
};

export type AppointmentRecord = {
  id: number;
  title: string;
  startDate: string;
  endDate: string | null;
  decision: string | null;
  /** The unit as it was: a pre-merger unit keeps its own name and kind here. */
  unit: { id: number; name: string; kind: string; isFormer: boolean };
  orgBody: { id: number; name: string; kind: string } | null;
};

type CertificateFields = 'stateManagementTraining' | 'itCertificate' | 'foreignLanguageCertificate';
export type NewStaff = Omit<StaffRecord, 'id' | 'unit' | 'orgBody' | 'version' | CertificateFields> &
  Partial<Pick<StaffRecord, CertificateFields>> & { unitId: number; orgBodyId: number | null };
export type NewAppointment = {
  provinceCode: string;
  staffId: number;
  unitId: number;
  orgBodyId: number | null;
  title: string;
  startDate: string;
  endDate: string | null;
  decision: string | null;
};

function nameMatchesAllWords(q: string) {
  return everyWordStartsAWord('staff.nameSearch', q);
}

function filtered(db: Db, f: StaffFilter) {
  let q = db.selectFrom('staff').where('staff.provinceCode', '=', f.provinceCode);
  if (f.unitIds) q = q.where('staff.unitId', 'in', [...f.unitIds]);
  if (f.rank) q = q.where('staff.rank', '=', f.rank);
  if (f.status) q = q.where('staff.employmentStatus', '=', f.status);
  if (f.orgBodyId !== undefined) q = q.where('staff.orgBodyId', '=', f.orgBodyId);
  if (f.q) {
    const conditions = nameMatchesAllWords(f.q);
    if (conditions.length > 0) q = q.where((eb) => eb.and(conditions));
  }
  return q;
}

/**
 * Ids and names of every matching staff member in directory order: Vietnamese name order
 * (given name, then full name) through the stored sort key, then id (ADR 0007).
 */
export async function listStaffKeys(db: Db, f: StaffFilter): Promise<StaffKey[]> {
  if (f.unitIds && f.unitIds.length === 0) return [];
  return filtered(db, f).select(['staff.id', 'staff.fullName']).orderBy('staff.nameSort').orderBy('staff.id').execute();
}

/** One page of matching staff in directory order, and how many match; ordered and cut by the database on an index. */
export async function listStaffPage(
  db: Db,
  f: StaffFilter,
  page: { offset: number; limit: number },
): Promise<{ rows: StaffRecord[]; total: number }> {
  if (f.unitIds && f.unitIds.length === 0) return { rows: [], total: 0 };
  // The page's ids come from the filter on the sort-key index; the full rows in the same statement.
  const pageIds = filtered(db, f).select('staff.id').orderBy('staff.nameSort').orderBy('staff.id').limit(page.limit).offset(page.offset);
  const [count, rows] = await Promise.all([
    filtered(db, f)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
    staffQuery(db).where('staff.id', 'in', pageIds).orderBy('staff.nameSort').orderBy('staff.id').execute(),
  ]);
  return { rows: rows.map(toStaff), total: Number(count.n) };
}

function staffQuery(db: Db) {
  return db
    .selectFrom('staff')
    .innerJoin('administrativeUnits as u', 'u.id', 'staff.unitId')
    .leftJoin('orgBodies as b', 'b.id', 'staff.orgBodyId')
    .select([
      'staff.id',
      'staff.provinceCode',
      'staff.fullName',
      'staff.gender',
      'staff.birthDate',
      'staff.citizenId',
      'staff.phone',
      'staff.email',
      'staff.ethnicity',
      'staff.education',
      'staff.qualification',
      'staff.qualificationField',
      'staff.politicalTheory',
      'staff.stateManagementTraining',
      'staff.itCertificate',
      'staff.foreignLanguageCertificate',
      'staff.rank',
      'staff.employmentStatus',
      'staff.currentTitle',
      'staff.version',
      'u.id as unitId',
      'u.name as unitName',
      'u.kind as unitKind',
      'b.id as bodyId',
      'b.name as bodyName',
      'b.kind as bodyKind',
    ]);
}

type StaffRow = Awaited<ReturnType<ReturnType<typeof staffQuery>['execute']>>[number];

function toStaff(r: StaffRow): StaffRecord {
  const { unitId, unitName, unitKind, bodyId, bodyName, bodyKind, ...rest } = r;
  return {
    ...rest,
    version: Number(r.version),
    unit: { id: unitId, name: unitName, kind: unitKind },
    orgBody: bodyId !== null && bodyName !== null && bodyKind !== null ? { id: bodyId, name: bodyName, kind: bodyKind } : null,
  };
}

/** Full rows for the given ids, in the order of `ids`. */
export async function findStaffByIds(db: Db, ids: readonly number[]): Promise<StaffRecord[]> {
  if (ids.length === 0) return [];
  const rows = await staffQuery(db)
    .where('staff.id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, toStaff(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function findStaff(db: Db, id: number): Promise<StaffRecord | undefined> {
  const r = await staffQuery(db).where('staff.id', '=', id).executeTakeFirst();
  return r ? toStaff(r) : undefined;
}

/** A staff member's appointments in date order, each with the unit as it was then. */
export async function listAppointments(db: Db, staffId: number): Promise<AppointmentRecord[]> {
  const rows = await db
    .selectFrom('appointments as a')
    .innerJoin('administrativeUnits as u', 'u.id', 'a.unitId')
    .leftJoin('orgBodies as b', 'b.id', 'a.orgBodyId')
    .select([
      'a.id',
      'a.title',
      'a.startDate',
      'a.endDate',
      'a.decision',
      'u.id as unitId',
      'u.name as unitName',
      'u.kind as unitKind',
      'u.validTo as unitValidTo',
      'b.id as bodyId',
      'b.name as bodyName',
      'b.kind as bodyKind',
    ])
    .where('a.staffId', '=', staffId)
    .orderBy('a.startDate')
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    startDate: r.startDate,
    endDate: r.endDate,
    decision: r.decision,
    unit: { id: r.unitId, name: r.unitName, kind: r.unitKind, isFormer: r.unitValidTo !== null },
    orgBody: r.bodyId !== null && r.bodyName !== null && r.bodyKind !== null ? { id: r.bodyId, name: r.bodyName, kind: r.bodyKind } : null,
  }));
}

/** Province and id of a unit, for checking a `unitId` filter against the caller's scope. */
export async function findUnitScope(db: Db, unitId: number): Promise<{ id: number; provinceCode: string } | undefined> {
  return db.selectFrom('administrativeUnits').select(['id', 'provinceCode']).where('id', '=', unitId).executeTakeFirst();
}

export async function insertStaff(db: Db, s: NewStaff, now: string): Promise<number> {
  const { id } = await db
    .insertInto('staff')
    .values({ ...s, nameSearch: searchKey(s.fullName), nameSort: nameSortKey(s.fullName), createdAt: now, updatedAt: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertAppointment(db: Db, a: NewAppointment): Promise<number> {
  const { id } = await db.insertInto('appointments').values(a).returning('id').executeTakeFirstOrThrow();
  return id;
}
