import { addDays, weekdayOf } from '../calendar/zoned-time.ts';
import { agencyCodeOf, formatDossierCode } from '../dossiers/dossier-code.ts';
import type { LifecycleState } from '../dossiers/lifecycle/state-machine.ts';
import type { DemoProcedure, DemoUnit, DossierPlan, DossiersPlan } from './generate-dossiers.ts';
// The mix by field is the regular generator's, so the history and the recent days look alike.
import { DOSSIERS_PER_UNIT_MONTH, FIELD_WEIGHT } from './generate-dossiers.ts';
import { mobilePhone, vietnameseName } from './names.ts';
import { createRng, deriveSeed } from './prng.ts';

/**
 * Opt-in dossier history before the regular demo window (`cadre seed demo --history-months N`),
 * so the staffing projection (issue 5 §4) has a trend and a seasonality to find. Plain data,
 * deterministic from the seed. The dossiers are lightweight: closed (status 10, result
 * returned), no timeline, rating or 766 facts, codes in the province's format on their own
 * reception days (all before the regular window, so they never collide with its codes).
 *
 * What makes them plausible [NC, demo]:
 *  - the same level as the regular generator at the end (DOSSIERS_PER_UNIT_MONTH, busier where
 *    more people live), then going back in time each field shrinks or grows by its own trend
 *    (land and construction growing, certification and residence falling as data is reused);
 *  - seasonality by calendar month: a Tết dip in January–February, peaks before the school
 *    year (July–August, education strongest) and at the year's end;
 *  - the online share rising towards the regular generator's shares (12 points a year);
 *  - counter filings on weekdays only, within office hours.
 * The catalogue's latest version of each procedure is used whatever the date: earlier
 * versions of the same procedures existed before the 2025 catalogue took effect.
 */

export type HistoryOptions = {
  seed: number;
  units: readonly DemoUnit[];
  provinceUnitCode: string;
  procedures: readonly DemoProcedure[];
  /** First day of the regular window ('YYYY-MM-DD'): the history ends the day before. */
  until: string;
  months: number;
  codeFormat: string;
  agencyCodes: Readonly<Record<string, string>>;
  /** Dossiers per unit and month at the end level (default DOSSIERS_PER_UNIT_MONTH); tests use a few. */
  perUnitMonth?: number;
};

export const MAX_HISTORY_MONTHS = 120;

/** Growth per year by field; a field not listed grows 2 % a year. */
export const FIELD_GROWTH: Record<string, number> = {
  LAND: 0.08,
  CONSTRUCTION: 0.1,
  HOUSEHOLD_BUSINESS: 0.05,
  SOCIAL_PROTECTION: 0.03,
  CIVIL_STATUS: 0,
  CERTIFICATION: -0.04,
  RESIDENCE: -0.05,
};
const DEFAULT_GROWTH = 0.02;

/** January … December: Tết dip, school-year and year-end peaks (averages 1 before the education boost). */
export const SEASON = [0.85, 0.6, 1, 1, 1.05, 1.1, 1.15, 1.2, 1, 0.95, 1.05, 1.2].map((v) => (v * 12) / 12.15);
const EDUCATION_BOOST: Record<number, number> = { 6: 1.6, 7: 1.6 };

const ONLINE_TARGET: Record<string, number> = { FULL: 0.95, PARTIAL: 0.8, NONE: 0 };
const ONLINE_RISE_PER_YEAR = 0.12;
const POST_SHARE = 0.05;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const VN_OFFSET = 7 * HOUR;

/** The months of the history ('YYYY-MM'), oldest first: `months` whole months plus the days before `until` in its month. */
export function historyMonths(until: string, months: number): string[] {
  const [y, m] = [Number(until.slice(0, 4)), Number(until.slice(5, 7))];
  const out: string[] = [];
  const partial = until.slice(8, 10) !== '01';
  for (let k = months; k >= (partial ? 0 : 1); k--) {
    const idx = y * 12 + (m - 1) - k;
    out.push(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

function daysOf(month: string, until: string): string[] {
  const days: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month) && d < until; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Latest version per national code, grouped by field. */
function byField(procedures: readonly DemoProcedure[]): Map<string, DemoProcedure[]> {
  const latest = new Map<string, DemoProcedure>();
  for (const p of procedures) {
    const q = latest.get(p.nationalCode);
    if (!q || q.effectiveFrom < p.effectiveFrom) latest.set(p.nationalCode, p);
  }
  const map = new Map<string, DemoProcedure[]>();
  for (const p of latest.values()) map.set(p.field, [...(map.get(p.field) ?? []), p]);
  return map;
}

/** The expected dossiers of one unit, field and month, before noise. */
export function expectedCount(perUnitMonth: number, unitFactor: number, field: string, month: string, until: string): number {
  const total = Object.values(FIELD_WEIGHT).reduce((a, b) => a + b, 0);
  const share = (FIELD_WEIGHT[field] ?? 0) / total;
  const calendarMonth = Number(month.slice(5, 7)) - 1;
  const season = (SEASON[calendarMonth] as number) * (field === 'EDUCATION' ? (EDUCATION_BOOST[calendarMonth] ?? 1) : 1);
  const monthsBefore =
    (Number(until.slice(0, 4)) - Number(month.slice(0, 4))) * 12 + (Number(until.slice(5, 7)) - Number(month.slice(5, 7)));
  const growth = FIELD_GROWTH[field] ?? DEFAULT_GROWTH;
  return perUnitMonth * unitFactor * share * season * (1 + growth) ** (-monthsBefore / 12);
}

/** The online share of a procedure `monthsBefore` months before the regular window. */
export function onlineShare(onlineLevel: string, monthsBefore: number): number {
  const target = ONLINE_TARGET[onlineLevel] ?? 0;
  if (target === 0) return 0;
  return Math.max(0.05, target - (ONLINE_RISE_PER_YEAR * monthsBefore) / 12);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** One month of history for every unit, with its code counters. */
export function planHistoryMonth(o: HistoryOptions, month: string): DossiersPlan {
  const perUnitMonth = o.perUnitMonth ?? DOSSIERS_PER_UNIT_MONTH;
  const fields = byField(o.procedures);
  const days = daysOf(month, o.until);
  const weekdays = days.filter((d) => weekdayOf(d) >= 1 && weekdayOf(d) <= 5);
  if (weekdays.length === 0) return { dossiers: [], counters: [] };
  // A partial month (the one the regular window starts in) gets its share of the month.
  const monthDays = daysOf(month, '9999-12-31').length;
  const dayShare = days.length / monthDays;
  const pops = o.units.map((u) => (u.population ?? 20_000) * (u.kind === 'WARD' ? 1.4 : 1));
  const avgPop = pops.reduce((a, b) => a + b, 0) / Math.max(1, pops.length);
  const monthsBefore =
    (Number(o.until.slice(0, 4)) - Number(month.slice(0, 4))) * 12 + (Number(o.until.slice(5, 7)) - Number(month.slice(5, 7)));
  const drafts: (Omit<DossierPlan, 'code'> & { agency: string; day: string; at: number })[] = [];
  for (const [i, unit] of o.units.entries()) {
    const rng = createRng(deriveSeed(o.seed, `history:${unit.code}:${month}`));
    const unitFactor = Math.sqrt((pops[i] ?? avgPop) / avgPop);
    for (const [field, list] of fields) {
      const expected = expectedCount(perUnitMonth, unitFactor, field, month, o.until) * dayShare;
      const n = Math.max(0, Math.round(expected * (0.9 + rng.next() * 0.2)));
      for (let k = 0; k < n; k++) {
        const p = rng.pick(list);
        const channel: 1 | 2 | 3 = rng.chance(onlineShare(p.onlineLevel, monthsBefore)) ? 2 : rng.chance(POST_SHARE) ? 3 : 1;
        const day = rng.pick(weekdays);
        // 08:00–16:30 in Vietnam (UTC+7, no daylight saving).
        const at = Date.parse(`${day}T00:00:00Z`) - VN_OFFSET + 8 * HOUR + rng.int(0, 510) * 60_000;
        const competent = p.competentLevel === 'COMMUNE' ? unit.code : o.provinceUnitCode;
        const receiving = channel === 2 ? competent : unit.code;
        const doneAt = at + 2 * DAY;
        const returnedAt = doneAt + 2 * HOUR;
        const state: LifecycleState = {
          status: 10,
          stepIndex: Math.max(0, p.workflow.length - 1),
          receivedAt: new Date(at),
          dueAt: new Date(at + 3 * DAY),
          pauses: [],
          supplementRequests: 0,
          doneAt: new Date(doneAt),
          returnedAt: new Date(returnedAt),
          stoppedAt: null,
          refusedAt: null,
          withdrawnAt: null,
          apologySlips: [],
          lastEventAt: new Date(returnedAt),
        };
        drafts.push({
          receivingUnitCode: receiving,
          competentUnitCode: competent,
          procedureId: p.id,
          channel,
          state,
          pausedMs: 0,
          applicantName: vietnameseName(rng, rng.chance(0.5) ? 'FEMALE' : 'MALE'),
          applicantPhone: mobilePhone(rng),
          createdAt: iso(at),
          updatedAt: iso(returnedAt),
          events: [],
          rating: null,
          facts: { electronicResultAt: null, paidOnlineAt: null, reusedData: false, nationalSyncAt: null },
          complaint: null,
          agency: agencyCodeOf(receiving, o.agencyCodes),
          day: day.slice(2).replaceAll('-', ''),
          at,
        });
      }
    }
  }
  drafts.sort((a, b) => (a.agency === b.agency ? (a.day === b.day ? a.at - b.at : a.day < b.day ? -1 : 1) : a.agency < b.agency ? -1 : 1));
  const counters = new Map<string, { agencyCode: string; day: string; lastSeq: number }>();
  const dossiers = drafts.map(({ agency, day, at: _at, ...d }) => {
    const key = `${agency}|${day}`;
    const c = counters.get(key) ?? { agencyCode: agency, day, lastSeq: 0 };
    c.lastSeq += 1;
    counters.set(key, c);
    return { ...d, code: formatDossierCode(o.codeFormat, { agency, day, seq: c.lastSeq }) };
  });
  return { dossiers, counters: [...counters.values()] };
}
