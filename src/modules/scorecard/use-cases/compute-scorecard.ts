import type { Actor } from '../../../platform/auth/actor.ts';
import { singleFlightPerDatabase } from '../../../platform/cache/single-flight.ts';
import type { Db } from '../../../platform/db/database.ts';
import type { Scorecard766Config } from '../../../platform/rules/defaults/scorecard-766.config.ts';
import { getRules, type RuleInForce } from '../../../platform/rules/rules.ts';
import { CALENDAR_RULE_KEYS, rulesUsedOf, toWorkingTimeRules } from '../../calendar/calendar-rules.ts';
import { buildCalendar, type CalendarEntryKind } from '../../calendar/working-days.ts';
import { addDays } from '../../calendar/zoned-time.ts';
import type { CalendarData } from '../../dossiers/lifecycle/due-state.ts';
import { type Computed, type Period, retotalled, type Scorecard766, scoreCounts } from '../../dossiers/lifecycle/scorecard-766.ts';
import {
  type CatalogueEntry,
  CLS,
  type FactClassRow,
  type FactScope,
  factClasses,
  holidaysFrom,
  type IsoPeriod,
  type PaknFacts,
  type ProcedureFlags,
  paknFacts,
  pausedDossiers,
  procedureFlags,
  proceduresInForce,
} from '../scorecard.repository.ts';
import type { SuppliedFigure, SuppliedIndicator } from '../supplied/supplied-counts.ts';
import { suppliedForCard } from '../supplied/use-cases/supplied.ts';
import { cardOfClasses, classOfPaused, dueExtender } from './facts.ts';
import { type DateRange, periodOf, type ResolvedScope, resolveScope, type ScorecardDeps } from './scope.ts';

export type ScorecardResult = {
  scope: ResolvedScope;
  range: DateRange;
  card: Scorecard766;
  rule: Pick<RuleInForce<'scorecard766.config'>, 'effectiveFrom' | 'origin' | 'sourceNote'>;
  notSupplied: string[];
  /** The hand-entered counts behind indicators 1.1–1.3, 3.5 and 5.2, where entered. */
  supplied: Partial<Record<SuppliedIndicator, SuppliedFigure>>;
};

/** The first day of the working calendar read: a due date can lie a year before the period (a carried-over dossier). */
const calendarOrigin = (range: DateRange) => `${Number(range.from.slice(0, 4)) - 1}-01-01`;

/** Working calendar as data, for pushing due dates back by paused working time. */
async function calendarData(db: Db, provinceCode: string, range: DateRange): Promise<CalendarData> {
  const [rules, holidays] = await Promise.all([
    getRules(db, CALENDAR_RULE_KEYS, provinceCode, range.from),
    holidaysFrom(db, calendarOrigin(range)),
  ]);
  return {
    calendar: buildCalendar(holidays.map((h) => ({ ...h, kind: h.kind as CalendarEntryKind }))),
    rules: toWorkingTimeRules(rulesUsedOf(rules)),
  };
}

export type ScopeClasses = { classes: FactClassRow[]; flags: Map<number, ProcedureFlags> };

/**
 * The dossiers of a scope and period as few classes: the grouped scan, plus the paused
 * dossiers, whose LATE bit needs their due date pushed back by the paused working time.
 */
export async function loadClasses(db: Db, scope: FactScope, range: DateRange, period: Period, overdueFrom: number): Promise<ScopeClasses> {
  const p: IsoPeriod = { from: period.start.toISOString(), to: period.end.toISOString() };
  const [grouped, paused] = await Promise.all([factClasses(db, scope, p, overdueFrom), pausedDossiers(db, scope, p, overdueFrom)]);
  const ids = [...new Set([...grouped.map((c) => c.procedureId), ...paused.map((r) => r.procedureId)])];
  const [flags, cal] = await Promise.all([
    procedureFlags(db, scope.provinceCode, ids),
    paused.length > 0 ? calendarData(db, scope.provinceCode, range) : Promise.resolve(null),
  ]);
  const classes = new Map<string, FactClassRow>();
  const add = (c: FactClassRow) => {
    const key = `${c.procedureId}:${c.channel}:${c.cls}`;
    const seen = classes.get(key);
    if (seen) seen.count += c.count;
    else classes.set(key, { ...c });
  };
  for (const c of grouped) add(c);
  if (cal) {
    const extend = dueExtender(cal, calendarOrigin(range));
    for (const r of paused) add(classOfPaused(r, extend, cal));
  }
  return { classes: [...classes.values()], flags };
}

export type CatalogueFacts = { inScope: number; offeredOnline: number; usedOnline: number };

/**
 * 3.1 and 3.2 inputs: the procedures in force, those offered online (fully or partly), and
 * those of them that received an online dossier (channel 2) in the period — read from the
 * dossier classes already loaded (a class not carried over was received in the period).
 * Dossiers point at procedure versions, so a use is matched by national code.
 */
export function catalogueFacts(
  inForce: readonly CatalogueEntry[],
  classes: readonly FactClassRow[],
  flags: ReadonlyMap<number, ProcedureFlags>,
): CatalogueFacts {
  const usedCodes = new Set(
    classes.filter((c) => c.channel === 2 && (c.cls & CLS.CARRIED) === 0 && c.count > 0).map((c) => flags.get(c.procedureId)?.nationalCode),
  );
  const offered = inForce.filter((p) => p.onlineLevel !== 'NONE');
  return {
    inScope: inForce.length,
    offeredOnline: offered.length,
    usedOnline: offered.filter((p) => usedCodes.has(p.nationalCode)).length,
  };
}

/** The indicators that come from the catalogue and the PAKN records rather than from dossier facts. */
export function outsideCounts(pakn: PaknFacts, catalogue: CatalogueFacts): Partial<Record<string, Computed>> {
  return {
    '3.1': {
      numerator: catalogue.offeredOnline,
      denominator: catalogue.inScope,
      formula: 'offeredOnline',
      terms: { ...catalogue },
    },
    '3.2': {
      numerator: catalogue.usedOnline,
      denominator: catalogue.offeredOnline,
      formula: 'usedOnline',
      terms: { ...catalogue },
    },
    '5.1': {
      numerator: pakn.onTime,
      denominator: pakn.received - pakn.pending,
      formula: 'paknOnTime',
      terms: { received: pakn.received, pending: pakn.pending, onTime: pakn.onTime },
    },
  };
}

/** Replaces the named indicators with their counts, scored like every other; groups, total and band follow. */
export function withOutsideCounts(card: Scorecard766, counts: Partial<Record<string, Computed>>, config: Scorecard766Config): Scorecard766 {
  const groups = card.groups.map((g) => ({
    ...g,
    indicators: g.indicators.map((i) => {
      const c = counts[i.code];
      return c ? scoreCounts(i, c, config) : i;
    }),
  }));
  return retotalled({ ...card, groups }, config);
}

/** Readers asking for the same card while it is being computed share that computation. */
const scorecardFlight = singleFlightPerDatabase<ScorecardResult>();

export async function computeScorecard(
  deps: ScorecardDeps,
  actor: Actor,
  unitParam: string | undefined,
  range: DateRange,
): Promise<ScorecardResult> {
  const key = [actor.provinceCode, actor.role, actor.unitId ?? '', unitParam ?? '', range.from, range.to].join('|');
  return scorecardFlight(deps.db).run(key, () => scorecardOf(deps, actor, unitParam, range));
}

async function scorecardOf(deps: ScorecardDeps, actor: Actor, unitParam: string | undefined, range: DateRange): Promise<ScorecardResult> {
  const scope = await resolveScope(deps, actor, unitParam);
  const period = periodOf(range);
  const rules = await getRules(deps.db, ['scorecard766.config'], scope.provinceCode, range.from);
  const rule = rules['scorecard766.config'];
  const config = rule.value;
  const factScope = { provinceCode: scope.provinceCode, unitId: scope.unit?.id ?? null };
  const iso = { from: period.start.toISOString(), to: period.end.toISOString() };
  const [{ classes, flags }, pakn, inForce, supplied] = await Promise.all([
    loadClasses(deps.db, factScope, range, period, config.overdueFromSupplementRequests),
    paknFacts(deps.db, factScope, iso),
    proceduresInForce(deps.db, factScope, addDays(range.to, -1)),
    suppliedForCard(deps.db, scope, range),
  ]);
  const catalogue = catalogueFacts(inForce, classes, flags);
  const handEntered = Object.fromEntries(Object.entries(supplied).map(([code, f]) => [code, f.computed]));
  const counts = { ...handEntered, ...outsideCounts(pakn, catalogue) };
  const card = withOutsideCounts(cardOfClasses(classes, flags, period, config), counts, config);
  const notSupplied = card.groups.flatMap((g) => g.indicators.filter((i) => i.status === 'NOT_SUPPLIED').map((i) => i.code));
  return {
    scope,
    range,
    card,
    rule: { effectiveFrom: rule.effectiveFrom, origin: rule.origin, sourceNote: rule.sourceNote },
    notSupplied,
    supplied,
  };
}
