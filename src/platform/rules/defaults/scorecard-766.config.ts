/**
 * The Decision 766 weights, thresholds and bands as a versioned default. It lives beside the
 * rules registry (which validates rule values) because the platform must not import modules;
 * the scorecard formulas in modules/dossiers/lifecycle read it from here.
 */
/**
 * Versioned configuration of the Decision 766 scorecard (domain.md §7, §11.3, §12 item 6).
 * Group maxima and the few known sub-weights are sourced; most indicator weights, the
 * thresholds not listed in §11.3 and the bands between weak and excellent are NOT confirmed
 * and are placeholders. The computation never reads these numbers from anywhere but the
 * config object it is given, so a province corrects them with a new version, not a code change.
 */

export const SCORECARD_GROUPS = ['TRANSPARENCY', 'PROGRESS', 'ONLINE_SERVICE', 'DIGITISATION', 'SATISFACTION'] as const;
export type ScorecardGroup = (typeof SCORECARD_GROUPS)[number];

/** Indicator codes follow the implementer's specification numbering (domain.md §7.2 [S]); groups are keyed by name. */
export const INDICATOR_CODES = [
  '1.1',
  '1.2',
  '1.3',
  '1.4',
  '2.1',
  '3.1',
  '3.2',
  '3.3',
  '3.5',
  '3.6',
  '4.1',
  '4.2',
  '4.3',
  '5.1',
  '5.2',
  '5.4',
] as const;
export type IndicatorCode = (typeof INDICATOR_CODES)[number];

export type CertaintyTag = 'C' | 'S' | 'NC';
export const RATING_BANDS = ['EXCELLENT', 'GOOD', 'AVERAGE', 'WEAK'] as const;
export type RatingBand = (typeof RATING_BANDS)[number];

export type IndicatorConfig = {
  code: IndicatorCode;
  maxPoints: number;
  /** Full points at or above this rate (0–1); below it, points = rate ÷ threshold × maxPoints. */
  threshold: number;
  /** How sure the weight and threshold are, in domain.md's terms. */
  certainty: CertaintyTag;
};

export type Scorecard766Config = {
  version: string;
  effectiveFrom: string;
  sourceNote: string;
  groups: readonly { group: ScorecardGroup; maxPoints: number; indicators: readonly IndicatorConfig[] }[];
  /** Lowest total of each band; the highest band whose minimum the total reaches applies. */
  bands: readonly { band: RatingBand; minPoints: number }[];
  /** An indicator with an empty denominator scores its full points or none [NC]. */
  noDataPoints: 'full' | 'zero';
  /** From this many supplement requests a dossier counts as overdue (domain.md §6.6 [S]: "more than once"). */
  overdueFromSupplementRequests: number;
};

export const DEFAULT_SCORECARD_766_CONFIG: Scorecard766Config = {
  version: '766-default-1',
  effectiveFrom: '2022-08-01',
  sourceNote:
    'Decision 766/QĐ-TTg (23 June 2022), domain.md §7. Group maxima 18/20/22/22/18 [C]; sub-weights 1.2 = 4/18, 2.1 = 20/20 and 5.4 = 6/18 [C]; ' +
    'thresholds 3.1, 3.5 = 80 %, 3.3 = 50 %, 4.2, 4.3 = 80 %, 5.4 = 90 % from the implementer’s specification [S]; ' +
    'every other weight and threshold, the bands between weak and excellent and the no-data rule are placeholders [NC].',
  groups: [
    {
      group: 'TRANSPARENCY',
      maxPoints: 18,
      indicators: [
        { code: '1.1', maxPoints: 4, threshold: 1, certainty: 'NC' },
        { code: '1.2', maxPoints: 4, threshold: 1, certainty: 'C' },
        { code: '1.3', maxPoints: 4, threshold: 1, certainty: 'NC' },
        { code: '1.4', maxPoints: 6, threshold: 1, certainty: 'NC' },
      ],
    },
    {
      group: 'PROGRESS',
      maxPoints: 20,
      indicators: [{ code: '2.1', maxPoints: 20, threshold: 1, certainty: 'C' }],
    },
    {
      group: 'ONLINE_SERVICE',
      maxPoints: 22,
      indicators: [
        { code: '3.1', maxPoints: 4, threshold: 0.8, certainty: 'S' },
        { code: '3.2', maxPoints: 4, threshold: 1, certainty: 'NC' },
        { code: '3.3', maxPoints: 6, threshold: 0.5, certainty: 'S' },
        { code: '3.5', maxPoints: 4, threshold: 0.8, certainty: 'S' },
        { code: '3.6', maxPoints: 4, threshold: 0.8, certainty: 'NC' },
      ],
    },
    {
      group: 'DIGITISATION',
      maxPoints: 22,
      indicators: [
        { code: '4.1', maxPoints: 6, threshold: 0.8, certainty: 'NC' },
        { code: '4.2', maxPoints: 8, threshold: 0.8, certainty: 'S' },
        { code: '4.3', maxPoints: 8, threshold: 0.8, certainty: 'S' },
      ],
    },
    {
      group: 'SATISFACTION',
      maxPoints: 18,
      indicators: [
        { code: '5.1', maxPoints: 6, threshold: 1, certainty: 'NC' },
        { code: '5.2', maxPoints: 6, threshold: 1, certainty: 'NC' },
        { code: '5.4', maxPoints: 6, threshold: 0.9, certainty: 'C' },
      ],
    },
  ],
  bands: [
    { band: 'EXCELLENT', minPoints: 90 },
    { band: 'GOOD', minPoints: 70 },
    { band: 'AVERAGE', minPoints: 50 },
    { band: 'WEAK', minPoints: 0 },
  ],
  noDataPoints: 'full',
  overdueFromSupplementRequests: 2,
};

/** Problems with a config, so a bad version is refused before it scores anything. */
export function checkScorecardConfig(c: Scorecard766Config): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const g of c.groups) {
    const sum = g.indicators.reduce((s, i) => s + i.maxPoints, 0);
    if (Math.abs(sum - g.maxPoints) > 1e-9) problems.push(`${g.group}: indicator points add up to ${sum}, not ${g.maxPoints}`);
    for (const i of g.indicators) {
      if (seen.has(i.code)) problems.push(`${i.code}: listed twice`);
      seen.add(i.code);
      if (!(i.threshold > 0 && i.threshold <= 1)) problems.push(`${i.code}: threshold must be in (0, 1]`);
      if (i.maxPoints < 0) problems.push(`${i.code}: negative points`);
    }
  }
  const total = c.groups.reduce((s, g) => s + g.maxPoints, 0);
  if (Math.abs(total - 100) > 1e-9) problems.push(`groups add up to ${total}, not 100`);
  if (!c.bands.some((b) => b.minPoints <= 0)) problems.push('no band covers a total of 0');
  if (c.overdueFromSupplementRequests < 1) problems.push('overdueFromSupplementRequests must be at least 1');
  return problems;
}
