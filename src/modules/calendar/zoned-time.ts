/**
 * Calendar dates and wall-clock times in a named zone, computed with Intl and never with
 * the process zone (house rule 13): the same instant gives the same local date whether the
 * server runs in UTC, in Hanoi or anywhere else.
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local date ('YYYY-MM-DD') and time of day (milliseconds after local midnight) of an instant. */
export function zonedParts(instant: Date, timeZone: string): { date: string; msOfDay: number } {
  const p: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) p[part.type] = part.value;
  const msOfDay = (Number(p.hour) * 3600 + Number(p.minute) * 60 + Number(p.second)) * 1000 + instant.getUTCMilliseconds();
  return { date: `${p.year}-${p.month}-${p.day}`, msOfDay };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetMs(instant: number, timeZone: string): number {
  const { date, msOfDay } = zonedParts(new Date(instant), timeZone);
  return dateToUtcMs(date) + msOfDay - instant;
}

/** The instant at which the zone's wall clock shows `msOfDay` on `date`. */
export function zonedInstant(date: string, msOfDay: number, timeZone: string): Date {
  const wall = dateToUtcMs(date) + msOfDay;
  const first = wall - offsetMs(wall, timeZone);
  // A second look settles instants near an offset change (none in Vietnam since 1975, but the helper is generic).
  const second = wall - offsetMs(first, timeZone);
  return new Date(second);
}

function dateToUtcMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** A calendar date plus n days; pure date arithmetic, no zone involved. */
export function addDays(date: string, n: number): string {
  return new Date(dateToUtcMs(date) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(dateToUtcMs(date)).getUTCDay();
}

export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

export function isValidDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(dateToUtcMs(date)).toISOString().slice(0, 10) === date;
}

/** 'HH:MM' as milliseconds after midnight. */
export function timeOfDayMs(hhmm: string): number {
  return (Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))) * 60_000;
}
