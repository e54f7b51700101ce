import type { Actor } from '../../../platform/auth/actor.ts';
import { groupBy } from '../../../platform/collections/group-by.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import { sumLines } from '../../staffing/runs/pages/run-view.ts';
import type { RunLine } from '../../staffing/runs/run.schemas.ts';
import { latestRunId } from '../../staffing/runs/use-cases/runs.ts';
import { listNorms } from '../../staffing/use-cases/norm.ts';
import { listRunLineFigures, type RunLineFigures } from '../overview.repository.ts';

/**
 * Headcount against the staffing norm (the staffing module's listNorms, one grouped query for
 * the province) and against the need of the latest stored WISN run (its line columns).
 */

export type NormFigures = { headcount: number; norm: number | null; difference: number | null; status: string };

export async function normsByUnit(db: Db, clock: Clock, actor: Actor, unitId: number | null): Promise<Map<number, NormFigures>> {
  const report = await listNorms({ db, clock }, actor, { sort: 'name', ...(unitId !== null ? { unitId } : {}) });
  return new Map(report.items.map((l) => [l.unitId, { headcount: l.headcount, norm: l.norm, difference: l.difference, status: l.status }]));
}

export type WisnUnitFigures = {
  required: number;
  actual: number;
  ratio: number | null;
  /** Lines short of staff, most short first. */
  short: { field: string; difference: number; ratio: number | null }[];
};

export type WisnFigures = { runId: number | null; lines: RunLineFigures[]; byUnit: Map<number, WisnUnitFigures> };

/**
 * A stored line's columns as the shape run-view's `sumLines` reads (result.requiredStaff,
 * result.actualStaff), so a unit's required, actual and ratio are summed by the same function
 * as on the run page, over the columns rather than the stored JSON.
 */
function asSummable(l: RunLineFigures): RunLine {
  const result = l.requiredStaff === null ? null : { requiredStaff: { value: l.requiredStaff }, actualStaff: { value: l.actualStaff } };
  return { result } as unknown as RunLine;
}

export async function wisnFigures(db: Db, clock: Clock, actor: Actor, unitId: number | null): Promise<WisnFigures> {
  const runId = await latestRunId({ db, clock }, actor);
  if (runId === null) return { runId: null, lines: [], byUnit: new Map() };
  const lines = await listRunLineFigures(db, runId, unitId);
  const grouped = groupBy(lines, (l) => l.unitId);
  const byUnit = new Map<number, WisnUnitFigures>();
  for (const [id, mine] of grouped) {
    const s = sumLines(mine.map(asSummable));
    const short = mine
      .filter((l) => l.status === 'SHORTAGE' && l.difference !== null)
      .map((l) => ({ field: l.field, difference: l.difference ?? 0, ratio: l.ratio }))
      .sort((a, b) => a.difference - b.difference || a.field.localeCompare(b.field));
    byUnit.set(id, { required: s.required, actual: s.actual, ratio: s.ratio, short });
  }
  return { runId, lines, byUnit };
}
