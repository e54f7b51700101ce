import type { Db } from '../../platform/db/database.ts';
import { toDbBool } from '../../platform/db/database.ts';
import type { CampaignPlan, CrossFieldPosition, ReviewAccount, ReviewPerson, TestPlan } from './demo-reviews.ts';

/**
 * Reads and bulk writes of the demo review campaigns, for the seed's transaction. Multi-row
 * INSERTs stay under both dialects' parameter limits (as demo.repository.ts); ids come back
 * through RETURNING with the staff id, never by VALUES order.
 */
const MAX_ROWS = 500;
const MAX_PARAMS = 30_000;

async function inChunks<T>(rows: readonly T[], columns: number, write: (chunk: T[]) => Promise<void>): Promise<void> {
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns)));
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** The chairman's title on the demo staff records (posts.ts). */
const CHAIR_TITLE = 'Chủ tịch UBND';

export type ReviewPeopleRead = {
  people: ReviewPerson[];
  chairs: { unitId: number; staffId: number }[];
  /** The framework version of the placements (one in the demo). */
  frameworkVersionId: number | null;
  unitIds: number[];
};

/**
 * Active staff of the province with a current placement (as a campaign's scope resolves them),
 * one per person, with their position's required levels; and the chairman of each unit.
 */
export async function readReviewPeople(db: Db, provinceCode: string): Promise<ReviewPeopleRead> {
  const placed = await db
    .selectFrom('staffPositions as sp')
    .innerJoin('staff as s', 's.id', 'sp.staffId')
    .innerJoin('positions as p', 'p.id', 'sp.positionId')
    .select([
      's.id as staffId',
      's.citizenId',
      's.qualificationField',
      'sp.unitId',
      's.orgBodyId',
      'p.id as positionId',
      'p.code as positionCode',
      'p.positionGroup',
      'p.versionId',
    ])
    .where('sp.provinceCode', '=', provinceCode)
    .where('sp.endDate', 'is', null)
    .where('s.employmentStatus', '=', 'ACTIVE')
    .orderBy('s.id')
    .orderBy('sp.id')
    .execute();
  const positionIds = [...new Set(placed.map((p) => p.positionId))];
  const requirements = new Map<number, { competencyCode: string; requiredLevel: number }[]>();
  for (let i = 0; i < positionIds.length; i += MAX_ROWS) {
    const rows = await db
      .selectFrom('positionCompetencies')
      .select(['positionId', 'competencyCode', 'requiredLevel'])
      .where('positionId', 'in', positionIds.slice(i, i + MAX_ROWS))
      .orderBy('positionId')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const list = requirements.get(r.positionId) ?? [];
      list.push({ competencyCode: r.competencyCode, requiredLevel: r.requiredLevel });
      requirements.set(r.positionId, list);
    }
  }
  const seen = new Set<number>();
  const people: ReviewPerson[] = [];
  for (const p of placed) {
    if (seen.has(p.staffId)) continue;
    seen.add(p.staffId);
    people.push({
      staffId: p.staffId,
      key: p.citizenId,
      unitId: p.unitId,
      orgBodyId: p.orgBodyId,
      positionId: p.positionId,
      positionCode: p.positionCode,
      positionGroup: p.positionGroup,
      requirements: requirements.get(p.positionId) ?? [],
      qualificationField: p.qualificationField,
    });
  }
  const chairs = await db
    .selectFrom('staff')
    .select(['id as staffId', 'unitId'])
    .where('provinceCode', '=', provinceCode)
    .where('currentTitle', '=', CHAIR_TITLE)
    .where('employmentStatus', '=', 'ACTIVE')
    .orderBy('id')
    .execute();
  const units = await db
    .selectFrom('administrativeUnits')
    .select('id')
    .where('provinceCode', '=', provinceCode)
    .where('kind', 'in', ['WARD', 'COMMUNE'])
    .where('validTo', 'is', null)
    .orderBy('id')
    .execute();
  const versions = new Set(placed.map((p) => p.versionId));
  return {
    people,
    chairs,
    frameworkVersionId: versions.size === 1 ? ([...versions][0] ?? null) : null,
    unitIds: units.map((u) => u.id),
  };
}

export async function readAccounts(
  db: Db,
  provinceCode: string,
  usernames: readonly string[],
): Promise<(ReviewAccount & { id: number })[]> {
  if (usernames.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'unitId'])
    .where('provinceCode', '=', provinceCode)
    .where('username', 'in', [...usernames])
    .orderBy('id')
    .execute();
}

/** Sets users.staff_id of the given accounts. */
export async function linkAccountsToStaff(db: Db, links: readonly { userId: number; staffId: number }[]): Promise<void> {
  for (const l of links) await db.updateTable('users').set({ staffId: l.staffId }).where('id', '=', l.userId).execute();
}

/**
 * Inserts one campaign with its participants and the rows of its instruments, as planned
 * (status, version and stage timestamps included). Returns the campaign id and the number of rows written.
 */
export async function insertDemoCampaign(
  db: Db,
  provinceCode: string,
  c: CampaignPlan,
  scope: { unitIds: number[] },
  frameworkVersionId: number | null,
): Promise<{ campaignId: number; rows: number }> {
  const { id: campaignId } = await db
    .insertInto('reviewCampaigns')
    .values({
      provinceCode,
      ownerUnitId: null,
      name: c.name,
      year: c.year,
      periodFrom: c.periodFrom,
      periodTo: c.periodTo,
      regime: c.regime,
      instruments: JSON.stringify(c.instruments),
      scopeKind: 'UNITS',
      scope: JSON.stringify(scope),
      frameworkVersionId,
      status: c.status,
      version: c.version,
      reopenCount: 0,
      createdAt: c.createdAt,
      createdBy: null,
      lockedAt: c.lockedAt,
      lockedBy: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const participantIds = new Map<number, number>();
  await inChunks(c.participants, 13, async (chunk) => {
    const rows = await db
      .insertInto('reviewParticipants')
      .values(
        chunk.map((p) => ({
          provinceCode,
          campaignId,
          staffId: p.staffId,
          unitId: p.unitId,
          orgBodyId: p.orgBodyId,
          positionId: p.positionId,
          positionCode: p.positionCode,
          positionGroup: p.positionGroup,
          supervisorStaffId: p.supervisorStaffId,
          selfSubmittedAt: p.selfSubmittedAt,
          supervisorSubmittedAt: p.supervisorSubmittedAt,
          councilDecidedAt: p.councilDecidedAt,
        })),
      )
      .returning(['id', 'staffId'])
      .execute();
    for (const r of rows) participantIds.set(r.staffId, r.id);
  });
  const idOf = (staffId: number) => {
    const id = participantIds.get(staffId);
    if (id === undefined) throw new Error(`demo reviews: participant ${staffId} is missing`);
    return id;
  };

  const levels = c.participants.flatMap((p) => p.levels.map((l) => ({ provinceCode, participantId: idOf(p.staffId), ...l })));
  await inChunks(levels, 12, async (chunk) => {
    await db.insertInto('reviewCompetencyLevels').values(chunk).execute();
  });
  await inChunks(c.evaluations, 13, async (chunk) => {
    await db
      .insertInto('reviewEvaluations')
      .values(chunk.map(({ staffId, ...e }) => ({ provinceCode, participantId: idOf(staffId), ...e })))
      .execute();
  });
  await inChunks(c.screenings, 8, async (chunk) => {
    await db
      .insertInto('reviewScreenings')
      .values(chunk.map(({ staffId, ...s }) => ({ provinceCode, participantId: idOf(staffId), ...s })))
      .execute();
  });
  return { campaignId, rows: 1 + c.participants.length + levels.length + c.evaluations.length + c.screenings.length };
}

export async function insertDemoTests(db: Db, provinceCode: string, tests: readonly TestPlan[], now: string): Promise<void> {
  await inChunks(tests, 12, async (chunk) => {
    await db
      .insertInto('competencyTestResults')
      .values(chunk.map((t) => ({ provinceCode, ...t, passed: toDbBool(t.passed), recordedAt: now, recordedBy: null })))
      .execute();
  });
}

/** The professional positions with a field of a framework version, with their required levels (cross-field tests). */
export async function readCrossFieldPositions(db: Db, versionId: number | null): Promise<CrossFieldPosition[]> {
  if (versionId === null) return [];
  const positions = await db
    .selectFrom('positions')
    .select(['id', 'code', 'field', 'qualificationFields'])
    .where('versionId', '=', versionId)
    .where('positionGroup', '=', 'PROFESSIONAL')
    .where('field', 'is not', null)
    .orderBy('sortOrder')
    .orderBy('id')
    .execute();
  if (positions.length === 0) return [];
  const rows = await db
    .selectFrom('positionCompetencies')
    .select(['positionId', 'competencyCode', 'requiredLevel'])
    .where(
      'positionId',
      'in',
      positions.map((p) => p.id),
    )
    .orderBy('positionId')
    .orderBy('id')
    .execute();
  return positions.map((p) => ({
    code: p.code,
    field: String(p.field),
    qualificationFields: JSON.parse(p.qualificationFields) as string[],
    requirements: rows
      .filter((r) => r.positionId === p.id)
      .map((r) => ({ competencyCode: r.competencyCode, requiredLevel: r.requiredLevel })),
  }));
}
