import type { Role } from '../../platform/auth/roles.ts';
import { addPeriod, type DeadlineUnit, isWorkingDay } from '../calendar/working-days.ts';
import { addDays } from '../calendar/zoned-time.ts';
import { agencyCodeOf, formatDossierCode } from '../dossiers/dossier-code.ts';
import { type CalendarData, extendByWorkingMs, openPausesWorkingMs } from '../dossiers/lifecycle/due-state.ts';
import { type DossierAction, decideTransition, initialState, type LifecycleState } from '../dossiers/lifecycle/state-machine.ts';
import { EVENT_KIND } from '../dossiers/processing/stored-state.ts';
import { mobilePhone, vietnameseName } from './names.ts';
import { createRng, deriveSeed, type Rng } from './prng.ts';

/**
 * A window of demo dossiers for the demo province, as plain data: the same seed, units,
 * catalogue, calendar and reference instant give the same dossiers, codes included. Each
 * dossier is driven through the real lifecycle (decideTransition), so its status, instants
 * and timeline agree by construction; only what happened up to the reference instant is kept.
 */

export type DemoUnit = { code: string; kind: string; population: number | null };
export type DemoProcedure = {
  id: number;
  nationalCode: string;
  field: string;
  competentLevel: string;
  timeLimitAmount: number;
  timeLimitUnit: string;
  onlineLevel: string;
  essentialService: boolean;
  fee: number;
  /** The result is a paper document (Decision 766 indicator 4.1). */
  paperResult: boolean;
  effectiveFrom: string;
  effectiveTo: string | null;
  workflow: { code: string; roles: string[] }[];
};
export type DossierEventPlan = {
  at: string;
  kind: string;
  fromStatus: number | null;
  toStatus: number;
  note: string | null;
  data: string | null;
};
export type DossierPlan = {
  code: string;
  receivingUnitCode: string;
  competentUnitCode: string;
  procedureId: number;
  channel: 1 | 2 | 3;
  state: LifecycleState;
  pausedMs: number;
  applicantName: string;
  applicantPhone: string;
  createdAt: string;
  updatedAt: string;
  events: DossierEventPlan[];
  rating: { at: string; channel: 'TRACKING_PAGE' | 'COUNTER_TABLET'; answers: Record<string, string> } | null;
  /** The Decision 766 facts recorded on it (domain.md §7.2). */
  facts: DossierFactsPlan;
  /** A complaint (PAKN of kind COMPLAINT) about it: rare. */
  complaint: { at: string; dueAt: string } | null;
};
export type DossierFactsPlan = {
  electronicResultAt: string | null;
  paidOnlineAt: string | null;
  reusedData: boolean;
  nationalSyncAt: string | null;
};
export type DossiersPlan = { dossiers: DossierPlan[]; counters: { agencyCode: string; day: string; lastSeq: number }[] };

export type DossierGenOptions = {
  seed: number;
  /** Current communes and wards; the province unit decides province-level and vertical procedures. */
  units: readonly DemoUnit[];
  provinceUnitCode: string;
  procedures: readonly DemoProcedure[];
  /** The reference instant: the window ends here and nothing later happens. */
  until: Date;
  days: number;
  cal: CalendarData;
  codeFormat: string;
  agencyCodes: Readonly<Record<string, string>>;
  ratingCriteria: readonly string[];
};

/** domain.md §9: about 1,100 dossiers per commune per month (Hue, July 2025), an upper planning figure. */
export const DOSSIERS_PER_UNIT_MONTH = 1_100;
/** Weekends and holidays still see some online filings; a weekday is 1. */
const OFF_DAY_SHARE = 0.15;
/** About 250 working days and 115 days off a year. */
const PER_WORKING_DAY = (DOSSIERS_PER_UNIT_MONTH * 12) / (250 + 115 * OFF_DAY_SHARE);

/** The mix by field: civil status and certification dominate a commune PASC [NC, demo]. */
export const FIELD_WEIGHT: Readonly<Record<string, number>> = {
  CIVIL_STATUS: 30,
  CERTIFICATION: 26,
  RESIDENCE: 8,
  SOCIAL_PROTECTION: 8,
  LAND: 6,
  HOUSEHOLD_BUSINESS: 4,
  CONSTRUCTION: 3,
  JUSTICE: 3,
  LABOUR: 3,
  EDUCATION: 2,
  HEALTH: 2,
  CULTURE: 1.5,
  HOME_AFFAIRS: 1.5,
  AGRICULTURE: 1,
  ENVIRONMENT: 1,
};
/** Online share by online level; Hue reported 76–91 % online in July 2025 (domain.md §9). */
const ONLINE_SHARE: Record<string, number> = { FULL: 0.95, PARTIAL: 0.8, NONE: 0 };

const DEADLINE_UNIT: Record<string, DeadlineUnit> = {
  WORKING_DAYS: 'working_days',
  WORKING_HOURS: 'hours',
  CALENDAR_DAYS: 'days',
  IMMEDIATE: 'working_days',
};
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Draft = Omit<DossierPlan, 'code'> & { agency: string; day: string; submittedMs: number };

/** A moment inside office hours of `date` (or of the next working day when `date` is off). */
function officeMoment(rng: Rng, date: string, cal: CalendarData): Date {
  let d = date;
  while (!isWorkingDay(d, cal.calendar, cal.rules)) d = addDays(d, 1);
  const p = rng.pick(cal.rules.officeHours);
  return localInstant(d, p.startMs + Math.floor(rng.next() * (p.endMs - p.startMs)));
}

/**
 * Local date and time in Vietnam, which has kept UTC+7 without daylight saving since 1975:
 * a fixed shift, far cheaper than Intl for hundreds of thousands of instants.
 */
const VN_OFFSET = 7 * HOUR;
function localParts(at: Date): { date: string; msOfDay: number } {
  const shifted = at.getTime() + VN_OFFSET;
  return { date: new Date(shifted).toISOString().slice(0, 10), msOfDay: ((shifted % DAY) + DAY) % DAY };
}
function localInstant(date: string, msOfDay: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + msOfDay - VN_OFFSET);
}

/** The first office moment at or after `at`. */
function snapToOffice(at: Date, cal: CalendarData, rng: Rng): Date {
  const { date, msOfDay: ms } = localParts(at);
  if (isWorkingDay(date, cal.calendar, cal.rules)) {
    for (const p of cal.rules.officeHours) {
      if (ms < p.startMs) return localInstant(date, p.startMs + rng.int(0, 30) * 60_000);
      if (ms < p.endMs) return at;
    }
  }
  let next = addDays(date, 1);
  while (!isWorkingDay(next, cal.calendar, cal.rules)) next = addDays(next, 1);
  const open = cal.rules.officeHours[0]?.startMs ?? 0;
  return localInstant(next, open + rng.int(0, 60) * 60_000);
}

function pickProcedure(rng: Rng, byField: Map<string, DemoProcedure[]>, fields: [string, number][]): DemoProcedure | undefined {
  const list = byField.get(rng.weighted(fields));
  return list && list.length > 0 ? rng.pick(list) : undefined;
}

function channelFor(rng: Rng, p: DemoProcedure): 1 | 2 | 3 {
  if (p.essentialService) return 2;
  if (rng.chance(ONLINE_SHARE[p.onlineLevel] ?? 0)) return 2;
  return rng.chance(0.05) ? 3 : 1;
}

/**
 * The actions one dossier will go through, with their instants, from reception on. The
 * handling time is a share of the statutory period: mostly early, some on the day, a few late.
 */
function planActions(rng: Rng, p: DemoProcedure, received: Date, due: Date, cal: CalendarData): [DossierAction, Date, string?][] {
  const steps = p.workflow.length;
  const span = Math.max(due.getTime() - received.getTime(), 2 * HOUR);
  const share = rng.weighted<[number, number]>([
    [[0.15, 0.7], 55],
    [[0.7, 0.98], 37],
    [[1.05, 1.8], 8],
  ]);
  let finish = snapToOffice(new Date(received.getTime() + span * (share[0] + rng.next() * (share[1] - share[0]))), cal, rng);
  const out: [DossierAction, Date, string?][] = [];
  let t = new Date(received.getTime() + rng.int(5, 90) * 60_000);
  if (t.getTime() >= finish.getTime()) finish = new Date(t.getTime() + rng.int(10, 60) * 60_000);
  out.push(['START_PROCESSING', t]);
  const middle = steps - 2;
  const slice = (finish.getTime() - t.getTime()) / (middle + 1);
  let pauseMs = 0;
  if (rng.chance(0.04)) {
    const at = new Date(t.getTime() + slice * 0.5);
    pauseMs = rng.int(1, 5) * DAY;
    out.push(['REQUEST_SUPPLEMENT', at, 'Bổ sung giấy tờ còn thiếu']);
    out.push(['SUPPLEMENT_RECEIVED', snapToOffice(new Date(at.getTime() + pauseMs), cal, rng)]);
    pauseMs = (out.at(-1)?.[1].getTime() ?? at.getTime()) - at.getTime();
  } else if (p.fee > 0 && rng.chance(0.02)) {
    const at = new Date(t.getTime() + slice * 0.5);
    const back = snapToOffice(new Date(at.getTime() + rng.int(2, 30) * HOUR), cal, rng);
    pauseMs = back.getTime() - at.getTime();
    out.push(['REQUEST_PAYMENT', at, 'Nộp phí, lệ phí'], ['PAYMENT_RECEIVED', back]);
  }
  const shift = (d: Date) => new Date(d.getTime() + pauseMs);
  if (rng.chance(0.01)) {
    out.push(['WITHDRAW', shift(new Date(t.getTime() + slice * 0.8)), 'Công dân xin rút hồ sơ']);
    return out;
  }
  for (let i = 1; i < middle; i++) {
    t = new Date(t.getTime() + slice);
    out.push(['FORWARD', shift(t)]);
  }
  if (rng.chance(0.005)) {
    out.push(['STOP', shift(new Date(t.getTime() + slice * 0.5)), 'Không đủ điều kiện giải quyết']);
    return out;
  }
  const done = shift(finish);
  out.push(['FINISH', done]);
  // Online results often go out electronically at once; at the counter the citizen comes back for them.
  const pickup = rng.chance(0.5)
    ? new Date(done.getTime() + rng.int(5, 120) * 60_000)
    : snapToOffice(new Date(done.getTime() + rng.int(1, 72) * HOUR), cal, rng);
  out.push(['RETURN_RESULT', pickup]);
  return out;
}

/** Applies the planned actions up to `until` through the lifecycle; a refusal is a bug in the plan. */
function drive(draft: Draft, p: DemoProcedure, actions: [DossierAction, Date, string?][], until: number, cal: CalendarData): void {
  let state = draft.state;
  for (const [action, at, reason] of actions) {
    if (at.getTime() > until) break;
    const step = p.workflow[state.stepIndex];
    const role = action === 'WITHDRAW' ? 'citizen' : (step?.roles[0] ?? 'counter_officer');
    const input = action === 'ACCEPT' ? { dueAt: dueOf(p, at, cal), ...(reason ? { reason } : {}) } : reason ? { reason } : {};
    const d = decideTransition(state, action, { userId: 0, role: role as Role }, p.workflow, at, input);
    if (!d.ok) throw new Error(`demo dossier plan broke the lifecycle: ${action} refused (${d.reason})`);
    const e = d.events[0];
    if (!e) throw new Error('a permitted transition produced no event');
    // The stored total is office time (as the scorecard reads it); the event keeps the wall-clock span.
    if (e.pausedMs !== undefined) draft.pausedMs += openPausesWorkingMs(state.pauses, at, cal);
    const data: Record<string, unknown> = { fromStep: e.fromStep, toStep: e.toStep };
    if (e.pausedMs !== undefined) data.pausedMs = e.pausedMs;
    if (action === 'ACCEPT' && d.next.dueAt) data.dueAt = d.next.dueAt.toISOString();
    draft.events.push({
      at: at.toISOString(),
      kind: EVENT_KIND[action],
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      note: e.reason,
      data: JSON.stringify(data),
    });
    draft.updatedAt = at.toISOString();
    state = d.next;
  }
  draft.state = state;
}

const dueCache = new WeakMap<CalendarData, Map<string, Date>>();

/**
 * The statutory appointment, through the calendar module's own arithmetic. A period in days
 * depends only on the local day of receipt and on which side of the cut-off it falls, so
 * the answers are cached by that: the Intl-based walk is what made a year's plan slow.
 */
function dueOf(p: DemoProcedure, receivedAt: Date, cal: CalendarData): Date {
  const unit = DEADLINE_UNIT[p.timeLimitUnit] ?? 'working_days';
  const amount = p.timeLimitUnit === 'IMMEDIATE' ? 0 : p.timeLimitAmount;
  if (unit === 'hours') return addPeriod(receivedAt, amount, unit, cal.calendar, cal.rules).due;
  const { date, msOfDay } = localParts(receivedAt);
  const close = cal.rules.officeHours.at(-1)?.endMs ?? DAY;
  const key = `${unit}:${amount}:${date}:${msOfDay <= cal.rules.cutoffMs && msOfDay < close}`;
  const cache = dueCache.get(cal) ?? new Map<string, Date>();
  dueCache.set(cal, cache);
  const hit = cache.get(key);
  if (hit) return hit;
  const due = addPeriod(receivedAt, amount, unit, cal.calendar, cal.rules).due;
  cache.set(key, due);
  return due;
}

/**
 * Shares of the 766 facts in Hue [NC, demo]: most received dossiers reach DVCQG, about half
 * reuse digitised data, many paper results also go out electronically, and some online
 * filings of fee-bearing procedures are paid online. Drawn from their own stream, so the
 * dossiers themselves are the same as without them.
 */
const FACT_SHARE = { synced: 0.95, reused: 0.5, electronicPaper: 0.6, electronicOther: 0.9, paidOnline: 0.4, complaint: 0.004 };

function planFacts(rng: Rng, p: DemoProcedure, draft: Draft, until: number): Pick<DossierPlan, 'facts' | 'complaint'> {
  const s = draft.state;
  const before = (d: Date | null, minutes: number) => {
    if (d === null) return null;
    const at = d.getTime() + minutes * 60_000;
    return at <= until ? new Date(at).toISOString() : null;
  };
  // Every draw is taken for every dossier, so one dossier's facts do not shift the next one's.
  const draws = {
    synced: rng.chance(FACT_SHARE.synced),
    syncDelay: rng.int(5, 240),
    reused: rng.chance(FACT_SHARE.reused),
    electronic: rng.chance(p.paperResult ? FACT_SHARE.electronicPaper : FACT_SHARE.electronicOther),
    electronicDelay: rng.int(1, 60),
    paid: rng.chance(FACT_SHARE.paidOnline),
    paidDelay: rng.int(1, 30),
    complaint: rng.chance(FACT_SHARE.complaint),
    complaintDelay: rng.int(60, 72 * 60),
  };
  const received = s.receivedAt;
  const withResult = s.doneAt !== null && (s.status === 9 || s.status === 10);
  const complaintAt = draws.complaint && received ? before(s.returnedAt ?? received, draws.complaintDelay) : null;
  return {
    facts: {
      nationalSyncAt: draws.synced ? before(received, draws.syncDelay) : null,
      reusedData: received !== null && draws.reused,
      electronicResultAt: withResult && draws.electronic ? before(s.doneAt, draws.electronicDelay) : null,
      paidOnlineAt:
        p.fee > 0 && draft.channel === 2 && received && draws.paid ? before(new Date(draft.submittedMs), draws.paidDelay) : null,
    },
    // PAKN is answered within 15 working days (domain.md §7.2); three weeks is close enough for the demo.
    complaint: complaintAt ? { at: complaintAt, dueAt: new Date(Date.parse(complaintAt) + 21 * DAY).toISOString() } : null,
  };
}

function rate(rng: Rng, criteria: readonly string[], late: boolean): Record<string, string> {
  const unhappy = late ? 0.3 : 0.02;
  const answers: Record<string, string> = {};
  for (const c of criteria) {
    answers[c] = rng.chance(unhappy) ? 'UNSATISFIED' : rng.chance(0.55) ? 'VERY_SATISFIED' : 'SATISFIED';
  }
  return answers;
}

/** One unit's dossiers for one day (its counter and its online filings). */
function planUnitDay(
  o: DossierGenOptions,
  unit: DemoUnit,
  date: string,
  mean: number,
  byField: Map<string, DemoProcedure[]>,
  fields: [string, number][],
): Draft[] {
  const rng = createRng(deriveSeed(o.seed, `dossiers:${unit.code}:${date}`));
  const factRng = createRng(deriveSeed(o.seed, `dossier-facts:${unit.code}:${date}`));
  const working = isWorkingDay(date, o.cal.calendar, o.cal.rules);
  const expected = mean * (working ? 1 : OFF_DAY_SHARE);
  // A day's count varies ±25 % around the unit's mean.
  const n = Math.max(0, Math.round(expected * (0.75 + rng.next() * 0.5)));
  const until = o.until.getTime();
  const drafts: Draft[] = [];
  for (let i = 0; i < n; i++) {
    let p = pickProcedure(rng, byField, fields);
    if (!p) continue;
    let channel = channelFor(rng, p);
    if (!working && channel !== 2) {
      // Counters are closed: off-day filings are online ones.
      const online = (byField.get(p.field) ?? []).filter((q) => q.onlineLevel !== 'NONE');
      if (online.length === 0) continue;
      p = rng.pick(online);
      channel = 2;
    }
    const local = p.competentLevel === 'COMMUNE';
    // Boundary-free reception: a few counter dossiers are for another commune.
    const competent = !local ? o.provinceUnitCode : channel !== 2 && rng.chance(0.03) ? rng.pick(o.units).code : unit.code;
    const receiving = channel === 2 ? competent : unit.code;
    const submitted = channel === 2 ? localInstant(date, rng.int(6 * 60, 23 * 60) * 60_000) : officeMoment(rng, date, o.cal);
    if (submitted.getTime() > until) continue;
    const draft: Draft = {
      receivingUnitCode: receiving,
      competentUnitCode: competent,
      procedureId: p.id,
      channel,
      state: initialState(channel === 2 ? 'ONLINE' : 'COUNTER', submitted, null),
      pausedMs: 0,
      applicantName: vietnameseName(rng, rng.chance(0.5) ? 'FEMALE' : 'MALE'),
      applicantPhone: mobilePhone(rng),
      createdAt: submitted.toISOString(),
      updatedAt: submitted.toISOString(),
      events: [],
      rating: null,
      facts: { electronicResultAt: null, paidOnlineAt: null, reusedData: false, nationalSyncAt: null },
      complaint: null,
      agency: agencyCodeOf(receiving, o.agencyCodes),
      day: localParts(submitted).date.slice(2).replaceAll('-', ''),
      submittedMs: submitted.getTime(),
    };
    let received = submitted;
    const actions: [DossierAction, Date, string?][] = [];
    if (channel === 2) {
      draft.events.push({ at: draft.createdAt, kind: 'SUBMITTED_ONLINE', fromStatus: null, toStatus: 1, note: null, data: null });
      received = snapToOffice(new Date(submitted.getTime() + rng.int(10, 240) * 60_000), o.cal, rng);
      if (rng.chance(0.02)) actions.push(['REFUSE', received, 'Hồ sơ không hợp lệ']);
      else actions.push(['ACCEPT', received]);
    } else {
      const dueAt = dueOf(p, submitted, o.cal);
      draft.state = initialState('COUNTER', submitted, dueAt);
      const data = JSON.stringify({ channel: channel === 1 ? 'IN_PERSON' : 'POST', dueAt: dueAt.toISOString() });
      draft.events.push({ at: draft.createdAt, kind: 'RECEIVED', fromStatus: null, toStatus: 2, note: null, data });
    }
    if (actions[0]?.[0] !== 'REFUSE') {
      const due = dueOf(p, received, o.cal);
      actions.push(...planActions(rng, p, received, due, o.cal));
    }
    drive(draft, p, actions, until, o.cal);
    const s = draft.state;
    if (s.status === 10 && s.returnedAt && rng.chance(0.3)) {
      const at = new Date(s.returnedAt.getTime() + rng.int(1, 48 * 60) * 60_000);
      const late =
        s.doneAt !== null && s.dueAt !== null && s.doneAt.getTime() > extendByWorkingMs(s.dueAt, draft.pausedMs, o.cal).getTime();
      if (at.getTime() <= until) {
        draft.rating = {
          at: at.toISOString(),
          channel: channel === 2 ? 'TRACKING_PAGE' : 'COUNTER_TABLET',
          answers: rate(rng, o.ratingCriteria, late),
        };
      }
    }
    Object.assign(draft, planFacts(factRng, p, draft, until));
    drafts.push(draft);
  }
  return drafts;
}

/** The local dates of the window, oldest first, ending on the reference instant's day. */
export function windowDates(o: Pick<DossierGenOptions, 'until' | 'days'>): string[] {
  const last = localParts(o.until).date;
  return Array.from({ length: o.days }, (_, k) => addDays(last, k - o.days + 1));
}

/**
 * One day's dossiers for every unit, with their codes. A code's sequence runs per agency and
 * day of submission, so a day can be planned, written and forgotten before the next: a year
 * never has to sit in memory at once.
 */
export function planDossierDay(o: DossierGenOptions, date: string): DossiersPlan {
  const fields = Object.entries(FIELD_WEIGHT);
  const pops = o.units.map((u) => (u.population ?? 20_000) * (u.kind === 'WARD' ? 1.4 : 1));
  const avgPop = pops.reduce((a, b) => a + b, 0) / Math.max(1, pops.length);
  const inForce = o.procedures.filter((p) => p.effectiveFrom <= date && (p.effectiveTo === null || p.effectiveTo > date));
  if (inForce.length === 0) return { dossiers: [], counters: [] };
  const byField = new Map<string, DemoProcedure[]>();
  for (const p of inForce) byField.set(p.field, [...(byField.get(p.field) ?? []), p]);
  const drafts: Draft[] = [];
  for (const [i, unit] of o.units.entries()) {
    // Busier where more people live, damped so the smallest commune is not idle.
    const mean = PER_WORKING_DAY * Math.sqrt((pops[i] ?? avgPop) / avgPop);
    for (const d of planUnitDay(o, unit, date, mean, byField, fields)) drafts.push(d);
  }
  drafts.sort((a, b) => (a.agency === b.agency ? a.submittedMs - b.submittedMs : a.agency < b.agency ? -1 : 1));
  const counters = new Map<string, { agencyCode: string; day: string; lastSeq: number }>();
  const dossiers = drafts.map(({ agency, day, submittedMs: _s, ...d }) => {
    const key = `${agency}|${day}`;
    const c = counters.get(key) ?? { agencyCode: agency, day, lastSeq: 0 };
    c.lastSeq += 1;
    counters.set(key, c);
    return { ...d, code: formatDossierCode(o.codeFormat, { agency, day, seq: c.lastSeq }) };
  });
  dossiers.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.code < b.code ? -1 : 1));
  return { dossiers, counters: [...counters.values()] };
}

/** The whole window at once (tests and small windows). */
export function planDossiers(o: DossierGenOptions): DossiersPlan {
  const days = windowDates(o).map((date) => planDossierDay(o, date));
  return { dossiers: days.flatMap((d) => d.dossiers), counters: days.flatMap((d) => d.counters) };
}
