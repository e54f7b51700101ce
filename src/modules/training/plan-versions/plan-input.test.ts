import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_POSTGRADUATE_CONFIG } from '../../../platform/rules/defaults/training.config.ts';
import { OPEN_ELIGIBILITY } from '../courses.ts';
import type { Need, PersonNeeds } from '../needs/needs.ts';
import { checkPlan } from '../plan/plan-model.ts';
import { solvePlan } from '../plan/solve-plan.ts';
import type { CourseRecord } from '../training.repository.ts';
import { buildPlanInput, inputDigest, type PlanParameters } from './plan-input.ts';
import { choosePlan, toClasses } from './use-cases/generate-plan.ts';

function course(id: number, code: string, over: Partial<CourseRecord> = {}): CourseRecord {
  return {
    id,
    provinceCode: 'T1',
    code,
    nameVi: code,
    nameEn: code,
    contentType: 'JOB_POSITION',
    mode: 'IN_PERSON',
    provider: 'P',
    location: null,
    durationDays: 3,
    sessions: [{ days: 3 }],
    classCapacity: 2,
    minClassSize: 1,
    costPerClass: 10_000_000,
    costPerParticipant: 1_000_000,
    fundingSource: 'STATE_BUDGET',
    prerequisites: [],
    eligibility: OPEN_ELIGIBILITY,
    status: 'ACTIVE',
    version: 1,
    effectiveFrom: '2025-01-01',
    effectiveTo: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    createdBy: null,
    updatedAt: '2025-01-01T00:00:00.000Z',
    updatedBy: null,
    competencies: [{ competencyCode: 'LAW', raisesToLevel: 3 }],
    ...over,
  };
}

const need = (competencyCode: string, required: number, weight: number): Need => ({
  kind: 'COMPETENCY',
  competencyCode,
  courseCode: null,
  required,
  assessed: 1,
  notAssessed: false,
  gap: required - 1,
  weight,
  factors: [],
  candidateCourses: [],
});

function person(staffId: number, unitId: number, needs: Need[], over: Partial<PersonNeeds> = {}): PersonNeeds {
  return {
    staffId,
    fullName: `P${staffId}`,
    rank: 'CHUYEN_VIEN',
    unitId,
    unitCode: `U${unitId}`,
    unitName: `Unit ${unitId}`,
    positionId: 1,
    positionCode: 'POS',
    positionNameVi: 'Vị trí',
    positionNameEn: 'Position',
    positionGroup: 'PROFESSIONAL',
    field: 'JUSTICE_CIVIL_STATUS',
    totalWeight: needs.reduce((s, n) => s + n.weight, 0),
    needs,
    ...over,
  };
}

const params = (over: Partial<PlanParameters> = {}): PlanParameters => ({
  years: [2026],
  budgets: [{ year: 2026, fundingSource: 'STATE_BUDGET', amount: 12_000_000 }],
  maxDaysPerPersonYear: 10,
  maxUnitShareAway: 1,
  timeLimitSeconds: 10,
  method: 'MIP',
  ...over,
});

const pg = DEFAULT_TRAINING_POSTGRADUATE_CONFIG;

describe('training plan input from stored data', () => {
  it('keeps people with a closable need, sorts everything, and maps needs to the model', () => {
    const people = [
      person(3, 10, [need('LAW', 3, 2)]),
      person(1, 10, [need('LAW', 3, 5), need('IT', 2, 9)]), // IT: no course raises it
      person(2, 11, [need('IT', 2, 4)]), // nothing closable: left out
    ];
    const courses = [course(7, 'Z.LAW'), course(8, 'A.OLD', { status: 'RETIRED' }), course(9, 'B.LATER', { effectiveFrom: '2031-01-01' })];
    const g = buildPlanInput(params(), courses, people, new Map([[10, 4]]), pg);
    expect(g.input.courses.map((c) => c.id)).toEqual(['Z.LAW']);
    expect(g.input.people.map((p) => p.id)).toEqual([1, 3]);
    expect(g.input.people[0]?.needs).toEqual([{ kind: 'COMPETENCY', competencyCode: 'LAW', requiredLevel: 3, weight: 5 }]);
    expect(g.input.units).toEqual([{ id: 10, staffCount: 4 }]);
    // The penalty never trades a need: the whole budget costs a thousandth of the smallest weight.
    expect((g.input.costPenalty ?? 0) * 12_000_000).toBeCloseTo(2 / 1000, 12);
    const shuffled = buildPlanInput(params(), [...courses].reverse(), [...people].reverse(), new Map([[10, 4]]), pg);
    const settings = { method: 'MIP', seed: 0, mipRelGap: 1e-4 };
    expect(inputDigest(shuffled.input, settings)).toBe(inputDigest(g.input, settings));
    expect(inputDigest(buildPlanInput(params({ maxDaysPerPersonYear: 9 }), courses, people, new Map(), pg).input, settings)).not.toBe(
      inputDigest(g.input, settings),
    );
  });

  it('leaves out courses a person is not targeted by', () => {
    const c = course(7, 'LAW.SUPPORT', { eligibility: { ...OPEN_ELIGIBILITY, positionGroups: ['SUPPORT'] } });
    const g = buildPlanInput(params(), [c], [person(1, 10, [need('LAW', 3, 5)])], new Map(), pg);
    expect(g.input.people).toEqual([]);
  });

  it('judges postgraduate eligibility and completed courses from the recorded facts when given', () => {
    const master = course(7, 'PG.LAW', { eligibility: { ...OPEN_ELIGIBILITY, postgraduate: { programmeMonths: 24 } } });
    const people = [person(1, 10, [need('LAW', 3, 5)]), person(2, 10, [need('LAW', 3, 5)])];
    // Without recorded facts nobody meets the service, rating and age conditions.
    expect(buildPlanInput(params(), [master], people, new Map(), pg).input.people).toEqual([]);
    const facts = {
      rank: 'CHUYEN_VIEN',
      positionGroup: 'PROFESSIONAL',
      field: null,
      birthDate: '1990-05-01',
      serviceStartDate: '2015-03-01',
      ratings: [
        { year: 2025, rating: 'GOOD' as const },
        { year: 2024, rating: 'EXCELLENT' as const },
      ],
      completedCourses: ['OLD.BASICS', 'PG.LAW.PRE'],
      sentToPostgraduateBefore: false,
      retirementDate: null,
    };
    const pre = course(6, 'PG.LAW.PRE', { competencies: [{ competencyCode: 'LAW', raisesToLevel: 2 }] });
    const withPre = course(7, 'PG.LAW', { eligibility: master.eligibility, prerequisites: ['PG.LAW.PRE'] });
    const recorded = new Map([
      [1, facts],
      [2, { ...facts, birthDate: '1970-01-01' }], // 55 on 1 January 2026: over the age limit
    ]);
    const g = buildPlanInput(params(), [pre, withPre], people, new Map(), pg, recorded);
    // Person 2 may take only the prerequisite, which raises LAW to 2 of the 3 needed: nothing closable, left out.
    // Completed courses outside the catalogue (OLD.BASICS) do not reach the model.
    expect(g.input.people.map((p) => [p.id, p.eligibleCourses, p.completedCourses])).toEqual([
      [1, ['PG.LAW', 'PG.LAW.PRE'], ['PG.LAW.PRE']],
    ]);
  });

  it('finds the known optimum of a budget-bound instance and explains each attendance', async () => {
    // Budget 12 M: one class (10 M) plus two participants (1 M each). Capacity 2. The optimum takes the
    // two heaviest needs (5 and 4; the unit cap of 1 in unit 10 leaves person 1 or 2, so 5 + 3 from unit 11).
    const people = [
      person(1, 10, [need('LAW', 3, 5)]),
      person(2, 10, [need('LAW', 3, 4)]),
      person(3, 11, [need('LAW', 3, 3)]),
      person(4, 11, [need('LAW', 2, 1)]),
    ];
    const g = buildPlanInput(
      params({ maxUnitShareAway: 0.25 }),
      [course(7, 'C.LAW')],
      people,
      new Map([
        [10, 4],
        [11, 4],
      ]),
      pg,
    );
    const result = await solvePlan(g.input, { timeLimitSeconds: 10, mipRelGap: 0, seed: 0 });
    const chosen = choosePlan(g.input, { greedy: { courses: [] }, greedySeconds: 0, result });
    expect(chosen.method).toBe('MIP');
    expect(chosen.value.gapClosed).toBe(8);
    expect(chosen.value.cost).toBe(12_000_000);
    expect(checkPlan(g.input, chosen.plan)).toEqual([]);
    const classes = toClasses(g, chosen.plan);
    expect(classes).toHaveLength(1);
    expect(classes[0]).toMatchObject({ courseId: 7, courseCode: 'C.LAW', year: 2026, classNo: 1, cost: 12_000_000 });
    expect(classes[0]?.attendees.map((a) => [a.staffId, a.weight])).toEqual([
      [1, 5],
      [3, 3],
    ]);
    expect(classes[0]?.attendees[0]?.needs).toEqual([
      { kind: 'COMPETENCY', competencyCode: 'LAW', courseCode: null, required: 3, assessed: 1, weight: 5 },
    ]);
  });

  it('keeps the greedy plan when the solver found nothing better', () => {
    const g = buildPlanInput(params(), [course(7, 'C.LAW')], [person(1, 10, [need('LAW', 3, 5)])], new Map(), pg);
    const greedy = { courses: [{ courseId: 'C.LAW', year: 2026, classes: 1, attendees: [1] }] };
    const chosen = choosePlan(g.input, { greedy, greedySeconds: 0.1, result: null });
    expect(chosen).toMatchObject({ method: 'GREEDY', solverStatus: 'GREEDY_ONLY', gap: null, seconds: 0.1 });
    expect(chosen.value.gapClosed).toBe(5);
  });
});
