import { z } from 'zod';
import { blankToUndefined, PageQueryFields } from '../../platform/http/common.schemas.ts';

/** Civil-service rank tiers (Law 80/2025/QH15 Art. 24), highest first. */
export const RANKS = ['CHUYEN_VIEN_CAO_CAP', 'CHUYEN_VIEN_CHINH', 'CHUYEN_VIEN', 'CAN_SU', 'NHAN_VIEN'] as const;
export const GENDERS = ['MALE', 'FEMALE'] as const;
export const EMPLOYMENT_STATUSES = ['ACTIVE', 'ON_LEAVE'] as const;

const optionalId = z.preprocess(blankToUndefined, z.coerce.number().int().positive().max(2_147_483_647).optional());

export const StaffListQuerySchema = z.object({
  unitId: optionalId,
  orgBodyId: optionalId,
  q: z.preprocess(blankToUndefined, z.string().trim().max(100).optional()),
  rank: z.preprocess(blankToUndefined, z.enum(RANKS).optional()),
  status: z.preprocess(blankToUndefined, z.enum(EMPLOYMENT_STATUSES).optional()),
  ...PageQueryFields,
});
export type StaffListQuery = z.infer<typeof StaffListQuerySchema>;

const RefSchema = z.object({ id: z.number().int(), name: z.string(), kind: z.string() });

/**
 * The personal fields are nullable strings in every response: masked values are still
 * strings (ID ends, birth year) and dropped ones are null, so nothing undeclared leaks.
 */
export const StaffSummarySchema = z.object({
  id: z.number().int(),
  fullName: z.string(),
  gender: z.string(),
  birthDate: z.string().nullable().describe('YYYY-MM-DD; only the year (YYYY) when masked'),
  citizenId: z.string().nullable().describe('Full only for HR roles; otherwise like 0460******34'),
  rank: z.string(),
  employmentStatus: z.string(),
  currentTitle: z.string().nullable(),
  unit: RefSchema,
  orgBody: RefSchema.nullable(),
  masked: z.boolean().describe('True when personal fields were masked for the caller’s role'),
});
export type StaffSummary = z.infer<typeof StaffSummarySchema>;

export const StaffListResponseSchema = z.object({
  items: z.array(StaffSummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type StaffListResponse = z.infer<typeof StaffListResponseSchema>;

export const AppointmentSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  startDate: z.string().describe('YYYY-MM-DD'),
  endDate: z.string().nullable().describe('YYYY-MM-DD; null while the appointment lasts'),
  decision: z.string().nullable(),
  unit: RefSchema.extend({ isFormer: z.boolean().describe('A unit that no longer exists after the 2025 merger') }),
  orgBody: RefSchema.nullable(),
});
export type Appointment = z.infer<typeof AppointmentSchema>;

export const StaffDetailSchema = StaffSummarySchema.extend({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  ethnicity: z.string().nullable(),
  education: z.string().nullable(),
  qualification: z.string().nullable(),
  qualificationField: z.string().nullable(),
  politicalTheory: z.string().nullable(),
  stateManagementTraining: z.string().nullable().describe('State-management training level, as HR wrote it (not personal data)'),
  itCertificate: z.string().nullable().describe('IT certificate, as HR wrote it'),
  foreignLanguageCertificate: z.string().nullable().describe('Foreign-language certificate, as HR wrote it'),
  version: z.number().int(),
  appointments: z.array(AppointmentSchema),
});
export type StaffDetail = z.infer<typeof StaffDetailSchema>;
