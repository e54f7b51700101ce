import { z } from 'zod';
import {
  CertaintySchema,
  CodeSchema,
  REVIEW_RATINGS,
  ReviewRatingSchema,
  ShareSchema,
  uniqueBy,
  versionFields,
} from './reviews-common.config.ts';

/**
 * Versioned configuration of the Decree 335/2025 annual evaluation (domain.md §4.2, §11.3,
 * §12 item 3). The 30 + 70 split, the 25% deductions, the objective-cause exemption, the
 * leader 100% / 50% rule, the vetoes and the bands are confirmed; the points of each general
 * criterion, the combination of quantity, quality and progress into 70 points, the roll-up of
 * periods into the year and the weights of the leader components are NOT, and are placeholders.
 */

const NameFields = { nameVi: z.string().min(1).max(300), nameEn: z.string().min(1).max(300) };

const CombinationSchema = z.discriminatedUnion('mode', [
  /** 70 × (a + b + c) / 3. */
  z.strictObject({ mode: z.literal('MEAN'), certainty: CertaintySchema }),
  /** 70 × (wa·a + wb·b + wc·c) / (wa + wb + wc). */
  z.strictObject({
    mode: z.literal('WEIGHTED'),
    weights: z.strictObject({ quantity: z.number().min(0), quality: z.number().min(0), progress: z.number().min(0) }),
    certainty: CertaintySchema,
  }),
]);
export type TaskCombination = z.infer<typeof CombinationSchema>;

const Decree335ConfigShape = z.strictObject({
  ...versionFields,
  general: z.strictObject({
    /** The general criteria together never give more than this. */
    maxPoints: z.number().positive().max(100),
    criteria: z
      .array(z.strictObject({ code: CodeSchema, ...NameFields, maxPoints: z.number().positive().max(100), certainty: CertaintySchema }))
      .min(1)
      .max(30)
      .refine((cs) => uniqueBy(cs, (c) => c.code), 'criterion codes must be unique'),
  }),
  tasks: z.strictObject({
    maxPoints: z.number().positive().max(100),
    /** Share of an item's quality points deducted per send-back for a major error. */
    sendBackDeduction: ShareSchema,
    /** Share of an item's progress points deducted per delay. */
    delayDeduction: ShareSchema,
    /** No deduction when a competent authority confirms an objective cause. */
    objectiveCauseExempts: z.boolean(),
    combination: CombinationSchema,
    rollUp: z.strictObject({
      /** MEAN: plain average of the periods with assigned work; WEIGHTED_BY_ASSIGNED: weighted by each period's assigned coefficients. */
      method: z.enum(['MEAN', 'WEIGHTED_BY_ASSIGNED']),
      certainty: CertaintySchema,
    }),
  }),
  leader: z.strictObject({
    /** Weights of the three parts of a leader's task points (own tasks, unit result, organising capacity). */
    weights: z.strictObject({ ownTasks: z.number().min(0), unitResult: z.number().min(0), organising: z.number().min(0) }),
    weightsCertainty: CertaintySchema,
    /** Unit-result factor when every subordinate is rated Completed or better. */
    unitAllCompletedFactor: ShareSchema,
    /** Unit-result factor when any subordinate is rated Not completed. */
    unitAnyNotCompletedFactor: ShareSchema,
    /** Organising-capacity factor when everything was done on plan and on time. */
    organisingOnPlanFactor: ShareSchema,
  }),
  vetoes: z
    .array(z.strictObject({ code: CodeSchema, ...NameFields, appliesTo: z.enum(['EVERYONE', 'LEADERS']), certainty: CertaintySchema }))
    .max(30)
    .refine((vs) => uniqueBy(vs, (v) => v.code), 'veto codes must be unique'),
  /** Lowest total of each band; the best band whose minimum the total reaches applies. */
  bands: z
    .array(z.strictObject({ band: ReviewRatingSchema, minPoints: z.number().min(0).max(100) }))
    .length(REVIEW_RATINGS.length)
    .refine((bs) => uniqueBy(bs, (b) => b.band), 'each band once'),
  /** Totals are rounded half up to this many decimals before banding. */
  decimals: z.number().int().min(0).max(4),
});
export type Decree335Config = z.infer<typeof Decree335ConfigShape>;

export const Decree335ConfigSchema = Decree335ConfigShape.superRefine((c, ctx) => {
  for (const message of checkDecree335Config(c)) ctx.addIssue({ code: 'custom', message });
});

/** Problems a schema cannot see on its own, so a bad version is refused before it scores anyone. */
export function checkDecree335Config(c: Decree335Config): string[] {
  const problems: string[] = [];
  if (Math.abs(c.general.maxPoints + c.tasks.maxPoints - 100) > 1e-9) problems.push('general and task maxima must add up to 100');
  const sumCriteria = c.general.criteria.reduce((s, k) => s + k.maxPoints, 0);
  if (sumCriteria < c.general.maxPoints)
    problems.push(`general criteria add up to ${sumCriteria}, below the ${c.general.maxPoints} maximum`);
  if (c.tasks.combination.mode === 'WEIGHTED') {
    const w = c.tasks.combination.weights;
    if (w.quantity + w.quality + w.progress <= 0) problems.push('combination weights must not all be 0');
  }
  const lw = c.leader.weights;
  if (lw.ownTasks + lw.unitResult + lw.organising <= 0) problems.push('leader weights must not all be 0');
  const order = REVIEW_RATINGS.map((r) => c.bands.find((b) => b.band === r)?.minPoints ?? Number.NaN);
  if (order.some((m, i) => i > 0 && !(m <= (order[i - 1] ?? Number.NaN))))
    problems.push('band minima must not rise from Excellent to Not completed');
  if (c.bands.find((b) => b.band === 'NOT_COMPLETED')?.minPoints !== 0) problems.push('Not completed must start at 0');
  return problems;
}

export const DEFAULT_DECREE_335_CONFIG: Decree335Config = {
  version: '335-default-1',
  effectiveFrom: '2026-01-01',
  sourceNote:
    'Decree 335/2025/NĐ-CP (21 Dec 2025, in force 1 Jan 2026), domain.md §4.2. [C]: general criteria up to 30 and their list; task results up to 70 from quantity, quality and progress; ' +
    '25% deduction per send-back and per delay, none with a confirmed objective cause; leader unit result 100% / 50% and organising capacity 100% on plan; vetoes; bands 90 / 70 / 50. ' +
    '[NC] placeholders (domain.md §12 item 3): points per general criterion, combination 70 × (a + b + c) / 3, annual roll-up as the mean of periods, ' +
    'leader component weights 60 / 20 / 20 inside the 70 task points, rounding to 2 decimals before banding.',
  general: {
    maxPoints: 30,
    criteria: [
      { code: 'POLITICAL_QUALITY', nameVi: 'Phẩm chất chính trị', nameEn: 'Political quality', maxPoints: 5, certainty: 'NC' },
      { code: 'ETHICS', nameVi: 'Đạo đức, lối sống', nameEn: 'Ethics', maxPoints: 5, certainty: 'NC' },
      { code: 'SERVICE_CULTURE', nameVi: 'Văn hóa công vụ', nameEn: 'Public-service culture', maxPoints: 4, certainty: 'NC' },
      { code: 'DISCIPLINE', nameVi: 'Ý thức tổ chức kỷ luật', nameEn: 'Discipline', maxPoints: 4, certainty: 'NC' },
      { code: 'RESPONSIBILITY', nameVi: 'Tinh thần trách nhiệm', nameEn: 'Responsibility', maxPoints: 4, certainty: 'NC' },
      {
        code: 'SERVICE_ATTITUDE',
        nameVi: 'Thái độ phục vụ nhân dân',
        nameEn: 'Attitude in serving the people',
        maxPoints: 4,
        certainty: 'NC',
      },
      { code: 'INNOVATION', nameVi: 'Đổi mới, sáng tạo', nameEn: 'Innovation', maxPoints: 4, certainty: 'NC' },
    ],
  },
  tasks: {
    maxPoints: 70,
    sendBackDeduction: 0.25,
    delayDeduction: 0.25,
    objectiveCauseExempts: true,
    combination: { mode: 'MEAN', certainty: 'NC' },
    rollUp: { method: 'MEAN', certainty: 'NC' },
  },
  leader: {
    weights: { ownTasks: 60, unitResult: 20, organising: 20 },
    weightsCertainty: 'NC',
    unitAllCompletedFactor: 1,
    unitAnyNotCompletedFactor: 0.5,
    organisingOnPlanFactor: 1,
  },
  vetoes: [
    {
      code: 'IDEOLOGICAL_ETHICAL_DEGRADATION',
      nameVi: 'Suy thoái tư tưởng chính trị, đạo đức, lối sống được cấp có thẩm quyền kết luận',
      nameEn: 'Ideological or ethical degradation concluded by a competent authority',
      appliesTo: 'EVERYONE',
      certainty: 'C',
    },
    {
      code: 'DISCIPLINED_REPRIMAND_OR_HEAVIER',
      nameVi: 'Bị xử lý kỷ luật từ khiển trách trở lên trong năm',
      nameEn: 'Disciplined with a reprimand or heavier during the year',
      appliesTo: 'EVERYONE',
      certainty: 'C',
    },
    {
      code: 'UNIT_CORRUPTION_OR_WASTE',
      nameVi: 'Để xảy ra tham nhũng, lãng phí tại đơn vị được giao quản lý',
      nameEn: 'Corruption or waste in the unit they manage',
      appliesTo: 'LEADERS',
      certainty: 'C',
    },
  ],
  bands: [
    { band: 'EXCELLENT', minPoints: 90 },
    { band: 'GOOD', minPoints: 70 },
    { band: 'COMPLETED', minPoints: 50 },
    { band: 'NOT_COMPLETED', minPoints: 0 },
  ],
  decimals: 2,
};
