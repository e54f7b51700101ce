import type { DossierAction, DossierStatus, LifecycleState, Pause, TimelineEvent } from '../lifecycle/state-machine.ts';
import type { LifecycleChanges, LifecycleEventRow, ProcessingRow, SlipRecord } from './processing.repository.ts';

/**
 * The bridge between the stored dossier and the pure lifecycle (lifecycle/state-machine.ts):
 * pauses are not columns but the timeline's request/received events, so they are rebuilt
 * from it; everything else maps column to field. Pure, so it is tested without a database.
 */

/** Timeline kinds written for each action; intake's own names are kept for accept and refuse. */
export const EVENT_KIND: Record<DossierAction, string> = {
  ACCEPT: 'ACCEPTED',
  REFUSE: 'REFUSED',
  START_PROCESSING: 'START_PROCESSING',
  FORWARD: 'FORWARD',
  REQUEST_SUPPLEMENT: 'REQUEST_SUPPLEMENT',
  SUPPLEMENT_RECEIVED: 'SUPPLEMENT_RECEIVED',
  REQUEST_PAYMENT: 'REQUEST_PAYMENT',
  PAYMENT_RECEIVED: 'PAYMENT_RECEIVED',
  STOP: 'STOP',
  FINISH: 'FINISH',
  RETURN_RESULT: 'RETURN_RESULT',
  WITHDRAW: 'WITHDRAW',
};

/** The kinds that open or close a pause, for loading only those in bulk (the inbox). */
export const PAUSE_EVENT_KINDS = ['REQUEST_SUPPLEMENT', 'REQUEST_PAYMENT', 'SUPPLEMENT_RECEIVED', 'PAYMENT_RECEIVED', 'WITHDRAW'] as const;

export function pausesFromEvents(events: readonly Pick<LifecycleEventRow, 'kind' | 'at'>[]): Pause[] {
  const pauses: Pause[] = [];
  for (const e of events) {
    const at = new Date(e.at);
    if (e.kind === 'REQUEST_SUPPLEMENT' || e.kind === 'REQUEST_PAYMENT') {
      pauses.push({ kind: e.kind === 'REQUEST_SUPPLEMENT' ? 'SUPPLEMENT' : 'PAYMENT', startedAt: at, endedAt: null });
    } else if (e.kind === 'SUPPLEMENT_RECEIVED' || e.kind === 'PAYMENT_RECEIVED' || e.kind === 'WITHDRAW') {
      const open = pauses.findIndex((p) => p.endedAt === null);
      const current = pauses[open];
      if (current) pauses[open] = { ...current, endedAt: at };
    }
  }
  return pauses;
}

const dateOrNull = (v: string | null) => (v === null ? null : new Date(v));

/**
 * `events` are the dossier's timeline rows (all of them, or only the pause kinds when the
 * caller needs no `lastEventAt`); `slips` its apology slips.
 */
export function toLifecycleState(
  row: ProcessingRow,
  events: readonly Pick<LifecycleEventRow, 'kind' | 'at'>[],
  slips: readonly Pick<SlipRecord, 'issuedAt' | 'newDueAt'>[],
): LifecycleState {
  const last = events.at(-1);
  return {
    status: row.status as DossierStatus,
    stepIndex: row.stepIndex,
    receivedAt: dateOrNull(row.receivedAt),
    dueAt: dateOrNull(row.dueAt),
    pauses: pausesFromEvents(events),
    supplementRequests: row.supplementRequests,
    doneAt: dateOrNull(row.finishedAt),
    returnedAt: dateOrNull(row.returnedAt),
    stoppedAt: dateOrNull(row.stoppedAt),
    refusedAt: row.status === 3 ? new Date(row.updatedAt) : null,
    withdrawnAt: dateOrNull(row.withdrawnAt),
    apologySlips: slips.map((s) => ({ issuedAt: new Date(s.issuedAt), newDueAt: new Date(s.newDueAt) })),
    lastEventAt: last ? new Date(last.at) : null,
  };
}

/**
 * The columns a decided transition changes. `closedPauseWorkingMs` is the office time of
 * the pause this transition ends (`openPausesWorkingMs`): `paused_ms` accumulates office
 * time, not the wall-clock span the timeline event records.
 */
export function changesOf(row: ProcessingRow, next: LifecycleState, event: TimelineEvent, closedPauseWorkingMs = 0): LifecycleChanges {
  const iso = (d: Date | null) => (d === null ? null : d.toISOString());
  const changes: LifecycleChanges = { status: next.status, stepIndex: next.stepIndex };
  switch (event.action) {
    case 'ACCEPT':
      changes.receivedAt = iso(next.receivedAt);
      changes.validAt = event.at.toISOString();
      changes.dueAt = iso(next.dueAt);
      break;
    case 'REQUEST_SUPPLEMENT':
      changes.supplementRequests = next.supplementRequests;
      break;
    case 'SUPPLEMENT_RECEIVED':
    case 'PAYMENT_RECEIVED':
    case 'WITHDRAW':
      changes.pausedMs = row.pausedMs + (event.pausedMs === undefined ? 0 : closedPauseWorkingMs);
      if (event.action === 'WITHDRAW') changes.withdrawnAt = iso(next.withdrawnAt);
      break;
    case 'STOP':
      changes.stoppedAt = iso(next.stoppedAt);
      break;
    case 'FINISH':
      changes.finishedAt = iso(next.doneAt);
      break;
    case 'RETURN_RESULT':
      changes.returnedAt = iso(next.returnedAt);
      break;
    default:
      break;
  }
  return changes;
}
