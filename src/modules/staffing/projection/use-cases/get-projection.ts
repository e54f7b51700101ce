import { type Actor, assertUnitAccess } from '../../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../../platform/auth/roles.ts';
import { groupBy } from '../../../../platform/collections/group-by.ts';
import type { Db } from '../../../../platform/db/database.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import type { Translate } from '../../../../platform/i18n/index.ts';
import type { StaffingNormConfig } from '../../../../platform/rules/defaults/staffing-norm.config.ts';
import type { Clock } from '../../../../platform/time/clock.ts';
import { DOMAIN_TIME_ZONE, domainToday } from '../../../../platform/time/format.ts';
import { addDays, zonedInstant } from '../../../calendar/zoned-time.ts';
import type { NormLine, NormReport } from '../../norm.schemas.ts';
import type { RunLine, StaffingRun } from '../../runs/run.schemas.ts';
import { getRun } from '../../runs/use-cases/runs.ts';
import { listNorms } from '../../use-cases/norm.ts';
import { type Forecast, forecastAnnual, type MonthCount, monthIndex, monthOfIndex } from '../forecast.ts';
import { parseLevers } from '../levers.ts';
import * as repo from '../projection.repository.ts';
import type { Projection, ProjectionQuery, UnitProjection } from '../projection.schemas.ts';
import { type LineProjection, PROJECTION_YEARS, projectLine, unitTotals } from '../scenario.ts';

export type ProjectionDeps = { db: Db; clock: Clock };

/** Months of dossier history before the end of the run's period (issue 5 §4). */
export const HISTORY_MONTHS = 36;

const CHANNEL_CODE = { COUNTER: 1, ONLINE: 2, POST: 3 } as const;

export const PROJECTION_RULES = [
  'History: dossiers counted in the local month (Asia/Ho_Chi_Minh) they were received, at the competent unit per procedure (processing) and at the receiving unit per channel (reception), ' +
    `over the ${HISTORY_MONTHS} whole months ending with the last whole month of the run's period, starting no earlier than the first whole month of the dossier store.`,
  'Forecast per source: ≥ 24 months → multiplicative seasonal indices from a centred 12-month moving average; ≥ 6 months → least-squares linear trend on the deseasonalised series; otherwise flat at the run’s annualised workload. A year = Σ of its 12 monthly forecasts, each never below 0.',
  'Levers are phased in linearly from the run’s year (no effect) to 2030 (full effect): procedures moving level multiply their processing workload; the online share target re-weights reception between channels at each channel’s minutes; population change compounds on all workload and on the population behind the norm.',
  'Required staff per unit × category and year = the WISN formulas of the run line with the projected workload (working time, support and additional activities and actual staff of the run year).',
  'Per unit: Σ required staff of its categories (only categories with dossier workload: leadership, office and other posts are not in the sum) against the staffing norm, a unit total, and the current headcount.',
];

/** The history window: month labels and their UTC boundaries ([start, next start) in Vietnam). */
export function historyWindow(
  periodTo: string,
  storeStart: string | null,
  months = HISTORY_MONTHS,
): { months: string[]; boundaries: string[] } {
  // The month of periodTo counts only when periodTo is its last day (a partial month would read as a drop).
  const lastMonth = monthIndex(periodTo.slice(0, 7)) - (addDays(periodTo, 1).slice(0, 7) === periodTo.slice(0, 7) ? 1 : 0);
  let first = lastMonth - months + 1;
  if (storeStart !== null) {
    const localDay = domainToday(new Date(storeStart));
    // The store's first month counts only when its first dossier came on the 1st (else it is partial).
    const storeFirst = monthIndex(localDay.slice(0, 7)) + (localDay.endsWith('-01') ? 0 : 1);
    first = Math.max(first, storeFirst);
  } else first = lastMonth + 1;
  const labels: string[] = [];
  for (let m = first; m <= lastMonth; m++) labels.push(monthOfIndex(m));
  const boundaries =
    labels.length === 0
      ? []
      : [...labels, monthOfIndex(lastMonth + 1)].map((m) => zonedInstant(`${m}-01`, 0, DOMAIN_TIME_ZONE).toISOString());
  return { months: labels, boundaries };
}

type SeriesMap = Map<string, number[]>;
const key = (unitId: number, what: string | number) => `${unitId}|${what}`;

function toSeries<T extends { unitId: number; month: number; count: number }>(
  rows: T[],
  what: (r: T) => string | number,
  length: number,
): SeriesMap {
  const map: SeriesMap = new Map();
  for (const r of rows) {
    const k = key(r.unitId, what(r));
    let s = map.get(k);
    if (!s) {
      s = new Array<number>(length).fill(0);
      map.set(k, s);
    }
    s[r.month] = (s[r.month] ?? 0) + r.count;
  }
  return map;
}

function normConfigOf(report: NormReport): StaffingNormConfig {
  const r = report.rule;
  return {
    version: r.version,
    effectiveFrom: r.effectiveFrom,
    sourceNote: r.sourceNote,
    base: r.base,
    populationThreshold: r.populationThreshold,
    residentsPerExtraPost: r.residentsPerExtraPost,
    residentsPerExtraPostMountainous: r.residentsPerExtraPostMountainous,
    partialBlock: r.partialBlock,
    ceilings: r.ceilings,
    excludes: r.excludes,
    certainty: r.certainty,
  };
}

/**
 * The staffing projection 2026–2030 of a stored run: each run line's sources forecast from the
 * monthly dossier history, the levers applied, WISN per year, and per unit the sum against the
 * norm and the headcount. Unit roles see their own unit only (another unit answers 404).
 * Bad levers → 400 VALIDATION_FAILED with a translated message per field; nothing is written.
 */
export async function getProjection(
  deps: ProjectionDeps,
  actor: Actor,
  runId: number,
  query: ProjectionQuery,
  t: Translate,
): Promise<Projection> {
  if (isUnitRole(actor.role) && query.unitId !== undefined && query.unitId !== actor.unitId) throw AppError.denied('NOT_FOUND');
  const unitId = isUnitRole(actor.role) ? (actor.unitId ?? -1) : query.unitId;
  const run: StaffingRun = await getRun(deps, actor, runId, unitId === undefined ? {} : { unitId });
  const lines = run.lines.filter((l) => unitId === undefined || l.unitId === unitId);
  for (const l of lines) assertUnitAccess(actor, { provinceCode: run.provinceCode, unitId: l.unitId });

  const codes = new Set(lines.flatMap((l) => l.workloadSources.flatMap((s) => (s.procedureCode === null ? [] : [s.procedureCode]))));
  const { levers, problems } = parseLevers(query, codes);
  if (problems.length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      {},
      problems.map((p) => ({ path: p.path, message: t(p.key, p.params) })),
    );

  const unitIds = [...new Set(lines.map((l) => l.unitId))];
  const storeStart = await repo.storeStartedAt(deps.db, run.provinceCode);
  const window = historyWindow(run.periodTo, storeStart);
  const [{ processing, reception }, norms] = await Promise.all([
    repo.monthlyHistory(deps.db, run.provinceCode, window.boundaries, unitIds),
    listNorms(deps, actor, { sort: 'name' }),
  ]);
  const n = window.months.length;
  const processingSeries = toSeries(processing, (r) => r.procedureCode, n);
  const receptionSeries = toSeries(reception, (r) => r.channel, n);
  const history = (counts: number[] | undefined): MonthCount[] => window.months.map((month, i) => ({ month, count: counts?.[i] ?? 0 }));

  const years = [...PROJECTION_YEARS];
  const baseYear = run.year;
  const forecastsOf = (line: RunLine): Forecast[] =>
    line.workloadSources.map((s) => {
      const series =
        s.activity === 'PROCESSING'
          ? processingSeries.get(key(line.unitId, s.procedureCode ?? ''))
          : receptionSeries.get(key(line.unitId, CHANNEL_CODE[s.channel ?? 'COUNTER']));
      return forecastAnnual(history(series), years, s.dossiers);
    });

  const normByUnit = new Map<number, NormLine>(norms.items.map((l) => [l.unitId, l]));
  const config = normConfigOf(norms);
  const byUnit = groupBy(
    lines,
    (line) => line.unitId,
    (line) => {
      const forecasts = forecastsOf(line);
      return { line, forecasts, projection: projectLine(line, forecasts, levers, baseYear, years) };
    },
  );

  const refusalText = (p: LineProjection['years'][number]['refusal']) =>
    p === null ? null : p.map((x) => `${x.path}: ${t(`staffing.problem.${x.reason}`)}`).join('; ');

  const units: UnitProjection[] = [...byUnit.values()].map((entries) => {
    const first = (entries[0] as (typeof entries)[number]).line;
    const normLine = normByUnit.get(first.unitId);
    const headcount = normLine?.headcount ?? entries.reduce((s, e) => s + e.line.input.actualStaff, 0);
    const normUnit = normLine ? { kind: normLine.kind, population: normLine.population, isMountainous: normLine.isMountainous } : null;
    return {
      unitId: first.unitId,
      unitCode: first.unitCode,
      unitName: first.unitName,
      unitKind: first.unitKind,
      years: unitTotals(
        entries.map((e) => e.projection),
        years,
        baseYear,
        levers,
        headcount,
        normUnit,
        config,
      ),
      categories: entries.map(({ line, forecasts, projection }) => ({
        field: line.field,
        actualStaff: line.input.actualStaff,
        runRequiredStaff: line.result?.requiredStaff.value ?? null,
        years: projection.years.map((y) => ({
          year: y.year,
          workload: y.workload,
          requiredStaff: y.requiredStaff,
          refusal: refusalText(y.refusal),
        })),
        leverTrace: projection.trace,
        sources: line.workloadSources.map((s, i) => {
          const f = forecasts[i] as Forecast;
          return {
            activity: s.activity,
            procedureCode: s.procedureCode,
            procedureName: s.procedureName,
            channel: s.channel,
            minutesPerDossier: s.minutesPerDossier,
            runDossiers: s.dossiers,
            method: f.method,
            months: f.months,
            origin: f.origin,
            intercept: f.intercept,
            slope: f.slope,
            seasonalIndices: f.seasonalIndices,
            trace: f.trace,
            years: projection.sources[i]?.years ?? [],
          };
        }),
      })),
    };
  });

  const collator = new Intl.Collator('vi');
  units.sort((a, b) => collator.compare(a.unitName, b.unitName) || a.unitId - b.unitId);
  const province = {
    years: years.map((year, yi) => ({
      year,
      requiredStaff: units.reduce((s, u) => s + (u.years[yi]?.requiredStaff ?? 0), 0),
      norm: units.reduce((s, u) => s + (u.years[yi]?.norm ?? 0), 0),
      headcount: units.reduce((s, u) => s + (u.years[yi]?.headcount ?? 0), 0),
    })),
  };
  return {
    runId: run.id,
    runYear: run.year,
    baseYear,
    years,
    history: { from: window.months[0] ?? null, to: window.months[n - 1] ?? null, months: n },
    levers,
    rules: PROJECTION_RULES,
    province,
    units,
  };
}
