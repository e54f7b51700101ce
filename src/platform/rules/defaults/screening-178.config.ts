import { z } from 'zod';
import { CertaintySchema, CodeSchema, REVIEW_RATINGS, ReviewRatingSchema, uniqueBy, versionFields } from './reviews-common.config.ts';

/**
 * Versioned configuration of the Decree 178/2024 restructuring screening (domain.md §4.3):
 * a look-back over the last three years against weighted criteria, then an ordered list of
 * rules; the first rule whose conditions all hold decides the outcome. Decree 178 leaves the
 * detailed criteria to each ministry and locality (Official Letter 1814/BNV-TCBC), so the
 * weights are Nghe An's published example and every threshold is a Cadre default for the
 * province to set.
 */

export const SCREENING_OUTCOMES = ['RETAIN', 'RETRAIN', 'REASSIGN', 'EXIT_CANDIDATE'] as const;
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];

const RatingPercentSchema = z.strictObject(
  Object.fromEntries(REVIEW_RATINGS.map((r) => [r, z.number().min(0).max(100)])) as Record<(typeof REVIEW_RATINGS)[number], z.ZodNumber>,
);

const ScreeningConditionSchema = z.discriminatedUnion('kind', [
  /** Weighted total (0–100) below `points`. */
  z.strictObject({ kind: z.literal('TOTAL_BELOW'), points: z.number().min(0).max(100) }),
  /** Weighted total at least `points`. */
  z.strictObject({ kind: z.literal('TOTAL_AT_LEAST'), points: z.number().min(0).max(100) }),
  /** One criterion's achievement (0–100 %) below `percent`. */
  z.strictObject({ kind: z.literal('CRITERION_BELOW'), criterion: CodeSchema, percent: z.number().min(0).max(100) }),
  /** At least `atLeast` years of the look-back rated one of `ratings`. */
  z.strictObject({ kind: z.literal('YEARS_RATED'), ratings: z.array(ReviewRatingSchema).min(1), atLeast: z.number().int().min(1).max(10) }),
  /** The competence gap against the position: at least `minGapCount` competencies below the required level, the largest by at least `minLargestGap` levels. */
  z.strictObject({
    kind: z.literal('POSITION_GAP'),
    minGapCount: z.number().int().min(0).max(100),
    minLargestGap: z.number().int().min(0).max(5),
  }),
]);
export type ScreeningCondition = z.infer<typeof ScreeningConditionSchema>;

const Screening178ConfigShape = z.strictObject({
  ...versionFields,
  /** Years looked back, ending with the last completed evaluation year. */
  lookBackYears: z.number().int().min(1).max(10),
  criteria: z
    .array(
      z.strictObject({
        code: CodeSchema,
        nameVi: z.string().min(1).max(300),
        nameEn: z.string().min(1).max(300),
        /** Points of 100. */
        weight: z.number().min(0).max(100),
        /** INPUT: scored by the council; ANNUAL_RESULTS: computed from the annual ratings of the look-back. */
        source: z.enum(['INPUT', 'ANNUAL_RESULTS']),
        certainty: CertaintySchema,
      }),
    )
    .min(1)
    .max(20)
    .refine((cs) => uniqueBy(cs, (c) => c.code), 'criterion codes must be unique'),
  /** How an annual result counts (0–100 %) towards an ANNUAL_RESULTS criterion. */
  annualResults: z.strictObject({
    decree90Percent: RatingPercentSchema,
    /** BAND: Decree 335 years count by band like Decree 90 years; SCORE: by their 100-point score when known. */
    decree335Basis: z.enum(['BAND', 'SCORE']),
    decree335Percent: RatingPercentSchema,
    /** A look-back year without a result: left out of the mean, or counted as 0 %. */
    missingYear: z.enum(['MEAN_OF_AVAILABLE', 'COUNT_AS_ZERO']),
    certainty: CertaintySchema,
  }),
  rules: z
    .array(
      z.strictObject({
        id: CodeSchema,
        outcome: z.enum(SCREENING_OUTCOMES),
        when: z.array(ScreeningConditionSchema).min(1).max(10),
        certainty: CertaintySchema,
      }),
    )
    .max(50)
    .refine((rs) => uniqueBy(rs, (r) => r.id), 'rule ids must be unique'),
  /** The outcome when no rule fires. */
  fallbackOutcome: z.enum(SCREENING_OUTCOMES),
  /** Totals are rounded half up to this many decimals before the rules compare them. */
  decimals: z.number().int().min(0).max(4),
});
export type Screening178Config = z.infer<typeof Screening178ConfigShape>;

/** Problems a schema cannot see on its own. */
export function checkScreening178Config(c: Screening178Config): string[] {
  const problems: string[] = [];
  const total = c.criteria.reduce((s, k) => s + k.weight, 0);
  if (Math.abs(total - 100) > 1e-9) problems.push(`criterion weights add up to ${total}, not 100`);
  if (c.criteria.filter((k) => k.source === 'ANNUAL_RESULTS').length > 1)
    problems.push('at most one criterion comes from the annual results');
  const codes = new Set(c.criteria.map((k) => k.code));
  for (const r of c.rules) {
    for (const w of r.when) {
      if (w.kind === 'CRITERION_BELOW' && !codes.has(w.criterion)) problems.push(`${r.id}: unknown criterion ${w.criterion}`);
      if (w.kind === 'YEARS_RATED' && w.atLeast > c.lookBackYears) problems.push(`${r.id}: needs more years than the look-back`);
    }
  }
  return problems;
}

export const Screening178ConfigSchema = Screening178ConfigShape.superRefine((c, ctx) => {
  for (const message of checkScreening178Config(c)) ctx.addIssue({ code: 'custom', message });
});

export const DEFAULT_SCREENING_178_CONFIG: Screening178Config = {
  version: '178-default-1',
  effectiveFrom: '2025-01-01',
  sourceNote:
    'Decree 178/2024/NĐ-CP as amended by Decree 67/2025, Art. 6 (domain.md §4.3 [C]): review on the last 3 years against ethics, competence, results and (outstanding staff) innovation; ' +
    'each locality sets its own criteria (Official Letter 1814/BNV-TCBC [C]). Weights 30 / 45 / 20 / 5: the Nghe An scorecard [C for Nghe An, an example elsewhere]. ' +
    '[NC] Cadre defaults for the province to set: the percentages given to each annual rating, the missing-year rule, every rule threshold and their order.',
  lookBackYears: 3,
  criteria: [
    {
      code: 'COMPETENCE',
      nameVi: 'Năng lực chuyên môn, nghiệp vụ',
      nameEn: 'Professional competence',
      weight: 30,
      source: 'INPUT',
      certainty: 'S',
    },
    {
      code: 'RESULTS',
      nameVi: 'Kết quả thực hiện nhiệm vụ 3 năm gần nhất',
      nameEn: 'Results of the last 3 years',
      weight: 45,
      source: 'ANNUAL_RESULTS',
      certainty: 'S',
    },
    {
      code: 'ETHICS',
      nameVi: 'Phẩm chất chính trị, đạo đức, trách nhiệm, kỷ luật',
      nameEn: 'Ethics, responsibility and discipline',
      weight: 20,
      source: 'INPUT',
      certainty: 'S',
    },
    {
      code: 'INNOVATION',
      nameVi: 'Đổi mới, sáng tạo, thành tích nổi bật',
      nameEn: 'Innovation, initiative and outstanding achievements',
      weight: 5,
      source: 'INPUT',
      certainty: 'S',
    },
  ],
  annualResults: {
    decree90Percent: { EXCELLENT: 100, GOOD: 80, COMPLETED: 60, NOT_COMPLETED: 0 },
    decree335Basis: 'BAND',
    decree335Percent: { EXCELLENT: 100, GOOD: 80, COMPLETED: 60, NOT_COMPLETED: 0 },
    missingYear: 'MEAN_OF_AVAILABLE',
    certainty: 'NC',
  },
  rules: [
    { id: 'EXIT_LOW_TOTAL', outcome: 'EXIT_CANDIDATE', when: [{ kind: 'TOTAL_BELOW', points: 50 }], certainty: 'NC' },
    {
      id: 'EXIT_REPEATED_NOT_COMPLETED',
      outcome: 'EXIT_CANDIDATE',
      when: [{ kind: 'YEARS_RATED', ratings: ['NOT_COMPLETED'], atLeast: 2 }],
      certainty: 'NC',
    },
    {
      id: 'REASSIGN_POSITION_MISMATCH',
      outcome: 'REASSIGN',
      when: [{ kind: 'POSITION_GAP', minGapCount: 1, minLargestGap: 2 }],
      certainty: 'NC',
    },
    {
      id: 'RETRAIN_YEAR_NOT_COMPLETED',
      outcome: 'RETRAIN',
      when: [{ kind: 'YEARS_RATED', ratings: ['NOT_COMPLETED'], atLeast: 1 }],
      certainty: 'NC',
    },
    { id: 'RETRAIN_LOW_TOTAL', outcome: 'RETRAIN', when: [{ kind: 'TOTAL_BELOW', points: 70 }], certainty: 'NC' },
    {
      id: 'RETRAIN_LOW_COMPETENCE',
      outcome: 'RETRAIN',
      when: [{ kind: 'CRITERION_BELOW', criterion: 'COMPETENCE', percent: 50 }],
      certainty: 'NC',
    },
    { id: 'RETRAIN_POSITION_GAP', outcome: 'RETRAIN', when: [{ kind: 'POSITION_GAP', minGapCount: 1, minLargestGap: 1 }], certainty: 'NC' },
  ],
  fallbackOutcome: 'RETAIN',
  decimals: 2,
};
