import type { ReviewRating, ReviewRegime } from '../../../platform/rules/defaults/reviews-common.config.ts';
import type { Screening178Config, ScreeningCondition, ScreeningOutcome } from '../../../platform/rules/defaults/screening-178.config.ts';
import { fmt, roundHalfUp, type TraceStep, type TraceValue } from './trace.ts';

/**
 * Decree 178/2024 restructuring screening (domain.md §4.3): a weighted score over the
 * configured criteria, one of them computed from the annual results of the look-back years,
 * then the ordered rules of the config; the first rule whose conditions all hold gives the
 * outcome, otherwise the fallback does. Pure. The trace names every rule looked at, the
 * values each condition saw, and the rule that fired.
 */

/** A council's score for one criterion: a percentage of the criterion, or points out of its weight. */
export type CriterionInput = { percent: number } | { points: number };

export type AnnualResult = {
  year: number;
  regime: ReviewRegime;
  rating: ReviewRating;
  /** The Decree 335 100-point total, when known. */
  score?: number | null;
};

/** From the fit-to-position comparison: competencies below the required level, and the largest shortfall in levels. */
export type PositionGap = { gapCount: number; largestGap: number };

export type Screening178Input = {
  /** The last evaluation year of the look-back. */
  lastYear: number;
  /** Scores of the INPUT criteria by code. */
  criteria: Readonly<Record<string, CriterionInput>>;
  annualResults: readonly AnnualResult[];
  positionGap?: PositionGap | null;
};

export type ConditionCheck = { kind: ScreeningCondition['kind']; formula: string; saw: Record<string, TraceValue>; holds: boolean | null };

export type RuleCheck = { id: string; outcome: ScreeningOutcome; conditions: ConditionCheck[]; fired: boolean };

export type Screening178Result = {
  configVersion: string;
  lookBack: {
    years: number[];
    used: { year: number; regime: ReviewRegime; rating: ReviewRating; percent: number }[];
    missingYears: number[];
    /** The annual-results percentage (0–100). */
    percent: number;
  };
  criteria: { code: string; weight: number; source: 'INPUT' | 'ANNUAL_RESULTS'; percent: number; points: number }[];
  rawTotal: number;
  total: number;
  rules: RuleCheck[];
  /** The rule that fired; null when the fallback outcome applied. */
  firedRule: string | null;
  outcome: ScreeningOutcome;
  /** Inputs that were absent (scored 0 or left a condition undecided): the outcome is provisional until they are supplied. */
  missingInputs: string[];
  complete: boolean;
  trace: TraceStep[];
};

export function screening178InputProblems(config: Screening178Config, input: Screening178Input): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(input.lastYear) || input.lastYear < 1900 || input.lastYear > 9999) problems.push('lastYear: a four-digit year');
  const criteria = new Map(config.criteria.map((c) => [c.code, c]));
  for (const [code, v] of Object.entries(input.criteria)) {
    const c = criteria.get(code);
    if (!c) problems.push(`criteria.${code}: not a criterion of ${config.version}`);
    else if (c.source !== 'INPUT') problems.push(`criteria.${code}: computed from the annual results, not entered`);
    else if ('percent' in v && !(Number.isFinite(v.percent) && v.percent >= 0 && v.percent <= 100))
      problems.push(`criteria.${code}.percent: 0–100`);
    else if ('points' in v && !(Number.isFinite(v.points) && v.points >= 0 && v.points <= c.weight)) {
      problems.push(`criteria.${code}.points: 0–${c.weight}`);
    }
  }
  const years = new Set<number>();
  for (const r of input.annualResults) {
    if (years.has(r.year)) problems.push(`annualResults.${r.year}: given twice`);
    years.add(r.year);
    if (r.score != null && !(Number.isFinite(r.score) && r.score >= 0 && r.score <= 100))
      problems.push(`annualResults.${r.year}.score: 0–100`);
  }
  const g = input.positionGap;
  if (g && !(Number.isInteger(g.gapCount) && g.gapCount >= 0 && Number.isInteger(g.largestGap) && g.largestGap >= 0)) {
    problems.push('positionGap: whole numbers ≥ 0');
  }
  return problems;
}

function annualPercent(config: Screening178Config, r: AnnualResult): number {
  const a = config.annualResults;
  if (r.regime === 'DECREE_90') return a.decree90Percent[r.rating];
  if (a.decree335Basis === 'SCORE' && r.score != null) return r.score;
  return a.decree335Percent[r.rating];
}

function checkCondition(
  c: ScreeningCondition,
  facts: { total: number; percentOf: Map<string, number>; ratings: ReviewRating[]; gap: PositionGap | null },
): ConditionCheck {
  switch (c.kind) {
    case 'TOTAL_BELOW':
      return {
        kind: c.kind,
        formula: `total ${fmt(facts.total)} < ${fmt(c.points)}`,
        saw: { total: facts.total },
        holds: facts.total < c.points,
      };
    case 'TOTAL_AT_LEAST':
      return {
        kind: c.kind,
        formula: `total ${fmt(facts.total)} ≥ ${fmt(c.points)}`,
        saw: { total: facts.total },
        holds: facts.total >= c.points,
      };
    case 'CRITERION_BELOW': {
      const p = facts.percentOf.get(c.criterion) ?? 0;
      return {
        kind: c.kind,
        formula: `${c.criterion} ${fmt(p)}% < ${fmt(c.percent)}%`,
        saw: { [c.criterion]: p },
        holds: p < c.percent,
      };
    }
    case 'YEARS_RATED': {
      const count = facts.ratings.filter((r) => c.ratings.includes(r)).length;
      return {
        kind: c.kind,
        formula: `${count} year(s) rated ${c.ratings.join('/')} ≥ ${c.atLeast}`,
        saw: { count, ratings: facts.ratings.join(',') },
        holds: count >= c.atLeast,
      };
    }
    case 'POSITION_GAP': {
      const g = facts.gap;
      if (!g) return { kind: c.kind, formula: 'position gap not supplied', saw: { gapCount: null, largestGap: null }, holds: null };
      return {
        kind: c.kind,
        formula: `${g.gapCount} gap(s) ≥ ${c.minGapCount} and largest ${g.largestGap} ≥ ${c.minLargestGap}`,
        saw: { gapCount: g.gapCount, largestGap: g.largestGap },
        holds: g.gapCount >= c.minGapCount && g.largestGap >= c.minLargestGap,
      };
    }
  }
}

/** Screens one person. Throws a RangeError listing the problems when the input does not fit the config. */
export function screen178(config: Screening178Config, input: Screening178Input): Screening178Result {
  const problems = screening178InputProblems(config, input);
  if (problems.length > 0) throw new RangeError(`Decree 178 screening input: ${problems.join('; ')}`);
  const trace: TraceStep[] = [];
  const missingInputs: string[] = [];

  const years = Array.from({ length: config.lookBackYears }, (_, i) => input.lastYear - config.lookBackYears + 1 + i);
  const byYear = new Map(input.annualResults.map((r) => [r.year, r]));
  for (const r of input.annualResults) {
    if (!years.includes(r.year)) {
      trace.push({
        rule: 'lookBack.outside',
        formula: `${r.year} is outside ${years[0]}–${input.lastYear}: ignored`,
        inputs: { year: r.year },
        result: null,
      });
    }
  }
  const used = years.flatMap((year) => {
    const r = byYear.get(year);
    return r ? [{ year, regime: r.regime, rating: r.rating, percent: annualPercent(config, r) }] : [];
  });
  const missingYears = years.filter((y) => !byYear.has(y));
  for (const y of missingYears) missingInputs.push(`annualResults.${y}`);
  for (const u of used) {
    trace.push({
      rule: `lookBack.year.${u.regime}`,
      formula: `${u.year}: ${u.rating} → ${fmt(u.percent)}%`,
      inputs: { year: u.year, rating: u.rating, score: byYear.get(u.year)?.score ?? null },
      result: u.percent,
      certainty: config.annualResults.certainty,
    });
  }
  const sumPercent = used.reduce((s, u) => s + u.percent, 0);
  const divisor = config.annualResults.missingYear === 'COUNT_AS_ZERO' ? years.length : used.length;
  const resultsPercent = divisor === 0 ? 0 : sumPercent / divisor;
  trace.push({
    rule: `lookBack.${config.annualResults.missingYear}`,
    formula: `${fmt(sumPercent)} / ${divisor} = ${fmt(resultsPercent)}%`,
    inputs: { years: used.length, missingYears: missingYears.length },
    result: resultsPercent,
    certainty: config.annualResults.certainty,
  });

  const criteria = config.criteria.map((c) => {
    let percent: number;
    if (c.source === 'ANNUAL_RESULTS') percent = resultsPercent;
    else {
      const v = input.criteria[c.code];
      if (!v) missingInputs.push(`criteria.${c.code}`);
      percent = !v ? 0 : 'percent' in v ? v.percent : c.weight === 0 ? 0 : (v.points / c.weight) * 100;
    }
    const points = (c.weight * percent) / 100;
    trace.push({
      rule: `criterion.${c.code}`,
      formula: `${fmt(c.weight)} × ${fmt(percent)}% = ${fmt(points)}`,
      inputs: { criterion: c.code, source: c.source, weight: c.weight },
      result: points,
      certainty: c.certainty,
    });
    return { code: c.code, weight: c.weight, source: c.source, percent, points };
  });
  const rawTotal = criteria.reduce((s, c) => s + c.points, 0);
  const total = roundHalfUp(rawTotal, config.decimals);
  trace.push({
    rule: 'total',
    formula: `${criteria.map((c) => fmt(c.points)).join(' + ')} = ${fmt(rawTotal)} → ${total}`,
    inputs: {},
    result: total,
  });

  const facts = {
    total,
    percentOf: new Map(criteria.map((c) => [c.code, c.percent])),
    ratings: used.map((u) => u.rating),
    gap: input.positionGap ?? null,
  };
  const rules: RuleCheck[] = [];
  let firedRule: string | null = null;
  let outcome: ScreeningOutcome = config.fallbackOutcome;
  for (const rule of config.rules) {
    const conditions = rule.when.map((c) => checkCondition(c, facts));
    const fired = conditions.every((c) => c.holds === true);
    const undecided = !fired && conditions.some((c) => c.holds === null) && !conditions.some((c) => c.holds === false);
    if (undecided && facts.gap === null && !missingInputs.includes('positionGap')) missingInputs.push('positionGap');
    rules.push({ id: rule.id, outcome: rule.outcome, conditions, fired });
    trace.push({
      rule: `rule.${rule.id}`,
      formula: `${conditions.map((c) => c.formula).join(' and ')}: ${fired ? `fired → ${rule.outcome}` : undecided ? 'undecided (input missing)' : 'did not fire'}`,
      inputs: Object.assign({}, ...conditions.map((c) => c.saw)),
      result: fired ? rule.outcome : null,
      certainty: rule.certainty,
    });
    if (fired) {
      firedRule = rule.id;
      outcome = rule.outcome;
      break;
    }
  }
  if (firedRule === null) {
    trace.push({ rule: 'fallback', formula: `no rule fired → ${config.fallbackOutcome}`, inputs: {}, result: config.fallbackOutcome });
  }
  return {
    configVersion: config.version,
    lookBack: { years, used, missingYears, percent: resultsPercent },
    criteria,
    rawTotal,
    total,
    rules,
    firedRule,
    outcome,
    missingInputs,
    complete: missingInputs.length === 0,
    trace,
  };
}
