import { budgetOf, closes, indexPlan, normalisePlan, type Plan, type PlanIndex, type PlanInput, unitAwayCap } from './plan-model.ts';

/**
 * A plan under construction, with every per-person and per-class rule of the model checked
 * incrementally: the greedy, its local search, the disaggregation of an aggregated solution and
 * the repair all build plans through it, so each of them is feasible by construction except for
 * the minimum class size, which `fixMinimumSizes` restores at the end.
 */
export class PlanState {
  readonly input: PlanInput;
  readonly ix: PlanIndex;
  readonly years: number[];
  /** Per person: course → year index attended. */
  readonly attends: Map<number, number>[];
  readonly days: Float64Array[];
  /** Per person and need: how many attended courses close it (0 = open). */
  readonly closedCount: Int32Array[];
  /** Per person and need: the course indices that close it among the person's candidates. */
  readonly needCourses: Set<number>[][];
  readonly classes: Int32Array[];
  /** Attendees per course and year. */
  readonly seats: Set<number>[][];
  private readonly away = new Map<string, number>();
  private readonly spentBy = new Map<string, number>();
  private readonly capOf = new Map<number, number>();

  constructor(input: PlanInput, index?: PlanIndex) {
    this.input = input;
    this.ix = index ?? indexPlan(input);
    this.years = [...input.years].sort((a, b) => a - b);
    const T = this.years.length;
    this.attends = input.people.map(() => new Map());
    this.days = input.people.map(() => new Float64Array(T));
    this.closedCount = input.people.map((p) => new Int32Array(p.needs.length));
    this.needCourses = input.people.map((p, pi) =>
      p.needs.map((n) => {
        const s = new Set<number>();
        if (n.weight <= 0) return s;
        for (const ci of this.ix.candidates[pi] ?? []) {
          const c = input.courses[ci];
          if (c && closes(c, n)) s.add(ci);
        }
        return s;
      }),
    );
    this.classes = input.courses.map(() => new Int32Array(T));
    this.seats = input.courses.map(() => Array.from({ length: T }, () => new Set<number>()));
  }

  unitCap(unitId: number): number {
    let cap = this.capOf.get(unitId);
    if (cap === undefined) {
      cap = unitAwayCap(this.ix.unitStaff.get(unitId) ?? 0, this.input.maxUnitShareAway);
      this.capOf.set(unitId, cap);
    }
    return cap;
  }
  awayIn(unitId: number, ti: number): number {
    return this.away.get(`${unitId}:${ti}`) ?? 0;
  }
  isAway(pi: number, ti: number): boolean {
    return (this.days[pi]?.[ti] ?? 0) > 0;
  }
  spent(ti: number, source: string): number {
    return this.spentBy.get(`${ti}:${source}`) ?? 0;
  }
  budgetLeft(ti: number, source: string): number {
    return budgetOf(this.input, this.years[ti] ?? 0, source) - this.spent(ti, source);
  }
  private spend(ti: number, source: string, amount: number) {
    this.spentBy.set(`${ti}:${source}`, this.spent(ti, source) + amount);
  }

  /** Weight of the person's still-open needs that course ci closes. */
  gain(pi: number, ci: number): number {
    const p = this.input.people[pi];
    const closed = this.closedCount[pi];
    const nc = this.needCourses[pi];
    if (!p || !closed || !nc) return 0;
    let g = 0;
    for (let k = 0; k < p.needs.length; k++) if (closed[k] === 0 && nc[k]?.has(ci)) g += p.needs[k]?.weight ?? 0;
    return g;
  }

  /** Every per-person rule for one more attendance (not the class's seats or the budget). */
  canAttend(pi: number, ci: number, ti: number, checkUnit = true): boolean {
    const c = this.input.courses[ci];
    const p = this.input.people[pi];
    const att = this.attends[pi];
    if (!c || !p || !att || att.has(ci)) return false;
    if ((this.days[pi]?.[ti] ?? 0) + c.durationDays > this.input.maxDaysPerPersonYear) return false;
    for (const pre of c.prerequisites) {
      if (this.ix.completed[pi]?.has(pre)) continue;
      const ai = this.ix.courseIx.get(pre);
      const at = ai === undefined ? undefined : att.get(ai);
      if (at === undefined || at >= ti) return false;
    }
    if (checkUnit && !this.isAway(pi, ti) && this.awayIn(p.unitId, ti) >= this.unitCap(p.unitId)) return false;
    return true;
  }

  openClass(ci: number, ti: number) {
    const c = this.input.courses[ci];
    const cls = this.classes[ci];
    if (!c || !cls) return;
    cls[ti] = (cls[ti] ?? 0) + 1;
    this.spend(ti, c.fundingSource, c.costPerClass);
  }
  closeClass(ci: number, ti: number) {
    const c = this.input.courses[ci];
    const cls = this.classes[ci];
    if (!c || !cls || (cls[ti] ?? 0) <= 0) return;
    cls[ti] = (cls[ti] ?? 0) - 1;
    this.spend(ti, c.fundingSource, -c.costPerClass);
  }

  add(pi: number, ci: number, ti: number) {
    const c = this.input.courses[ci];
    const p = this.input.people[pi];
    if (!c || !p) return;
    if (!this.isAway(pi, ti)) this.away.set(`${p.unitId}:${ti}`, this.awayIn(p.unitId, ti) + 1);
    this.attends[pi]?.set(ci, ti);
    const d = this.days[pi];
    if (d) d[ti] = (d[ti] ?? 0) + c.durationDays;
    this.seats[ci]?.[ti]?.add(pi);
    this.spend(ti, c.fundingSource, c.costPerParticipant);
    const closed = this.closedCount[pi];
    this.needCourses[pi]?.forEach((s, k) => {
      if (closed && s.has(ci)) closed[k] = (closed[k] ?? 0) + 1;
    });
  }

  remove(pi: number, ci: number) {
    const c = this.input.courses[ci];
    const p = this.input.people[pi];
    const ti = this.attends[pi]?.get(ci);
    if (!c || !p || ti === undefined) return;
    this.attends[pi]?.delete(ci);
    const d = this.days[pi];
    if (d) d[ti] = (d[ti] ?? 0) - c.durationDays;
    if (!this.isAway(pi, ti)) this.away.set(`${p.unitId}:${ti}`, this.awayIn(p.unitId, ti) - 1);
    this.seats[ci]?.[ti]?.delete(pi);
    this.spend(ti, c.fundingSource, -c.costPerParticipant);
    const closed = this.closedCount[pi];
    this.needCourses[pi]?.forEach((s, k) => {
      if (closed && s.has(ci)) closed[k] = (closed[k] ?? 0) - 1;
    });
  }

  /** Removes an attendance and, recursively, the person's later courses that relied on it as a prerequisite. */
  removeWithDependants(pi: number, ci: number) {
    const id = this.input.courses[ci]?.id;
    this.remove(pi, ci);
    if (id === undefined) return;
    for (const [cj] of [...(this.attends[pi] ?? [])]) {
      if (this.input.courses[cj]?.prerequisites.includes(id) && !this.ix.completed[pi]?.has(id)) this.removeWithDependants(pi, cj);
    }
  }

  /** Σ weights of closed needs. */
  gapClosed(): number {
    let g = 0;
    this.input.people.forEach((p, pi) => {
      const closed = this.closedCount[pi];
      p.needs.forEach((n, k) => {
        if ((closed?.[k] ?? 0) > 0 && n.weight > 0) g += n.weight;
      });
    });
    return g;
  }

  /**
   * Restores min·classes ≤ attendees ≤ cap·classes for every course and year: first fewer classes,
   * then fillers (feasible people, those closing most first), else the class and its attendees go
   * (with what depended on them). Returns whether anything was removed.
   */
  fixMinimumSizes(): boolean {
    let removed = false;
    for (let changed = true; changed; ) {
      changed = false;
      this.input.courses.forEach((c, ci) => {
        this.years.forEach((_, ti) => {
          const seats = this.seats[ci]?.[ti];
          const cls = this.classes[ci];
          if (!seats || !cls) return;
          const n = seats.size;
          const k = cls[ti] ?? 0;
          if (n === 0) {
            while ((cls[ti] ?? 0) > 0) this.closeClass(ci, ti);
            return;
          }
          const fewest = Math.ceil(n / Math.max(1, c.capacity));
          while ((cls[ti] ?? 0) > fewest && n < c.minSize * (cls[ti] ?? 0)) this.closeClass(ci, ti);
          while ((cls[ti] ?? 0) < fewest) this.openClass(ci, ti);
          if (n >= c.minSize * (cls[ti] ?? 0) || k < 0) return;
          // Fillers up to the minimum, if the budget allows.
          const want = c.minSize * (cls[ti] ?? 0) - n;
          const fill = this.fillers(ci, ti, want);
          if (fill.length === want && this.budgetLeft(ti, c.fundingSource) >= c.costPerParticipant * want - 1e-9) {
            for (const pi of fill) this.add(pi, ci, ti);
            return;
          }
          for (const pi of [...seats]) this.removeWithDependants(pi, ci);
          while ((cls[ti] ?? 0) > 0) this.closeClass(ci, ti);
          removed = true;
          changed = true;
        });
      });
    }
    return removed;
  }

  /** Up to `want` people who may join course ci in year ti, most useful first (unit room respected among them). */
  fillers(ci: number, ti: number, want: number): number[] {
    const scored: { pi: number; g: number }[] = [];
    this.input.people.forEach((_, pi) => {
      if ((this.ix.candidates[pi] ?? []).includes(ci) && this.canAttend(pi, ci, ti)) scored.push({ pi, g: this.gain(pi, ci) });
    });
    scored.sort((a, b) => b.g - a.g || a.pi - b.pi);
    const room = new Map<number, number>();
    const out: number[] = [];
    for (const { pi } of scored) {
      if (out.length >= want) break;
      const unit = this.input.people[pi]?.unitId ?? 0;
      if (!this.isAway(pi, ti)) {
        const left = room.get(unit) ?? this.unitCap(unit) - this.awayIn(unit, ti);
        if (left <= 0) continue;
        room.set(unit, left - 1);
      }
      out.push(pi);
    }
    return out;
  }

  toPlan(): Plan {
    const courses: Plan['courses'] = [];
    this.input.courses.forEach((c, ci) => {
      this.years.forEach((year, ti) => {
        const n = this.classes[ci]?.[ti] ?? 0;
        const seats = this.seats[ci]?.[ti];
        if (n === 0 && (seats?.size ?? 0) === 0) return;
        courses.push({ courseId: c.id, year, classes: n, attendees: [...(seats ?? [])].map((pi) => this.input.people[pi]?.id ?? 0) });
      });
    });
    return normalisePlan(this.input, { courses });
  }

  /** Loads a plan (assumed feasible); attendees or courses the input does not know are skipped. */
  load(plan: Plan) {
    const personIx = new Map(this.input.people.map((p, i) => [p.id, i]));
    const entries = [...plan.courses].sort((a, b) => a.year - b.year);
    for (const e of entries) {
      const ci = this.ix.courseIx.get(e.courseId);
      const ti = this.years.indexOf(e.year);
      if (ci === undefined || ti < 0) continue;
      for (let k = 0; k < e.classes; k++) this.openClass(ci, ti);
      for (const id of e.attendees) {
        const pi = personIx.get(id);
        if (pi !== undefined && !this.attends[pi]?.has(ci)) this.add(pi, ci, ti);
      }
    }
  }
}
