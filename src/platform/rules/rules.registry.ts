import { z } from 'zod';

/**
 * Legal parameters that are not confirmed, or that change by decision, live here as typed
 * rules with an effective date (domain.md §12, house rule 13). The registry holds each
 * rule's schema and its default with the note of where the default comes from, so an
 * empty `rule_values` table still gives a complete, documented answer.
 */
type RuleDefinition<S extends z.ZodType> = {
  schema: S;
  default: z.infer<S>;
  /** Where the default comes from, and how sure we are (the [C]/[S]/[NC] tags of domain.md). */
  sourceNote: string;
};

function defineRule<S extends z.ZodType>(d: RuleDefinition<S>): RuleDefinition<S> {
  return d;
}

const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM (24-hour)');

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Office periods of a working day in local time, in order and not overlapping. */
export const OfficeHoursSchema = z
  .array(z.strictObject({ start: TimeOfDaySchema, end: TimeOfDaySchema }))
  .min(1)
  .max(4)
  .refine(
    (periods) =>
      periods.every(
        (p, i) => minutesOf(p.start) < minutesOf(p.end) && (i === 0 || minutesOf(periods[i - 1]?.end ?? '00:00') <= minutesOf(p.start)),
      ),
    'periods must be in order, each starting before it ends, without overlap',
  );
export type OfficeHours = z.infer<typeof OfficeHoursSchema>;

export const RULES = {
  'calendar.cutoffHour': defineRule({
    schema: z.number().int().min(0).max(24),
    default: 15,
    sourceNote:
      'domain.md §6.3 and §12 item 8 [NC]: dossiers received after 15:00 are passed on at the start of the next working day; no source is cited. 24 turns the cut-off off.',
  }),
  'calendar.officeHours': defineRule({
    schema: OfficeHoursSchema,
    default: [
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '17:00' },
    ],
    sourceNote:
      'Decision 188/1999/QĐ-TTg: 40-hour, 5-day week (domain.md §8 [C]). The daily hours themselves are set by each province; 07:30–11:30 and 13:00–17:00 is a placeholder [NC]. The last period’s end is the close of the working day (17:00, domain.md §8).',
  }),
  'calendar.saturdaysCount': defineRule({
    schema: z.boolean(),
    default: false,
    sourceNote:
      'domain.md §8 and §12 item 14 [NC]: whether a Saturday counts towards legal time limits is not confirmed; assume it does not (Decision 188/1999: Saturday and Sunday are off).',
  }),
  'calendar.deadlineEndOfDay': defineRule({
    schema: z.enum(['office_close', 'midnight']),
    default: 'office_close',
    sourceNote:
      'Civil Code 2015 Art. 148: a period in days ends at the end of its last day (domain.md §8 [C]); whether that means the close of office hours or midnight is not confirmed [NC]. Default: close of office hours.',
  }),
  'calendar.calendarDaysRollForward': defineRule({
    schema: z.boolean(),
    default: true,
    sourceNote:
      'Civil Code 2015 Art. 148(5): when the last day of a period is a weekly rest day or a public holiday, the period ends at the end of the next working day. Not recorded in domain.md §8: check against the official text.',
  }),
  'dossier.apologyLeadWorkingDays': defineRule({
    schema: z.number().int().min(0).max(30),
    default: 1,
    sourceNote:
      'Decree 61/2018 Art. 21 as summarised in domain.md §6.3 and §12 item 7 [NC]: the apology and new-appointment slip is sent at least 1 working day before the due date; no source is cited.',
  }),
  'dossier.codeFormat': defineRule({
    schema: z
      .string()
      .min(1)
      .max(80)
      .refine((f) => f.includes('{seq4}') && f.includes('{yymmdd}'), 'must contain {yymmdd} and {seq4}')
      .refine(
        (f) => /^(\{(agency|yymmdd|seq4)\}|[A-Za-z0-9.\-_/])+$/.test(f),
        'only {agency}, {yymmdd}, {seq4}, letters, digits and . - _ /',
      ),
    default: '{agency}-{yymmdd}-{seq4}',
    sourceNote:
      'Circular 01/2018/TT-VPCP Art. 19 (domain.md §6.5 [C]): agency identifier, reception date YYMMDD, 4-digit sequence within the day. Whether Circular 03/2025 keeps it is not confirmed [NC].',
  }),
  'dossier.agencyCodes': defineRule({
    schema: z.record(z.string().min(1).max(40), z.string().regex(/^[A-Za-z0-9.]{1,60}$/)),
    default: {},
    sourceNote:
      'Agency identifiers of Circular 10/2016/TT-BTTTT by administrative-unit code; how they were assigned to the post-2025 communes is not confirmed (domain.md §6.5 [NC]). A unit without an entry uses its administrative-unit code.',
  }),
} as const;

export type RuleKey = keyof typeof RULES;
export type RuleValue<K extends RuleKey> = z.infer<(typeof RULES)[K]['schema']>;
export const RULE_KEYS = Object.keys(RULES) as RuleKey[];

export function isRuleKey(v: unknown): v is RuleKey {
  return typeof v === 'string' && v in RULES;
}
