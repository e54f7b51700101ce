import type { OverviewConfig } from '../../platform/rules/defaults/overview.config.ts';
import type { OverviewQuery, OverviewSort, OverviewUnit, SizeBand, Trend } from './overview.schemas.ts';

/**
 * Pure helpers of the overview table: size bands, trend arrows, the previous period, filters
 * and sorting. Unknown figures (null) sort last whatever the direction, so the weakest units
 * with data come first when sorting by score ascending.
 */

export function sizeBandOf(population: number | null, bands: OverviewConfig['sizeBands']): SizeBand | null {
  if (population === null) return null;
  if (population >= bands.largeFrom) return 'LARGE';
  return population >= bands.mediumFrom ? 'MEDIUM' : 'SMALL';
}

/**
 * Up, down or the same against the previous period, compared at the precision the page prints
 * (`step`: 0.1 point for a score, 0.001 for a share), so an arrow never contradicts the digits.
 */
export function trendOf(now: number | null, before: number | null, step: number): Trend {
  if (now === null || before === null) return 'NONE';
  const diff = Math.round(now / step) - Math.round(before / step);
  return diff > 0 ? 'UP' : diff < 0 ? 'DOWN' : 'SAME';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The period just before [from, to): the previous month or quarter (same length in months). */
export function previousRange(range: { from: string; to: string }): { from: string; to: string } {
  const months = monthIndex(range.to) - monthIndex(range.from);
  const start = monthIndex(range.from) - months;
  return { from: monthStart(start), to: range.from };
}

const monthIndex = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const monthStart = (index: number) => `${Math.floor(index / 12)}-${pad((index % 12) + 1)}-01`;

/** The `count` calendar months ending with the one that starts `lastFrom`, oldest first. */
export function monthsUpTo(lastFrom: string, count: number): { from: string; to: string }[] {
  const last = monthIndex(lastFrom);
  return Array.from({ length: count }, (_, i) => {
    const m = last - count + 1 + i;
    return { from: monthStart(m), to: monthStart(m + 1) };
  });
}

export function matchesFilters(u: OverviewUnit, q: Pick<OverviewQuery, 'kind' | 'mountainous' | 'size'>): boolean {
  if (q.kind && u.kind !== q.kind) return false;
  if (q.mountainous && u.isMountainous !== (q.mountainous === 'yes')) return false;
  if (q.size && u.size !== q.size) return false;
  return true;
}

const collator = new Intl.Collator('vi');

const KEY: Record<Exclude<OverviewSort, 'name'>, (u: OverviewUnit) => number | null> = {
  score: (u) => u.score,
  onTime: (u) => u.onTimeShare,
  online: (u) => u.onlineShare,
  satisfaction: (u) => u.satisfaction,
  backlog: (u) => u.backlog,
  overdue: (u) => u.overdue,
  norm: (u) => u.normDifference,
  wisn: (u) => u.wisnRatio,
  fit: (u) => u.fitShare,
  training: (u) => u.training?.share ?? null,
};

export function sortUnits(units: readonly OverviewUnit[], sort: OverviewSort, dir: 'asc' | 'desc'): OverviewUnit[] {
  const sign = dir === 'asc' ? 1 : -1;
  const byName = (a: OverviewUnit, b: OverviewUnit) => collator.compare(a.name, b.name) || a.unitId - b.unitId;
  if (sort === 'name') return [...units].sort((a, b) => sign * byName(a, b));
  const key = KEY[sort];
  return [...units].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return sign * (x - y) || byName(a, b);
  });
}
