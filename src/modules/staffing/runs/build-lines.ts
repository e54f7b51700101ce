/**
 * Pure builder of a province WISN run (issue 5 §2–3, domain.md §10.3): from workload counts,
 * service standards, the rules, calendar figures and staff counts → one WisnInput per current
 * unit × staff category → computeWisn (../wisn.ts, never re-implemented here) → RunLine.
 *
 * Rules of the run (also in the OpenAPI description of POST /api/v1/staffing/runs):
 *  - A (possible working days) = the year's Mondays–Fridays + swapped working Saturdays;
 *    B = holidays and compensatory days off of the year that fall on Mondays–Fridays.
 *    C, D, E, h and days per week come from the rule staffing.leavePolicy.
 *  - PROCESSING: dossiers RECEIVED in the period, counted at the COMPETENT unit, per procedure,
 *    in the category the rule staffing.wisnStandards maps the procedure's field to.
 *    RECEPTION: the same dossiers counted at the RECEIVING unit per channel, in the reception
 *    category (ONE_STOP), with the rule's minutes per channel (boundary-free reception).
 *  - Annualisation: a period of N < 365 days is scaled × 365 / N; 365 or 366 days count as they are.
 *  - A line exists for a unit × category with workload or with staff. A line without any
 *    dossier is NO_WORKLOAD: the formulas still run (support and additional activities only)
 *    and are kept for the record, but the line gets no colour band and stays out of the totals.
 *  - Categories without service activities (OFFICE, FINANCE_PLANNING …) get no line: WISN needs
 *    service statistics. The run's notes say which were left out and how many staff they hold.
 *  - Status from the ratio actual / required: < shortageBelow SHORTAGE, > surplusAbove SURPLUS,
 *    otherwise BALANCED; NO_WORKLOAD when the ratio is undefined; REFUSED when the formulas refuse.
 */
import type { StaffingLeavePolicy, StaffingWisnStandards } from '../../../platform/rules/defaults/staffing-wisn.config.ts';
import { addDays, weekdayOf } from '../../calendar/zoned-time.ts';
import { MAX_ROWS, type WisnInput } from '../staffing.schemas.ts';
import { computeWisn } from '../wisn.ts';
import type { RunLine, RunNote, StaffingRun, WisnStatus } from './run.schemas.ts';

export const CHANNELS = ['COUNTER', 'ONLINE', 'POST'] as const;
export type Channel = (typeof CHANNELS)[number];
/** dossiers.channel: 1 in person, 2 online, 3 by post. */
export const CHANNEL_OF_CODE: Readonly<Record<number, Channel>> = { 1: 'COUNTER', 2: 'ONLINE', 3: 'POST' };

const RECEPTION_NAME: Record<Channel, string> = {
  COUNTER: 'Tiếp nhận hồ sơ trực tiếp',
  ONLINE: 'Tiếp nhận hồ sơ trực tuyến',
  POST: 'Tiếp nhận hồ sơ qua bưu chính',
};

export type UnitInfo = { id: number; code: string; name: string; kind: string };
export type ProcessingCount = { unitId: number; procedureCode: string; procedureName: string; field: string; dossiers: number };
export type ReceptionCount = { unitId: number; channel: Channel; dossiers: number };
export type StaffCount = { unitId: number; category: string; staff: number };
export type StandardUsed = { minutesPerDossier: number; source: string };
export type Expertise = RunLine['expertise'];
export type CalendarFigures = StaffingRun['calendar'];

export type CalendarDay = { date: string; kind: 'HOLIDAY' | 'COMPENSATORY_DAY_OFF' | 'WORKING_SATURDAY'; name: string };

/**
 * Splits the one-pass grouped counts (competent unit × procedure version × receiving unit ×
 * channel) into PROCESSING counts per competent unit and national code (versions of one code
 * add up; the name is the latest version's) and RECEPTION counts per receiving unit and channel.
 * Rows of an unknown procedure version or channel are dropped (the foreign key rules them out).
 */
export function splitWorkload(
  rows: readonly { competentUnitId: number; procedureId: number; receivingUnitId: number; channel: number; dossiers: number }[],
  procedures: readonly { id: number; code: string; name: string; field: string }[],
): { processing: ProcessingCount[]; reception: ReceptionCount[] } {
  const byId = new Map(procedures.map((p) => [p.id, p]));
  const latestName = new Map<string, { id: number; name: string }>();
  for (const p of procedures) {
    const seen = latestName.get(p.code);
    if (!seen || p.id > seen.id) latestName.set(p.code, { id: p.id, name: p.name });
  }
  const processing = new Map<string, ProcessingCount>();
  const reception = new Map<string, ReceptionCount>();
  for (const r of rows) {
    const p = byId.get(r.procedureId);
    if (p) {
      const key = `${r.competentUnitId}|${p.code}|${p.field}`;
      const acc = processing.get(key);
      if (acc) acc.dossiers += r.dossiers;
      else
        processing.set(key, {
          unitId: r.competentUnitId,
          procedureCode: p.code,
          procedureName: latestName.get(p.code)?.name ?? p.name,
          field: p.field,
          dossiers: r.dossiers,
        });
    }
    const channel = CHANNEL_OF_CODE[r.channel];
    if (channel) {
      const key = `${r.receivingUnitId}|${channel}`;
      const acc = reception.get(key);
      if (acc) acc.dossiers += r.dossiers;
      else reception.set(key, { unitId: r.receivingUnitId, channel, dossiers: r.dossiers });
    }
  }
  return { processing: [...processing.values()], reception: [...reception.values()] };
}

/** A and B of one calendar year from the holiday calendar (see the rules above). */
export function calendarFigures(year: number, entries: readonly CalendarDay[]): CalendarFigures {
  let weekdays = 0;
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addDays(d, 1)) {
    const w = weekdayOf(d);
    if (w >= 1 && w <= 5) weekdays += 1;
  }
  const ofYear = entries.filter((e) => e.date.startsWith(`${year}-`));
  const swapped = ofYear.filter((e) => e.kind === 'WORKING_SATURDAY' && [0, 6].includes(weekdayOf(e.date))).length;
  const holidays = ofYear
    .filter((e) => e.kind !== 'WORKING_SATURDAY' && weekdayOf(e.date) >= 1 && weekdayOf(e.date) <= 5)
    .map((e) => ({ date: e.date, name: e.name }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { possibleWorkingDays: weekdays + swapped, publicHolidayDays: holidays.length, holidays };
}

/** Days from `from` to `to`, both included ('YYYY-MM-DD'). */
export function periodDays(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** × 365 / N for a period shorter than a year, else 1. */
export function annualisationFactor(days: number): number {
  return days > 0 && days < 365 ? 365 / days : 1;
}

export type BuildInput = {
  units: readonly UnitInfo[];
  processing: readonly ProcessingCount[];
  reception: readonly ReceptionCount[];
  staff: readonly StaffCount[];
  /** By procedure code; a missing code uses the rule's default (flagged). */
  standards: ReadonlyMap<string, StandardUsed>;
  leave: StaffingLeavePolicy;
  wisn: StaffingWisnStandards;
  calendar: CalendarFigures;
  periodFrom: string;
  periodTo: string;
  /** By `${unitId}:${category}`. */
  expertise: ReadonlyMap<string, Expertise>;
};

export type BuildOutput = { lines: RunLine[]; notes: RunNote[]; totals: StaffingRun['totals'] };

const NO_EXPERTISE: Expertise = { placed: 0, notMeeting: 0, gapCompetencies: [] };

export function statusOf(ratio: number | null, bands: StaffingWisnStandards['bands']): WisnStatus {
  if (ratio === null) return 'NO_WORKLOAD';
  if (ratio < bands.shortageBelow) return 'SHORTAGE';
  if (ratio > bands.surplusAbove) return 'SURPLUS';
  return 'BALANCED';
}

const applies = (categories: readonly string[] | null, category: string) => categories === null || categories.includes(category);

/**
 * A WISN input holds at most MAX_ROWS service activities (its schema's bound). Beyond that, the
 * smallest activities become one "other procedures" row whose workload is their sum and whose
 * unit time is their workload-weighted mean, so Σ workload × minutes (and every figure after
 * it) is unchanged; the line's sources still list each procedure.
 */
export function fitRows(service: WisnInput['service']): void {
  if (service.length <= MAX_ROWS) return;
  const keep = [...service].sort((x, y) => y.annualWorkload * y.standard - x.annualWorkload * x.standard);
  const rest = keep.splice(MAX_ROWS - 1);
  const workload = rest.reduce((n, r) => n + r.annualWorkload, 0);
  const minutes = rest.reduce((n, r) => n + r.annualWorkload * r.standard, 0);
  const merged = {
    name: `Các thủ tục khác (${rest.length})`,
    annualWorkload: workload,
    standard: workload > 0 ? minutes / workload : (rest[0]?.standard ?? 1),
    standardUnit: 'minutes_per_item' as const,
  };
  service.splice(0, service.length, ...keep, merged);
}

export function buildLines(input: BuildInput): BuildOutput {
  const { wisn, leave } = input;
  const days = periodDays(input.periodFrom, input.periodTo);
  const factor = annualisationFactor(days);
  const unitById = new Map(input.units.map((u) => [u.id, u]));
  const serviceCategories = new Set<string>([wisn.receptionCategory]);
  for (const c of Object.values(wisn.fieldCategories)) if (c) serviceCategories.add(c);

  type Acc = { processing: ProcessingCount[]; reception: ReceptionCount[]; staff: number };
  const acc = new Map<string, Acc>();
  const slot = (unitId: number, category: string): Acc => {
    const key = `${unitId}:${category}`;
    let a = acc.get(key);
    if (!a) {
      a = { processing: [], reception: [], staff: 0 };
      acc.set(key, a);
    }
    return a;
  };

  let outsideUnits = 0;
  let noCategory = 0;
  for (const p of input.processing) {
    const category = wisn.fieldCategories[p.field];
    if (!category) {
      noCategory += p.dossiers;
      continue;
    }
    if (!unitById.has(p.unitId)) {
      outsideUnits += p.dossiers;
      continue;
    }
    slot(p.unitId, category).processing.push(p);
  }
  for (const r of input.reception) {
    if (!unitById.has(r.unitId)) continue;
    slot(r.unitId, wisn.receptionCategory).reception.push(r);
  }
  const leftOutStaff = new Map<string, number>();
  for (const s of input.staff) {
    if (!unitById.has(s.unitId) || s.staff <= 0) continue;
    if (!serviceCategories.has(s.category)) {
      leftOutStaff.set(s.category, (leftOutStaff.get(s.category) ?? 0) + s.staff);
      continue;
    }
    slot(s.unitId, s.category).staff += s.staff;
  }

  const workingTime: WisnInput['workingTime'] = {
    possibleWorkingDays: input.calendar.possibleWorkingDays,
    daysPerWeek: leave.daysPerWeek,
    publicHolidayDays: input.calendar.publicHolidayDays,
    annualLeaveDays: leave.annualLeaveDays,
    sickLeaveDays: leave.sickLeaveDays,
    otherAbsenceDays: leave.otherAbsenceDays,
    hoursPerDay: leave.hoursPerDay,
  };

  const lines: RunLine[] = [];
  let defaults = 0;
  for (const [key, a] of acc) {
    const [unitIdText, category = ''] = key.split(':');
    const unit = unitById.get(Number(unitIdText)) as UnitInfo;
    const processing = [...a.processing].sort((x, y) =>
      x.procedureCode < y.procedureCode ? -1 : x.procedureCode > y.procedureCode ? 1 : 0,
    );
    const reception = CHANNELS.map((ch) => ({
      channel: ch,
      dossiers: a.reception.filter((r) => r.channel === ch).reduce((n, r) => n + r.dossiers, 0),
    })).filter((r) => r.dossiers > 0);
    const sources: RunLine['workloadSources'] = [];
    const service: WisnInput['service'] = [];
    for (const p of processing) {
      const std = input.standards.get(p.procedureCode);
      if (!std) defaults += 1;
      const minutes = std?.minutesPerDossier ?? wisn.defaultMinutesPerDossier;
      const standardSource =
        std?.source ?? `DEFAULT: staffing.wisnStandards ${wisn.version} defaultMinutesPerDossier (no stored standard for this procedure)`;
      sources.push({
        activity: 'PROCESSING',
        procedureCode: p.procedureCode,
        procedureName: p.procedureName,
        channel: null,
        dossiers: p.dossiers,
        minutesPerDossier: minutes,
        standardSource,
      });
      service.push({
        name: `${p.procedureCode} ${p.procedureName}`.slice(0, 200),
        annualWorkload: p.dossiers * factor,
        standard: minutes,
        standardUnit: 'minutes_per_item',
      });
    }
    for (const r of reception) {
      const minutes = wisn.receptionMinutes[r.channel];
      sources.push({
        activity: 'RECEPTION',
        procedureCode: null,
        procedureName: RECEPTION_NAME[r.channel],
        channel: r.channel,
        dossiers: r.dossiers,
        minutesPerDossier: minutes,
        standardSource: `staffing.wisnStandards ${wisn.version} receptionMinutes.${r.channel}`,
      });
      service.push({
        name: RECEPTION_NAME[r.channel],
        annualWorkload: r.dossiers * factor,
        standard: minutes,
        standardUnit: 'minutes_per_item',
      });
    }
    if (service.length === 0 && a.staff === 0) continue;
    fitRows(service);
    const wisnInput: WisnInput = {
      workingTime,
      service,
      support: wisn.support
        .filter((s) => applies(s.categories, category))
        .map((s) => ({ name: s.name, time: s.time, timeUnit: s.timeUnit, per: s.per })),
      additional: wisn.additional
        .filter((s) => applies(s.categories, category))
        .map((s) => ({ name: s.name, timePerPerson: s.timePerPerson, timeUnit: s.timeUnit, persons: s.persons })),
      actualStaff: a.staff,
    };
    const outcome = computeWisn(wisnInput);
    const hasWorkload = service.some((s) => s.annualWorkload > 0);
    const base = {
      unitId: unit.id,
      unitCode: unit.code,
      unitName: unit.name,
      unitKind: unit.kind,
      field: category,
      input: wisnInput,
      workloadSources: sources,
      expertise: input.expertise.get(key) ?? NO_EXPERTISE,
    };
    if (!outcome.ok) {
      lines.push({
        ...base,
        status: 'REFUSED',
        result: null,
        refusal: outcome.problems.map((p) => `${p.path || 'input'}: ${p.reason}`).join('; '),
      });
      continue;
    }
    const ratio = outcome.result.ratio?.value ?? null;
    lines.push({
      ...base,
      status: hasWorkload ? statusOf(ratio, wisn.bands) : 'NO_WORKLOAD',
      result: outcome.result,
      refusal: null,
    });
  }
  lines.sort((x, y) => (x.unitCode < y.unitCode ? -1 : x.unitCode > y.unitCode ? 1 : x.field < y.field ? -1 : x.field > y.field ? 1 : 0));

  const notes: RunNote[] = [];
  const period = { from: input.periodFrom, to: input.periodTo, days };
  notes.push({ code: factor === 1 ? 'PERIOD_AS_YEAR' : 'PERIOD_ANNUALISED', params: period });
  if (leftOutStaff.size > 0) {
    const list = [...leftOutStaff].sort(([x], [y]) => (x < y ? -1 : 1)).map(([c, n]) => `${c} (${n})`);
    notes.push({ code: 'CATEGORIES_LEFT_OUT', params: { list: list.join(', ') } });
  }
  if (noCategory > 0) notes.push({ code: 'NO_CATEGORY', params: { count: noCategory } });
  if (outsideUnits > 0) notes.push({ code: 'OUTSIDE_UNITS', params: { count: outsideUnits } });
  if (defaults > 0) notes.push({ code: 'DEFAULT_MINUTES', params: { count: defaults } });
  if (input.calendar.publicHolidayDays === 0) notes.push({ code: 'NO_HOLIDAYS', params: {} });

  const banded = lines.filter((l) => l.status === 'SHORTAGE' || l.status === 'BALANCED' || l.status === 'SURPLUS');
  const count = (s: WisnStatus) => lines.filter((l) => l.status === s).length;
  const totals = {
    units: new Set(lines.map((l) => l.unitId)).size,
    lines: lines.length,
    shortage: count('SHORTAGE'),
    balanced: count('BALANCED'),
    surplus: count('SURPLUS'),
    requiredStaff: banded.reduce((s, l) => s + (l.result?.requiredStaff.value ?? 0), 0),
    actualStaff: banded.reduce((s, l) => s + l.input.actualStaff, 0),
  };
  return { lines, notes, totals };
}
