import { describe, expect, it } from 'vitest';
import { aggregatedVector } from './aggregate-model.ts';
import { buildCourseLevelModel, courseLevelGroups } from './course-level-model.ts';
import { courseLevelModel, decomposedPlan, perturbSearch, realiseCourseLevel } from './decomposed-plan.ts';
import { generateInstance } from './generated-instance.ts';
import { greedyPlan } from './greedy-plan.ts';
import { checkPlan, evaluatePlan, type PlanInput } from './plan-model.ts';
import { runHighs, solvePlan } from './solve-plan.ts';

/** Small generated instances with budgets for the whole demand (at 35 % no class fits a 5-unit budget). */
const instance = (units: number, seed: number) => generateInstance({ units, staffPerUnit: [8, 14], seed, budgetShare: 1 });

const lp = (model: Parameters<typeof runHighs>[0], seconds: number) =>
  runHighs({ ...model, vars: model.vars.map((v) => ({ ...v, type: 'continuous' as const })) }, { timeLimitSeconds: seconds });

/** Σ objective·x of a model vector. */
const objectiveOf = (model: { vars: { objective: number }[] }, x: readonly number[]) =>
  model.vars.reduce((s, v, i) => s + v.objective * (x[i] ?? 0), 0);

describe('the course-level model', () => {
  const input: PlanInput = instance(6, 41);

  it('groups people across units, fewer groups than people, every person exactly once', () => {
    const groups = courseLevelGroups(input);
    expect(groups.length).toBeLessThan(input.people.length);
    expect(groups.some((g) => new Set(g.members.map((pi) => input.people[pi]?.unitId)).size > 1)).toBe(true);
    const all = groups.flatMap((g) => g.members).sort((a, b) => a - b);
    expect(all).toEqual(input.people.map((_, i) => i));
  });

  it('with the largest weights is a relaxation: a feasible plan maps to a vector meeting every row, worth at least the plan', () => {
    const plan = greedyPlan(input);
    expect(checkPlan(input, plan)).toEqual([]);
    const model = courseLevelModel(input, 'max');
    const x = aggregatedVector(input, model, plan);
    const broken: string[] = [];
    model.vars.forEach((v, i) => {
      if ((x[i] ?? 0) > v.upper + 1e-9) broken.push(v.name);
    });
    for (const r of model.rows) {
      const lhs = r.terms.reduce((s, [v, c]) => s + c * (x[v] ?? 0), 0);
      if (r.sense === '<=' ? lhs > r.rhs + 1e-6 : lhs < r.rhs - 1e-6) broken.push(`${r.name}: ${lhs} ${r.sense} ${r.rhs}`);
    }
    expect(broken).toEqual([]);
    expect(objectiveOf(model, x)).toBeGreaterThanOrEqual(evaluatePlan(input, plan).gapClosed - 1e-6);
  });

  it('with mean weights puts each group’s average weight on its needs (no more than the largest)', () => {
    const ix = courseLevelGroups(input);
    const mean = buildCourseLevelModel(input, ix, { weights: 'mean' });
    const max = buildCourseLevelModel(input, ix, { weights: 'max' });
    let lower = 0;
    mean.vars.forEach((v, i) => {
      if (v.meaning.kind !== 'Z') return;
      expect(v.objective).toBeLessThanOrEqual((max.vars[i]?.objective ?? 0) + 1e-9);
      if (v.objective < (max.vars[i]?.objective ?? 0) - 1e-9) lower++;
    });
    expect(lower).toBeGreaterThan(0);
  });
});

describe('the decomposition', () => {
  it('realises an LP solution as a feasible plan (checkPlan), also from arbitrary and inflated counts', async () => {
    for (const seed of [42, 43]) {
      const input = instance(5, seed);
      const model = courseLevelModel(input, 'max');
      const r = await lp(model, 60);
      expect(r.status).toBe('OPTIMAL');
      const plan = realiseCourseLevel(input, model, r.values ?? []);
      expect(checkPlan(input, plan)).toEqual([]);
      expect(evaluatePlan(input, plan).gapClosed).toBeGreaterThan(0);
      expect(evaluatePlan(input, plan).gapClosed).toBeLessThanOrEqual((r.objective ?? 0) + 1e-6);
      // Counts far beyond what is allowed (every class and head-count ×3): still a feasible plan.
      const inflated = (r.values ?? []).map((v) => Math.ceil(v) * 3);
      expect(checkPlan(input, realiseCourseLevel(input, model, inflated))).toEqual([]);
      expect(realiseCourseLevel(input, model, r.values ?? [])).toEqual(plan);
    }
  }, 120_000);

  it('decomposedPlan is feasible, never below its warm start, and below its LP bound', async () => {
    const input = instance(6, 44);
    const r = await decomposedPlan(input, { timeLimitSeconds: 20, solveLp: (m, s) => runHighs(m, { timeLimitSeconds: s }) });
    expect(checkPlan(input, r.plan)).toEqual([]);
    const value = evaluatePlan(input, r.plan).gapClosed;
    expect(value).toBeGreaterThanOrEqual(r.startValue - 1e-9);
    expect(value).toBeGreaterThanOrEqual(evaluatePlan(input, greedyPlan(input)).gapClosed - 1e-9);
    expect(r.bound).not.toBeNull();
    expect(value).toBeLessThanOrEqual((r.bound ?? 0) + 1e-6);
  }, 120_000);

  it('perturbSearch keeps feasibility and never loses weight', () => {
    const input = instance(4, 45);
    const start = greedyPlan(input);
    const plan = perturbSearch(input, start, Date.now() + 2000, 3);
    expect(checkPlan(input, plan)).toEqual([]);
    expect(evaluatePlan(input, plan).gapClosed).toBeGreaterThanOrEqual(evaluatePlan(input, start).gapClosed - 1e-9);
  }, 60_000);

  it('solvePlan uses the decomposition above decomposeAbove and keeps to the time limit', async () => {
    const input = instance(6, 46);
    const started = Date.now();
    const r = await solvePlan(input, { timeLimitSeconds: 8, decomposeAbove: 10 });
    const wall = (Date.now() - started) / 1000;
    expect(r.method).toBe('decomposed');
    expect(checkPlan(input, r.plan)).toEqual([]);
    // The whole solve, warm start and model build included, within the limit (plus a little for the last step).
    expect(wall).toBeLessThan(8 + 2);
    expect(r.seconds).toBeLessThan(8 + 2);
    if (r.bestBound !== null) expect(r.gap).toBeCloseTo((r.bestBound - (r.objective ?? 0)) / (r.objective ?? 1), 9);
  }, 60_000);
});
