import type { Decree335Config, TaskCombination } from '../../../platform/rules/defaults/reviews-335.config.ts';
import type { ReviewRating } from '../../../platform/rules/defaults/reviews-common.config.ts';
import { fmt, roundHalfUp, type TraceStep } from './trace.ts';

/**
 * The Decree 335/2025 annual evaluation (domain.md §4.2, §11.3) for years from 2026. Pure: the
 * caller loads the config version in force and the year's facts. Every configured number is
 * read from `config`; the result carries the trace of every term, deduction and rule applied.
 */

/** One assigned work product of a period, with its conversion coefficient. */
export type WorkItem = {
  id: string;
  /** Conversion coefficient (weight) of the work product; > 0. */
  coefficient: number;
  completed: boolean;
  /** Completed to the quality bar; when left out, a completed item is taken to meet it. */
  meetsQualityBar?: boolean;
  /** Times it was sent back for a major error. */
  sendBacks: number;
  /** Times it was late. */
  delays: number;
  /** A competent authority confirmed an objective cause: no deduction. */
  objectiveCauseConfirmed: boolean;
};

/** A month or quarter of work. */
export type WorkPeriod = { label: string; items: readonly WorkItem[] };

/** The extra components of a leader's task results. */
export type LeaderInput = {
  /** The unit's own result as a share (0–1) before the subordinate rule. */
  unitResultShare: number;
  anySubordinateNotCompleted: boolean;
  organisingOnPlanAndOnTime: boolean;
  /** The assessed share (0–1) of organising capacity when not everything was on plan and on time. */
  organisingShare?: number;
};

export type Decree335Input = {
  isLeader: boolean;
  /** Points given per general-criterion code; a criterion left out scores 0. */
  generalScores: Readonly<Record<string, number>>;
  periods: readonly WorkPeriod[];
  leader?: LeaderInput;
  /** Veto codes that apply to this person this year. */
  vetoes: readonly string[];
};

export type AxisResult = { base: number; count: number; exempt: boolean; deduction: number; points: number };

export type ItemResult = { id: string; coefficient: number; quantityPoints: number; quality: AxisResult; progress: AxisResult };

export type PeriodResult = {
  label: string;
  assigned: number;
  items: ItemResult[];
  /** Quantity, quality and progress as shares (0–1); null when nothing was assigned. */
  quantity: number | null;
  quality: number | null;
  progress: number | null;
  /** Task points of the period; null when nothing was assigned (left out of the roll-up). */
  points: number | null;
};

export type LeaderResult = {
  ownShare: number;
  unitShare: number;
  organisingShare: number;
  points: number;
};

export type Decree335Result = {
  configVersion: string;
  general: {
    criteria: { code: string; maxPoints: number; score: number | null; points: number }[];
    sum: number;
    points: number;
  };
  tasks: {
    periods: PeriodResult[];
    /** Rolled-up own task points, before any leader components. */
    ownPoints: number;
    /** No period had assigned work, so task points are 0. */
    noAssignedWork: boolean;
    leader: LeaderResult | null;
    points: number;
  };
  /** General + task points before rounding. */
  rawTotal: number;
  /** Rounded to `config.decimals`; the band is decided on this figure. */
  total: number;
  band: ReviewRating;
  /** The vetoes that forced Not completed (empty when none). */
  vetoes: string[];
  trace: TraceStep[];
};

const isCount = (n: number) => Number.isInteger(n) && n >= 0;
const isShare = (n: number) => Number.isFinite(n) && n >= 0 && n <= 1;

/** What is wrong with an input for a config; an empty list means it can be scored. */
export function decree335InputProblems(config: Decree335Config, input: Decree335Input): string[] {
  const problems: string[] = [];
  const criteria = new Map(config.general.criteria.map((c) => [c.code, c]));
  for (const [code, score] of Object.entries(input.generalScores)) {
    const c = criteria.get(code);
    if (!c) problems.push(`general.${code}: not a criterion of ${config.version}`);
    else if (!Number.isFinite(score) || score < 0 || score > c.maxPoints) problems.push(`general.${code}: must be 0–${c.maxPoints}`);
  }
  for (const period of input.periods) {
    for (const item of period.items) {
      const at = `periods.${period.label}.${item.id}`;
      if (!Number.isFinite(item.coefficient) || item.coefficient <= 0) problems.push(`${at}.coefficient: must be above 0`);
      if (!isCount(item.sendBacks)) problems.push(`${at}.sendBacks: must be a whole number ≥ 0`);
      if (!isCount(item.delays)) problems.push(`${at}.delays: must be a whole number ≥ 0`);
    }
  }
  if (input.isLeader) {
    const l = input.leader;
    if (!l) problems.push('leader: required for a leader');
    else {
      if (!isShare(l.unitResultShare)) problems.push('leader.unitResultShare: must be 0–1');
      if (l.organisingShare !== undefined && !isShare(l.organisingShare)) problems.push('leader.organisingShare: must be 0–1');
      if (!l.organisingOnPlanAndOnTime && l.organisingShare === undefined) {
        problems.push('leader.organisingShare: required when not everything was on plan and on time');
      }
    }
  }
  const vetoes = new Map(config.vetoes.map((v) => [v.code, v]));
  for (const code of input.vetoes) {
    const v = vetoes.get(code);
    if (!v) problems.push(`vetoes.${code}: not a veto of ${config.version}`);
    else if (v.appliesTo === 'LEADERS' && !input.isLeader) problems.push(`vetoes.${code}: applies to leaders only`);
  }
  return problems;
}

/** The best band whose minimum the total reaches. */
export function bandOf(total: number, bands: Decree335Config['bands']): ReviewRating {
  const best = [...bands].sort((x, y) => y.minPoints - x.minPoints).find((b) => total >= b.minPoints);
  return best?.band ?? 'NOT_COMPLETED';
}

/** One axis of one item: full points if it qualifies, less a share of the coefficient per event, never below 0. */
function axis(qualifies: boolean, coefficient: number, count: number, share: number, exempt: boolean): AxisResult {
  const base = qualifies ? coefficient : 0;
  const deduction = exempt ? 0 : Math.min(base, count * share * coefficient);
  return { base, count, exempt: exempt && count > 0, deduction, points: base - deduction };
}

export function scoreItem(config: Decree335Config, item: WorkItem): ItemResult {
  const exempt = config.tasks.objectiveCauseExempts && item.objectiveCauseConfirmed;
  const meetsBar = item.completed && item.meetsQualityBar !== false;
  return {
    id: item.id,
    coefficient: item.coefficient,
    quantityPoints: item.completed ? item.coefficient : 0,
    quality: axis(meetsBar, item.coefficient, item.sendBacks, config.tasks.sendBackDeduction, exempt),
    progress: axis(item.completed, item.coefficient, item.delays, config.tasks.delayDeduction, exempt),
  };
}

/** Quantity a, quality b and progress c (0–1 each) into task points. */
export function combineAxes(combination: TaskCombination, maxPoints: number, a: number, b: number, c: number) {
  if (combination.mode === 'MEAN') {
    const points = (maxPoints * (a + b + c)) / 3;
    return { points, formula: `${fmt(maxPoints)} × (${fmt(a)} + ${fmt(b)} + ${fmt(c)}) / 3 = ${fmt(points)}` };
  }
  const w = combination.weights;
  const points = (maxPoints * (w.quantity * a + w.quality * b + w.progress * c)) / (w.quantity + w.quality + w.progress);
  return {
    points,
    formula: `${fmt(maxPoints)} × (${fmt(w.quantity)}·${fmt(a)} + ${fmt(w.quality)}·${fmt(b)} + ${fmt(w.progress)}·${fmt(c)}) / ${fmt(w.quantity + w.quality + w.progress)} = ${fmt(points)}`,
  };
}

function scorePeriod(config: Decree335Config, period: WorkPeriod, trace: TraceStep[]): PeriodResult {
  const items = period.items.map((i) => scoreItem(config, i));
  for (const r of items) {
    for (const [name, ax, share] of [
      ['sendBack', r.quality, config.tasks.sendBackDeduction],
      ['delay', r.progress, config.tasks.delayDeduction],
    ] as const) {
      if (ax.count === 0) continue;
      trace.push({
        rule: ax.exempt ? `tasks.item.${name}.objectiveCause` : `tasks.item.${name}Deduction`,
        formula: ax.exempt
          ? `${period.label}/${r.id}: ${ax.count} × ${fmt(share)} × ${fmt(r.coefficient)} not deducted (objective cause confirmed)`
          : `${period.label}/${r.id}: min(${fmt(ax.base)}, ${ax.count} × ${fmt(share)} × ${fmt(r.coefficient)}) = ${fmt(ax.deduction)} → ${fmt(ax.points)}`,
        inputs: { period: period.label, item: r.id, coefficient: r.coefficient, count: ax.count, share, base: ax.base },
        result: ax.deduction,
      });
    }
  }
  const assigned = items.reduce((s, r) => s + r.coefficient, 0);
  if (assigned === 0) {
    trace.push({
      rule: 'tasks.period.empty',
      formula: `${period.label}: nothing assigned, left out of the roll-up`,
      inputs: { period: period.label },
      result: null,
    });
    return { label: period.label, assigned, items, quantity: null, quality: null, progress: null, points: null };
  }
  const sum = (f: (r: ItemResult) => number) => items.reduce((s, r) => s + f(r), 0);
  const ratios = {
    quantity: sum((r) => r.quantityPoints) / assigned,
    quality: sum((r) => r.quality.points) / assigned,
    progress: sum((r) => r.progress.points) / assigned,
  };
  const numerators = {
    quantity: sum((r) => r.quantityPoints),
    quality: sum((r) => r.quality.points),
    progress: sum((r) => r.progress.points),
  };
  for (const k of ['quantity', 'quality', 'progress'] as const) {
    trace.push({
      rule: `tasks.period.${k}`,
      formula: `${period.label}: ${fmt(numerators[k])} ÷ ${fmt(assigned)} = ${fmt(ratios[k])}`,
      inputs: { period: period.label, numerator: numerators[k], assigned },
      result: ratios[k],
    });
  }
  const combined = combineAxes(config.tasks.combination, config.tasks.maxPoints, ratios.quantity, ratios.quality, ratios.progress);
  trace.push({
    rule: `tasks.combination.${config.tasks.combination.mode}`,
    formula: `${period.label}: ${combined.formula}`,
    inputs: { period: period.label, ...ratios },
    result: combined.points,
    certainty: config.tasks.combination.certainty,
  });
  return { label: period.label, assigned, items, ...ratios, points: combined.points };
}

function rollUp(config: Decree335Config, periods: PeriodResult[], trace: TraceStep[]): { points: number; noAssignedWork: boolean } {
  const counted = periods.filter((p): p is PeriodResult & { points: number } => p.points !== null);
  const method = config.tasks.rollUp.method;
  if (counted.length === 0) {
    trace.push({
      rule: 'tasks.rollUp.noAssignedWork',
      formula: 'no period with assigned work: 0',
      inputs: { periods: periods.length },
      result: 0,
    });
    return { points: 0, noAssignedWork: true };
  }
  let points: number;
  let formula: string;
  if (method === 'MEAN') {
    points = counted.reduce((s, p) => s + p.points, 0) / counted.length;
    formula = `(${counted.map((p) => fmt(p.points)).join(' + ')}) / ${counted.length} = ${fmt(points)}`;
  } else {
    const weight = counted.reduce((s, p) => s + p.assigned, 0);
    points = counted.reduce((s, p) => s + p.points * p.assigned, 0) / weight;
    formula = `(${counted.map((p) => `${fmt(p.points)}·${fmt(p.assigned)}`).join(' + ')}) / ${fmt(weight)} = ${fmt(points)}`;
  }
  trace.push({
    rule: `tasks.rollUp.${method}`,
    formula,
    inputs: { periods: counted.length },
    result: points,
    certainty: config.tasks.rollUp.certainty,
  });
  return { points, noAssignedWork: false };
}

function leaderPoints(config: Decree335Config, ownPoints: number, l: LeaderInput, trace: TraceStep[]): LeaderResult {
  const c = config.leader;
  const max = config.tasks.maxPoints;
  const ownShare = ownPoints / max;
  const factor = l.anySubordinateNotCompleted ? c.unitAnyNotCompletedFactor : c.unitAllCompletedFactor;
  const unitShare = l.unitResultShare * factor;
  trace.push({
    rule: l.anySubordinateNotCompleted ? 'tasks.leader.unit.anyNotCompleted' : 'tasks.leader.unit.allCompleted',
    formula: `${fmt(l.unitResultShare)} × ${fmt(factor)} = ${fmt(unitShare)}`,
    inputs: { unitResultShare: l.unitResultShare, anySubordinateNotCompleted: l.anySubordinateNotCompleted, factor },
    result: unitShare,
  });
  const organisingShare = l.organisingOnPlanAndOnTime ? c.organisingOnPlanFactor : (l.organisingShare ?? 0);
  trace.push({
    rule: l.organisingOnPlanAndOnTime ? 'tasks.leader.organising.onPlan' : 'tasks.leader.organising.assessed',
    formula: l.organisingOnPlanAndOnTime ? `on plan and on time: ${fmt(organisingShare)}` : `assessed: ${fmt(organisingShare)}`,
    inputs: { organisingOnPlanAndOnTime: l.organisingOnPlanAndOnTime, organisingShare: l.organisingShare ?? null },
    result: organisingShare,
  });
  const w = c.weights;
  const totalWeight = w.ownTasks + w.unitResult + w.organising;
  const points = (max * (w.ownTasks * ownShare + w.unitResult * unitShare + w.organising * organisingShare)) / totalWeight;
  trace.push({
    rule: 'tasks.leader.combination',
    formula: `${fmt(max)} × (${fmt(w.ownTasks)}·${fmt(ownShare)} + ${fmt(w.unitResult)}·${fmt(unitShare)} + ${fmt(w.organising)}·${fmt(organisingShare)}) / ${fmt(totalWeight)} = ${fmt(points)}`,
    inputs: { ownShare, unitShare, organisingShare },
    result: points,
    certainty: c.weightsCertainty,
  });
  return { ownShare, unitShare, organisingShare, points };
}

/** Scores one person's year. Throws a RangeError listing the problems when the input does not fit the config. */
export function scoreDecree335(config: Decree335Config, input: Decree335Input): Decree335Result {
  const problems = decree335InputProblems(config, input);
  if (problems.length > 0) throw new RangeError(`Decree 335 input: ${problems.join('; ')}`);
  const trace: TraceStep[] = [];

  const criteria = config.general.criteria.map((c) => {
    const score = input.generalScores[c.code] ?? null;
    trace.push({
      rule: 'general.criterion',
      formula: `${c.code}: ${score === null ? 'not scored, 0' : fmt(score)} of ${fmt(c.maxPoints)}`,
      inputs: { criterion: c.code, maxPoints: c.maxPoints },
      result: score ?? 0,
      certainty: c.certainty,
    });
    return { code: c.code, maxPoints: c.maxPoints, score, points: score ?? 0 };
  });
  const sum = criteria.reduce((s, c) => s + c.points, 0);
  const generalPoints = Math.min(sum, config.general.maxPoints);
  trace.push({
    rule: 'general.cap',
    formula: `min(${fmt(sum)}, ${fmt(config.general.maxPoints)}) = ${fmt(generalPoints)}`,
    inputs: { sum, maxPoints: config.general.maxPoints },
    result: generalPoints,
  });

  const periods = input.periods.map((p) => scorePeriod(config, p, trace));
  const own = rollUp(config, periods, trace);
  const leader = input.isLeader && input.leader ? leaderPoints(config, own.points, input.leader, trace) : null;
  const taskPoints = leader ? leader.points : own.points;

  const rawTotal = generalPoints + taskPoints;
  const total = roundHalfUp(rawTotal, config.decimals);
  trace.push({
    rule: 'total',
    formula: `${fmt(generalPoints)} + ${fmt(taskPoints)} = ${fmt(rawTotal)} → ${total}`,
    inputs: { general: generalPoints, tasks: taskPoints, decimals: config.decimals },
    result: total,
  });

  const vetoes = [...new Set(input.vetoes)];
  let band: ReviewRating;
  if (vetoes.length > 0) {
    band = 'NOT_COMPLETED';
    trace.push({ rule: 'veto', formula: `veto ${vetoes.join(', ')}: Not completed whatever the points`, inputs: { total }, result: band });
  } else {
    band = bandOf(total, config.bands);
    const min = config.bands.find((b) => b.band === band)?.minPoints ?? 0;
    trace.push({ rule: `band.${band}`, formula: `${total} ≥ ${fmt(min)}`, inputs: { total, minPoints: min }, result: band });
  }

  return {
    configVersion: config.version,
    general: { criteria, sum, points: generalPoints },
    tasks: { periods, ownPoints: own.points, noAssignedWork: own.noAssignedWork, leader, points: taskPoints },
    rawTotal,
    total,
    band,
    vetoes,
    trace,
  };
}
