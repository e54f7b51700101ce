import { findProcedureInForce, type ProcedureRecord } from '../procedures.repository.ts';
import type { ProceduresDeps } from './deps.ts';

export type ProcedureRules = ProcedureRecord;

/**
 * The version of a procedure whose rules apply to a dossier received on `onDate`
 * (a calendar date in Vietnam): what the dossier module calls at intake, so a dossier
 * keeps the time limit, fee and workflow it was received under even after a later edit.
 */
export async function getProcedureInForce(
  deps: Pick<ProceduresDeps, 'db'>,
  provinceCode: string,
  nationalCode: string,
  onDate: string,
): Promise<ProcedureRules | undefined> {
  return findProcedureInForce(deps.db, provinceCode, nationalCode, onDate);
}
