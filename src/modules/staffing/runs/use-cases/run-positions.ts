import type { Actor } from '../../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../../platform/auth/roles.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { domainToday } from '../../../../platform/time/format.ts';
import { countHolders, type PositionRow, positionRows } from '../pages/position-view.ts';
import { filterLines, type LineFilter } from '../pages/run-view.ts';
import type { StaffingRun } from '../run.schemas.ts';
import { positionHolders } from '../run-positions.repository.ts';
import { getRun, type RunDeps } from './runs.ts';

const collator = new Intl.Collator('vi');

export type RunPositions = {
  run: StaffingRun;
  /** The date the run counted its staff on (its creation day in Vietnam): the holders are read as of it. */
  onDate: string;
  rows: PositionRow[];
};

/**
 * The per-position rows of a run (pages/position-view.ts for the rule), for the lines the actor
 * may see (getRun: unit roles get their unit's lines, another province's run 404), filtered
 * like the field table; lines in unit-name then field order. `run.lines` keeps every line the
 * actor may see, for the filter's options.
 */
export async function getRunPositions(deps: RunDeps, actor: Actor, runId: number, filter: LineFilter): Promise<RunPositions> {
  const run = await getRun(deps, actor, runId, {});
  // As getRun with a unit filter: a unit role asking for another unit gets 404 (audited).
  if (isUnitRole(actor.role) && filter.unitId !== undefined && filter.unitId !== actor.unitId)
    throw AppError.denied('STAFFING_RUN_LINE_NOT_FOUND');
  const onDate = domainToday(new Date(run.createdAt));
  const lines = filterLines(run.lines, filter).sort(
    (a, b) => collator.compare(a.unitName, b.unitName) || a.unitId - b.unitId || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0),
  );
  const unitId = isUnitRole(actor.role) ? (actor.unitId ?? -1) : filter.unitId;
  const rows = await positionHolders(deps.db, run.provinceCode, onDate, { unitId, field: filter.field });
  return { run, onDate, rows: positionRows(lines, countHolders(rows, actor.locale)) };
}
