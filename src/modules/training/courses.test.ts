import { describe, expect, it } from 'vitest';
import { DEFAULT_TRAINING_POSTGRADUATE_CONFIG as PG } from '../../platform/rules/defaults/training.config.ts';
import {
  addMonths,
  type CourseFacts,
  checkCourse,
  checkCourseCode,
  classCost,
  coursePeriods,
  type EligibilityCourse,
  eligibility,
  findPrerequisiteCycle,
  fullYearsBetween,
  OPEN_ELIGIBILITY,
  type PersonFacts,
} from './courses.ts';

const course = (over: Partial<CourseFacts> = {}): CourseFacts => ({
  code: 'BD.QLNN.01',
  durationDays: 20,
  sessions: [{ days: 5 }, { days: 5 }, { days: 5 }, { days: 5 }],
  classCapacity: 50,
  minClassSize: 20,
  costPerClass: 60_000_000,
  costPerParticipant: 1_500_000,
  prerequisites: [],
  competencies: [{ competencyCode: 'GEN.STATE_MGMT', raisesToLevel: 3 }],
  eligibility: OPEN_ELIGIBILITY,
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  ...over,
});
const ctx = {
  competencyCodes: new Set(['GEN.STATE_MGMT', 'GEN.LAW', 'DIG.1']),
  otherCourses: [
    { code: 'A', prerequisites: [] },
    { code: 'B', prerequisites: ['A'] },
    { code: 'C', prerequisites: ['BD.QLNN.01'] },
  ],
};
const keys = (c: CourseFacts) => checkCourse(c, ctx).map((p) => `${p.path}:${p.key}`);

describe('checkCourse', () => {
  it('accepts a 4-week programme in four 5-day sessions (the leaders’ programme of Decree 171)', () => {
    expect(checkCourse(course(), ctx)).toEqual([]);
  });

  it('refuses a session longer than 5 working days and says which one', () => {
    const p = checkCourse(course({ durationDays: 8, sessions: [{ days: 2 }, { days: 6 }] }), ctx);
    expect(p).toEqual([{ path: 'sessions.1.days', key: 'sessionTooLong', params: { n: 2, max: 5 } }]);
  });

  it('refuses sessions that do not add up to the duration (5+5+4 = 14 ≠ 15)', () => {
    const p = checkCourse(course({ durationDays: 15, sessions: [{ days: 5 }, { days: 5 }, { days: 4 }] }), ctx);
    expect(p).toEqual([{ path: 'sessions', key: 'sessionsSum', params: { total: 14, duration: 15 } }]);
  });

  it('refuses a minimum class size above the capacity, but accepts them equal', () => {
    expect(keys(course({ minClassSize: 51 }))).toEqual(['minClassSize:minAboveCapacity']);
    expect(keys(course({ minClassSize: 50 }))).toEqual([]);
  });

  it('refuses an end before the start', () => {
    expect(keys(course({ effectiveTo: '2025-12-31' }))).toEqual(['effectiveTo:effectiveToBeforeFrom']);
    expect(keys(course({ effectiveTo: '2026-01-01' }))).toEqual([]);
  });

  it('refuses competencies outside the framework, and the same one twice', () => {
    const competencies = [
      { competencyCode: 'GEN.LAW', raisesToLevel: 2 },
      { competencyCode: 'X.NOPE', raisesToLevel: 2 },
      { competencyCode: 'GEN.LAW', raisesToLevel: 3 },
    ];
    expect(keys(course({ competencies }))).toEqual([
      'competencies.1.competencyCode:competencyUnknown',
      'competencies.2.competencyCode:competencyDuplicate',
    ]);
  });

  it('without a published framework every competency is unknown, but a course without any passes', () => {
    expect(keys({ ...course() })).toEqual([]);
    expect(checkCourse(course(), { ...ctx, competencyCodes: null }).map((p) => p.key)).toEqual(['competencyUnknown']);
    expect(checkCourse(course({ competencies: [] }), { ...ctx, competencyCodes: null })).toEqual([]);
  });

  it('refuses itself, duplicates and unknown courses as prerequisites', () => {
    expect(keys(course({ prerequisites: ['BD.QLNN.01'] }))).toEqual(['prerequisites.0:prerequisiteSelf']);
    expect(keys(course({ prerequisites: ['A', 'A'] }))).toEqual(['prerequisites.1:prerequisiteDuplicate']);
    expect(keys(course({ prerequisites: ['ZZZ'] }))).toEqual(['prerequisites.0:prerequisiteUnknown']);
  });

  it('refuses a prerequisite that leads back to the course (C requires it, so it cannot require C)', () => {
    const p = checkCourse(course({ prerequisites: ['B', 'C'] }), ctx);
    expect(p).toEqual([{ path: 'prerequisites', key: 'prerequisiteCycle', params: { cycle: 'BD.QLNN.01 → C → BD.QLNN.01' } }]);
  });

  it('reports every problem at once', () => {
    const c = course({ durationDays: 3, sessions: [{ days: 6 }], minClassSize: 60, prerequisites: ['ZZZ'] });
    expect(keys(c)).toEqual([
      'sessions.0.days:sessionTooLong',
      'sessions:sessionsSum',
      'minClassSize:minAboveCapacity',
      'prerequisites.0:prerequisiteUnknown',
    ]);
  });
});

describe('checkCourseCode', () => {
  it.each([
    ['BD.QLNN.01', true],
    ['DT-CDS_2', true],
    ['bd.01', false],
    ['A..B', false],
    ['.A', false],
    ['A B', false],
  ])('%s → %s', (code, ok) => expect(checkCourseCode(code).length === 0).toBe(ok));
});

describe('findPrerequisiteCycle', () => {
  const g = (edges: Record<string, string[]>) => new Map(Object.entries(edges));
  it('finds none in a chain or a diamond', () => {
    expect(findPrerequisiteCycle(g({ A: [], B: ['A'], C: ['B'] }))).toBeNull();
    expect(findPrerequisiteCycle(g({ A: [], B: ['A'], C: ['A'], D: ['B', 'C'] }))).toBeNull();
  });
  it('finds a self-loop, a 2-cycle and a 3-cycle behind a tail', () => {
    expect(findPrerequisiteCycle(g({ A: ['A'] }))).toEqual(['A', 'A']);
    expect(findPrerequisiteCycle(g({ A: ['B'], B: ['A'] }))).toEqual(['A', 'B', 'A']);
    expect(findPrerequisiteCycle(g({ A: ['B'], B: ['C'], C: ['D'], D: ['B'] }))).toEqual(['B', 'C', 'D', 'B']);
  });
  it('ignores edges to courses outside the graph', () => {
    expect(findPrerequisiteCycle(g({ A: ['GONE'] }))).toBeNull();
  });
  it('handles a chain of 20,000 courses without overflowing the stack', () => {
    const edges: Record<string, string[]> = {};
    for (let i = 0; i < 20_000; i++) edges[`K${i}`] = i === 0 ? [] : [`K${i - 1}`];
    expect(findPrerequisiteCycle(g(edges))).toBeNull();
    edges.K0 = ['K19999'];
    expect(findPrerequisiteCycle(g(edges))?.length).toBe(20_001);
  });
});

describe('arithmetic', () => {
  it('periods: 5 days × 8 periods = 40 (one week, the Decree 101 minimum)', () => expect(coursePeriods(5, 8)).toBe(40));
  it('class cost: 60,000,000 + 30 × 1,500,000 = 105,000,000 VND', () => expect(classCost(course(), 30)).toBe(105_000_000));
  it('full years count a birthday on its day', () => {
    expect(fullYearsBetween('1980-03-02', '2026-03-01')).toBe(45);
    expect(fullYearsBetween('1980-03-02', '2026-03-02')).toBe(46);
    expect(fullYearsBetween('2000-02-29', '2026-02-28')).toBe(25);
  });
  it('adds months, keeping the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-02', 24)).toBe('2028-03-02');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
  });
});

describe('eligibility', () => {
  const open: EligibilityCourse = {
    prerequisites: [],
    eligibility: OPEN_ELIGIBILITY,
    effectiveFrom: '2026-01-01',
    effectiveTo: null,
    status: 'ACTIVE',
  };
  const person = (over: Partial<PersonFacts> = {}): PersonFacts => ({
    rank: 'CHUYEN_VIEN',
    positionGroup: 'PROFESSIONAL',
    field: 'LAND',
    birthDate: '1988-06-15',
    serviceStartDate: '2015-09-01',
    ratings: [
      { year: 2025, rating: 'GOOD' },
      { year: 2024, rating: 'EXCELLENT' },
    ],
    completedCourses: [],
    sentToPostgraduateBefore: false,
    retirementDate: '2050-06-15',
    ...over,
  });
  const ON = '2026-03-02';

  it('an open course in force: eligible, no reasons, no obligation', () => {
    expect(eligibility(open, person(), ON, PG)).toEqual({ eligible: true, reasons: [], obligation: null });
  });

  it('a retired course, or one not yet in force', () => {
    expect(eligibility({ ...open, status: 'RETIRED' }, person(), ON, PG).reasons.map((r) => r.code)).toEqual(['RETIRED']);
    expect(eligibility({ ...open, effectiveFrom: '2026-04-01' }, person(), ON, PG).reasons).toEqual([
      { code: 'NOT_IN_FORCE', params: { date: ON } },
    ]);
    expect(eligibility({ ...open, effectiveTo: '2026-03-01' }, person(), ON, PG).eligible).toBe(false);
    expect(eligibility({ ...open, effectiveTo: ON }, person(), ON, PG).eligible).toBe(true);
  });

  it('targets: rank, position group and field must be listed when the course lists any', () => {
    const targeted = {
      ...open,
      eligibility: { ...OPEN_ELIGIBILITY, targetRanks: ['CHUYEN_VIEN_CHINH'], positionGroups: ['LEADERSHIP'], fields: ['LAND'] },
    };
    expect(eligibility(targeted, person(), ON, PG).reasons.map((r) => r.code)).toEqual([
      'RANK_NOT_TARGETED',
      'POSITION_GROUP_NOT_TARGETED',
    ]);
    expect(eligibility(targeted, person({ rank: null, field: null }), ON, PG).reasons.map((r) => r.code)).toEqual([
      'RANK_NOT_TARGETED',
      'POSITION_GROUP_NOT_TARGETED',
      'FIELD_NOT_TARGETED',
    ]);
  });

  it('prerequisites must be completed, each missing one named', () => {
    const c = { ...open, prerequisites: ['A', 'B'] };
    expect(eligibility(c, person({ completedCourses: ['A'] }), ON, PG).reasons).toEqual([
      { code: 'PREREQUISITE_MISSING', params: { course: 'B' } },
    ]);
    expect(eligibility(c, person({ completedCourses: ['B', 'A'] }), ON, PG).eligible).toBe(true);
  });

  describe('postgraduate (Decree 171/2025: 3 years, Good in the 2 preceding years, ≤ 45 when first sent, 3× commitment)', () => {
    const master: EligibilityCourse = { ...open, eligibility: { ...OPEN_ELIGIBILITY, postgraduate: { programmeMonths: 24 } } };

    it('a 37-year-old with 10 years’ service rated Good and Excellent is eligible, and commits 72 months after the 24', () => {
      const r = eligibility(master, person(), ON, PG);
      expect(r.eligible).toBe(true);
      // 2026-03-02 + 24 months = 2028-03-02; + 72 months = 2034-03-02.
      expect(r.obligation).toEqual({ commitmentMonths: 72, commitmentUntil: '2034-03-02', repayment: PG.repayment });
    });

    it('service: 2 years 364 days is short; exactly 3 years is enough', () => {
      expect(eligibility(master, person({ serviceStartDate: '2023-03-03' }), ON, PG).reasons).toEqual([
        { code: 'SERVICE_YEARS_SHORT', params: { years: 2, min: 3 } },
      ]);
      expect(eligibility(master, person({ serviceStartDate: '2023-03-02' }), ON, PG).eligible).toBe(true);
      expect(eligibility(master, person({ serviceStartDate: null }), ON, PG).reasons.map((r) => r.code)).toEqual(['SERVICE_YEARS_UNKNOWN']);
    });

    it('ratings: each of 2025 and 2024 must be Good or better; a missing year counts against', () => {
      const completed = person({ ratings: [{ year: 2025, rating: 'COMPLETED' }] });
      expect(eligibility(master, completed, ON, PG).reasons).toEqual([
        { code: 'RATING_BELOW', params: { year: 2025, rating: 'COMPLETED', min: 'GOOD' } },
        { code: 'RATING_MISSING', params: { year: 2024 } },
      ]);
      // A poor rating in 2023 is outside the two preceding years.
      const older = person({ ratings: [...person().ratings, { year: 2023, rating: 'NOT_COMPLETED' }] });
      expect(eligibility(master, older, ON, PG).eligible).toBe(true);
    });

    it('age: 45 on the day is allowed, 46 is not; the limit applies only when first sent', () => {
      expect(eligibility(master, person({ birthDate: '1980-03-03' }), ON, PG).eligible).toBe(true); // 45
      expect(eligibility(master, person({ birthDate: '1980-03-02' }), ON, PG).reasons).toEqual([
        { code: 'AGE_OVER_LIMIT', params: { age: 46, max: 45 } },
      ]);
      expect(eligibility(master, person({ birthDate: '1980-03-02', sentToPostgraduateBefore: true }), ON, PG).eligible).toBe(true);
      expect(eligibility(master, person({ birthDate: null }), ON, PG).reasons.map((r) => r.code)).toEqual(['AGE_UNKNOWN']);
    });

    it('the commitment must end before retirement', () => {
      expect(eligibility(master, person({ retirementDate: '2034-03-01' }), ON, PG).reasons).toEqual([
        { code: 'COMMITMENT_PAST_RETIREMENT', params: { until: '2034-03-02', retirement: '2034-03-01' } },
      ]);
      expect(eligibility(master, person({ retirementDate: '2034-03-02' }), ON, PG).eligible).toBe(true);
    });

    it('a course’s own terms override the rule; the rule’s thresholds apply otherwise', () => {
      const strict = {
        ...master,
        eligibility: {
          ...OPEN_ELIGIBILITY,
          postgraduate: { programmeMonths: 12, minServiceYears: 12, maxAgeAtFirstSending: 35, commitmentMultiple: 2 },
        },
      };
      const r = eligibility(strict, person(), ON, PG);
      expect(r.reasons).toEqual([
        { code: 'SERVICE_YEARS_SHORT', params: { years: 10, min: 12 } },
        { code: 'AGE_OVER_LIMIT', params: { age: 37, max: 35 } },
      ]);
      expect(r.obligation?.commitmentMonths).toBe(24);
      const lenient = { ...PG, minServiceYears: 1, recentRatingYears: 0 };
      expect(eligibility(master, person({ serviceStartDate: '2024-01-01', ratings: [] }), ON, lenient).eligible).toBe(true);
    });
  });
});
