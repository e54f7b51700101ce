import { type AuditMeta, audited } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { checkProcedureRules, planNewVersion } from '../procedure-rules.ts';
import { closeProcedureVersion, insertProcedureVersion, listProcedureVersions } from '../procedures.repository.ts';
import type { ProcedureDetail, ProcedureVersionInput } from '../procedures.schemas.ts';
import type { ProceduresDeps } from './deps.ts';
import { getProcedure, loadVisibleProcedure } from './get-procedure.ts';
import { auditImage, rulesError, throwIfProblems, toNewVersion } from './write-procedure.ts';

/**
 * Changes a procedure's rules from `effectiveFrom` on: the latest version ends the day
 * before and a new version starts, so dossiers received earlier keep the rules they were
 * received under. The caller must have read the latest version (`version`), else
 * VERSION_CONFLICT; editing an older version answers PROCEDURE_SUPERSEDED. Closing the
 * old version, opening the new one and the audit entry commit together.
 */
export async function addProcedureVersion(
  deps: ProceduresDeps,
  actor: Actor,
  id: number,
  input: ProcedureVersionInput,
  meta: AuditMeta,
  locale: Locale,
): Promise<ProcedureDetail> {
  throwIfProblems(checkProcedureRules(input), locale);
  const newId = await audited(deps.db, meta, 'procedure.new_version', 'procedure', async (trx) => {
    const current = await loadVisibleProcedure(trx, actor, id);
    if (current.version !== input.version) throw new AppError('VERSION_CONFLICT');
    const [latest] = await listProcedureVersions(trx, current.provinceCode, current.nationalCode);
    if (latest?.id !== current.id) throw new AppError('PROCEDURE_SUPERSEDED');
    const plan = planNewVersion(current, input.effectiveFrom);
    if ('problem' in plan) throw rulesError([plan.problem], locale);
    await closeProcedureVersion(trx, current.id, input.version, plan.closeLatestOn, meta.at);
    const row = toNewVersion(current.provinceCode, current.nationalCode, input, input.effectiveFrom);
    const created = await insertProcedureVersion(trx, row, meta.at);
    return {
      result: created,
      entityId: created,
      before: { id: current.id, ...auditImage(current) },
      after: { id: created, supersedes: current.id, previousEffectiveTo: plan.closeLatestOn, ...auditImage(row) },
    };
  });
  return getProcedure(deps, actor, newId);
}
