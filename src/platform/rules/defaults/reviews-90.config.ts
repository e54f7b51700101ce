import { z } from 'zod';
import { CertaintySchema, CodeSchema, ReviewRatingSchema, ShareSchema, uniqueBy, versionFields } from './reviews-common.config.ts';
import { ExcellentQuotaParamsSchema } from './reviews-quota.config.ts';

/**
 * Versioned configuration of the Decree 90/2020 levels (amended by Decree 48/2023) for years
 * before 2026 (domain.md §4.1). Decree 90's detailed criteria (Art. 3–15) are not all in
 * domain.md, so Cadre does not pretend to decide a level on its own: the council's judged level
 * is an input, and the thresholds domain.md does state are gates a level must pass. A level
 * whose gates fail steps down to the next one; gates live here so a province can add the
 * criteria of its own guidance without a code change.
 */

export const DECREE_90_SUBJECTS = ['CIVIL_SERVANT', 'MANAGER', 'PUBLIC_EMPLOYEE'] as const;
export type Decree90Subject = (typeof DECREE_90_SUBJECTS)[number];

/** Yes/no facts about the year, as established by the council. */
export const DECREE_90_FLAG_METRICS = [
  'ALL_TASKS_ON_TIME_AND_TO_STANDARD',
  'UNIT_ALL_TARGETS_MET',
  'SUBORDINATE_UNITS_ALL_COMPLETED_OR_BETTER',
] as const;
/** Shares (0–1) about the year, as established by the council. */
export const DECREE_90_SHARE_METRICS = [
  'SHARE_TASKS_BEYOND_REQUIRED',
  'UNIT_SHARE_TARGETS_EXCEEDED',
  'SUBORDINATE_UNITS_SHARE_GOOD_OR_EXCELLENT',
  'UNIT_SHARE_TARGETS_MET_ON_TIME',
  'SHARE_CRITERIA_LATE_POOR_OR_INEFFICIENT',
] as const;
export type Decree90FlagMetric = (typeof DECREE_90_FLAG_METRICS)[number];
export type Decree90ShareMetric = (typeof DECREE_90_SHARE_METRICS)[number];
export type Decree90Metric = Decree90FlagMetric | Decree90ShareMetric;

const GateConditionSchema = z.union([
  z.strictObject({ metric: z.enum(DECREE_90_FLAG_METRICS), op: z.literal('IS_TRUE') }),
  z.strictObject({ metric: z.enum(DECREE_90_SHARE_METRICS), op: z.enum(['AT_LEAST', 'AT_MOST']), value: ShareSchema }),
]);
export type Decree90GateCondition = z.infer<typeof GateConditionSchema>;

const Decree90ConfigShape = z.strictObject({
  ...versionFields,
  gates: z
    .array(
      z.strictObject({
        id: CodeSchema,
        /** The level this gate guards; Not completed needs no gate. */
        level: ReviewRatingSchema.exclude(['NOT_COMPLETED']),
        subjects: z.array(z.enum(DECREE_90_SUBJECTS)).min(1),
        conditions: z.array(GateConditionSchema).min(1).max(20),
        certainty: CertaintySchema,
      }),
    )
    .max(100)
    .refine((gs) => uniqueBy(gs, (g) => g.id), 'gate ids must be unique'),
  /** A level also needs the gates of the levels below it (Excellent must pass Good's gates too). */
  cumulativeGates: z.boolean(),
  /** Absent from `fromMonths` to under `belowMonths`: evaluated, but no better than `bestLevel`. */
  absence: z.strictObject({
    fromMonths: z.number().min(0).max(12),
    belowMonths: z.number().min(0).max(12),
    bestLevel: ReviewRatingSchema,
  }),
  /** Decree 48/2023 cap on Excellent ratings within an agency or task group. */
  excellentCap: ExcellentQuotaParamsSchema,
});
export type Decree90Config = z.infer<typeof Decree90ConfigShape>;

export const Decree90ConfigSchema = Decree90ConfigShape.refine(
  (c) => c.absence.fromMonths < c.absence.belowMonths,
  'absence.fromMonths must be below absence.belowMonths',
);

export const DEFAULT_DECREE_90_CONFIG: Decree90Config = {
  version: '90-default-1',
  effectiveFrom: '2020-10-01',
  sourceNote:
    'Decree 90/2020/NĐ-CP as amended by Decree 48/2023/NĐ-CP (domain.md §4.1). Gates [C] from the examples in domain.md: Excellent non-manager (every task on time and to standard, ' +
    '≥ 50% beyond the required level); Excellent manager (unit meets every target, ≥ 50% exceeded, every subordinate unit Completed or better, ≥ 70% Good or Excellent); ' +
    'Good manager (≥ 80% of targets met on time); Completed public employee (≤ 20% of criteria late, poor or inefficient). Absence of 3 to under 6 months: no better than Completed [C]. ' +
    'Every other criterion of Art. 3–15 is the council’s judged level (an input). [NC]: gates are cumulative; the Decree 48/2023 cap read as 20% of those rated Good (§12 item 5). ' +
    'The effective date is Decree 90’s entry into force (1 Oct 2020), not stated in domain.md.',
  gates: [
    {
      id: 'EXCELLENT_NON_MANAGER',
      level: 'EXCELLENT',
      subjects: ['CIVIL_SERVANT', 'PUBLIC_EMPLOYEE'],
      conditions: [
        { metric: 'ALL_TASKS_ON_TIME_AND_TO_STANDARD', op: 'IS_TRUE' },
        { metric: 'SHARE_TASKS_BEYOND_REQUIRED', op: 'AT_LEAST', value: 0.5 },
      ],
      certainty: 'C',
    },
    {
      id: 'EXCELLENT_MANAGER',
      level: 'EXCELLENT',
      subjects: ['MANAGER'],
      conditions: [
        { metric: 'UNIT_ALL_TARGETS_MET', op: 'IS_TRUE' },
        { metric: 'UNIT_SHARE_TARGETS_EXCEEDED', op: 'AT_LEAST', value: 0.5 },
        { metric: 'SUBORDINATE_UNITS_ALL_COMPLETED_OR_BETTER', op: 'IS_TRUE' },
        { metric: 'SUBORDINATE_UNITS_SHARE_GOOD_OR_EXCELLENT', op: 'AT_LEAST', value: 0.7 },
      ],
      certainty: 'C',
    },
    {
      id: 'GOOD_MANAGER',
      level: 'GOOD',
      subjects: ['MANAGER'],
      conditions: [{ metric: 'UNIT_SHARE_TARGETS_MET_ON_TIME', op: 'AT_LEAST', value: 0.8 }],
      certainty: 'C',
    },
    {
      id: 'COMPLETED_PUBLIC_EMPLOYEE',
      level: 'COMPLETED',
      subjects: ['PUBLIC_EMPLOYEE'],
      conditions: [{ metric: 'SHARE_CRITERIA_LATE_POOR_OR_INEFFICIENT', op: 'AT_MOST', value: 0.2 }],
      certainty: 'C',
    },
  ],
  cumulativeGates: true,
  absence: { fromMonths: 3, belowMonths: 6, bestLevel: 'COMPLETED' },
  excellentCap: {
    maxExcellentPercentOfBase: 20,
    base: 'GOOD_ONLY',
    rounding: 'FLOOR',
    minimumAllowed: 0,
    exemptOutstandingUnits: false,
    certainty: 'NC',
  },
};
