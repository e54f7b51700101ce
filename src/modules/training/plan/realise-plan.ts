import type { AggModel } from './aggregate-model.ts';
import type { Plan, PlanInput } from './plan-model.ts';
import { PlanState } from './plan-state.ts';

/**
 * Disaggregation (ADR 0011): an aggregated solution says how many members of each group attend
 * each course in each year, how many of them may be away, and how many classes run; this names
 * the people, deterministically. Year by year, and within a year longest course first (packing
 * the days), each course's seats go to the group's members for whom it closes the most open
 * weight, then to members already away that year (saving the unit's share), then to the member
 * with the fewest days left that still fit, then by input order. Every per-person rule is checked
 * as the seats are given (PlanState), so the result is feasible; a member that cannot be found
 * (the counts were not realisable) leaves a seat empty, and classes are then re-sized or dropped.
 *
 * The aggregated model is a relaxation of the per-person one, so when the realised plan closes as
 * much weight as the aggregated solution claimed (`exact`), and that solution was optimal, the
 * plan is optimal for the per-person model. Otherwise `failedGroups` lists the groups that fell
 * short, for the caller to split into single people and solve again.
 */
export type Realised = {
  plan: Plan;
  /** Gap closed by the realised plan. */
  gapClosed: number;
  /** Gap closed the aggregated solution claimed (Σ w·Z). */
  claimed: number;
  exact: boolean;
  failedGroups: number[];
  /** Courses whose filler seats (the F pool) could not all be given to people. */
  fillerShortCourses: number[];
};

export function realisePlan(input: PlanInput, model: AggModel, values: ArrayLike<number>): Realised {
  const state = new PlanState(input);
  const T = state.years.length;
  const G = model.groups.length;
  const target = new Map<string, number>(); // g:c:t -> count
  const fill = new Map<string, number>(); // c:t -> filler seats
  const awayCap = model.groups.map((g) => new Array<number>(T).fill(g.members.length));
  const claimedByGroup = new Float64Array(G);
  let claimed = 0;
  model.vars.forEach((v, i) => {
    const value = Math.round(values[i] ?? 0);
    const m = v.meaning;
    if (m.kind === 'y') for (let k = 0; k < value; k++) state.openClass(m.course, m.year);
    else if (m.kind === 'X' && value > 0) target.set(`${m.group}:${m.course}:${m.year}`, value);
    else if (m.kind === 'F' && value > 0) fill.set(`${m.course}:${m.year}`, value);
    else if (m.kind === 'A') {
      const row = awayCap[m.group];
      if (row) row[m.year] = value;
    } else if (m.kind === 'Z') {
      claimedByGroup[m.group] = (claimedByGroup[m.group] ?? 0) + value * v.objective;
      claimed += value * v.objective;
    }
  });

  const failed = new Set<number>();
  let fillersShort = false;
  const shortCourses = new Set<number>();
  for (let ti = 0; ti < T; ti++) {
    model.groups.forEach((g, gi) => {
      const courses = g.candidates
        .filter((ci) => (target.get(`${gi}:${ci}:${ti}`) ?? 0) > 0)
        .sort((a, b) => (input.courses[b]?.durationDays ?? 0) - (input.courses[a]?.durationDays ?? 0) || a - b);
      let awayNow = g.members.filter((pi) => state.isAway(pi, ti)).length;
      const cap = awayCap[gi]?.[ti] ?? g.members.length;
      for (const ci of courses) {
        const want = target.get(`${gi}:${ci}:${ti}`) ?? 0;
        const dur = input.courses[ci]?.durationDays ?? 0;
        const ranked = g.members
          .filter((pi) => state.canAttend(pi, ci, ti, false) && (state.isAway(pi, ti) || awayNow < cap))
          .map((pi) => ({
            pi,
            gain: state.gain(pi, ci),
            away: state.isAway(pi, ti) ? 1 : 0,
            left: input.maxDaysPerPersonYear - (state.days[pi]?.[ti] ?? 0) - dur,
          }))
          .sort((a, b) => b.gain - a.gain || b.away - a.away || a.left - b.left || a.pi - b.pi);
        let placed = 0;
        for (const r of ranked) {
          if (placed >= want) break;
          if (!state.isAway(r.pi, ti)) {
            if (awayNow >= cap) continue;
            awayNow++;
          }
          state.add(r.pi, ci, ti);
          placed++;
        }
        if (placed < want) failed.add(gi);
      }
    });
    // Filler seats last, from anyone who may still take the course that year.
    for (const [key, want] of fill) {
      const [ci, t] = key.split(':').map(Number) as [number, number];
      if (t !== ti) continue;
      const people = state.fillers(ci, ti, want);
      for (const pi of people) state.add(pi, ci, ti);
      if (people.length < want) {
        fillersShort = true;
        shortCourses.add(ci);
      }
    }
  }
  if (failed.size > 0 || fillersShort) state.fixMinimumSizes();

  const gapClosed = state.gapClosed();
  // Per group, what the members really closed against what the solution claimed.
  model.groups.forEach((g, gi) => {
    let got = 0;
    for (const pi of g.members) {
      const p = input.people[pi];
      p?.needs.forEach((n, k) => {
        if ((state.closedCount[pi]?.[k] ?? 0) > 0 && n.weight > 0) got += n.weight;
      });
    }
    if (got + 1e-6 < (claimedByGroup[gi] ?? 0)) failed.add(gi);
  });
  return {
    plan: state.toPlan(),
    gapClosed,
    claimed,
    exact: failed.size === 0 && !fillersShort && gapClosed + 1e-6 >= claimed,
    failedGroups: [...failed].sort((a, b) => a - b),
    fillerShortCourses: [...shortCourses].sort((a, b) => a - b),
  };
}
