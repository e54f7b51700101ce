/**
 * Service evidence of a person (issue 4 §4): what the dossiers they received and handled say,
 * shown beside the supervisor's judgement. Pure aggregation of counts the repository groups in
 * SQL; accounts are linked to a staff record by users.staff_id, so an account without that link
 * contributes nothing.
 *
 * On time uses the Decision 766 definition of the scorecard and the lifecycle due-state
 * overlay (domain.md §6.6): a finished dossier is on time when its end of processing (DONE >
 * RETURNED > STOPPED) is not after its due date pushed back by the paused working time, and it
 * was not sent back for supplements `overdueFromSupplementRequests` times or more.
 */

/** Counts for one person and period; what the repository returns. */
export type ServiceCounts = {
  linkedAccounts: number;
  /** Dossiers they received (dossiers.created_by) in the period. */
  received: number;
  /** Dossiers assigned to them that were in process in the period (received before its end, not finished before its start, not withdrawn). */
  handled: number;
  /** Of those, finished in the period. */
  finished: number;
  finishedOnTime: number;
  /** Assigned, open at the measuring instant (the period's end, or now if earlier) and past their due date. */
  overdueOpen: number;
  /** Citizen ratings given in the period on dossiers assigned to them: the overall answer per level code. */
  ratingsByLevel: Record<string, number>;
};

/** A dossier whose clock stopped at some point: deciding on time needs the working calendar. */
export type PausedDossier = {
  status: number;
  dueAt: string | null;
  pausedMs: number;
  /** End of processing (DONE/STOPPED, else RETURNED), or null while open. */
  finishedAt: string | null;
  supplementRequests: number;
};

export type Contribution = Pick<ServiceCounts, 'handled' | 'finished' | 'finishedOnTime' | 'overdueOpen'>;

/** Statuses whose clock is stopped (supplement or payment requested): not overdue while the citizen holds it. */
export const CLOCK_STOPPED_STATUSES = [5, 6] as const;

/**
 * What one paused dossier of the handled set adds. `extend` pushes a due date back by working
 * time (due-state.ts `extendByWorkingMs` with the working calendar).
 */
export function pausedContribution(
  d: PausedDossier,
  periodEnd: Date,
  measuredAt: Date,
  overdueFromSupplementRequests: number,
  extend: (due: Date, ms: number) => Date,
): Contribution {
  const due = d.dueAt === null ? null : extend(new Date(d.dueAt), d.pausedMs);
  const fin = d.finishedAt === null ? null : Date.parse(d.finishedAt);
  const finished = fin !== null && fin < periodEnd.getTime();
  const onTime = finished && (due === null || (fin as number) <= due.getTime()) && d.supplementRequests < overdueFromSupplementRequests;
  const openAtMeasure = fin === null || fin >= measuredAt.getTime();
  const stopped = (CLOCK_STOPPED_STATUSES as readonly number[]).includes(d.status);
  const overdue = openAtMeasure && !stopped && due !== null && measuredAt.getTime() > due.getTime();
  return { handled: 1, finished: finished ? 1 : 0, finishedOnTime: onTime ? 1 : 0, overdueOpen: overdue ? 1 : 0 };
}

export function addContributions(base: Contribution, more: readonly Contribution[]): Contribution {
  return more.reduce(
    (a, c) => ({
      handled: a.handled + c.handled,
      finished: a.finished + c.finished,
      finishedOnTime: a.finishedOnTime + c.finishedOnTime,
      overdueOpen: a.overdueOpen + c.overdueOpen,
    }),
    base,
  );
}

/** A satisfaction level of the rule `satisfaction.criteria`, best first. */
export type RatingLevel = { code: string; unsatisfied: boolean };

export type RatingSummary = {
  count: number;
  /** Mean on a 1…scaleMax scale (the best level scores scaleMax, the worst 1); null without ratings. */
  average: number | null;
  scaleMax: number;
  /** Share of ratings on a level that is not "unsatisfied"; null without ratings. */
  satisfiedShare: number | null;
  byLevel: { code: string; count: number }[];
};

export function summariseRatings(byLevel: Readonly<Record<string, number>>, levels: readonly RatingLevel[]): RatingSummary {
  const n = levels.length;
  let count = 0;
  let points = 0;
  let satisfied = 0;
  const rows = levels.map((l, i) => {
    const c = byLevel[l.code] ?? 0;
    count += c;
    points += c * (n - i);
    if (!l.unsatisfied) satisfied += c;
    return { code: l.code, count: c };
  });
  return {
    count,
    average: count > 0 ? points / count : null,
    scaleMax: n,
    satisfiedShare: count > 0 ? satisfied / count : null,
    byLevel: rows,
  };
}

export type ServiceFigures = {
  linkedAccounts: number;
  received: number;
  handled: number;
  finished: number;
  finishedOnTime: number;
  /** finishedOnTime ÷ finished; null when nothing was finished. */
  onTimeShare: number | null;
  overdueOpen: number;
  ratings: RatingSummary;
};

export type ServiceEvidence =
  | { status: 'NO_DATA'; reason: 'NO_LINKED_ACCOUNT' | 'NO_DOSSIERS'; figures: null }
  | { status: 'DATA'; reason: null; figures: ServiceFigures };

/**
 * The evidence, or an explicit "no service data": a person with no linked account, or whose
 * accounts received, handled and were rated on nothing in the period, has no figures at all
 * (zeros would read as a person who handled dossiers and did badly).
 */
export function serviceEvidence(counts: ServiceCounts, levels: readonly RatingLevel[]): ServiceEvidence {
  if (counts.linkedAccounts === 0) return { status: 'NO_DATA', reason: 'NO_LINKED_ACCOUNT', figures: null };
  const ratings = summariseRatings(counts.ratingsByLevel, levels);
  if (counts.received === 0 && counts.handled === 0 && ratings.count === 0)
    return { status: 'NO_DATA', reason: 'NO_DOSSIERS', figures: null };
  return {
    status: 'DATA',
    reason: null,
    figures: {
      linkedAccounts: counts.linkedAccounts,
      received: counts.received,
      handled: counts.handled,
      finished: counts.finished,
      finishedOnTime: counts.finishedOnTime,
      onTimeShare: counts.finished > 0 ? counts.finishedOnTime / counts.finished : null,
      overdueOpen: counts.overdueOpen,
      ratings,
    },
  };
}
