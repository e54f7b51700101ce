import type { Db } from '../../../platform/db/database.ts';
import { latestDonePlanId, planProgressByUnit } from '../overview.repository.ts';

/**
 * Training-plan progress for a year (issue 6 §3–§5): of the attendances the province's newest
 * finished plan schedules in that year for a unit, the share completed in a held class that
 * carries the planned class out. No finished plan: every unit shows "no plan yet".
 */

export type TrainingProgress = { planId: number; planned: number; completed: number; share: number | null };

export async function trainingPlanProgress(
  db: Db,
  provinceCode: string,
  year: number,
): Promise<{ planId: number | null; byUnit: Map<number, TrainingProgress> }> {
  const planId = await latestDonePlanId(db, provinceCode);
  if (planId === null) return { planId: null, byUnit: new Map() };
  const rows = await planProgressByUnit(db, planId, year);
  return {
    planId,
    byUnit: new Map(
      rows.map((r) => [
        r.unitId,
        { planId, planned: r.planned, completed: r.completed, share: r.planned > 0 ? r.completed / r.planned : null },
      ]),
    ),
  };
}
