import { z } from 'zod';
import { blankToUndefined, PageQueryFields } from '../../platform/http/common.schemas.ts';
import { JobStateSchema } from '../../platform/jobs/job.schemas.ts';
import { REPORT_STATUSES, REPORT_TRIGGERS } from './reports.repository.ts';

export const REPORT_KINDS = ['MONTH', 'QUARTER'] as const;
const Year = z.number().int().min(2000).max(2100);
/** 'province' or the code of a current commune, ward or special zone of the caller's province. */
const UnitRef = z
  .string()
  .trim()
  .regex(/^(province|[A-Za-z0-9.]{1,40})$/, 'province or a unit code')
  .describe('`province` for the whole province, or a unit code');

/** POST /api/v1/reports: one on-demand report of a month or a quarter. */
export const CreateReportBodySchema = z
  .strictObject({
    kind: z.enum(REPORT_KINDS),
    year: Year,
    month: z.number().int().min(1).max(12).optional().describe('1–12, with kind MONTH'),
    quarter: z.number().int().min(1).max(4).optional().describe('1–4, with kind QUARTER'),
    unit: UnitRef,
  })
  .superRefine((b, ctx) => {
    if (b.kind === 'MONTH' && (b.month === undefined || b.quarter !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['month'], message: 'a MONTH report needs month (1–12) and no quarter' });
    }
    if (b.kind === 'QUARTER' && (b.quarter === undefined || b.month !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['quarter'], message: 'a QUARTER report needs quarter (1–4) and no month' });
    }
  });
export type CreateReportBody = z.infer<typeof CreateReportBodySchema>;

export const ReportListQuerySchema = z.object({
  kind: z.preprocess(blankToUndefined, z.enum(REPORT_KINDS).optional()),
  unit: z.preprocess(blankToUndefined, UnitRef.optional()),
  year: z.preprocess(blankToUndefined, z.coerce.number().int().min(2000).max(2100).optional()),
  page: PageQueryFields.page,
  pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).default(20)),
});
export type ReportListQuery = z.infer<typeof ReportListQuerySchema>;

/** The report's build job (platform/jobs). */
export const ReportJobSchema = JobStateSchema;
export type ReportJob = z.infer<typeof ReportJobSchema>;

export const ReportSchema = z.object({
  id: z.number().int(),
  kind: z.enum(REPORT_KINDS),
  year: z.number().int(),
  month: z.number().int().nullable(),
  quarter: z.number().int().nullable(),
  periodFrom: z.iso.date().describe('First day of the period'),
  periodTo: z.iso.date().describe('Day after the period (exclusive)'),
  unit: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable().describe('null: the whole province'),
  trigger: z.enum(REPORT_TRIGGERS),
  status: z.enum(REPORT_STATUSES),
  createdAt: z.string(),
  builtAt: z.string().nullable().describe('When the snapshot was built: the data the documents show is as of then'),
  snapshotSha256: z.string().nullable(),
  pdfSha256: z.string().nullable(),
  xlsxSha256: z.string().nullable(),
  error: z.string().nullable(),
  job: ReportJobSchema.nullable().describe('The build job: status, attempts and progress'),
  links: z.object({ self: z.string(), pdf: z.string(), xlsx: z.string(), snapshot: z.string(), page: z.string() }),
});
export type ReportView = z.infer<typeof ReportSchema>;

export const ReportListSchema = z.object({
  items: z.array(ReportSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type ReportList = z.infer<typeof ReportListSchema>;
