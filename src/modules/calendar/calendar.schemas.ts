import { z } from 'zod';
import { blankToUndefined } from '../../platform/http/common.schemas.ts';
import { CALENDAR_ENTRY_KINDS } from './working-days.ts';

export const DEADLINE_UNITS = ['working_days', 'hours', 'days'] as const;

/** Far above any statutory limit (the longest are counted in tens of working days); refuses absurd loops. */
export const MAX_AMOUNT: Record<(typeof DEADLINE_UNITS)[number], number> = { working_days: 366, hours: 2928, days: 731 };

/** The calendar and the zone rules are meaningful for present-day dossiers only. */
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

const amountWithinUnit = (v: { amount: number; unit: (typeof DEADLINE_UNITS)[number] }, ctx: z.RefinementCtx) => {
  if (v.amount > MAX_AMOUNT[v.unit]) {
    ctx.addIssue({ code: 'custom', path: ['amount'], message: `at most ${MAX_AMOUNT[v.unit]} for ${v.unit}` });
  }
};

export const DueDateQuerySchema = z
  .object({
    from: z.iso
      .datetime({ offset: true })
      .refine((v) => {
        const y = new Date(v).getUTCFullYear();
        return y >= MIN_YEAR && y <= MAX_YEAR;
      }, `year between ${MIN_YEAR} and ${MAX_YEAR}`)
      .describe('The moment of receipt, ISO 8601 with a zone offset, e.g. 2026-02-13T16:00:00+07:00'),
    amount: z.coerce.number().int().min(0).describe('The time limit, a whole number'),
    unit: z.enum(DEADLINE_UNITS).describe('working_days, hours (working hours) or days (calendar days)'),
  })
  .superRefine(amountWithinUnit);
export type DueDateQuery = z.infer<typeof DueDateQuerySchema>;

export const CalendarDaySchema = z.object({
  date: z.string().describe('YYYY-MM-DD'),
  name: z.string().describe('In the caller’s language (Vietnamese, else English)'),
  kind: z.enum(CALENDAR_ENTRY_KINDS),
  confirmed: z.boolean().describe('false: the date is not yet decided by the government (provisional)'),
});
export type CalendarDay = z.infer<typeof CalendarDaySchema>;

export const RulesUsedSchema = z.object({
  timeZone: z.string(),
  cutoffHour: z.number().int().describe('Receipts after this hour count from the next working day'),
  officeHours: z.array(z.object({ start: z.string(), end: z.string() })),
  saturdaysCount: z.boolean(),
  deadlineEndOfDay: z.enum(['office_close', 'midnight']),
  calendarDaysRollForward: z.boolean(),
});

export const DueDateResponseSchema = z.object({
  from: z.string().describe('The receipt as a UTC instant'),
  amount: z.number().int(),
  unit: z.enum(DEADLINE_UNITS),
  receivedOn: z.string().describe('The legal day of receipt, YYYY-MM-DD in Vietnam, after the cut-off and day-off rules'),
  startsCountingAt: z.string().describe('UTC instant from which the limit runs'),
  due: z.string().describe('UTC instant'),
  dueDate: z.string().describe('YYYY-MM-DD in Vietnam'),
  dueLocal: z.string().describe('dd/mm/yyyy HH:mm in Vietnam'),
  skipped: z.array(CalendarDaySchema).describe('Holidays and days off passed over'),
  workingSaturdays: z.array(CalendarDaySchema).describe('Swapped working Saturdays counted as working days'),
  provisional: z.boolean().describe('true when a provisional calendar entry affected the result'),
  yearsWithoutCalendar: z.array(z.number().int()).describe('Years crossed for which no holidays are entered: the result may miss some'),
  rulesUsed: RulesUsedSchema,
});
export type DueDateResponse = z.infer<typeof DueDateResponseSchema>;

export const HolidaySchema = z.object({
  id: z.number().int(),
  date: z.string().describe('YYYY-MM-DD'),
  kind: z.enum(CALENDAR_ENTRY_KINDS).describe('HOLIDAY, COMPENSATORY_DAY_OFF or WORKING_SATURDAY (a swapped working day on a weekend)'),
  nameVi: z.string(),
  nameEn: z.string(),
  decidingDocument: z.string(),
  confirmed: z.boolean(),
});
export type Holiday = z.infer<typeof HolidaySchema>;

export const YearQuerySchema = z.object({
  year: z.preprocess(blankToUndefined, z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional()),
});

export const HolidayListResponseSchema = z.object({
  year: z.number().int(),
  items: z.array(HolidaySchema),
  yearRange: z.object({ first: z.number().int(), last: z.number().int() }).nullable().describe('First and last years with entries'),
});
export type HolidayListResponse = z.infer<typeof HolidayListResponseSchema>;

export const HolidayCreateBodySchema = z.strictObject({
  date: z.iso
    .date()
    .refine((d) => Number(d.slice(0, 4)) >= MIN_YEAR && Number(d.slice(0, 4)) <= MAX_YEAR, `year between ${MIN_YEAR} and ${MAX_YEAR}`),
  kind: z.enum(CALENDAR_ENTRY_KINDS),
  nameVi: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  decidingDocument: z.string().trim().min(1).max(500),
  confirmed: z.boolean().default(true),
});
export type HolidayCreateInput = z.infer<typeof HolidayCreateBodySchema>;

/** The add form posts text; it is checked against HolidayCreateBodySchema so errors can be shown beside the form. */
export const HolidayFormBodySchema = z.strictObject({
  date: z.string().max(40).default(''),
  kind: z.string().max(40).default(''),
  nameVi: z.string().max(1000).default(''),
  nameEn: z.string().max(1000).default(''),
  decidingDocument: z.string().max(2000).default(''),
  confirmed: z.string().max(10).optional(),
});
export type HolidayForm = z.infer<typeof HolidayFormBodySchema>;

/** The calculator is a GET form of text fields, checked by the handler so errors show in place. */
export const CalculatorQuerySchema = z.object({
  fromDate: z.string().max(40).optional(),
  fromTime: z.string().max(40).optional(),
  amount: z.string().max(40).optional(),
  unit: z.string().max(40).optional(),
});
export type CalculatorQuery = z.infer<typeof CalculatorQuerySchema>;
