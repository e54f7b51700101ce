import type {
  Decree90Config,
  Decree90FlagMetric,
  Decree90GateCondition,
  Decree90Metric,
  Decree90ShareMetric,
  Decree90Subject,
} from '../../../platform/rules/defaults/reviews-90.config.ts';
import { REVIEW_RATINGS, type ReviewRating, ratingRank } from '../../../platform/rules/defaults/reviews-common.config.ts';
import { checkExcellentQuota, type QuotaGroup, type QuotaResult } from './excellent-quota.ts';
import { fmt, type TraceStep } from './trace.ts';

/**
 * The Decree 90/2020 level of a year before 2026 (domain.md §4.1). Decree 90's full criteria are
 * not in domain.md, so the council's judged level is an input and this function checks it
 * against what is known: the absence rule and the configured gates (the thresholds domain.md
 * states). A level whose gates fail, or cannot be checked for want of a metric, steps down to
 * the next level; the trace names each gate, its conditions and the values it saw.
 */

export type Decree90Metrics = Partial<Record<Decree90FlagMetric, boolean> & Record<Decree90ShareMetric, number>>;

export type Decree90Input = {
  subject: Decree90Subject;
  /** The council's level on every criterion not modelled here (Art. 3 general criteria and the rest of Art. 4–15). */
  judgedLevel: ReviewRating;
  metrics: Decree90Metrics;
  /** Months absent during the year (0 when none). */
  absenceMonths: number;
};

export type GateCheck = {
  gateId: string;
  level: ReviewRating;
  conditions: {
    metric: Decree90Metric;
    op: Decree90GateCondition['op'];
    value: number | null;
    saw: boolean | number | null;
    holds: boolean | null;
  }[];
  /** true: passed; false: a condition failed; null: a metric was missing. */
  passed: boolean | null;
};

export type Decree90Result = {
  configVersion: string;
  level: ReviewRating;
  judgedLevel: ReviewRating;
  /** The level the absence rule allowed at best (equal to judgedLevel when it did not apply). */
  afterAbsence: ReviewRating;
  gateChecks: GateCheck[];
  /** Metrics a gate needed but the input lacked: supply them to confirm a higher level. */
  missingMetrics: Decree90Metric[];
  trace: TraceStep[];
};

function checkCondition(c: Decree90GateCondition, metrics: Decree90Metrics): GateCheck['conditions'][number] {
  if (c.op === 'IS_TRUE') {
    const saw = metrics[c.metric];
    return { metric: c.metric, op: c.op, value: null, saw: saw ?? null, holds: saw === undefined ? null : saw === true };
  }
  const saw = metrics[c.metric];
  const holds = saw === undefined ? null : c.op === 'AT_LEAST' ? saw >= c.value : saw <= c.value;
  return { metric: c.metric, op: c.op, value: c.value, saw: saw ?? null, holds };
}

/** The gates a level must pass for a subject: its own, and with cumulative gates those of the lower levels too. */
function gatesFor(config: Decree90Config, subject: Decree90Subject, level: ReviewRating) {
  return config.gates.filter(
    (g) => g.subjects.includes(subject) && (config.cumulativeGates ? ratingRank(g.level) >= ratingRank(level) : g.level === level),
  );
}

export function decree90InputProblems(input: Decree90Input): string[] {
  const problems: string[] = [];
  if (!Number.isFinite(input.absenceMonths) || input.absenceMonths < 0 || input.absenceMonths > 12)
    problems.push('absenceMonths: must be 0–12');
  for (const [metric, v] of Object.entries(input.metrics)) {
    if (typeof v === 'number' && !(Number.isFinite(v) && v >= 0 && v <= 1)) problems.push(`metrics.${metric}: must be a share 0–1`);
  }
  return problems;
}

export function levelDecree90(config: Decree90Config, input: Decree90Input): Decree90Result {
  const problems = decree90InputProblems(input);
  if (problems.length > 0) throw new RangeError(`Decree 90 input: ${problems.join('; ')}`);
  const trace: TraceStep[] = [];
  trace.push({
    rule: 'judgedLevel',
    formula: `council: ${input.judgedLevel}`,
    inputs: { subject: input.subject },
    result: input.judgedLevel,
  });

  let afterAbsence = input.judgedLevel;
  const a = config.absence;
  if (input.absenceMonths >= a.fromMonths && input.absenceMonths < a.belowMonths && ratingRank(afterAbsence) < ratingRank(a.bestLevel)) {
    afterAbsence = a.bestLevel;
    trace.push({
      rule: 'absence.cap',
      formula: `${fmt(a.fromMonths)} ≤ ${fmt(input.absenceMonths)} < ${fmt(a.belowMonths)} months absent: at best ${a.bestLevel}`,
      inputs: { absenceMonths: input.absenceMonths },
      result: afterAbsence,
    });
  }

  const gateChecks: GateCheck[] = [];
  const missing = new Set<Decree90Metric>();
  let level: ReviewRating = 'NOT_COMPLETED';
  for (const candidate of REVIEW_RATINGS.slice(ratingRank(afterAbsence))) {
    const checks = gatesFor(config, input.subject, candidate).map((g) => {
      const conditions = g.conditions.map((c) => checkCondition(c, input.metrics));
      const passed = conditions.some((c) => c.holds === false) ? false : conditions.some((c) => c.holds === null) ? null : true;
      for (const c of conditions) if (c.holds === null) missing.add(c.metric);
      return { gateId: g.id, level: g.level, conditions, passed } satisfies GateCheck;
    });
    for (const check of checks) {
      gateChecks.push(check);
      trace.push({
        rule: `gate.${check.gateId}`,
        formula: `${candidate}: ${check.conditions
          .map(
            (c) =>
              `${c.metric} ${c.op === 'IS_TRUE' ? 'is true' : `${c.op === 'AT_LEAST' ? '≥' : '≤'} ${fmt(c.value ?? 0)}`} (saw ${c.saw ?? 'nothing'})`,
          )
          .join(', ')}`,
        inputs: Object.fromEntries(check.conditions.map((c) => [c.metric, c.saw])),
        result: check.passed,
        certainty: config.gates.find((g) => g.id === check.gateId)?.certainty,
      });
    }
    if (checks.every((c) => c.passed === true)) {
      level = candidate;
      break;
    }
    trace.push({ rule: 'stepDown', formula: `${candidate} not confirmed by its gates`, inputs: { candidate }, result: candidate });
  }
  trace.push({
    rule: `level.${level}`,
    formula: `level ${level}`,
    inputs: { judgedLevel: input.judgedLevel, afterAbsence },
    result: level,
  });
  return {
    configVersion: config.version,
    level,
    judgedLevel: input.judgedLevel,
    afterAbsence,
    gateChecks,
    missingMetrics: [...missing],
    trace,
  };
}

/** The Decree 48/2023 cap on Excellent levels within an agency or task group, with the Decree 90 config's reading. */
export function checkDecree90ExcellentCap(config: Decree90Config, group: QuotaGroup): QuotaResult {
  return checkExcellentQuota(config.excellentCap, group);
}
