import { describe, expect, it } from 'vitest';
import { aggregatedVector, buildAggregatedModel } from './aggregate-model.ts';
import { generateInstance, prng } from './generated-instance.ts';
import { greedyPlan, improvedGreedyPlan } from './greedy-plan.ts';
import { largePlan } from './large-plan.ts';
import type { LinearModel } from './lp-format.ts';
import { groupPeople, singletonGroups } from './plan-groups.ts';
import { checkPlan, evaluatePlan, type PlanCourse, type PlanInput, type PlanPerson } from './plan-model.ts';
import { realisePlan } from './realise-plan.ts';
import { solvePlan } from './solve-plan.ts';

const exact = { timeLimitSeconds: 20, mipRelGap: 0 };

/** Rows and bounds of a model that a column vector breaks (empty: the vector is feasible). */
function broken(model: LinearModel, x: readonly number[]): string[] {
  const out: string[] = [];
  model.vars.forEach((v, i) => {
    const value = x[i] ?? 0;
    if (value < v.lower - 1e-9 || value > v.upper + 1e-9) out.push(`${v.name}=${value}`);
  });
  for (const r of model.rows) {
    const lhs = r.terms.reduce((s, [v, c]) => s + c * (x[v] ?? 0), 0);
    if (r.sense === '<=' ? lhs > r.rhs + 1e-6 : lhs < r.rhs - 1e-6) out.push(`${r.name}: ${lhs} ${r.sense} ${r.rhs}`);
  }
  return out;
}

/** A small instance whose people come in look-alike pairs and triples, so groups have several members. */
function clonedInstance(seed: number, templates: number, courses: number, years: number): PlanInput {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const ys = Array.from({ length: years }, (_, i) => 2026 + i);
  const cs: PlanCourse[] = Array.from({ length: courses }, (_, i) => ({
    id: `C${i}`,
    costPerClass: int(50, 150),
    costPerParticipant: int(0, 9),
    capacity: int(3, 6),
    minSize: int(1, 3),
    durationDays: int(2, 5),
    competencies: [{ competencyCode: `K${i % 3}`, raisesToLevel: int(2, 4) }],
    prerequisites: i >= 3 && rnd() < 0.5 ? [`C${i - 3}`] : [],
    fundingSource: rnd() < 0.7 ? 'STATE_BUDGET' : 'AGENCY',
  }));
  const people: PlanPerson[] = [];
  for (let k = 0; k < templates; k++) {
    const eligible = cs.filter(() => rnd() < 0.75).map((c) => c.id);
    const needs = [0, 1, 2]
      .filter(() => rnd() < 0.6)
      .map((j) => ({ kind: 'COMPETENCY' as const, competencyCode: `K${j}`, requiredLevel: int(2, 4), weight: int(1, 5) }));
    const unitId = 1 + (k % 2);
    const copies = int(1, 3);
    for (let c = 0; c < copies; c++)
      people.push({
        id: people.length + 1,
        unitId,
        eligibleCourses: eligible,
        completedCourses: [],
        needs: c % 2 ? [...needs].reverse() : needs,
      });
  }
  return {
    years: ys,
    courses: cs,
    people,
    units: [
      { id: 1, staffCount: 8 },
      { id: 2, staffCount: 7 },
    ],
    budgets: ys.flatMap((year) => [
      { year, fundingSource: 'STATE_BUDGET', amount: 320 },
      { year, fundingSource: 'AGENCY', amount: 130 },
    ]),
    maxDaysPerPersonYear: 7,
    maxUnitShareAway: 0.4,
  };
}

describe('grouping interchangeable people', () => {
  it('puts people together only with the same unit, candidate courses, completed courses and needs (in any order)', () => {
    const input = clonedInstance(3, 6, 5, 2);
    const groups = groupPeople(input);
    expect(groups.reduce((s, g) => s + g.members.length, 0)).toBe(input.people.length);
    expect(groups.some((g) => g.members.length > 1)).toBe(true);
    for (const g of groups) {
      const [first, ...rest] = g.members.map((pi) => input.people[pi] as PlanPerson);
      for (const p of rest) {
        expect(p.unitId).toBe(first?.unitId);
        expect(p.eligibleCourses).toEqual(first?.eligibleCourses);
        expect(new Set(p.needs.map((n) => JSON.stringify(n)))).toEqual(new Set(first?.needs.map((n) => JSON.stringify(n))));
      }
    }
    // The same person moved to another unit, or with one more completed course, is no longer in the group.
    const base = input.people[0] as PlanPerson;
    const moved = { ...input, people: [base, { ...base, id: 999, unitId: 2 }, { ...base, id: 998, completedCourses: ['C0'] }] };
    expect(groupPeople(moved).length).toBe(3);
    expect(groupPeople({ ...moved, people: [base, { ...base, id: 999 }] }).length).toBe(1);
  });
});

describe('the aggregated model', () => {
  it('is a relaxation: every feasible per-person plan gives a vector meeting all its rows, with the same objective', () => {
    for (const seed of [1, 2, 3, 4]) {
      const input = clonedInstance(seed, 7, 6, 3);
      const plan = greedyPlan(input);
      expect(checkPlan(input, plan)).toEqual([]);
      const model = buildAggregatedModel(input, groupPeople(input));
      const x = aggregatedVector(input, model, plan);
      expect(broken(model, x)).toEqual([]);
      const objective = model.vars.reduce((s, v, i) => s + v.objective * (x[i] ?? 0), 0);
      expect(objective).toBeCloseTo(evaluatePlan(input, plan).gapClosed, 6);
    }
  });

  it('gives the same optimum as the per-person model on random instances with look-alike people', async () => {
    // Seed 11 with 6 courses and 3 years took the per-person model past 30 s here (the aggregated one 1.5 s).
    for (const seed of [11, 12, 13, 14, 15]) {
      const input = clonedInstance(seed, 6, 5, 2);
      const person = await solvePlan(input, { ...exact, method: 'person' });
      const agg = await solvePlan(input, { ...exact, method: 'aggregated' });
      expect(person.status).toBe('OPTIMAL');
      expect(agg.status).toBe('OPTIMAL');
      expect(checkPlan(input, agg.plan)).toEqual([]);
      expect(agg.value.gapClosed).toBeCloseTo(person.value.gapClosed, 6);
      expect(agg.bestBound).toBeCloseTo(person.value.gapClosed, 4);
      // Fewer integer columns than the per-person model: the point of aggregating.
      expect(agg.size.columns).toBeLessThan(person.size.columns);
    }
  }, 240_000);

  it('with every person alone has exactly the per-person optimum, filler pool included', async () => {
    // p1 needs K1 (A, minimum 2); p2 needs nothing but may attend A: the filler pool opens the class.
    const input: PlanInput = {
      years: [2026],
      courses: [
        {
          id: 'A',
          costPerClass: 100,
          costPerParticipant: 0,
          capacity: 10,
          minSize: 2,
          durationDays: 2,
          competencies: [{ competencyCode: 'K1', raisesToLevel: 3 }],
          prerequisites: [],
          fundingSource: 'S',
        },
      ],
      people: [
        {
          id: 1,
          unitId: 1,
          eligibleCourses: ['A'],
          completedCourses: [],
          needs: [{ kind: 'COMPETENCY', competencyCode: 'K1', requiredLevel: 3, weight: 10 }],
        },
        { id: 2, unitId: 1, eligibleCourses: ['A'], completedCourses: [], needs: [] },
      ],
      units: [{ id: 1, staffCount: 10 }],
      budgets: [{ year: 2026, fundingSource: 'S', amount: 100 }],
      maxDaysPerPersonYear: 10,
      maxUnitShareAway: 1,
    };
    const model = buildAggregatedModel(input, singletonGroups(input));
    expect(model.vars.map((v) => v.meaning.kind).sort()).toEqual(['F', 'X', 'Z', 'y']);
    const r = await solvePlan(input, { ...exact, method: 'aggregated' });
    expect(r.value.gapClosed).toBe(10);
    expect(r.plan.courses).toEqual([{ courseId: 'A', year: 2026, classes: 1, attendees: [1, 2] }]);
  });

  it('realises counts as named people deterministically and flags counts that cannot be realised', () => {
    const input = clonedInstance(21, 5, 5, 2);
    const model = buildAggregatedModel(input, groupPeople(input));
    const plan = greedyPlan(input);
    const x = aggregatedVector(input, model, plan);
    const a = realisePlan(input, model, x);
    expect(a).toEqual(realisePlan(input, model, x));
    expect(checkPlan(input, a.plan)).toEqual([]);
    expect(a.exact).toBe(true);
    expect(a.gapClosed).toBeCloseTo(evaluatePlan(input, plan).gapClosed, 6);
    // Twice as many attendees of some course as the group has members: not realisable, flagged.
    const big = model.vars.findIndex((v, i) => v.meaning.kind === 'X' && (x[i] ?? 0) > 0);
    const bad = [...x];
    bad[big] = (bad[big] ?? 0) + 50;
    const r = realisePlan(input, model, bad);
    expect(r.exact).toBe(false);
    expect(r.failedGroups.length).toBeGreaterThan(0);
    expect(checkPlan(input, r.plan)).toEqual([]);
  });
});

describe('heuristics', () => {
  it('the improved greedy is feasible and never worse than the plain greedy', () => {
    for (const seed of [31, 32]) {
      const input = clonedInstance(seed, 10, 6, 3);
      const plain = evaluatePlan(input, greedyPlan(input)).gapClosed;
      const better = improvedGreedyPlan(input, { timeLimitSeconds: 5 });
      expect(checkPlan(input, better)).toEqual([]);
      expect(evaluatePlan(input, better).gapClosed).toBeGreaterThanOrEqual(plain - 1e-9);
    }
  });

  it('the large-instance heuristic gives a feasible plan in blocks of units, at or below its LP bound', async () => {
    const input = generateInstance({ units: 12, staffPerUnit: [8, 12], seed: 5 });
    const r = await largePlan(input, { timeLimitSeconds: 30, blockPeople: 40 });
    expect(r.method).toBe('heuristic');
    expect(r.rounds).toBeGreaterThan(1);
    expect(checkPlan(input, r.plan)).toEqual([]);
    expect(r.value.gapClosed).toBeGreaterThan(0);
    expect(r.bestBound).not.toBeNull();
    expect(r.value.gapClosed).toBeLessThanOrEqual((r.bestBound ?? 0) + 1e-6);
    expect(r.gap).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it('solvePlan picks the heuristic by size', async () => {
    const input = generateInstance({ units: 6, staffPerUnit: [8, 10], seed: 6 });
    const r = await solvePlan(input, { timeLimitSeconds: 20, maxColumns: 10 });
    expect(r.method).toBe('heuristic');
    expect(checkPlan(input, r.plan)).toEqual([]);
  }, 60_000);
});
