import type { Actor } from '../../../platform/auth/actor.ts';
import { type CalendarData, type DueStateValue, nearDueUntil } from '../lifecycle/due-state.ts';
import { allowedActions, type DossierAction, type DossierStatus, initialState, type LifecycleStep } from '../lifecycle/state-machine.ts';
import type { ActionableGroups, DueBounds, InboxGroup } from './inbox.repository.ts';

/**
 * The inbox's pure decisions (ADR 0021): which groups of open dossiers are work for the actor,
 * what a due-state filter means for a plain dossier's due date, and the inbox order.
 */

/**
 * Withdrawal is open to the reception roles at every step, on the citizen's request: it is
 * not work waiting for them, so it does not put a dossier in their inbox.
 */
export const NOT_INBOX_WORK: readonly DossierAction[] = ['WITHDRAW'];

/**
 * The (procedure, status, step) groups the actor can act on. What the lifecycle allows depends on
 * the status, the step, the workflow and the role, and on the last event only to refuse a
 * decision dated before it: a group is weighed as if nothing were recorded later than `now`, and
 * each dossier shown is weighed again in full. The scope already holds only the unit's dossiers
 * and, for a field specialist, those assigned to them.
 */
export function actionableGroups(
  actor: Pick<Actor, 'userId' | 'role'>,
  groups: readonly InboxGroup[],
  workflowOf: (procedureId: number) => readonly LifecycleStep[] | undefined,
  now: Date,
): ActionableGroups {
  const byStep = new Map<string, { status: number; stepIndex: number; procedureIds: number[] }>();
  for (const g of groups) {
    const workflow = workflowOf(g.procedureId);
    if (!workflow) continue;
    const state = { ...initialState('ONLINE', now, null), status: g.status as DossierStatus, stepIndex: g.stepIndex, lastEventAt: null };
    const work = allowedActions(state, { userId: actor.userId, role: actor.role }, workflow, now).filter(
      (a) => !NOT_INBOX_WORK.includes(a),
    );
    if (work.length === 0) continue;
    const key = `${g.status}:${g.stepIndex}`;
    const entry = byStep.get(key) ?? { status: g.status, stepIndex: g.stepIndex, procedureIds: [] };
    entry.procedureIds.push(g.procedureId);
    byStep.set(key, entry);
  }
  return [...byStep.values()];
}

/**
 * A due-state filter as bounds on a plain dossier's statutory due date (its due state follows
 * that date alone): overdue before `now`, near due from `now` to the last instant within the
 * lead, not due after it. A dossier without a due date matches none (SQL's null comparisons).
 */
export function plainDueBounds(
  due: 'OVERDUE' | 'NEAR_DUE' | 'NOT_DUE',
  now: Date,
  cal: CalendarData,
  nearDueWorkingDays: number,
): DueBounds {
  if (due === 'OVERDUE') return { before: now.toISOString() };
  const until = nearDueUntil(now, nearDueWorkingDays, cal).toISOString();
  return due === 'NEAR_DUE' ? { from: now.toISOString(), until } : { after: until };
}

const RANK: Partial<Record<DueStateValue, number>> = { OVERDUE: 0, NEAR_DUE: 1 };

export type InboxOrderKey = { id: number; due: DueStateValue | null; appointment: Date | null };

/** Overdue first, then near due, then the rest; within each by appointment (none last), then by id. */
export function compareInbox(a: InboxOrderKey, b: InboxOrderKey): number {
  const rank = (RANK[a.due ?? 'NOT_DUE'] ?? 2) - (RANK[b.due ?? 'NOT_DUE'] ?? 2);
  if (rank !== 0) return rank;
  const [x, y] = [a.appointment?.getTime() ?? Number.POSITIVE_INFINITY, b.appointment?.getTime() ?? Number.POSITIVE_INFINITY];
  return x !== y ? x - y : a.id - b.id;
}
