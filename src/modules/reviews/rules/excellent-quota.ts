import type { ReviewRating } from '../../../platform/rules/defaults/reviews-common.config.ts';
import type { ExcellentQuotaParams } from '../../../platform/rules/defaults/reviews-quota.config.ts';
import { fmt, type TraceStep } from './trace.ts';

/**
 * The cap on Excellent ratings within one agency and task group (Decree 335/2025: at most 20%
 * of the number rated Good, outstanding units exempt; Decree 48/2023 for Decree 90 years).
 * Pure: the caller groups the ratings and blocks locking a campaign while a group violates.
 *
 * Readings, all configurable (see DEFAULT_EXCELLENT_QUOTA_CONFIG): the base counts Good only;
 * the allowance is floor(percent × base / 100), so 4 Good allow 0 Excellent and 5 allow 1;
 * with 0 Good no Excellent is allowed unless `minimumAllowed` says otherwise.
 */

export type QuotaMember = { personId: string; rating: ReviewRating; score?: number | null };

export type QuotaGroup = {
  members: readonly QuotaMember[];
  /** The group is an outstanding unit (exempt when the config says so). */
  outstandingUnit: boolean;
};

export type QuotaResult = {
  exempt: boolean;
  goodCount: number;
  excellentCount: number;
  baseCount: number;
  /** Excellent ratings allowed at the current counts. */
  allowedExcellent: number;
  violates: boolean;
  /** Excellent ratings above the allowance at the current counts. */
  excess: number;
  /**
   * The fewest Excellent ratings that must change to Good for the group to comply; with a
   * Good-only base each change also raises the allowance, so this can be below `excess`.
   */
  minimumChanges: number;
  /** Everyone rated Excellent when the group violates (lowest score first): the council decides whom to change. */
  affected: string[];
  trace: TraceStep[];
};

const roundBy: Record<ExcellentQuotaParams['rounding'], (x: number) => number> = {
  // The epsilon keeps 0.2 × 15 = 3.0000000000000004 and its like on the intended integer.
  FLOOR: (x) => Math.floor(x + 1e-9),
  ROUND: (x) => Math.round(x),
  CEIL: (x) => Math.ceil(x - 1e-9),
};

/** Excellent ratings allowed for a base count. */
export function allowedExcellent(params: ExcellentQuotaParams, baseCount: number): number {
  return Math.max(params.minimumAllowed, roundBy[params.rounding]((params.maxExcellentPercentOfBase * baseCount) / 100));
}

const baseOf = (params: ExcellentQuotaParams, good: number, excellent: number) => (params.base === 'GOOD_ONLY' ? good : good + excellent);

export function checkExcellentQuota(params: ExcellentQuotaParams, group: QuotaGroup): QuotaResult {
  const trace: TraceStep[] = [];
  const excellent = group.members.filter((m) => m.rating === 'EXCELLENT');
  const goodCount = group.members.filter((m) => m.rating === 'GOOD').length;
  const excellentCount = excellent.length;
  const baseCount = baseOf(params, goodCount, excellentCount);

  if (params.exemptOutstandingUnits && group.outstandingUnit) {
    trace.push({
      rule: 'quota.exemptOutstandingUnit',
      formula: 'outstanding unit: Excellent not capped',
      inputs: { excellentCount, goodCount },
      result: true,
    });
    return {
      exempt: true,
      goodCount,
      excellentCount,
      baseCount,
      allowedExcellent: excellentCount,
      violates: false,
      excess: 0,
      minimumChanges: 0,
      affected: [],
      trace,
    };
  }

  const allowed = allowedExcellent(params, baseCount);
  trace.push({
    rule: `quota.allowance.${params.rounding}`,
    formula: `max(${params.minimumAllowed}, ${params.rounding.toLowerCase()}(${fmt(params.maxExcellentPercentOfBase)}% × ${baseCount})) = ${allowed}`,
    inputs: { percent: params.maxExcellentPercentOfBase, base: params.base, baseCount, minimumAllowed: params.minimumAllowed },
    result: allowed,
    certainty: params.certainty,
  });
  const excess = Math.max(0, excellentCount - allowed);
  const violates = excess > 0;

  let minimumChanges = 0;
  while (
    excellentCount - minimumChanges >
    allowedExcellent(params, baseOf(params, goodCount + minimumChanges, excellentCount - minimumChanges))
  ) {
    minimumChanges += 1;
  }
  trace.push({
    rule: violates ? 'quota.violated' : 'quota.within',
    formula: violates
      ? `${excellentCount} Excellent > ${allowed} allowed: ${excess} over; at least ${minimumChanges} must change to Good`
      : `${excellentCount} Excellent ≤ ${allowed} allowed`,
    inputs: { excellentCount, allowed },
    result: violates,
  });

  const affected = violates
    ? [...excellent]
        .sort(
          (x, y) => (x.score ?? Number.POSITIVE_INFINITY) - (y.score ?? Number.POSITIVE_INFINITY) || x.personId.localeCompare(y.personId),
        )
        .map((m) => m.personId)
    : [];
  return {
    exempt: false,
    goodCount,
    excellentCount,
    baseCount,
    allowedExcellent: allowed,
    violates,
    excess,
    minimumChanges,
    affected,
    trace,
  };
}

/** Checks every group of a campaign; the key is the caller's "agency + task group". */
export function checkExcellentQuotas<K extends string>(
  params: ExcellentQuotaParams,
  groups: Readonly<Record<K, QuotaGroup>>,
): Record<K, QuotaResult> {
  const out = {} as Record<K, QuotaResult>;
  for (const key of Object.keys(groups) as K[]) out[key] = checkExcellentQuota(params, groups[key]);
  return out;
}
