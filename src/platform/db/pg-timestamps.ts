/**
 * PostgreSQL's text form of a timestamptz as the ISO instant Cadre passes around. A session in
 * UTC sends `2026-11-30 10:00:00.123456+00`, which is rewritten as text: `new Date(text)`
 * goes through V8's slow legacy date parser (about 1 µs a value, seconds for the overview's
 * few hundred thousand rows of eight instants each). Any other form (another session time
 * zone, a year past 9999, infinity) takes the Date path; both give the same string (tested).
 */
const UTC_TIMESTAMPTZ = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;

export function pgTimestamptzToIso(text: string): string {
  const m = UTC_TIMESTAMPTZ.exec(text);
  if (!m) return new Date(text).toISOString();
  // Milliseconds, truncated as Date truncates microseconds.
  return `${m[1]}T${m[2]}.${`${m[3] ?? ''}000`.slice(0, 3)}Z`;
}
