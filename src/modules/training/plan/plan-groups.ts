import { indexPlan, type PlanIndex, type PlanInput } from './plan-model.ts';

/**
 * Interchangeable participants (ADR 0011): people of the same unit with the same courses they
 * may still take, the same completed courses (prerequisites) and the same needs with the same
 * weights are indistinguishable to every rule and to the objective, so the aggregated model
 * gives them one integer variable per course and year ("how many of them attend") instead of
 * one binary each. Needs are compared as a multiset (order in the input does not matter).
 */
export type PersonGroup = {
  /** Indices into input.people, ascending; the first is the group's representative. */
  members: number[];
  unitId: number;
  /** Course indices the members may attend (eligible, known, not completed), ascending. */
  candidates: number[];
};

/** A text key equal for exactly the interchangeable people; `byUnit: false` drops the unit (a relaxation). */
export function personSignature(input: PlanInput, ix: PlanIndex, pi: number, byUnit = true): string {
  const p = input.people[pi];
  if (!p) return '';
  const needs = p.needs
    .filter((n) => n.weight > 0)
    .map((n) => (n.kind === 'MANDATORY' ? `M:${n.courseId}:${n.weight}` : `C:${n.competencyCode}:${n.requiredLevel}:${n.weight}`))
    .sort();
  // Only completed courses that are a prerequisite of something matter; the rest only remove candidates.
  const completed = [...(ix.completed[pi] ?? [])].filter((id) => ix.courseIx.has(id)).sort();
  return JSON.stringify([byUnit ? p.unitId : null, ix.candidates[pi] ?? [], completed, needs]);
}

/** Groups in order of their first member, so the grouping (and every model built on it) is reproducible. */
export function groupPeople(input: PlanInput, options: { byUnit?: boolean; index?: PlanIndex } = {}): PersonGroup[] {
  const ix = options.index ?? indexPlan(input);
  const byKey = new Map<string, PersonGroup>();
  const out: PersonGroup[] = [];
  input.people.forEach((p, pi) => {
    const key = personSignature(input, ix, pi, options.byUnit ?? true);
    const g = byKey.get(key);
    if (g) g.members.push(pi);
    else {
      const group = { members: [pi], unitId: p.unitId, candidates: [...(ix.candidates[pi] ?? [])] };
      byKey.set(key, group);
      out.push(group);
    }
  });
  return out;
}

/** Every person alone: the aggregated model over these groups is the per-person model. */
export function singletonGroups(input: PlanInput, index?: PlanIndex): PersonGroup[] {
  const ix = index ?? indexPlan(input);
  return input.people.map((p, pi) => ({ members: [pi], unitId: p.unitId, candidates: [...(ix.candidates[pi] ?? [])] }));
}
