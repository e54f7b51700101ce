/**
 * Two plan versions side by side (issue 6 §3 "plan versions that can be compared"), pure: figures
 * per year and funding source with their differences (B − A), the solver's objective and gap,
 * courses added, removed or changed in class count, and people only in A, only in B, or moved
 * to another year (same courses) or another course. Lists are complete here; the view caps them.
 */
import type { FundingSource } from '../courses.ts';
import { type PlanDocument, type PlanTotalLine, sourceRank } from './plan-document.ts';

export type Figures = { classes: number; participants: number; cost: number };
export type FigureDelta = { a: Figures; b: Figures; delta: Figures };

export type PlanSide = {
  planId: number | null;
  planName: string;
  generatedAt: string;
  status: string;
  objective: number | null;
  bestBound: number | null;
  gap: number | null;
  people: number;
};

export type YearClasses = { year: number; classes: number };
export type CourseSide = Figures & { byYear: YearClasses[] };
export type CourseChangeKind = 'ADDED' | 'REMOVED' | 'CHANGED';
export type CourseChange = { courseCode: string; courseName: string; kind: CourseChangeKind; a: CourseSide; b: CourseSide };

export type PersonRef = { staffId: number; fullName: string; unitName: string };
export type Attendance = { courseCode: string; year: number };
/** YEAR: the same courses in other years; COURSE: at least one course differs. */
export type PersonMove = PersonRef & { kind: 'YEAR' | 'COURSE'; a: Attendance[]; b: Attendance[] };

export type PlanDiff = {
  a: PlanSide;
  b: PlanSide;
  /** B − A; null when either side has none. */
  objectiveDelta: number | null;
  gapDelta: number | null;
  all: FigureDelta & { budgetA: number; budgetB: number };
  byYear: (FigureDelta & { year: number; budgetA: number; budgetB: number })[];
  byYearSource: (FigureDelta & { year: number; fundingSource: FundingSource; budgetA: number; budgetB: number })[];
  /** Courses whose classes per year differ, by code. */
  courses: CourseChange[];
  courseCounts: { added: number; removed: number; changed: number; same: number };
  people: {
    onlyA: PersonRef[];
    onlyB: PersonRef[];
    moved: PersonMove[];
    counts: { onlyA: number; onlyB: number; movedYear: number; movedCourse: number; same: number };
  };
};

const ZERO: Figures = { classes: 0, participants: 0, cost: 0 };
const figures = (l: PlanTotalLine | undefined): Figures => (l ? { classes: l.classes, participants: l.participants, cost: l.cost } : ZERO);
const pair = (a: Figures, b: Figures): FigureDelta => ({
  a,
  b,
  delta: { classes: b.classes - a.classes, participants: b.participants - a.participants, cost: b.cost - a.cost },
});
const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : b - a);

function side(d: PlanDocument): PlanSide {
  return {
    planId: d.planId,
    planName: d.planName,
    generatedAt: d.generatedAt,
    status: d.solver.status,
    objective: d.solver.objective,
    bestBound: d.solver.bestBound,
    gap: d.solver.gap,
    people: d.totals.all.people,
  };
}

function coursesOf(d: PlanDocument) {
  const out = new Map<string, { name: string; side: CourseSide }>();
  for (const k of d.classes) {
    const e = out.get(k.courseCode) ?? { name: k.courseName, side: { ...ZERO, byYear: [] } };
    e.side.classes += 1;
    e.side.participants += k.participants.length;
    e.side.cost += k.total;
    const y = e.side.byYear.find((x) => x.year === k.year);
    if (y) y.classes += 1;
    else e.side.byYear.push({ year: k.year, classes: 1 });
    out.set(k.courseCode, e);
  }
  for (const e of out.values()) e.side.byYear.sort((x, y) => x.year - y.year);
  return out;
}

function attendanceOf(d: PlanDocument) {
  const out = new Map<number, { ref: PersonRef; list: Attendance[] }>();
  for (const k of d.classes)
    for (const p of k.participants) {
      const e = out.get(p.staffId) ?? { ref: { staffId: p.staffId, fullName: p.fullName, unitName: p.unitName }, list: [] };
      e.list.push({ courseCode: k.courseCode, year: k.year });
      out.set(p.staffId, e);
    }
  return out;
}

const attKey = (x: Attendance) => `${x.courseCode}\u0000${x.year}`;
const byAttendance = (x: Attendance, y: Attendance) =>
  x.courseCode < y.courseCode ? -1 : x.courseCode > y.courseCode ? 1 : x.year - y.year;
const collator = new Intl.Collator('vi');
const byName = (x: PersonRef, y: PersonRef) => collator.compare(x.fullName, y.fullName) || x.staffId - y.staffId;

export function comparePlans(a: PlanDocument, b: PlanDocument): PlanDiff {
  const keyYS = (l: { year: number; fundingSource: string }) => `${l.year}\u0000${l.fundingSource}`;
  const ysA = new Map(a.totals.byYearSource.map((l) => [keyYS(l), l]));
  const ysB = new Map(b.totals.byYearSource.map((l) => [keyYS(l), l]));
  const ysKeys = new Map([...a.totals.byYearSource, ...b.totals.byYearSource].map((l) => [keyYS(l), l]));
  const byYearSource = [...ysKeys.entries()]
    .map(([k, l]) => ({
      year: l.year,
      fundingSource: l.fundingSource,
      budgetA: ysA.get(k)?.budget ?? 0,
      budgetB: ysB.get(k)?.budget ?? 0,
      ...pair(figures(ysA.get(k)), figures(ysB.get(k))),
    }))
    .sort((x, y) => x.year - y.year || sourceRank(x.fundingSource) - sourceRank(y.fundingSource));
  const yA = new Map(a.totals.byYear.map((l) => [l.year, l]));
  const yB = new Map(b.totals.byYear.map((l) => [l.year, l]));
  const years = [...new Set([...yA.keys(), ...yB.keys()])].sort((x, y) => x - y);
  const byYear = years.map((year) => ({
    year,
    budgetA: yA.get(year)?.budget ?? 0,
    budgetB: yB.get(year)?.budget ?? 0,
    ...pair(figures(yA.get(year)), figures(yB.get(year))),
  }));

  const cA = coursesOf(a);
  const cB = coursesOf(b);
  const courses: CourseChange[] = [];
  let same = 0;
  for (const code of [...new Set([...cA.keys(), ...cB.keys()])].sort()) {
    const ea = cA.get(code);
    const eb = cB.get(code);
    const sa = ea?.side ?? { ...ZERO, byYear: [] };
    const sb = eb?.side ?? { ...ZERO, byYear: [] };
    const kind: CourseChangeKind | null = !ea
      ? 'ADDED'
      : !eb
        ? 'REMOVED'
        : JSON.stringify(sa.byYear) !== JSON.stringify(sb.byYear)
          ? 'CHANGED'
          : null;
    if (kind === null) same += 1;
    else courses.push({ courseCode: code, courseName: (eb ?? ea)?.name ?? code, kind, a: sa, b: sb });
  }
  const count = (k: CourseChangeKind) => courses.filter((c) => c.kind === k).length;

  const pA = attendanceOf(a);
  const pB = attendanceOf(b);
  const onlyA: PersonRef[] = [];
  const onlyB: PersonRef[] = [];
  const moved: PersonMove[] = [];
  let samePeople = 0;
  for (const [id, ea] of pA) if (!pB.has(id)) onlyA.push(ea.ref);
  for (const [id, eb] of pB) {
    const ea = pA.get(id);
    if (!ea) {
      onlyB.push(eb.ref);
      continue;
    }
    const keysA = new Set(ea.list.map(attKey));
    const keysB = new Set(eb.list.map(attKey));
    const goneA = ea.list.filter((x) => !keysB.has(attKey(x))).sort(byAttendance);
    const newB = eb.list.filter((x) => !keysA.has(attKey(x))).sort(byAttendance);
    if (goneA.length === 0 && newB.length === 0) {
      samePeople += 1;
      continue;
    }
    const codes = (l: Attendance[]) => [...new Set(l.map((x) => x.courseCode))].sort().join('\u0000');
    moved.push({ ...eb.ref, kind: codes(ea.list) === codes(eb.list) ? 'YEAR' : 'COURSE', a: goneA, b: newB });
  }
  onlyA.sort(byName);
  onlyB.sort(byName);
  moved.sort(byName);

  return {
    a: side(a),
    b: side(b),
    objectiveDelta: minus(a.solver.objective, b.solver.objective),
    gapDelta: minus(a.solver.gap, b.solver.gap),
    all: { budgetA: a.totals.all.budget, budgetB: b.totals.all.budget, ...pair(figures(a.totals.all), figures(b.totals.all)) },
    byYear,
    byYearSource,
    courses,
    courseCounts: { added: count('ADDED'), removed: count('REMOVED'), changed: count('CHANGED'), same },
    people: {
      onlyA,
      onlyB,
      moved,
      counts: {
        onlyA: onlyA.length,
        onlyB: onlyB.length,
        movedYear: moved.filter((m) => m.kind === 'YEAR').length,
        movedCourse: moved.filter((m) => m.kind === 'COURSE').length,
        same: samePeople,
      },
    },
  };
}
