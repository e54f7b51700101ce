import type { PlanCourse, PlanInput, PlanNeed, PlanPerson } from './plan-model.ts';

/**
 * Builders of small hand-worked planning instances, shared by the model, solver and bound tests:
 * every default is stated here once, each test names only what its worked optimum depends on.
 */

/** A course of one class size 10 (min 1), 2 days, 100 per class, paid from STATE_BUDGET. */
export function course(id: string, raises: Record<string, number> | string[], over: Partial<PlanCourse> = {}): PlanCourse {
  const levels = Array.isArray(raises) ? Object.fromEntries(raises.map((code) => [code, 3])) : raises;
  return {
    id,
    costPerClass: 100,
    costPerParticipant: 0,
    capacity: 10,
    minSize: 1,
    durationDays: 2,
    competencies: Object.entries(levels).map(([competencyCode, raisesToLevel]) => ({ competencyCode, raisesToLevel })),
    prerequisites: [],
    fundingSource: 'STATE_BUDGET',
    ...over,
  };
}

export const need = (competencyCode: string, weight: number, requiredLevel = 3): PlanNeed => ({
  kind: 'COMPETENCY',
  competencyCode,
  requiredLevel,
  weight,
});

export const person = (id: number, needs: PlanNeed[], eligibleCourses: string[], over: Partial<PlanPerson> = {}): PlanPerson => ({
  id,
  unitId: 1,
  eligibleCourses,
  completedCourses: [],
  needs,
  ...over,
});

/** One year (2026), one unit of 100 staff, a STATE_BUDGET line of `budget`, 20 days per person. */
export function instance(over: Partial<PlanInput>, budget = 1_000_000): PlanInput {
  return {
    years: [2026],
    courses: [],
    people: [],
    units: [{ id: 1, staffCount: 100 }],
    budgets: [{ year: 2026, fundingSource: 'STATE_BUDGET', amount: budget }],
    maxDaysPerPersonYear: 20,
    maxUnitShareAway: 1,
    ...over,
  };
}
