import type { Actor } from '../../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../../platform/auth/roles.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { AppError, type ErrorCode } from '../../../../platform/errors/app-error.ts';
import type { ProcedureRecord } from '../../../procedures/procedures.repository.ts';
import { loadVisibleProcedure } from '../../../procedures/use-cases/get-procedure.ts';
import type { LifecycleState, LifecycleStep, RefusalReason } from '../../lifecycle/state-machine.ts';
import { loadVisibleDossier } from '../../use-cases/dossier-access.ts';
import { findProcessingRow, listLifecycleEvents, listSlips, type ProcessingRow, type SlipRecord } from '../processing.repository.ts';
import { toLifecycleState } from '../stored-state.ts';

export type DossierContext = {
  row: ProcessingRow;
  procedure: ProcedureRecord;
  workflow: LifecycleStep[];
  state: LifecycleState;
  slips: SlipRecord[];
};

/**
 * Everything a decision about one dossier needs, read with `db` (the caller's transaction
 * when it writes). Visibility first: another unit's or province's dossier is a 404.
 */
export async function loadDossierContext(db: Db, actor: Actor, id: number): Promise<DossierContext> {
  await loadVisibleDossier(db, actor, id);
  const row = await findProcessingRow(db, id);
  if (!row) throw new AppError('DOSSIER_NOT_FOUND');
  // The dossier keeps the procedure version (and so the workflow) it was received under.
  const procedure = await loadVisibleProcedure(db, actor, row.procedureId);
  const [events, slips] = await Promise.all([listLifecycleEvents(db, [id]), listSlips(db, [id])]);
  const workflow = procedure.workflow.map((s) => ({ code: s.code, roles: s.roles }));
  return { row, procedure, workflow, state: toLifecycleState(row, events, slips), slips };
}

/** Only the competent unit's own staff act on a dossier; the receiving unit and province roles only read it. */
export function canActOn(actor: Actor, row: Pick<ProcessingRow, 'provinceCode' | 'competentUnitId'>): boolean {
  return isUnitRole(actor.role) && actor.provinceCode === row.provinceCode && actor.unitId === row.competentUnitId;
}

export function assertCanAct(actor: Actor, row: ProcessingRow): void {
  if (!canActOn(actor, row)) throw new AppError('FORBIDDEN');
}

/** A dossier assigned to one specialist is theirs: another specialist of the unit may not act on it. */
export function assignedToOther(actor: Actor, row: Pick<ProcessingRow, 'assigneeId'>): boolean {
  return actor.role === 'field_specialist' && row.assigneeId !== null && row.assigneeId !== actor.userId;
}

/** One error code per refusal reason of the lifecycle, so clients can tell them apart. */
const REFUSAL_CODES = {
  TRANSITION_NOT_ALLOWED: 'DOSSIER_TRANSITION_NOT_ALLOWED',
  ROLE_NOT_ALLOWED_AT_STEP: 'DOSSIER_ROLE_NOT_ALLOWED_AT_STEP',
  ACTION_NOT_AT_THIS_STEP: 'DOSSIER_ACTION_NOT_AT_THIS_STEP',
  SUPPLEMENT_ALREADY_REQUESTED: 'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED',
  PAYMENT_ALREADY_REQUESTED: 'DOSSIER_PAYMENT_ALREADY_REQUESTED',
  DUE_DATE_REQUIRED: 'DOSSIER_DUE_DATE_REQUIRED',
  REASON_REQUIRED: 'DOSSIER_REASON_REQUIRED',
  WORKFLOW_INVALID: 'DOSSIER_WORKFLOW_INVALID',
  TIME_BEFORE_LAST_EVENT: 'DOSSIER_TIME_BEFORE_LAST_EVENT',
} as const satisfies Record<RefusalReason, ErrorCode>;

export function refusalError(reason: RefusalReason): AppError {
  return new AppError(REFUSAL_CODES[reason]);
}
