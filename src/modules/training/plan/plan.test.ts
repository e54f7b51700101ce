import { describe, expect, it } from 'vitest';
import { greedyPlan } from './greedy-plan.ts';
import { lpNumber, toFreeMps, toLpFormat } from './lp-format.ts';
import { course, instance, need, person } from './plan-input.fixtures.ts';
import {
  buildPlanModel,
  checkPlan,
  closes,
  evaluatePlan,
  maxClasses,
  type Plan,
  type PlanCourse,
  type PlanInput,
  type PlanPerson,
  splitClasses,
  unitAwayCap,
} from './plan-model.ts';
import { highsRuntime, solvePlan, toMpsFormat } from './solve-plan.ts';

// Every optimum below is worked out by hand in the comment above its instance.

const fast = { timeLimitSeconds: 10, mipRelGap: 0 };

async function optimum(input: PlanInput) {
  const r = await solvePlan(input, fast);
  expect(r.status).toBe('OPTIMAL');
  expect(checkPlan(input, r.plan)).toEqual([]);
  // The objective HiGHS reports is the plan's own value recomputed independently of the model.
  expect(r.objective).toBeCloseTo(r.value.gapClosed, 6);
  return r;
}
const attendeesOf = (plan: Plan, courseId: string, year?: number) =>
  plan.courses.filter((e) => e.courseId === courseId && (year === undefined || e.year === year)).flatMap((e) => e.attendees);

describe('pure pieces', () => {
  it('a competency need closes only at or above the required level; a mandatory need by its course', () => {
    const c = course('A', { K1: 2 });
    expect(closes(c, need('K1', 1, 2))).toBe(true);
    expect(closes(c, need('K1', 1, 3))).toBe(false);
    expect(closes(c, need('K2', 1, 1))).toBe(false);
    expect(closes(c, { kind: 'MANDATORY', courseId: 'A', weight: 1 })).toBe(true);
    expect(closes(c, { kind: 'MANDATORY', courseId: 'B', weight: 1 })).toBe(false);
  });

  it('unit cap is ⌊share·staff⌋ but at least one', () => {
    expect(unitAwayCap(10, 0.25)).toBe(2);
    expect(unitAwayCap(4, 0.5)).toBe(2);
    expect(unitAwayCap(3, 0.2)).toBe(1);
    expect(unitAwayCap(10, 0.3)).toBe(3); // 0.3·10 is 2.9999999999999996 in floating point
  });

  it('class bound: ⌈n/cap⌉ and ⌊n/min⌋, 0 when one class cannot be filled', () => {
    expect(maxClasses(course('A', { K: 1 }, { capacity: 10, minSize: 3 }), 25)).toBe(3);
    expect(maxClasses(course('A', { K: 1 }, { capacity: 10, minSize: 9 }), 25)).toBe(2);
    expect(maxClasses(course('A', { K: 1 }, { capacity: 10, minSize: 3 }), 2)).toBe(0);
  });

  it('splits attendees into classes whose sizes differ by at most one', () => {
    expect(splitClasses({ courseId: 'A', year: 2026, classes: 3, attendees: [1, 2, 3, 4, 5, 6, 7] })).toEqual([
      [1, 2, 3],
      [4, 5],
      [6, 7],
    ]);
  });

  it('lpNumber writes integers plainly and rejects non-finite numbers', () => {
    expect(lpNumber(1500000)).toBe('1500000');
    expect(lpNumber(0.1 + 0.2)).toBe('0.3');
    expect(() => lpNumber(Number.NaN)).toThrow(RangeError);
  });

  it('checkPlan reports each broken rule of a hand-made bad plan', () => {
    const input = instance({
      years: [2026, 2027],
      courses: [
        course('A', { K1: 3 }, { capacity: 2, minSize: 2, durationDays: 15 }),
        course('B', { K2: 3 }, { prerequisites: ['A'], durationDays: 10 }),
      ],
      people: [person(1, [], ['A', 'B']), person(2, [], ['A']), person(3, [], ['A'], { completedCourses: ['A'] })],
      units: [{ id: 1, staffCount: 2 }],
      budgets: [{ year: 2026, fundingSource: 'STATE_BUDGET', amount: 150 }],
      maxUnitShareAway: 0.5,
    });
    const bad: Plan = {
      courses: [
        { courseId: 'A', year: 2026, classes: 1, attendees: [1, 2, 3] },
        { courseId: 'B', year: 2026, classes: 1, attendees: [1, 2] },
        { courseId: 'A', year: 2027, classes: 1, attendees: [2] },
      ],
    };
    const rules = new Set(checkPlan(input, bad).map((v) => v.rule));
    expect(rules).toEqual(
      new Set(['CAPACITY', 'MIN_SIZE', 'BUDGET', 'NOT_ELIGIBLE', 'ALREADY_COMPLETED', 'TWICE', 'DAYS', 'UNIT_SHARE', 'PREREQUISITE']),
    );
  });
});

describe('optimiser on instances with a known optimum', () => {
  // A closes K1 (p1 5, p2 1: 6), B closes K2 (p1 1, p2 3, p3 3: 7). Each class costs 100; a budget
  // of 150 pays for one class → B, 7. With 200 both run → 13.
  const budgetCase = (amount: number) =>
    instance({
      courses: [course('A', { K1: 3 }), course('B', { K2: 3 })],
      people: [
        person(1, [need('K1', 5), need('K2', 1)], ['A', 'B']),
        person(2, [need('K1', 1), need('K2', 3)], ['A', 'B']),
        person(3, [need('K2', 3)], ['A', 'B']),
      ],
      budgets: [{ year: 2026, fundingSource: 'STATE_BUDGET', amount }],
    });

  it('budget for one class: the class closing more weight is chosen', async () => {
    const r = await optimum(budgetCase(150));
    expect(r.value.gapClosed).toBe(7);
    expect(r.plan.courses.map((e) => e.courseId)).toEqual(['B']);
    expect(r.value.cost).toBe(100);
    expect(r.gap).toBeLessThanOrEqual(1e-9);
    expect(r.bestBound).toBeCloseTo(7, 6);
  });

  it('budget for two classes: both run', async () => {
    expect((await optimum(budgetCase(200))).value.gapClosed).toBe(13);
  });

  it('a course funded from a source without a budget line cannot run', async () => {
    const input = budgetCase(1000);
    const r = await optimum({
      ...input,
      courses: [input.courses[0] as PlanCourse, { ...(input.courses[1] as PlanCourse), fundingSource: 'AGENCY' }],
    });
    expect(r.value.gapClosed).toBe(6);
  });

  // Per-participant cost: a class costs 0 + 40 per head, budget 100 → two people. Weights 1, 2, 3 → 5.
  it('per-participant cost limits the attendees', async () => {
    const input = instance({
      courses: [course('A', { K1: 3 }, { costPerClass: 0, costPerParticipant: 40 })],
      people: [person(1, [need('K1', 1)], ['A']), person(2, [need('K1', 2)], ['A']), person(3, [need('K1', 3)], ['A'])],
      budgets: [{ year: 2026, fundingSource: 'STATE_BUDGET', amount: 100 }],
    });
    const r = await optimum(input);
    expect(r.value.gapClosed).toBe(5);
    expect(attendeesOf(r.plan, 'A')).toEqual([2, 3]);
  });

  // Capacity 2, 100 per class: budget 150 → one class of the two heaviest (2 + 3 = 5); 250 → two classes, 6.
  it('class capacity', async () => {
    const mk = (amount: number) =>
      instance({
        courses: [course('A', { K1: 3 }, { capacity: 2 })],
        people: [person(1, [need('K1', 1)], ['A']), person(2, [need('K1', 2)], ['A']), person(3, [need('K1', 3)], ['A'])],
        budgets: [{ year: 2026, fundingSource: 'STATE_BUDGET', amount }],
      });
    const one = await optimum(mk(150));
    expect(one.value.gapClosed).toBe(5);
    expect(one.plan.courses[0]?.classes).toBe(1);
    const two = await optimum(mk(250));
    expect(two.value.gapClosed).toBe(6);
    expect(two.plan.courses[0]?.classes).toBe(2);
  });

  // p1 needs K1 (10, only A, min size 2) and K2 (2, only B). Only p1 may take A → no class of A; 2.
  // With A's minimum 1 → 12. With a second eligible person (no need) A runs with them as filler → 12.
  it('minimum class size forbids a class of one', async () => {
    const mk = (minA: number, people: PlanPerson[]) =>
      instance({ courses: [course('A', { K1: 3 }, { minSize: minA }), course('B', { K2: 3 })], people });
    const p1 = person(1, [need('K1', 10), need('K2', 2)], ['A', 'B']);
    expect((await optimum(mk(2, [p1]))).value.gapClosed).toBe(2);
    expect((await optimum(mk(1, [p1]))).value.gapClosed).toBe(12);
    const filled = await optimum(mk(2, [p1, person(2, [], ['A'])]));
    expect(filled.value.gapClosed).toBe(12);
    expect(attendeesOf(filled.plan, 'A')).toEqual([1, 2]);
  });

  // B (K2, weight 5) requires A (K1, weight 1). Two years: A in 2026, B in 2027 → 6. One year: only A → 1.
  // A already completed: B in the single year → 5. No money in 2026 → A in 2027, B never → 1.
  it('prerequisites force the order across years', async () => {
    const courses = [course('A', { K1: 3 }), course('B', { K2: 3 }, { prerequisites: ['A'] })];
    const p = person(1, [need('K1', 1), need('K2', 5)], ['A', 'B']);
    const two = await optimum(
      instance({
        years: [2026, 2027],
        courses,
        people: [p],
        budgets: [2026, 2027].map((year) => ({ year, fundingSource: 'STATE_BUDGET', amount: 1000 })),
      }),
    );
    expect(two.value.gapClosed).toBe(6);
    expect(attendeesOf(two.plan, 'A', 2026)).toEqual([1]);
    expect(attendeesOf(two.plan, 'B', 2027)).toEqual([1]);
    expect((await optimum(instance({ courses, people: [p] }))).value.gapClosed).toBe(1);
    const done = await optimum(instance({ courses, people: [{ ...p, completedCourses: ['A'] }] }));
    expect(done.value.gapClosed).toBe(5);
    expect(attendeesOf(done.plan, 'A')).toEqual([]);
    // No money in 2026: A can only run in 2027, and the same year does not satisfy B's prerequisite → 1.
    const late = await optimum(
      instance({
        years: [2026, 2027],
        courses,
        people: [p],
        budgets: [
          { year: 2026, fundingSource: 'STATE_BUDGET', amount: 0 },
          { year: 2027, fundingSource: 'STATE_BUDGET', amount: 1000 },
        ],
      }),
    );
    expect(late.value.gapClosed).toBe(1);
  });

  // Unit of 4 staff, share 0.5 → 2 away a year. Three people each need K1 (1, 2, 3): one year → 5;
  // two years → 6 (the third goes the next year); share 1 → 6 in one year.
  it('unit share caps how many are away in a year', async () => {
    const mk = (years: number[], share: number) =>
      instance({
        years,
        courses: [course('A', { K1: 3 })],
        people: [person(1, [need('K1', 1)], ['A']), person(2, [need('K1', 2)], ['A']), person(3, [need('K1', 3)], ['A'])],
        units: [{ id: 1, staffCount: 4 }],
        budgets: years.map((year) => ({ year, fundingSource: 'STATE_BUDGET', amount: 1000 })),
        maxUnitShareAway: share,
      });
    const one = await optimum(mk([2026], 0.5));
    expect(one.value.gapClosed).toBe(5);
    expect(attendeesOf(one.plan, 'A')).toEqual([2, 3]);
    expect((await optimum(mk([2026, 2027], 0.5))).value.gapClosed).toBe(6);
    expect((await optimum(mk([2026], 1))).value.gapClosed).toBe(6);
  });

  // A (5 days) closes K1 (3), B (5 days) closes K2 (2); 8 days a year → one course, 3; 10 days → 5;
  // 8 days over two years → both, 5.
  it('training days per person per year', async () => {
    const mk = (maxDays: number, years: number[]) =>
      instance({
        years,
        courses: [course('A', { K1: 3 }, { durationDays: 5 }), course('B', { K2: 3 }, { durationDays: 5 })],
        people: [person(1, [need('K1', 3), need('K2', 2)], ['A', 'B'])],
        budgets: years.map((year) => ({ year, fundingSource: 'STATE_BUDGET', amount: 1000 })),
        maxDaysPerPersonYear: maxDays,
      });
    expect((await optimum(mk(8, [2026]))).value.gapClosed).toBe(3);
    expect((await optimum(mk(10, [2026]))).value.gapClosed).toBe(5);
    expect((await optimum(mk(8, [2026, 2027]))).value.gapClosed).toBe(5);
  });

  // Two courses both close K1 for p1 (weight 4): the need counts once (z ≤ Σx), and with a budget for
  // both classes the optimum is still 4; only an eligible course closes a need.
  it('a need closes once, and only through an eligible course', async () => {
    const input = instance({
      courses: [course('A', { K1: 3 }), course('B', { K1: 4 })],
      people: [person(1, [need('K1', 4)], ['A', 'B']), person(2, [need('K1', 9)], [])],
    });
    const r = await optimum(input);
    expect(r.value.gapClosed).toBe(4);
  });

  it('solves reproducibly: the same input gives the same plan', async () => {
    const input = randomInstance(7, 12, 4, 2);
    const a = await solvePlan(input, fast);
    const b = await solvePlan(input, fast);
    expect(a.plan).toEqual(b.plan);
  }, 60_000);
});

describe('greedy baseline', () => {
  // Budget 100. A costs 10 and closes 2 (0.2 per VND); B costs 100 and closes 15 (0.15 per VND).
  // The greedy takes A first and can no longer afford B: 2. The optimum is B alone: 15.
  it('is feasible but can be beaten: the ratio trap', async () => {
    const input = instance({
      courses: [course('A', { K1: 3 }, { costPerClass: 10 }), course('B', { K2: 3 }, { costPerClass: 100 })],
      people: [person(1, [need('K1', 2), need('K2', 15)], ['A', 'B'])],
      budgets: [{ year: 2026, fundingSource: 'STATE_BUDGET', amount: 100 }],
    });
    const g = greedyPlan(input);
    expect(checkPlan(input, g)).toEqual([]);
    expect(evaluatePlan(input, g).gapClosed).toBe(2);
    expect((await optimum(input)).value.gapClosed).toBe(15);
  });

  it('fills a class to its minimum size with people who close nothing', () => {
    const input = instance({
      courses: [course('A', { K1: 3 }, { minSize: 2 })],
      people: [person(1, [need('K1', 4)], ['A']), person(2, [], ['A'])],
    });
    const g = greedyPlan(input);
    expect(g.courses).toEqual([{ courseId: 'A', year: 2026, classes: 1, attendees: [1, 2] }]);
  });

  it('on random instances is feasible and never above the optimum; as a warm start it keeps the optimum', async () => {
    for (const seed of [1, 2, 3]) {
      const input = randomInstance(seed, 14, 5, 3);
      const g = greedyPlan(input);
      expect(checkPlan(input, g)).toEqual([]);
      const greedy = evaluatePlan(input, g).gapClosed;
      expect(greedy).toBeGreaterThan(0);
      const opt = await optimum(input);
      expect(greedy).toBeLessThanOrEqual(opt.value.gapClosed + 1e-9);
      const warm = await solvePlan(input, { ...fast, start: g });
      expect(warm.status).toBe('OPTIMAL');
      expect(warm.value.gapClosed).toBeCloseTo(opt.value.gapClosed, 6);
    }
  });
});

describe('LP export', () => {
  it('round-trips through HiGHS with the same optimum', async () => {
    const input = randomInstance(5, 12, 4, 2);
    const lp = toLpFormat(buildPlanModel(input));
    expect(lp).toMatch(/^Maximize\n obj: /);
    expect(lp).toContain('\nSubject To\n');
    expect(lp).toContain('\nBinaries\n');
    expect(lp.trimEnd().endsWith('End')).toBe(true);
    const highs = await highsRuntime();
    const legacy = highs.solve(lp, { output_flag: false, mip_rel_gap: 0 });
    expect(legacy.Status).toBe('Optimal');
    const ours = await optimum(input);
    expect(legacy.ObjectiveValue).toBeCloseTo(ours.value.gapClosed, 6);
  });

  it('MPS export solves to the same optimum', async () => {
    const input = randomInstance(6, 10, 4, 2);
    const model = buildPlanModel(input);
    const mps = await toMpsFormat(model);
    const highs = await highsRuntime();
    const objective = highs.withModel({ format: 'mps', data: mps }, (m) => {
      m.options.set({ output_flag: false, mip_rel_gap: 0 });
      m.run();
      return m.getObjectiveValue();
    });
    expect(objective).toBeCloseTo((await optimum(input)).value.gapClosed, 6);
  });

  it('the free MPS written without HiGHS solves to the same optimum, also as its LP relaxation', async () => {
    const input = randomInstance(7, 10, 4, 2);
    const model = buildPlanModel(input);
    const mps = toFreeMps(model);
    expect(mps).toMatch(/^NAME cadre\nOBJSENSE\n {4}MAX\nROWS\n N {2}obj\n/);
    expect(mps).toContain("'MARKER' 'INTORG'");
    expect(mps.trimEnd().endsWith('ENDATA')).toBe(true);
    const highs = await highsRuntime();
    const solve = (data: string) =>
      highs.withModel({ format: 'mps', data }, (m) => {
        m.options.set({ output_flag: false, mip_rel_gap: 0 });
        m.run();
        return m.getObjectiveValue();
      });
    expect(solve(mps)).toBeCloseTo((await optimum(input)).value.gapClosed, 6);
    const relaxed = { ...model, vars: model.vars.map((v) => ({ ...v, type: 'continuous' as const })) };
    const lp = highs.withModel({ format: 'lp', data: toLpFormat(relaxed) }, (m) => {
      m.options.set({ output_flag: false });
      m.run();
      return m.getObjectiveValue();
    });
    expect(toFreeMps(relaxed)).not.toContain('MARKER');
    expect(solve(toFreeMps(relaxed))).toBeCloseTo(lp, 6);
  });

  it('reports progress while solving', async () => {
    const seen: number[] = [];
    const r = await solvePlan(randomInstance(5, 12, 4, 2), { ...fast, onProgress: (p) => seen.push(p.incumbent ?? Number.NaN) });
    expect(r.status).toBe('OPTIMAL');
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen.filter((v) => !Number.isNaN(v)))).toBeCloseTo(r.value.gapClosed, 6);
  });

  it('writes each rule as a row of the model', () => {
    const input = instance({
      years: [2026, 2027],
      courses: [course('A', { K1: 3 }, { minSize: 2, durationDays: 5 }), course('B', { K2: 3 }, { prerequisites: ['A'], durationDays: 5 })],
      people: [1, 2, 3].map((id) => person(id, [need('K1', 1), need('K2', 1)], ['A', 'B'])),
      units: [{ id: 1, staffCount: 4 }],
      budgets: [],
      maxDaysPerPersonYear: 8,
      maxUnitShareAway: 0.5,
    });
    const lp = toLpFormat(buildPlanModel(input));
    for (const prefix of [
      'cap_c0_2026',
      'min_c0_2026',
      'budget_',
      'once_p0_c0',
      'days_p0_2027',
      'unit_u1_2026',
      'away_p0_c0_2026',
      'pre_p0_c1_2027_0',
      'close_p0_n1',
    ]) {
      expect(lp).toContain(` ${prefix}`);
    }
    // B needs A in an earlier year, so no B column in the first year.
    expect(lp).not.toContain('x_p0_c1_2026');
    // No budget line: the budget rows have right-hand side 0.
    expect(lp).toMatch(/budget_0_2026: .* <= 0\n/);
  });
});

/** A small deterministic instance (linear congruential generator), with every rule in play. */
function randomInstance(seed: number, people: number, courses: number, years: number): PlanInput {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const ys = Array.from({ length: years }, (_, i) => 2026 + i);
  const cs: PlanCourse[] = Array.from({ length: courses }, (_, i) =>
    course(
      `C${i}`,
      { [`K${i % 3}`]: 2 + Math.floor(rnd() * 3) },
      {
        costPerClass: 50 + Math.floor(rnd() * 100),
        costPerParticipant: Math.floor(rnd() * 10),
        capacity: 3 + Math.floor(rnd() * 4),
        minSize: 1 + Math.floor(rnd() * 2),
        durationDays: 2 + Math.floor(rnd() * 4),
        prerequisites: i >= 3 && rnd() < 0.5 ? [`C${i - 3}`] : [],
        fundingSource: rnd() < 0.7 ? 'STATE_BUDGET' : 'AGENCY',
      },
    ),
  );
  const ps: PlanPerson[] = Array.from({ length: people }, (_, i) => {
    const eligible = cs.filter(() => rnd() < 0.7).map((c) => c.id);
    const needs = [0, 1, 2].filter(() => rnd() < 0.6).map((k) => need(`K${k}`, 1 + Math.floor(rnd() * 5), 2 + Math.floor(rnd() * 3)));
    return person(i + 1, needs, eligible, { unitId: 1 + (i % 3) });
  });
  return instance({
    years: ys,
    courses: cs,
    people: ps,
    units: [1, 2, 3].map((id) => ({ id, staffCount: 6 })),
    budgets: ys.flatMap((year) => [
      { year, fundingSource: 'STATE_BUDGET', amount: 300 },
      { year, fundingSource: 'AGENCY', amount: 120 },
    ]),
    maxDaysPerPersonYear: 7,
    maxUnitShareAway: 0.5,
  });
}
