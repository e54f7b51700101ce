import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_MANDATORY_COURSES_CONFIG } from '../../../platform/rules/defaults/training.config.ts';
import { DEFAULT_TRAINING_NEED_WEIGHTS_CONFIG } from '../../../platform/rules/defaults/training-needs.config.ts';
import type { CompetencyFit } from '../../position-fit/fit.ts';
import {
  type CompetencyInfo,
  type CourseOffer,
  computeNeeds,
  criticalityOf,
  mandatoryFor,
  type NeedsInput,
  onlyCompetency,
  type PersonInput,
  pressureOf,
  summarise,
} from './needs.ts';

const W = DEFAULT_TRAINING_NEED_WEIGHTS_CONFIG;

const assessedFit = (code: string, required: number, level: number): CompetencyFit => ({
  competencyCode: code,
  required,
  assessed: { level, origin: { kind: 'TEST', testId: 1, testName: 'Sát hạch', on: '2026-01-10', passed: true } },
  gap: Math.max(0, required - level),
});
const unassessedFit = (code: string, required: number): CompetencyFit => ({ competencyCode: code, required, assessed: null, gap: null });

function person(over: Partial<PersonInput> = {}): PersonInput {
  return {
    staffId: 1,
    fullName: 'Nguyễn Văn An',
    nameSort: 'an nguyen van',
    rank: 'CHUYEN_VIEN',
    unitId: 10,
    unitCode: '19801',
    unitName: 'Phường Thuận Hóa',
    positionId: 5,
    positionCode: 'P.JUSTICE',
    positionNameVi: 'Tư pháp',
    positionNameEn: 'Justice',
    positionGroup: 'PROFESSIONAL',
    field: 'JUSTICE_CIVIL_STATUS',
    competencies: [],
    ...over,
  };
}

const COMPETENCIES = new Map<string, CompetencyInfo>([
  ['LAW', { group: 'GENERAL', nameVi: 'Pháp luật', nameEn: 'Law' }],
  ['CIVIL', { group: 'FIELD', nameVi: 'Hộ tịch', nameEn: 'Civil status' }],
]);

function course(
  code: string,
  competencyCode: string,
  raisesToLevel: number,
  eligibility: Partial<CourseOffer['eligibility']> = {},
): CourseOffer {
  return {
    id: code.length,
    code,
    nameVi: `Khóa ${code}`,
    nameEn: `Course ${code}`,
    competencies: [{ competencyCode, raisesToLevel }],
    eligibility: { targetRanks: [], positionGroups: [], fields: [], ...eligibility },
  };
}

function input(over: Partial<NeedsInput> = {}): NeedsInput {
  return {
    people: [],
    competencies: COMPETENCIES,
    pressure: { runId: null, lines: [] },
    courses: [],
    weights: W,
    mandatory: DEFAULT_TRAINING_MANDATORY_COURSES_CONFIG,
    ...over,
  };
}

describe('criticality', () => {
  it('weighs a field competency 1.5 and a critical level (4–5) × 1.5 more', () => {
    expect(criticalityOf(3, COMPETENCIES.get('LAW'), W)).toMatchObject({ value: 1, source: 'RULE_GROUP' });
    expect(criticalityOf(3, COMPETENCIES.get('CIVIL'), W)).toMatchObject({ value: 1.5, source: 'RULE_GROUP' });
    expect(criticalityOf(4, COMPETENCIES.get('CIVIL'), W)).toMatchObject({ value: 2.25, source: 'RULE_GROUP_CRITICAL' });
    expect(criticalityOf(5, COMPETENCIES.get('LAW'), W)).toMatchObject({ value: 1.5, source: 'RULE_GROUP_CRITICAL' });
  });
  it('falls back to the general weight for a competency missing from the framework, and says so', () => {
    expect(criticalityOf(2, undefined, W)).toMatchObject({ value: 1, source: 'RULE_GROUP_UNKNOWN', detail: { group: null } });
  });
});

describe('workload pressure', () => {
  const lines = new Map([
    ['10\u0000JUSTICE_CIVIL_STATUS', { unitId: 10, field: 'JUSTICE_CIVIL_STATUS', status: 'SHORTAGE', ratio: 0.6 }],
    ['10\u0000LAND', { unitId: 10, field: 'LAND', status: 'SHORTAGE', ratio: 0.2 }],
    ['10\u0000CULTURE', { unitId: 10, field: 'CULTURE', status: 'SURPLUS', ratio: 1.4 }],
    ['10\u0000HEALTH', { unitId: 10, field: 'HEALTH', status: 'REFUSED', ratio: null }],
  ]);
  const basis = { runId: 7, lines: [...lines.values()] };
  it('is 1 + (1 − ratio), capped at 2, never below 1', () => {
    expect(pressureOf(10, 'JUSTICE_CIVIL_STATUS', basis, lines, W)).toMatchObject({
      value: 1.4,
      source: 'WISN_RUN',
      detail: { runId: 7, ratio: 0.6 },
    });
    expect(pressureOf(10, 'LAND', basis, lines, W).value).toBe(1.8);
    expect(pressureOf(10, 'CULTURE', basis, lines, W).value).toBe(1);
    const steep = { ...W, pressure: { slope: 2, maxFactor: 2, neutral: 1 } };
    expect(pressureOf(10, 'LAND', basis, lines, steep).value).toBe(2);
  });
  it('is neutral, with the reason, without a run, a field, a line or a ratio', () => {
    expect(pressureOf(10, 'LAND', { runId: null, lines: [] }, new Map(), W)).toMatchObject({ value: 1, source: 'NO_RUN' });
    expect(pressureOf(10, null, basis, lines, W)).toMatchObject({ value: 1, source: 'NO_FIELD' });
    expect(pressureOf(11, 'LAND', basis, lines, W)).toMatchObject({ value: 1, source: 'NO_LINE' });
    expect(pressureOf(10, 'HEALTH', basis, lines, W)).toMatchObject({ value: 1, source: 'NO_RATIO', detail: { status: 'REFUSED' } });
  });
});

describe('needs of a person', () => {
  it('multiplies gap × criticality × pressure × unit priority, and explains every factor', () => {
    // CIVIL: required 4, assessed 2 → gap 2; FIELD 1.5 × critical 1.5 = 2.25; ratio 0.75 → 1.25; unit priority 2.
    // 2 × 2.25 × 1.25 × 2 = 11.25. LAW: required 3, assessed 3 → no need.
    const p = person({ competencies: [assessedFit('CIVIL', 4, 2), assessedFit('LAW', 3, 3)] });
    const weights = { ...W, unitPriorities: [{ unitCode: '19801', priority: 2 }] };
    const [r] = computeNeeds(
      input({
        people: [p],
        weights,
        pressure: { runId: 3, lines: [{ unitId: 10, field: 'JUSTICE_CIVIL_STATUS', status: 'SHORTAGE', ratio: 0.75 }] },
      }),
    );
    expect(r?.needs).toHaveLength(1);
    const need = r?.needs[0];
    expect(need).toMatchObject({
      kind: 'COMPETENCY',
      competencyCode: 'CIVIL',
      required: 4,
      assessed: 2,
      gap: 2,
      notAssessed: false,
      weight: 11.25,
    });
    expect(need?.factors.map((f) => [f.factor, f.value, f.source])).toEqual([
      ['GAP', 2, 'ASSESSED'],
      ['CRITICALITY', 2.25, 'RULE_GROUP_CRITICAL'],
      ['PRESSURE', 1.25, 'WISN_RUN'],
      ['UNIT_PRIORITY', 2, 'RULE_UNIT'],
    ]);
    expect(need?.factors[0]?.detail).toMatchObject({ required: 4, assessed: 2, assessedFrom: 'TEST', assessedOn: '2026-01-10' });
    expect(r?.totalWeight).toBe(11.25);
  });

  it('treats a competency never assessed as a gap from the assumed level, flagged "not assessed"', () => {
    // LAW required 3, never assessed, assumed level 1 → gap 2 × GENERAL 1 × neutral 1 × 1 = 2.
    const [r] = computeNeeds(input({ people: [person({ competencies: [unassessedFit('LAW', 3)] })] }));
    expect(r?.needs[0]).toMatchObject({ notAssessed: true, gap: null, assessed: null, weight: 2 });
    expect(r?.needs[0]?.factors[0]).toMatchObject({ factor: 'GAP', value: 2, source: 'NOT_ASSESSED', detail: { notAssessedLevel: 1 } });
    expect(r?.needs[0]?.factors[2]).toMatchObject({ factor: 'PRESSURE', value: 1, source: 'NO_RUN' });
    // Required level 1 with the assumed level 1: nothing to close.
    const [none] = computeNeeds(input({ people: [person({ competencies: [unassessedFit('LAW', 1)] })] }));
    expect(none?.needs).toEqual([]);
  });

  it('lists the eligible courses that raise the competency to the required level, lowest sufficient first', () => {
    const courses = [
      course('C.LOW', 'CIVIL', 3),
      course('C.HIGH', 'CIVIL', 5),
      course('C.FOUR', 'CIVIL', 4),
      course('C.OTHER', 'LAW', 5),
      course('C.LEADERS', 'CIVIL', 5, { positionGroups: ['LEADERSHIP'] }),
      course('C.RANK', 'CIVIL', 5, { targetRanks: ['CHUYEN_VIEN'] }),
      course('C.LAND', 'CIVIL', 5, { fields: ['LAND'] }),
    ];
    const [r] = computeNeeds(input({ people: [person({ competencies: [assessedFit('CIVIL', 4, 2)] })], courses }));
    expect(r?.needs[0]?.candidateCourses.map((c) => [c.code, c.raisesToLevel])).toEqual([
      ['C.FOUR', 4],
      ['C.HIGH', 5],
      ['C.RANK', 5],
    ]);
  });

  it('adds the mandatory programmes of the person’s rank and position group (none by default)', () => {
    const mandatory = {
      ...DEFAULT_TRAINING_MANDATORY_COURSES_CONFIG,
      courses: [
        { courseCode: 'M.ETHICS', ranks: [], positionGroups: [], everyYears: null },
        { courseCode: 'M.LEAD', ranks: [], positionGroups: ['LEADERSHIP'], everyYears: 5 },
        { courseCode: 'M.CV', ranks: ['CHUYEN_VIEN'], positionGroups: ['PROFESSIONAL'], everyYears: null },
      ],
    };
    expect(mandatoryFor(person(), mandatory).map((c) => c.courseCode)).toEqual(['M.ETHICS', 'M.CV']);
    expect(mandatoryFor(person(), DEFAULT_TRAINING_MANDATORY_COURSES_CONFIG)).toEqual([]);
    const weights = { ...W, unitPriorities: [{ unitCode: '19801', priority: 1.5 }] };
    const [r] = computeNeeds(input({ people: [person()], mandatory, weights, courses: [course('M.ETHICS', 'LAW', 2)] }));
    // 3 × 1.5 = 4.5 each; the catalogue's M.ETHICS is the candidate, M.CV is not in the catalogue.
    expect(r?.needs.map((n) => [n.kind, n.courseCode, n.weight, n.candidateCourses.map((c) => c.code)])).toEqual([
      ['MANDATORY', 'M.CV', 4.5, []],
      ['MANDATORY', 'M.ETHICS', 4.5, ['M.ETHICS']],
    ]);
    expect(r?.totalWeight).toBe(9);
  });

  it('drops a mandatory programme the person completed: once for good, a repeated one within its period', () => {
    const mandatory = {
      ...DEFAULT_TRAINING_MANDATORY_COURSES_CONFIG,
      courses: [
        { courseCode: 'M.ETHICS', ranks: [], positionGroups: [], everyYears: null },
        { courseCode: 'M.IT', ranks: [], positionGroups: [], everyYears: 3 },
      ],
    };
    const codes = (completedCourses: { courseCode: string; completedOn: string }[], asOf?: string) =>
      mandatoryFor(person({ completedCourses }), mandatory, asOf).map((c) => c.courseCode);
    expect(codes([], '2026-11-30')).toEqual(['M.ETHICS', 'M.IT']);
    expect(codes([{ courseCode: 'M.ETHICS', completedOn: '2019-06-01' }], '2026-11-30')).toEqual(['M.IT']);
    expect(codes([{ courseCode: 'M.IT', completedOn: '2024-01-15' }], '2026-11-30')).toEqual(['M.ETHICS']);
    // Three years on, the repeated programme is due again; a completion after the day does not count yet.
    expect(codes([{ courseCode: 'M.IT', completedOn: '2023-11-30' }], '2026-11-30')).toEqual(['M.ETHICS', 'M.IT']);
    expect(codes([{ courseCode: 'M.ETHICS', completedOn: '2026-12-01' }], '2026-11-30')).toEqual(['M.ETHICS', 'M.IT']);
    // Without a day (old callers) nothing is taken as satisfied.
    expect(codes([{ courseCode: 'M.ETHICS', completedOn: '2019-06-01' }])).toEqual(['M.ETHICS', 'M.IT']);
    const [r] = computeNeeds(
      input({
        people: [person({ completedCourses: [{ courseCode: 'M.ETHICS', completedOn: '2025-03-01' }] })],
        mandatory,
        asOf: '2026-11-30',
      }),
    );
    expect(r?.needs.map((n) => n.courseCode)).toEqual(['M.IT']);
    expect(r).not.toHaveProperty('completedCourses');
  });

  it('orders people by total weight, then by name', () => {
    const people = [
      person({ staffId: 1, nameSort: 'b', competencies: [unassessedFit('LAW', 2)] }),
      person({ staffId: 2, nameSort: 'a', competencies: [unassessedFit('LAW', 2)] }),
      person({ staffId: 3, nameSort: 'c', competencies: [assessedFit('LAW', 5, 1)] }),
      person({ staffId: 4, nameSort: 'd', competencies: [] }),
    ];
    expect(computeNeeds(input({ people })).map((p) => [p.staffId, p.totalWeight])).toEqual([
      [3, 6], // gap 4 × critical GENERAL 1.5
      [2, 1],
      [1, 1],
      [4, 0],
    ]);
  });
});

describe('aggregation', () => {
  const people = computeNeeds(
    input({
      people: [
        // unit 10 JUSTICE: CIVIL gap 2 → 2 × 2.25 = 4.5; LAW not assessed, required 3 → 2.
        person({ staffId: 1, competencies: [assessedFit('CIVIL', 4, 2), unassessedFit('LAW', 3)] }),
        // unit 10 JUSTICE: LAW gap 1 → 1.
        person({ staffId: 2, competencies: [assessedFit('LAW', 3, 2)] }),
        // unit 20 no field: LAW gap 2 → 2.
        person({ staffId: 3, unitId: 20, unitCode: '19802', field: null, competencies: [assessedFit('LAW', 2, 0)] }),
        person({ staffId: 4, unitId: 20, unitCode: '19802', competencies: [] }),
      ],
    }),
  );

  it('counts people, needs and weight by unit, field and competency', () => {
    const s = summarise(people);
    expect(s).toMatchObject({ people: 4, peopleWithNeeds: 3, needs: 4, totalWeight: 9.5 });
    expect(s.byUnit).toEqual([
      { key: '10', people: 2, needs: 3, notAssessed: 1, totalWeight: 7.5 },
      { key: '20', people: 1, needs: 1, notAssessed: 0, totalWeight: 2 },
    ]);
    expect(s.byField).toEqual([
      { key: 'JUSTICE_CIVIL_STATUS', people: 2, needs: 3, notAssessed: 1, totalWeight: 7.5 },
      { key: '', people: 1, needs: 1, notAssessed: 0, totalWeight: 2 },
    ]);
    expect(s.byCompetency).toEqual([
      { key: 'LAW', people: 3, needs: 3, notAssessed: 1, totalWeight: 5 },
      { key: 'CIVIL', people: 1, needs: 1, notAssessed: 0, totalWeight: 4.5 },
    ]);
    expect(s.byMandatoryCourse).toEqual([]);
  });

  it('narrows to one competency', () => {
    const law = onlyCompetency(people, 'LAW');
    expect(law.map((p) => [p.staffId, p.totalWeight, p.needs.length])).toEqual([
      [1, 2, 1],
      [3, 2, 1],
      [2, 1, 1],
    ]);
  });
});
