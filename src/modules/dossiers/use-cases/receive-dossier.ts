import { type AuditMeta, auditEntry } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { agencyCodeOf, formatDossierCode, receptionDay } from '../dossier-code.ts';
import type { NewDossier } from '../dossiers.repository.ts';
import type { DossierDetail, DossierIntakeInput } from '../dossiers.schemas.ts';
import { CHANNELS, INTAKE_STATUS } from '../intake-status.ts';
import type { DossiersDeps } from './deps.ts';
import { type IdempotencyRequest, idempotent, type Outcome } from './idempotent.ts';
import { applicantColumns, competentUnitFor, dueDateFor, procedureForIntake } from './intake.ts';
import { inIntakeBatch } from './intake-batch.ts';
import { intakeReferences } from './intake-references.ts';
import { auditImage, toDossierDetail, writtenDossier } from './view.ts';

/**
 * A counter officer receives a dossier in person or by post, for any procedure of the
 * province (boundary-free reception, domain.md §6.1): their unit receives it, the
 * competent unit decides it. Essential services take no paper (Directive 24/CT-TTg).
 * The dossier, its code, its first timeline event, the audit entry and the idempotency
 * key commit together, in a transaction shared with the intakes that arrived at the same
 * time (group commit: use-cases/intake-batch.ts).
 */
export async function receiveDossier(
  deps: DossiersDeps,
  actor: Actor,
  input: DossierIntakeInput,
  meta: AuditMeta,
  idempotency?: IdempotencyRequest,
): Promise<Outcome<DossierDetail>> {
  const now = new Date(meta.at);
  return idempotent<DossierDetail>(deps.db, idempotency, now, 201, async (remember) => {
    if (actor.unitId === null) throw new AppError('FORBIDDEN');
    const refs = await intakeReferences(deps.db);
    const receiving = await refs.unit(actor.unitId);
    if (!receiving) throw new AppError('FORBIDDEN');
    const procedure = await procedureForIntake(refs, actor.provinceCode, input.procedureCode, now);
    if (procedure.essentialService) {
      throw new AppError('DOSSIER_PAPER_REFUSED', { code: procedure.nationalCode });
    }
    const competent = await competentUnitFor(refs, actor.provinceCode, procedure, input.competentUnitId);
    const dueAt = await dueDateFor(refs, actor.provinceCode, procedure, now);
    const codeRules = await refs.codeRules(actor.provinceCode, now);
    const agency = agencyCodeOf(receiving.code, codeRules['dossier.agencyCodes'].value);
    const day = receptionDay(now);
    const { write } = remember;
    return inIntakeBatch<DossierDetail>(deps.db, {
      provinceCode: actor.provinceCode,
      agency,
      day,
      numbered: (seq) => {
        const values: NewDossier = {
          provinceCode: actor.provinceCode,
          code: formatDossierCode(codeRules['dossier.codeFormat'].value, { agency, day, seq }),
          receivingUnitId: receiving.id,
          competentUnitId: competent.id,
          procedureId: procedure.id,
          channel: CHANNELS[input.channel],
          status: INTAKE_STATUS.RECEIVED,
          ...applicantColumns(input),
          receivedAt: meta.at,
          validAt: meta.at,
          dueAt,
          createdAt: meta.at,
          createdBy: actor.userId,
        };
        const event = {
          provinceCode: actor.provinceCode,
          at: meta.at,
          actorUserId: actor.userId,
          kind: 'RECEIVED',
          fromStatus: null,
          toStatus: INTAKE_STATUS.RECEIVED,
          note: null,
          data: { channel: input.channel, dueAt },
        };
        return {
          dossier: values,
          event,
          saved: (id) => {
            // The response is built from the values written, not read back; the idempotency key stores it.
            const saved = writtenDossier(id, values, { receiving, competent, procedure });
            const detail = toDossierDetail(saved, [
              {
                id: 0,
                at: meta.at,
                actorUserId: actor.userId,
                actorName: actor.displayName,
                kind: 'RECEIVED',
                fromStatus: null,
                toStatus: INTAKE_STATUS.RECEIVED,
                note: null,
                data: null,
              },
            ]);
            const after = auditImage(saved);
            return {
              key: write ? write(detail) : null,
              audit: auditEntry(meta, 'dossier.receive', 'dossier', id, { after }),
              result: detail,
            };
          },
        };
      },
    });
  });
}
