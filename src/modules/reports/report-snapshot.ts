import { type Actor, SYSTEM_ACTOR } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import type { RatingBand } from '../../platform/rules/defaults/scorecard-766.config.ts';
import type { Clock } from '../../platform/time/clock.ts';
import type { Alert, OverviewUnit } from '../overview/overview.schemas.ts';
import { sortUnits } from '../overview/overview-table.ts';
import { overviewFor } from '../overview/use-cases/overview.ts';
import { fieldNameVi } from './document/report-text.ts';
import { provinceNameOf } from './report-snapshot.repository.ts';

/**
 * A periodic report's content (issue 7 §3): the overview's figures for a scope and a period,
 * frozen as plain JSON. The PDF and the XLSX are rendered from this snapshot alone, so a stored
 * snapshot re-renders to the same bytes years later, whatever the data has become since.
 * Every figure comes from the overview use case (overviewFor): no formula is repeated here.
 */

export type ReportKind = 'MONTH' | 'QUARTER';
/** unitId null = the whole province. */
export type ReportScope = { provinceCode: string; unitId: number | null };
/** Local dates [from, to), like the scorecard's DateRange. */
export type ReportPeriod = { kind: ReportKind; from: string; to: string };

export type ReportUnitRow = Omit<OverviewUnit, 'links'>;
export type ReportAlert = Omit<Alert, 'link'>;
export type ReportFieldRow = {
  field: string;
  department: string | null;
  received: number;
  finished: number;
  finishedOnTime: number;
  onTimeShare: number | null;
  backlog: number;
  overdue: number;
};
export type ReportCategoryRow = {
  field: string;
  wisnStatus: string | null;
  wisnRequired: number | null;
  wisnActual: number | null;
  wisnRatio: number | null;
  fitPlaced: number;
  fitShare: number | null;
  gaps: { code: string; nameVi: string; nameEn: string; staffBelow: number }[];
};

/** JSON-serialisable: everything the PDF and XLSX show, nothing else. */
export type ReportSnapshot = {
  schemaVersion: 1;
  scope: {
    provinceCode: string;
    provinceName: string;
    /** null: the whole province. */
    unit: { id: number; code: string; name: string; kind: string } | null;
  };
  period: ReportPeriod;
  /** The period compared against for the trend arrows. */
  previous: { from: string; to: string };
  /** When the snapshot was built (UTC ISO): the documents' date. */
  builtAt: string;
  /** The instant open dossiers were judged overdue or due soon at (the overview's asOf). */
  dataAsOf: string;
  /** The rule versions and stored runs the figures were computed with. */
  sources: {
    overviewAlertsRule: {
      version: string;
      effectiveFrom: string | null;
      dueWithinWorkingDays: number;
      onTimeShareBelow: number;
      wisnRatioBelow: number;
    };
    wisnRunId: number | null;
    trainingPlanId: number | null;
  };
  /**
   * The scope's own Decision 766 card for the period (the province's card, or the unit's),
   * plus backlog and overdue summed over the unit rows (what the overview table adds up).
   */
  totals: {
    score: number;
    band: RatingBand;
    complete: boolean;
    onTimeShare: number | null;
    onlineShare: number | null;
    satisfaction: number | null;
    backlog: number;
    overdue: number;
    units: number;
  };
  /** Every unit of the scope (no paging), in the overview's name order. */
  units: ReportUnitRow[];
  /** Unit scope only (empty for the province): dossiers by procedure field. */
  fields: ReportFieldRow[];
  /** Unit scope only (empty for the province): staffing and fit by staff category. */
  categories: ReportCategoryRow[];
  alerts: ReportAlert[];
  alertTotals: Record<'DUE_SOON' | 'ON_TIME_LOW' | 'WISN_LOW' | 'CAMPAIGN_LATE', number>;
  /** The last 6 months up to the period's first month (the overview's trend). */
  trend: { from: string; score: number; onTimeShare: number | null }[];
  bands: Record<RatingBand, number>;
  fieldGaps: { field: string; gap: number }[];
  /**
   * Vietnamese names of every staff category and procedure field code above, resolved when the
   * snapshot is built, so a later change of the catalogue never changes a stored report.
   */
  fieldNames: Record<string, string>;
};

const pad = (n: number) => String(n).padStart(2, '0');
const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const monthStart = (index: number) => `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;

/** The period of month n (1–12) or quarter n (1–4) of `year`. */
export function periodOf(kind: ReportKind, year: number, n: number): ReportPeriod {
  const max = kind === 'MONTH' ? 12 : 4;
  if (!Number.isInteger(year) || !Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`no ${kind} ${n} of ${year}`);
  const first = year * 12 + (kind === 'MONTH' ? n - 1 : (n - 1) * 3);
  return { kind, from: monthStart(first), to: monthStart(first + (kind === 'MONTH' ? 1 : 3)) };
}

/** The last complete month or quarter before `today` (a local date): what a schedule on `today` reports on. */
export function lastCompletePeriod(kind: ReportKind, today: string): ReportPeriod {
  const current = monthIndex(today);
  if (kind === 'MONTH') {
    const m = current - 1;
    return periodOf('MONTH', Math.floor(m / 12), (m % 12) + 1);
  }
  const quarterStart = current - (current % 3);
  const q = quarterStart - 3;
  return periodOf('QUARTER', Math.floor(q / 12), (q % 12) / 3 + 1);
}

/** Year and month or quarter number of a period (the inverse of periodOf). */
export function periodNumber(p: ReportPeriod): { year: number; n: number } {
  const year = Number(p.from.slice(0, 4));
  const month = Number(p.from.slice(5, 7));
  return { year, n: p.kind === 'MONTH' ? month : (month - 1) / 3 + 1 };
}

/**
 * Who the overview is asked as: a province analyst for the province, the unit's leader for a
 * unit, so each read model scopes its figures exactly as for that person's own overview page.
 */
function actorFor(scope: ReportScope): Actor {
  return {
    ...SYSTEM_ACTOR(scope.provinceCode),
    role: scope.unitId === null ? 'province_analyst' : 'unit_leader',
    unitId: scope.unitId,
  };
}

const withoutLink = <T extends { link: string }>({ link: _link, ...rest }: T): Omit<T, 'link'> => rest;
const withoutLinks = <T extends { links: unknown }>({ links: _links, ...rest }: T): Omit<T, 'links'> => rest;

function fieldNamesOf(codes: readonly string[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const code of [...new Set(codes)].sort()) names[code] = fieldNameVi(code);
  return names;
}

/** The snapshot of a scope and period, built from the overview use case. */
export async function buildReportSnapshot(
  deps: { db: Db; clock: Clock },
  scope: ReportScope,
  period: ReportPeriod,
  onProgress?: (fraction: number) => Promise<void>,
): Promise<ReportSnapshot> {
  const builtAt = deps.clock.now().toISOString();
  const provinceName = await provinceNameOf(deps.db, scope.provinceCode);
  await onProgress?.(0.1);
  const o = await overviewFor(deps, actorFor(scope), scope.unitId, { from: period.from, to: period.to });
  await onProgress?.(0.8);
  const own = scope.unitId === null ? null : o.rows.find((r) => r.unitId === scope.unitId);
  if (scope.unitId !== null && !own) throw new RangeError(`unit ${scope.unitId} is not a current unit of ${scope.provinceCode}`);
  const snapshot: ReportSnapshot = {
    schemaVersion: 1,
    scope: {
      provinceCode: scope.provinceCode,
      provinceName,
      unit: own ? { id: own.unitId, code: own.code, name: own.name, kind: own.kind } : null,
    },
    period: { kind: period.kind, from: period.from, to: period.to },
    previous: o.previous,
    builtAt,
    dataAsOf: o.asOf,
    sources: { overviewAlertsRule: o.rule, wisnRunId: o.wisnRunId, trainingPlanId: o.trainingPlanId },
    totals: {
      ...o.scopeCard,
      backlog: o.rows.reduce((n, r) => n + r.backlog, 0),
      overdue: o.rows.reduce((n, r) => n + r.overdue, 0),
      units: o.rows.length,
    },
    units: sortUnits(o.rows, 'name', 'asc').map(withoutLinks),
    fields: o.fields,
    categories: o.categories.map(withoutLinks),
    alerts: o.alerts.map(withoutLink),
    alertTotals: o.alertTotals,
    trend: o.trend,
    bands: o.bands,
    fieldGaps: o.fieldGaps,
    fieldNames: fieldNamesOf([
      ...o.rows.flatMap((r) => r.shortFields.map((x) => x.field)),
      ...o.fields.map((x) => x.field),
      ...o.categories.map((x) => x.field),
      ...o.alerts.filter((a) => a.kind === 'WISN_LOW').map((a) => a.subject),
      ...o.fieldGaps.map((x) => x.field),
    ]),
  };
  await onProgress?.(1);
  // A JSON round trip: what is stored is exactly what the documents are rendered from (no undefined, no Dates).
  return JSON.parse(JSON.stringify(snapshot)) as ReportSnapshot;
}
