import type { Db } from '../../../../platform/db/database.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { findUnitUser, type ProcessingRow, type UnitUser } from '../processing.repository.ts';

/** The assignee must be an active field specialist of the dossier's competent unit. */
export async function checkAssignee(db: Db, row: ProcessingRow, assigneeId: number): Promise<UnitUser> {
  const user = await findUnitUser(db, assigneeId);
  if (!user?.active || user.role !== 'field_specialist' || user.provinceCode !== row.provinceCode || user.unitId !== row.competentUnitId) {
    throw new AppError('DOSSIER_ASSIGNEE_INVALID');
  }
  return user;
}
