import type { Db } from '../../../platform/db/database.ts';
import type { Scorecard766Config } from '../../../platform/rules/defaults/scorecard-766.config.ts';
import { getRules } from '../../../platform/rules/rules.ts';
import { CALENDAR_RULE_KEYS, rulesUsedOf, toWorkingTimeRules } from '../../calendar/calendar-rules.ts';
import { buildCalendar, type CalendarEntryKind } from '../../calendar/working-days.ts';
import { addDays } from '../../calendar/zoned-time.ts';
import type { CalendarData } from '../../dossiers/lifecycle/due-state.ts';
import type { Period, Scorecard766 } from '../../dossiers/lifecycle/scorecard-766.ts';
import {
  type CatalogueEntry,
  CLS,
  CLS_LIMIT,
  classesByUnitAndPeriod,
  type FactClassRow,
  holidaysFrom,
  type PaknFacts,
  type ProcedureFlags,
  paknFacts,
  paknFactsByUnit,
  procedureFlags,
  proceduresInForce,
} from '../../scorecard/scorecard.repository.ts';
import { listEntriesForCard } from '../../scorecard/supplied/supplied.repository.ts';
import { type SuppliedEntry, suppliedFigures } from '../../scorecard/supplied/supplied-counts.ts';
import { catalogueFacts, outsideCounts, withOutsideCounts } from '../../scorecard/use-cases/compute-scorecard.ts';
import { ClassCardCache, cardOfClasses, classOfPaused, dueExtender } from '../../scorecard/use-cases/facts.ts';
import { type DateRange, periodOf } from '../../scorecard/use-cases/scope.ts';

/**
 * The Decision 766 card of every unit of a province (and of the province) for several periods,
 * in a few grouped queries whatever the number of units and periods. Each card is built by the scorecard module's own code
 * (cardOfClasses, classOfPaused, catalogueFacts, suppliedFigures, outsideCounts,
 * withOutsideCounts) from the same classes and hand-supplied counts its /scorecard?unit= page
 * reads, so the numbers are the same (tested).
 */

const NO_PAKN: PaknFacts = { received: 0, onTime: 0, pending: 0 };

/** A due date can lie a year before the period (a carried-over dossier): as the scorecard reads the calendar. */
const calendarOrigin = (range: DateRange) => `${Number(range.from.slice(0, 4)) - 1}-01-01`;

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

/** A period's classes per competent unit (null: a period scanned for the province's card only). */
type ClassesByUnit = Map<number | null, Map<number, FactClassRow>>;

/** Adds a class to a unit's list, merging equal classes as the scorecard's loadClasses does. */
function addClass(byUnit: ClassesByUnit, unitId: number | null, c: FactClassRow): void {
  let classes = byUnit.get(unitId);
  if (!classes) {
    classes = new Map();
    byUnit.set(unitId, classes);
  }
  // procedure, channel (2 bits) and class (13 bits) as one number: no string per row.
  const key = (c.procedureId * 4 + c.channel) * CLS_LIMIT + c.cls;
  const seen = classes.get(key);
  if (seen) seen.count += c.count;
  else classes.set(key, { procedureId: c.procedureId, channel: c.channel, cls: c.cls, count: c.count });
}

export type UnitCard = {
  card: Scorecard766;
  /**
   * Dossiers to process in the period neither finished nor withdrawn before its end: the
   * workload statistics' backlog at the period's end, read from the same classes.
   */
  backlog: number;
};

/** Backlog of a unit's classes: no FINISHED_IN and no WITHDRAWN bit. */
export function backlogOf(classes: readonly FactClassRow[]): number {
  return classes.filter((c) => (c.cls & (CLS.FINISHED_IN | CLS.WITHDRAWN)) === 0).reduce((n, c) => n + c.count, 0);
}

/** The cards of one period: every unit asked for (none when only the province's was), and the whole province's when asked for. */
export type PeriodCards = { range: DateRange; units: Map<number, UnitCard>; province: Scorecard766 | null };

/** Cards of `unitIds` (a unit without dossiers gets the card of an empty scope, as its own page shows). */
export async function unitScorecards(
  db: Db,
  provinceCode: string,
  unitIds: readonly number[],
  range: DateRange,
): Promise<Map<number, UnitCard>> {
  const [one] = await periodScorecards(db, provinceCode, unitIds, [range], false);
  return one?.units ?? new Map();
}

type PeriodInputs = {
  range: DateRange;
  period: Period;
  config: Scorecard766Config;
  pakn: Map<number, PaknFacts>;
  communeCatalogue: CatalogueEntry[];
  provinceCatalogue: CatalogueEntry[] | null;
  provincePakn: PaknFacts | null;
  entries: SuppliedEntry[];
};

async function periodInputs(db: Db, provinceCode: string, range: DateRange, withProvince: boolean): Promise<PeriodInputs> {
  const period = periodOf(range);
  const iso = { from: period.start.toISOString(), to: period.end.toISOString() };
  const lastDay = addDays(range.to, -1);
  const [rules, pakn, communeCatalogue, entries, provinceCatalogue, provincePakn] = await Promise.all([
    getRules(db, ['scorecard766.config'], provinceCode, range.from),
    paknFactsByUnit(db, provinceCode, iso),
    // A unit's card counts the commune-level catalogue, the same for every unit (any unit id selects it).
    proceduresInForce(db, { provinceCode, unitId: 0 }, lastDay),
    // Every supplied entry of the province; suppliedFigures keeps a unit's own and the province's.
    listEntriesForCard(db, provinceCode, null, Number(range.from.slice(0, 4)), Number(lastDay.slice(0, 4))),
    withProvince ? proceduresInForce(db, { provinceCode, unitId: null }, lastDay) : Promise.resolve(null),
    withProvince ? paknFacts(db, { provinceCode, unitId: null }, iso) : Promise.resolve(null),
  ]);
  return {
    range,
    period,
    config: rules['scorecard766.config'].value,
    pakn,
    communeCatalogue,
    provinceCatalogue,
    provincePakn,
    entries,
  };
}

/** A scope's card from its classes, as computeScorecard builds it (supplied counts, catalogue and PAKN on top). */
function scopeCard(
  p: PeriodInputs,
  classes: readonly FactClassRow[],
  flags: ReadonlyMap<number, ProcedureFlags>,
  unitId: number | null,
  cache: ClassCardCache,
): Scorecard766 {
  const inForce = (unitId === null ? p.provinceCatalogue : p.communeCatalogue) ?? [];
  const pakn = (unitId === null ? p.provincePakn : p.pakn.get(unitId)) ?? NO_PAKN;
  const catalogue = catalogueFacts(inForce, classes, flags);
  const card = cardOfClasses(classes, flags, p.period, p.config, cache);
  const supplied = suppliedFigures(p.entries, p.range, unitId);
  const handEntered = Object.fromEntries(Object.entries(supplied).map(([code, f]) => [code, f.computed]));
  return withOutsideCounts(card, { ...handEntered, ...outsideCounts(pakn, catalogue) }, p.config);
}

/**
 * The cards of `unitIds` (and of the province when `withProvince`) for several periods, from
 * one grouped scan of the dossiers (paused ones as their own rows) whatever the number of
 * periods and units. With the province's card, `unitCardsFor(i)` false builds only that card
 * for `ranges[i]` (the overview's older trend months), and its dossiers are grouped without
 * their unit; without it, only the dossiers of `unitIds` are read. Each card is built by the
 * scorecard module's own code (cardOfClasses, classOfPaused, catalogueFacts, suppliedFigures,
 * outsideCounts, withOutsideCounts) from the same classes its /scorecard page reads, so the
 * numbers are the same (tested); the counts of each class signature are computed once
 * (ClassCardCache).
 */
export async function periodScorecards(
  db: Db,
  provinceCode: string,
  unitIds: readonly number[],
  ranges: readonly DateRange[],
  withProvince: boolean,
  unitCardsFor: (i: number) => boolean = () => true,
): Promise<PeriodCards[]> {
  const inputs = await Promise.all(ranges.map((r) => periodInputs(db, provinceCode, r, withProvince)));
  const byUnit = inputs.map((_, i) => !withProvince || unitCardsFor(i));
  const scan = inputs.map((p, i) => ({
    from: p.period.start.toISOString(),
    to: p.period.end.toISOString(),
    overdueFrom: p.config.overdueFromSupplementRequests,
    byUnit: byUnit[i] as boolean,
  }));
  const { classes: grouped, paused } = await classesByUnitAndPeriod(db, provinceCode, scan, withProvince ? null : unitIds);
  const ids = [...new Set([...grouped.map((c) => c.procedureId), ...paused.map((r) => r.procedureId)])];
  const pausedPeriods = [...new Set(paused.map((r) => r.period))];
  const [flags, calendars] = await Promise.all([
    procedureFlags(db, provinceCode, ids),
    Promise.all(pausedPeriods.map(async (i) => [i, await calendarData(db, provinceCode, ranges[i] as DateRange)] as const)),
  ]);
  // byPeriod[i]: unit → class key → class, merged as the scorecard's loadClasses merges them.
  const byPeriod: ClassesByUnit[] = ranges.map(() => new Map());
  for (const c of grouped) addClass(byPeriod[c.period] as ClassesByUnit, c.unitId, c);
  const extenders = new Map(calendars.map(([i, cal]) => [i, { cal, extend: dueExtender(cal, calendarOrigin(ranges[i] as DateRange)) }]));
  for (const r of paused) {
    const x = extenders.get(r.period);
    if (x) addClass(byPeriod[r.period] as ClassesByUnit, r.unitId, classOfPaused(r, x.extend, x.cal));
  }
  const cache = new ClassCardCache();
  return inputs.map((p, i) => {
    const classesOf = byPeriod[i] as ClassesByUnit;
    const units = new Map<number, UnitCard>();
    if (byUnit[i])
      for (const unitId of unitIds) {
        const classes = [...(classesOf.get(unitId)?.values() ?? [])];
        units.set(unitId, { card: scopeCard(p, classes, flags, unitId, cache), backlog: backlogOf(classes) });
      }
    const province = withProvince
      ? scopeCard(
          p,
          [...classesOf.values()].flatMap((m) => [...m.values()]),
          flags,
          null,
          cache,
        )
      : null;
    return { range: p.range, units, province };
  });
}

/** The figures of a card the overview shows: total, band and three rates (null: no data). */
export type CardFigures = {
  score: number;
  band: Scorecard766['band'];
  complete: boolean;
  onTimeShare: number | null;
  onlineShare: number | null;
  satisfaction: number | null;
};

const rateOf = (card: Scorecard766, code: string): number | null => {
  for (const g of card.groups) for (const i of g.indicators) if (i.code === code) return i.status === 'COMPUTED' ? i.rate : null;
  return null;
};

/** On-time share = indicator 2.1, online share = 3.3, satisfaction = 5.4, exactly as the scorecard page shows them. */
export function cardFigures(card: Scorecard766): CardFigures {
  return {
    score: card.total,
    band: card.band,
    complete: card.complete,
    onTimeShare: rateOf(card, '2.1'),
    onlineShare: rateOf(card, '3.3'),
    satisfaction: rateOf(card, '5.4'),
  };
}
