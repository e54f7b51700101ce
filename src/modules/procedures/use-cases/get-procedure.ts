import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { findProcedure, listProcedureVersions, type ProcedureRecord, type ProcedureSummaryRecord } from '../procedures.repository.ts';
import type { ProcedureDetail, ProcedureSummary } from '../procedures.schemas.ts';
import type { ProceduresDeps } from './deps.ts';

export function toProcedureSummary(r: ProcedureSummaryRecord): ProcedureSummary {
  return {
    id: r.id,
    nationalCode: r.nationalCode,
    nameVi: r.nameVi,
    nameEn: r.nameEn,
    field: r.field,
    competentLevel: r.competentLevel,
    timeLimitAmount: r.timeLimitAmount,
    timeLimitUnit: r.timeLimitUnit,
    fee: r.fee,
    onlineLevel: r.onlineLevel,
    paperResult: r.paperResult,
    essentialService: r.essentialService,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo,
  };
}

/**
 * Loads a version of a procedure of the actor's province. The catalogue is province-wide,
 * so every staff role of the province reads it; another province's row answers the same
 * 404 as a missing one (and is recorded as a refused access).
 */
export async function loadVisibleProcedure(db: Db, actor: Actor, id: number): Promise<ProcedureRecord> {
  const p = await findProcedure(db, id);
  if (!p) throw new AppError('PROCEDURE_NOT_FOUND');
  if (p.provinceCode !== actor.provinceCode) throw AppError.denied('PROCEDURE_NOT_FOUND');
  return p;
}

/** One version of a procedure, with the whole version chain it belongs to. */
export async function getProcedure(deps: ProceduresDeps, actor: Actor, id: number): Promise<ProcedureDetail> {
  const p = await loadVisibleProcedure(deps.db, actor, id);
  const history = await listProcedureVersions(deps.db, p.provinceCode, p.nationalCode);
  return {
    ...toProcedureSummary(p),
    timeLimitNote: p.timeLimitNote,
    feeNote: p.feeNote,
    requiredDocuments: p.requiredDocuments,
    workflow: p.workflow,
    sourceTag: p.sourceTag,
    sourceNote: p.sourceNote,
    version: p.version,
    isLatest: history[0]?.id === p.id,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    history: history.map(({ version: _version, ...v }) => v),
  };
}
