import { groupBy } from '../../../platform/collections/group-by.ts';
import type { Db } from '../../../platform/db/database.ts';
import { selectInChunks } from '../../../platform/db/in-chunks.ts';

/**
 * SQL of training needs: the current placements of a province's ACTIVE staff in one query
 * (about 1,600 rows for the demo province). Required and assessed levels are read in bulk
 * through position-fit's repository functions, the course catalogue through training's.
 */

export type NeedPlacement = {
  staffId: number;
  fullName: string;
  nameSort: string;
  rank: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  positionId: number;
  versionId: number;
  positionCode: string;
  positionNameVi: string;
  positionNameEn: string;
  positionGroup: string;
  field: string | null;
  startDate: string;
};

const dateText = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** Counted as in the staffing runs: people in service, not those on leave of absence or retired. */
const IN_SERVICE = 'ACTIVE';

/**
 * Placements current on `date` of ACTIVE staff in a job position, optionally of one unit and
 * one position field. A person with overlapping placements keeps the latest started one (as
 * fit to position does), so each person appears once.
 */
export async function currentPlacements(
  db: Db,
  provinceCode: string,
  date: string,
  filter: { unitId: number | null; field: string | undefined },
): Promise<NeedPlacement[]> {
  let q = db
    .selectFrom('staffPositions as sp')
    .innerJoin('positions as p', 'p.id', 'sp.positionId')
    .innerJoin('staff as s', 's.id', 'sp.staffId')
    .innerJoin('administrativeUnits as u', 'u.id', 'sp.unitId')
    .where('sp.provinceCode', '=', provinceCode)
    .where('s.employmentStatus', '=', IN_SERVICE)
    .where('sp.startDate', '<=', date)
    .where((eb) => eb.or([eb('sp.endDate', 'is', null), eb('sp.endDate', '>=', date)]));
  if (filter.unitId !== null) q = q.where('sp.unitId', '=', filter.unitId);
  if (filter.field) q = q.where('p.field', '=', filter.field);
  const rows = await q
    .select([
      'sp.id',
      'sp.staffId',
      's.fullName',
      's.nameSort',
      's.rank',
      'sp.unitId',
      'u.code as unitCode',
      'u.name as unitName',
      'p.id as positionId',
      'p.versionId',
      'p.code as positionCode',
      'p.nameVi as positionNameVi',
      'p.nameEn as positionNameEn',
      'p.positionGroup',
      'p.field',
      'sp.startDate',
    ])
    .orderBy('sp.staffId')
    .orderBy('sp.startDate', 'desc')
    .orderBy('sp.id', 'desc')
    .execute();
  const out: NeedPlacement[] = [];
  let last = -1;
  for (const r of rows) {
    const staffId = Number(r.staffId);
    if (staffId === last) continue;
    last = staffId;
    out.push({
      staffId,
      fullName: r.fullName,
      nameSort: r.nameSort,
      rank: r.rank,
      unitId: Number(r.unitId),
      unitCode: r.unitCode,
      unitName: r.unitName,
      positionId: Number(r.positionId),
      versionId: Number(r.versionId),
      positionCode: r.positionCode,
      positionNameVi: r.positionNameVi,
      positionNameEn: r.positionNameEn,
      positionGroup: r.positionGroup,
      field: r.field,
      startDate: dateText(r.startDate),
    });
  }
  return out;
}

/**
 * Courses each person completed (enrolment COMPLETED, class not cancelled), with the class's
 * last day: what satisfies a mandatory programme. Read per chunk of staff ids.
 */
export async function completedCoursesOf(
  db: Db,
  staffIds: readonly number[],
): Promise<Map<number, { courseCode: string; completedOn: string }[]>> {
  const rows = await selectInChunks(staffIds, (part) =>
    db
      .selectFrom('trainingEnrolments as e')
      .innerJoin('trainingClasses as c', 'c.id', 'e.classId')
      .innerJoin('trainingCourses as k', 'k.id', 'c.courseId')
      .select(['e.staffId', 'k.code as courseCode', 'c.endDate'])
      .where('e.staffId', 'in', part)
      .where('e.status', '=', 'COMPLETED')
      .where('c.status', '<>', 'CANCELLED')
      .execute(),
  );
  return groupBy(
    rows,
    (r) => Number(r.staffId),
    (r) => ({ courseCode: r.courseCode, completedOn: dateText(r.endDate) }),
  );
}
