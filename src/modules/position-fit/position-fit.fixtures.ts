import type { Db } from '../../platform/db/database.ts';
import { nameSortKey } from '../../platform/text/name-sort-key.ts';
import { searchKey } from '../../platform/text/search-key.ts';
import { frameworkFixture } from '../competencies/competencies.fixtures.ts';
import { writeFramework } from '../competencies/use-cases/versions.ts';

/**
 * Seed for the fit-to-position repository and HTTP tests, written straight into the tables
 * (the campaign API is built elsewhere): the small test framework (P.JUSTICE requires T.LAW 3
 * and T.CIVIL 4; P.CLERK requires T.LAW 1), placements, a LOCKED and an OPEN campaign with
 * levels, test results, and dossiers with ratings for service evidence. Expected figures are
 * in the comments and the tests that read them.
 */

export type FitSeed = {
  versionId: number;
  /** Unit A, P.JUSTICE since 2025-07-01: T.LAW gap 1 (supervisor 2), T.CIVIL 0 (council 4), field mismatch → WITHIN_GRACE. */
  staffA: number;
  /** Unit A, P.JUSTICE since 2025-01-15: T.LAW 4 by a later test, T.CIVIL 4 → MEETS. */
  lan: number;
  /** Unit A, P.CLERK since 2024-06-01: never assessed, education below → GRACE_EXPIRED. */
  hung: number;
  /** Unit B, P.CLERK; linked to an account without dossiers. */
  staffB: number;
  lockedCampaign: number;
};

const NOW = '2026-03-02T03:00:00.000Z';

async function insertStaff(
  db: Db,
  unitId: number,
  fullName: string,
  citizenId: string,
  over: { rank: string; qualification: string | null; qualificationField: string | null; education: string | null },
): Promise<number> {
  const { id } = await db
    .insertInto('staff')
    .values({
      provinceCode: 'T1',
      unitId,
      orgBodyId: null,
      fullName,
      nameSearch: searchKey(fullName),
      nameSort: nameSortKey(fullName),
      gender: 'FEMALE',
      birthDate: '1990-01-01',
      citizenId,
      phone: null,
      email: null,
      ethnicity: 'Kinh',
      politicalTheory: null,
      employmentStatus: 'ACTIVE',
      currentTitle: 'Công chức',
      createdAt: NOW,
      updatedAt: NOW,
      ...over,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

async function positionId(db: Db, versionId: number, code: string): Promise<number> {
  const r = await db
    .selectFrom('positions')
    .select('id')
    .where('versionId', '=', versionId)
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return Number(r.id);
}

export async function seedFit(db: Db, f: { unitA: number; unitB: number; staffA: number }): Promise<FitSeed> {
  const versionId = (await writeFramework(db, 'T1', frameworkFixture(), 'PUBLISHED', NOW, null)).id;
  const justice = await positionId(db, versionId, 'P.JUSTICE');
  const clerk = await positionId(db, versionId, 'P.CLERK');
  const lan = await insertStaff(db, f.unitA, 'Trần Thị Lan', '046190000101', {
    rank: 'CHUYEN_VIEN',
    qualification: 'Cử nhân',
    qualificationField: 'Luật',
    education: '12/12',
  });
  const hung = await insertStaff(db, f.unitA, 'Lê Văn Hùng', '046190000102', {
    rank: 'NHAN_VIEN',
    qualification: null,
    qualificationField: null,
    education: '12/12',
  });
  const staffB = await insertStaff(db, f.unitB, 'Phạm Thị Hoa', '046190000103', {
    rank: 'NHAN_VIEN',
    qualification: 'Cử nhân',
    qualificationField: 'Luật',
    education: '12/12',
  });
  await db
    .insertInto('staffPositions')
    .values([
      { provinceCode: 'T1', staffId: f.staffA, positionId: justice, unitId: f.unitA, startDate: '2025-07-01', endDate: null },
      // An ended placement: not the current one.
      { provinceCode: 'T1', staffId: f.staffA, positionId: clerk, unitId: f.unitA, startDate: '2024-01-01', endDate: '2025-06-30' },
      { provinceCode: 'T1', staffId: lan, positionId: justice, unitId: f.unitA, startDate: '2025-01-15', endDate: null },
      { provinceCode: 'T1', staffId: hung, positionId: clerk, unitId: f.unitA, startDate: '2024-06-01', endDate: null },
      { provinceCode: 'T1', staffId: staffB, positionId: clerk, unitId: f.unitB, startDate: '2025-07-01', endDate: null },
    ])
    .execute();

  const campaign = async (name: string, status: string, lockedAt: string | null) =>
    Number(
      (
        await db
          .insertInto('reviewCampaigns')
          .values({
            provinceCode: 'T1',
            ownerUnitId: null,
            name,
            year: 2025,
            periodFrom: '2025-01-01',
            periodTo: '2025-12-31',
            regime: 'DECREE_90',
            instruments: '["COMPETENCY"]',
            scopeKind: 'UNITS',
            scope: JSON.stringify({ unitIds: [f.unitA] }),
            frameworkVersionId: versionId,
            status,
            createdAt: NOW,
            createdBy: null,
            lockedAt,
            lockedBy: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const participant = async (campaignId: number, staffId: number, posId: number) =>
    Number(
      (
        await db
          .insertInto('reviewParticipants')
          .values({
            provinceCode: 'T1',
            campaignId,
            staffId,
            unitId: f.unitA,
            orgBodyId: null,
            positionId: posId,
            positionCode: 'P.JUSTICE',
            positionGroup: 'PROFESSIONAL',
            supervisorStaffId: null,
            selfSubmittedAt: null,
            supervisorSubmittedAt: null,
            councilDecidedAt: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const levels = async (participantId: number, rows: [string, number | null, number | null, number | null][]) =>
    db
      .insertInto('reviewCompetencyLevels')
      .values(
        rows.map(([competencyCode, selfLevel, supervisorLevel, councilLevel]) => ({
          provinceCode: 'T1',
          participantId,
          competencyCode,
          requiredLevel: null,
          selfLevel,
          selfEvidence: null,
          supervisorLevel,
          supervisorEvidence: null,
          councilLevel,
          councilEvidence: null,
          updatedAt: NOW,
        })),
      )
      .execute();

  const lockedCampaign = await campaign('Đánh giá năng lực 2025', 'LOCKED', '2026-01-10T02:00:00.000Z');
  await levels(await participant(lockedCampaign, f.staffA, justice), [
    ['T.LAW', 4, 2, null],
    ['T.CIVIL', 3, 3, 4],
  ]);
  await levels(await participant(lockedCampaign, lan, justice), [
    ['T.LAW', 3, 3, null],
    ['T.CIVIL', 4, 4, null],
  ]);
  // An open campaign: its levels are not final and must be ignored.
  const open = await campaign('Đánh giá năng lực 2026', 'SELF_ASSESSMENT', null);
  await levels(await participant(open, f.staffA, justice), [['T.LAW', 5, 5, 5]]);

  await db
    .insertInto('competencyTestResults')
    .values([
      // Before the lock: the campaign's council level (4) stands.
      test(f.staffA, 'T.CIVIL', '2025-12-01', 2),
      // After the lock: replaces the campaign's 3.
      test(lan, 'T.LAW', '2026-02-15', 4),
    ])
    .execute();
  return { versionId, staffA: f.staffA, lan, hung, staffB, lockedCampaign };
}

function test(staffId: number, competencyCode: string, takenOn: string, levelAchieved: number) {
  return {
    provinceCode: 'T1',
    staffId,
    competencyCode,
    testName: `Sát hạch ${competencyCode}`,
    takenOn,
    score: 70,
    maxScore: 100,
    levelAchieved,
    passed: 1,
    recordedAt: NOW,
    recordedBy: null,
  };
}

type DossierSeed = {
  createdBy?: number | null;
  assigneeId?: number | null;
  status: number;
  receivedAt: string;
  dueAt?: string | null;
  finishedAt?: string | null;
  updatedAt?: string;
  pausedMs?: number;
  supplementRequests?: number;
};

let seq = 0;

/**
 * Dossiers for service evidence in 2026 (the default period on the fixture's date): staffA's
 * accounts are the counter officer and the field specialist of unit A. Expected for 2026:
 * received 2, handled 7, finished 5, on time 2, overdue open 1; ratings 2 (average 2 of 3).
 */
export async function seedServiceDossiers(
  db: Db,
  users: { counterA: number; specialistA: number; leaderA: number; counterB: number },
  staff: { staffA: number; staffB: number },
  procedureId: number,
  unitId: number,
): Promise<void> {
  await db.updateTable('users').set({ staffId: staff.staffA }).where('id', 'in', [users.counterA, users.specialistA]).execute();
  await db.updateTable('users').set({ staffId: staff.staffB }).where('id', '=', users.counterB).execute();
  const fs = users.specialistA;
  const add = async (d: DossierSeed) => {
    seq += 1;
    const r = await db
      .insertInto('dossiers')
      .values({
        provinceCode: 'T1',
        code: `FIT-${seq}`,
        receivingUnitId: unitId,
        competentUnitId: unitId,
        procedureId,
        channel: 1,
        status: d.status,
        applicantName: 'Nguyễn Văn A',
        applicantNameSearch: 'nguyen van a',
        applicantIdNumber: null,
        applicantPhone: null,
        applicantEmail: null,
        applicantAddress: null,
        summary: null,
        receivedAt: d.receivedAt,
        validAt: d.receivedAt,
        dueAt: d.dueAt ?? null,
        finishedAt: d.finishedAt ?? null,
        returnedAt: null,
        pausedMs: d.pausedMs ?? 0,
        supplementRequests: d.supplementRequests ?? 0,
        createdAt: d.receivedAt,
        updatedAt: d.updatedAt ?? d.finishedAt ?? d.receivedAt,
        createdBy: d.createdBy ?? null,
        assigneeId: d.assigneeId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  };
  const rate = (dossierId: number, level: string, at: string) =>
    db
      .insertInto('dossierRatings')
      .values({
        provinceCode: 'T1',
        dossierId,
        channel: 'TRACKING_PAGE',
        answers: JSON.stringify({ OVERALL: level, STAFF_ATTITUDE: 'SATISFIED' }),
        comment: null,
        createdAt: at,
        createdBy: null,
      })
      .execute();

  // 1. received by the counter officer, handled on time.
  const d1 = await add({
    createdBy: users.counterA,
    assigneeId: fs,
    status: 9,
    receivedAt: '2026-01-05T02:00:00.000Z',
    dueAt: '2026-01-08T10:00:00.000Z',
    finishedAt: '2026-01-07T03:00:00.000Z',
  });
  await rate(d1, 'VERY_SATISFIED', '2026-01-08T03:00:00.000Z');
  // 2. received by the counter officer, finished late.
  const d2 = await add({
    createdBy: users.counterA,
    assigneeId: fs,
    status: 9,
    receivedAt: '2026-01-10T02:00:00.000Z',
    dueAt: '2026-01-13T10:00:00.000Z',
    finishedAt: '2026-01-15T03:00:00.000Z',
  });
  await rate(d2, 'UNSATISFIED', '2026-01-16T03:00:00.000Z');
  // 3. in time but sent back for supplements twice: late by the 766 rule.
  await add({
    assigneeId: fs,
    status: 9,
    receivedAt: '2026-02-01T02:00:00.000Z',
    dueAt: '2026-02-04T10:00:00.000Z',
    finishedAt: '2026-02-03T03:00:00.000Z',
    supplementRequests: 2,
  });
  // 4. open and past its due date on the fixture's date: overdue.
  await add({ assigneeId: fs, status: 4, receivedAt: '2026-02-20T02:00:00.000Z', dueAt: '2026-02-25T10:00:00.000Z' });
  // 5. open, not yet due.
  await add({ assigneeId: fs, status: 4, receivedAt: '2026-02-26T02:00:00.000Z', dueAt: '2026-03-05T10:00:00.000Z' });
  // 6. paused for one working day: due Thu 22 Jan 17:00 local moves to Fri 23 Jan 17:00; finished Fri 10:00 local → on time.
  await add({
    assigneeId: fs,
    status: 9,
    receivedAt: '2026-01-20T02:00:00.000Z',
    dueAt: '2026-01-22T10:00:00.000Z',
    finishedAt: '2026-01-23T03:00:00.000Z',
    pausedMs: 8 * 3_600_000,
  });
  // 7. received and finished in 2025: outside the period (its rating too).
  const d7 = await add({
    createdBy: users.counterA,
    assigneeId: fs,
    status: 9,
    receivedAt: '2025-12-20T02:00:00.000Z',
    dueAt: '2025-12-24T10:00:00.000Z',
    finishedAt: '2025-12-23T03:00:00.000Z',
  });
  await rate(d7, 'SATISFIED', '2025-12-24T03:00:00.000Z');
  // 8. carried over from 2025, finished late in January.
  await add({
    assigneeId: fs,
    status: 9,
    receivedAt: '2025-12-15T02:00:00.000Z',
    dueAt: '2025-12-31T10:00:00.000Z',
    finishedAt: '2026-01-03T03:00:00.000Z',
  });
  // 9. handled by the unit leader, whose account has no staff link: counts for nobody.
  const d9 = await add({
    assigneeId: users.leaderA,
    status: 9,
    receivedAt: '2026-01-06T02:00:00.000Z',
    dueAt: '2026-01-09T10:00:00.000Z',
    finishedAt: '2026-01-07T03:00:00.000Z',
  });
  await rate(d9, 'SATISFIED', '2026-01-08T03:00:00.000Z');
  // 10. withdrawn in January: out of the handled set.
  await add({ assigneeId: fs, status: 7, receivedAt: '2026-01-12T02:00:00.000Z', updatedAt: '2026-01-14T02:00:00.000Z' });
}
