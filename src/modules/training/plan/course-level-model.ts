import { type AggModel, buildAggregatedModel } from './aggregate-model.ts';
import type { PersonGroup } from './plan-groups.ts';
import { closes, indexPlan, type PlanIndex, type PlanInput, type PlanNeed, unitAwayCap } from './plan-model.ts';

/**
 * The course-level model of the decomposition (ADR 0011, second pass): small enough for
 * HiGHS-WASM on a province. People are grouped across units by what the model can see of them:
 * their needs (competency and required level, or mandatory course, without the weight), the
 * courses that close one of those needs (plus uncompleted prerequisites of those) and which
 * prerequisites of those courses they completed. On the generated province this gives 378
 * groups for 1,591 people (1,441 with the exact grouping of plan-groups.ts).
 *
 * The model is the aggregated model of aggregate-model.ts over these groups without the
 * per-unit share rows, with instead:
 * - X[g,c,t] ≤ Σ_u min(n_{g,u}, cap_u): no more of a group can attend in one year than its
 *   units may send;
 * - A[g,t] ≥ X[g,c,t] (members of g away in t) and Σ_g A[g,t] ≤ Σ_u cap_u: the unit shares summed.
 * Both are sums of per-person rows, so they keep the model a relaxation.
 * Weights differ inside a group (assessed level, unit workload pressure): `weights: 'max'` puts
 * the largest member weight on Z (the model then relaxes the per-person model and its LP bound
 * bounds every plan); `'mean'` (the one solved for a plan) is the group's average.
 */
export type CourseLevelWeights = 'mean' | 'max';

const needKey = (n: PlanNeed) => (n.kind === 'MANDATORY' ? `M:${n.courseId}` : `C:${n.competencyCode}:${n.requiredLevel}`);

/** Courses a person's model columns can use: those closing a need and their uncompleted prerequisites. */
function usefulCourses(input: PlanInput, ix: PlanIndex, pi: number): number[] {
  const p = input.people[pi];
  const candidates = ix.candidates[pi] ?? [];
  if (!p) return [];
  const needs = p.needs.filter((n) => n.weight > 0);
  const keep = new Set<number>();
  const stack = candidates.filter((ci) => {
    const c = input.courses[ci];
    return !!c && needs.some((n) => closes(c, n));
  });
  while (stack.length > 0) {
    const ci = stack.pop() as number;
    if (keep.has(ci)) continue;
    keep.add(ci);
    for (const pre of input.courses[ci]?.prerequisites ?? []) {
      const ai = ix.courseIx.get(pre);
      if (ai !== undefined && !ix.completed[pi]?.has(pre) && candidates.includes(ai)) stack.push(ai);
    }
  }
  return [...keep].sort((a, b) => a - b);
}

/** Unit-free groups by needs and useful courses; candidates are the union of the members' (a looser filler pool). */
export function courseLevelGroups(input: PlanInput, index?: PlanIndex): PersonGroup[] {
  const ix = index ?? indexPlan(input);
  const byKey = new Map<string, { group: PersonGroup; candidates: Set<number> }>();
  const out: { group: PersonGroup; candidates: Set<number> }[] = [];
  input.people.forEach((p, pi) => {
    const useful = usefulCourses(input, ix, pi);
    const preDone = useful.flatMap((ci) => (input.courses[ci]?.prerequisites ?? []).filter((pre) => ix.completed[pi]?.has(pre))).sort();
    const needs = p.needs
      .filter((n) => n.weight > 0)
      .map(needKey)
      .sort();
    const key = JSON.stringify([useful, [...new Set(preDone)], needs]);
    const found = byKey.get(key);
    if (found) {
      found.group.members.push(pi);
      for (const ci of ix.candidates[pi] ?? []) found.candidates.add(ci);
      return;
    }
    const entry = { group: { members: [pi], unitId: p.unitId, candidates: [] as number[] }, candidates: new Set(ix.candidates[pi] ?? []) };
    byKey.set(key, entry);
    out.push(entry);
  });
  return out.map(({ group, candidates }) => ({ ...group, candidates: [...candidates].sort((a, b) => a - b) }));
}

export function buildCourseLevelModel(
  input: PlanInput,
  groups: readonly PersonGroup[],
  options: { weights?: CourseLevelWeights; index?: PlanIndex } = {},
): AggModel {
  const ix = options.index ?? indexPlan(input);
  const model = buildAggregatedModel(input, groups, { ignoreUnitShare: true, index: ix });
  const capOf = (unitId: number) => unitAwayCap(ix.unitStaff.get(unitId) ?? 0, input.maxUnitShareAway);
  const sendable = groups.map((g) => {
    const perUnit = new Map<number, number>();
    for (const pi of g.members) {
      const u = input.people[pi]?.unitId ?? 0;
      perUnit.set(u, (perUnit.get(u) ?? 0) + 1);
    }
    let n = 0;
    for (const [u, k] of perUnit) n += Math.min(k, capOf(u));
    return n;
  });
  const T = input.years.length;
  const xsByGroupYear = new Map<string, number[]>();
  model.vars.forEach((v, i) => {
    const m = v.meaning;
    if (m.kind === 'X') {
      v.upper = Math.min(v.upper, sendable[m.group] ?? v.upper);
      const k = `${m.group}:${m.year}`;
      const list = xsByGroupYear.get(k) ?? [];
      list.push(i);
      xsByGroupYear.set(k, list);
    } else if (m.kind === 'Z') {
      const g = groups[m.group];
      const need = input.people[g?.members[0] ?? -1]?.needs[m.need];
      if (!g || !need) return;
      const key = needKey(need);
      const ws = g.members.map((pi) => input.people[pi]?.needs.find((n) => n.weight > 0 && needKey(n) === key)?.weight ?? 0);
      v.objective = options.weights === 'max' ? Math.max(...ws) : ws.reduce((s, w) => s + w, 0) / Math.max(1, ws.length);
    }
  });
  // A[g,t] and the summed unit share, per year.
  let totalCap = 0;
  for (const u of new Set(input.people.map((p) => p.unitId))) totalCap += capOf(u);
  for (let ti = 0; ti < T; ti++) {
    const aVars: number[] = [];
    groups.forEach((g, gi) => {
      const xs = xsByGroupYear.get(`${gi}:${ti}`);
      if (!xs || xs.length === 0) return;
      const a =
        model.vars.push({
          name: `a_g${gi}_${input.years[ti] ?? ti}`,
          type: g.members.length === 1 ? 'binary' : 'integer',
          lower: 0,
          upper: Math.min(g.members.length, sendable[gi] ?? 0),
          objective: 0,
          meaning: { kind: 'A', group: gi, year: ti },
        }) - 1;
      aVars.push(a);
      for (const x of xs)
        model.rows.push({
          name: `away_g${gi}_x${x}`,
          terms: [
            [x, 1],
            [a, -1],
          ],
          sense: '<=',
          rhs: 0,
        });
    });
    if (aVars.length > 0)
      model.rows.push({ name: `share_${input.years[ti] ?? ti}`, terms: aVars.map((v) => [v, 1]), sense: '<=', rhs: totalCap });
  }
  return model;
}
