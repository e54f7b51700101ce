import type { Actor } from '../../../platform/auth/actor.ts';
import { getRules } from '../../../platform/rules/rules.ts';
import { DOMAIN_TIME_ZONE } from '../../../platform/time/format.ts';
import { CALENDAR_RULE_KEYS, rulesUsedOf, toWorkingTimeRules } from '../../calendar/calendar-rules.ts';
import { buildCalendar, type CalendarEntryKind } from '../../calendar/working-days.ts';
import { zonedParts } from '../../calendar/zoned-time.ts';
import { type CalendarData, extendByWorkingMs, workingMsBetween } from '../../dossiers/lifecycle/due-state.ts';
import { holidaysFrom, procedureFlags, workloadRows } from '../scorecard.repository.ts';
import { type DateRange, periodOf, type ResolvedScope, resolveScope, type ScorecardDeps } from './scope.ts';

export type WorkloadGroupBy = 'field' | 'procedure' | 'month';

/** Plain numbers per key; WISN (issue 5+) reads `workloadByProcedure`. */
export type WorkloadFigures = {
  key: string;
  label: string;
  received: number;
  finished: number;
  finishedOnTime: number;
  /** Mean working hours from receipt to finish, paused time excluded; null when none finished. */
  averageHandlingHours: number | null;
  backlogAtEnd: number;
};

type Acc = Omit<WorkloadFigures, 'averageHandlingHours'> & { handlingMs: number };

const HOUR = 3_600_000;

/** The figures per procedure id for a scope and period: plain numbers, no actor (for other modules). */
export async function workloadByProcedure(
  deps: ScorecardDeps,
  provinceCode: string,
  unitId: number | null,
  from: string,
  to: string,
): Promise<Map<number, Omit<WorkloadFigures, 'key' | 'label'> & { month: Map<string, Omit<WorkloadFigures, 'key' | 'label'>> }>> {
  const period = periodOf({ from, to });
  const p = { from: period.start.toISOString(), to: period.end.toISOString() };
  const [rows, rules, holidays] = await Promise.all([
    workloadRows(deps.db, { provinceCode, unitId }, p),
    getRules(deps.db, CALENDAR_RULE_KEYS, provinceCode, from),
    holidaysFrom(deps.db, `${Number(from.slice(0, 4)) - 1}-01-01`),
  ]);
  const cal: CalendarData = {
    calendar: buildCalendar(holidays.map((h) => ({ ...h, kind: h.kind as CalendarEntryKind }))),
    rules: toWorkingTimeRules(rulesUsedOf(rules)),
  };
  const fresh = (key: string): Acc => ({ key, label: key, received: 0, finished: 0, finishedOnTime: 0, backlogAtEnd: 0, handlingMs: 0 });
  const byProc = new Map<number, { all: Acc; month: Map<string, Acc> }>();
  const s = period.start.getTime();
  const e = period.end.getTime();
  const monthOf = (iso: string) => zonedParts(new Date(iso), DOMAIN_TIME_ZONE).date.slice(0, 7);
  for (const r of rows) {
    let entry = byProc.get(r.procedureId);
    if (!entry) {
      entry = { all: fresh(String(r.procedureId)), month: new Map() };
      byProc.set(r.procedureId, entry);
    }
    const bucket = (m: string) => {
      const ent = entry as { month: Map<string, Acc> };
      let b = ent.month.get(m);
      if (!b) {
        b = fresh(m);
        ent.month.set(m, b);
      }
      return b;
    };
    const rec = Date.parse(r.receivedAt);
    const fin = r.finishedAt ? Date.parse(r.finishedAt) : null;
    const withdrawnBeforeEnd = r.status === 7 && Date.parse(r.updatedAt) < e;
    if (rec >= s) {
      entry.all.received += 1;
      bucket(monthOf(r.receivedAt)).received += 1;
    }
    if (fin !== null && fin >= s && fin < e && r.finishedAt) {
      const handling = Math.max(0, workingMsBetween(new Date(rec), new Date(fin), cal) - r.pausedMs);
      const due = r.dueAt ? extendByWorkingMs(new Date(r.dueAt), r.pausedMs, cal).getTime() : null;
      const onTime = due === null || fin <= due ? 1 : 0;
      for (const a of [entry.all, bucket(monthOf(r.finishedAt))]) {
        a.finished += 1;
        a.finishedOnTime += onTime;
        a.handlingMs += handling;
      }
    } else if ((fin === null || fin >= e) && !withdrawnBeforeEnd) {
      entry.all.backlogAtEnd += 1;
    }
  }
  const out = (a: Acc) => ({
    received: a.received,
    finished: a.finished,
    finishedOnTime: a.finishedOnTime,
    averageHandlingHours: a.finished > 0 ? a.handlingMs / a.finished / HOUR : null,
    backlogAtEnd: a.backlogAtEnd,
  });
  return new Map([...byProc].map(([id, v]) => [id, { ...out(v.all), month: new Map([...v.month].map(([m, a]) => [m, out(a)])) }]));
}

export type WorkloadResult = {
  scope: ResolvedScope;
  range: DateRange;
  groupBy: WorkloadGroupBy;
  rows: WorkloadFigures[];
  total: WorkloadFigures;
};

/** Workload of a unit or the province, grouped by field, procedure or month. */
export async function workloadStatistics(
  deps: ScorecardDeps,
  actor: Actor,
  unitParam: string | undefined,
  range: DateRange,
  groupBy: WorkloadGroupBy,
): Promise<WorkloadResult> {
  const scope = await resolveScope(deps, actor, unitParam);
  const byProc = await workloadByProcedure(deps, scope.provinceCode, scope.unit?.id ?? null, range.from, range.to);
  const flags = await procedureFlags(deps.db, scope.provinceCode, [...byProc.keys()]);
  const groups = new Map<string, Acc & { hoursSum: number }>();
  const add = (key: string, label: string, f: Omit<WorkloadFigures, 'key' | 'label'>) => {
    let g = groups.get(key);
    if (!g) {
      g = { key, label, received: 0, finished: 0, finishedOnTime: 0, backlogAtEnd: 0, handlingMs: 0, hoursSum: 0 };
      groups.set(key, g);
    }
    g.received += f.received;
    g.finished += f.finished;
    g.finishedOnTime += f.finishedOnTime;
    g.backlogAtEnd += f.backlogAtEnd;
    g.hoursSum += (f.averageHandlingHours ?? 0) * f.finished;
  };
  const total = { key: 'total', label: 'total', received: 0, finished: 0, finishedOnTime: 0, backlogAtEnd: 0, hoursSum: 0 };
  for (const [id, f] of byProc) {
    const proc = flags.get(id);
    if (groupBy === 'month') {
      for (const [m, mf] of f.month) add(m, m, { ...mf, backlogAtEnd: 0 });
    } else if (groupBy === 'field') add(proc?.field ?? '?', proc?.field ?? '?', f);
    else add(proc?.nationalCode ?? String(id), proc?.nameVi ?? String(id), f);
    total.received += f.received;
    total.finished += f.finished;
    total.finishedOnTime += f.finishedOnTime;
    total.backlogAtEnd += f.backlogAtEnd;
    total.hoursSum += (f.averageHandlingHours ?? 0) * f.finished;
  }
  const fig = (g: {
    key: string;
    label: string;
    received: number;
    finished: number;
    finishedOnTime: number;
    backlogAtEnd: number;
    hoursSum: number;
  }): WorkloadFigures => ({
    key: g.key,
    label: g.label,
    received: g.received,
    finished: g.finished,
    finishedOnTime: g.finishedOnTime,
    averageHandlingHours: g.finished > 0 ? g.hoursSum / g.finished : null,
    backlogAtEnd: g.backlogAtEnd,
  });
  const rows = [...groups.values()].map(fig).sort((a, b) => a.key.localeCompare(b.key));
  return { scope, range, groupBy, rows, total: fig(total) };
}
