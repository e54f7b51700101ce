import { MAX_ROWS } from './staffing.schemas.ts';
import { CAS_PERIODS, SERVICE_STANDARD_UNITS, TIME_UNITS } from './wisn.ts';

/**
 * The calculator form as strings (what the user typed, kept on every answer), and its mapping to
 * the API's input. Field names are the input's paths ("service.0.standard"), so a problem's path
 * names the control it belongs to.
 */
export const WORKING_TIME_FIELDS = [
  'possibleWorkingDays',
  'weeksPerYear',
  'daysPerWeek',
  'publicHolidayDays',
  'annualLeaveDays',
  'sickLeaveDays',
  'otherAbsenceDays',
  'hoursPerDay',
] as const;
export type WorkingTimeField = (typeof WORKING_TIME_FIELDS)[number];

export const ROW_FIELDS = {
  service: ['name', 'annualWorkload', 'standard', 'standardUnit'],
  support: ['name', 'time', 'timeUnit', 'per'],
  additional: ['name', 'timePerPerson', 'timeUnit', 'persons'],
} as const;
export type RowKind = keyof typeof ROW_FIELDS;
export const ROW_KINDS = Object.keys(ROW_FIELDS) as RowKind[];
type RowOf<K extends RowKind> = Record<(typeof ROW_FIELDS)[K][number], string>;

export type WisnFormValues = {
  workingTime: Record<WorkingTimeField, string>;
  service: RowOf<'service'>[];
  support: RowOf<'support'>[];
  additional: RowOf<'additional'>[];
  actualStaff: string;
};

/** Fields that hold a unit choice (a select), not typed text: they never make a row non-blank. */
const CHOICE_FIELDS = new Set(['standardUnit', 'timeUnit', 'per']);

export function blankRow<K extends RowKind>(kind: K): RowOf<K> {
  const rows = {
    service: { name: '', annualWorkload: '', standard: '', standardUnit: SERVICE_STANDARD_UNITS[0] },
    support: { name: '', time: '', timeUnit: TIME_UNITS[0], per: CAS_PERIODS[0] },
    additional: { name: '', timePerPerson: '', timeUnit: TIME_UNITS[1], persons: '' },
  };
  return { ...rows[kind] } as RowOf<K>;
}

const INITIAL_ROWS: Record<RowKind, number> = { service: 3, support: 2, additional: 2 };

/** A fresh form: the 5-day, 8-hour week of domain.md §8 and the 11 public-holiday days of Labour Code art. 112. */
export function formDefaults(): WisnFormValues {
  return {
    workingTime: {
      possibleWorkingDays: '',
      weeksPerYear: '52',
      daysPerWeek: '5',
      publicHolidayDays: '11',
      annualLeaveDays: '0',
      sickLeaveDays: '0',
      otherAbsenceDays: '0',
      hoursPerDay: '8',
    },
    service: Array.from({ length: INITIAL_ROWS.service }, () => blankRow('service')),
    support: Array.from({ length: INITIAL_ROWS.support }, () => blankRow('support')),
    additional: Array.from({ length: INITIAL_ROWS.additional }, () => blankRow('additional')),
    actualStaff: '',
  };
}

export type FormBody = Record<string, string | string[] | undefined>;
const single = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

function rowsOf<K extends RowKind>(body: FormBody, kind: K): RowOf<K>[] {
  const rows: RowOf<K>[] = [];
  for (let i = 0; i < MAX_ROWS; i++) {
    const fields = ROW_FIELDS[kind];
    if (!fields.some((f) => body[`${kind}.${i}.${f}`] !== undefined)) continue;
    const row = blankRow(kind);
    for (const f of fields) {
      const v = body[`${kind}.${i}.${f}`];
      if (v !== undefined) (row as Record<string, string>)[f] = single(v);
    }
    rows.push(row);
  }
  return rows;
}

/** The posted form as values, plus the section whose "add a row" button was pressed (if any). */
export function valuesFromForm(body: FormBody): { values: WisnFormValues; add: RowKind | null } {
  const workingTime = Object.fromEntries(WORKING_TIME_FIELDS.map((f) => [f, single(body[`workingTime.${f}`])])) as Record<
    WorkingTimeField,
    string
  >;
  const addRaw = single(body.add);
  const add = (ROW_KINDS as string[]).includes(addRaw) ? (addRaw as RowKind) : null;
  return {
    values: {
      workingTime,
      service: rowsOf(body, 'service'),
      support: rowsOf(body, 'support'),
      additional: rowsOf(body, 'additional'),
      actualStaff: single(body.actualStaff),
    },
    add,
  };
}

export function isBlankRow(row: Record<string, string>): boolean {
  return Object.entries(row).every(([k, v]) => CHOICE_FIELDS.has(k) || v.trim() === '');
}

/** Adds a blank row to one section (up to the maximum). */
export function withRowAdded(values: WisnFormValues, kind: RowKind): WisnFormValues {
  const rows = values[kind] as Record<string, string>[];
  if (rows.length >= MAX_ROWS) return values;
  return { ...values, [kind]: [...rows, blankRow(kind)] };
}

/** Drops blank rows (so problem paths match the rows shown), then leaves one blank row per section to type into. */
export function compacted(values: WisnFormValues): WisnFormValues {
  const keep = <K extends RowKind>(kind: K) => {
    const rows = (values[kind] as RowOf<K>[]).filter((r) => !isBlankRow(r));
    return rows.length < MAX_ROWS ? [...rows, blankRow(kind)] : rows;
  };
  return { ...values, service: keep('service'), support: keep('support'), additional: keep('additional') };
}

/**
 * Typed text → number: blank → absent (the schema then says "required" where it is), a decimal
 * with a point or a comma → the number; anything else stays text so the schema refuses it.
 */
export function toNumber(s: string): number | string | undefined {
  const v = s.trim();
  if (v === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (/^-?\d+,\d+$/.test(v)) return Number(v.replace(',', '.'));
  return v;
}

/** The API input the (compacted) form stands for; blank rows are left out. */
export function inputFromValues(values: WisnFormValues): Record<string, unknown> {
  const w = values.workingTime;
  const workingTime = Object.fromEntries(WORKING_TIME_FIELDS.map((f) => [f, toNumber(w[f])]).filter(([, v]) => v !== undefined)) as Record<
    string,
    unknown
  >;
  const nonBlank = <R extends Record<string, string>>(rows: R[]) => rows.filter((r) => !isBlankRow(r));
  return {
    workingTime,
    service: nonBlank(values.service).map((r) => ({
      name: r.name,
      annualWorkload: toNumber(r.annualWorkload),
      standard: toNumber(r.standard),
      standardUnit: r.standardUnit,
    })),
    support: nonBlank(values.support).map((r) => ({ name: r.name, time: toNumber(r.time), timeUnit: r.timeUnit, per: r.per })),
    additional: nonBlank(values.additional).map((r) => ({
      name: r.name,
      timePerPerson: toNumber(r.timePerPerson),
      timeUnit: r.timeUnit,
      persons: toNumber(r.persons),
    })),
    actualStaff: toNumber(values.actualStaff),
  };
}
