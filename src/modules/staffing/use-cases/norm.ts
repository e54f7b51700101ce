import { type Actor, assertUnitAccess } from '../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../platform/auth/roles.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { NORMED_UNIT_KINDS, type NormedUnitKind } from '../../../platform/rules/defaults/staffing-norm.config.ts';
import { getRuleInForce } from '../../../platform/rules/rules.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import { domainToday } from '../../../platform/time/format.ts';
import * as repo from '../norm.repository.ts';
import type { NormLine, NormQuery, NormReport, NormSort } from '../norm.schemas.ts';
import { compareWithNorm, type NormResult, norm } from '../norm.ts';

export type NormDeps = { db: Db; clock: Clock };

export const HEADCOUNT_BASIS =
  'Staff of the unit with employment status ACTIVE (ON_LEAVE not counted), in any body of the People’s Committee or none. ' +
  'The norm excludes party and mass organisations and the military command, but the registry’s org bodies are only the People’s Committee bodies (Decree 150/2025), ' +
  'so such staff cannot be told apart: whoever the registry holds for the unit is counted.';

const collator = new Intl.Collator('vi');

/** Unknown lines last whatever the direction; ties by name. */
function sortLines(lines: NormLine[], sort: NormSort): NormLine[] {
  const byName = (a: NormLine, b: NormLine) => collator.compare(a.name, b.name) || a.unitId - b.unitId;
  if (sort === 'name') return [...lines].sort(byName);
  const sign = sort === 'difference' ? 1 : -1;
  return [...lines].sort((a, b) => {
    if (a.difference === null || b.difference === null) {
      if (a.difference === b.difference) return byName(a, b);
      return a.difference === null ? 1 : -1;
    }
    return sign * (a.difference - b.difference) || byName(a, b);
  });
}

/** The unit asked for, checked: another province's or another commune's unit answers 404 (audited). */
async function scopeOf(db: Db, actor: Actor, unitId: number | undefined): Promise<number | null> {
  const wanted = unitId ?? (isUnitRole(actor.role) ? actor.unitId : null);
  if (wanted === null) return null;
  const unit = await repo.findNormUnit(db, wanted);
  if (!unit) throw new AppError('NOT_FOUND');
  assertUnitAccess(actor, { provinceCode: unit.provinceCode, unitId: unit.id });
  if (!(NORMED_UNIT_KINDS as readonly string[]).includes(unit.kind) || unit.validTo !== null) throw new AppError('NOT_FOUND');
  return unit.id;
}

function lineOf(u: repo.NormUnitRow, result: NormResult): NormLine {
  const { difference, status } = compareWithNorm(u.headcount, result);
  const head = {
    unitId: u.id,
    code: u.code,
    name: u.name,
    kind: u.kind as NormedUnitKind,
    population: u.population,
    isMountainous: u.isMountainous,
    headcount: u.headcount,
    difference,
    status,
  };
  if (!result.known)
    return {
      ...head,
      base: null,
      extra: null,
      uncapped: null,
      ceiling: null,
      norm: null,
      capped: null,
      unknownReason: result.reason,
      trace: [],
    };
  return {
    ...head,
    base: result.base,
    extra: result.extra.posts,
    uncapped: result.uncapped,
    ceiling: result.ceiling,
    norm: result.norm,
    capped: result.capped,
    unknownReason: null,
    trace: result.trace,
  };
}

/**
 * The staffing norm in force on `onDate` (today in Vietnam by default) against actual headcount,
 * for every current commune, ward and special zone of the actor's province (unit roles: their
 * own unit). Before the version's own effective date (the registry default applies to any date)
 * the norm is unknown: Official Letter 09/CV-BCĐ did not exist yet.
 */
export async function listNorms(deps: NormDeps, actor: Actor, query: NormQuery): Promise<NormReport> {
  const onDate = query.onDate ?? domainToday(deps.clock.now());
  const unitId = await scopeOf(deps.db, actor, query.unitId);
  const [rule, units] = await Promise.all([
    getRuleInForce(deps.db, 'staffing.norm', actor.provinceCode, onDate),
    isUnitRole(actor.role) && unitId === null ? Promise.resolve([]) : repo.listNormUnits(deps.db, actor.provinceCode, unitId),
  ]);
  const config = rule.value;
  const effectiveFrom = rule.effectiveFrom ?? config.effectiveFrom;
  const inForce = effectiveFrom <= onDate;
  const lines = units.map((u) => lineOf(u, inForce ? norm(u, config) : { known: false, reason: 'RULE_NOT_IN_FORCE' }));
  const known = lines.filter((l) => l.norm !== null);
  const count = (s: NormLine['status']) => lines.filter((l) => l.status === s).length;
  const { version, sourceNote: _stored, ...figures } = config;
  return {
    onDate,
    sort: query.sort,
    rule: { ...figures, version, effectiveFrom, origin: rule.origin, sourceNote: rule.sourceNote },
    headcountBasis: HEADCOUNT_BASIS,
    items: sortLines(lines, query.sort),
    totals: {
      units: lines.length,
      over: count('OVER'),
      under: count('UNDER'),
      atNorm: count('AT_NORM'),
      unknown: count('UNKNOWN'),
      norm: known.reduce((s, l) => s + (l.norm ?? 0), 0),
      headcount: known.reduce((s, l) => s + l.headcount, 0),
    },
  };
}
