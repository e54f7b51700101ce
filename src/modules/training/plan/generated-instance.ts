import { PLAN_YEARS, type PlanCourse, type PlanInput, type PlanNeed, type PlanPerson } from './plan-model.ts';

/**
 * A generated training-plan instance shaped like a province (issue 6 Performance): units of
 * officials in about ten job positions, 60 courses over 15 competencies (levels 2–4, level 4
 * after level 3, a few multi-competency programmes and one mandatory ethics course), needs
 * weighted as the needs module's default rule does (gap × group weight × critical multiplier ×
 * workload pressure; officials never assessed count as level 1), and annual budgets per funding
 * source set to `budgetShare` of what closing every need would cost, so they bind. Deterministic
 * for a seed (mulberry32), used by the bench and the scale tests; not demo data.
 */
export type GeneratedOptions = {
  units: number;
  /** Officials per unit: uniform in [min, max]. */
  staffPerUnit: readonly [number, number];
  seed?: number;
  /** Share (0..1] of the cost of closing every need that the five years' budgets add up to. */
  budgetShare?: number;
  /** Share of officials whose competencies were never assessed. */
  notAssessedShare?: number;
};

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given generator. */
function shuffle<T>(xs: T[], rnd: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
  }
  return xs;
}

const GENERAL = ['STATE_MGMT', 'DIGITAL', 'LAW', 'ADMIN', 'COMMUNICATION', 'ETHICS', 'INNOVATION'];
const FIELD = ['LAND', 'ACCOUNTING', 'CONSTRUCTION', 'CULTURE', 'SOCIAL', 'JUSTICE', 'ECONOMY', 'ENVIRONMENT'];

type Position = { group: 'LEADER' | 'PROFESSIONAL'; field: string | null; required: { code: string; level: number }[] };

export function generateInstance(options: GeneratedOptions): PlanInput {
  const rnd = prng(options.seed ?? 20260601);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pickOne = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;

  // Courses: per competency one course at levels 2, 3, 4 (45), then 14 programmes and the ethics course.
  const courses: (PlanCourse & { target: 'ALL' | 'LEADER' | 'PROFESSIONAL'; field: string | null })[] = [];
  const source = () => (rnd() < 0.7 ? 'STATE_BUDGET' : 'AGENCY');
  for (const code of [...GENERAL, ...FIELD]) {
    const field = FIELD.includes(code) ? code : null;
    for (const level of [2, 3, 4]) {
      courses.push({
        id: `${code}-${level}`,
        costPerClass: int(30, 90) * 1_000_000,
        costPerParticipant: int(1, 4) * 500_000,
        capacity: int(25, 40),
        minSize: int(8, 15),
        durationDays: int(2, 5) + (level === 4 ? int(0, 5) : 0),
        competencies: [{ competencyCode: code, raisesToLevel: level }],
        prerequisites: level === 4 && rnd() < 0.6 ? [`${code}-3`] : [],
        fundingSource: source(),
        target: level === 4 ? 'LEADER' : 'ALL',
        field,
      });
    }
  }
  for (let k = 0; k < 14; k++) {
    const codes = [pickOne(GENERAL), pickOne(GENERAL), pickOne([...GENERAL, ...FIELD])];
    const level = int(2, 3);
    const uniq = [...new Set(codes)];
    courses.push({
      id: `PROGRAMME-${k + 1}`,
      costPerClass: int(60, 150) * 1_000_000,
      costPerParticipant: int(2, 6) * 500_000,
      capacity: int(30, 50),
      minSize: int(10, 20),
      durationDays: int(5, 10),
      competencies: uniq.map((competencyCode) => ({ competencyCode, raisesToLevel: level })),
      prerequisites: [],
      fundingSource: source(),
      target: k % 3 === 0 ? 'LEADER' : 'ALL',
      field: uniq.find((c) => FIELD.includes(c)) ?? null,
    });
  }
  courses.push({
    id: 'ETHICS-MANDATORY',
    costPerClass: 40_000_000,
    costPerParticipant: 500_000,
    capacity: 50,
    minSize: 15,
    durationDays: 2,
    competencies: [{ competencyCode: 'ETHICS', raisesToLevel: 2 }],
    prerequisites: [],
    fundingSource: 'STATE_BUDGET',
    target: 'ALL',
    field: null,
  });

  // Positions: 3 leader and 7 professional, each with 3–4 general and 1–2 field competencies.
  const positions: Position[] = Array.from({ length: 10 }, (_, k) => {
    const group = k < 3 ? 'LEADER' : 'PROFESSIONAL';
    const field = k < 3 ? null : (FIELD[(k - 3) % FIELD.length] ?? null);
    const general = shuffle([...GENERAL], rnd).slice(0, int(3, 4));
    const fields = field ? [field, ...(rnd() < 0.4 ? [pickOne(FIELD)] : [])] : [];
    const required = [...general.map((code) => ({ code, level: int(2, group === 'LEADER' ? 4 : 3) }))];
    for (const code of new Set(fields)) required.push({ code, level: int(3, 4) });
    return { group, field, required };
  });

  const notAssessed = options.notAssessedShare ?? 0.55;
  const units = Array.from({ length: options.units }, (_, u) => ({
    id: u + 1,
    staffCount: int(options.staffPerUnit[0], options.staffPerUnit[1]),
  }));
  const people: PlanPerson[] = [];
  for (const unit of units) {
    const pressure = new Map(FIELD.map((f) => [f, Math.min(2, 1 + Math.max(0, 1 - int(6, 12) / 10))]));
    for (let k = 0; k < unit.staffCount; k++) {
      const position = positions[k < 3 ? k : 3 + Math.floor(rnd() * 7)] as Position;
      const assessed = rnd() >= notAssessed;
      const completed = new Set<string>();
      if (rnd() < 0.4) completed.add('ETHICS-MANDATORY');
      const needs: PlanNeed[] = [];
      for (const r of position.required) {
        const level = assessed ? Math.max(1, r.level - int(0, 2)) : 1;
        if (level >= r.level) continue;
        if (level >= 2 && rnd() < 0.5) completed.add(`${r.code}-${level}`);
        const isField = FIELD.includes(r.code);
        const weight = (r.level - level) * (isField ? 1.5 : 1) * (r.level >= 4 ? 1.5 : 1) * (isField ? (pressure.get(r.code) ?? 1) : 1);
        needs.push({ kind: 'COMPETENCY', competencyCode: r.code, requiredLevel: r.level, weight: Math.round(weight * 100) / 100 });
      }
      if (!completed.has('ETHICS-MANDATORY')) needs.push({ kind: 'MANDATORY', courseId: 'ETHICS-MANDATORY', weight: 3 });
      const eligibleCourses = courses
        .filter(
          (c) =>
            (c.target === 'ALL' || c.target === position.group) &&
            (c.field === null || c.field === position.field || position.group === 'LEADER'),
        )
        .map((c) => c.id);
      people.push({ id: people.length + 1, unitId: unit.id, eligibleCourses, completedCourses: [...completed].sort(), needs });
    }
  }

  // Budgets: the cheapest way to close each need alone (a seat plus a share of a class of 25), summed.
  const planCourses: PlanCourse[] = courses.map(({ target: _t, field: _f, ...c }) => c);
  const demand = new Map<string, number>();
  for (const p of people)
    for (const n of p.needs) {
      let best: PlanCourse | null = null;
      let bestCost = Number.POSITIVE_INFINITY;
      for (const c of planCourses) {
        if (!p.eligibleCourses.includes(c.id)) continue;
        const closes =
          n.kind === 'MANDATORY'
            ? n.courseId === c.id
            : c.competencies.some((k) => k.competencyCode === n.competencyCode && k.raisesToLevel >= n.requiredLevel);
        const cost = c.costPerParticipant + c.costPerClass / 25;
        if (closes && cost < bestCost) {
          best = c;
          bestCost = cost;
        }
      }
      if (best) demand.set(best.fundingSource, (demand.get(best.fundingSource) ?? 0) + bestCost);
    }
  const share = options.budgetShare ?? 0.35;
  const years = [...PLAN_YEARS];
  const budgets = years.flatMap((year) =>
    [...demand].map(([fundingSource, cost]) => ({
      year,
      fundingSource,
      amount: Math.round((cost * share) / years.length / 1_000_000) * 1_000_000,
    })),
  );
  return { years, courses: planCourses, people, units, budgets, maxDaysPerPersonYear: 12, maxUnitShareAway: 0.3 };
}
