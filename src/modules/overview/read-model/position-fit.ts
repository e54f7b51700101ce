import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import { listCompetencies } from '../../competencies/use-cases/library.ts';
import { listPlacements } from '../../position-fit/position-fit.repository.ts';
import { type Evaluated, evaluatePlacements } from '../../position-fit/use-cases/position-fit.ts';

/**
 * Fit to position of everyone placed in the province (or one unit) today, evaluated by the
 * position-fit module's evaluatePlacements (the code of its /position-fit page): one query each
 * for the placements, the requirements, campaign levels, tests and trainings, whatever the number of units. The
 * share meeting requirements is the complement of the people its /position-fit page lists.
 */

export type FitGroup = {
  placed: number;
  meeting: number;
  share: number | null;
  /** Competencies assessed below the required level, most people below first. */
  gaps: { code: string; nameVi: string; nameEn: string; staffBelow: number }[];
};

export type FitFigures = { byUnit: Map<number, FitGroup>; byUnitField: Map<string, FitGroup> };

/** A province has at most a few tens of thousands of placements; read them in one page. */
const ALL_PLACEMENTS = 1_000_000;

function groupOf(items: readonly Evaluated[], names: Map<string, { nameVi: string; nameEn: string }>): FitGroup {
  const below = new Map<string, number>();
  for (const e of items)
    for (const c of e.fit.competencies)
      if (c.gap !== null && c.gap > 0) below.set(c.competencyCode, (below.get(c.competencyCode) ?? 0) + 1);
  const meeting = items.filter((e) => e.fit.status === 'MEETS').length;
  return {
    placed: items.length,
    meeting,
    share: items.length > 0 ? meeting / items.length : null,
    gaps: [...below]
      .map(([code, staffBelow]) => ({ code, nameVi: names.get(code)?.nameVi ?? code, nameEn: names.get(code)?.nameEn ?? code, staffBelow }))
      .sort((a, b) => b.staffBelow - a.staffBelow || a.code.localeCompare(b.code)),
  };
}

export const fieldKey = (unitId: number, field: string | null) => `${unitId}|${field ?? ''}`;

export async function fitFigures(db: Db, clock: Clock, actor: Actor, unitId: number | null, today: string): Promise<FitFigures> {
  const { items } = await listPlacements(db, actor.provinceCode, today, { unitId }, { limit: ALL_PLACEMENTS, offset: 0 });
  const { evaluated } = await evaluatePlacements(db, actor.provinceCode, items, today);
  const names = new Map<string, { nameVi: string; nameEn: string }>();
  const libraries = await Promise.all(
    [...new Set(items.map((p) => p.versionId))].map((versionId) => listCompetencies({ db, clock }, actor, { versionId })),
  );
  for (const lib of libraries) for (const c of lib.items) if (!names.has(c.code)) names.set(c.code, { nameVi: c.nameVi, nameEn: c.nameEn });
  const byUnitItems = new Map<number, Evaluated[]>();
  const byFieldItems = new Map<string, Evaluated[]>();
  for (const e of evaluated) {
    const u = byUnitItems.get(e.placement.unitId) ?? [];
    u.push(e);
    byUnitItems.set(e.placement.unitId, u);
    const k = fieldKey(e.placement.unitId, e.placement.field);
    const f = byFieldItems.get(k) ?? [];
    f.push(e);
    byFieldItems.set(k, f);
  }
  return {
    byUnit: new Map([...byUnitItems].map(([id, list]) => [id, groupOf(list, names)])),
    byUnitField: new Map([...byFieldItems].map(([k, list]) => [k, groupOf(list, names)])),
  };
}
