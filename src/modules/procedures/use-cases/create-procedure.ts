import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { domainToday } from '../../../platform/time/format.ts';
import { checkNationalCode, checkProcedureRules } from '../procedure-rules.ts';
import { insertProcedureVersion, nationalCodeExists } from '../procedures.repository.ts';
import type { ProcedureCreateInput, ProcedureDetail } from '../procedures.schemas.ts';
import type { ProceduresDeps } from './deps.ts';
import { getProcedure } from './get-procedure.ts';
import { auditImage, throwIfProblems, toNewVersion } from './write-procedure.ts';

/**
 * Adds a procedure to the actor's province catalogue, in force from `effectiveFrom`
 * (today in Vietnam when omitted). A code already in the catalogue, in any version,
 * answers PROCEDURE_CODE_TAKEN: a change to an existing procedure is a new version.
 */
export async function createProcedure(
  deps: ProceduresDeps,
  actor: Actor,
  input: ProcedureCreateInput,
  meta: AuditMeta,
  locale: Locale,
): Promise<ProcedureDetail> {
  throwIfProblems([...checkNationalCode(input.nationalCode), ...checkProcedureRules(input)], locale);
  const effectiveFrom = input.effectiveFrom ?? domainToday(deps.clock.now());
  const id = await audited(deps.db, meta, 'procedure.create', 'procedure', async (trx) => {
    if (await nationalCodeExists(trx, actor.provinceCode, input.nationalCode)) {
      throw new AppError('PROCEDURE_CODE_TAKEN', { code: input.nationalCode });
    }
    const row = toNewVersion(actor.provinceCode, input.nationalCode, input, effectiveFrom);
    const newId = await insertProcedureVersion(trx, row, meta.at);
    return { result: newId, entityId: newId, after: auditImage(row) };
  });
  return getProcedure(deps, actor, id);
}
