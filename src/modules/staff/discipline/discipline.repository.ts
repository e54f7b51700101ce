import type { Db } from '../../../platform/db/database.ts';

/**
 * SQL of the discipline-pending date (staff.discipline_pending_until, migration 0021) and of
 * the audit entries that carry each change's reason and document reference.
 */

export const DISCIPLINE_ACTION = 'staff.discipline.set';

const dateOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v).slice(0, 10));
const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

export type DisciplineRow = {
  id: number;
  provinceCode: string;
  unitId: number;
  fullName: string;
  pendingUntil: string | null;
  version: number;
};

export async function findDiscipline(db: Db, staffId: number): Promise<DisciplineRow | undefined> {
  const r = await db
    .selectFrom('staff')
    .select(['id', 'provinceCode', 'unitId', 'fullName', 'disciplinePendingUntil', 'version'])
    .where('id', '=', staffId)
    .executeTakeFirst();
  return (
    r && {
      id: Number(r.id),
      provinceCode: r.provinceCode,
      unitId: Number(r.unitId),
      fullName: r.fullName,
      pendingUntil: dateOrNull(r.disciplinePendingUntil),
      version: Number(r.version),
    }
  );
}

/** Sets the date if the record is still at `expectedVersion` (bumping it); false when it moved on. */
export async function updateDiscipline(
  db: Db,
  staffId: number,
  expectedVersion: number,
  pendingUntil: string | null,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('staff')
    .set((eb) => ({ disciplinePendingUntil: pendingUntil, version: eb('version', '+', 1), updatedAt: at }))
    .where('id', '=', staffId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export type DisciplineEntry = { at: string; actorUsername: string | null; after: unknown };

/** The latest discipline change of a person in the province's audit log, or undefined. */
export async function latestDisciplineEntry(db: Db, provinceCode: string, staffId: number): Promise<DisciplineEntry | undefined> {
  const r = await db
    .selectFrom('auditLog')
    .select(['at', 'actorUsername', 'after'])
    .where('provinceCode', '=', provinceCode)
    .where('action', '=', DISCIPLINE_ACTION)
    .where('entityType', '=', 'staff')
    .where('entityId', '=', String(staffId))
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r && { at: iso(r.at), actorUsername: r.actorUsername, after: r.after === null ? null : JSON.parse(r.after) };
}
