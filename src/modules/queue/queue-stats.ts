/**
 * Wait and service times of a set of tickets, per field and overall. Pure: the repository
 * gives the instants, this computes. Wait runs from issue to the first call; service from
 * the start of service (or the call, when the officer served without pressing "start") to
 * the finish. Tickets without both ends do not count for that measure.
 */
export type TicketTimes = {
  field: string;
  status: string;
  issuedAt: string;
  calledAt: string | null;
  servedAt: string | null;
  finishedAt: string | null;
};

export type TimeSummary = { count: number; averageSeconds: number | null; medianSeconds: number | null };

export type FieldStats = {
  /** A field code, or null for the total over all fields. */
  field: string | null;
  issued: number;
  served: number;
  noShow: number;
  wait: TimeSummary;
  service: TimeSummary;
};

export function summarise(seconds: readonly number[]): TimeSummary {
  if (seconds.length === 0) return { count: 0, averageSeconds: null, medianSeconds: null };
  const sorted = [...seconds].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const average = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  return { count: sorted.length, averageSeconds: Math.round(average), medianSeconds: Math.round(median) };
}

const seconds = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);

export function waitSeconds(t: TicketTimes): number | null {
  return t.calledAt === null ? null : seconds(t.issuedAt, t.calledAt);
}

export function serviceSeconds(t: TicketTimes): number | null {
  if (t.status !== 'DONE' || t.finishedAt === null) return null;
  const start = t.servedAt ?? t.calledAt;
  return start === null ? null : seconds(start, t.finishedAt);
}

function statsOf(field: string | null, tickets: readonly TicketTimes[]): FieldStats {
  const waits: number[] = [];
  const services: number[] = [];
  let noShow = 0;
  let served = 0;
  for (const t of tickets) {
    const w = waitSeconds(t);
    if (w !== null) waits.push(w);
    const s = serviceSeconds(t);
    if (s !== null) services.push(s);
    if (t.status === 'NO_SHOW') noShow++;
    if (t.status === 'DONE') served++;
  }
  return { field, issued: tickets.length, served, noShow, wait: summarise(waits), service: summarise(services) };
}

/** One row per field present (in `fieldOrder`'s order, unknown fields last), then the total. */
export function queueStatistics(tickets: readonly TicketTimes[], fieldOrder: readonly string[]): FieldStats[] {
  const byField = new Map<string, TicketTimes[]>();
  for (const t of tickets) {
    const list = byField.get(t.field);
    if (list) list.push(t);
    else byField.set(t.field, [t]);
  }
  const rank = (f: string) => {
    const i = fieldOrder.indexOf(f);
    return i === -1 ? fieldOrder.length : i;
  };
  const fields = [...byField.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return [...fields.map((f) => statsOf(f, byField.get(f) ?? [])), statsOf(null, tickets)];
}
