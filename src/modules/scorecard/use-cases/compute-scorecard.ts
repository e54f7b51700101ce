import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { getRules, type RuleInForce } from '../../../platform/rules/rules.ts';
import { CALENDAR_RULE_KEYS, rulesUsedOf, toWorkingTimeRules } from '../../calendar/calendar-rules.ts';
import { buildCalendar, type CalendarEntryKind } from '../../calendar/working-days.ts';
import type { CalendarData } from '../../dossiers/lifecycle/due-state.ts';
import { bandOf, indicatorPoints, type Period, type Scorecard766 } from '../../dossiers/lifecycle/scorecard-766.ts';
import {
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
} from '../scorecard.repository.ts';
import { cardOfClasses, classOfPaused, dueExtender, UNRECORDED } from './facts.ts';
import { type DateRange, periodOf, type ResolvedScope, resolveScope, type ScorecardDeps } from './scope.ts';

export type ScorecardResult = {
  scope: ResolvedScope;
  range: DateRange;
  card: Scorecard766;
  rule: Pick<RuleInForce<'scorecard766.config'>, 'effectiveFrom' | 'origin' | 'sourceNote'>;
  notSupplied: string[];
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

/** Indicators whose facts are not recorded answer NOT_SUPPLIED; groups, total and band follow. */
export function withoutUnrecorded(card: Scorecard766, config: Parameters<typeof bandOf>[1]): Scorecard766 {
  let complete = card.complete;
  const groups = card.groups.map((g) => {
    const indicators = g.indicators.map((i) => {
      const missing = UNRECORDED[i.code];
      if (!missing) return i;
      complete = false;
      return {
        ...i,
        numerator: 0,
        denominator: 0,
        rate: null,
        points: 0,
        status: 'NOT_SUPPLIED' as const,
        explanation: { formula: `${i.explanation.formula} — not recorded on dossiers yet: ${missing}`, terms: {} },
      };
    });
    return { ...g, indicators, points: indicators.reduce((s, i) => s + i.points, 0) };
  });
  const total = groups.reduce((s, g) => s + g.points, 0);
  return { ...card, groups, total, band: bandOf(total, config), complete };
}

/** Indicator 5.1 from the PAKN records: decided on time ÷ (received − still pending at the period's end). */
export function withPakn(card: Scorecard766, pakn: PaknFacts, config: Parameters<typeof bandOf>[1]): Scorecard766 {
  const groups = card.groups.map((g) => {
    const indicators = g.indicators.map((i) => {
      if (i.code !== '5.1') return i;
      const denominator = pakn.received - pakn.pending;
      const explanation = {
        formula:
          'PAKN decided on time (refused, asked for more information or answered by that decision’s own deadline, before the period’s end) ÷ (PAKN received in the period − those still open and not yet due at its end)',
        terms: { received: pakn.received, pending: pakn.pending, onTime: pakn.onTime },
      };
      if (denominator <= 0) {
        const points = config.noDataPoints === 'full' ? i.maxPoints : 0;
        return { ...i, numerator: pakn.onTime, denominator: 0, rate: null, points, status: 'NO_DATA' as const, explanation };
      }
      const rate = pakn.onTime / denominator;
      const points = indicatorPoints(rate, i.threshold, i.maxPoints);
      return { ...i, numerator: pakn.onTime, denominator, rate, points, status: 'COMPUTED' as const, explanation };
    });
    return { ...g, indicators, points: indicators.reduce((s, i) => s + i.points, 0) };
  });
  const total = groups.reduce((s, g) => s + g.points, 0);
  const complete = groups.every((g) => g.indicators.every((i) => i.status !== 'NOT_SUPPLIED'));
  return { ...card, groups, total, band: bandOf(total, config), complete };
}

export async function computeScorecard(
  deps: ScorecardDeps,
  actor: Actor,
  unitParam: string | undefined,
  range: DateRange,
): Promise<ScorecardResult> {
  const scope = await resolveScope(deps, actor, unitParam);
  const period = periodOf(range);
  const rules = await getRules(deps.db, ['scorecard766.config'], scope.provinceCode, range.from);
  const rule = rules['scorecard766.config'];
  const config = rule.value;
  const factScope = { provinceCode: scope.provinceCode, unitId: scope.unit?.id ?? null };
  const [{ classes, flags }, pakn] = await Promise.all([
    loadClasses(deps.db, factScope, range, period, config.overdueFromSupplementRequests),
    paknFacts(deps.db, factScope, { from: period.start.toISOString(), to: period.end.toISOString() }),
  ]);
  const card = withPakn(withoutUnrecorded(cardOfClasses(classes, flags, period, config), config), pakn, config);
  const notSupplied = card.groups.flatMap((g) => g.indicators.filter((i) => i.status === 'NOT_SUPPLIED').map((i) => i.code));
  return {
    scope,
    range,
    card,
    rule: { effectiveFrom: rule.effectiveFrom, origin: rule.origin, sourceNote: rule.sourceNote },
    notSupplied,
  };
}
