/** Domain dates are shown in Vietnam's zone whatever the server's zone is (house rule 13). */
export const DOMAIN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: DOMAIN_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const dateTimeFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: DOMAIN_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** A calendar date 'YYYY-MM-DD' as dd/mm/yyyy, without passing through any time zone. */
export function formatDate(date: string | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** A UTC instant as dd/mm/yyyy HH:mm in Asia/Ho_Chi_Minh. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(dateTimeFmt.formatToParts(d).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/**
 * Dates already worked out, per quarter hour (every zone's offset is a whole number of quarter
 * hours, so all instants of one quarter hour share a date): Intl's formatToParts costs a few
 * microseconds, and a province's review levels or placements ask it for thousands of rows.
 */
const QUARTER_HOUR_MS = 900_000;
const todayByQuarterHour = new Map<number, string>();

/** Today's calendar date in Vietnam as 'YYYY-MM-DD'. */
export function domainToday(now: Date): string {
  const quarter = Math.floor(now.getTime() / QUARTER_HOUR_MS);
  const known = todayByQuarterHour.get(quarter);
  if (known !== undefined) return known;
  const parts = Object.fromEntries(dateFmt.formatToParts(now).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  if (todayByQuarterHour.size >= 10_000) todayByQuarterHour.clear();
  todayByQuarterHour.set(quarter, date);
  return date;
}

/**
 * One formatter per locale and precision: building an Intl.NumberFormat costs tens of microseconds
 * and an ICU object outside the V8 heap, and pages format thousands of figures (a province
 * overview, a staffing run). A handful of keys: 3 locales × the few precisions the pages use.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();

export function formatNumber(n: number | null | undefined, locale: string, maxFractionDigits = 0): string {
  if (n === null || n === undefined) return '';
  const tag = locale === 'vi' ? 'vi-VN' : locale === 'id' ? 'id-ID' : 'en-GB';
  const key = `${tag}|${maxFractionDigits}`;
  let fmt = numberFormats.get(key);
  if (fmt === undefined) {
    fmt = new Intl.NumberFormat(tag, { maximumFractionDigits: maxFractionDigits });
    if (numberFormats.size >= 64) numberFormats.clear(); // bounded whatever precisions callers pass
    numberFormats.set(key, fmt);
  }
  return fmt.format(n);
}
