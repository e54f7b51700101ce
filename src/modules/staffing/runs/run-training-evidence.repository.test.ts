import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../../test/support/fixture.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import { fixedClock } from '../../../platform/time/clock.ts';
import { type FitSeed, seedFit } from '../../position-fit/position-fit.fixtures.ts';
import { completeCourse } from './completed-course.fixtures.ts';
import * as repo from './runs.repository.ts';
import { createRun, getRunLine } from './use-cases/runs.ts';

/**
 * A run's expertise columns read the competency evidence of completed classes (issue 6 §5), as
 * position-fit does: staffA's T.LAW gap (supervisor 2 in the campaign locked on 2026-01-10,
 * P.JUSTICE requires 3) closes only with a class completed on or after that day.
 */
describe.each(testDialects())('WISN run expertise with training evidence on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  let fit: FitSeed;
  let analyst: Actor;
  const deps = () => ({ db: h.db, clock: fixedClock(NOW) });

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    fit = await seedFit(h.db, { unitA: f.unitA, unitB: f.unitB, staffA: f.staffA });
    const u = f.users.province_analyst;
    if (!u) throw new Error('fixture user province_analyst missing');
    analyst = {
      userId: u.userId,
      username: u.username,
      displayName: u.username,
      role: u.role,
      provinceCode: u.provinceCode,
      unitId: u.unitId,
      locale: 'vi',
      sessionId: null,
      via: 'token',
    };
  });
  afterAll(async () => h?.close());

  const justiceExpertise = async () => {
    const meta = { actor: analyst, requestId: 'test', at: NOW, provinceCode: 'T1' };
    const run = await createRun(deps(), analyst, { year: 2026, periodFrom: '2026-01-01', periodTo: '2026-02-28' }, meta);
    return (await getRunLine(deps(), analyst, run.id, f.unitA, 'JUSTICE_CIVIL_STATUS')).line.expertise;
  };

  it('closes a competency gap with a class completed after the assessment, not before it', async () => {
    expect(await justiceExpertise()).toEqual({
      placed: 2,
      notMeeting: 1,
      gapCompetencies: [{ code: 'T.LAW', name: 'Năng lực T.LAW', staffBelow: 1 }],
    });

    // Completed before the campaign was locked: the campaign is the fresher evidence, the gap stays.
    await completeCourse(h.db, {
      provinceCode: 'T1',
      staffIds: [fit.staffA],
      competencyCode: 'T.LAW',
      level: 3,
      completedOn: '2025-12-12',
    });
    expect((await justiceExpertise()).gapCompetencies).toEqual([{ code: 'T.LAW', name: 'Năng lực T.LAW', staffBelow: 1 }]);

    // Completed after it: T.LAW is now at least 3, no gap. staffA still does not meet the position
    // (qualification field mismatch), so notMeeting stays 1.
    const { classCode } = await completeCourse(h.db, {
      provinceCode: 'T1',
      staffIds: [fit.staffA],
      competencyCode: 'T.LAW',
      level: 3,
      completedOn: '2026-02-06',
    });
    expect(await justiceExpertise()).toEqual({ placed: 2, notMeeting: 1, gapCompetencies: [] });

    // One grouped read for the province's cadre: people outside it (Hùng holds a SUPPORT post) are not read.
    const rows = await repo.cadreTrainingEvidence(h.db, 'T1', '2026-03-02');
    expect(rows.map((r) => [r.staffId, r.competencyCode, r.level, r.achievedOn]).sort()).toEqual(
      [
        [fit.staffA, 'T.LAW', 3, '2025-12-12'],
        [fit.staffA, 'T.LAW', 3, '2026-02-06'],
      ].sort(),
    );
    expect(rows.find((r) => r.achievedOn === '2026-02-06')?.classCode).toBe(classCode);
    await completeCourse(h.db, { provinceCode: 'T1', staffIds: [fit.hung], competencyCode: 'T.LAW', level: 2, completedOn: '2026-02-06' });
    expect(await repo.cadreTrainingEvidence(h.db, 'T1', '2026-03-02')).toHaveLength(2);
    expect(await repo.cadreTrainingEvidence(h.db, 'T2', '2026-03-02')).toEqual([]);
  });
});
