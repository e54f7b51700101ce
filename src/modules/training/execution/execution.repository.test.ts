import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/databases.ts';
import { type Fixture, NOW, seedFixture } from '../../../../test/support/fixture.ts';
import type { AuditMeta } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { DatabaseHandle } from '../../../platform/db/connect.ts';
import type { Db } from '../../../platform/db/database.ts';
import { fixedClock } from '../../../platform/time/clock.ts';
import { listTrainingEvidence } from '../../position-fit/position-fit.repository.ts';
import { insertStaff } from '../../reviews/assessments/assessments.fixtures.ts';
import { OPEN_ELIGIBILITY } from '../courses.ts';
import { completedCoursesOf } from '../needs/needs.repository.ts';
import { insertCourse } from '../training.repository.ts';
import * as repo from './execution.repository.ts';
import { complete, enrol } from './use-cases/participants.ts';
import { personFactsOf } from './use-cases/person-facts.ts';

/**
 * Held classes on both dialects: the rows and grouped figures, and the two races capacity
 * and uniqueness must survive (concurrent enrolments into the last seats of one class).
 */
describe.each(testDialects())('training execution repository on %s', (dialect) => {
  let h: DatabaseHandle;
  let db: Db;
  let f: Fixture;
  let courseId: number;
  let actor: Actor;
  let meta: AuditMeta;
  const people: number[] = [];
  const deps = () => ({ db, clock: fixedClock(NOW) });

  const newClass = async (code: string, capacity: number, over: Partial<repo.ClassContent> = {}) =>
    repo.insertClass(
      db,
      'T1',
      {
        courseId,
        code,
        status: 'OPEN',
        organisingUnitId: f.unitA,
        provider: 'Trường Chính trị tỉnh',
        year: 2026,
        startDate: '2026-02-02',
        endDate: '2026-02-06',
        sessionDays: 5,
        location: null,
        mode: 'IN_PERSON',
        capacity,
        planClassId: null,
        ...over,
      },
      NOW,
      null,
    );

  beforeAll(async () => {
    h = await createTestDatabase(dialect);
    db = h.db;
    f = await seedFixture(db);
    const admin = f.users.province_admin;
    if (!admin) throw new Error('fixture user province_admin missing');
    actor = {
      userId: admin.userId,
      username: admin.username,
      displayName: admin.username,
      role: 'province_admin',
      provinceCode: 'T1',
      unitId: null,
      locale: 'vi',
      sessionId: null,
      via: 'token',
    };
    meta = { actor, requestId: null, at: NOW, provinceCode: 'T1' };
    courseId = await insertCourse(
      db,
      'T1',
      'C.LAW3',
      {
        nameVi: 'Pháp luật cơ sở',
        nameEn: 'Grassroots law',
        contentType: 'JOB_POSITION',
        mode: 'IN_PERSON',
        provider: 'Trường Chính trị tỉnh',
        location: null,
        durationDays: 5,
        sessions: [{ days: 5 }],
        classCapacity: 30,
        minClassSize: 1,
        costPerClass: 1_000_000,
        costPerParticipant: 100_000,
        fundingSource: 'STATE_BUDGET',
        prerequisites: [],
        eligibility: OPEN_ELIGIBILITY,
        competencies: [{ competencyCode: 'T.LAW', raisesToLevel: 3 }],
        effectiveFrom: '2026-01-01',
        effectiveTo: null,
      },
      NOW,
      null,
    );
    for (let i = 0; i < 8; i++) people.push(await insertStaff(db, { unitId: i < 6 ? f.unitA : f.unitB, fullName: `Học viên ${i}` }, NOW));
  });
  afterAll(async () => h?.close());

  it('stores a class with its course and unit, and refuses a second class with the same code', async () => {
    const id = await newClass('C.LAW3-2026-1', 30);
    const c = await repo.findClass(db, id);
    expect(c).toMatchObject({
      code: 'C.LAW3-2026-1',
      courseCode: 'C.LAW3',
      organisingUnitId: f.unitA,
      startDate: '2026-02-02',
      status: 'OPEN',
      version: 1,
    });
    await expect(newClass('C.LAW3-2026-1', 30)).rejects.toMatchObject({ code: 'TRAINING_CLASS_CODE_TAKEN' });
    await repo.updateClass(db, id, 1, { ...(c as repo.ClassRecord), status: 'RUNNING' }, NOW, null);
    await expect(repo.updateClass(db, id, 1, { ...(c as repo.ClassRecord), status: 'OPEN' }, NOW, null)).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    const list = await repo.listClasses(db, 'T1', { year: 2026, status: 'RUNNING' }, { limit: 10, offset: 0 });
    expect(list.items.map((x) => x.id)).toContain(id);
    expect((await repo.listClasses(db, 'T2', {}, { limit: 10, offset: 0 })).total).toBe(0);
  });

  it('never seats more people than the capacity when enrolments race for the last seats', async () => {
    const id = await newClass('RACE-1', 3);
    const results = await Promise.all(people.map((p) => enrol(deps(), actor, id, { staffIds: [p] }, meta, 'vi')));
    const enrolled = results.flatMap((r) => r.enrolled);
    const full = results.flatMap((r) => r.refused).filter((r) => r.code === 'CLASS_FULL');
    expect(enrolled).toHaveLength(3);
    expect(full).toHaveLength(5);
    expect((await repo.seatCounts(db, [id])).get(id)?.seats).toBe(3);
  });

  it('enrols a person once when the same enrolment is sent twice at the same time', async () => {
    const id = await newClass('RACE-2', 10);
    const p = people[0] as number;
    const results = await Promise.all([1, 2, 3].map(() => enrol(deps(), actor, id, { staffIds: [p] }, meta, 'vi')));
    expect(results.flatMap((r) => r.enrolled)).toHaveLength(1);
    expect(results.flatMap((r) => r.refused).map((r) => r.code)).toEqual(['ALREADY_ENROLLED', 'ALREADY_ENROLLED']);
    expect((await repo.listEnrolments(db, id)).map((e) => e.staffId)).toEqual([p]);
  });

  it('overwrites an attendance cell and reads the cells back', async () => {
    const id = await newClass('ATT-1', 10);
    const r = await enrol(deps(), actor, id, { staffIds: [people[1] as number] }, meta, 'vi');
    const eid = r.enrolled[0]?.enrolmentId as number;
    await repo.upsertAttendance(
      db,
      'T1',
      [
        { enrolmentId: eid, day: 1, present: true },
        { enrolmentId: eid, day: 2, present: true },
      ],
      NOW,
      null,
    );
    await repo.upsertAttendance(db, 'T1', [{ enrolmentId: eid, day: 2, present: false }], NOW, null);
    expect(await repo.listAttendance(db, [eid])).toEqual([
      { enrolmentId: eid, day: 1, present: true },
      { enrolmentId: eid, day: 2, present: false },
    ]);
  });

  it('records evidence for a passed result and removes it when corrected to FAILED', async () => {
    const id = await newClass('DONE-1', 10);
    const r = await enrol(deps(), actor, id, { staffIds: [people[2] as number, people[6] as number] }, meta, 'vi');
    const [a, b] = r.enrolled.map((e) => e.enrolmentId) as [number, number];
    await complete(
      deps(),
      actor,
      id,
      {
        completedOn: '2026-02-06',
        results: [
          { enrolmentId: a, outcome: 'COMPLETED', score: 8 },
          { enrolmentId: b, outcome: 'FAILED' },
        ],
      },
      meta,
      'vi',
    );
    const ev = await listTrainingEvidence(db, 'T1', [people[2] as number, people[6] as number]);
    expect(ev.map((e) => [e.staffId, e.competencyCode, e.level, e.achievedOn, e.classCode, e.recordedBy])).toEqual([
      [people[2], 'T.LAW', 3, '2026-02-06', 'DONE-1', actor.userId],
    ]);
    expect((await repo.findClass(db, id))?.status).toBe('COMPLETED');
    await complete(deps(), actor, id, { results: [{ enrolmentId: a, outcome: 'FAILED' }] }, meta, 'vi');
    expect(await listTrainingEvidence(db, 'T1', [people[2] as number])).toEqual([]);
    const audit = await db.selectFrom('auditLog').select(['action', 'entityId']).where('action', '=', 'training.class.complete').execute();
    expect(audit.filter((x) => x.entityId === String(id))).toHaveLength(2);
  });

  it('groups held seats by the participants’ unit and planned attendees by unit, in SQL', async () => {
    const id = await newClass('GROUP-1', 10, { year: 2027, startDate: '2027-03-01', endDate: '2027-03-05' });
    await enrol(deps(), actor, id, { staffIds: [people[3] as number, people[4] as number, people[7] as number] }, meta, 'vi');
    const rows = await repo.heldClassUnits(db, 'T1', { year: 2027 });
    expect(rows.map((r) => [r.unitId, r.seats, r.classSeats]).sort()).toEqual(
      [
        [f.unitA, 2, 3],
        [f.unitB, 1, 3],
      ].sort(),
    );
    const { id: planId } = await db
      .insertInto('trainingPlans')
      .values({ provinceCode: 'T1', name: 'KH 2026–2030', status: 'DONE', parameters: '{}', createdAt: NOW })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { id: pcId } = await db
      .insertInto('trainingPlanClasses')
      .values({
        provinceCode: 'T1',
        planId,
        courseId,
        courseCode: 'C.LAW3',
        year: 2027,
        classNo: 1,
        participants: 4,
        fundingSource: 'STATE_BUDGET',
        cost: 1_400_000,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('trainingPlanAttendees')
      .values(
        [3, 4, 5, 7].map((i) => ({
          provinceCode: 'T1',
          planId,
          classId: pcId,
          staffId: people[i] as number,
          unitId: i < 6 ? f.unitA : f.unitB,
          weight: 1,
          needs: '[]',
        })),
      )
      .execute();
    const planned = await repo.plannedClassUnits(db, planId, { year: 2027 });
    expect(planned.map((r) => [r.unitId, r.attendees, r.classParticipants, r.classCost]).sort()).toEqual(
      [
        [f.unitA, 3, 4, 1_400_000],
        [f.unitB, 1, 4, 1_400_000],
      ].sort(),
    );
    expect((await repo.findPlan(db, 'T1', undefined))?.id).toBe(planId);
    expect(await repo.findPlan(db, 'T2', planId)).toBeNull();
  });
  it('reads completed courses for needs and the facts eligibility judges (the class being enrolled in left out)', async () => {
    const id = await newClass('FACTS-1', 10, { endDate: '2026-02-13' });
    const [p5, p0] = [people[5] as number, people[0] as number];
    const r = await enrol(deps(), actor, id, { staffIds: [p5, p0] }, meta, 'vi');
    const [a, b] = r.enrolled.map((e) => e.enrolmentId) as [number, number];
    await complete(
      deps(),
      actor,
      id,
      {
        completedOn: '2026-02-13',
        results: [
          { enrolmentId: a, outcome: 'COMPLETED' },
          { enrolmentId: b, outcome: 'FAILED' },
        ],
      },
      meta,
      'vi',
    );
    const done = await completedCoursesOf(db, [p5, p0]);
    expect(done.get(p5)).toEqual([{ courseCode: 'C.LAW3', completedOn: '2026-02-13' }]);
    expect(done.has(p0)).toBe(false);
    const facts = await personFactsOf(db, 'T1', [p5, p0], '2026-03-01');
    expect(facts.get(p5)?.completedCourses).toEqual(['C.LAW3']);
    expect(facts.get(p0)?.completedCourses).toEqual([]);
    expect((await personFactsOf(db, 'T1', [p5], '2026-03-01', id)).get(p5)?.completedCourses).toEqual([]);
    expect((await personFactsOf(db, 'T2', [p5], '2026-03-01')).size).toBe(0);
  });
});
