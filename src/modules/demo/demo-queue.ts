import type { Db } from '../../platform/db/database.ts';
import { domainToday } from '../../platform/time/format.ts';
import { createRng, deriveSeed, type Rng } from './prng.ts';

/**
 * Counter-queue tickets for the demo province: the last few working days of each commune,
 * so the counter page's statistics and the hall display have something to show on a first
 * start. Weekends are skipped (holidays are not: a ticket on a holiday is harmless demo data).
 * Past days are closed (done or no-show); today holds the tickets issued before the clock's
 * instant, the latest still waiting or at a counter.
 */
export const DEMO_QUEUE_DAYS = 3;

const MINUTE = 60_000;
const VN_OFFSET_MS = 7 * 60 * MINUTE;
// Opening hours of the one-stop counter, in minutes after midnight in Vietnam.
const OPENS = 7 * 60 + 30;
const CLOSES = 16 * 60 + 30;
const COUNTERS = ['Quầy 1', 'Quầy 2', 'Quầy 3', 'Quầy 4'];
const FIELD_MIX: readonly (readonly [string, number])[] = [
  ['CIVIL_STATUS', 30],
  ['CERTIFICATION', 28],
  ['LAND', 12],
  ['SOCIAL_PROTECTION', 8],
  ['HOUSEHOLD_BUSINESS', 6],
  ['RESIDENCE', 6],
  ['CONSTRUCTION', 4],
  ['JUSTICE', 3],
  ['LABOUR', 3],
];

type Row = {
  provinceCode: string;
  unitId: number;
  field: string;
  day: string;
  number: number;
  status: 'WAITING' | 'CALLED' | 'SERVING' | 'DONE' | 'NO_SHOW';
  issuedAt: string;
  calledAt: string | null;
  lastCalledAt: string | null;
  callCount: number;
  counterLabel: string | null;
  servedAt: string | null;
  finishedAt: string | null;
};

/** The last `count` weekdays up to and including `until`'s day in Vietnam, oldest first. */
function recentWorkingDays(until: Date, count: number): string[] {
  const days: string[] = [];
  for (let back = 0; days.length < count && back < 14; back++) {
    const day = domainToday(new Date(until.getTime() - back * 86_400_000));
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.unshift(day);
  }
  return days;
}

const instant = (day: string, minutesOfDay: number) => new Date(Date.parse(`${day}T00:00:00Z`) + minutesOfDay * MINUTE - VN_OFFSET_MS);

function planUnitDay(rng: Rng, provinceCode: string, unitId: number, day: string, until: Date): Row[] {
  const rows: Row[] = [];
  const numbers = new Map<string, number>();
  let minute = OPENS + rng.int(0, 10);
  while (minute < CLOSES) {
    const issued = instant(day, minute);
    if (issued.getTime() > until.getTime()) break;
    const field = rng.weighted(FIELD_MIX);
    const number = (numbers.get(field) ?? 0) + 1;
    numbers.set(field, number);
    const called = new Date(issued.getTime() + rng.int(2, 35) * MINUTE);
    const served = new Date(called.getTime() + rng.int(0, 2) * MINUTE);
    const finished = new Date(served.getTime() + rng.int(4, 25) * MINUTE);
    const noShow = rng.chance(0.06);
    const at = (d: Date) => (d.getTime() <= until.getTime() ? d.toISOString() : null);
    const calledAt = at(called);
    const servedAt = noShow ? null : at(served);
    const finishedAt = at(noShow ? new Date(called.getTime() + 3 * MINUTE) : finished);
    const status = calledAt === null ? 'WAITING' : finishedAt !== null ? (noShow ? 'NO_SHOW' : 'DONE') : servedAt ? 'SERVING' : 'CALLED';
    rows.push({
      provinceCode,
      unitId,
      field,
      day,
      number,
      status,
      issuedAt: issued.toISOString(),
      calledAt,
      lastCalledAt: calledAt,
      callCount: calledAt === null ? 0 : 1,
      counterLabel: calledAt === null ? null : rng.pick(COUNTERS),
      servedAt: status === 'CALLED' ? null : servedAt,
      finishedAt: status === 'DONE' || status === 'NO_SHOW' ? finishedAt : null,
    });
    // About 45 visitors a day per commune: one every 12 minutes on average.
    minute += rng.int(2, 22);
  }
  return rows;
}

/** Writes the demo tickets of the plan's current communes and their day counters; returns how many tickets. */
export async function seedDemoQueue(
  db: Db,
  plan: { provinceCode: string; current: readonly { code: string }[] },
  unitIdOf: (code: string) => number,
  seed: number,
  until: Date,
): Promise<number> {
  const { provinceCode } = plan;
  const unitIds = plan.current.map((u) => unitIdOf(u.code));
  const days = recentWorkingDays(until, DEMO_QUEUE_DAYS);
  let count = 0;
  for (const unitId of unitIds) {
    const rng = createRng(deriveSeed(seed, `queue:${unitId}`));
    const rows = days.flatMap((day) => planUnitDay(rng, provinceCode, unitId, day, until));
    if (rows.length === 0) continue;
    await db.insertInto('queueTickets').values(rows).execute();
    const last = new Map<string, { field: string; day: string; lastNumber: number }>();
    for (const r of rows) last.set(`${r.day}:${r.field}`, { field: r.field, day: r.day, lastNumber: r.number });
    await db
      .insertInto('queueTicketCounters')
      .values([...last.values()].map((c) => ({ provinceCode, unitId, ...c })))
      .execute();
    count += rows.length;
  }
  return count;
}
