import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { roleHas } from '../../../../platform/auth/roles.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { isUniqueViolation } from '../../../../platform/db/errors.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { type DateRange, type ResolvedScope, resolveScope } from '../../use-cases/scope.ts';
import * as repo from '../supplied.repository.ts';
import type { PutSuppliedBody, SuppliedEntryView, SuppliedList } from '../supplied.schemas.ts';
import {
  type PeriodRef,
  parsePeriodToken,
  periodToken,
  rangeOfPeriod,
  SUPPLIED_CODES,
  SUPPLIED_INDICATORS,
  type SuppliedEntry,
  type SuppliedFigure,
  type SuppliedIndicator,
  suppliedFigures,
} from '../supplied-counts.ts';

export type SuppliedDeps = { db: Db };

export function entryView(e: SuppliedEntry): SuppliedEntryView {
  return {
    numerator: e.numerator,
    denominator: e.denominator,
    sourceNote: e.sourceNote,
    unit: e.unit ? { code: e.unit.code, name: e.unit.name } : null,
    period: periodToken(e.period),
    enteredBy: e.enteredBy,
    enteredAt: e.enteredAt,
    version: e.version,
  };
}

function periodOf(token: string): PeriodRef {
  const p = parsePeriodToken(token);
  if (!p) throw new AppError('SCORECARD_PERIOD_INVALID', {}, [{ path: 'period', message: 'YYYY-MM, YYYY-Qn or YYYY' }]);
  return p;
}

/** Which indicators are entered at a scope: the province's own (1.1–1.3) or a unit's (3.5, 5.2). */
const levelOf = (scope: ResolvedScope) => (scope.unit ? 'UNIT' : 'PROVINCE');

async function listAt(db: Db, actor: Actor, scope: ResolvedScope, period: PeriodRef): Promise<SuppliedList> {
  const unitId = scope.unit?.id ?? null;
  const [own, province] = await Promise.all([
    repo.listEntriesAt(db, scope.provinceCode, unitId, period),
    unitId === null ? Promise.resolve([]) : repo.listEntriesAt(db, scope.provinceCode, null, period),
  ]);
  const canSupply = roleHas(actor.role, 'scorecard.supply');
  const level = levelOf(scope);
  // A unit's list also shows the province's figures it inherits (read-only); the province lists its own.
  const codes = SUPPLIED_CODES.filter((c) => scope.unit !== null || SUPPLIED_INDICATORS[c] === 'PROVINCE');
  const items = codes.map((indicator) => {
    const atThisScope = SUPPLIED_INDICATORS[indicator] === level;
    const entry = (atThisScope ? own : province).find((e) => e.indicator === indicator);
    return { indicator, level: SUPPLIED_INDICATORS[indicator], editable: atThisScope && canSupply, entry: entry ? entryView(entry) : null };
  });
  const range = rangeOfPeriod(period);
  return {
    unit: scope.unit ? { code: scope.unit.code, name: scope.unit.name } : null,
    period: { token: periodToken(period), ...period, ...range },
    items,
  };
}

/** The supplied counts of a unit (or the province) for one period; commune roles see only their unit. */
export async function readSupplied(deps: SuppliedDeps, actor: Actor, unitParam: string, token: string): Promise<SuppliedList> {
  const scope = await resolveScope(deps, actor, unitParam);
  return listAt(deps.db, actor, scope, periodOf(token));
}

/**
 * Saves the counts of some indicators of one scope and period, all or none, in one audited
 * transaction. Each item carries the version it was read at (0: nothing stored yet); a stale
 * one refuses the whole request with VERSION_CONFLICT. An indicator entered at the other level
 * (1.1 on a unit, 3.5 on the province) is refused: its figure lives elsewhere. An item with
 * `clear: true` removes the stored counts (the audit entry keeps them in `before`).
 */
export async function putSupplied(
  deps: SuppliedDeps,
  actor: Actor,
  unitParam: string,
  token: string,
  body: PutSuppliedBody,
  meta: AuditMeta,
): Promise<SuppliedList> {
  const scope = await resolveScope(deps, actor, unitParam);
  const period = periodOf(token);
  const level = levelOf(scope);
  const wrong = body.items.filter((i) => SUPPLIED_INDICATORS[i.indicator as SuppliedIndicator] !== level);
  if (wrong.length > 0) {
    throw new AppError(
      'SCORECARD_SUPPLIED_WRONG_LEVEL',
      { codes: wrong.map((i) => i.indicator).join(', ') },
      wrong.map((i) => ({ path: `items.${body.items.indexOf(i)}.indicator`, message: 'entered at the other level' })),
    );
  }
  const unitId = scope.unit?.id ?? null;
  const by = actor.via === 'system' ? null : actor.userId;
  const entityId = `${scope.unit?.code ?? 'province'}@${periodToken(period)}`;
  try {
    await audited(deps.db, meta, 'scorecard.supplied.put', 'scorecard_supplied_counts', async (trx) => {
      const before = await repo.listEntriesAt(trx, scope.provinceCode, unitId, period);
      for (const item of body.items) {
        const current = before.find((e) => e.indicator === item.indicator);
        if ((current?.version ?? 0) !== item.version) throw new AppError('VERSION_CONFLICT');
        if (item.clear) {
          // Clearing what is not there (version 0, nothing stored) changes nothing.
          if (current && !(await repo.deleteEntry(trx, current.id, current.version))) throw new AppError('VERSION_CONFLICT');
          continue;
        }
        // The schema requires the three counts when not clearing.
        const values = { numerator: item.numerator ?? 0, denominator: item.denominator ?? 0, sourceNote: item.sourceNote ?? '' };
        if (current) {
          if (!(await repo.updateEntry(trx, current.id, current.version, values, meta.at, by))) throw new AppError('VERSION_CONFLICT');
        } else {
          const indicator = item.indicator as SuppliedIndicator;
          await repo.insertEntry(trx, { provinceCode: scope.provinceCode, unitId, period, indicator, ...values }, meta.at, by);
        }
      }
      const after = await repo.listEntriesAt(trx, scope.provinceCode, unitId, period);
      const image = (list: SuppliedEntry[]) =>
        list.filter((e) => body.items.some((i) => i.indicator === e.indicator)).map((e) => ({ indicator: e.indicator, ...entryView(e) }));
      return { result: null, entityId, before: image(before), after: image(after) };
    });
  } catch (e) {
    // Two first entries of the same indicator at once: the unique index lets one in.
    if (isUniqueViolation(e)) throw new AppError('VERSION_CONFLICT');
    throw e;
  }
  return listAt(deps.db, actor, scope, period);
}

/** The supplied figures a card of this scope and range uses (supplied-counts.ts `suppliedFigures`). */
export async function suppliedForCard(
  db: Db,
  scope: ResolvedScope,
  range: DateRange,
): Promise<Partial<Record<SuppliedIndicator, SuppliedFigure>>> {
  const unitId = scope.unit?.id ?? null;
  const lastDay = new Date(Date.parse(`${range.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 4);
  const entries = await repo.listEntriesForCard(db, scope.provinceCode, unitId, Number(range.from.slice(0, 4)), Number(lastDay));
  return suppliedFigures(entries, range, unitId);
}
