import type { Actor } from '../../../../platform/auth/actor.ts';
import { roleHas } from '../../../../platform/auth/roles.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { getRules } from '../../../../platform/rules/rules.ts';
import { domainToday } from '../../../../platform/time/format.ts';
import { loadWorkingCalendar } from '../../../calendar/use-cases/load-calendar.ts';
import { type CalendarData, currentAppointment, dueState, needsApology } from '../../lifecycle/due-state.ts';
import { allowedActions, type DossierAction, type LifecycleState, type LifecycleStep } from '../../lifecycle/state-machine.ts';
import { findUnitUser, type ProcessingRow, type SlipRecord } from '../processing.repository.ts';
import type { ProcessingView, Slip } from '../processing.schemas.ts';
import { assignedToOther, canActOn, loadDossierContext } from './context.ts';
import type { ProcessingDeps } from './deps.ts';

/** The deadline settings and calendar an overlay needs, loaded once per request. */
export type Overlay = { cal: CalendarData; nearDueWorkingDays: number; apologyLeadWorkingDays: number };

export async function loadOverlay(db: Db, provinceCode: string, now: Date): Promise<Overlay> {
  const [cal, rules] = await Promise.all([
    loadWorkingCalendar({ db }, provinceCode, now),
    getRules(db, ['dossier.nearDueWorkingDays', 'dossier.apologyLeadWorkingDays'], provinceCode, domainToday(now)),
  ]);
  return {
    cal,
    nearDueWorkingDays: rules['dossier.nearDueWorkingDays'].value,
    apologyLeadWorkingDays: rules['dossier.apologyLeadWorkingDays'].value,
  };
}

/** What the actor may do now: the lifecycle's answer, less what an assignment to someone else forbids. */
export function actionsFor(
  actor: Actor,
  row: ProcessingRow,
  state: LifecycleState,
  workflow: readonly LifecycleStep[],
  now: Date,
): DossierAction[] {
  if (!canActOn(actor, row) || assignedToOther(actor, row)) return [];
  return allowedActions(state, { userId: actor.userId, role: actor.role }, workflow, now);
}

export function overlayOf(state: LifecycleState, now: Date, o: Overlay) {
  const due = dueState(state, now, o.cal, o.nearDueWorkingDays);
  const appointment = currentAppointment(state, now, o.cal);
  return {
    dueState: due?.value ?? null,
    appointmentAt: appointment ? appointment.toISOString() : null,
    needsApology: needsApology(state, now, o.cal, o.apologyLeadWorkingDays),
  };
}

export function toSlip(s: SlipRecord): Slip {
  return {
    id: s.id,
    dossierId: s.dossierId,
    reason: s.reason,
    previousDueAt: s.previousDueAt,
    newDueAt: s.newDueAt,
    issuedAt: s.issuedAt,
    issuedByName: s.issuedByName,
    channel: s.channel === 'EMAIL' ? 'EMAIL' : 'COUNTER',
    deliveredAt: s.deliveredAt,
    deliveryError: s.deliveryError,
  };
}

/** Where one dossier stands for processing, as the actor sees it. */
export async function getProcessingView(deps: Pick<ProcessingDeps, 'db' | 'clock'>, actor: Actor, id: number): Promise<ProcessingView> {
  const now = deps.clock.now();
  const ctx = await loadDossierContext(deps.db, actor, id);
  const { row, state, workflow } = ctx;
  const [overlay, assignee] = await Promise.all([
    loadOverlay(deps.db, row.provinceCode, now),
    row.assigneeId === null ? undefined : findUnitUser(deps.db, row.assigneeId),
  ]);
  return {
    id: row.id,
    code: row.code,
    status: row.status,
    step: workflow[row.stepIndex]?.code ?? null,
    stepIndex: row.stepIndex,
    assignee: assignee ? { id: assignee.id, name: assignee.displayName } : null,
    version: row.version,
    dueAt: row.dueAt,
    ...overlayOf(state, now, overlay),
    allowedActions: actionsFor(actor, row, state, workflow, now),
    canAssign: canActOn(actor, row) && roleHas(actor.role, 'dossiers.assign') && ASSIGNABLE_STATUSES.includes(row.status),
    slips: ctx.slips.map(toSlip),
  };
}

/** A dossier can be (re)assigned while it is open and not yet done. */
export const ASSIGNABLE_STATUSES: readonly number[] = [1, 2, 4, 5, 6];
