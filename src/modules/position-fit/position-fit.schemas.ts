import { z } from 'zod';
import { blankToUndefined, PageQueryFields } from '../../platform/http/common.schemas.ts';
import { FIT_STATUSES, REASON_CODES } from './fit.ts';

export { ProblemSchema } from '../../platform/http/common.schemas.ts';

const Id = z.coerce.number().int().positive().max(2_147_483_647);
const DateField = z.iso.date();

export const StaffParamsSchema = z.object({ staffId: Id });

const CheckSchema = z.object({
  status: z.enum(['MET', 'NOT_MET', 'UNKNOWN']),
  required: z.string().nullable(),
  actual: z.string().nullable(),
});

export const AssessedSchema = z
  .object({
    level: z.number().int().min(1).max(5),
    source: z.enum(['CAMPAIGN', 'TEST', 'TRAINING']),
    on: z.string().describe('Local date of the campaign lock, of the test or of the class completion'),
    campaignId: z.number().int().nullable(),
    campaignName: z.string().nullable(),
    stage: z.enum(['COUNCIL', 'SUPERVISOR', 'SELF']).nullable().describe('Which level was final: council ?? supervisor ?? self'),
    testId: z.number().int().nullable(),
    testName: z.string().nullable(),
    passed: z.boolean().nullable(),
    enrolmentId: z.number().int().nullable().describe('TRAINING: the enrolment whose passing result recorded the level'),
    classId: z.number().int().nullable(),
    classCode: z.string().nullable(),
    courseCode: z.string().nullable(),
    courseName: z.string().nullable(),
  })
  .describe('The assessed level and where it came from');

export const CompetencyFitSchema = z.object({
  competencyCode: z.string(),
  nameVi: z.string().nullable(),
  nameEn: z.string().nullable(),
  required: z.number().int(),
  assessed: AssessedSchema.nullable().describe('null: never assessed (gap unknown)'),
  gap: z.number().int().nullable().describe('required − assessed, at least 0; null when never assessed'),
});

export const ReasonSchema = z.object({
  code: z.enum(REASON_CODES),
  subject: z.string().nullable(),
  required: z.string().nullable(),
  actual: z.string().nullable(),
});

export const PositionFitSchema = z.object({
  staff: z.object({ id: z.number().int(), fullName: z.string(), unitId: z.number().int(), unitName: z.string() }),
  asOf: z.string(),
  position: z
    .object({
      id: z.number().int(),
      code: z.string(),
      nameVi: z.string(),
      nameEn: z.string(),
      field: z.string().nullable(),
      requiredRank: z.string(),
      educationLevel: z.string(),
      qualificationFields: z.array(z.string()),
      startDate: z.string(),
    })
    .nullable(),
  competencies: z.array(CompetencyFitSchema),
  rank: CheckSchema,
  education: CheckSchema,
  qualificationField: CheckSchema,
  meetsPosition: z.boolean().nullable().describe('true / false / null (unknown)'),
  reasons: z.array(ReasonSchema),
  graceDeadline: z.string().nullable().describe('Placement start + grace months (rule review.positionGrace)'),
  status: z.enum(FIT_STATUSES),
  graceRule: z.object({
    graceMonths: z.number().int(),
    effectiveFrom: z.string().nullable(),
    origin: z.enum(['default', 'national', 'province']),
    sourceNote: z.string(),
  }),
});
export type PositionFitView = z.infer<typeof PositionFitSchema>;

/** from ≤ to, both dates; at most three years (the Decree 178/2024 look-back). */
export const EvidenceQuerySchema = z
  .object({
    from: z.preprocess(blankToUndefined, DateField.optional()),
    to: z.preprocess(blankToUndefined, DateField.optional()),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { path: ['to'], message: 'from and to go together' })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'to must not be before from' })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 1096 * 86_400_000, {
    path: ['to'],
    message: 'at most three years',
  });
export type EvidenceQuery = z.infer<typeof EvidenceQuerySchema>;

export const ServiceEvidenceSchema = z.object({
  staffId: z.number().int(),
  from: z.string(),
  to: z.string().describe('Inclusive'),
  status: z.enum(['DATA', 'NO_DATA']),
  reason: z.enum(['NO_LINKED_ACCOUNT', 'NO_DOSSIERS']).nullable(),
  onTimeDefinition: z.string(),
  figures: z
    .object({
      linkedAccounts: z.number().int(),
      received: z.number().int(),
      handled: z.number().int(),
      finished: z.number().int(),
      finishedOnTime: z.number().int(),
      onTimeShare: z.number().nullable(),
      overdueOpen: z.number().int(),
      ratings: z.object({
        count: z.number().int(),
        average: z.number().nullable(),
        scaleMax: z.number().int(),
        satisfiedShare: z.number().nullable(),
        byLevel: z.array(z.object({ code: z.string(), count: z.number().int() })),
      }),
    })
    .nullable()
    .describe('null with status NO_DATA: no figures rather than zeros'),
});
export type ServiceEvidenceView = z.infer<typeof ServiceEvidenceSchema>;

export const TestSchema = z.object({
  id: z.number().int(),
  staffId: z.number().int(),
  competencyCode: z.string(),
  testName: z.string(),
  takenOn: z.string(),
  score: z.number(),
  maxScore: z.number(),
  levelAchieved: z.number().int(),
  passed: z.boolean(),
  recordedAt: z.string(),
  recordedBy: z.number().int().nullable(),
});
export const TestListSchema = z.object({ items: z.array(TestSchema) });

export const TestBodySchema = z
  .strictObject({
    competencyCode: z.string().trim().min(1).max(32),
    testName: z.string().trim().min(1).max(200),
    takenOn: DateField,
    score: z.number().min(0).max(100_000),
    maxScore: z.number().positive().max(100_000),
    levelAchieved: z.number().int().min(1).max(5),
    passed: z.boolean(),
  })
  .refine((b) => b.score <= b.maxScore, { path: ['score'], message: 'score must not exceed maxScore' });
export type TestBody = z.infer<typeof TestBodySchema>;

export const GapQuerySchema = z.object({
  unitId: z.preprocess(blankToUndefined, Id.optional()),
  field: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  /** 'all' adds the competencies without a gap. */
  include: z.preprocess(blankToUndefined, z.enum(['gaps', 'all']).default('gaps')),
  ...PageQueryFields,
});
export type GapQuery = z.infer<typeof GapQuerySchema>;

export const GapRowSchema = z.object({
  staffId: z.number().int(),
  fullName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  positionId: z.number().int(),
  positionCode: z.string(),
  positionName: z.string(),
  field: z.string().nullable().describe('The position’s field'),
  competencyCode: z.string(),
  competencyName: z.string().nullable(),
  required: z.number().int(),
  assessed: z.number().int().nullable(),
  source: z.enum(['CAMPAIGN', 'TEST', 'TRAINING']).nullable(),
  gap: z.number().int().nullable().describe('null: never assessed'),
  meetsPosition: z.boolean().nullable(),
  status: z.enum(FIT_STATUSES),
  graceDeadline: z.string().nullable(),
});
export type GapRow = z.infer<typeof GapRowSchema>;

export const GapListSchema = z.object({
  unitId: z.number().int().nullable(),
  asOf: z.string(),
  page: z.number().int(),
  pageSize: z.number().int().describe('People per page (a person has one row per competency)'),
  totalPeople: z.number().int(),
  rows: z.array(GapRowSchema),
});
export type GapList = z.infer<typeof GapListSchema>;

export const UnitPageQuerySchema = z.object({
  unitId: z.preprocess(blankToUndefined, Id.optional()),
  field: z.preprocess(blankToUndefined, z.string().max(40).optional()),
});
