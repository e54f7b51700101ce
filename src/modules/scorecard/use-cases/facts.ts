import type { IndicatorCode } from '../../../platform/rules/defaults/scorecard-766.config.ts';
import { type CalendarData, extendByWorkingMs } from '../../dossiers/lifecycle/due-state.ts';
import type { DossierFact, Period } from '../../dossiers/lifecycle/scorecard-766.ts';
import { CLS, type FactClassRow, type PausedDossierRow, type ProcedureFlags } from '../scorecard.repository.ts';

/**
 * Facts the dossier table does not record yet. Their indicators are reported NOT_SUPPLIED
 * rather than computed from `false`, which would invent a zero. When a later migration adds
 * the column (or the ratings table lands), the repository reads it and the entry goes.
 */
export const UNRECORDED: Partial<Record<IndicatorCode, string>> = {
  '1.4': 'syncedToNational',
  '3.3': 'electronicResult',
  '3.6': 'paidOnline',
  '4.1': 'electronicResult',
  '4.2': 'filesDigitised+electronicResult',
  '4.3': 'reusedData',
  '5.4': 'rating+complained',
};

const CHANNEL = { 1: 'COUNTER', 2: 'ONLINE', 3: 'POST' } as const;
const channelOf = (c: number): DossierFact['channel'] => CHANNEL[c as 1 | 2 | 3] ?? 'COUNTER';

function base(
  flags: ProcedureFlags | undefined,
  channel: number,
): Omit<DossierFact, 'receivedAt' | 'effectiveDueAt' | 'finishedAt' | 'withdrawnAt' | 'resultIssued' | 'supplementRequests'> {
  return {
    channel: channelOf(channel),
    feeBearing: flags?.feeBearing ?? false,
    paperResult: flags?.paperResult ?? false,
    syncedToNational: false,
    paidOnline: false,
    electronicResult: false,
    filesDigitised: false,
    reusedData: false,
    rating: null,
    complained: false,
  };
}

/**
 * The facts of one class. `computeScorecard766` reads each instant only through its order
 * against the period's bounds and the due date, so a representative instant in the same
 * position gives the same counts: received at the start (or 1 ms before it when carried
 * over), finished or withdrawn at the start, due 2 ms before the start when late (before
 * any measuring instant) or at the end when not (no measuring instant is after it).
 */
export function factsOfClass(row: FactClassRow, flags: ProcedureFlags | undefined, period: Period, overdueFrom: number): DossierFact[] {
  const s = period.start.getTime();
  const has = (b: number) => (row.cls & b) !== 0;
  const fact: DossierFact = {
    ...base(flags, row.channel),
    receivedAt: new Date(has(CLS.CARRIED) ? s - 1 : s),
    finishedAt: has(CLS.FINISHED_IN) ? new Date(s) : null,
    withdrawnAt: has(CLS.WITHDRAWN) ? new Date(s) : null,
    effectiveDueAt: has(CLS.LATE) ? new Date(s - 2) : period.end,
    resultIssued: has(CLS.RESULT),
    supplementRequests: has(CLS.REPEAT_SUPPLEMENT) ? overdueFrom : 0,
  };
  // Distinct objects: the computation keeps sets of facts.
  return Array.from({ length: row.count }, () => ({ ...fact }));
}

/** A dossier with paused time, whole: its due date is pushed back by the paused working time. */
export function factOfPaused(r: PausedDossierRow, flags: ProcedureFlags | undefined, cal: CalendarData): DossierFact {
  const finished = r.finishedAt ? new Date(r.finishedAt) : null;
  return {
    ...base(flags, r.channel),
    receivedAt: new Date(r.receivedAt),
    finishedAt: finished,
    withdrawnAt: r.status === 7 ? new Date(r.updatedAt) : null,
    effectiveDueAt: r.dueAt ? extendByWorkingMs(new Date(r.dueAt), r.pausedMs, cal) : null,
    resultIssued: r.status === 9 || r.status === 10,
    supplementRequests: r.supplementRequests,
  };
}
