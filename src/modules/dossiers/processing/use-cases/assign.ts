import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { roleHas } from '../../../../platform/auth/roles.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { insertDossierEvent } from '../../dossiers.repository.ts';
import { updateLifecycle } from '../processing.repository.ts';
import type { AssignInput, ProcessingView } from '../processing.schemas.ts';
import { checkAssignee } from './assignee.ts';
import { assertCanAct, loadDossierContext } from './context.ts';
import type { ProcessingDeps } from './deps.ts';
import { ASSIGNABLE_STATUSES, getProcessingView } from './view.ts';

/** A leader or counter officer of the competent unit hands an open dossier to one of its field specialists. */
export async function assignDossier(
  deps: ProcessingDeps,
  actor: Actor,
  id: number,
  input: AssignInput,
  meta: AuditMeta,
): Promise<ProcessingView> {
  await audited(deps.db, meta, 'dossier.assign', 'dossier', async (trx) => {
    const { row } = await loadDossierContext(trx, actor, id);
    assertCanAct(actor, row);
    if (!roleHas(actor.role, 'dossiers.assign')) throw new AppError('FORBIDDEN');
    if (row.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (!ASSIGNABLE_STATUSES.includes(row.status)) throw new AppError('DOSSIER_NOT_ASSIGNABLE');
    const assignee = await checkAssignee(trx, row, input.assigneeId);
    if (!(await updateLifecycle(trx, id, row.version, { assigneeId: assignee.id }, meta.at))) throw new AppError('VERSION_CONFLICT');
    await insertDossierEvent(trx, {
      provinceCode: row.provinceCode,
      dossierId: id,
      at: meta.at,
      actorUserId: actor.userId,
      kind: 'ASSIGNED',
      fromStatus: null,
      toStatus: null,
      note: assignee.displayName,
      data: { assigneeId: assignee.id, previousAssigneeId: row.assigneeId },
    });
    return {
      result: null,
      entityId: id,
      before: { assigneeId: row.assigneeId, version: row.version },
      after: { assigneeId: assignee.id, version: row.version + 1 },
    };
  });
  return getProcessingView(deps, actor, id);
}
