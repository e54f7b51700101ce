import type { Computed } from '../../dossiers/lifecycle/scorecard-766.ts';

/**
 * Counts entered by hand for the Decision 766 indicators that neither the dossier store nor the
 * catalogue can compute (domain.md §7.2): whether procedures were announced (1.1), published
 * on the national database (1.2) and complete (1.3) on time, whether fees can be paid online
 * (3.5), and PAKN satisfaction (5.2). Pure: periods, which stored entries answer a card's
 * range, and their sums.
 */

/**
 * Where each indicator is measured. Announcing and publishing procedures (1.1–1.3) are acts of
 * the province (domain.md §7.2: a provincial decision, published within 5 working days), so
 * one province figure serves the province's card and every unit's card. Online fee payment
 * (3.5, like 3.1 for a commune: its own procedures) and PAKN satisfaction (5.2) belong to the
 * unit; the province's card adds up its units' counts.
 */
export const SUPPLIED_INDICATORS = { '1.1': 'PROVINCE', '1.2': 'PROVINCE', '1.3': 'PROVINCE', '3.5': 'UNIT', '5.2': 'UNIT' } as const;
export type SuppliedIndicator = keyof typeof SUPPLIED_INDICATORS;
export type SuppliedLevel = (typeof SUPPLIED_INDICATORS)[SuppliedIndicator];
export const SUPPLIED_CODES = Object.keys(SUPPLIED_INDICATORS) as SuppliedIndicator[];

export function isSuppliedIndicator(code: string): code is SuppliedIndicator {
  return Object.hasOwn(SUPPLIED_INDICATORS, code);
}

/** The indicators entered at a scope: province-level ones on the province, unit-level ones on a unit. */
export function suppliedCodesAt(scope: 'PROVINCE' | 'UNIT'): SuppliedIndicator[] {
  return SUPPLIED_CODES.filter((c) => SUPPLIED_INDICATORS[c] === scope);
}

export const PERIOD_KINDS = ['MONTH', 'QUARTER', 'YEAR'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
/** A reporting period as the card defines them: a calendar month, quarter or year (local dates). */
export type PeriodRef = { kind: PeriodKind; year: number; number: number };

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY' | 'YYYY-MM' | 'YYYY-Qn' → a period; null when malformed or out of range. */
export function parsePeriodToken(token: string): PeriodRef | null {
  const m = /^(\d{4})(?:-(\d{2})|-Q([1-4]))?$/.exec(token);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  if (m[2] !== undefined) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { kind: 'MONTH', year, number: month } : null;
  }
  if (m[3] !== undefined) return { kind: 'QUARTER', year, number: Number(m[3]) };
  return { kind: 'YEAR', year, number: 1 };
}

export function periodToken(p: PeriodRef): string {
  if (p.kind === 'MONTH') return `${p.year}-${pad(p.number)}`;
  if (p.kind === 'QUARTER') return `${p.year}-Q${p.number}`;
  return String(p.year);
}

/** [from, to) local dates of a period. */
export function rangeOfPeriod(p: PeriodRef): { from: string; to: string } {
  const months = p.kind === 'MONTH' ? 1 : p.kind === 'QUARTER' ? 3 : 12;
  const first = p.kind === 'MONTH' ? p.number : p.kind === 'QUARTER' ? (p.number - 1) * 3 + 1 : 1;
  const end = first - 1 + months;
  return { from: `${p.year}-${pad(first)}-01`, to: `${p.year + Math.floor(end / 12)}-${pad((end % 12) + 1)}-01` };
}

/** The period whose range is exactly [from, to), if the range is a whole month, quarter or year. */
export function periodOfRange(range: { from: string; to: string }): PeriodRef | null {
  for (const kind of ['YEAR', 'QUARTER', 'MONTH'] as const) {
    const tiles = periodsCovering(range, kind);
    if (tiles?.length === 1) return tiles[0] ?? null;
  }
  return null;
}

/** The periods of one kind that tile [from, to) exactly, in order; null when the range is not aligned to them. */
export function periodsCovering(range: { from: string; to: string }, kind: PeriodKind): PeriodRef[] | null {
  const m = /^(\d{4})-(\d{2})-01$/.exec(range.from);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const first: PeriodRef | null =
    kind === 'MONTH'
      ? { kind, year, number: month }
      : kind === 'QUARTER'
        ? (month - 1) % 3 === 0
          ? { kind, year, number: (month - 1) / 3 + 1 }
          : null
        : month === 1
          ? { kind, year, number: 1 }
          : null;
  if (!first) return null;
  const out: PeriodRef[] = [];
  let p = first;
  // A card spans at most 366 days: 13 months is a safe bound.
  for (let guard = 0; guard < 14; guard++) {
    const r = rangeOfPeriod(p);
    if (r.to > range.to) return null;
    out.push(p);
    if (r.to === range.to) return out;
    p = nextPeriod(p);
  }
  return null;
}

function nextPeriod(p: PeriodRef): PeriodRef {
  const last = p.kind === 'MONTH' ? 12 : p.kind === 'QUARTER' ? 4 : 1;
  return p.number < last ? { ...p, number: p.number + 1 } : { ...p, year: p.year + 1, number: 1 };
}

const samePeriod = (a: PeriodRef, b: PeriodRef) => a.kind === b.kind && a.year === b.year && a.number === b.number;

/** One stored entry, as the repository reads it. */
export type SuppliedEntry = {
  id: number;
  indicator: SuppliedIndicator;
  unit: { id: number; code: string; name: string } | null;
  period: PeriodRef;
  numerator: number;
  denominator: number;
  sourceNote: string;
  enteredBy: { id: number | null; name: string | null };
  enteredAt: string;
  version: number;
};

/**
 * The entries of ONE scope (a unit or the province) and one indicator that answer [from, to):
 * the entry of exactly that period; else entries of every month, or of every quarter, that tile
 * it (a year from twelve months); else none — a partial cover would understate the figure.
 */
export function coverOf(entries: readonly SuppliedEntry[], range: { from: string; to: string }): SuppliedEntry[] | null {
  const exact = periodOfRange(range);
  const hit = exact && entries.find((e) => samePeriod(e.period, exact));
  if (hit) return [hit];
  for (const kind of ['MONTH', 'QUARTER'] as const) {
    const tiles = periodsCovering(range, kind);
    if (!tiles || (exact && exact.kind === kind)) continue;
    const found = tiles.map((p) => entries.find((e) => samePeriod(e.period, p)));
    if (found.every((e) => e !== undefined)) return found as SuppliedEntry[];
  }
  return null;
}

export type SuppliedFigure = { computed: Computed; entries: SuppliedEntry[]; level: SuppliedLevel };

/**
 * The supplied figure of each indicator for a card: a unit's card takes its own entries for
 * unit-level indicators and the province's for province-level ones; the province's card takes
 * its own for province-level ones and adds up, for unit-level ones, every unit whose entries
 * cover the range (terms say how many units and entries). Indicators with nothing are absent.
 */
export function suppliedFigures(
  entries: readonly SuppliedEntry[],
  range: { from: string; to: string },
  unitId: number | null,
): Partial<Record<SuppliedIndicator, SuppliedFigure>> {
  const out: Partial<Record<SuppliedIndicator, SuppliedFigure>> = {};
  for (const code of SUPPLIED_CODES) {
    const level = SUPPLIED_INDICATORS[code];
    const own = entries.filter((e) => e.indicator === code);
    let used: SuppliedEntry[] = [];
    let units = 0;
    if (level === 'PROVINCE') {
      used =
        coverOf(
          own.filter((e) => e.unit === null),
          range,
        ) ?? [];
    } else if (unitId !== null) {
      used =
        coverOf(
          own.filter((e) => e.unit?.id === unitId),
          range,
        ) ?? [];
      units = used.length > 0 ? 1 : 0;
    } else {
      const byUnit = new Map<number, SuppliedEntry[]>();
      for (const e of own) if (e.unit) byUnit.set(e.unit.id, [...(byUnit.get(e.unit.id) ?? []), e]);
      for (const list of byUnit.values()) {
        const cover = coverOf(list, range);
        if (!cover) continue;
        used.push(...cover);
        units += 1;
      }
    }
    if (used.length === 0) continue;
    const numerator = used.reduce((s, e) => s + e.numerator, 0);
    const denominator = used.reduce((s, e) => s + e.denominator, 0);
    const terms: Record<string, number> = { numerator, denominator, entries: used.length };
    if (level === 'UNIT') terms.units = units;
    out[code] = { computed: { numerator, denominator, formula: 'supplied', terms }, entries: used, level };
  }
  return out;
}
