import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/databases.ts';
import { seedDossierProcedures } from '../../../test/support/dossier-builders.ts';
import { type Fixture, NOW, seedFixture } from '../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../platform/db/connect.ts';
import { type FitSeed, seedFit, seedServiceDossiers } from './position-fit.fixtures.ts';
import * as repo from './position-fit.repository.ts';

describe.each(testDialects())('position-fit repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  let s: FitSeed;
  const uid = (name: string) => {
    const u = f.users[name];
    if (!u) throw new Error(name);
    return u.userId;
  };
  // 2026 as instants, measured on the fixture's date.
  const period: repo.EvidencePeriod = {
    from: '2025-12-31T17:00:00.000Z',
    to: '2026-12-31T17:00:00.000Z',
    measuredAt: NOW,
  };

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    s = await seedFit(h.db, f);
    const procs = await seedDossierProcedures(h.db);
    await seedServiceDossiers(
      h.db,
      {
        counterA: uid('counter_officer_a'),
        specialistA: uid('field_specialist_a'),
        leaderA: uid('unit_leader_a'),
        counterB: uid('counter_officer_b'),
      },
      { staffA: s.staffA, staffB: s.staffB },
      procs.commune,
      f.unitA,
    );
  });
  afterAll(async () => h?.close());

  it('finds the current placement, not an ended one, with the position’s standards', async () => {
    const p = await repo.currentPlacement(h.db, 'T1', s.staffA, '2026-03-02');
    expect(p).toMatchObject({
      staffId: s.staffA,
      unitId: f.unitA,
      positionCode: 'P.JUSTICE',
      requiredRank: 'CHUYEN_VIEN',
      educationLevel: 'UNIVERSITY',
      qualificationFields: ['Luật'],
      startDate: '2025-07-01',
      versionId: s.versionId,
    });
    expect((await repo.currentPlacement(h.db, 'T1', s.staffA, '2025-03-01'))?.positionCode).toBe('P.CLERK');
    expect(await repo.currentPlacement(h.db, 'T2', s.staffA, '2026-03-02')).toBeUndefined();
  });

  it('lists a unit’s placements by name, paged, filtered by position field', async () => {
    const all = await repo.listPlacements(h.db, 'T1', '2026-03-02', { unitId: f.unitA }, { limit: 2, offset: 0 });
    expect(all.total).toBe(3);
    expect(all.items.map((p) => p.fullName)).toEqual(['Lê Văn Hùng', 'Nguyễn Văn Mạnh']);
    const next = await repo.listPlacements(h.db, 'T1', '2026-03-02', { unitId: f.unitA }, { limit: 2, offset: 2 });
    expect(next.items.map((p) => p.fullName)).toEqual(['Trần Thị Lan']);
    expect((await repo.listPlacements(h.db, 'T1', '2026-03-02', { unitId: null }, { limit: 50, offset: 0 })).total).toBe(4);
    expect((await repo.listPlacements(h.db, 'T1', '2026-03-02', { unitId: null, field: 'LAND' }, { limit: 50, offset: 0 })).total).toBe(0);
    expect((await repo.listPlacements(h.db, 'T2', '2026-03-02', { unitId: null }, { limit: 50, offset: 0 })).total).toBe(0);
  });

  it('reads levels of LOCKED campaigns only', async () => {
    const rows = await repo.lockedCampaignLevels(h.db, 'T1', [s.staffA]);
    expect(rows.map((r) => r.campaignId)).toEqual([s.lockedCampaign, s.lockedCampaign]);
    expect(rows.find((r) => r.competencyCode === 'T.LAW')).toMatchObject({
      selfLevel: 4,
      supervisorLevel: 2,
      councilLevel: null,
      lockedAt: '2026-01-10T02:00:00.000Z',
      campaignName: 'Đánh giá năng lực 2025',
    });
    expect(await repo.lockedCampaignLevels(h.db, 'T2', [s.staffA])).toEqual([]);
  });

  it('stores test results and lists them newest first, with booleans and dates on both dialects', async () => {
    const row = await repo.insertTest(
      h.db,
      'T1',
      {
        staffId: s.hung,
        competencyCode: 'T.LAW',
        testName: 'Sát hạch pháp luật',
        takenOn: '2026-02-20',
        score: 45.5,
        maxScore: 50,
        levelAchieved: 2,
        passed: false,
      },
      NOW,
      uid('unit_hr_a'),
    );
    expect(row).toMatchObject({ takenOn: '2026-02-20', score: 45.5, passed: false, recordedAt: NOW, recordedBy: uid('unit_hr_a') });
    const tests = await repo.listTests(h.db, 'T1', [s.hung, s.lan]);
    expect(tests.map((t) => [t.staffId, t.takenOn])).toEqual([
      [s.hung, '2026-02-20'],
      [s.lan, '2026-02-15'],
    ]);
    expect(tests[1]?.passed).toBe(true);
  });

  it('refuses a score above the maximum in the database too', async () => {
    await expect(
      repo.insertTest(
        h.db,
        'T1',
        {
          staffId: s.hung,
          competencyCode: 'T.LAW',
          testName: 'x',
          takenOn: '2026-02-20',
          score: 60,
          maxScore: 50,
          levelAchieved: 2,
          passed: false,
        },
        NOW,
        null,
      ),
    ).rejects.toThrow();
  });

  it('counts service evidence in grouped scans: received, handled, finished, on time, overdue', async () => {
    expect(await repo.countLinkedAccounts(h.db, 'T1', s.staffA)).toBe(2);
    expect(await repo.countLinkedAccounts(h.db, 'T1', s.lan)).toBe(0);
    expect(await repo.countReceived(h.db, 'T1', s.staffA, period)).toBe(2);
    // Dossiers 1, 2, 3, 4, 5 and 8 (6 is paused and read separately; 7 is outside the period; 9 is another's; 10 withdrawn).
    expect(await repo.handledCounts(h.db, 'T1', s.staffA, period, 2)).toEqual({
      handled: 6,
      finished: 4,
      finishedOnTime: 1,
      overdueOpen: 1,
    });
    // Without the repeated-supplement rule dossier 3 would be on time.
    expect((await repo.handledCounts(h.db, 'T1', s.staffA, period, 3)).finishedOnTime).toBe(2);
    expect(await repo.pausedHandled(h.db, 'T1', s.staffA, period)).toEqual([
      {
        status: 9,
        dueAt: '2026-01-22T10:00:00.000Z',
        pausedMs: 8 * 3_600_000,
        finishedAt: '2026-01-23T03:00:00.000Z',
        supplementRequests: 0,
      },
    ]);
    expect(await repo.handledCounts(h.db, 'T1', s.staffB, period, 2)).toEqual({
      handled: 0,
      finished: 0,
      finishedOnTime: 0,
      overdueOpen: 0,
    });
  });

  it('measures overdue at the given instant', async () => {
    const early = { ...period, measuredAt: '2026-02-24T00:00:00.000Z' };
    expect((await repo.handledCounts(h.db, 'T1', s.staffA, early, 2)).overdueOpen).toBe(0);
  });

  it('counts ratings per overall level on the dossiers the person handled, in the period', async () => {
    const levels = ['VERY_SATISFIED', 'SATISFIED', 'UNSATISFIED'];
    expect(await repo.ratingCounts(h.db, 'T1', s.staffA, period, 'OVERALL', levels)).toEqual({
      VERY_SATISFIED: 1,
      SATISFIED: 0,
      UNSATISFIED: 1,
    });
    // SATISFIED on STAFF_ATTITUDE must not count as an overall answer.
    expect(await repo.ratingCounts(h.db, 'T1', s.staffB, period, 'OVERALL', levels)).toEqual({
      VERY_SATISFIED: 0,
      SATISFIED: 0,
      UNSATISFIED: 0,
    });
  });
});
