import { z } from 'zod';
import { blankToUndefined, PageQueryFields } from '../../../platform/http/common.schemas.ts';
import { COURSE_MODES } from '../courses.ts';
import { CLASS_STATUSES, ENROLMENT_STATUSES, OUTCOMES } from './execution.ts';

export { IdParamsSchema, ProblemSchema } from '../../../platform/http/common.schemas.ts';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
const IsoDate = z.iso.date().describe('YYYY-MM-DD');
const Year = z.coerce.number().int().min(2000).max(2100);

export const EnrolmentParamsSchema = z.object({ id: Id, enrolmentId: Id });

/** What create and update share; blanks take the course's values on create. */
const ClassFields = {
  organisingUnitId: Id.nullable().optional().describe('The commune, ward or department that organises the class; null: the provider alone'),
  provider: z.string().trim().min(1).max(300).optional().describe('Default: the course’s provider'),
  startDate: IsoDate,
  endDate: IsoDate,
  sessionDays: z
    .number()
    .int()
    .min(1)
    .max(400)
    .optional()
    .describe('Days the class meets (attendance is kept per day); default: the course’s duration'),
  location: z.string().trim().max(300).nullable().optional(),
  mode: z.enum(COURSE_MODES).optional().describe('Default: the course’s mode'),
  capacity: z.number().int().min(1).max(1000).optional().describe('Seats; default: the course’s class capacity'),
  planClassId: Id.nullable().optional().describe('The planned class (training_plan_classes.id) this class carries out, if any'),
};

export const ClassCreateBodySchema = z
  .strictObject({
    courseId: Id.optional().describe('The catalogue course; give courseId or courseCode'),
    courseCode: z.string().trim().min(1).max(32).optional().describe('The catalogue course by its code'),
    code: z.string().trim().min(1).max(64).optional().describe('Class code, unique in the province; default COURSE-YEAR-n'),
    status: z.enum(['PLANNED', 'OPEN']).default('PLANNED'),
    ...ClassFields,
  })
  .refine((b) => (b.courseId === undefined) !== (b.courseCode === undefined), {
    path: ['courseId'],
    message: 'give exactly one of courseId and courseCode',
  })
  .refine((b) => b.endDate >= b.startDate, { path: ['endDate'], message: 'endDate must not be before startDate' });
export type ClassCreateInput = z.infer<typeof ClassCreateBodySchema>;

export const ClassUpdateBodySchema = z
  .strictObject({
    version: z.number().int().min(1).describe('The version you read; a stale value answers 409 VERSION_CONFLICT'),
    status: z.enum(CLASS_STATUSES).describe('PLANNED → OPEN → RUNNING; any of them → CANCELLED. COMPLETED comes from recording results'),
    ...ClassFields,
  })
  .refine((b) => b.endDate >= b.startDate, { path: ['endDate'], message: 'endDate must not be before startDate' });
export type ClassUpdateInput = z.infer<typeof ClassUpdateBodySchema>;

export const ClassListQuerySchema = z.object({
  year: z.preprocess(blankToUndefined, Year.optional()),
  courseId: z.preprocess(blankToUndefined, Id.optional()),
  status: z.preprocess(blankToUndefined, z.enum(CLASS_STATUSES).optional()),
  ...PageQueryFields,
});
export type ClassListQuery = z.infer<typeof ClassListQuerySchema>;

export const ClassSummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  courseId: z.number().int(),
  courseCode: z.string(),
  courseNameVi: z.string(),
  courseNameEn: z.string(),
  organisingUnitId: z.number().int().nullable(),
  organisingUnitName: z.string().nullable(),
  provider: z.string(),
  year: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  sessionDays: z.number().int(),
  location: z.string().nullable(),
  mode: z.enum(COURSE_MODES),
  capacity: z.number().int(),
  status: z.enum(CLASS_STATUSES),
  planClassId: z.number().int().nullable(),
  seatsTaken: z.number().int().describe('Enrolments that hold a seat (all but WITHDRAWN)'),
  completed: z.number().int(),
  version: z.number().int(),
});
export type ClassSummary = z.infer<typeof ClassSummarySchema>;

export const ClassListSchema = z.object({
  items: z.array(ClassSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ClassList = z.infer<typeof ClassListSchema>;

export const EnrolmentSchema = z.object({
  id: z.number().int(),
  staffId: z.number().int(),
  fullName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  status: z.enum(ENROLMENT_STATUSES),
  score: z.number().nullable(),
  grade: z.string().nullable(),
  certificateNo: z.string().nullable(),
  completedOn: z.string().nullable(),
  presentDays: z.array(z.number().int()).describe('Session days recorded present'),
  absentDays: z.array(z.number().int()).describe('Session days recorded absent (days not listed are not recorded)'),
});
export type EnrolmentView = z.infer<typeof EnrolmentSchema>;

export const ClassDetailSchema = ClassSummarySchema.extend({
  competencies: z.array(z.object({ competencyCode: z.string(), raisesToLevel: z.number().int() })),
  enrolments: z.array(EnrolmentSchema).describe('Unit roles see the people of their own unit only'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ClassDetail = z.infer<typeof ClassDetailSchema>;

export const EnrolBodySchema = z.strictObject({
  staffIds: z.array(Id).min(1).max(500).describe('People to enrol, in order: seats go to the first ones while any are free'),
});
export type EnrolInput = z.infer<typeof EnrolBodySchema>;

export const EnrolResultSchema = z.object({
  classId: z.number().int(),
  enrolled: z.array(z.object({ staffId: z.number().int(), enrolmentId: z.number().int() })),
  refused: z.array(
    z.object({
      staffId: z.number().int(),
      code: z.enum(['STAFF_NOT_FOUND', 'ALREADY_ENROLLED', 'CLASS_FULL', 'NOT_ELIGIBLE', 'DUPLICATE']),
      message: z.string(),
      reasons: z.array(z.string()).describe('NOT_ELIGIBLE: every eligibility rule the person does not meet, in words'),
    }),
  ),
  seatsTaken: z.number().int(),
  capacity: z.number().int(),
});
export type EnrolResult = z.infer<typeof EnrolResultSchema>;

export const AttendanceBodySchema = z.strictObject({
  entries: z
    .array(z.strictObject({ enrolmentId: Id, day: z.number().int().min(1).max(400), present: z.boolean() }))
    .min(1)
    .max(5000),
});
export type AttendanceInput = z.infer<typeof AttendanceBodySchema>;

export const AttendanceResultSchema = z.object({ classId: z.number().int(), recorded: z.number().int() });

export const CompleteBodySchema = z.strictObject({
  completedOn: IsoDate.optional().describe('Date of the results; default: the class’s end date'),
  results: z
    .array(
      z.strictObject({
        enrolmentId: Id,
        outcome: z.enum(OUTCOMES).describe('COMPLETED is a passing result: it records competency evidence'),
        score: z.number().min(0).max(1000).nullable().optional(),
        grade: z.string().trim().max(32).nullable().optional(),
        certificateNo: z.string().trim().max(64).nullable().optional(),
      }),
    )
    .min(1)
    .max(1000),
});
export type CompleteInput = z.infer<typeof CompleteBodySchema>;

export const ExecutionQuerySchema = z.object({
  planId: z.preprocess(blankToUndefined, Id.optional().describe('Plan version to compare with; default: the latest finished plan')),
  year: z.preprocess(blankToUndefined, Year.optional()),
  unitId: z.preprocess(blankToUndefined, Id.optional()),
});
export type ExecutionQuery = z.infer<typeof ExecutionQuerySchema>;

const FiguresSchema = z.object({ participants: z.number().int(), classes: z.number().int(), cost: z.number().int().describe('VND') });

export const ExecutionRowSchema = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  year: z.number().int(),
  planned: FiguresSchema.nullable(),
  actual: FiguresSchema.extend({ completed: z.number().int() }).nullable(),
  completionRate: z.number().nullable().describe('Completed participants / planned participants'),
});
export type ExecutionRow = z.infer<typeof ExecutionRowSchema>;

export const ExecutionSchema = z.object({
  plan: z.object({ id: z.number().int(), name: z.string(), createdAt: z.string() }).nullable(),
  costRule: z
    .string()
    .describe(
      'How cost is shared: each participant’s own cost plus the unit’s share of the class’s fixed cost by seats (held) or attendees (planned)',
    ),
  rows: z.array(ExecutionRowSchema),
});
export type ExecutionView = z.infer<typeof ExecutionSchema>;

/** The HTML forms post flat text fields (repeated checkboxes arrive as arrays). */
export const FlatFormSchema = z.record(z.string().max(64), z.union([z.string().max(20_000), z.array(z.string().max(64)).max(5000)]));
export type FlatForm = z.infer<typeof FlatFormSchema>;
