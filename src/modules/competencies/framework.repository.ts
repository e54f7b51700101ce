import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import { fromDbBool, toDbBool } from '../../platform/db/database.ts';
import { likeContains, searchKey } from '../../platform/text/search-key.ts';
import type { CompetencyDef, CompetencyGroup, FrameworkContent, LevelDescriptor, PositionGroup, VersionStatus } from './framework.ts';

/** SQL of framework versions and their content (competencies, positions, requirements). */

export type VersionRow = {
  id: number;
  versionNo: number;
  label: string;
  effectiveFrom: string;
  status: VersionStatus;
  sourceNote: string;
  createdAt: string;
  publishedAt: string | null;
};

const CHUNK = 100;
async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function listVersions(db: Db, provinceCode: string): Promise<VersionRow[]> {
  const rows = await db
    .selectFrom('frameworkVersions')
    .select(['id', 'versionNo', 'label', 'effectiveFrom', 'status', 'sourceNote', 'createdAt', 'publishedAt'])
    .where('provinceCode', '=', provinceCode)
    .orderBy('versionNo', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, status: r.status as VersionStatus }));
}

export async function insertVersion(
  db: Db,
  provinceCode: string,
  v: { versionNo: number; label: string; effectiveFrom: string; status: VersionStatus; sourceNote: string },
  now: string,
  userId: number | null,
): Promise<number> {
  const published = v.status === 'PUBLISHED';
  const { id } = await db
    .insertInto('frameworkVersions')
    .values({
      provinceCode,
      ...v,
      createdAt: now,
      createdBy: userId,
      publishedAt: published ? now : null,
      publishedBy: published ? userId : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function insertContent(db: Db, provinceCode: string, versionId: number, content: FrameworkContent): Promise<void> {
  await insertChunks(
    content.competencies.map((c, i) => ({
      provinceCode,
      versionId,
      code: c.code,
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      nameSearch: searchKey(`${c.nameVi} ${c.nameEn} ${c.code}`),
      competencyGroup: c.group,
      field: c.field,
      descriptionVi: c.descriptionVi,
      descriptionEn: c.descriptionEn,
      levels: JSON.stringify(c.levels),
      draftDescriptors: toDbBool(c.draftDescriptors),
      sortOrder: i,
    })),
    (chunk) => db.insertInto('competencies').values(chunk).execute(),
  );
  for (const [i, p] of content.positions.entries()) {
    const { id } = await db
      .insertInto('positions')
      .values({
        provinceCode,
        versionId,
        code: p.code,
        nameVi: p.nameVi,
        nameEn: p.nameEn,
        nameSearch: searchKey(`${p.nameVi} ${p.nameEn} ${p.code}`),
        positionGroup: p.group,
        bodyKind: p.bodyKind,
        field: p.field,
        jobDescriptionVi: p.jobDescriptionVi,
        jobDescriptionEn: p.jobDescriptionEn,
        requiredRank: p.requiredRank,
        educationLevel: p.educationLevel,
        qualificationFields: JSON.stringify(p.qualificationFields),
        confirmed: toDbBool(p.confirmed),
        sourceNote: p.sourceNote,
        sortOrder: i,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (p.requirements.length > 0)
      await db
        .insertInto('positionCompetencies')
        .values(p.requirements.map((r) => ({ provinceCode, positionId: id, competencyCode: r.competencyCode, requiredLevel: r.level })))
        .execute();
  }
}

export type CompetencyRow = CompetencyDef & { id: number; versionId: number };

function toCompetency(r: {
  id: number;
  versionId: number;
  code: string;
  nameVi: string;
  nameEn: string;
  competencyGroup: string;
  field: string | null;
  descriptionVi: string;
  descriptionEn: string;
  levels: string;
  draftDescriptors: boolean | number;
}): CompetencyRow {
  return {
    id: r.id,
    versionId: r.versionId,
    code: r.code,
    nameVi: r.nameVi,
    nameEn: r.nameEn,
    group: r.competencyGroup as CompetencyGroup,
    field: r.field,
    descriptionVi: r.descriptionVi,
    descriptionEn: r.descriptionEn,
    levels: JSON.parse(r.levels) as LevelDescriptor[],
    draftDescriptors: fromDbBool(r.draftDescriptors),
  };
}

const COMPETENCY_COLUMNS = [
  'id',
  'versionId',
  'code',
  'nameVi',
  'nameEn',
  'competencyGroup',
  'field',
  'descriptionVi',
  'descriptionEn',
  'levels',
  'draftDescriptors',
] as const;

export async function listCompetencies(
  db: Db,
  provinceCode: string,
  versionId: number,
  filter: { group?: string | undefined; q?: string | undefined } = {},
): Promise<CompetencyRow[]> {
  let query = db
    .selectFrom('competencies')
    .select(COMPETENCY_COLUMNS)
    .where('provinceCode', '=', provinceCode)
    .where('versionId', '=', versionId);
  if (filter.group) query = query.where('competencyGroup', '=', filter.group);
  if (filter.q) query = query.where(sql<boolean>`${sql.ref('nameSearch')} like ${likeContains(filter.q)} escape '\\'`);
  const rows = await query.orderBy('sortOrder').execute();
  return rows.map(toCompetency);
}

export async function findCompetency(db: Db, id: number): Promise<(CompetencyRow & { provinceCode: string }) | undefined> {
  const r = await db
    .selectFrom('competencies')
    .select([...COMPETENCY_COLUMNS, 'provinceCode'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r && { ...toCompetency(r), provinceCode: r.provinceCode };
}

/** The whole content of a version, in catalogue order, as a document exports it. */
export async function loadContent(db: Db, provinceCode: string, versionId: number): Promise<FrameworkContent> {
  const competencies = (await listCompetencies(db, provinceCode, versionId)).map(({ id: _id, versionId: _v, ...c }) => c);
  const positions = await db
    .selectFrom('positions')
    .selectAll()
    .where('provinceCode', '=', provinceCode)
    .where('versionId', '=', versionId)
    .orderBy('sortOrder')
    .execute();
  const requirements = positions.length
    ? await db
        .selectFrom('positionCompetencies')
        .select(['positionId', 'competencyCode', 'requiredLevel'])
        .where(
          'positionId',
          'in',
          positions.map((p) => p.id),
        )
        .orderBy('id')
        .execute()
    : [];
  return {
    competencies,
    positions: positions.map((p) => ({
      code: p.code,
      nameVi: p.nameVi,
      nameEn: p.nameEn,
      group: p.positionGroup as PositionGroup,
      bodyKind: p.bodyKind,
      field: p.field,
      jobDescriptionVi: p.jobDescriptionVi,
      jobDescriptionEn: p.jobDescriptionEn,
      requiredRank: p.requiredRank,
      educationLevel: p.educationLevel,
      qualificationFields: JSON.parse(p.qualificationFields) as string[],
      confirmed: fromDbBool(p.confirmed),
      sourceNote: p.sourceNote,
      requirements: requirements
        .filter((r) => r.positionId === p.id)
        .map((r) => ({ competencyCode: r.competencyCode, level: r.requiredLevel })),
    })),
  };
}

/** Publishes a draft; answers false when it was no longer a draft (a concurrent publish). */
export async function markPublished(db: Db, provinceCode: string, id: number, now: string, userId: number | null): Promise<boolean> {
  const r = await db
    .updateTable('frameworkVersions')
    .set({ status: 'PUBLISHED', publishedAt: now, publishedBy: userId })
    .where('id', '=', id)
    .where('provinceCode', '=', provinceCode)
    .where('status', '=', 'DRAFT')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
