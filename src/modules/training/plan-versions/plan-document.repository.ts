import type { Db } from '../../../platform/db/database.ts';
import { selectInChunks } from '../../../platform/db/in-chunks.ts';

/**
 * What a plan document needs beyond the stored classes and attendees (plan-versions.repository):
 * the province's name, each attendee's job position on the plan's date, and the names of the
 * competencies in the latest published framework.
 */

export async function provinceNameOf(db: Db, provinceCode: string): Promise<string> {
  const r = await db.selectFrom('provinces').select('name').where('code', '=', provinceCode).executeTakeFirst();
  return r?.name ?? provinceCode;
}

/**
 * Job position names (vi, en) of the given staff on `date`: the latest started placement current
 * that day (as the needs module counts placements); a person without one is left out.
 */
export async function positionNamesOn(
  db: Db,
  provinceCode: string,
  staffIds: readonly number[],
  date: string,
): Promise<Map<number, { vi: string; en: string }>> {
  const rows = await selectInChunks(staffIds, (part) =>
    db
      .selectFrom('staffPositions as sp')
      .innerJoin('positions as p', 'p.id', 'sp.positionId')
      .select(['sp.staffId', 'sp.startDate', 'sp.id', 'p.nameVi', 'p.nameEn'])
      .where('sp.provinceCode', '=', provinceCode)
      .where('sp.staffId', 'in', part)
      .where('sp.startDate', '<=', date)
      .where((eb) => eb.or([eb('sp.endDate', 'is', null), eb('sp.endDate', '>=', date)]))
      .execute(),
  );
  const best = new Map<number, { start: string; id: number; vi: string; en: string }>();
  for (const r of rows) {
    const staffId = Number(r.staffId);
    const start = String(r.startDate).slice(0, 10);
    const id = Number(r.id);
    const cur = best.get(staffId);
    if (!cur || start > cur.start || (start === cur.start && id > cur.id)) best.set(staffId, { start, id, vi: r.nameVi, en: r.nameEn });
  }
  return new Map([...best].map(([k, v]) => [k, { vi: v.vi, en: v.en }]));
}

/** Competency names by code in the province's latest published framework version (empty when none). */
export async function publishedCompetencyNames(db: Db, provinceCode: string): Promise<Map<string, { vi: string; en: string }>> {
  const version = await db
    .selectFrom('frameworkVersions')
    .select('id')
    .where('provinceCode', '=', provinceCode)
    .where('status', '=', 'PUBLISHED')
    .orderBy('versionNo', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!version) return new Map();
  const rows = await db
    .selectFrom('competencies')
    .select(['code', 'nameVi', 'nameEn'])
    .where('versionId', '=', Number(version.id))
    .execute();
  return new Map(rows.map((r) => [r.code, { vi: r.nameVi, en: r.nameEn }]));
}
