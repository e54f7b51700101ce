import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { loadVisibleProcedure } from '../../procedures/use-cases/get-procedure.ts';
import { type DossierRecord, findDossier, insertDossierEvent, listDossierEvents, updateIntakeStatus } from '../dossiers.repository.ts';
import type { DossierDetail } from '../dossiers.schemas.ts';
import { INTAKE_STATUS } from '../intake-status.ts';
import type { DossiersDeps } from './deps.ts';
import { loadVisibleDossier } from './dossier-access.ts';
import { dueDateFor } from './intake.ts';
import { intakeReferences } from './intake-references.ts';
import { auditImage, toDossierDetail } from './view.ts';

/**
 * Only a counter officer of the competent unit decides on an online submission. Others who
 * can see the dossier are told it is forbidden; others still, that it does not exist.
 */
async function loadOnlineSubmission(db: DossiersDeps['db'], actor: Actor, id: number, version: number): Promise<DossierRecord> {
  const d = await loadVisibleDossier(db, actor, id);
  if (d.competentUnitId !== actor.unitId) throw AppError.denied('DOSSIER_NOT_FOUND');
  if (d.status !== INTAKE_STATUS.SUBMITTED_ONLINE) throw new AppError('DOSSIER_NOT_AWAITING_RECEPTION', { code: d.code });
  if (d.version !== version) throw new AppError('VERSION_CONFLICT');
  return d;
}

async function decide(
  deps: DossiersDeps,
  actor: Actor,
  id: number,
  version: number,
  meta: AuditMeta,
  action: 'accept' | 'refuse',
  reason: string | null,
): Promise<DossierDetail> {
  const now = new Date(meta.at);
  return audited(deps.db, meta, `dossier.${action}`, 'dossier', async (trx) => {
    const before = await loadOnlineSubmission(trx, actor, id, version);
    const to = action === 'accept' ? INTAKE_STATUS.RECEIVED : INTAKE_STATUS.REFUSED;
    let dueAt: string | undefined;
    if (action === 'accept') {
      const procedure = await loadVisibleProcedure(trx, actor, before.procedureId);
      // The dossier keeps the procedure version it was submitted under; the clock starts now.
      dueAt = await dueDateFor(await intakeReferences(trx), before.provinceCode, procedure, now);
    }
    const changes =
      action === 'accept' ? { status: to, receivedAt: meta.at, validAt: meta.at, ...(dueAt ? { dueAt } : {}) } : { status: to };
    if (!(await updateIntakeStatus(trx, id, { version: before.version, status: before.status }, changes, meta.at))) {
      throw new AppError('VERSION_CONFLICT');
    }
    await insertDossierEvent(trx, {
      provinceCode: before.provinceCode,
      dossierId: id,
      at: meta.at,
      actorUserId: actor.userId,
      kind: action === 'accept' ? 'ACCEPTED' : 'REFUSED',
      fromStatus: before.status,
      toStatus: to,
      note: reason,
      data: dueAt ? { dueAt } : null,
    });
    const after = await findDossier(trx, id);
    if (!after) throw new Error(`dossier ${id} vanished inside its own transaction`);
    return {
      result: toDossierDetail(after, await listDossierEvents(trx, id)),
      entityId: id,
      before: auditImage(before),
      after: { ...auditImage(after), ...(reason ? { reason } : {}) },
    };
  });
}

/** Accepts an online submission: status 2, and the due date counts from now. */
export function acceptDossier(deps: DossiersDeps, actor: Actor, id: number, version: number, meta: AuditMeta): Promise<DossierDetail> {
  return decide(deps, actor, id, version, meta, 'accept', null);
}

/** Refuses an online submission with a reason the applicant is told (refusal notice, Circular 01/2018 form 3). */
export function refuseDossier(
  deps: DossiersDeps,
  actor: Actor,
  id: number,
  input: { version: number; reason: string },
  meta: AuditMeta,
): Promise<DossierDetail> {
  return decide(deps, actor, id, input.version, meta, 'refuse', input.reason);
}
