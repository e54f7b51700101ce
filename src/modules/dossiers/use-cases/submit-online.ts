import type { AuditMeta } from '../../../platform/audit/audited.ts';
import { audited } from '../../../platform/audit/audited.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { insertDossier, insertDossierEvent, type NewDossier } from '../dossiers.repository.ts';
import type { OnlineReceipt, OnlineSubmissionInput } from '../dossiers.schemas.ts';
import { CHANNELS, INTAKE_STATUS } from '../intake-status.ts';
import type { DossiersDeps } from './deps.ts';
import { type IdempotencyRequest, idempotent, type Outcome } from './idempotent.ts';
import { allocateDossierCode, applicantColumns, competentUnitFor, procedureForIntake } from './intake.ts';
import { intakeReferences } from './intake-references.ts';
import { auditImage, writtenDossier } from './view.ts';

/**
 * A citizen submits a dossier online, without logging in: it waits in status 1 until a
 * counter officer of the competent unit accepts it (and the clock starts) or refuses it.
 * The province is the one of the unit the citizen chose. The answer carries only what the
 * citizen needs to track it, never internal fields.
 */
export async function submitOnline(
  deps: DossiersDeps,
  input: OnlineSubmissionInput,
  meta: Omit<AuditMeta, 'provinceCode' | 'actor'>,
  idempotency?: Omit<IdempotencyRequest, 'provinceCode'>,
): Promise<Outcome<OnlineReceipt>> {
  const now = new Date(meta.at);
  const refs = await intakeReferences(deps.db);
  const chosen = await refs.unit(input.competentUnitId);
  if (!chosen?.isCurrent) {
    throw new AppError('DOSSIER_COMPETENT_UNIT_INVALID', {});
  }
  const provinceCode = chosen.provinceCode;
  const idem = idempotency ? { ...idempotency, provinceCode } : undefined;
  return idempotent<OnlineReceipt>(deps.db, idem, now, 201, async (remember) => {
    const procedure = await procedureForIntake(refs, provinceCode, input.procedureCode, now);
    if (procedure.onlineLevel === 'NONE') throw new AppError('DOSSIER_ONLINE_NOT_OFFERED', { code: procedure.nationalCode });
    const competent = await competentUnitFor(refs, provinceCode, procedure, input.competentUnitId);
    const codeRules = await refs.codeRules(provinceCode, now);
    return audited(deps.db, { ...meta, actor: null, provinceCode }, 'dossier.submit_online', 'dossier', async (trx) => {
      const code = await allocateDossierCode(trx, codeRules, provinceCode, competent, now);
      const values: NewDossier = {
        provinceCode,
        code,
        receivingUnitId: competent.id,
        competentUnitId: competent.id,
        procedureId: procedure.id,
        channel: CHANNELS.ONLINE,
        status: INTAKE_STATUS.SUBMITTED_ONLINE,
        ...applicantColumns(input),
        receivedAt: null,
        validAt: null,
        dueAt: null,
        createdAt: meta.at,
        createdBy: null,
      };
      const id = await insertDossier(trx, values);
      await insertDossierEvent(trx, {
        provinceCode,
        dossierId: id,
        at: meta.at,
        actorUserId: null,
        kind: 'SUBMITTED_ONLINE',
        fromStatus: null,
        toStatus: INTAKE_STATUS.SUBMITTED_ONLINE,
        note: null,
        data: null,
      });
      const saved = writtenDossier(id, values, { receiving: competent, competent, procedure });
      const receipt: OnlineReceipt = {
        code,
        status: saved.status,
        submittedAt: meta.at,
        procedure: { nationalCode: procedure.nationalCode, nameVi: procedure.nameVi, nameEn: procedure.nameEn },
        competentUnitName: competent.name,
      };
      await remember(trx, receipt);
      return { result: receipt, entityId: id, after: auditImage(saved) };
    });
  });
}
