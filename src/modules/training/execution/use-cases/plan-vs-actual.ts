import type { Actor } from '../../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../../platform/auth/roles.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import type { TrainingDeps } from '../../use-cases/deps.ts';
import * as repo from '../execution.repository.ts';
import type { ExecutionQuery, ExecutionView } from '../execution.schemas.ts';
import { actualByUnitYear, plannedByUnitYear, planVsActual } from '../execution.ts';

export const COST_RULE =
  'Held: each participant’s cost per participant plus the unit’s share of the class’s fixed cost, by seats taken (cancelled classes and withdrawn people left out). Planned: the unit’s share of the planned class cost, by attendees.';

/**
 * Plan versus actual per unit of the participants and year: the plan version asked for (the
 * latest finished one by default) against the classes held. Unit roles see their own unit.
 */
export async function executionReport(deps: TrainingDeps, actor: Actor, q: ExecutionQuery): Promise<ExecutionView> {
  let unitId = q.unitId;
  if (isUnitRole(actor.role)) {
    if (unitId !== undefined && unitId !== actor.unitId) throw AppError.denied('UNIT_NOT_FOUND');
    unitId = actor.unitId ?? undefined;
  } else if (unitId !== undefined) {
    const u = await repo.findUnit(deps.db, unitId);
    if (!u) throw new AppError('UNIT_NOT_FOUND');
    if (u.provinceCode !== actor.provinceCode) throw AppError.denied('UNIT_NOT_FOUND');
  }
  const plan = await repo.findPlan(deps.db, actor.provinceCode, q.planId);
  if (q.planId !== undefined && !plan) throw new AppError('TRAINING_EXECUTION_PLAN_NOT_FOUND');
  const filter = { year: q.year, unitId };
  const [held, planned] = await Promise.all([
    repo.heldClassUnits(deps.db, actor.provinceCode, filter),
    plan ? repo.plannedClassUnits(deps.db, plan.id, filter) : Promise.resolve([]),
  ]);
  const rows = planVsActual(plannedByUnitYear(planned), actualByUnitYear(held));
  const names = await repo.unitNames(
    deps.db,
    rows.map((r) => r.unitId),
  );
  return {
    plan,
    costRule: COST_RULE,
    rows: rows.map((r) => ({
      unitId: r.unitId,
      unitName: names.get(r.unitId) ?? String(r.unitId),
      year: r.year,
      planned: r.planned && { participants: r.planned.participants, classes: r.planned.classes, cost: r.planned.cost },
      actual: r.actual && {
        participants: r.actual.participants,
        completed: r.actual.completed,
        classes: r.actual.classes,
        cost: r.actual.cost,
      },
      completionRate: r.completionRate,
    })),
  };
}

/** Finished plan versions for the page's picker. */
export async function planChoices(deps: TrainingDeps, actor: Actor): Promise<repo.PlanRef[]> {
  return repo.listPlans(deps.db, actor.provinceCode);
}
