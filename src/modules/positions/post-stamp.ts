/**
 * The `updatedAt` a post line gets when it is written at `now`: never equal to, nor earlier
 * than, the one it replaces, so a form or client that read the old value always sees a
 * change (two saves within one millisecond, or a clock that stepped back, would otherwise
 * leave the stamp unchanged and a stale `expectedUpdatedAt` would still match).
 */
export function nextStamp(previous: string | null | undefined, now: string): string {
  if (!previous) return now;
  const prev = Date.parse(previous);
  return Date.parse(now) > prev ? now : new Date(prev + 1).toISOString();
}

/** The same instant in the one spelling the database holds (UTC, milliseconds, `Z`), or null if it is not one. */
export function normalisedInstant(value: string): string | null {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
