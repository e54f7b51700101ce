import type { ReviewRegime } from '../../../platform/rules/defaults/reviews-common.config.ts';
import type { ReviewRegimeConfig, ReviewSubjectCategory } from '../../../platform/rules/defaults/reviews-regime.config.ts';
import type { TraceStep } from './trace.ts';

/**
 * Which evaluation regime governs a year for a category of staff (domain.md §4.1, §4.2, §12
 * item 4): the latest configured entry covering the category that is in force on the year's
 * reference day (31 December by default). Null when no entry is in force yet.
 */
export type RegimeChoice = {
  year: number;
  category: ReviewSubjectCategory;
  referenceDate: string;
  regime: ReviewRegime | null;
  /** The entry's own effective date. */
  entryEffectiveFrom: string | null;
  trace: TraceStep[];
};

export function chooseRegime(config: ReviewRegimeConfig, year: number, category: ReviewSubjectCategory = 'CIVIL_SERVANT'): RegimeChoice {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`evaluation year ${year} is not a four-digit year`);
  const referenceDate = `${year}-${config.referenceDay}`;
  const entry = config.entries
    .filter((e) => e.categories.includes(category) && e.effectiveFrom <= referenceDate)
    .reduce<ReviewRegimeConfig['entries'][number] | undefined>(
      (best, e) => (!best || e.effectiveFrom >= best.effectiveFrom ? e : best),
      undefined,
    );
  const trace: TraceStep[] = [
    {
      rule: entry ? `regime.${entry.regime}` : 'regime.none',
      formula: entry
        ? `${category}, ${year}: ${entry.regime} in force from ${entry.effectiveFrom} on ${referenceDate}`
        : `${category}, ${year}: no regime in force on ${referenceDate}`,
      inputs: { year, category, referenceDate, configVersion: config.version },
      result: entry?.regime ?? null,
      certainty: entry?.certainty,
    },
  ];
  return { year, category, referenceDate, regime: entry?.regime ?? null, entryEffectiveFrom: entry?.effectiveFrom ?? null, trace };
}
