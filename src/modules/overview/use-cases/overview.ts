import type { Actor } from '../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../platform/auth/roles.ts';
import { singleFlightPerDatabase } from '../../../platform/cache/single-flight.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { RATING_BANDS, type RatingBand } from '../../../platform/rules/defaults/scorecard-766.config.ts';
import { getRuleInForce } from '../../../platform/rules/rules.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import { domainToday } from '../../../platform/time/format.ts';
import type { Scorecard766 } from '../../dossiers/lifecycle/scorecard-766.ts';
import { type DateRange, resolveRange } from '../../scorecard/use-cases/scope.ts';
import { workloadStatistics } from '../../scorecard/use-cases/workload.ts';
import { rankPressure } from '../../staffing/runs/pages/run-view.ts';
import type { RunLine } from '../../staffing/runs/run.schemas.ts';
import { listCampaignsPastDeadline, listDepartments, listOverviewUnits, type OverviewUnitRow } from '../overview.repository.ts';
import type { Alert, OverviewQuery, OverviewResponse, OverviewUnit } from '../overview.schemas.ts';
import { matchesFilters, monthsUpTo, previousRange, sizeBandOf, sortUnits, trendOf } from '../overview-table.ts';
import { type DueDossier, dueDossiers, overdueByUnit } from '../read-model/dossier-due.ts';
import { type FitGroup, fieldKey, fitFigures } from '../read-model/position-fit.ts';
import { normsByUnit, wisnFigures } from '../read-model/staffing.ts';
import { trainingPlanProgress } from '../read-model/training-progress.ts';
import { cardFigures, type PeriodCards, periodScorecards, type UnitCard } from '../read-model/unit-scorecards.ts';

export type OverviewDeps = { db: Db; clock: Clock };

/** Alerts of one kind listed in full; the rest are only counted. */
export const ALERTS_PER_KIND = 20;
/** Months in the trend chart. */
export const TREND_MONTHS = 6;
const GAPS_SHOWN = 3;

/** The overview's period: a month (default) or a quarter, resolved like the scorecard's. */
export function overviewRange(q: OverviewQuery, today: string): DateRange {
  return resolveRange({ period: q.period ?? 'month', year: q.year, month: q.month, quarter: q.quarter }, today);
}

const scopeQuery = (code: string, range: DateRange) => `unit=${encodeURIComponent(code)}&from=${range.from}&to=${range.to}`;

function linksOf(u: OverviewUnitRow, range: DateRange, runId: number | null) {
  return {
    scorecard: `/scorecard?${scopeQuery(u.code, range)}`,
    statistics: `/statistics?${scopeQuery(u.code, range)}&groupBy=field`,
    overdue: `/overview/overdue?unit=${encodeURIComponent(u.code)}`,
    norm: `/staffing/norms?unitId=${u.id}`,
    wisn: runId === null ? '/staffing' : `/staffing/runs/${runId}?unitId=${u.id}`,
    fit: `/position-fit?unitId=${u.id}`,
    training: `/training/needs?unitId=${u.id}`,
  };
}

type Loaded = {
  units: OverviewUnitRow[];
  cards: Map<number, UnitCard>;
  previous: Map<number, UnitCard>;
  trend: OverviewResponse['trend'];
  due: DueDossier[];
  norms: Awaited<ReturnType<typeof normsByUnit>>;
  wisn: Awaited<ReturnType<typeof wisnFigures>>;
  fit: Awaited<ReturnType<typeof fitFigures>>;
  training: Awaited<ReturnType<typeof trainingPlanProgress>>;
  /** The province's card for the period (null for a unit scope: its card is in `cards`). */
  province: Scorecard766 | null;
};

/** Every figure family for the scope, each in a few grouped queries (none per unit). */
async function load(deps: OverviewDeps, actor: Actor, unitId: number | null, range: DateRange, lead: number): Promise<Loaded> {
  const { db, clock } = deps;
  const now = clock.now();
  const today = domainToday(now);
  const units = await listOverviewUnits(db, actor.provinceCode, unitId);
  const ids = units.map((u) => u.id);
  // The period, the one before and the trend's months: one scan of the dossiers for all of them.
  const months = monthsUpTo(`${range.from.slice(0, 8)}01`, TREND_MONTHS);
  const previous = previousRange(range);
  const ranges = uniqueRanges([range, previous, ...months]);
  // Unit cards for the period and the one before (the table and its arrows); the older trend months need only the province's.
  const tableRange = (i: number) => [range, previous].some((r) => r.from === ranges[i]?.from && r.to === ranges[i]?.to);
  const [periods, due, norms, wisn, fit, training] = await Promise.all([
    periodScorecards(db, actor.provinceCode, unitId === null ? ids : [unitId], ranges, unitId === null, tableRange),
    dueDossiers(db, actor.provinceCode, unitId, now, lead),
    normsByUnit(db, clock, actor, unitId),
    wisnFigures(db, clock, actor, unitId),
    fitFigures(db, clock, actor, unitId, today),
    trainingPlanProgress(db, actor.provinceCode, Number(today.slice(0, 4))),
  ]);
  const cardsOf = (r: DateRange) => periods.find((p) => p.range.from === r.from && p.range.to === r.to) as PeriodCards;
  const trend = months.map((m) => {
    const p = cardsOf(m);
    // The province's card, or the commune leader's own unit's: what /scorecard shows for that month.
    const card = unitId === null ? p.province : p.units.get(unitId)?.card;
    if (!card) throw new Error(`no trend card for ${m.from}`);
    return { from: m.from, score: card.total, onTimeShare: cardFigures(card).onTimeShare };
  });
  const period = cardsOf(range);
  return {
    units,
    cards: period.units,
    previous: cardsOf(previous).units,
    trend,
    due,
    norms,
    wisn,
    fit,
    training,
    province: period.province,
  };
}

function uniqueRanges(ranges: readonly DateRange[]): DateRange[] {
  const seen = new Map<string, DateRange>();
  for (const r of ranges) if (!seen.has(`${r.from}/${r.to}`)) seen.set(`${r.from}/${r.to}`, r);
  return [...seen.values()];
}

const NO_FIT: FitGroup = { placed: 0, meeting: 0, share: null, gaps: [] };

function unitRow(
  u: OverviewUnitRow,
  l: Loaded,
  overdue: Map<number, number>,
  range: DateRange,
  sizeBands: Parameters<typeof sizeBandOf>[1],
) {
  const c = l.cards.get(u.id);
  const p = l.previous.get(u.id);
  if (!c) throw new Error(`no card for unit ${u.id}`);
  const now = cardFigures(c.card);
  const before = p ? cardFigures(p.card) : null;
  const norm = l.norms.get(u.id);
  const wisn = l.wisn.byUnit.get(u.id);
  const fit = l.fit.byUnit.get(u.id) ?? NO_FIT;
  const training = l.training.byUnit.get(u.id);
  const row: OverviewUnit = {
    unitId: u.id,
    code: u.code,
    name: u.name,
    kind: u.kind,
    population: u.population,
    isMountainous: u.isMountainous,
    size: sizeBandOf(u.population, sizeBands),
    score: now.score,
    band: now.band,
    complete: now.complete,
    scoreTrend: trendOf(now.score, before?.score ?? null, 0.1),
    previousScore: before?.score ?? null,
    onTimeShare: now.onTimeShare,
    onTimeTrend: trendOf(now.onTimeShare, before?.onTimeShare ?? null, 0.001),
    onlineShare: now.onlineShare,
    satisfaction: now.satisfaction,
    backlog: c.backlog,
    overdue: overdue.get(u.id) ?? 0,
    headcount: norm?.headcount ?? null,
    norm: norm?.norm ?? null,
    normDifference: norm?.difference ?? null,
    wisnRequired: wisn?.required ?? null,
    wisnActual: wisn?.actual ?? null,
    wisnRatio: wisn?.ratio ?? null,
    shortFields: (wisn?.short ?? []).slice(0, GAPS_SHOWN),
    fitPlaced: fit.placed,
    fitShare: fit.share,
    gaps: fit.gaps.slice(0, GAPS_SHOWN),
    training:
      l.training.planId === null
        ? null
        : { planned: training?.planned ?? 0, completed: training?.completed ?? 0, share: training?.share ?? null },
    links: linksOf(u, range, l.wisn.runId),
  };
  return row;
}

function alertsOf(
  l: Loaded,
  rows: readonly OverviewUnit[],
  campaigns: Awaited<ReturnType<typeof listCampaignsPastDeadline>>,
  rule: { onTimeShareBelow: number; wisnRatioBelow: number },
) {
  const unitOf = new Map(l.units.map((u) => [u.id, { code: u.code, name: u.name }]));
  const dueSoon: Alert[] = l.due
    .filter((d) => d.aboutToMiss)
    .sort((a, b) => (a.appointmentAt ?? '').localeCompare(b.appointmentAt ?? '') || a.id - b.id)
    .map((d) => ({
      kind: 'DUE_SOON',
      unit: unitOf.get(d.unitId) ?? null,
      subject: d.code,
      at: d.appointmentAt,
      value: null,
      link: `/dossiers/${d.id}`,
    }));
  const onTimeLow: Alert[] = rows
    .filter((r) => r.onTimeShare !== null && r.onTimeShare < rule.onTimeShareBelow)
    .sort((a, b) => (a.onTimeShare ?? 0) - (b.onTimeShare ?? 0) || a.unitId - b.unitId)
    .map((r) => ({
      kind: 'ON_TIME_LOW',
      unit: { code: r.code, name: r.name },
      subject: r.name,
      at: null,
      value: r.onTimeShare,
      link: r.links.scorecard,
    }));
  const wisnLow: Alert[] = l.wisn.lines
    .filter((x) => x.ratio !== null && x.ratio < rule.wisnRatioBelow && unitOf.has(x.unitId))
    .sort((a, b) => (a.ratio ?? 0) - (b.ratio ?? 0) || a.unitId - b.unitId || a.field.localeCompare(b.field))
    .map((x) => ({
      kind: 'WISN_LOW',
      unit: unitOf.get(x.unitId) ?? null,
      subject: x.field,
      at: null,
      value: x.ratio,
      link: `/staffing/runs/${l.wisn.runId}/units/${x.unitId}/fields/${encodeURIComponent(x.field)}`,
    }));
  const late: Alert[] = campaigns.map((c) => ({
    kind: 'CAMPAIGN_LATE',
    unit: c.ownerUnitId === null ? null : (unitOf.get(c.ownerUnitId) ?? null),
    subject: c.name,
    at: c.periodTo,
    value: null,
    link: `/reviews/campaigns/${c.id}`,
  }));
  const all = [dueSoon, onTimeLow, wisnLow, late];
  return {
    alerts: all.flatMap((list) => list.slice(0, ALERTS_PER_KIND)),
    alertTotals: { DUE_SOON: dueSoon.length, ON_TIME_LOW: onTimeLow.length, WISN_LOW: wisnLow.length, CAMPAIGN_LATE: late.length },
  };
}

/** The commune chairman's rows: dossiers by procedure field (with the department), staffing and fit by staff category. */
async function communeRows(deps: OverviewDeps, actor: Actor, unit: OverviewUnitRow, l: Loaded, range: DateRange) {
  const [workload, departments] = await Promise.all([
    workloadStatistics(deps, actor, unit.code, range, 'field'),
    listDepartments(deps.db, unit.id),
  ]);
  const departmentOf = new Map<string, string>();
  for (const d of departments) for (const f of d.fields) if (!departmentOf.has(f)) departmentOf.set(f, d.name);
  const overdueOf = new Map<string, number>();
  for (const d of l.due) if (d.overdue) overdueOf.set(d.procedureField, (overdueOf.get(d.procedureField) ?? 0) + 1);
  const keys = [...new Set([...workload.rows.map((r) => r.key), ...overdueOf.keys()])].sort();
  const fields = keys.map((key) => {
    const w = workload.rows.find((r) => r.key === key);
    return {
      field: key,
      department: departmentOf.get(key) ?? null,
      received: w?.received ?? 0,
      finished: w?.finished ?? 0,
      finishedOnTime: w?.finishedOnTime ?? 0,
      onTimeShare: w && w.finished > 0 ? w.finishedOnTime / w.finished : null,
      backlog: w?.backlogAtEnd ?? 0,
      overdue: overdueOf.get(key) ?? 0,
    };
  });
  const lineOf = new Map(l.wisn.lines.filter((x) => x.unitId === unit.id).map((x) => [x.field, x]));
  const fitFields = [...l.fit.byUnitField.keys()]
    .filter((k) => k.startsWith(`${unit.id}|`))
    .map((k) => k.slice(String(unit.id).length + 1));
  const categories = [...new Set([...lineOf.keys(), ...fitFields])].sort().map((field) => {
    const line = lineOf.get(field);
    const fit = l.fit.byUnitField.get(fieldKey(unit.id, field === '' ? null : field)) ?? NO_FIT;
    return {
      field,
      wisnStatus: line?.status ?? null,
      wisnRequired: line?.requiredStaff ?? null,
      wisnActual: line ? line.actualStaff : null,
      wisnRatio: line?.ratio ?? null,
      fitPlaced: fit.placed,
      fitShare: fit.share,
      gaps: fit.gaps.slice(0, GAPS_SHOWN),
      links: {
        wisn: line ? `/staffing/runs/${l.wisn.runId}/units/${unit.id}/fields/${encodeURIComponent(field)}` : null,
        fit: `/position-fit?unitId=${unit.id}${field ? `&field=${encodeURIComponent(field)}` : ''}`,
      },
    };
  });
  return { fields, categories };
}

/**
 * Everything the overview computes for a scope (the province when `unitId` is null, else that
 * unit with its field and category rows) and a period, before the table's filters, sort and
 * paging: the page (provinceOverview) and the periodic reports (modules/reports) both read it,
 * so a report's figures are the page's. `actor` scopes the read models (a province role for the
 * province, the unit's role for a unit).
 */
export async function overviewFor(deps: OverviewDeps, actor: Actor, unitId: number | null, range: DateRange) {
  const now = deps.clock.now();
  const today = domainToday(now);
  const ruleInForce = await getRuleInForce(deps.db, 'overview.alerts', actor.provinceCode, today);
  const rule = ruleInForce.value;
  const l = await load(deps, actor, unitId, range, rule.dueWithinWorkingDays);
  const overdue = overdueByUnit(l.due);
  const rows = l.units.map((u) => unitRow(u, l, overdue, range, rule.sizeBands));
  const campaigns = await listCampaignsPastDeadline(deps.db, actor.provinceCode, unitId, today);
  const own = unitId === null ? undefined : l.units[0];
  const commune = own ? await communeRows(deps, actor, own, l, range) : { fields: [], categories: [] };
  const pressure = rankPressure(l.wisn.lines.map(asRunLine));
  // The scope's own card for the period: the province's, or the one unit's.
  const scopeCard = unitId === null ? l.province : l.cards.get(unitId)?.card;
  if (!scopeCard) throw new Error(`no card for the scope of unit ${unitId}`);
  return {
    scope: unitId === null ? ('province' as const) : ('unit' as const),
    from: range.from,
    to: range.to,
    previous: previousRange(range),
    asOf: now.toISOString(),
    rule: {
      version: rule.version,
      effectiveFrom: ruleInForce.effectiveFrom,
      dueWithinWorkingDays: rule.dueWithinWorkingDays,
      onTimeShareBelow: rule.onTimeShareBelow,
      wisnRatioBelow: rule.wisnRatioBelow,
    },
    wisnRunId: l.wisn.runId,
    trainingPlanId: l.training.planId,
    rows,
    ...commune,
    ...alertsOf(l, rows, campaigns, rule),
    trend: l.trend,
    bands: bandsOf(rows),
    fieldGaps: pressure.filter((f) => f.gap > 0).map((f) => ({ field: f.field, gap: f.gap })),
    scopeCard: cardFigures(scopeCard),
  };
}

function bandsOf(rows: readonly OverviewUnit[]): Record<RatingBand, number> {
  const bands = Object.fromEntries(RATING_BANDS.map((b) => [b, 0])) as Record<RatingBand, number>;
  for (const r of rows) bands[r.band] += 1;
  return bands;
}

/** Readers asking for the same scope and period while it is being computed share that computation. */
const overviewFlight = singleFlightPerDatabase<Awaited<ReturnType<typeof overviewFor>>>();

/**
 * The overview: for province roles every unit of the province (filtered, sorted, paged); for a
 * commune leader their own unit, with its procedure fields and staff categories as rows. Filters,
 * sorting and paging apply to the shared computation's rows (which nothing here changes).
 */
export async function provinceOverview(deps: OverviewDeps, actor: Actor, q: OverviewQuery): Promise<OverviewResponse> {
  const range = overviewRange(q, domainToday(deps.clock.now()));
  const unitScope = isUnitRole(actor.role);
  if (unitScope && actor.unitId === null) throw AppError.denied('NOT_FOUND');
  const unitId = unitScope ? actor.unitId : null;
  const key = [actor.provinceCode, actor.role, unitId ?? '', range.from, range.to].join('|');
  const { rows, scopeCard: _card, ...o } = await overviewFlight(deps.db).run(key, () => overviewFor(deps, actor, unitId, range));
  const filtered = rows.filter((r) => matchesFilters(r, q));
  const sorted = sortUnits(filtered, q.sort ?? 'score', q.dir ?? 'asc');
  const start = (q.page - 1) * q.pageSize;
  return {
    ...o,
    total: sorted.length,
    page: q.page,
    pageSize: q.pageSize,
    units: sorted.slice(start, start + q.pageSize),
    bands: bandsOf(filtered),
  };
}

/** A line's stored columns in the shape run-view's rankPressure reads (field, status, result figures). */
function asRunLine(x: { field: string; status: string; requiredStaff: number | null; actualStaff: number }): RunLine {
  const result = x.requiredStaff === null ? null : { requiredStaff: { value: x.requiredStaff }, actualStaff: { value: x.actualStaff } };
  return { field: x.field, status: x.status, result } as unknown as RunLine;
}

/** The open dossiers of one unit past their due date now: the list behind the overview's overdue count. */
export async function unitOverdue(deps: OverviewDeps, actor: Actor, unitCode: string) {
  const units = await listOverviewUnits(deps.db, actor.provinceCode, isUnitRole(actor.role) ? actor.unitId : null);
  const unit = units.find((u) => u.code === unitCode);
  if (!unit) throw AppError.denied('NOT_FOUND');
  const now = deps.clock.now();
  const rule = await getRuleInForce(deps.db, 'overview.alerts', actor.provinceCode, domainToday(now));
  const due = await dueDossiers(deps.db, actor.provinceCode, unit.id, now, rule.value.dueWithinWorkingDays);
  return { unit, asOf: now.toISOString(), items: due.filter((d) => d.overdue) };
}
