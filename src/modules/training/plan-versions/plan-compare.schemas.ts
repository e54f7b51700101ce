import { z } from 'zod';

/** The API shape of plan-documents/plan-compare.ts's PlanDiff (B − A), for the response schema and OpenAPI. */

const id = z.coerce.number().int().positive().max(2_147_483_647);
export const CompareQuerySchema = z.object({
  a: id.describe('Plan version A (the reference)'),
  b: id.describe('Plan version B (differences read B − A)'),
});

const Figures = z.object({ classes: z.number().int(), participants: z.number().int(), cost: z.number() });
const FigureDelta = z.object({ a: Figures, b: Figures, delta: Figures });
const Side = z.object({
  planId: z.number().int().nullable(),
  planName: z.string(),
  generatedAt: z.string(),
  status: z.string().describe('Solver status (OPTIMAL, TIME_LIMIT, …) or GREEDY'),
  objective: z.number().nullable(),
  bestBound: z.number().nullable(),
  gap: z.number().nullable(),
  people: z.number().int().describe('Distinct people in the plan'),
});
const CourseSide = Figures.extend({ byYear: z.array(z.object({ year: z.number().int(), classes: z.number().int() })) });
const PersonRef = z.object({ staffId: z.number().int(), fullName: z.string(), unitName: z.string() });
const Attendance = z.object({ courseCode: z.string(), year: z.number().int() });

export const PlanDiffSchema = z.object({
  a: Side,
  b: Side,
  objectiveDelta: z.number().nullable(),
  gapDelta: z.number().nullable(),
  all: FigureDelta.extend({ budgetA: z.number(), budgetB: z.number() }),
  byYear: z.array(FigureDelta.extend({ year: z.number().int(), budgetA: z.number(), budgetB: z.number() })),
  byYearSource: z.array(
    FigureDelta.extend({ year: z.number().int(), fundingSource: z.string(), budgetA: z.number(), budgetB: z.number() }),
  ),
  courses: z
    .array(
      z.object({
        courseCode: z.string(),
        courseName: z.string(),
        kind: z.enum(['ADDED', 'REMOVED', 'CHANGED']),
        a: CourseSide,
        b: CourseSide,
      }),
    )
    .describe('Courses whose classes per year differ'),
  courseCounts: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int(), same: z.number().int() }),
  people: z.object({
    onlyA: z.array(PersonRef),
    onlyB: z.array(PersonRef),
    moved: z
      .array(PersonRef.extend({ kind: z.enum(['YEAR', 'COURSE']), a: z.array(Attendance), b: z.array(Attendance) }))
      .describe(
        'People in both with other attendances: YEAR (same courses, other years) or COURSE; a and b list only the differing attendances',
      ),
    counts: z.object({
      onlyA: z.number().int(),
      onlyB: z.number().int(),
      movedYear: z.number().int(),
      movedCourse: z.number().int(),
      same: z.number().int(),
    }),
  }),
});
