import type { Actor } from '../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../platform/auth/roles.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { DOMAIN_TIME_ZONE } from '../../../platform/time/format.ts';
import { zonedInstant } from '../../calendar/zoned-time.ts';
import { findUnitByCode, listCurrentUnits, type UnitChoice } from '../scorecard.repository.ts';

export type ScorecardDeps = { db: Db };

/** Dates are local (Asia/Ho_Chi_Minh) calendar days: [from, to). */
export type DateRange = { from: string; to: string };
export type PeriodQuery = {
  from?: string | undefined;
  to?: string | undefined;
  period?: 'month' | 'quarter' | 'year' | undefined;
  year?: number | undefined;
  month?: number | undefined;
  quarter?: number | undefined;
};

const MAX_DAYS = 366;
const pad = (n: number) => String(n).padStart(2, '0');

/** The [from, to) dates of a query: explicit dates, or a calendar month, quarter or year. */
export function resolveRange(q: PeriodQuery, today: string): DateRange {
  let range: DateRange | undefined;
  if (q.from && q.to) range = { from: q.from, to: q.to };
  else if (q.period) {
    const year = q.year ?? Number(today.slice(0, 4));
    if (q.period === 'year') range = { from: `${year}-01-01`, to: `${year + 1}-01-01` };
    else {
      const startMonth = q.period === 'month' ? (q.month ?? Number(today.slice(5, 7))) : ((q.quarter ?? 1) - 1) * 3 + 1;
      const months = q.period === 'month' ? 1 : 3;
      const endIndex = startMonth - 1 + months;
      const endYear = year + Math.floor(endIndex / 12);
      range = { from: `${year}-${pad(startMonth)}-01`, to: `${endYear}-${pad((endIndex % 12) + 1)}-01` };
    }
  } else if (!q.from && !q.to) {
    // No period given: the current month so far is what a leader opens the page for.
    const month = today.slice(0, 7);
    range = resolveRange({ period: 'month', year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) }, today);
  }
  if (!range) throw new AppError('SCORECARD_PERIOD_INVALID', {}, [{ path: 'to', message: 'from and to go together' }]);
  const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000;
  if (!(days > 0)) throw new AppError('SCORECARD_PERIOD_INVALID', {}, [{ path: 'to', message: 'to must be after from' }]);
  if (days > MAX_DAYS) throw new AppError('SCORECARD_PERIOD_INVALID', {}, [{ path: 'to', message: `at most ${MAX_DAYS} days` }]);
  return range;
}

export function periodOf(range: DateRange): { start: Date; end: Date } {
  return { start: zonedInstant(range.from, 0, DOMAIN_TIME_ZONE), end: zonedInstant(range.to, 0, DOMAIN_TIME_ZONE) };
}

export type ResolvedScope = { provinceCode: string; unit: UnitChoice | null };

/**
 * `unit` is a unit code or 'province'. A commune-level role sees only its own unit: asking
 * for another one, or for the province, answers 404 like any other unit's record.
 */
export async function resolveScope(deps: ScorecardDeps, actor: Actor, unitParam: string | undefined): Promise<ResolvedScope> {
  const unitRole = isUnitRole(actor.role);
  if (!unitParam || unitParam === 'province') {
    if (!unitRole) return { provinceCode: actor.provinceCode, unit: null };
    if (unitParam === 'province') throw AppError.denied('NOT_FOUND');
    const own = (await listCurrentUnits(deps.db, actor.provinceCode)).find((u) => u.id === actor.unitId);
    if (!own) throw AppError.denied('NOT_FOUND');
    return { provinceCode: actor.provinceCode, unit: own };
  }
  const unit = await findUnitByCode(deps.db, actor.provinceCode, unitParam);
  if (!unit || (unitRole && unit.id !== actor.unitId)) throw AppError.denied('NOT_FOUND');
  return { provinceCode: actor.provinceCode, unit };
}

export async function unitChoices(deps: ScorecardDeps, actor: Actor): Promise<UnitChoice[]> {
  const all = await listCurrentUnits(deps.db, actor.provinceCode);
  return isUnitRole(actor.role) ? all.filter((u) => u.id === actor.unitId) : all;
}
