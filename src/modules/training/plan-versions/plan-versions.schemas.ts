import { z } from 'zod';
import { blankToUndefined, PageQueryFields } from '../../../platform/http/common.schemas.ts';
import { JobStateSchema } from '../../../platform/jobs/job.schemas.ts';
import { JOB_STATUSES } from '../../../platform/jobs/jobs.ts';
import { FUNDING_SOURCES } from '../courses.ts';
import { PLAN_YEARS } from '../plan/plan-model.ts';

const Year = z.number().int().min(2000).max(2100);
const Vnd = z.number().int().min(0).max(1_000_000_000_000_000);

export const PLAN_METHODS = ['MIP', 'GREEDY'] as const;
export const PLAN_STATUSES = JOB_STATUSES;

export const PlanBudgetSchema = z.strictObject({
  year: Year,
  fundingSource: z.enum(FUNDING_SOURCES),
  amount: Vnd.describe('Whole VND'),
});

export const CreatePlanBodySchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).describe('Name of this plan version, e.g. "Kế hoạch 2026–2030, phương án 1"'),
    years: z
      .array(Year)
      .min(1)
      .max(10)
      .default([...PLAN_YEARS])
      .describe('Planned years (default 2026–2030)'),
    budgets: z
      .array(PlanBudgetSchema)
      .min(1)
      .max(200)
      .describe(
        'Budget per year × funding source; a year × source without a line has budget 0 (courses funded from it cannot run that year)',
      ),
    maxDaysPerPersonYear: z.number().int().min(1).max(366).describe('Training days one person may spend per year'),
    maxUnitShareAway: z
      .number()
      .gt(0)
      .max(1)
      .describe('Share of a unit’s ACTIVE staff that may be away training in the same year (at least one person per unit)'),
    timeLimitSeconds: z.number().int().min(1).max(3600).default(60).describe('Solver time limit; the gap to the best bound is reported'),
    method: z
      .enum(PLAN_METHODS)
      .default('MIP')
      .describe(
        'MIP: HiGHS (with its own warm start, and the documented heuristic for very large instances); GREEDY: the greedy baseline only',
      ),
  })
  .superRefine((b, ctx) => {
    if (new Set(b.years).size !== b.years.length) ctx.addIssue({ code: 'custom', path: ['years'], message: 'duplicate year' });
    const seen = new Set<string>();
    b.budgets.forEach((x, i) => {
      const key = `${x.year}:${x.fundingSource}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['budgets', i], message: 'duplicate year and funding source' });
      seen.add(key);
      if (!b.years.includes(x.year)) ctx.addIssue({ code: 'custom', path: ['budgets', i, 'year'], message: 'year not planned' });
    });
  });
export type CreatePlanBody = z.infer<typeof CreatePlanBodySchema>;

export const PlanParametersSchema = z.object({
  years: z.array(z.number().int()),
  budgets: z.array(z.object({ year: z.number().int(), fundingSource: z.string(), amount: z.number() })),
  maxDaysPerPersonYear: z.number(),
  maxUnitShareAway: z.number(),
  timeLimitSeconds: z.number(),
  method: z.enum(PLAN_METHODS),
});

export const JobViewSchema = JobStateSchema.extend({
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type JobView = z.infer<typeof JobViewSchema>;

export const PlanSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(PLAN_STATUSES),
  parameters: PlanParametersSchema,
  method: z
    .string()
    .nullable()
    .describe('How the stored plan was found: MIP (HiGHS) or GREEDY (the baseline, when it was as good or the method asked)'),
  solverStatus: z.string().nullable().describe('OPTIMAL, TIME_LIMIT, … (GREEDY_ONLY when no solver ran)'),
  objective: z.number().nullable().describe('Weighted need closed − cost penalty (the solver’s objective)'),
  bestBound: z.number().nullable().describe('Best proven upper bound on the objective'),
  gap: z.number().nullable().describe('Relative gap (bound − objective) / objective; 0 when proved optimal'),
  solveSeconds: z.number().nullable(),
  greedyObjective: z.number().nullable().describe('The greedy baseline’s objective on the same input, for comparison'),
  gapClosed: z.number().nullable().describe('Σ weights of the needs the stored plan closes'),
  totalCost: z.number().nullable().describe('Whole VND'),
  inputDigest: z.string().nullable().describe('SHA-256 of the model input and solver settings: equal digests, equal inputs'),
  inputSummary: z.record(z.string(), z.number()).nullable(),
  error: z.string().nullable(),
  jobId: z.number().int().nullable(),
  createdBy: z.number().int().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type PlanSummary = z.infer<typeof PlanSummarySchema>;

export const EnqueuedPlanSchema = z.object({
  plan: PlanSummarySchema,
  job: JobViewSchema,
  eventsUrl: z.string().describe('Server-sent events of the generation (progress, then done or failed)'),
});
export type EnqueuedPlan = z.infer<typeof EnqueuedPlanSchema>;

export const ClosedNeedSchema = z.object({
  kind: z.enum(['COMPETENCY', 'MANDATORY']),
  competencyCode: z.string().nullable(),
  courseCode: z.string().nullable().describe('For a mandatory programme'),
  required: z.number().int().nullable(),
  assessed: z.number().int().nullable(),
  weight: z.number(),
});

export const PlanAttendeeSchema = z.object({
  staffId: z.number().int(),
  fullName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  weight: z.number().describe('Σ weights of the needs this attendance closes'),
  needs: z.array(ClosedNeedSchema).describe('Why the person is in the class: the needs the course closes for them'),
});

export const PlanClassSchema = z.object({
  id: z.number().int(),
  courseId: z.number().int(),
  courseCode: z.string(),
  courseNameVi: z.string(),
  courseNameEn: z.string(),
  year: z.number().int(),
  classNo: z.number().int(),
  participants: z.number().int(),
  fundingSource: z.string(),
  cost: z.number().describe('Cost per class + cost per participant × participants, whole VND'),
  attendees: z.array(PlanAttendeeSchema),
});
export type PlanClassView = z.infer<typeof PlanClassSchema>;

export const CostLineSchema = z.object({
  year: z.number().int(),
  fundingSource: z.string(),
  classes: z.number().int(),
  participants: z.number().int(),
  cost: z.number(),
  budget: z.number().describe('The budget line of the parameters (0 when none)'),
});

export const PlanDetailSchema = PlanSummarySchema.extend({
  costs: z.array(CostLineSchema).describe('Every budget line and every year × source with classes'),
  courseCodes: z.array(z.string()),
  page: z.number().int(),
  pageSize: z.number().int(),
  totalClasses: z.number().int().describe('Classes matching the filters'),
  classes: z.array(PlanClassSchema),
});
export type PlanDetail = z.infer<typeof PlanDetailSchema>;

export const PlanDetailQuerySchema = z.object({
  year: z.preprocess(blankToUndefined, z.coerce.number().int().min(2000).max(2100).optional()),
  course: z.preprocess(blankToUndefined, z.string().trim().max(32).optional()),
  classId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().max(2_147_483_647).optional()).describe('One class only'),
  page: PageQueryFields.page,
  pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(500).default(100)),
});
export type PlanDetailQuery = z.infer<typeof PlanDetailQuerySchema>;

export const JobParamsSchema = z.object({ jobId: z.coerce.number().int().positive().max(2_147_483_647) });
