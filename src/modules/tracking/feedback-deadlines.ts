/**
 * The three deadlines of a PAKN (domain.md §7.2, 5.x; the day counts are rules): refuse it,
 * ask for more information, or answer it, each counted in working days from receipt. A
 * decision is on time when it was taken by the deadline of that decision. Rows from before
 * the refusal and information deadlines were recorded are judged by the answer's.
 */
export type FeedbackDeadlines = { answerBy: string; refuseBy: string | null; infoRequestBy: string | null };

export type FeedbackState = 'RECEIVED' | 'ANSWERED' | 'REFUSED' | 'INFO_REQUESTED';

export function deadlineOfDecision(decision: Exclude<FeedbackState, 'RECEIVED'>, d: FeedbackDeadlines): string {
  if (decision === 'REFUSED') return d.refuseBy ?? d.answerBy;
  if (decision === 'INFO_REQUESTED') return d.infoRequestBy ?? d.answerBy;
  return d.answerBy;
}

/** Whether the latest decision was taken by its deadline; null while nothing has been decided. */
export function handledOnTime(status: FeedbackState, decidedAt: string | null, d: FeedbackDeadlines): boolean | null {
  if (status === 'RECEIVED' || decidedAt === null) return null;
  return Date.parse(decidedAt) <= Date.parse(deadlineOfDecision(status, d));
}
