/**
 * Turns what a reader types in the audit filter into UTC bounds for the `at` column.
 * Dates are days in Vietnam: Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving since
 * 1975), so a fixed +07:00 offset is exact and independent of the server's zone.
 * "to" is inclusive for a date (the whole day) and for an instant; the bound returned is exclusive.
 */
const VN_OFFSET = '+07:00';

function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Returns the UTC ISO bound, undefined for an empty input, or null when the input is not a date. */
export function parseDateBound(input: string | undefined, bound: 'from' | 'to'): string | undefined | null {
  const text = input?.trim() ?? '';
  if (text === '') return undefined;
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const parts = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : null;
  if (parts) {
    const [y, m, d] = parts.map(Number) as [number, number, number];
    if (y < 1900 || y > 9999 || !isRealDate(y, m, d)) return null;
    const start = new Date(`${pad(y, 4)}-${pad(m)}-${pad(d)}T00:00:00${VN_OFFSET}`);
    return bound === 'from' ? start.toISOString() : new Date(start.getTime() + 86_400_000).toISOString();
  }
  // A full ISO 8601 instant; an explicit zone is required so the bound is never guessed.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
  const instant = new Date(text);
  if (Number.isNaN(instant.getTime())) return null;
  return bound === 'from' ? instant.toISOString() : new Date(instant.getTime() + 1).toISOString();
}

/** Keeps the page small: long before/after images are cut in the table (the API returns them whole). */
export function compactJson(value: string | null, max = 240): string | null {
  if (value === null) return null;
  let text = value;
  try {
    text = JSON.stringify(JSON.parse(value), null, 1);
  } catch {
    // Not JSON (should not happen): show it as stored.
  }
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
