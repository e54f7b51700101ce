import { budgetOf, closes, indexPlan, normalisePlan, type Plan, type PlanInput, unitAwayCap } from './plan-model.ts';

/**
 * The greedy baseline (issue 6 §3: "a simple greedy plan, gap closed per budget"), also the
 * heuristic for instances too large for the MIP and its warm start. Repeatedly take the move
 * with the most weight of open needs closed per VND: either open a new class of course c in
 * year t (its best open-need candidates, topped up with other feasible people to the minimum
 * size, trimmed to the remaining budget) or add people to a class already opened with free
 * seats. Every move keeps every rule of the model (capacity, minimum size, budget per year and
 * source, once per course, days per year, unit share, prerequisites in an earlier year), so the
 * plan is feasible by construction; checkPlan verifies it in the tests. Deterministic: ties go
 * to the earlier year, course and person in input order.
 */
export function greedyPlan(input: PlanInput): Plan {
  const ix = indexPlan(input);
  const years = [...input.years].sort((a, b) => a - b);
  const P = input.people.length;
  const C = input.courses.length;
  const T = years.length;
  const attends = Array.from({ length: P }, () => new Map<number, number>()); // course -> year index
  const days = Array.from({ length: P }, () => new Array<number>(T).fill(0));
  const open = input.people.map((p) => p.needs.map((n) => n.weight > 0));
  const awayCount = new Map<string, number>(); // unit:t -> people away
  const spent = new Map<string, number>(); // t:source -> VND
  const classes = Array.from({ length: C }, () => new Array<number>(T).fill(0));
  const seats = Array.from({ length: C }, () => new Array<number>(T).fill(0)); // attendees so far
  const eligible = Array.from({ length: C }, () => [] as number[]);
  ix.candidates.forEach((cs, pi) => {
    for (const ci of cs) eligible[ci]?.push(pi);
  });

  const gainOf = (pi: number, ci: number): number => {
    const c = input.courses[ci];
    const p = input.people[pi];
    if (!c || !p) return 0;
    let g = 0;
    p.needs.forEach((n, k) => {
      if (open[pi]?.[k] && closes(c, n)) g += n.weight;
    });
    return g;
  };
  const canAttend = (pi: number, ci: number, ti: number): boolean => {
    const c = input.courses[ci];
    const p = input.people[pi];
    if (!c || !p || attends[pi]?.has(ci)) return false;
    if ((days[pi]?.[ti] ?? 0) + c.durationDays > input.maxDaysPerPersonYear) return false;
    for (const pre of c.prerequisites) {
      if (ix.completed[pi]?.has(pre)) continue;
      const ai = ix.courseIx.get(pre);
      const at = ai === undefined ? undefined : attends[pi]?.get(ai);
      if (at === undefined || at >= ti) return false;
    }
    return true;
  };
  const isAway = (pi: number, ti: number) => (days[pi]?.[ti] ?? 0) > 0;
  const unitRoom = (unitId: number, ti: number) =>
    unitAwayCap(ix.unitStaff.get(unitId) ?? 0, input.maxUnitShareAway) - (awayCount.get(`${unitId}:${ti}`) ?? 0);

  /** Candidates for (c,t) in preference order, respecting the unit share among themselves. */
  const pick = (ci: number, ti: number, limit: number, needed: number): { people: number[]; gain: number } => {
    const scored = (eligible[ci] ?? []).filter((pi) => canAttend(pi, ci, ti)).map((pi) => ({ pi, g: gainOf(pi, ci) }));
    // Open-need holders first (by gain), then the rest in input order as fillers for the minimum size.
    scored.sort((a, b) => b.g - a.g || a.pi - b.pi);
    const room = new Map<number, number>();
    const chosen: number[] = [];
    let gain = 0;
    for (const { pi, g } of scored) {
      if (chosen.length >= limit) break;
      if (g <= 0 && chosen.length >= needed) break;
      const unit = input.people[pi]?.unitId ?? 0;
      if (!isAway(pi, ti)) {
        const left = room.get(unit) ?? unitRoom(unit, ti);
        if (left <= 0) continue;
        room.set(unit, left - 1);
      }
      chosen.push(pi);
      gain += g;
    }
    return { people: chosen, gain };
  };

  for (;;) {
    let best: { ratio: number; gain: number; ci: number; ti: number; people: number[]; newClass: boolean } | null = null;
    for (let ci = 0; ci < C; ci++) {
      const c = input.courses[ci];
      if (!c || c.capacity <= 0) continue;
      for (let ti = 0; ti < T; ti++) {
        const year = years[ti] ?? 0;
        const left = budgetOf(input, year, c.fundingSource) - (spent.get(`${ti}:${c.fundingSource}`) ?? 0);
        // Join: free seats in classes already opened cost only the per-participant cost.
        const free = (classes[ci]?.[ti] ?? 0) * c.capacity - (seats[ci]?.[ti] ?? 0);
        if (free > 0) {
          const byBudget = c.costPerParticipant > 0 ? Math.floor(left / c.costPerParticipant + 1e-9) : free;
          const cand = pick(ci, ti, Math.min(free, byBudget), 0);
          const chosen = cand.people.filter((pi) => gainOf(pi, ci) > 0);
          const gain = chosen.reduce((s, pi) => s + gainOf(pi, ci), 0);
          if (chosen.length > 0 && gain > 0) {
            const cost = c.costPerParticipant * chosen.length;
            const ratio = cost > 0 ? gain / cost : Number.POSITIVE_INFINITY;
            if (!best || ratio > best.ratio || (ratio === best.ratio && gain > best.gain))
              best = { ratio, gain, ci, ti, people: chosen, newClass: false };
          }
        }
        // Open a new class.
        const minSize = Math.max(1, c.minSize);
        if (left < c.costPerClass + c.costPerParticipant * minSize) continue;
        const byBudget = c.costPerParticipant > 0 ? Math.floor((left - c.costPerClass) / c.costPerParticipant + 1e-9) : c.capacity;
        const cand = pick(ci, ti, Math.min(c.capacity, byBudget), minSize);
        if (cand.people.length < minSize || cand.gain <= 0) continue;
        const cost = c.costPerClass + c.costPerParticipant * cand.people.length;
        const ratio = cost > 0 ? cand.gain / cost : Number.POSITIVE_INFINITY;
        if (!best || ratio > best.ratio || (ratio === best.ratio && cand.gain > best.gain))
          best = { ratio, gain: cand.gain, ci, ti, people: cand.people, newClass: true };
      }
    }
    if (!best) break;
    const c = input.courses[best.ci];
    if (!c) break;
    const key = `${best.ti}:${c.fundingSource}`;
    const cost = (best.newClass ? c.costPerClass : 0) + c.costPerParticipant * best.people.length;
    spent.set(key, (spent.get(key) ?? 0) + cost);
    const cls = classes[best.ci];
    const st = seats[best.ci];
    if (best.newClass && cls) cls[best.ti] = (cls[best.ti] ?? 0) + 1;
    if (st) st[best.ti] = (st[best.ti] ?? 0) + best.people.length;
    for (const pi of best.people) {
      const p = input.people[pi];
      if (!p) continue;
      if (!isAway(pi, best.ti)) awayCount.set(`${p.unitId}:${best.ti}`, (awayCount.get(`${p.unitId}:${best.ti}`) ?? 0) + 1);
      attends[pi]?.set(best.ci, best.ti);
      const d = days[pi];
      if (d) d[best.ti] = (d[best.ti] ?? 0) + c.durationDays;
      p.needs.forEach((n, k) => {
        const o = open[pi];
        if (o?.[k] && closes(c, n)) o[k] = false;
      });
    }
  }

  const courses: Plan['courses'] = [];
  for (let ci = 0; ci < C; ci++) {
    for (let ti = 0; ti < T; ti++) {
      const n = classes[ci]?.[ti] ?? 0;
      if (n === 0) continue;
      const attendees: number[] = [];
      attends.forEach((m, pi) => {
        if (m.get(ci) === ti) attendees.push(input.people[pi]?.id ?? 0);
      });
      courses.push({ courseId: input.courses[ci]?.id ?? '', year: years[ti] ?? 0, classes: n, attendees });
    }
  }
  return normalisePlan(input, { courses });
}
