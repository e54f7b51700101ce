import { lastCompletePeriod } from './report-snapshot.ts';

/** The on-demand form's fields as strings (what a browser posts). */
export type ReportFormValues = { kind: string; year: string; month: string; quarter: string; unit: string };

/** The form's defaults on `today`: last month's report of the actor's scope (the usual request). */
export function blankReportForm(today: string, unit: string): ReportFormValues {
  const month = lastCompletePeriod('MONTH', today);
  const quarter = lastCompletePeriod('QUARTER', today);
  return {
    kind: 'MONTH',
    year: month.from.slice(0, 4),
    month: String(Number(month.from.slice(5, 7))),
    quarter: String((Number(quarter.from.slice(5, 7)) - 1) / 3 + 1),
    unit,
  };
}

const intOrRaw = (v: string | undefined) => (v !== undefined && /^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : v);

/**
 * A posted form as the API body: only the month of a monthly report and the quarter of a
 * quarterly one are kept (the form shows both selects); the schema checks the rest.
 */
export function formToReportBody(form: Record<string, string>): Record<string, unknown> {
  const kind = form.kind;
  return {
    kind,
    year: intOrRaw(form.year),
    ...(kind === 'MONTH' ? { month: intOrRaw(form.month) } : {}),
    ...(kind === 'QUARTER' ? { quarter: intOrRaw(form.quarter) } : {}),
    unit: form.unit ?? '',
  };
}
