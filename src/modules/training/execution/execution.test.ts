import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_MANDATORY_COURSES_CONFIG } from '../../../platform/rules/defaults/training.config.ts';
import { DEFAULT_TRAINING_NEED_WEIGHTS_CONFIG } from '../../../platform/rules/defaults/training-needs.config.ts';
import { competencyFits, type TestLevel, type TrainingLevel } from '../../position-fit/fit.ts';
import { computeNeeds, type PersonInput } from '../needs/needs.ts';
import {
  actualByUnitYear,
  canChangeStatus,
  canEnrol,
  canRecordResults,
  decideEnrolments,
  evidenceOf,
  plannedByUnitYear,
  planVsActual,
} from './execution.ts';
import { attendanceOf, completionOf, staffIdsOf, windowStart } from './execution-forms.ts';

describe('class status rules', () => {
  it('moves PLANNED → OPEN → RUNNING, back one step, or to CANCELLED; never out of COMPLETED or CANCELLED', () => {
    expect(canChangeStatus('PLANNED', 'OPEN')).toBe(true);
    expect(canChangeStatus('OPEN', 'RUNNING')).toBe(true);
    expect(canChangeStatus('RUNNING', 'OPEN')).toBe(true);
    expect(canChangeStatus('RUNNING', 'CANCELLED')).toBe(true);
    expect(canChangeStatus('PLANNED', 'RUNNING')).toBe(false);
    expect(canChangeStatus('RUNNING', 'COMPLETED')).toBe(false);
    expect(canChangeStatus('COMPLETED', 'RUNNING')).toBe(false);
    expect(canChangeStatus('CANCELLED', 'OPEN')).toBe(false);
    expect(canChangeStatus('COMPLETED', 'COMPLETED')).toBe(true);
  });

  it('enrols until the class is held and records results once it has started', () => {
    expect(['PLANNED', 'OPEN', 'RUNNING', 'COMPLETED', 'CANCELLED'].map((s) => canEnrol(s as never))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(['PLANNED', 'OPEN', 'RUNNING', 'COMPLETED', 'CANCELLED'].map((s) => canRecordResults(s as never))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('decideEnrolments', () => {
  const c = (staffId: number, over: Partial<{ found: boolean; existing: 'ENROLLED' | 'WITHDRAWN' | null; eligible: boolean }> = {}) => ({
    staffId,
    found: true,
    existing: null,
    eligible: true,
    ...over,
  });

  it('fills the free seats in order and refuses the rest CLASS_FULL', () => {
    const d = decideEnrolments([c(1), c(2), c(3)], 8, 10);
    expect(d).toEqual([
      { staffId: 1, action: 'INSERT' },
      { staffId: 2, action: 'INSERT' },
      { staffId: 3, refusal: 'CLASS_FULL' },
    ]);
  });

  it('gives every refusal its reason and does not let a refused person take a seat', () => {
    const d = decideEnrolments(
      [c(1, { found: false }), c(2, { existing: 'ENROLLED' }), c(3, { eligible: false }), c(4, { existing: 'WITHDRAWN' }), c(4), c(5)],
      0,
      1,
    );
    expect(d).toEqual([
      { staffId: 1, refusal: 'STAFF_NOT_FOUND' },
      { staffId: 2, refusal: 'ALREADY_ENROLLED' },
      { staffId: 3, refusal: 'NOT_ELIGIBLE' },
      { staffId: 4, action: 'REACTIVATE' },
      { staffId: 4, refusal: 'DUPLICATE' },
      { staffId: 5, refusal: 'CLASS_FULL' },
    ]);
  });
});

describe('evidenceOf', () => {
  const comps = [
    { competencyCode: 'T.LAW', raisesToLevel: 3 },
    { competencyCode: 'T.CIVIL', raisesToLevel: 4 },
  ];
  it('records each competency of the course at its level for a passing result only', () => {
    expect(evidenceOf('COMPLETED', comps)).toEqual([
      { competencyCode: 'T.LAW', level: 3 },
      { competencyCode: 'T.CIVIL', level: 4 },
    ]);
    expect(evidenceOf('FAILED', comps)).toEqual([]);
    expect(evidenceOf('NO_SHOW', comps)).toEqual([]);
  });
});

describe('completion → evidence → fit and needs (the Done-means check, pure)', () => {
  const requirements = [{ competencyCode: 'T.LAW', level: 3 }];
  const test: TestLevel = { id: 1, competencyCode: 'T.LAW', testName: 'Sát hạch', takenOn: '2026-01-10', levelAchieved: 2, passed: false };
  const training = (over: Partial<TrainingLevel> = {}): TrainingLevel => ({
    enrolmentId: 7,
    competencyCode: 'T.LAW',
    level: 3,
    achievedOn: '2026-02-20',
    classId: 3,
    classCode: 'C.LAW3-2026-1',
    courseCode: 'C.LAW3',
    courseName: 'Pháp luật',
    ...over,
  });
  const person = (trainings: TrainingLevel[]): PersonInput => ({
    staffId: 1,
    fullName: 'Nguyễn Văn A',
    nameSort: 'nguyen van a',
    rank: 'CHUYEN_VIEN',
    unitId: 10,
    unitCode: 'U10',
    unitName: 'Xã A',
    positionId: 5,
    positionCode: 'P.JUSTICE',
    positionNameVi: 'Tư pháp',
    positionNameEn: 'Justice',
    positionGroup: 'PROFESSIONAL',
    field: 'JUSTICE_CIVIL_STATUS',
    competencies: competencyFits(requirements, [], [test], trainings),
  });
  const needsOf = (p: PersonInput) =>
    computeNeeds({
      people: [p],
      competencies: new Map(),
      pressure: { runId: null, lines: [] },
      courses: [],
      weights: DEFAULT_TRAINING_NEED_WEIGHTS_CONFIG,
      mandatory: DEFAULT_TRAINING_MANDATORY_COURSES_CONFIG,
    })[0];

  it('a passed class closes the gap and its need; the correction to FAILED (no evidence) reopens both', () => {
    const before = competencyFits(requirements, [], [test]);
    expect(before[0]?.gap).toBe(1);
    const after = competencyFits(requirements, [], [test], [training()]);
    expect(after[0]).toMatchObject({
      gap: 0,
      assessed: { level: 3, origin: { kind: 'TRAINING', classCode: 'C.LAW3-2026-1', on: '2026-02-20' } },
    });
    expect(needsOf(person([]))?.needs.map((n) => n.competencyCode)).toEqual(['T.LAW']);
    expect(needsOf(person([training()]))?.needs).toEqual([]);
    // FAILED records no evidence: the fit is the test's again.
    expect(competencyFits(requirements, [], [test], [])[0]?.gap).toBe(1);
  });

  it('does not lower a higher level, and yields to fresher evidence dated after the class', () => {
    const higher: TestLevel = { ...test, levelAchieved: 4, takenOn: '2026-01-10' };
    expect(competencyFits(requirements, [], [higher], [training()])[0]?.assessed).toMatchObject({ level: 4, origin: { kind: 'TEST' } });
    const later: TestLevel = { ...test, takenOn: '2026-03-01' };
    expect(competencyFits(requirements, [], [later], [training()])[0]?.assessed).toMatchObject({ level: 2, origin: { kind: 'TEST' } });
  });

  it('counts for a competency never assessed, and takes the highest of several classes', () => {
    const fits = competencyFits(
      requirements,
      [],
      [],
      [training({ level: 2, enrolmentId: 1 }), training({ level: 3, enrolmentId: 2, achievedOn: '2025-05-01' })],
    );
    expect(fits[0]).toMatchObject({ gap: 0, assessed: { level: 3, origin: { kind: 'TRAINING', enrolmentId: 2 } } });
  });
});

describe('plan versus actual', () => {
  it('shares a class’s fixed cost by seats and joins plan and actual on unit × year', () => {
    const actual = actualByUnitYear([
      { classId: 1, year: 2026, unitId: 10, seats: 3, completed: 2, classSeats: 4, costPerClass: 1000, costPerParticipant: 10 },
      { classId: 1, year: 2026, unitId: 11, seats: 1, completed: 1, classSeats: 4, costPerClass: 1000, costPerParticipant: 10 },
    ]);
    expect(actual).toEqual([
      { unitId: 10, year: 2026, participants: 3, completed: 2, classes: 1, cost: 780 },
      { unitId: 11, year: 2026, participants: 1, completed: 1, classes: 1, cost: 260 },
    ]);
    const planned = plannedByUnitYear([
      { classId: 9, year: 2026, unitId: 10, attendees: 4, classParticipants: 8, classCost: 2000 },
      { classId: 8, year: 2027, unitId: 12, attendees: 2, classParticipants: 2, classCost: 500 },
    ]);
    const rows = planVsActual(planned, actual);
    expect(rows.map((r) => [r.unitId, r.year, r.planned?.participants ?? null, r.actual?.participants ?? null, r.completionRate])).toEqual([
      [10, 2026, 4, 3, 0.5],
      [11, 2026, null, 1, null],
      [12, 2027, 2, null, 0],
    ]);
    expect(rows[0]?.planned?.cost).toBe(1000);
  });
});

describe('the class page forms', () => {
  it('reads staff ids typed with commas, spaces or lines, keeping junk for the schema to refuse', () => {
    expect(staffIdsOf({ staffIds: '12, 13\n14 x' })).toEqual([12, 13, 14, 'x']);
  });
  it('records every shown cell: ticked present, unticked absent, at most one window of days', () => {
    expect(attendanceOf({ enrolments: '5,6', days: '1-2', present: '5:2' })).toEqual({
      entries: [
        { enrolmentId: 5, day: 1, present: false },
        { enrolmentId: 5, day: 2, present: true },
        { enrolmentId: 6, day: 1, present: false },
        { enrolmentId: 6, day: 2, present: false },
      ],
    });
    expect(attendanceOf({ enrolments: '5', days: '1-400' }).entries).toHaveLength(5);
    expect(attendanceOf({ enrolments: '5', days: 'x' }).entries).toEqual([]);
  });
  it('turns result fields into the API body, leaving out rows without an outcome', () => {
    expect(
      completionOf({ completedOn: '2026-02-20', 'outcome.5': 'COMPLETED', 'score.5': '8,5', 'cert.5': 'CC-1', 'outcome.6': '' }),
    ).toEqual({
      completedOn: '2026-02-20',
      results: [{ enrolmentId: 5, outcome: 'COMPLETED', score: 8.5, certificateNo: 'CC-1' }],
    });
  });
  it('keeps the attendance window inside the class days', () => {
    expect(windowStart(undefined, 10)).toBe(1);
    expect(windowStart(40, 10)).toBe(10);
  });
});
