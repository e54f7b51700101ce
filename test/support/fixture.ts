import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { seedReportFixture } from '../../src/modules/reports/reports.fixtures.ts';
import { type AssessmentFixture, seedAssessmentFixture } from '../../src/modules/reviews/assessments/assessments.fixtures.ts';
import { type FixtureRecommendations, seedFixtureRecommendations } from '../../src/modules/staffing/placement/placement-authz.fixtures.ts';
import { seedStaffingRun } from '../../src/modules/staffing/runs/run.fixtures.ts';
import { seedPlanFixture } from '../../src/modules/training/plan-versions/plan-versions.fixtures.ts';
import type { Actor } from '../../src/platform/auth/actor.ts';
import { insertApiToken, insertUser } from '../../src/platform/auth/auth.repository.ts';
import { startSession } from '../../src/platform/auth/auth.service.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import { PROVINCE_ROLES, type Role, UNIT_ROLES } from '../../src/platform/auth/roles.ts';
import { sha256Hex, testSecrets } from '../../src/platform/auth/secrets.ts';
import { parseConfig } from '../../src/platform/config.ts';
import type { DatabaseHandle } from '../../src/platform/db/connect.ts';
import type { Db, Dialect } from '../../src/platform/db/database.ts';
import { csrfTokenFor } from '../../src/platform/http/csrf.ts';
import { nameSortKey } from '../../src/platform/text/name-sort-key.ts';
import { searchKey } from '../../src/platform/text/search-key.ts';
import { type Clock, fixedClock } from '../../src/platform/time/clock.ts';
import { createTestDatabase } from './databases.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
export const NOW = '2026-03-02T03:00:00.000Z';

export type TestUser = {
  username: string;
  userId: number;
  role: Role;
  unitId: number | null;
  provinceCode: string;
  /** Cookie header for an active (MFA-passed) session. */
  cookie: string;
  csrf: string;
  /** Authorization header value. */
  bearer: string;
};

/** The Actor a use case sees for a fixture account signed in with a session (read models, use cases called directly). */
export function actorOf(user: TestUser | undefined): Actor {
  if (!user) throw new Error('no such fixture user');
  return {
    userId: user.userId,
    username: user.username,
    displayName: `Test ${user.username}`,
    role: user.role,
    provinceCode: user.provinceCode,
    unitId: user.unitId,
    locale: 'vi',
    sessionId: null,
    via: 'session',
  };
}

export type Fixture = {
  provinceCode: string;
  otherProvinceCode: string;
  unitA: number;
  unitB: number;
  /** A pre-merger unit that became unitA. */
  formerUnitA: number;
  /** A civil servant of unitA whose history spans the merger (chairman of formerUnitA, then a head of department in unitA). */
  staffA: number;
  otherProvinceUnit: number;
  users: Record<string, TestUser>;
  /**
   * Review campaigns owned by commune A (issue 4 §4), each with staffA as its one participant
   * (an ANNUAL_EVALUATION row, unrated): one OPEN, one in COUNCIL, one LOCKED with snapshot 1.
   * All at version 1. staffA also has a current staff_positions row in commune A (no position).
   */
  reviewCampaigns: { open: number; council: number; locked: number };
  /**
   * Assessments (issue 4 §4): staffA is linked to the account field_specialist_a (users.staff_id) and
   * takes part in three more commune-A campaigns, one in each writing stage (self, supervisor, council).
   */
  assessments: AssessmentFixture;
  /**
   * A stored WISN run of province T1 (issue 5 §3), seeded before any test runs, so a run made by
   * a test is always newer (latest = highest id): lines for commune A (JUSTICE_CIVIL_STATUS
   * short with a person not meeting requirements, LAND, CULTURE_INFORMATION) and commune B.
   */
  staffingRun: number;
  /**
   * Four PROPOSED placement recommendations (one batch on staffingRun) moving staffA within
   * commune A, one per decision route of the authorization matrix (placement-authz.fixtures.ts).
   */
  placementRecommendations: FixtureRecommendations;
  /** A finished training plan version of T1 (no classes) and its DONE generation job (issue 6 §3). */
  trainingPlan: { id: number; jobId: number };
  /** A DONE monthly report (February 2026) of commune A with placeholder files (issue 7 §3). */
  report: number;
};

async function insertUnit(db: Db, provinceCode: string, code: string, name: string, kind: string, parentId: number | null, now: string) {
  const { id } = await db
    .insertInto('administrativeUnits')
    .values({
      provinceCode,
      code,
      name,
      nameSearch: searchKey(name),
      kind,
      parentId,
      population: 20000,
      areaKm2: 12.5,
      isMountainous: 0,
      validFrom: kind.startsWith('FORMER') ? null : '2025-07-01',
      validTo: kind.startsWith('FORMER') ? '2025-06-30' : null,
      createdByResolution: kind.startsWith('FORMER') ? null : '1675/NQ-UBTVQH15',
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

async function insertStaffA(db: Db, unitA: number, formerUnitA: number, now: string): Promise<number> {
  const body = await db
    .insertInto('orgBodies')
    .values({
      provinceCode: 'T1',
      unitId: unitA,
      kind: 'ECONOMIC',
      name: 'Phòng Kinh tế',
      fields: '["LAND","CONSTRUCTION"]',
      deputyQuota: 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const fullName = 'Nguyễn Văn Mạnh';
  const { id } = await db
    .insertInto('staff')
    .values({
      provinceCode: 'T1',
      unitId: unitA,
      orgBodyId: body.id,
      fullName,
      nameSearch: searchKey(fullName),
      nameSort: nameSortKey(fullName),
      gender: 'MALE',
      birthDate: '1985-04-12',
      citizenId: '046085001234',
      phone: '0905123456',
      email: 'manh@example.vn',
      ethnicity: 'Kinh',
      education: '12/12',
      qualification: 'Đại học',
      qualificationField: 'Quản lý đất đai',
      politicalTheory: 'Trung cấp',
      rank: 'CHUYEN_VIEN_CHINH',
      employmentStatus: 'ACTIVE',
      currentTitle: 'Trưởng phòng Kinh tế',
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('appointments')
    .values([
      {
        provinceCode: 'T1',
        staffId: id,
        unitId: formerUnitA,
        orgBodyId: null,
        title: 'Chủ tịch UBND phường',
        startDate: '2021-07-01',
        endDate: '2025-06-30',
        decision: '12/QĐ-UBND',
      },
      {
        provinceCode: 'T1',
        staffId: id,
        unitId: unitA,
        orgBodyId: body.id,
        title: 'Trưởng phòng Kinh tế',
        startDate: '2025-07-01',
        endDate: null,
        decision: '45/QĐ-UBND',
      },
    ])
    .execute();
  return id;
}

/** The review campaigns of `Fixture.reviewCampaigns`, written directly (no audit entries). */
async function insertReviewCampaigns(db: Db, unitA: number, staffA: number, now: string): Promise<Fixture['reviewCampaigns']> {
  await db
    .insertInto('staffPositions')
    .values({ provinceCode: 'T1', staffId: staffA, positionId: null, unitId: unitA, startDate: '2025-07-01', endDate: null })
    .execute();
  const { orgBodyId } = await db.selectFrom('staff').select('orgBodyId').where('id', '=', staffA).executeTakeFirstOrThrow();
  const make = async (name: string, status: string) => {
    const { id } = await db
      .insertInto('reviewCampaigns')
      .values({
        provinceCode: 'T1',
        ownerUnitId: unitA,
        name,
        year: 2026,
        periodFrom: '2026-01-01',
        periodTo: '2026-12-15',
        regime: 'DECREE_335',
        instruments: '["ANNUAL_EVALUATION"]',
        scopeKind: 'PEOPLE',
        scope: JSON.stringify({ staffIds: [staffA] }),
        frameworkVersionId: null,
        status,
        createdAt: now,
        createdBy: null,
        lockedAt: status === 'LOCKED' ? now : null,
        lockedBy: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const participant = await db
      .insertInto('reviewParticipants')
      .values({
        provinceCode: 'T1',
        campaignId: id,
        staffId: staffA,
        unitId: unitA,
        orgBodyId,
        positionId: null,
        positionCode: null,
        positionGroup: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('reviewEvaluations')
      .values({ provinceCode: 'T1', participantId: participant.id, regime: 'DECREE_335', updatedAt: now })
      .execute();
    if (status === 'LOCKED') {
      const payload = JSON.stringify({ fixture: true, campaignId: id });
      await db
        .insertInto('reviewSnapshots')
        .values({ provinceCode: 'T1', campaignId: id, sequence: 1, takenAt: now, takenBy: null, payload, sha256: sha256Hex(payload) })
        .execute();
    }
    return id;
  };
  return {
    open: await make('Đợt thử đang mở', 'OPEN'),
    council: await make('Đợt thử ở hội đồng', 'COUNCIL'),
    locked: await make('Đợt thử đã khóa', 'LOCKED'),
  };
}

/**
 * Two provinces; in the first a commune A (merged from a former ward) and a ward B; a user
 * of every unit role in A and in B, every province role, and an administrator of the other
 * province. Each user gets a ready session and API token, so tests can call as anyone.
 */
export async function seedFixture(db: Db, clock: Clock = fixedClock(NOW)): Promise<Fixture> {
  const now = clock.now().toISOString();
  await db
    .insertInto('provinces')
    .values([
      { code: 'T1', name: 'Tỉnh Thử Nghiệm', createdAt: now },
      { code: 'T2', name: 'Tỉnh Khác', createdAt: now },
    ])
    .execute();
  const prov = await insertUnit(db, 'T1', 'T1', 'Tỉnh Thử Nghiệm', 'PROVINCE', null, now);
  const unitA = await insertUnit(db, 'T1', '10001', 'Xã Hòa Bình', 'COMMUNE', prov, now);
  const unitB = await insertUnit(db, 'T1', '10002', 'Phường Đông Ba', 'WARD', prov, now);
  const formerUnitA = await insertUnit(db, 'T1', '90001', 'Phường Cũ An Hòa', 'FORMER_WARD', prov, now);
  await db
    .insertInto('unitLineage')
    .values({
      provinceCode: 'T1',
      predecessorId: formerUnitA,
      successorId: unitA,
      resolution: '1675/NQ-UBTVQH15',
      effectiveDate: '2025-07-01',
    })
    .execute();
  const prov2 = await insertUnit(db, 'T2', 'T2', 'Tỉnh Khác', 'PROVINCE', null, now);
  const otherProvinceUnit = await insertUnit(db, 'T2', '20001', 'Xã Tỉnh Khác', 'COMMUNE', prov2, now);

  const passwordHash = await hashPassword(TEST_PASSWORD);
  const users: Record<string, TestUser> = {};
  const secrets = testSecrets();
  const authDeps = {
    db,
    clock,
    secrets,
    settings: { sessionIdleMinutes: 30, sessionAbsoluteHours: 12, mfaEnforceAll: false, loginMaxFailures: 5, loginLockMinutes: 15 },
  };
  const make = async (username: string, role: Role, provinceCode: string, unitId: number | null) => {
    const user = await insertUser(db, { provinceCode, username, displayName: `Test ${username}`, passwordHash, role, unitId }, now);
    const session = await startSession(authDeps, user, 'active', { ip: '127.0.0.1', userAgent: 'vitest' });
    const token = `cadre_pat_test_${username}`;
    await insertApiToken(
      db,
      { provinceCode, userId: user.id, name: 'test', tokenHash: sha256Hex(token), prefix: token.slice(0, 16), expiresAt: null },
      now,
    );
    users[username] = {
      username,
      userId: user.id,
      role,
      unitId,
      provinceCode,
      cookie: `cadre_sid=${session.token}`,
      csrf: csrfTokenFor(secrets.csrfKey, session.sessionId),
      bearer: `Bearer ${token}`,
    };
  };
  for (const role of UNIT_ROLES) {
    await make(`${role}_a`, role, 'T1', unitA);
    await make(`${role}_b`, role, 'T1', unitB);
  }
  for (const role of PROVINCE_ROLES) await make(role, role, 'T1', null);
  await make('other_province_admin', 'province_admin', 'T2', null);
  await make('citizen', 'citizen', 'T1', null);
  const staffA = await insertStaffA(db, unitA, formerUnitA, now);
  const reviewCampaigns = await insertReviewCampaigns(db, unitA, staffA, now);
  const owner = users.field_specialist_a;
  if (!owner) throw new Error('fixture user field_specialist_a missing');
  const assessments = await seedAssessmentFixture(db, { unitA, staffA, ownerUserId: owner.userId, owner: owner.username }, now);
  const staffingRun = await seedStaffingRun(db, { provinceCode: 'T1', unitA, unitB });
  const placementRecommendations = await seedFixtureRecommendations(db, { provinceCode: 'T1', runId: staffingRun, unitA, staffA });
  const trainingPlan = await seedPlanFixture(db, { provinceCode: 'T1', createdBy: users.province_analyst?.userId ?? null, at: now });
  const report = await seedReportFixture(db, { provinceCode: 'T1', unitA, at: now });
  return {
    provinceCode: 'T1',
    otherProvinceCode: 'T2',
    unitA,
    unitB,
    formerUnitA,
    staffA,
    otherProvinceUnit,
    users,
    reviewCampaigns,
    assessments,
    staffingRun,
    placementRecommendations,
    trainingPlan,
    report,
  };
}

export type TestApp = {
  app: FastifyInstance;
  database: DatabaseHandle;
  fixture: Fixture;
  clock: ReturnType<typeof fixedClock>;
  close: () => Promise<void>;
};

/** buildApp on a fresh database of the given dialect, with the fixture loaded and a fixed clock. */
export async function buildTestApp(dialect: Dialect, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const clock = fixedClock(NOW);
  const fixture = await seedFixture(database.db, clock);
  const config = parseConfig({ COOKIE_SECURE: 'false', LOG_LEVEL: 'silent', DATA_DIR: '/tmp/cadre-test', ...env });
  const app = await buildApp({ config, database, secrets: testSecrets(), clock, rateLimit: false, loadShedding: false, logger: false });
  await app.ready();
  return {
    app,
    database,
    fixture,
    clock,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
