import { NORMED_UNIT_KINDS, type NormedUnitKind, type StaffingNormConfig } from '../../platform/rules/defaults/staffing-norm.config.ts';

/**
 * The interim staffing norm of one commune, ward or special zone (domain.md §2, Official
 * Letter 09/CV-BCĐ), pure: the configuration in force is passed in.
 *
 *   excess   = max(0, P − T)                       P population, T threshold
 *   extra    = floor(excess / S)                    S residents per extra post (mountainous: its own S);
 *                                                   a partial block adds nothing ("for every 2,000" = a full 2,000);
 *                                                   a version with partialBlock CEIL counts it as a whole block
 *   uncapped = base + extra
 *   norm     = min(uncapped, ceiling of the unit kind); capped when uncapped > ceiling
 *
 * A unit without a population, or of a kind the norm does not cover, has no norm (unknown,
 * with the reason): guessing would show a shortage or surplus that is not there.
 */

export const NORM_FORMULA_VERSION = 'norm-1';

export type NormUnit = { kind: string; population: number | null; isMountainous: boolean };

export const NORM_UNKNOWN_REASONS = ['POPULATION_MISSING', 'KIND_NOT_NORMED', 'RULE_NOT_IN_FORCE'] as const;
export type NormUnknownReason = (typeof NORM_UNKNOWN_REASONS)[number];

export const NORM_TRACE_STEPS = ['base', 'excess', 'extra', 'uncapped', 'ceiling', 'norm'] as const;
export type NormTraceStep = { step: (typeof NORM_TRACE_STEPS)[number]; formula: string; values: string; result: number };

export type NormExtra = {
  /** Posts added by the population rule. */
  posts: number;
  mountainous: boolean;
  population: number;
  threshold: number;
  residentsPerPost: number;
  excessResidents: number;
  partialBlock: StaffingNormConfig['partialBlock'];
  formula: string;
  values: string;
};

export type NormKnown = {
  known: true;
  base: number;
  extra: NormExtra;
  uncapped: number;
  ceiling: number;
  norm: number;
  capped: boolean;
  trace: NormTraceStep[];
};
export type NormUnknown = { known: false; reason: NormUnknownReason };
export type NormResult = NormKnown | NormUnknown;

const isNormedKind = (kind: string): kind is NormedUnitKind => (NORMED_UNIT_KINDS as readonly string[]).includes(kind);

export function norm(unit: NormUnit, config: StaffingNormConfig): NormResult {
  if (!isNormedKind(unit.kind)) return { known: false, reason: 'KIND_NOT_NORMED' };
  const population = unit.population;
  if (population === null || !Number.isInteger(population) || population < 0) return { known: false, reason: 'POPULATION_MISSING' };

  const base = config.base;
  const threshold = config.populationThreshold;
  const perPost = unit.isMountainous ? config.residentsPerExtraPostMountainous : config.residentsPerExtraPost;
  const excessResidents = Math.max(0, population - threshold);
  const round = config.partialBlock === 'FLOOR' ? Math.floor : Math.ceil;
  const fn = config.partialBlock === 'FLOOR' ? 'floor' : 'ceil';
  const posts = round(excessResidents / perPost);
  const uncapped = base + posts;
  const ceiling = config.ceilings[unit.kind];
  const value = Math.min(uncapped, ceiling);

  const extraFormula = `${fn}(max(0, P − T) / S)`;
  const extraValues = `${fn}(max(0, ${population} − ${threshold}) / ${perPost})`;
  const trace: NormTraceStep[] = [
    { step: 'base', formula: 'base', values: `${base}`, result: base },
    { step: 'excess', formula: 'max(0, P − T)', values: `max(0, ${population} − ${threshold})`, result: excessResidents },
    { step: 'extra', formula: extraFormula, values: extraValues, result: posts },
    { step: 'uncapped', formula: 'base + extra', values: `${base} + ${posts}`, result: uncapped },
    { step: 'ceiling', formula: `ceiling(${unit.kind})`, values: `${ceiling}`, result: ceiling },
    { step: 'norm', formula: 'min(base + extra, ceiling)', values: `min(${uncapped}, ${ceiling})`, result: value },
  ];
  return {
    known: true,
    base,
    extra: {
      posts,
      mountainous: unit.isMountainous,
      population,
      threshold,
      residentsPerPost: perPost,
      excessResidents,
      partialBlock: config.partialBlock,
      formula: extraFormula,
      values: extraValues,
    },
    uncapped,
    ceiling,
    norm: value,
    capped: uncapped > ceiling,
    trace,
  };
}

export const NORM_STATUSES = ['OVER', 'UNDER', 'AT_NORM', 'UNKNOWN'] as const;
export type NormStatus = (typeof NORM_STATUSES)[number];

/** Actual headcount against the norm: difference = actual − norm (negative = below the norm). */
export function compareWithNorm(headcount: number, result: NormResult): { difference: number | null; status: NormStatus } {
  if (!result.known) return { difference: null, status: 'UNKNOWN' };
  const difference = headcount - result.norm;
  return { difference, status: difference > 0 ? 'OVER' : difference < 0 ? 'UNDER' : 'AT_NORM' };
}
