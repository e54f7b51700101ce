import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { listCandidateRuleValues } from '../../../platform/rules/rules.repository.ts';
import { getRuleInForce, pickInForce } from '../../../platform/rules/rules.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import { listCompetencies } from '../../competencies/use-cases/library.ts';
import { evaluateFit, type FitResult } from '../../position-fit/fit.ts';
import { listPlacements, type Placement, requirementsOf } from '../../position-fit/position-fit.repository.ts';
import { fitEvidenceByPerson } from '../../position-fit/use-cases/position-fit.ts';

/**
 * Fit to position of everyone placed in the province (or one unit) today, evaluated by the
 * position-fit module's pure evaluateFit from its own bulk evidence: one query each for the
 * placements, the requirements, campaign levels and tests, whatever the number of units. The
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

type Evaluated = { placement: Placement; fit: FitResult };

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

/**
 * The grace rule in force on each start date, as the position-fit module reads it
 * (getRuleInForce on the date), with one read per distinct version rather than per date: the
 * candidate versions are read once and each date is matched to its version by pickInForce.
 */
async function graceByStartDate(db: Db, provinceCode: string, dates: readonly string[]): Promise<Map<string, number>> {
  const distinct = [...new Set(dates)].sort();
  const last = distinct.at(-1);
  if (last === undefined) return new Map();
  const candidates = await listCandidateRuleValues(db, ['review.positionGrace'], provinceCode, last);
  const byVersion = new Map<number | null, string[]>();
  for (const d of distinct) {
    const id = pickInForce(candidates, 'review.positionGrace', provinceCode, d)?.id ?? null;
    byVersion.set(id, [...(byVersion.get(id) ?? []), d]);
  }
  const grace = new Map<string, number>();
  for (const group of byVersion.values()) {
    const months = (await getRuleInForce(db, 'review.positionGrace', provinceCode, group[0] as string)).value.graceMonths;
    for (const d of group) grace.set(d, months);
  }
  return grace;
}

export const fieldKey = (unitId: number, field: string | null) => `${unitId}|${field ?? ''}`;

export async function fitFigures(db: Db, clock: Clock, actor: Actor, unitId: number | null, today: string): Promise<FitFigures> {
  const { items } = await listPlacements(db, actor.provinceCode, today, { unitId }, { limit: ALL_PLACEMENTS, offset: 0 });
  const staffIds = items.map((p) => p.staffId);
  const [requirements, evidence] = await Promise.all([
    requirementsOf(
      db,
      items.map((p) => p.positionId),
    ),
    fitEvidenceByPerson(db, actor.provinceCode, staffIds),
  ]);
  const grace = await graceByStartDate(
    db,
    actor.provinceCode,
    items.map((p) => p.startDate),
  );
  const evaluated: Evaluated[] = items.map((placement) => ({
    placement,
    fit: evaluateFit({
      person: placement,
      position: { ...placement, requirements: requirements.get(placement.positionId) ?? [] },
      campaignLevels: evidence.levels.get(placement.staffId) ?? [],
      tests: evidence.tests.get(placement.staffId) ?? [],
      trainings: evidence.trainings.get(placement.staffId) ?? [],
      graceMonths: grace.get(placement.startDate) ?? 12,
      today,
    }),
  }));
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
