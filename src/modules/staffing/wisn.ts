/**
 * WHO Workload Indicators of Staffing Need (WISN), pure (../shared/domain.md §10).
 *
 * Project rules (written here and in the OpenAPI description of POST /api/v1/staffing/wisn):
 *  - One internal time base: every time input is converted to MINUTES on entry; AWT, unit times,
 *    CAS and IAS are all computed in minutes. Hours are only derived for output.
 *  - Nothing is rounded here; rounding is for display only (pages).
 *  - Support activities (CAS) given per MONTH are converted with × 12 to a time per year and then
 *    treated as a per-year standard (CAS% = timePerYear / AWT × 100). The WHO manual only gives
 *    day, week and year conversions; this is the project's documented rule.
 *  - Inputs that make AWT ≤ 0 or TotalCAS% ≥ 100 are refused (CAF undefined); the WISN ratio and
 *    pressure are null (undefined) when the required staff is 0. Difference = actual − required.
 *  - A (possible working days) is taken as given, or computed as weeksPerYear × daysPerWeek.
 */
import type { WisnInput, WisnResult } from './staffing.schemas.ts';

export const WISN_FORMULA_VERSION = 'WISN-WHO-2010/cadre-1';

export const SERVICE_STANDARD_UNITS = ['minutes_per_item', 'hours_per_item', 'items_per_hour', 'items_per_day'] as const;
export type ServiceStandardUnit = (typeof SERVICE_STANDARD_UNITS)[number];
export const TIME_UNITS = ['minutes', 'hours'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];
export const CAS_PERIODS = ['day', 'week', 'month', 'year'] as const;
export type CasPeriod = (typeof CAS_PERIODS)[number];

/** Units attached to every figure of the result. */
export const FIGURE_UNITS = [
  'days',
  'days/week',
  'weeks/year',
  'hours/day',
  'hours/year',
  'minutes/year',
  'minutes/item',
  'items/hour',
  'items/year',
  'items/year/staff',
  'minutes',
  'minutes/year/person',
  'hours/year/person',
  'persons',
  'percent',
  'factor',
  'staff',
  'ratio',
] as const;
export type FigureUnit = (typeof FIGURE_UNITS)[number];

export const WISN_PROBLEM_REASONS = [
  'notFinite',
  'negative',
  'mustBePositive',
  'awtNotPositive',
  'casTotalTooHigh',
  'resultNotFinite',
] as const;
export type WisnProblemReason = (typeof WISN_PROBLEM_REASONS)[number];
export type WisnProblem = { path: string; reason: WisnProblemReason };

export type WisnOutcome = { ok: true; result: WisnResult } | { ok: false; problems: WisnProblem[] };

const MINUTES_PER_HOUR = 60;
const MONTHS_PER_YEAR = 12;
const DEFAULT_WEEKS_PER_YEAR = 52;

export const toMinutes = (value: number, unit: TimeUnit): number => (unit === 'hours' ? value * MINUTES_PER_HOUR : value);

/** Unrounded numbers as written in a trace. */
const n = (x: number): string => String(x);

type Figure = { value: number; unit: FigureUnit };
const fig = (value: number, unit: FigureUnit): Figure => ({ value, unit });

/** Checks one number: finite, and ≥ 0 (or > 0 when `positive`). */
function checkNumber(problems: WisnProblem[], path: string, value: number, positive = false): void {
  if (!Number.isFinite(value)) problems.push({ path, reason: 'notFinite' });
  else if (value < 0) problems.push({ path, reason: 'negative' });
  else if (positive && value === 0) problems.push({ path, reason: 'mustBePositive' });
}

function checkInput(input: WisnInput): WisnProblem[] {
  const p: WisnProblem[] = [];
  const w = input.workingTime;
  if (w.possibleWorkingDays !== undefined) checkNumber(p, 'workingTime.possibleWorkingDays', w.possibleWorkingDays);
  if (w.weeksPerYear !== undefined) checkNumber(p, 'workingTime.weeksPerYear', w.weeksPerYear);
  checkNumber(p, 'workingTime.daysPerWeek', w.daysPerWeek, true);
  checkNumber(p, 'workingTime.publicHolidayDays', w.publicHolidayDays);
  checkNumber(p, 'workingTime.annualLeaveDays', w.annualLeaveDays);
  checkNumber(p, 'workingTime.sickLeaveDays', w.sickLeaveDays);
  checkNumber(p, 'workingTime.otherAbsenceDays', w.otherAbsenceDays);
  checkNumber(p, 'workingTime.hoursPerDay', w.hoursPerDay, true);
  input.service.forEach((s, i) => {
    checkNumber(p, `service.${i}.annualWorkload`, s.annualWorkload);
    checkNumber(p, `service.${i}.standard`, s.standard, true);
  });
  input.support.forEach((s, i) => {
    checkNumber(p, `support.${i}.time`, s.time);
  });
  input.additional.forEach((a, i) => {
    checkNumber(p, `additional.${i}.timePerPerson`, a.timePerPerson);
    checkNumber(p, `additional.${i}.persons`, a.persons);
  });
  checkNumber(p, 'actualStaff', input.actualStaff);
  return p;
}

/** Every number anywhere in the result must be finite (never NaN or ±Infinity). */
function allFinite(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(allFinite);
  if (v && typeof v === 'object') return Object.values(v).every(allFinite);
  return true;
}

const SERVICE_UNIT_LABEL: Record<ServiceStandardUnit, string> = {
  minutes_per_item: 'min/item',
  hours_per_item: 'h/item',
  items_per_hour: 'items/h',
  items_per_day: 'items/day',
};

export function computeWisn(input: WisnInput): WisnOutcome {
  const problems = checkInput(input);
  if (problems.length > 0) return { ok: false, problems };
  const w = input.workingTime;
  const trace: WisnResult['trace'] = [];

  // Step 2: available working time.
  const weeksPerYear = w.weeksPerYear ?? DEFAULT_WEEKS_PER_YEAR;
  const aGiven = w.possibleWorkingDays !== undefined;
  const A = w.possibleWorkingDays ?? weeksPerYear * w.daysPerWeek;
  if (!aGiven)
    trace.push({ step: 'A', formula: 'A = weeksPerYear × daysPerWeek', values: `${n(weeksPerYear)} × ${n(w.daysPerWeek)} = ${n(A)} days` });
  const absence = w.publicHolidayDays + w.annualLeaveDays + w.sickLeaveDays + w.otherAbsenceDays;
  const workingDays = A - absence;
  const h = w.hoursPerDay;
  const awtHours = workingDays * h;
  const awtMin = awtHours * MINUTES_PER_HOUR;
  trace.push({
    step: 'AWT',
    formula: 'AWT = [A − (B + C + D + E)] × h',
    values: `[${n(A)} − (${n(w.publicHolidayDays)} + ${n(w.annualLeaveDays)} + ${n(w.sickLeaveDays)} + ${n(w.otherAbsenceDays)})] × ${n(h)} = ${n(awtHours)} h/year = ${n(awtMin)} min/year`,
  });
  if (!(awtMin > 0)) return { ok: false, problems: [{ path: 'workingTime', reason: 'awtNotPositive' }] };

  // Step 5: standard workload and staff need per service activity (all in minutes).
  const service = input.service.map((s, i) => {
    const perUnitMinutes =
      s.standardUnit === 'minutes_per_item' ? s.standard : s.standardUnit === 'hours_per_item' ? s.standard * MINUTES_PER_HOUR : null;
    const ratePerHour = s.standardUnit === 'items_per_hour' ? s.standard : s.standardUnit === 'items_per_day' ? s.standard / h : null;
    let standardWorkload: number;
    if (perUnitMinutes !== null) {
      standardWorkload = awtMin / perUnitMinutes;
      trace.push({
        step: `SW[service.${i}]`,
        formula: 'SW = AWT / unitTime',
        values: `${n(awtMin)} min/year / ${n(perUnitMinutes)} min/item = ${n(standardWorkload)} items/year/staff`,
      });
    } else {
      const rate = ratePerHour as number;
      standardWorkload = (awtMin / MINUTES_PER_HOUR) * rate;
      trace.push({
        step: `SW[service.${i}]`,
        formula:
          s.standardUnit === 'items_per_day' ? 'SW = AWT × rateOfWorking (rate per day / h = rate per hour)' : 'SW = AWT × rateOfWorking',
        values: `${n(awtMin / MINUTES_PER_HOUR)} h/year × ${n(rate)} items/h = ${n(standardWorkload)} items/year/staff`,
      });
    }
    const staffNeed = s.annualWorkload / standardWorkload;
    trace.push({
      step: `need[service.${i}]`,
      formula: 'need = annualWorkload / SW',
      values: `${n(s.annualWorkload)} / ${n(standardWorkload)} = ${n(staffNeed)} staff`,
    });
    return {
      name: s.name,
      annualWorkload: fig(s.annualWorkload, 'items/year'),
      standard: { value: s.standard, unit: s.standardUnit, label: SERVICE_UNIT_LABEL[s.standardUnit] },
      unitTime: perUnitMinutes === null ? null : fig(perUnitMinutes, 'minutes/item'),
      rateOfWorking: ratePerHour === null ? null : fig(ratePerHour, 'items/hour'),
      standardWorkload: fig(standardWorkload, 'items/year/staff'),
      staffNeed: fig(staffNeed, 'staff'),
    };
  });

  // Step 6: category allowance standards (CAS) and factor (CAF).
  const dayMin = h * MINUTES_PER_HOUR;
  const support = input.support.map((s, i) => {
    const t = toMinutes(s.time, s.timeUnit);
    let cas: number;
    let formula: string;
    let values: string;
    if (s.per === 'day') {
      cas = (t / dayMin) * 100;
      formula = 'CAS% = timePerDay / h × 100';
      values = `${n(t)} min / ${n(dayMin)} min × 100 = ${n(cas)} %`;
    } else if (s.per === 'week') {
      cas = (t / (dayMin * w.daysPerWeek)) * 100;
      formula = 'CAS% = timePerWeek / (h × workingDaysPerWeek) × 100';
      values = `${n(t)} min / (${n(dayMin)} min × ${n(w.daysPerWeek)}) × 100 = ${n(cas)} %`;
    } else if (s.per === 'month') {
      cas = ((t * MONTHS_PER_YEAR) / awtMin) * 100;
      formula = 'CAS% = (timePerMonth × 12) / AWT × 100 (project rule: a month is 1/12 of a year)';
      values = `(${n(t)} min × 12) / ${n(awtMin)} min × 100 = ${n(cas)} %`;
    } else {
      cas = (t / awtMin) * 100;
      formula = 'CAS% = timePerYear / AWT × 100';
      values = `${n(t)} min / ${n(awtMin)} min × 100 = ${n(cas)} %`;
    }
    trace.push({ step: `CAS[support.${i}]`, formula, values });
    return { name: s.name, time: fig(t, 'minutes'), per: s.per, casPercent: fig(cas, 'percent') };
  });
  const totalCas = support.reduce((sum, s) => sum + s.casPercent.value, 0);
  trace.push({
    step: 'TotalCAS',
    formula: 'TotalCAS% = Σ CAS%',
    values: `${support.map((s) => n(s.casPercent.value)).join(' + ') || '0'} = ${n(totalCas)} %`,
  });
  if (!(totalCas < 100)) return { ok: false, problems: [{ path: 'support', reason: 'casTotalTooHigh' }] };
  const caf = 1 / (1 - totalCas / 100);
  trace.push({ step: 'CAF', formula: 'CAF = 1 / (1 − TotalCAS% / 100)', values: `1 / (1 − ${n(totalCas)} / 100) = ${n(caf)}` });

  // Individual allowance standards (IAS) and factor (IAF).
  const additional = input.additional.map((a, i) => {
    const perPerson = toMinutes(a.timePerPerson, a.timeUnit);
    const ias = perPerson * a.persons;
    trace.push({
      step: `IAS[additional.${i}]`,
      formula: 'IAS = timePerYearPerPerson × personsDoingIt',
      values: `${n(perPerson)} min/year × ${n(a.persons)} = ${n(ias)} min/year = ${n(ias / MINUTES_PER_HOUR)} h/year`,
    });
    return {
      name: a.name,
      timePerPerson: fig(perPerson / MINUTES_PER_HOUR, 'hours/year/person'),
      persons: fig(a.persons, 'persons'),
      ias: fig(ias / MINUTES_PER_HOUR, 'hours/year'),
    };
  });
  const totalIasMin = input.additional.reduce((sum, a) => sum + toMinutes(a.timePerPerson, a.timeUnit) * a.persons, 0);
  const iaf = totalIasMin / awtMin;
  trace.push({
    step: 'IAF',
    formula: 'IAF = TotalIAS / AWT',
    values: `${n(totalIasMin)} min/year / ${n(awtMin)} min/year = ${n(iaf)} staff`,
  });

  // Step 7: required staff.
  const aReq = service.reduce((sum, s) => sum + s.staffNeed.value, 0);
  trace.push({
    step: 'A_req',
    formula: 'A_req = Σ (annualWorkload / SW)',
    values: `${service.map((s) => n(s.staffNeed.value)).join(' + ') || '0'} = ${n(aReq)} staff`,
  });
  const required = aReq * caf + iaf;
  trace.push({
    step: 'required',
    formula: 'RequiredStaff = A_req × CAF + IAF',
    values: `${n(aReq)} × ${n(caf)} + ${n(iaf)} = ${n(required)} staff`,
  });

  // Step 8: analysis.
  const actual = input.actualStaff;
  const difference = actual - required;
  trace.push({
    step: 'difference',
    formula: 'WISNdifference = actualStaff − requiredStaff',
    values: `${n(actual)} − ${n(required)} = ${n(difference)} staff`,
  });
  const ratio = required > 0 ? actual / required : null;
  const pressure = ratio === null ? null : 1 - ratio;
  trace.push({
    step: 'ratio',
    formula: 'WISNratio = actualStaff / requiredStaff; pressure = 1 − WISNratio',
    values:
      ratio === null
        ? 'requiredStaff = 0: ratio undefined'
        : `${n(actual)} / ${n(required)} = ${n(ratio)}; 1 − ${n(ratio)} = ${n(pressure as number)}`,
  });

  const result: WisnResult = {
    formulaVersion: WISN_FORMULA_VERSION,
    timeBase: 'minutes',
    availableWorkingTime: {
      possibleWorkingDays: fig(A, 'days'),
      possibleWorkingDaysComputed: !aGiven,
      weeksPerYear: fig(weeksPerYear, 'weeks/year'),
      daysPerWeek: fig(w.daysPerWeek, 'days/week'),
      absenceDays: fig(absence, 'days'),
      workingDays: fig(workingDays, 'days'),
      hoursPerDay: fig(h, 'hours/day'),
      hours: fig(awtHours, 'hours/year'),
      minutes: fig(awtMin, 'minutes/year'),
    },
    service,
    support,
    totalCasPercent: fig(totalCas, 'percent'),
    caf: fig(caf, 'factor'),
    additional,
    totalIas: fig(totalIasMin / MINUTES_PER_HOUR, 'hours/year'),
    iaf: fig(iaf, 'staff'),
    serviceStaff: fig(aReq, 'staff'),
    requiredStaff: fig(required, 'staff'),
    actualStaff: fig(actual, 'staff'),
    difference: fig(difference, 'staff'),
    ratio: ratio === null ? null : fig(ratio, 'ratio'),
    pressure: pressure === null ? null : fig(pressure, 'ratio'),
    trace,
  };
  if (!allFinite(result)) return { ok: false, problems: [{ path: '', reason: 'resultNotFinite' }] };
  return { ok: true, result };
}
