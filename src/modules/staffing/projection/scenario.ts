/**
 * Scenario levers on a run line's forecast workload, then WISN per year, pure (issue 5 §4).
 *
 * Project rules (also in the OpenAPI description of the projection endpoint):
 *  - Phasing: a lever reaches its full effect in 2030, linearly from the base year (the run's
 *    year): f(Y) = (Y − base) / (2030 − base), clamped to [0, 1]; f = 1 when base ≥ 2030.
 *    The base year itself gets f = 0 (nothing has changed yet).
 *  - Procedures moving level: a PROCESSING source of the procedure is multiplied by
 *    1 + f(Y) × (factor − 1) (0 = the procedure leaves the commune, 1.5 = half as much again).
 *    Reception is not moved: it is boundary-free (domain.md §6.1) and the run keeps reception
 *    per channel, not per procedure.
 *  - Online share target o* (percent): per line and year, the reception forecasts per channel
 *    F_c with total T and online share s = F_ONLINE / T are re-weighted to the phased share
 *    o_Y = s + f(Y) × (o* − s): ONLINE = o_Y × T, every other channel F_c × (1 − o_Y) / (1 − s)
 *    (all to COUNTER when s = 1). T is unchanged: the same dossiers, received through other
 *    channels, each at its own reception minutes (the standards kept in the run line's sources).
 *    A line without an ONLINE source (or, when s = 1, without a COUNTER source) is left as it is.
 *  - Population change p % per year, compounding, on every source: × (1 + p / 100)^(Y − base)
 *    for Y > base. It comes on top of the trend (which already carries the past growth).
 *  - Need per unit × category per year = computeWisn(the run line's input with one service
 *    activity per workload source: annualWorkload = the projected dossiers, standard = the
 *    source's minutes per dossier). Working time, support and additional activities and
 *    actual staff stay those of the run year.
 *  - Per unit per year: Σ required staff of its lines (refused lines left out and counted),
 *    against the staffing norm (a unit total, src/modules/staffing/norm.ts) computed with the
 *    population grown by the same lever (rounded down to whole residents), and the current headcount.
 *    normDifference = norm − Σ required; headcountDifference = headcount − Σ required
 *    (negative = the workload needs more than the norm allows / than the unit has).
 */
import type { StaffingNormConfig } from '../../../platform/rules/defaults/staffing-norm.config.ts';
import { type NormUnit, norm } from '../norm.ts';
import type { RunLine } from '../runs/run.schemas.ts';
import type { WisnInput } from '../staffing.schemas.ts';
import { computeWisn, type WisnProblem } from '../wisn.ts';
import type { Forecast, TraceLine } from './forecast.ts';

export const PROJECTION_END_YEAR = 2030;
export const PROJECTION_YEARS = [2026, 2027, 2028, 2029, 2030] as const;

export type ProcedureMove = { procedureCode: string; factor: number };
export type Levers = {
  /** Target share of online reception in 2030, in percent; null = no lever. */
  onlineShare: number | null;
  /** Population change in percent per year (compounding). */
  populationPercent: number;
  moves: ProcedureMove[];
};
export const NO_LEVERS: Levers = { onlineShare: null, populationPercent: 0, moves: [] };

export type SourceYear = { year: number; forecast: number; projected: number };
export type LineYear = {
  year: number;
  /** Σ projected dossiers of the line's sources (items/year). */
  workload: number;
  requiredStaff: number | null;
  refusal: WisnProblem[] | null;
};
export type LineProjection = {
  unitId: number;
  field: string;
  actualStaff: number;
  years: LineYear[];
  sources: { years: SourceYear[] }[];
  trace: TraceLine[];
};

const n = (x: number): string => String(x);

export function phase(year: number, baseYear: number): number {
  if (baseYear >= PROJECTION_END_YEAR) return 1;
  return Math.min(1, Math.max(0, (year - baseYear) / (PROJECTION_END_YEAR - baseYear)));
}

export function populationFactor(year: number, baseYear: number, percent: number): number {
  return year > baseYear ? (1 + percent / 100) ** (year - baseYear) : 1;
}

/** One line's forecasts (one per workload source, in order) through the levers, then WISN per year. */
export function projectLine(
  line: RunLine,
  forecasts: Forecast[],
  levers: Levers,
  baseYear: number,
  years: readonly number[],
): LineProjection {
  const trace: TraceLine[] = [];
  const src = line.workloadSources;
  const perSource: SourceYear[][] = src.map(() => []);
  const lineYears: LineYear[] = years.map((year, yi) => {
    const f = phase(year, baseYear);
    const values = src.map((_, i) => forecasts[i]?.annual[yi]?.total ?? 0);
    const projected = [...values];

    src.forEach((s, i) => {
      const move = s.activity === 'PROCESSING' ? levers.moves.find((m) => m.procedureCode === s.procedureCode) : undefined;
      if (!move) return;
      const k = 1 + f * (move.factor - 1);
      trace.push({
        step: `move[${s.procedureCode}, ${year}]`,
        formula: '× (1 + f(Y) × (factor − 1))',
        values: `${n(projected[i] as number)} × (1 + ${n(f)} × (${n(move.factor)} − 1)) = ${n((projected[i] as number) * k)}`,
      });
      projected[i] = (projected[i] as number) * k;
    });

    if (levers.onlineShare !== null) reweightReception(line, projected, levers.onlineShare / 100, f, year, trace);

    const pop = populationFactor(year, baseYear, levers.populationPercent);
    if (pop !== 1) {
      trace.push({
        step: `population[${year}]`,
        formula: '× (1 + p / 100)^(Y − base)',
        values: `(1 + ${n(levers.populationPercent)} / 100)^${year - baseYear} = ${n(pop)}`,
      });
      for (let i = 0; i < projected.length; i++) projected[i] = (projected[i] as number) * pop;
    }

    src.forEach((_, i) => {
      perSource[i]?.push({ year, forecast: values[i] as number, projected: projected[i] as number });
    });
    const input: WisnInput = {
      ...line.input,
      service: src.map((s, i) => ({
        name: s.procedureName,
        annualWorkload: projected[i] as number,
        standard: s.minutesPerDossier,
        standardUnit: 'minutes_per_item',
      })),
    };
    const outcome = computeWisn(input);
    const workload = projected.reduce((a, b) => a + b, 0);
    return outcome.ok
      ? { year, workload, requiredStaff: outcome.result.requiredStaff.value, refusal: null }
      : { year, workload, requiredStaff: null, refusal: outcome.problems };
  });
  return {
    unitId: line.unitId,
    field: line.field,
    actualStaff: line.input.actualStaff,
    years: lineYears,
    sources: perSource.map((y) => ({ years: y })),
    trace,
  };
}

function reweightReception(line: RunLine, projected: number[], target: number, f: number, year: number, trace: TraceLine[]): void {
  const idx = line.workloadSources.flatMap((s, i) => (s.activity === 'RECEPTION' && s.channel !== null ? [i] : []));
  const online = idx.find((i) => line.workloadSources[i]?.channel === 'ONLINE');
  const total = idx.reduce((sum, i) => sum + (projected[i] as number), 0);
  if (online === undefined || total <= 0) return;
  const s = (projected[online] as number) / total;
  const o = s + f * (target - s);
  const others = idx.filter((i) => i !== online);
  if (s >= 1) {
    const counter = others.find((i) => line.workloadSources[i]?.channel === 'COUNTER');
    if (counter === undefined) return;
    projected[counter] = (1 - o) * total;
  } else {
    for (const i of others) projected[i] = ((projected[i] as number) * (1 - o)) / (1 - s);
  }
  projected[online] = o * total;
  trace.push({
    step: `online[${year}]`,
    formula: 'o_Y = s + f(Y) × (o* − s); ONLINE = o_Y × T; other channels × (1 − o_Y) / (1 − s)',
    values: `s = ${n(s)}, o* = ${n(target)}, f = ${n(f)} → o_Y = ${n(o)}, T = ${n(total)}`,
  });
}

export type UnitYear = {
  year: number;
  requiredStaff: number;
  refusedLines: number;
  norm: number | null;
  population: number | null;
  headcount: number;
  normDifference: number | null;
  headcountDifference: number;
};

/** Σ required per year of one unit's lines against its norm (population grown by the lever) and headcount. */
export function unitTotals(
  lines: LineProjection[],
  years: readonly number[],
  baseYear: number,
  levers: Levers,
  headcount: number,
  normUnit: NormUnit | null,
  normConfig: StaffingNormConfig | null,
): UnitYear[] {
  return years.map((year, yi) => {
    const required = lines.reduce((sum, l) => sum + (l.years[yi]?.requiredStaff ?? 0), 0);
    const refusedLines = lines.filter((l) => l.years[yi]?.requiredStaff === null).length;
    let normValue: number | null = null;
    let population: number | null = null;
    if (normUnit && normConfig && normUnit.population !== null) {
      population = Math.floor(normUnit.population * populationFactor(year, baseYear, levers.populationPercent));
      const r = norm({ ...normUnit, population }, normConfig);
      normValue = r.known ? r.norm : null;
    }
    return {
      year,
      requiredStaff: required,
      refusedLines,
      norm: normValue,
      population,
      headcount,
      normDifference: normValue === null ? null : normValue - required,
      headcountDifference: headcount - required,
    };
  });
}
