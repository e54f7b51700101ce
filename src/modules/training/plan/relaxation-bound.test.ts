import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateInstance } from './generated-instance.ts';
import { greedyPlan } from './greedy-plan.ts';
import { course, need, person, instance as planInstance } from './plan-input.fixtures.ts';
import { evaluatePlan, type PlanCourse, type PlanInput, type PlanNeed, type PlanPerson } from './plan-model.ts';
import { relaxationBound, reportedBound } from './relaxation-bound.ts';
import { solvePlan } from './solve-plan.ts';

/** The hand-worked cases below assume a budget of 100 unless they set their own. */
const instance = (over: Partial<PlanInput>) => planInstance(over, 100);
const exact = { timeLimitSeconds: 20, mipRelGap: 0 };

describe('the relaxation bound (hand-computed cases)', () => {
  it('is the fractional knapsack of the merged budget: the ratio trap (optimum 15) gives 2 + 0.9·15 = 15.5', async () => {
    // A costs 10 and closes 2, B costs 100 and closes 15; budget 100. The optimum is B alone (15).
    const input = instance({
      courses: [course('A', ['K1'], { costPerClass: 10 }), course('B', ['K2'])],
      people: [person(1, [need('K1', 2), need('K2', 15)], ['A', 'B'])],
    });
    const r = relaxationBound(input);
    expect(r.bound).toBeCloseTo(15.5, 9);
    const opt = await solvePlan(input, exact);
    expect(opt.status).toBe('OPTIMAL');
    expect(r.bound).toBeGreaterThanOrEqual((opt.objective ?? 0) - 1e-9);
  });

  it('shares one attendance among the needs it closes: a programme closing two needs is paid once', async () => {
    // P closes K1 and K2 (5 each) for 100, the whole budget: the optimum is 10. Charging P's full
    // cost to each need would give a bound of 5, below the optimum.
    const input = instance({ courses: [course('P', ['K1', 'K2'])], people: [person(1, [need('K1', 5), need('K2', 5)], ['P'])] });
    const opt = await solvePlan(input, exact);
    expect(opt.value.gapClosed).toBe(10);
    expect(relaxationBound(input).bound).toBeCloseTo(10, 9);
  });

  it('when several courses close one need, charges the cheapest', () => {
    // Two people need K1 (weight 4), closed by A (class 100) or C (class 40); a seat costs 50 or 20
    // (two may attend). With a cost penalty of 0.01 and room in the budget: 2·(4 − 0.01·20) = 7.6.
    const input = instance({
      courses: [course('A', ['K1']), course('C', ['K1'], { costPerClass: 40 })],
      people: [person(1, [need('K1', 4)], ['A', 'C']), person(2, [need('K1', 4)], ['A', 'C'])],
      budgets: [{ year: 2026, fundingSource: 'STATE_BUDGET', amount: 1000 }],
      costPenalty: 0.01,
    });
    expect(relaxationBound(input).bound).toBeCloseTo(7.6, 9);
  });

  it('leaves out what no plan can use: a line too small for one class, a first-year prerequisite, a course too long', () => {
    const closing = (over: Partial<PlanCourse>) =>
      instance({ courses: [course('A', ['K1'], over), course('PRE', ['K9'])], people: [person(1, [need('K1', 7)], ['A', 'PRE'])] });
    expect(relaxationBound(closing({})).bound).toBeCloseTo(7, 9);
    expect(relaxationBound(closing({ costPerClass: 101 })).bound).toBe(0);
    expect(relaxationBound(closing({ fundingSource: 'NO_LINE' })).bound).toBe(0);
    expect(relaxationBound(closing({ prerequisites: ['PRE'] })).bound).toBe(0);
    expect(relaxationBound(closing({ durationDays: 21 })).bound).toBe(0);
    // With a second year the prerequisite can come first: the bound is back.
    const twoYears = { ...closing({ prerequisites: ['PRE'] }), years: [2026, 2027] };
    twoYears.budgets = [2026, 2027].map((year) => ({ year, fundingSource: 'STATE_BUDGET', amount: 100 }));
    expect(relaxationBound(twoYears).bound).toBeGreaterThan(0);
  });

  it('counts a free course whatever the budget, and subtracts the cost penalty', () => {
    const free = instance({ courses: [course('A', ['K1'], { costPerClass: 0 })], people: [person(1, [need('K1', 3)], ['A'])] });
    expect(relaxationBound({ ...free, budgets: [] }).bound).toBe(3);
    // One seat of a class of one costs 100 (only one person may attend): 3 − 0.01·100 = 2.
    const priced = instance({ courses: [course('A', ['K1'])], people: [person(1, [need('K1', 3)], ['A'])], costPenalty: 0.01 });
    expect(relaxationBound(priced).bound).toBeCloseTo(2, 9);
  });

  it('reportedBound keeps the smaller of the solver bound and the relaxation, and says which', () => {
    const input = instance({ courses: [course('P', ['K1', 'K2'])], people: [person(1, [need('K1', 5), need('K2', 5)], ['P'])] });
    expect(reportedBound(input, null)).toEqual({ bestBound: 10, boundKind: 'relaxation' });
    expect(reportedBound(input, 9)).toEqual({ bestBound: 9, boundKind: 'solver' });
    expect(reportedBound(input, 12)).toEqual({ bestBound: 10, boundKind: 'relaxation' });
  });
});

/** Small random instances: everything the model has (prerequisites, several lines, programmes, mandatory needs, penalties). */
const smallInstance = fc
  .record({
    years: fc.integer({ min: 1, max: 3 }),
    courses: fc.array(
      fc.record({
        competencies: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 2 }),
        level: fc.integer({ min: 2, max: 4 }),
        costPerClass: fc.integer({ min: 0, max: 120 }),
        costPerParticipant: fc.integer({ min: 0, max: 10 }),
        capacity: fc.integer({ min: 1, max: 5 }),
        minSize: fc.integer({ min: 0, max: 3 }),
        durationDays: fc.integer({ min: 1, max: 6 }),
        prerequisite: fc.option(fc.nat(), { nil: undefined }),
        source: fc.constantFrom('S', 'A'),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    people: fc.array(
      fc.record({
        unit: fc.integer({ min: 1, max: 2 }),
        eligible: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        completed: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        needs: fc.array(
          fc.record({
            competency: fc.integer({ min: 0, max: 3 }),
            level: fc.integer({ min: 2, max: 4 }),
            weight: fc.integer({ min: 1, max: 6 }),
          }),
          {
            maxLength: 3,
          },
        ),
        mandatory: fc.option(fc.nat(), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    budgets: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 6, maxLength: 6 }),
    maxDays: fc.integer({ min: 2, max: 8 }),
    share: fc.constantFrom(0.2, 0.5, 1),
    penalty: fc.constantFrom(0, 0, 0.01),
  })
  .map((g): PlanInput => {
    const years = Array.from({ length: g.years }, (_, i) => 2026 + i);
    const courses: PlanCourse[] = g.courses.map((c, i) => ({
      id: `C${i}`,
      costPerClass: c.costPerClass,
      costPerParticipant: c.costPerParticipant,
      capacity: c.capacity,
      minSize: c.minSize,
      durationDays: c.durationDays,
      competencies: c.competencies.map((k) => ({ competencyCode: `K${k}`, raisesToLevel: c.level })),
      prerequisites: c.prerequisite !== undefined && i > 0 ? [`C${c.prerequisite % i}`] : [],
      fundingSource: c.source,
    }));
    const people: PlanPerson[] = g.people.map((p, i) => {
      const needs: PlanNeed[] = p.needs.map((n) => ({
        kind: 'COMPETENCY',
        competencyCode: `K${n.competency}`,
        requiredLevel: n.level,
        weight: n.weight,
      }));
      if (p.mandatory !== undefined) needs.push({ kind: 'MANDATORY', courseId: `C${p.mandatory % courses.length}`, weight: 3 });
      return {
        id: i + 1,
        unitId: p.unit,
        eligibleCourses: courses.filter((_, ci) => p.eligible[ci]).map((c) => c.id),
        completedCourses: courses.filter((_, ci) => p.completed[ci]).map((c) => c.id),
        needs,
      };
    });
    return {
      years,
      courses,
      people,
      units: [
        { id: 1, staffCount: 4 },
        { id: 2, staffCount: 6 },
      ],
      budgets: years.flatMap((year, t) => [
        { year, fundingSource: 'S', amount: g.budgets[2 * t] ?? 0 },
        { year, fundingSource: 'A', amount: g.budgets[2 * t + 1] ?? 0 },
      ]),
      maxDaysPerPersonYear: g.maxDays,
      maxUnitShareAway: g.share,
      costPenalty: g.penalty,
    };
  });

describe('the relaxation bound (property)', () => {
  it('is never below the best objective the exact MIP (per-person model, HiGHS) finds', async () => {
    await fc.assert(
      fc.asyncProperty(smallInstance, async (input) => {
        const r = await solvePlan(input, { ...exact, method: 'person' });
        expect(r.status).toBe('OPTIMAL');
        const bound = relaxationBound(input).bound;
        expect(bound).toBeGreaterThanOrEqual((r.objective ?? 0) - 1e-6);
        // And never below any feasible plan, e.g. the greedy's.
        const g = evaluatePlan(input, greedyPlan(input));
        expect(bound).toBeGreaterThanOrEqual(g.gapClosed - (input.costPenalty ?? 0) * g.cost - 1e-6);
      }),
      { numRuns: 200, seed: 20261130 },
    );
  }, 240_000);
});

describe('on a generated province-like instance', () => {
  it('is above the plan found and well below the total need weight, with items merged', () => {
    const input = generateInstance({ units: 20, staffPerUnit: [10, 22], seed: 20260601 });
    const r = relaxationBound(input);
    const greedy = evaluatePlan(input, greedyPlan(input)).gapClosed;
    const total = input.people.reduce((s, p) => s + p.needs.reduce((t, n) => t + n.weight, 0), 0);
    expect(r.bound).toBeGreaterThanOrEqual(greedy);
    expect(r.bound).toBeLessThan(0.6 * total);
    expect(r.bound).toBeLessThanOrEqual(r.mergedBound + 1e-9);
    expect(r.items).toBeLessThan(r.needs / 5);
  });
});
