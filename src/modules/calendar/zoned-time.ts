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

/** Wall clock ahead of UTC at an instant, read through Intl (exact, but a few microseconds per call). */
function intlOffsetMs(instant: number, timeZone: string): number {
  const p: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) p[part.type] = part.value;
  const wall = dateToUtcMs(`${p.year}-${p.month}-${p.day}`) + (Number(p.hour) * 3600 + Number(p.minute) * 60 + Number(p.second)) * 1000;
  return wall - (instant - (((instant % 1000) + 1000) % 1000));
}

/**
 * Offsets per zone and UTC day. Reports and working-time arithmetic ask for thousands of
 * instants on the same few hundred days, and Intl was 90% of a province's workload
 * statistics (profiled). A day whose first and last millisecond share an offset has no
 * transition inside it (zones change offset at most twice a year, never back within a day),
 * so the offset is cached for the whole day; a day with a transition is always asked of Intl.
 */
const offsetCache = new Map<string, Map<number, number | null>>();
const OFFSET_CACHE_DAYS = 100_000;

function offsetMs(instant: number, timeZone: string): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const day = Math.floor(instant / DAY_MS);
  let offset = zone.get(day);
  if (offset === undefined) {
    const first = intlOffsetMs(day * DAY_MS, timeZone);
    offset = first === intlOffsetMs(day * DAY_MS + DAY_MS - 1, timeZone) ? first : null;
    if (zone.size >= OFFSET_CACHE_DAYS) zone.clear();
    zone.set(day, offset);
  }
  return offset ?? intlOffsetMs(instant, timeZone);
}

/** The local date ('YYYY-MM-DD') and time of day (milliseconds after local midnight) of an instant. */
export function zonedParts(instant: Date, timeZone: string): { date: string; msOfDay: number } {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid time value');
  const local = t + offsetMs(t, timeZone);
  const msOfDay = ((local % DAY_MS) + DAY_MS) % DAY_MS;
  return { date: new Date(local - msOfDay).toISOString().slice(0, 10), msOfDay };
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
