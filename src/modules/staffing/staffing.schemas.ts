import { z } from 'zod';
import { CAS_PERIODS, FIGURE_UNITS, SERVICE_STANDARD_UNITS, TIME_UNITS, WISN_FORMULA_VERSION } from './wisn.ts';

/** Bounds keep every intermediate figure finite; they are far above any real commune's figures. */
const MAX_DAYS = 366;
const MAX_TIME = 1_000_000;
const MAX_WORKLOAD = 1_000_000_000;
export const MAX_ROWS = 50;

const Name = z.string().trim().min(1).max(200);
const Days = (what: string) => z.number().min(0).max(MAX_DAYS).describe(`${what}, in days per year`);

export const WorkingTimeSchema = z
  .strictObject({
    possibleWorkingDays: z
      .number()
      .min(0)
      .max(MAX_DAYS)
      .optional()
      .describe('A: possible working days in the year (days). When absent, A = weeksPerYear × daysPerWeek'),
    weeksPerYear: z.number().min(0).max(53).optional().describe('Weeks per year used to compute A when it is absent (weeks; default 52)'),
    daysPerWeek: z
      .number()
      .positive()
      .max(7)
      .default(5)
      .describe('Working days per week (days/week; default 5: the 40-hour, 5-day week of Decision 188/1999, domain §8)'),
    publicHolidayDays: Days('B: public-holiday days falling on working days, compensatory days off included'),
    annualLeaveDays: Days('C: annual leave'),
    sickLeaveDays: Days('D: sick leave'),
    otherAbsenceDays: Days('E: other absence (training, study, special leave)'),
    hoursPerDay: z.number().positive().max(24).default(8).describe('h: working hours per day (hours/day; default 8)'),
  })
  .describe('Components of the available working time (AWT) of one full-time staff member');

export const ServiceActivitySchema = z
  .strictObject({
    name: Name.describe('Service activity, e.g. a procedure: "Đăng ký khai sinh"'),
    annualWorkload: z.number().min(0).max(MAX_WORKLOAD).describe('Annual workload: number of items (dossiers) per year'),
    standard: z
      .number()
      .positive()
      .max(MAX_TIME)
      .describe('Service standard: a unit time (time per item) or a rate of working (items per time), in standardUnit'),
    standardUnit: z
      .enum(SERVICE_STANDARD_UNITS)
      .describe('minutes_per_item or hours_per_item: a unit time; items_per_hour or items_per_day: a rate of working'),
  })
  .describe('An activity every member of the cadre does, with annual statistics');

export const SupportActivitySchema = z
  .strictObject({
    name: Name.describe('Support activity, e.g. "Họp giao ban"'),
    time: z.number().min(0).max(MAX_TIME).describe('Category allowance standard: time spent, in timeUnit per `per`'),
    timeUnit: z.enum(TIME_UNITS).describe('minutes or hours'),
    per: z
      .enum(CAS_PERIODS)
      .describe(
        'Period of the standard. day: CAS% = t / h × 100; week: t / (h × daysPerWeek) × 100; year: t / AWT × 100; month (project rule): t × 12 is taken as a time per year, then t × 12 / AWT × 100',
      ),
  })
  .describe('An activity every member of the cadre does, without statistics (category allowance standard, CAS)');

export const AdditionalActivitySchema = z
  .strictObject({
    name: Name.describe('Additional activity, e.g. "Kế toán"'),
    timePerPerson: z.number().min(0).max(MAX_TIME).describe('Individual allowance standard: time per year per person, in timeUnit'),
    timeUnit: z.enum(TIME_UNITS).describe('minutes or hours (per year per person)'),
    persons: z.number().int().min(0).max(MAX_TIME).describe('Number of staff who do it'),
  })
  .describe('An activity only some members of the cadre do (individual allowance standard, IAS)');

export const WisnInputSchema = z
  .strictObject({
    workingTime: WorkingTimeSchema,
    service: z.array(ServiceActivitySchema).max(MAX_ROWS).default([]).describe('Service activities'),
    support: z.array(SupportActivitySchema).max(MAX_ROWS).default([]).describe('Support activities (CAS)'),
    additional: z.array(AdditionalActivitySchema).max(MAX_ROWS).default([]).describe('Additional activities (IAS)'),
    actualStaff: z.number().min(0).max(MAX_TIME).describe('Staff of the cadre in post (staff; full-time equivalents allowed)'),
  })
  .describe('What-if WISN input for one cadre (job position or field) of one unit');
export type WisnInput = z.output<typeof WisnInputSchema>;

export const WISN_EXAMPLE: z.input<typeof WisnInputSchema> = {
  workingTime: {
    daysPerWeek: 5,
    weeksPerYear: 52,
    publicHolidayDays: 11,
    annualLeaveDays: 12,
    sickLeaveDays: 3,
    otherAbsenceDays: 4,
    hoursPerDay: 8,
  },
  service: [
    { name: 'Đăng ký khai sinh', annualWorkload: 1200, standard: 30, standardUnit: 'minutes_per_item' },
    { name: 'Chứng thực bản sao', annualWorkload: 6000, standard: 12, standardUnit: 'items_per_hour' },
  ],
  support: [
    { name: 'Họp giao ban', time: 2, timeUnit: 'hours', per: 'week' },
    { name: 'Báo cáo tháng', time: 4, timeUnit: 'hours', per: 'month' },
  ],
  additional: [{ name: 'Kế toán', timePerPerson: 100, timeUnit: 'hours', persons: 1 }],
  actualStaff: 2,
};

const Figure = (description: string) =>
  z
    .object({ value: z.number().describe('Unrounded value'), unit: z.enum(FIGURE_UNITS).describe('Unit of the value') })
    .describe(description);

export const WisnResultSchema = z
  .object({
    formulaVersion: z.string().describe(`Formula set used (currently ${WISN_FORMULA_VERSION})`),
    timeBase: z.literal('minutes').describe('Every time input is converted to minutes on entry'),
    availableWorkingTime: z.object({
      possibleWorkingDays: Figure('A (days)'),
      possibleWorkingDaysComputed: z.boolean().describe('true when A was computed as weeksPerYear × daysPerWeek'),
      weeksPerYear: Figure('Weeks per year (weeks/year)'),
      daysPerWeek: Figure('Working days per week (days/week)'),
      absenceDays: Figure('B + C + D + E (days)'),
      workingDays: Figure('A − (B + C + D + E) (days)'),
      hoursPerDay: Figure('h (hours/day)'),
      hours: Figure('AWT in hours per year'),
      minutes: Figure('AWT in minutes per year'),
    }),
    service: z.array(
      z.object({
        name: z.string(),
        annualWorkload: Figure('Items per year'),
        standard: z
          .object({ value: z.number(), unit: z.enum(SERVICE_STANDARD_UNITS), label: z.string() })
          .describe('The standard as given'),
        unitTime: Figure('Unit time in minutes per item (null for a rate)').nullable(),
        rateOfWorking: Figure('Rate of working in items per hour (null for a unit time)').nullable(),
        standardWorkload: Figure('SW: items one staff member can do in a year (AWT / unitTime or AWT × rate)'),
        staffNeed: Figure('annualWorkload / SW (staff)'),
      }),
    ),
    support: z.array(
      z.object({
        name: z.string(),
        time: Figure('The standard converted to minutes (per `per`)'),
        per: z.enum(CAS_PERIODS),
        casPercent: Figure('CAS% of this activity (percent of working time)'),
      }),
    ),
    totalCasPercent: Figure('TotalCAS% = Σ CAS% (percent; always < 100)'),
    caf: Figure('CAF = 1 / (1 − TotalCAS% / 100) (factor ≥ 1)'),
    additional: z.array(
      z.object({
        name: z.string(),
        timePerPerson: Figure('Time per year per person (hours/year/person)'),
        persons: Figure('Staff doing it (persons)'),
        ias: Figure('IAS = time per person × persons (hours/year)'),
      }),
    ),
    totalIas: Figure('TotalIAS = Σ IAS (hours/year)'),
    iaf: Figure('IAF = TotalIAS / AWT (staff)'),
    serviceStaff: Figure('A_req = Σ annualWorkload / SW (staff for service activities)'),
    requiredStaff: Figure('RequiredStaff = A_req × CAF + IAF (staff)'),
    actualStaff: Figure('Staff in post (staff)'),
    difference: Figure('WISN difference = actual − required (staff; negative = shortage)'),
    ratio: Figure('WISN ratio = actual / required (< 1 shortage, > 1 surplus); null when required staff is 0').nullable(),
    pressure: Figure('Workload pressure = 1 − WISN ratio; null when the ratio is undefined').nullable(),
    trace: z
      .array(
        z.object({
          step: z.string(),
          formula: z.string(),
          values: z.string().describe('The formula with the unrounded values substituted'),
        }),
      )
      .describe('How each figure was obtained, step by step'),
  })
  .describe('Every intermediate figure, unrounded, with its unit');
export type WisnResult = z.infer<typeof WisnResultSchema>;
