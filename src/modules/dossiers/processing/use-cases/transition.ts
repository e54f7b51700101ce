import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { roleHas } from '../../../../platform/auth/roles.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { insertDossierEvent } from '../../dossiers.repository.ts';
import { openPausesWorkingMs } from '../../lifecycle/due-state.ts';
import { decideTransition } from '../../lifecycle/state-machine.ts';
import { dueDateFor } from '../../use-cases/intake.ts';
import { intakeReferences } from '../../use-cases/intake-references.ts';
import { updateLifecycle } from '../processing.repository.ts';
import type { ProcessingView, TransitionInput } from '../processing.schemas.ts';
import { changesOf, EVENT_KIND } from '../stored-state.ts';
import { checkAssignee } from './assignee.ts';
import { assertCanAct, assignedToOther, loadDossierContext, refusalError } from './context.ts';
import type { ProcessingDeps } from './deps.ts';
import { getProcessingView } from './view.ts';

/**
 * Applies one lifecycle action to a dossier (domain.md §11.2): the pure decision says
 * whether this actor may take it at the current step; the new state, its timeline event
 * and the audit entry commit together, and only if nobody changed the dossier since the
 * caller read `version`. A refusal changes nothing and names its reason.
 */
export async function applyTransition(
  deps: ProcessingDeps,
  actor: Actor,
  id: number,
  input: TransitionInput,
  meta: AuditMeta,
): Promise<ProcessingView> {
  const now = new Date(meta.at);
  await audited(deps.db, meta, `dossier.${input.action.toLowerCase()}`, 'dossier', async (trx) => {
    const { row, procedure, workflow, state } = await loadDossierContext(trx, actor, id);
    assertCanAct(actor, row);
    if (row.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (assignedToOther(actor, row)) throw new AppError('DOSSIER_ASSIGNED_TO_OTHER');
    // Accepting an online dossier starts the clock now: its due date comes from the calendar.
    const dueAt =
      input.action === 'ACCEPT' && state.status === 1
        ? new Date(await dueDateFor(await intakeReferences(trx), row.provinceCode, procedure, now))
        : undefined;
    const decision = decideTransition(state, input.action, { userId: actor.userId, role: actor.role }, workflow, now, {
      ...(dueAt ? { dueAt } : {}),
      ...(input.reason ? { reason: input.reason } : {}),
    });
    if (!decision.ok) throw refusalError(decision.reason);
    const [event] = decision.events;
    if (!event) throw new Error('a permitted transition produced no timeline event');
    const closedPauseMs =
      event.pausedMs === undefined
        ? 0
        : openPausesWorkingMs(state.pauses, now, await (await intakeReferences(trx)).calendar(row.provinceCode, now));
    const changes = changesOf(row, decision.next, event, closedPauseMs);
    let assigneeName: string | undefined;
    if (input.assigneeId !== undefined) {
      if (!roleHas(actor.role, 'dossiers.assign')) throw new AppError('FORBIDDEN');
      assigneeName = (await checkAssignee(trx, row, input.assigneeId)).displayName;
      changes.assigneeId = input.assigneeId;
    }
    if (!(await updateLifecycle(trx, id, row.version, changes, meta.at))) throw new AppError('VERSION_CONFLICT');
    await insertDossierEvent(trx, {
      provinceCode: row.provinceCode,
      dossierId: id,
      at: meta.at,
      actorUserId: actor.userId,
      kind: EVENT_KIND[input.action],
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      note: event.reason ?? input.note ?? null,
      data: {
        fromStep: event.fromStep,
        toStep: event.toStep,
        ...(event.reason && input.note ? { note: input.note } : {}),
        ...(event.pausedMs !== undefined ? { pausedMs: event.pausedMs } : {}),
        ...(event.repeatSupplementRequest ? { repeatSupplementRequest: true } : {}),
        ...(dueAt ? { dueAt: dueAt.toISOString() } : {}),
        ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId, assigneeName } : {}),
      },
    });
    return {
      result: null,
      entityId: id,
      before: { status: row.status, step: event.fromStep, version: row.version },
      after: {
        status: event.toStatus,
        step: event.toStep,
        version: row.version + 1,
        ...(event.reason ? { reason: event.reason } : {}),
        ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
      },
    };
  });
  return getProcessingView(deps, actor, id);
}
