import type { Db } from '../../../platform/db/database.ts';
import { selectInChunks } from '../../../platform/db/in-chunks.ts';
import { nameSortKey } from '../../../platform/text/name-sort-key.ts';
import { searchKey } from '../../../platform/text/search-key.ts';
import type { RosterRow } from './roster-parse.ts';

/** SQL of the roster import and export (reference codes, registered ID numbers, batch inserts). */

export type UnitCodeRow = { id: number; code: string; name: string };

/** Current (post-merger) units of a province below the province itself, by code. */
export async function listCurrentUnitCodes(db: Db, provinceCode: string): Promise<UnitCodeRow[]> {
  return db
    .selectFrom('administrativeUnits')
    .select(['id', 'code', 'name'])
    .where('provinceCode', '=', provinceCode)
    .where('validTo', 'is', null)
    .where('parentId', 'is not', null)
    .orderBy('code')
    .execute();
}

export async function provinceName(db: Db, provinceCode: string): Promise<string> {
  const r = await db.selectFrom('provinces').select('name').where('code', '=', provinceCode).executeTakeFirst();
  return r?.name ?? provinceCode;
}

/** Which of these citizen ID numbers the province's registry already holds. */
export async function existingCitizenIds(db: Db, provinceCode: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await selectInChunks(ids, (part) =>
    db.selectFrom('staff').select('citizenId').where('provinceCode', '=', provinceCode).where('citizenId', 'in', part).execute(),
  );
  return new Set(rows.map((r) => r.citizenId));
}

export async function countStaff(db: Db, provinceCode: string): Promise<number> {
  const r = await db
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('provinceCode', '=', provinceCode)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const INSERT_BATCH = 200;

/**
 * Inserts the rows' staff records, their current appointment and their current position
 * holding. Must run inside the caller's transaction: a failure at any row (for example a
 * citizen ID registered meanwhile, refused by the unique constraint) rolls back every row.
 * Staff ids are matched back by citizen ID, unique within the province.
 */
export async function insertRosterRows(trx: Db, provinceCode: string, rows: readonly RosterRow[], now: string): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    const batch = rows.slice(i, i + INSERT_BATCH);
    const inserted = await trx
      .insertInto('staff')
      .values(
        batch.map((r) => ({
          provinceCode,
          unitId: r.unitId,
          orgBodyId: null,
          fullName: r.fullName,
          nameSearch: searchKey(r.fullName),
          nameSort: nameSortKey(r.fullName),
          gender: r.gender,
          birthDate: r.birthDate,
          citizenId: r.citizenId,
          phone: r.phone,
          email: r.email,
          ethnicity: r.ethnicity,
          education: r.education,
          qualification: r.qualification,
          qualificationField: r.qualificationField,
          politicalTheory: r.politicalTheory,
          stateManagementTraining: r.stateManagementTraining,
          itCertificate: r.itCertificate,
          foreignLanguageCertificate: r.foreignLanguageCertificate,
          rank: r.rank,
          employmentStatus: r.employmentStatus,
          currentTitle: r.title,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning(['id', 'citizenId'])
      .execute();
    const idOf = new Map(inserted.map((s) => [s.citizenId, s.id]));
    const staffIds = batch.map((r) => {
      const id = idOf.get(r.citizenId);
      if (id === undefined) throw new Error(`staff row for row ${r.row} was not inserted`);
      return id;
    });
    await trx
      .insertInto('appointments')
      .values(
        batch.map((r, k) => ({
          provinceCode,
          staffId: staffIds[k] as number,
          unitId: r.unitId,
          orgBodyId: null,
          title: r.title,
          startDate: r.startDate,
          endDate: null,
          decision: r.decision,
        })),
      )
      .execute();
    await trx
      .insertInto('staffPositions')
      .values(
        batch.map((r, k) => ({
          provinceCode,
          staffId: staffIds[k] as number,
          positionId: r.positionId,
          unitId: r.unitId,
          startDate: r.startDate,
          endDate: null,
        })),
      )
      .execute();
    ids.push(...staffIds);
  }
  return ids;
}

export async function unitNameOf(db: Db, unitId: number): Promise<string | undefined> {
  const r = await db.selectFrom('administrativeUnits').select('name').where('id', '=', unitId).executeTakeFirst();
  return r?.name;
}
