import type { AuditMeta } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { fixedClock } from '../../../platform/time/clock.ts';
import { OPEN_ELIGIBILITY } from '../../training/courses.ts';
import { insertClass } from '../../training/execution/execution.repository.ts';
import { complete, enrol } from '../../training/execution/use-cases/participants.ts';
import { insertCourse } from '../../training/training.repository.ts';

/**
 * Staffing tests' way to give people training evidence: the real path of issue 6 §5 (a catalogue
 * course, a held class, enrolment, a passed result), so position-fit records the evidence
 * exactly as it does in production. The actor has no user row (userId 0): nothing points at users.
 */

const AT = '2026-03-02T03:00:00.000Z';
let seq = 0;

export type CompletedCourse = {
  provinceCode: string;
  staffIds: readonly number[];
  competencyCode: string;
  /** The level the course raises the competency to. */
  level: number;
  /** The class runs the five days ending on this date, which is also the completion date. */
  completedOn: string;
};

const minusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

export async function completeCourse(db: Db, c: CompletedCourse): Promise<{ classId: number; classCode: string }> {
  seq += 1;
  const actor: Actor = {
    userId: 0,
    username: 'system',
    displayName: 'system',
    role: 'province_admin',
    provinceCode: c.provinceCode,
    unitId: null,
    locale: 'vi',
    sessionId: null,
    via: 'system',
  };
  const meta: AuditMeta = { actor, requestId: null, at: AT, provinceCode: c.provinceCode };
  const deps = { db, clock: fixedClock(AT) };
  const courseCode = `C.STAFFING${seq}`;
  const courseId = await insertCourse(
    db,
    c.provinceCode,
    courseCode,
    {
      nameVi: `Bồi dưỡng ${c.competencyCode}`,
      nameEn: `Training in ${c.competencyCode}`,
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
      competencies: [{ competencyCode: c.competencyCode, raisesToLevel: c.level }],
      effectiveFrom: '2025-01-01',
      effectiveTo: null,
    },
    AT,
    null,
  );
  const classCode = `${courseCode}-${c.completedOn}`;
  const classId = await insertClass(
    db,
    c.provinceCode,
    {
      courseId,
      code: classCode,
      status: 'OPEN',
      organisingUnitId: null,
      provider: 'Trường Chính trị tỉnh',
      year: Number(c.completedOn.slice(0, 4)),
      startDate: minusDays(c.completedOn, 4),
      endDate: c.completedOn,
      sessionDays: 5,
      location: null,
      mode: 'IN_PERSON',
      capacity: 30,
      planClassId: null,
    },
    AT,
    null,
  );
  const enrolled = await enrol(deps, actor, classId, { staffIds: [...c.staffIds] }, meta, 'vi');
  if (enrolled.enrolled.length !== c.staffIds.length) throw new Error(`completeCourse: not enrolled ${JSON.stringify(enrolled.refused)}`);
  await complete(
    deps,
    actor,
    classId,
    {
      completedOn: c.completedOn,
      results: enrolled.enrolled.map((e) => ({ enrolmentId: e.enrolmentId, outcome: 'COMPLETED' as const, score: 8 })),
    },
    meta,
    'vi',
  );
  return { classId, classCode };
}
