import type { Role } from '../../../platform/auth/roles.ts';

/**
 * The dossier lifecycle as a pure decision (domain.md §6.2, §11.2): given the current state,
 * an action, who asks and the procedure's workflow, say whether the action is allowed and,
 * if so, the next state and the timeline events to record. No clock, database or calendar:
 * the caller passes `now`, stores the result and computes due dates (due-state.ts).
 */

/** Status codes used by systems that sync to DVCQG (domain.md §6.2 [S]). */
export const DOSSIER_STATUS = {
  SUBMITTED_ONLINE: 1,
  RECEIVED: 2,
  REFUSED_AT_RECEPTION: 3,
  PROCESSING: 4,
  SUPPLEMENT_REQUESTED: 5,
  PAYMENT_REQUESTED: 6,
  WITHDRAWN: 7,
  STOPPED: 8,
  DONE: 9,
  RETURNED: 10,
} as const;
export type DossierStatusName = keyof typeof DOSSIER_STATUS;
export type DossierStatus = (typeof DOSSIER_STATUS)[DossierStatusName];
export const DOSSIER_STATUS_CODES = Object.values(DOSSIER_STATUS) as DossierStatus[];
export const STATUS_NAME_OF = Object.fromEntries(Object.entries(DOSSIER_STATUS).map(([k, v]) => [v, k])) as Record<
  DossierStatus,
  DossierStatusName
>;

/** No action leaves these. */
export const TERMINAL_STATUSES: readonly DossierStatus[] = [3, 7, 8, 10];
/** The clock stops while the dossier waits for the citizen (domain.md §6.6). */
export const PAUSED_STATUSES: readonly DossierStatus[] = [5, 6];

export const DOSSIER_ACTIONS = [
  'ACCEPT',
  'REFUSE',
  'START_PROCESSING',
  /** Hands the dossier to the next processing step (specialist → leader); the status stays 4. */
  'FORWARD',
  'REQUEST_SUPPLEMENT',
  'SUPPLEMENT_RECEIVED',
  'REQUEST_PAYMENT',
  'PAYMENT_RECEIVED',
  'STOP',
  'FINISH',
  'RETURN_RESULT',
  'WITHDRAW',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

/** Where each action may start and where it leads (domain.md §11.2). */
const TRANSITIONS: Record<DossierAction, { from: readonly DossierStatus[]; to: DossierStatus | 'same' }> = {
  ACCEPT: { from: [1], to: 2 },
  REFUSE: { from: [1], to: 3 },
  START_PROCESSING: { from: [2], to: 4 },
  FORWARD: { from: [4], to: 'same' },
  REQUEST_SUPPLEMENT: { from: [4], to: 5 },
  SUPPLEMENT_RECEIVED: { from: [5], to: 4 },
  REQUEST_PAYMENT: { from: [4], to: 6 },
  PAYMENT_RECEIVED: { from: [6], to: 4 },
  STOP: { from: [4], to: 8 },
  FINISH: { from: [4], to: 9 },
  RETURN_RESULT: { from: [9], to: 10 },
  // "Any state before 9" (§11.2), less the ones that are already final.
  WITHDRAW: { from: [1, 2, 4, 5, 6], to: 7 },
};

/** A processing step of the procedure's workflow template (procedures module, `WorkflowStep`). */
export type LifecycleStep = { code: string; roles: readonly string[] };

export type Pause = { kind: 'SUPPLEMENT' | 'PAYMENT'; startedAt: Date; endedAt: Date | null };

export type ApologySlipFact = { issuedAt: Date; newDueAt: Date };

/** What the lifecycle needs to know about a dossier; the data model stores it however it likes. */
export type LifecycleState = {
  status: DossierStatus;
  /** Index into the procedure's workflow of the step now holding the dossier. */
  stepIndex: number;
  /** When the complete, valid dossier was received (the clock starts here); null while status 1. */
  receivedAt: Date | null;
  /** The statutory appointment (NgayHenTra), before any pause; null while status 1. */
  dueAt: Date | null;
  pauses: readonly Pause[];
  /** How many times a supplement was requested; more than one counts as overdue under 766 (§6.6). */
  supplementRequests: number;
  doneAt: Date | null;
  returnedAt: Date | null;
  stoppedAt: Date | null;
  refusedAt: Date | null;
  withdrawnAt: Date | null;
  apologySlips: readonly ApologySlipFact[];
  /** The latest recorded event; a decision dated before it is refused (a pause cannot run backwards). */
  lastEventAt: Date | null;
};

export type LifecycleActor = { userId: number; role: Role };

/** Optional facts some actions carry. */
export type TransitionInput = {
  /** ACCEPT: the due date the caller computed with the calendar (due-state.ts `computeDueAt`). */
  dueAt?: Date;
  /** REFUSE, STOP, WITHDRAW, REQUEST_SUPPLEMENT, REQUEST_PAYMENT: the written reason. */
  reason?: string;
};

export type TimelineEvent = {
  action: DossierAction;
  at: Date;
  actorUserId: number;
  actorRole: Role;
  fromStatus: DossierStatus;
  toStatus: DossierStatus;
  fromStep: string | null;
  toStep: string | null;
  reason: string | null;
  /** Set when a pause ends: its wall-clock length (the working-time length needs the calendar). */
  pausedMs?: number;
  /** Set on a second or later supplement request: allowed, but overdue under 766 (§6.6). */
  repeatSupplementRequest?: boolean;
};

export const REFUSAL_REASONS = [
  'TRANSITION_NOT_ALLOWED',
  'ROLE_NOT_ALLOWED_AT_STEP',
  'ACTION_NOT_AT_THIS_STEP',
  'SUPPLEMENT_ALREADY_REQUESTED',
  'PAYMENT_ALREADY_REQUESTED',
  'DUE_DATE_REQUIRED',
  'REASON_REQUIRED',
  'WORKFLOW_INVALID',
  'TIME_BEFORE_LAST_EVENT',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type TransitionDecision = { ok: true; next: LifecycleState; events: TimelineEvent[] } | { ok: false; reason: RefusalReason };

/** Actions that must say why, in writing (Circular 01/2018 forms 2 and 3; domain.md §6.3). */
const NEEDS_REASON: readonly DossierAction[] = ['REFUSE', 'STOP', 'WITHDRAW', 'REQUEST_SUPPLEMENT'];

/** The state of a new dossier: online filings wait for reception; counter and post are received at once. */
export function initialState(channel: 'COUNTER' | 'ONLINE' | 'POST', now: Date, dueAt: Date | null): LifecycleState {
  const received = channel !== 'ONLINE';
  return {
    status: received ? 2 : 1,
    stepIndex: 0,
    receivedAt: received ? now : null,
    dueAt: received ? dueAt : null,
    pauses: [],
    supplementRequests: 0,
    doneAt: null,
    returnedAt: null,
    stoppedAt: null,
    refusedAt: null,
    withdrawnAt: null,
    apologySlips: [],
    lastEventAt: now,
  };
}

export function isTerminal(status: DossierStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function isPaused(status: DossierStatus): boolean {
  return PAUSED_STATUSES.includes(status);
}

/** Processing steps are those between reception (first) and return (last). */
function isProcessingStep(workflow: readonly LifecycleStep[], i: number): boolean {
  return i > 0 && i < workflow.length - 1;
}

/**
 * Where in the workflow an action may happen, and who besides the step's own roles may do
 * it. A supplement or payment is often handed in at the counter, so the reception roles may
 * record it; a citizen may ask to withdraw their own dossier (ownership is the route's check).
 */
function stepAllows(action: DossierAction, workflow: readonly LifecycleStep[], i: number): boolean {
  const last = workflow.length - 1;
  switch (action) {
    case 'ACCEPT':
    case 'REFUSE':
    case 'START_PROCESSING':
      return i === 0;
    case 'FORWARD':
      return isProcessingStep(workflow, i) && i + 1 < last;
    case 'FINISH':
      return i === last - 1 && i > 0;
    case 'RETURN_RESULT':
      return i === last;
    case 'REQUEST_SUPPLEMENT':
    case 'SUPPLEMENT_RECEIVED':
    case 'REQUEST_PAYMENT':
    case 'PAYMENT_RECEIVED':
    case 'STOP':
      return isProcessingStep(workflow, i);
    case 'WITHDRAW':
      return true;
  }
}

export function rolesAllowed(action: DossierAction, workflow: readonly LifecycleStep[], i: number): readonly string[] {
  const own = workflow[i]?.roles ?? [];
  const reception = workflow[0]?.roles ?? [];
  switch (action) {
    case 'SUPPLEMENT_RECEIVED':
    case 'PAYMENT_RECEIVED':
      return [...new Set([...own, ...reception])];
    case 'WITHDRAW':
      return [...new Set([...own, ...reception, 'citizen'])];
    default:
      return own;
  }
}

function nextStepIndex(action: DossierAction, workflow: readonly LifecycleStep[], i: number): number {
  if (action === 'START_PROCESSING' || action === 'FORWARD') return i + 1;
  if (action === 'FINISH') return workflow.length - 1;
  return i;
}

function closeOpenPause(pauses: readonly Pause[], now: Date): { pauses: Pause[]; pausedMs: number } {
  let pausedMs = 0;
  const closed = pauses.map((p) => {
    if (p.endedAt !== null) return p;
    pausedMs += now.getTime() - p.startedAt.getTime();
    return { ...p, endedAt: now };
  });
  return { pauses: closed, pausedMs };
}

/** Decides one action. Refusals come in a fixed order so the same request always gets the same reason. */
export function decideTransition(
  state: LifecycleState,
  action: DossierAction,
  actor: LifecycleActor,
  workflow: readonly LifecycleStep[],
  now: Date,
  input: TransitionInput = {},
): TransitionDecision {
  if (workflow.length < 2 || !workflow[state.stepIndex]) return { ok: false, reason: 'WORKFLOW_INVALID' };
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(state.status)) {
    if (action === 'REQUEST_SUPPLEMENT' && state.status === 5) return { ok: false, reason: 'SUPPLEMENT_ALREADY_REQUESTED' };
    if (action === 'REQUEST_PAYMENT' && state.status === 6) return { ok: false, reason: 'PAYMENT_ALREADY_REQUESTED' };
    return { ok: false, reason: 'TRANSITION_NOT_ALLOWED' };
  }
  if (action === 'START_PROCESSING' && workflow.length < 3) return { ok: false, reason: 'WORKFLOW_INVALID' };
  if (!stepAllows(action, workflow, state.stepIndex)) return { ok: false, reason: 'ACTION_NOT_AT_THIS_STEP' };
  if (!rolesAllowed(action, workflow, state.stepIndex).includes(actor.role)) return { ok: false, reason: 'ROLE_NOT_ALLOWED_AT_STEP' };
  if (state.lastEventAt && now.getTime() < state.lastEventAt.getTime()) return { ok: false, reason: 'TIME_BEFORE_LAST_EVENT' };
  if (action === 'ACCEPT' && !input.dueAt) return { ok: false, reason: 'DUE_DATE_REQUIRED' };
  const reason = input.reason?.trim() ?? '';
  if (NEEDS_REASON.includes(action) && reason === '') return { ok: false, reason: 'REASON_REQUIRED' };

  const toStatus = rule.to === 'same' ? state.status : rule.to;
  const toIndex = nextStepIndex(action, workflow, state.stepIndex);
  const next: LifecycleState = { ...state, status: toStatus, stepIndex: toIndex, lastEventAt: now };
  const event: TimelineEvent = {
    action,
    at: now,
    actorUserId: actor.userId,
    actorRole: actor.role,
    fromStatus: state.status,
    toStatus,
    fromStep: workflow[state.stepIndex]?.code ?? null,
    toStep: workflow[toIndex]?.code ?? null,
    reason: reason === '' ? null : reason,
  };

  switch (action) {
    case 'ACCEPT':
      next.receivedAt = now;
      next.dueAt = input.dueAt ?? null;
      break;
    case 'REFUSE':
      next.refusedAt = now;
      break;
    case 'REQUEST_SUPPLEMENT':
      next.supplementRequests = state.supplementRequests + 1;
      next.pauses = [...state.pauses, { kind: 'SUPPLEMENT', startedAt: now, endedAt: null }];
      if (state.supplementRequests >= 1) event.repeatSupplementRequest = true;
      break;
    case 'REQUEST_PAYMENT':
      next.pauses = [...state.pauses, { kind: 'PAYMENT', startedAt: now, endedAt: null }];
      break;
    case 'SUPPLEMENT_RECEIVED':
    case 'PAYMENT_RECEIVED': {
      const closed = closeOpenPause(state.pauses, now);
      next.pauses = closed.pauses;
      event.pausedMs = closed.pausedMs;
      break;
    }
    case 'STOP':
      next.stoppedAt = now;
      break;
    case 'FINISH':
      next.doneAt = now;
      break;
    case 'RETURN_RESULT':
      next.returnedAt = now;
      break;
    case 'WITHDRAW': {
      // A withdrawal during a pause ends the pause too, so no pause stays open for ever.
      const closed = closeOpenPause(state.pauses, now);
      next.pauses = closed.pauses;
      if (closed.pausedMs > 0 || isPaused(state.status)) event.pausedMs = closed.pausedMs;
      next.withdrawnAt = now;
      break;
    }
    case 'START_PROCESSING':
    case 'FORWARD':
      break;
  }
  return { ok: true, next, events: [event] };
}

/** The actions an actor could take now, for the dossier page's buttons. */
export function allowedActions(
  state: LifecycleState,
  actor: LifecycleActor,
  workflow: readonly LifecycleStep[],
  now: Date,
): DossierAction[] {
  const probe: TransitionInput = { dueAt: now, reason: 'probe' };
  return DOSSIER_ACTIONS.filter((a) => decideTransition(state, a, actor, workflow, now, probe).ok);
}
