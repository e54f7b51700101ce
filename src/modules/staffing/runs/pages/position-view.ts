import type { RunLine, WisnStatus } from '../run.schemas.ts';

/**
 * The per-position view of a stored WISN run (issue 5 §3: "units × fields (and per position)").
 *
 * WISN works per staff CATEGORY (the field of a professional job position, domain.md §10.3): a
 * run stores, per unit × field, one required-staff figure and the actual staff counted; it does
 * not say how the field's need divides among the field's job positions. This view DERIVES that
 * split, and says so wherever it is shown:
 *  - actual per position = ACTIVE staff whose placement on the run's date (the day it was
 *    computed, in Vietnam) was that PROFESSIONAL position in the unit, read from the appointment
 *    history with the run's own conditions (a person counts once per unit × field: their oldest
 *    placement of the field);
 *  - required per position = the line's required staff × the position's share of those holders
 *    (so every position carries the field's ratio and the field's colour band);
 *  - a line nobody held a position of (or a refused line) stays one row without a position.
 * When the history now gives a different total than the run counted (a placement recorded
 * afterwards with an earlier start, or a status changed since), the rows are flagged.
 */

export type PositionHolders = {
  unitId: number;
  field: string;
  positionId: number;
  positionCode: string;
  positionName: string;
  holders: number;
};

/** Holder counts per unit × field × position, each person counted once per unit × field (rows in placement order). */
export function countHolders(
  rows: readonly {
    staffId: number;
    unitId: number;
    field: string;
    positionId: number;
    positionCode: string;
    nameVi: string;
    nameEn: string;
  }[],
  locale: string,
): PositionHolders[] {
  const seen = new Set<string>();
  const out = new Map<string, PositionHolders>();
  for (const r of rows) {
    const person = `${r.staffId}|${r.unitId}|${r.field}`;
    if (seen.has(person)) continue;
    seen.add(person);
    const key = `${r.unitId}|${r.field}|${r.positionId}`;
    const acc = out.get(key);
    if (acc) acc.holders += 1;
    else
      out.set(key, {
        unitId: r.unitId,
        field: r.field,
        positionId: r.positionId,
        positionCode: r.positionCode,
        positionName: locale === 'vi' ? r.nameVi : r.nameEn,
        holders: 1,
      });
  }
  return [...out.values()];
}

export type PositionRow = {
  unitId: number;
  unitCode: string;
  unitName: string;
  field: string;
  /** The LINE's status: the colour band is decided per field by the run. */
  status: WisnStatus;
  /** Null: the line's need kept whole (no holder of any position of the field found, or the line refused). */
  positionId: number | null;
  positionCode: string | null;
  positionName: string | null;
  /** Holders on the run's date (the line's stored actual staff for a row without a position). */
  actual: number;
  /** Derived: the line's required staff × share; null when the formulas refused the line. */
  required: number | null;
  difference: number | null;
  ratio: number | null;
  /** Share of the line's need given to this row (holders / holders of the field). */
  share: number;
  /** What the run counted for the whole line, and what the appointment history gives now. */
  lineActual: number;
  lineHolders: number;
  /** lineHolders ≠ lineActual: the history changed since the run (see above). */
  differsFromRun: boolean;
};

/** The rows of one line (see the module comment for the rule). */
export function splitLine(line: RunLine, holders: readonly PositionHolders[]): PositionRow[] {
  const mine = holders.filter((h) => h.unitId === line.unitId && h.field === line.field);
  const total = mine.reduce((s, h) => s + h.holders, 0);
  const lineActual = line.input.actualStaff;
  const requiredLine = line.result ? line.result.requiredStaff.value : null;
  const base = {
    unitId: line.unitId,
    unitCode: line.unitCode,
    unitName: line.unitName,
    field: line.field,
    status: line.status,
    lineActual,
    lineHolders: total,
    differsFromRun: total !== lineActual,
  };
  if (total === 0 || requiredLine === null) {
    return [
      {
        ...base,
        positionId: null,
        positionCode: null,
        positionName: null,
        actual: lineActual,
        required: requiredLine,
        difference: line.result ? line.result.difference.value : null,
        ratio: line.result?.ratio?.value ?? null,
        share: 1,
        differsFromRun: false,
      },
    ];
  }
  return [...mine]
    .sort((a, b) => (a.positionCode < b.positionCode ? -1 : a.positionCode > b.positionCode ? 1 : 0))
    .map((h) => {
      const share = h.holders / total;
      const required = requiredLine * share;
      return {
        ...base,
        positionId: h.positionId,
        positionCode: h.positionCode,
        positionName: h.positionName,
        actual: h.holders,
        required,
        difference: h.holders - required,
        ratio: required > 0 ? h.holders / required : null,
        share,
      };
    });
}

/** Every line's rows, in the lines' order (the caller sorts the lines). */
export function positionRows(lines: readonly RunLine[], holders: readonly PositionHolders[]): PositionRow[] {
  return lines.flatMap((l) => splitLine(l, holders));
}

/** Rows per page: the page stays far under its 50 KB budget with the layout and filters. */
export const POSITION_PAGE_SIZE = 50;

export function pageOf<T>(rows: readonly T[], page: number, size = POSITION_PAGE_SIZE): { items: T[]; page: number; total: number } {
  const last = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(1, page), last);
  return { items: rows.slice((p - 1) * size, p * size), page: p, total: rows.length };
}
