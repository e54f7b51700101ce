/**
 * Training execution rules, pure (issue 6 §5): which class statuses allow which step, how a
 * result becomes competency evidence, how a bulk enrolment fills a class, and the
 * plan-versus-actual figures per unit and year. The use cases gather the facts.
 */

import type { CourseCompetency } from '../courses.ts';

export const CLASS_STATUSES = ['PLANNED', 'OPEN', 'RUNNING', 'COMPLETED', 'CANCELLED'] as const;
export type ClassStatus = (typeof CLASS_STATUSES)[number];

export const ENROLMENT_STATUSES = ['ENROLLED', 'WITHDRAWN', 'COMPLETED', 'FAILED', 'NO_SHOW'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** The results a class records for a participant. */
export const OUTCOMES = ['COMPLETED', 'FAILED', 'NO_SHOW'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Status changes through an update. COMPLETED is reached by recording results (which can be
 * corrected afterwards); a cancelled class stays cancelled, a completed one stays completed.
 */
const TRANSITIONS: Record<ClassStatus, readonly ClassStatus[]> = {
  PLANNED: ['OPEN', 'CANCELLED'],
  OPEN: ['PLANNED', 'RUNNING', 'CANCELLED'],
  RUNNING: ['OPEN', 'CANCELLED'],
  COMPLETED: [],
  CANCELLED: [],
};

export function canChangeStatus(from: ClassStatus, to: ClassStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

/** People join a class until it is held: planned, open for enrolment or running. */
export function canEnrol(status: ClassStatus): boolean {
  return status === 'PLANNED' || status === 'OPEN' || status === 'RUNNING';
}

/** Attendance and results belong to a class that has started (or finished, for corrections). */
export function canRecordResults(status: ClassStatus): boolean {
  return status === 'OPEN' || status === 'RUNNING' || status === 'COMPLETED';
}

/** Every status except WITHDRAWN holds a seat: the capacity counts them. */
export function holdsSeat(status: EnrolmentStatus): boolean {
  return status !== 'WITHDRAWN';
}

/** A person can be withdrawn while their result is not recorded. */
export function canWithdraw(status: EnrolmentStatus): boolean {
  return status === 'ENROLLED';
}

/**
 * What a result records as competency evidence: a participant who completed the class (a
 * passing result) is at least the course's level in each competency it raises, from the
 * completion date; FAILED and NO_SHOW record nothing (and remove what a COMPLETED result had
 * recorded).
 */
export function evidenceOf(outcome: Outcome, competencies: readonly CourseCompetency[]): { competencyCode: string; level: number }[] {
  if (outcome !== 'COMPLETED') return [];
  return competencies.map((c) => ({ competencyCode: c.competencyCode, level: c.raisesToLevel }));
}

export type EnrolRefusal = 'STAFF_NOT_FOUND' | 'ALREADY_ENROLLED' | 'CLASS_FULL' | 'NOT_ELIGIBLE' | 'DUPLICATE';
export type EnrolCandidate = {
  staffId: number;
  /** false: not a staff record of the province. */
  found: boolean;
  /** The person's row in this class, if any. */
  existing: EnrolmentStatus | null;
  eligible: boolean;
};
export type EnrolDecision = { staffId: number; action: 'INSERT' | 'REACTIVATE' } | { staffId: number; refusal: EnrolRefusal };

/**
 * Decides a bulk enrolment in the order asked: people already holding a seat, unknown or
 * ineligible are refused with a reason; the others take the free seats in order, the rest are
 * refused CLASS_FULL. A withdrawn person is enrolled again on their old row.
 */
export function decideEnrolments(candidates: readonly EnrolCandidate[], seatsTaken: number, capacity: number): EnrolDecision[] {
  let free = capacity - seatsTaken;
  const seen = new Set<number>();
  return candidates.map((c): EnrolDecision => {
    if (seen.has(c.staffId)) return { staffId: c.staffId, refusal: 'DUPLICATE' };
    seen.add(c.staffId);
    if (!c.found) return { staffId: c.staffId, refusal: 'STAFF_NOT_FOUND' };
    if (c.existing !== null && holdsSeat(c.existing)) return { staffId: c.staffId, refusal: 'ALREADY_ENROLLED' };
    if (!c.eligible) return { staffId: c.staffId, refusal: 'NOT_ELIGIBLE' };
    if (free <= 0) return { staffId: c.staffId, refusal: 'CLASS_FULL' };
    free -= 1;
    return { staffId: c.staffId, action: c.existing === 'WITHDRAWN' ? 'REACTIVATE' : 'INSERT' };
  });
}

/** Whole days from `from` to `to` plus one ('YYYY-MM-DD'): the calendar length of a class. */
export function calendarDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

// ---- Plan versus actual ---------------------------------------------------------------

/** One unit × year of a plan or of what was held. */
export type UnitYearFigures = { unitId: number; year: number; participants: number; classes: number; cost: number };

/** Seats of one class taken by one unit's staff (held classes: not withdrawn). */
export type ClassUnitSeats = {
  classId: number;
  year: number;
  unitId: number;
  seats: number;
  completed: number;
  /** All seats of the class (every unit), for sharing its fixed cost. */
  classSeats: number;
  costPerClass: number;
  costPerParticipant: number;
};

export type ActualFigures = UnitYearFigures & { completed: number };

/**
 * What was held, per unit of the participants and year: seats, completed participants,
 * classes with at least one of the unit's people, and cost (each participant's own cost plus
 * the unit's share of the class's fixed cost, by seats). Cancelled classes are left out by the caller.
 */
export function actualByUnitYear(rows: readonly ClassUnitSeats[]): ActualFigures[] {
  const out = new Map<string, ActualFigures>();
  for (const r of rows) {
    const key = `${r.unitId}/${r.year}`;
    const f = out.get(key) ?? { unitId: r.unitId, year: r.year, participants: 0, completed: 0, classes: 0, cost: 0 };
    f.participants += r.seats;
    f.completed += r.completed;
    f.classes += r.seats > 0 ? 1 : 0;
    f.cost += r.seats * r.costPerParticipant + (r.classSeats > 0 ? (r.costPerClass * r.seats) / r.classSeats : 0);
    out.set(key, f);
  }
  return [...out.values()].map((f) => ({ ...f, cost: Math.round(f.cost) }));
}

/** A planned class's attendees of one unit, with the class's whole planned cost and size. */
export type PlannedClassUnit = {
  classId: number;
  year: number;
  unitId: number;
  attendees: number;
  classParticipants: number;
  classCost: number;
};

/** The plan per unit and year: attendees, classes with the unit's people, and the unit's share of each class's cost by attendees. */
export function plannedByUnitYear(rows: readonly PlannedClassUnit[]): UnitYearFigures[] {
  const out = new Map<string, UnitYearFigures>();
  for (const r of rows) {
    const key = `${r.unitId}/${r.year}`;
    const f = out.get(key) ?? { unitId: r.unitId, year: r.year, participants: 0, classes: 0, cost: 0 };
    f.participants += r.attendees;
    f.classes += r.attendees > 0 ? 1 : 0;
    f.cost += r.classParticipants > 0 ? (r.classCost * r.attendees) / r.classParticipants : 0;
    out.set(key, f);
  }
  return [...out.values()].map((f) => ({ ...f, cost: Math.round(f.cost) }));
}

export type PlanVsActualRow = {
  unitId: number;
  year: number;
  planned: UnitYearFigures | null;
  actual: ActualFigures | null;
  /** Completed participants over planned participants; null without a plan for the unit and year. */
  completionRate: number | null;
};

/** Joins plan and actual on unit × year (either side may be missing), ordered by year then unit. */
export function planVsActual(planned: readonly UnitYearFigures[], actual: readonly ActualFigures[]): PlanVsActualRow[] {
  const keys = new Map<string, { unitId: number; year: number }>();
  for (const f of [...planned, ...actual]) keys.set(`${f.unitId}/${f.year}`, { unitId: f.unitId, year: f.year });
  const p = new Map(planned.map((f) => [`${f.unitId}/${f.year}`, f]));
  const a = new Map(actual.map((f) => [`${f.unitId}/${f.year}`, f]));
  return [...keys.entries()]
    .map(([key, k]) => {
      const pl = p.get(key) ?? null;
      const ac = a.get(key) ?? null;
      return {
        ...k,
        planned: pl,
        actual: ac,
        completionRate: pl && pl.participants > 0 ? (ac?.completed ?? 0) / pl.participants : null,
      };
    })
    .sort((x, y) => x.year - y.year || x.unitId - y.unitId);
}
