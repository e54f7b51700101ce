import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../../test/support/fixture.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import { OPEN_ELIGIBILITY } from '../courses.ts';
import { insertCourse } from '../training.repository.ts';
import { FIXTURE_PLAN_PARAMETERS } from './plan-versions.fixtures.ts';
import * as repo from './plan-versions.repository.ts';

const OUTCOME: repo.PlanOutcome = {
  method: 'MIP',
  solverStatus: 'OPTIMAL',
  objective: 12.5,
  bestBound: 12.5,
  gap: 0,
  solveSeconds: 1.25,
  greedyObjective: 10,
  gapClosed: 12.5,
  totalCost: 3_000_000_000,
  inputDigest: 'a'.repeat(64),
  inputSummary: { people: 2, courses: 1, units: 1, needs: 3 },
};

describe.each(testDialects())('training plan versions repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let f: Fixture;
  let courseId = 0;

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    f = await seedFixture(h.db);
    courseId = await insertCourse(
      h.db,
      'T1',
      'R.LAW',
      {
        nameVi: 'Pháp luật',
        nameEn: 'Law',
        contentType: 'JOB_POSITION',
        mode: 'IN_PERSON',
        provider: 'P',
        location: null,
        durationDays: 3,
        sessions: [{ days: 3 }],
        classCapacity: 30,
        minClassSize: 1,
        costPerClass: 1_000_000_000,
        costPerParticipant: 500_000_000,
        fundingSource: 'STATE_BUDGET',
        prerequisites: [],
        eligibility: OPEN_ELIGIBILITY,
        effectiveFrom: '2026-01-01',
        effectiveTo: null,
        competencies: [],
      },
      NOW,
      null,
    );
  });
  afterAll(async () => h?.close());

  const classes = (): repo.NewClass[] => [
    {
      courseId,
      courseCode: 'R.LAW',
      year: 2027,
      classNo: 1,
      fundingSource: 'STATE_BUDGET',
      cost: 1_500_000_000,
      attendees: [
        {
          staffId: f.staffA,
          unitId: f.unitA,
          weight: 2.5,
          needs: [{ kind: 'COMPETENCY', competencyCode: 'T.LAW', courseCode: null, required: 3, assessed: 2, weight: 2.5 }],
        },
      ],
    },
    { courseId, courseCode: 'R.LAW', year: 2026, classNo: 1, fundingSource: 'STATE_BUDGET', cost: 1_000_000_000, attendees: [] },
    { courseId, courseCode: 'R.LAW', year: 2026, classNo: 2, fundingSource: 'EMPLOYER', cost: 500_000_000, attendees: [] },
  ];

  it('stores a version, its classes and attendees with the why, and replaces them on a retry', async () => {
    const id = await repo.insertPlan(h.db, {
      provinceCode: 'T1',
      name: 'V1',
      parameters: FIXTURE_PLAN_PARAMETERS,
      createdBy: null,
      createdAt: NOW,
    });
    expect(await repo.findPlan(h.db, id)).toMatchObject({
      status: 'QUEUED',
      parameters: FIXTURE_PLAN_PARAMETERS,
      objective: null,
      jobId: null,
    });
    await repo.storePlanResult(h.db, id, OUTCOME, classes(), NOW);
    await repo.storePlanResult(h.db, id, OUTCOME, classes(), NOW); // a retried job starts clean
    const plan = await repo.findPlan(h.db, id);
    expect(plan).toMatchObject({ ...OUTCOME, status: 'DONE', finishedAt: NOW, totalCost: 3_000_000_000 });
    expect(await repo.planCosts(h.db, id)).toEqual([
      { year: 2026, fundingSource: 'EMPLOYER', classes: 1, participants: 0, cost: 500_000_000 },
      { year: 2026, fundingSource: 'STATE_BUDGET', classes: 1, participants: 0, cost: 1_000_000_000 },
      { year: 2027, fundingSource: 'STATE_BUDGET', classes: 1, participants: 1, cost: 1_500_000_000 },
    ]);
    expect(await repo.countClasses(h.db, id, {})).toBe(3);
    expect(await repo.countClasses(h.db, id, { year: 2026 })).toBe(2);
    const page = await repo.listClasses(h.db, id, {}, { offset: 1, limit: 2 });
    expect(page.map((c) => [c.year, c.classNo])).toEqual([
      [2026, 2],
      [2027, 1],
    ]);
    expect(page[1]).toMatchObject({ courseNameVi: 'Pháp luật', participants: 1, cost: 1_500_000_000 });
    const attendees = await repo.listAttendees(
      h.db,
      page.map((c) => c.id),
    );
    expect(attendees).toEqual([
      {
        classId: page[1]?.id,
        staffId: f.staffA,
        fullName: 'Nguyễn Văn Mạnh',
        nameSort: expect.any(String),
        unitId: f.unitA,
        unitName: 'Xã Hòa Bình',
        weight: 2.5,
        needs: [{ kind: 'COMPETENCY', competencyCode: 'T.LAW', courseCode: null, required: 3, assessed: 2, weight: 2.5 }],
      },
    ]);
    expect(await repo.planCourseCodes(h.db, id)).toEqual(['R.LAW']);
  });

  it('lists the province’s versions newest first and marks failures', async () => {
    const a = await repo.insertPlan(h.db, {
      provinceCode: 'T1',
      name: 'A',
      parameters: FIXTURE_PLAN_PARAMETERS,
      createdBy: f.users.province_analyst?.userId ?? null,
      createdAt: NOW,
    });
    const b = await repo.insertPlan(h.db, {
      provinceCode: 'T2',
      name: 'B',
      parameters: FIXTURE_PLAN_PARAMETERS,
      createdBy: null,
      createdAt: NOW,
    });
    await repo.setPlanStatus(h.db, a, 'FAILED', 'boom', NOW);
    const list = await repo.listPlans(h.db, 'T1', 10);
    expect(list[0]).toMatchObject({ id: a, status: 'FAILED', error: 'boom', createdByName: 'Test province_analyst' });
    expect(list.map((p) => p.id)).not.toContain(b);
    expect((await repo.listPlans(h.db, 'T2', 10)).map((p) => p.id)).toEqual([b]);
  });

  it('counts ACTIVE staff per unit', async () => {
    const counts = await repo.activeStaffByUnit(h.db, 'T1');
    expect(counts.get(f.unitA)).toBe(1);
    expect(await repo.provincesWithCourses(h.db)).toEqual(['T1']);
  });
});
