import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { roleHas } from '../../../../platform/auth/roles.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { insertDossierEvent } from '../../dossiers.repository.ts';
import { loadVisibleDossier } from '../../use-cases/dossier-access.ts';
import { type FactsRow, findFactsRow, updateFacts } from '../facts.repository.ts';
import type { FactsInput, FactsView } from '../facts.schemas.ts';
import { allowedFacts, decideFacts } from '../facts-rules.ts';
import { assignedToOther, canActOn } from './context.ts';
import type { ProcessingDeps } from './deps.ts';

type Deps = Pick<ProcessingDeps, 'db' | 'clock'>;

/** Visibility first: another unit's or province's dossier is a 404 (audited as a refusal). */
async function loadFacts(deps: Deps, actor: Actor, id: number): Promise<FactsRow> {
  await loadVisibleDossier(deps.db, actor, id);
  const row = await findFactsRow(deps.db, id);
  if (!row) throw new AppError('DOSSIER_NOT_FOUND');
  return row;
}

/** Only the competent unit's processing staff record facts, and a specialist only on a dossier not assigned to another. */
const mayRecord = (actor: Actor, row: FactsRow) =>
  roleHas(actor.role, 'dossiers.process') && canActOn(actor, row) && !assignedToOther(actor, row);

function viewOf(actor: Actor, row: FactsRow): FactsView {
  const allowed = allowedFacts(row);
  const may = mayRecord(actor, row);
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    feeBearing: row.feeBearing,
    paperResult: row.paperResult,
    electronicResultAt: row.electronicResultAt,
    paidOnlineAt: row.paidOnlineAt,
    reusedData: row.reusedData,
    filesDigitised: row.filesDigitised,
    nationalSyncAt: row.nationalSyncAt,
    allowed: {
      electronicResult: may && allowed.electronicResult && row.electronicResultAt === null,
      paidOnline: may && allowed.paidOnline && row.paidOnlineAt === null,
      reusedData: may && allowed.reusedData,
    },
  };
}

export async function getFacts(deps: Deps, actor: Actor, id: number): Promise<FactsView> {
  return viewOf(actor, await loadFacts(deps, actor, id));
}

/**
 * Records Decision 766 facts on a dossier: the electronic result once it is processed or
 * returned, an online payment for a fee-bearing procedure, reuse of digitised data at intake
 * or while processing. The facts, a timeline event and the audit entry commit together, and
 * only if nobody changed the dossier since the caller read `version`. A request that changes
 * nothing (the facts are already recorded) writes nothing, whatever its version.
 */
export async function recordFacts(deps: Deps, actor: Actor, id: number, input: FactsInput, meta: AuditMeta): Promise<FactsView> {
  const row = await loadFacts(deps, actor, id);
  if (!canActOn(actor, row)) throw new AppError('FORBIDDEN');
  if (assignedToOther(actor, row)) throw new AppError('DOSSIER_ASSIGNED_TO_OTHER');
  const decision = decideFacts(row, input, meta.at);
  if (!decision.ok) throw new AppError(decision.code);
  const { changes } = decision;
  // Nothing to change: the facts asked for already hold, so no update can be lost and the
  // version does not matter; a retry of a request that went through answers 200, not 409.
  if (Object.keys(changes).length === 0) return viewOf(actor, row);
  if (row.version !== input.version) throw new AppError('VERSION_CONFLICT');
  await audited(deps.db, meta, 'dossier.facts', 'dossier', async (trx) => {
    if (!(await updateFacts(trx, id, row.version, changes, meta.at))) throw new AppError('VERSION_CONFLICT');
    await insertDossierEvent(trx, {
      provinceCode: row.provinceCode,
      dossierId: id,
      at: meta.at,
      actorUserId: actor.userId,
      kind: 'FACTS_RECORDED',
      fromStatus: null,
      toStatus: null,
      note: null,
      data: { ...changes },
    });
    return {
      result: null,
      entityId: id,
      before: {
        version: row.version,
        electronicResultAt: row.electronicResultAt,
        paidOnlineAt: row.paidOnlineAt,
        reusedData: row.reusedData,
      },
      after: { version: row.version + 1, ...changes },
    };
  });
  return getFacts(deps, actor, id);
}
