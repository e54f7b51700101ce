import { z } from 'zod';
import { blankToUndefined, PageQueryFields } from '../../platform/http/common.schemas.ts';
import { CHANNEL_NAMES, COUNTER_CHANNELS, STATUS_CODES } from './intake-status.ts';

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const trimmed = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.preprocess(blankToNull, z.string().trim().max(max).nullable().default(null));

/** A national procedure code as the catalogue stores it (1.001193, DEMO.LAND.01). */
const ProcedureCodeSchema = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)+$/);
/** CCCD (12 digits) or an older 9-digit CMND; passports and others up to 20 characters. */
const IdNumberSchema = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z]{6,20}$/)
    .nullable()
    .default(null),
);
const PhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .-]{8,20}$/);
const EmailSchema = z.preprocess(blankToNull, z.email().max(254).nullable().default(null));

const applicantFields = {
  applicantName: trimmed(200),
  applicantIdNumber: IdNumberSchema,
  applicantEmail: EmailSchema,
  applicantAddress: optionalText(500),
  summary: optionalText(2000),
};

/** Counter intake (in person or by post). */
export const DossierIntakeBodySchema = z.strictObject({
  procedureCode: ProcedureCodeSchema,
  /** Required for commune-level procedures; province-level ones always go to the province. */
  competentUnitId: z.preprocess(blankToUndefined, z.coerce.number().int().positive().max(2_147_483_647).optional()),
  channel: z.enum(COUNTER_CHANNELS),
  applicantPhone: z.preprocess(blankToNull, PhoneSchema.nullable().default(null)),
  ...applicantFields,
});
export type DossierIntakeInput = z.infer<typeof DossierIntakeBodySchema>;

/** Online submission by a citizen (no login): a phone number is required to reach them. */
export const OnlineSubmissionBodySchema = z.strictObject({
  procedureCode: ProcedureCodeSchema,
  competentUnitId: z.coerce.number().int().positive().max(2_147_483_647),
  applicantPhone: PhoneSchema,
  ...applicantFields,
});
export type OnlineSubmissionInput = z.infer<typeof OnlineSubmissionBodySchema>;

export const AcceptBodySchema = z.strictObject({ version: z.coerce.number().int().min(1) });
export const RefuseBodySchema = z.strictObject({ version: z.coerce.number().int().min(1), reason: trimmed(1000) });
export type RefuseInput = z.infer<typeof RefuseBodySchema>;

export const DossierListQuerySchema = z.object({
  status: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10).optional()),
  procedure: z.preprocess(blankToUndefined, z.string().trim().max(40).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  ...PageQueryFields,
});
export type DossierListQuery = z.infer<typeof DossierListQuerySchema>;

const UnitRefSchema = z.object({ id: z.number().int(), name: z.string() });
const ProcedureRefSchema = z.object({ id: z.number().int(), nationalCode: z.string(), nameVi: z.string(), nameEn: z.string() });
const StatusSchema = z.number().int().min(1).max(10).describe('Status code of domain.md §6.2 (1 submitted online … 10 returned)');
const ChannelSchema = z.enum(CHANNEL_NAMES);

export const DossierSummarySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  status: StatusSchema,
  channel: ChannelSchema,
  procedure: ProcedureRefSchema,
  applicantName: z.string(),
  receivingUnit: UnitRefSchema,
  competentUnit: UnitRefSchema,
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
});
export type DossierSummary = z.infer<typeof DossierSummarySchema>;

export const DossierListResponseSchema = z.object({
  items: z.array(DossierSummarySchema),
  total: z.number().int().describe('How many dossiers match, counted up to 10,000'),
  totalCapped: z.boolean().describe('True when more than `total` (10,000) match: counting stops there; the pages go on'),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type DossierListResponse = z.infer<typeof DossierListResponseSchema>;

export const DossierEventSchema = z.object({
  at: z.string(),
  kind: z.string(),
  actorName: z.string().nullable(),
  fromStatus: z.number().int().nullable(),
  toStatus: z.number().int().nullable(),
  note: z.string().nullable(),
});

export const DossierDetailSchema = DossierSummarySchema.extend({
  applicant: z.object({
    name: z.string(),
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
  }),
  summary: z.string().nullable(),
  validAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  version: z.number().int(),
  events: z.array(DossierEventSchema),
});
export type DossierDetail = z.infer<typeof DossierDetailSchema>;

/** What an anonymous online applicant gets back: the code to track with, nothing internal. */
export const OnlineReceiptSchema = z.object({
  code: z.string(),
  status: StatusSchema,
  submittedAt: z.string(),
  procedure: z.object({ nationalCode: z.string(), nameVi: z.string(), nameEn: z.string() }),
  competentUnitName: z.string(),
});
export type OnlineReceipt = z.infer<typeof OnlineReceiptSchema>;

export const STATUS_FILTER_VALUES = STATUS_CODES;
