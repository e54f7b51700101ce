import { z } from 'zod';
import { versionFields } from './reviews-common.config.ts';

/**
 * Configuration of the province WISN run (issue 5 §2–3, domain.md §10.3). Every figure here is a
 * Cadre project default [NC] unless its note says otherwise; a province replaces a rule by a new
 * version with its own effective date (rule_values), and every run stores the versions it used.
 * The platform must not import modules, so field and category names are plain strings here; the
 * run builder (src/modules/staffing/runs/build-lines.ts) checks them against the procedure fields.
 */

const Days = z.number().min(0).max(366);

/** Absences (C, D, E) and the working day of one full-time officer: the AWT inputs not read from the calendar. */
export const StaffingLeavePolicySchema = z.strictObject({
  ...versionFields,
  annualLeaveDays: Days,
  sickLeaveDays: Days,
  otherAbsenceDays: Days,
  hoursPerDay: z.number().positive().max(24),
  daysPerWeek: z.number().positive().max(7),
});
export type StaffingLeavePolicy = z.infer<typeof StaffingLeavePolicySchema>;

export const DEFAULT_STAFFING_LEAVE_POLICY: StaffingLeavePolicy = {
  version: 'leave-cadre-2025',
  effectiveFrom: '2025-07-01',
  sourceNote:
    'Cadre project defaults [NC]: annual leave 12 days (the Labour Code minimum for normal conditions; officials with long service get more), sick leave 3 days (an assumption), ' +
    'other absence 5 days = the training time of 40 periods ≈ 1 week a year (Decree 101/2017, believed kept by Decree 171/2025: domain.md §5.2 and §12 item 11 [NC]); ' +
    '8 hours a day, 5 days a week (Decision 188/1999, domain.md §8 [C]).',
  annualLeaveDays: 12,
  sickLeaveDays: 3,
  otherAbsenceDays: 5,
  hoursPerDay: 8,
  daysPerWeek: 5,
};

const Category = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'UPPER_SNAKE staff category');
const Minutes = z.number().positive().max(100_000);

const SupportActivity = z.strictObject({
  name: z.string().min(1).max(200),
  time: z.number().min(0).max(1_000_000),
  timeUnit: z.enum(['minutes', 'hours']),
  per: z.enum(['day', 'week', 'month', 'year']),
  /** Categories that do it; null: every category. */
  categories: z.array(Category).nullable(),
});

const AdditionalActivity = z.strictObject({
  name: z.string().min(1).max(200),
  timePerPerson: z.number().min(0).max(1_000_000),
  timeUnit: z.enum(['minutes', 'hours']),
  persons: z.number().int().min(0).max(1000),
  categories: z.array(Category).nullable(),
});

export const StaffingWisnStandardsSchema = z
  .strictObject({
    ...versionFields,
    /** Procedure field → staff category (the field of a PROFESSIONAL job position); null: not commune staff (e.g. police). */
    fieldCategories: z.record(z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/), Category.nullable()),
    /** The category that receives every dossier at the receiving unit (boundary-free reception, domain.md §6.1). */
    receptionCategory: Category,
    /** Reception minutes per dossier by channel. */
    receptionMinutes: z.strictObject({ COUNTER: Minutes, ONLINE: Minutes, POST: Minutes }),
    /** Minutes per dossier of a procedure without a stored service standard (flagged in the line's sources). */
    defaultMinutesPerDossier: Minutes,
    /** Support activities (CAS), in mixed units; converted by src/modules/staffing/wisn.ts. */
    support: z.array(SupportActivity).max(50),
    /** Additional activities (IAS): done by only some officers of the category. */
    additional: z.array(AdditionalActivity).max(50),
    /** Colour bands of the WISN ratio (actual / required). */
    bands: z.strictObject({ shortageBelow: z.number().positive().max(10), surplusAbove: z.number().positive().max(10) }),
  })
  .refine((c) => c.bands.shortageBelow <= c.bands.surplusAbove, 'shortageBelow must not exceed surplusAbove');
export type StaffingWisnStandards = z.infer<typeof StaffingWisnStandardsSchema>;

export const DEFAULT_STAFFING_WISN_STANDARDS: StaffingWisnStandards = {
  version: 'wisn-cadre-2025',
  effectiveFrom: '2025-07-01',
  sourceNote:
    'Cadre project defaults [NC], to be replaced by a province time study: the procedure-field → staff-category map follows the professional positions of the interim list ' +
    '(Official Letter 9478/BNV-CCVC, domain.md §3.2); residence procedures are the commune police’s, not the People’s Committee’s, so they map to no category. ' +
    'Reception minutes (counter 15, online 8, post 12), support activities (weekly meeting 2 h/week, monthly report 4 h/month, daily document handling 30 min/day), ' +
    'additional activities (PASC fee accounting 100 h/year for 1 officer) and the default 45 min/dossier are plausible estimates, not measured. ' +
    'Bands: ratio < 0.9 shortage, > 1.1 surplus, otherwise balanced (a common WISN reading, not a legal threshold).',
  fieldCategories: {
    CIVIL_STATUS: 'JUSTICE_CIVIL_STATUS',
    CERTIFICATION: 'JUSTICE_CIVIL_STATUS',
    JUSTICE: 'JUSTICE_CIVIL_STATUS',
    LAND: 'LAND',
    CONSTRUCTION: 'CONSTRUCTION',
    HOUSEHOLD_BUSINESS: 'INDUSTRY_TRADE',
    SOCIAL_PROTECTION: 'LABOUR_SOCIAL',
    LABOUR: 'LABOUR_SOCIAL',
    EDUCATION: 'EDUCATION',
    CULTURE: 'CULTURE_INFORMATION',
    HEALTH: 'HEALTH',
    ENVIRONMENT: 'AGRICULTURE_ENVIRONMENT',
    AGRICULTURE: 'AGRICULTURE_ENVIRONMENT',
    HOME_AFFAIRS: 'HOME_AFFAIRS',
    RESIDENCE: null,
  },
  receptionCategory: 'ONE_STOP',
  receptionMinutes: { COUNTER: 15, ONLINE: 8, POST: 12 },
  defaultMinutesPerDossier: 45,
  support: [
    { name: 'Họp giao ban', time: 2, timeUnit: 'hours', per: 'week', categories: null },
    { name: 'Báo cáo tháng', time: 4, timeUnit: 'hours', per: 'month', categories: null },
    { name: 'Xử lý văn bản đến, đi hằng ngày', time: 30, timeUnit: 'minutes', per: 'day', categories: null },
  ],
  additional: [
    { name: 'Kế toán thu phí, lệ phí tại bộ phận một cửa', timePerPerson: 100, timeUnit: 'hours', persons: 1, categories: ['ONE_STOP'] },
  ],
  bands: { shortageBelow: 0.9, surplusAbove: 1.1 },
};
