import type { AuditMeta } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { findProcessingRow } from '../processing.repository.ts';
import type { BulkInput, ProcessingView } from '../processing.schemas.ts';
import { assignDossier } from './assign.ts';
import type { ProcessingDeps } from './deps.ts';
import { applyTransition } from './transition.ts';

export type BulkOutcome = { id: number; ok: true; view: ProcessingView } | { id: number; ok: false; error: AppError };

/**
 * Assigns, or starts processing, several dossiers: each is checked and committed on its
 * own (the version it has now), so a refusal leaves that dossier unchanged and does not
 * undo the others. The answer reports every id.
 */
export async function bulkAction(deps: ProcessingDeps, actor: Actor, input: BulkInput, meta: AuditMeta): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = [];
  for (const id of [...new Set(input.ids)]) {
    try {
      const row = await findProcessingRow(deps.db, id);
      if (!row) throw new AppError('DOSSIER_NOT_FOUND');
      const view =
        input.action === 'ASSIGN'
          ? await assignDossier(deps, actor, id, { assigneeId: requireAssignee(input), version: row.version }, meta)
          : await applyTransition(
              deps,
              actor,
              id,
              { action: 'START_PROCESSING', version: row.version, ...(input.assigneeId ? { assigneeId: input.assigneeId } : {}) },
              meta,
            );
      outcomes.push({ id, ok: true, view });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500) throw e;
      outcomes.push({ id, ok: false, error: e });
    }
  }
  return outcomes;
}

function requireAssignee(input: BulkInput): number {
  if (input.assigneeId === undefined) throw new AppError('DOSSIER_ASSIGNEE_INVALID');
  return input.assigneeId;
}
