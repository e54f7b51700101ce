import type { Db } from '../../../platform/db/database.ts';
import { nameSortKey } from '../../../platform/text/name-sort-key.ts';

/**
 * Test data for assessments, written straight into the tables the campaign lifecycle (C1's
 * campaigns module) fills when a campaign opens, so these tests do not depend on its API.
 * Used by the shared test fixture (authorization matrix) and by this module's own tests.
 */

export type CampaignSeed = {
  provinceCode?: string;
  ownerUnitId: number | null;
  name?: string;
  year?: number;
  regime?: 'DECREE_335' | 'DECREE_90';
  instruments?: string[];
  status: string;
  lockedAt?: string | null;
};

export async function insertCampaign(db: Db, c: CampaignSeed, now: string): Promise<number> {
  const year = c.year ?? 2026;
  const { id } = await db
    .insertInto('reviewCampaigns')
    .values({
      provinceCode: c.provinceCode ?? 'T1',
      ownerUnitId: c.ownerUnitId,
      name: c.name ?? `Đánh giá năm ${year}`,
      year,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
      regime: c.regime ?? (year >= 2026 ? 'DECREE_335' : 'DECREE_90'),
      instruments: JSON.stringify(c.instruments ?? ['COMPETENCY', 'ANNUAL_EVALUATION', 'SCREENING_178']),
      scopeKind: 'UNITS',
      scope: JSON.stringify({ unitIds: c.ownerUnitId === null ? [] : [c.ownerUnitId] }),
      frameworkVersionId: null,
      status: c.status,
      createdAt: now,
      createdBy: null,
      lockedAt: c.status === 'LOCKED' ? (c.lockedAt ?? now) : null,
      lockedBy: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export type ParticipantSeed = {
  provinceCode?: string;
  campaignId: number;
  staffId: number;
  unitId: number;
  orgBodyId?: number | null;
  positionCode?: string | null;
  positionGroup?: string | null;
  /** competency code → required level. */
  required?: Record<string, number | null>;
  regime?: 'DECREE_335' | 'DECREE_90' | null;
  evaluation?: { rating?: string | null; councilRating?: string | null; score?: number | null };
};

/** A participant with one level line per required competency and, unless `regime` is null, an evaluation row. */
export async function insertParticipant(db: Db, p: ParticipantSeed, now: string): Promise<number> {
  const provinceCode = p.provinceCode ?? 'T1';
  const { id } = await db
    .insertInto('reviewParticipants')
    .values({
      provinceCode,
      campaignId: p.campaignId,
      staffId: p.staffId,
      unitId: p.unitId,
      orgBodyId: p.orgBodyId ?? null,
      positionId: null,
      positionCode: p.positionCode ?? 'KT_DAT_DAI',
      positionGroup: p.positionGroup === undefined ? 'PROFESSIONAL' : p.positionGroup,
      supervisorStaffId: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const required = p.required ?? { 'T.LAW': 3, 'T.DIGITAL': 3 };
  const lines = Object.entries(required).map(([competencyCode, requiredLevel]) => ({
    provinceCode,
    participantId: id,
    competencyCode,
    requiredLevel,
    updatedAt: now,
  }));
  if (lines.length > 0) await db.insertInto('reviewCompetencyLevels').values(lines).execute();
  if (p.regime !== null) {
    await db
      .insertInto('reviewEvaluations')
      .values({
        provinceCode,
        participantId: id,
        regime: p.regime ?? 'DECREE_335',
        rating: p.evaluation?.rating ?? null,
        councilRating: p.evaluation?.councilRating ?? null,
        score: p.evaluation?.score ?? null,
        updatedAt: now,
      })
      .execute();
  }
  return id;
}

let citizenSeq = 0;

export async function insertStaff(
  db: Db,
  s: { unitId: number; fullName: string; orgBodyId?: number | null; provinceCode?: string },
  now: string,
) {
  const { id } = await db
    .insertInto('staff')
    .values({
      provinceCode: s.provinceCode ?? 'T1',
      unitId: s.unitId,
      orgBodyId: s.orgBodyId ?? null,
      fullName: s.fullName,
      nameSearch: s.fullName.toLowerCase(),
      nameSort: nameSortKey(s.fullName),
      gender: 'FEMALE',
      birthDate: '1990-01-01',
      citizenId: `0461${String(++citizenSeq).padStart(8, '0')}`,
      rank: 'CHUYEN_VIEN',
      employmentStatus: 'ACTIVE',
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function linkUserToStaff(db: Db, userId: number, staffId: number): Promise<void> {
  await db.updateTable('users').set({ staffId }).where('id', '=', userId).execute();
}

export type AssessmentFixture = {
  /** The fixture user who owns the participant records (users.staff_id = staffA). */
  owner: string;
  self: { campaignId: number; participantId: number };
  supervisor: { campaignId: number; participantId: number };
  council: { campaignId: number; participantId: number };
};

/**
 * For the shared fixture: staffA (commune A) is linked to the account `field_specialist_a`
 * and takes part in three 2026 campaigns of commune A, one at each writing stage.
 */
export async function seedAssessmentFixture(
  db: Db,
  f: { unitA: number; staffA: number; ownerUserId: number; owner: string },
  now: string,
): Promise<AssessmentFixture> {
  await linkUserToStaff(db, f.ownerUserId, f.staffA);
  const staff = await db.selectFrom('staff').select('orgBodyId').where('id', '=', f.staffA).executeTakeFirstOrThrow();
  const one = async (status: string) => {
    const campaignId = await insertCampaign(db, { ownerUnitId: f.unitA, status, name: `Fixture ${status}` }, now);
    const participantId = await insertParticipant(
      db,
      { campaignId, staffId: f.staffA, unitId: f.unitA, orgBodyId: staff.orgBodyId, positionGroup: 'LEADERSHIP' },
      now,
    );
    return { campaignId, participantId };
  };
  return {
    owner: f.owner,
    self: await one('SELF_ASSESSMENT'),
    supervisor: await one('SUPERVISOR_REVIEW'),
    council: await one('COUNCIL'),
  };
}
