import type { RunLine, WisnStatus } from '../run.schemas.ts';

/**
 * Pure view models of a stored WISN run (issue 5 §3): the units × staff-categories matrix with
 * totals, the ranking of fields by workload pressure and by missing expertise. Sums are taken
 * over unrounded stored figures; the pages round only when they print (domain.md §10.2).
 *
 * Like with like: a line the formulas refused has no required staff, so its actual staff is
 * left out of the sums too (and counted in `refused`); otherwise a refused line would look
 * like a surplus.
 */

export type LineFilter = { unitId?: number | undefined; field?: string | undefined; status?: WisnStatus | undefined };

export function filterLines(lines: readonly RunLine[], f: LineFilter): RunLine[] {
  return lines.filter(
    (l) =>
      (f.unitId === undefined || l.unitId === f.unitId) &&
      (f.field === undefined || l.field === f.field) &&
      (f.status === undefined || l.status === f.status),
  );
}

export type Sums = {
  /** Σ required staff over lines with a result. */
  required: number;
  /** Σ actual staff over the same lines. */
  actual: number;
  /** actual − required: negative = shortage (domain.md §10.1 step 8). */
  difference: number;
  /** actual / required; null when nothing is required. */
  ratio: number | null;
  /** Lines the formulas refused (left out of the sums). */
  refused: number;
  lines: number;
};

export function sumLines(lines: readonly RunLine[]): Sums {
  let required = 0;
  let actual = 0;
  let refused = 0;
  for (const l of lines) {
    if (l.result === null) {
      refused++;
      continue;
    }
    required += l.result.requiredStaff.value;
    actual += l.result.actualStaff.value;
  }
  return { required, actual, difference: actual - required, ratio: required > 0 ? actual / required : null, refused, lines: lines.length };
}

export type MatrixRow = { unitId: number; unitCode: string; unitName: string; cells: (RunLine | null)[]; sums: Sums };
export type Matrix = { fields: string[]; rows: MatrixRow[]; fieldSums: Sums[]; sums: Sums };

const collator = new Intl.Collator('vi');

/** Distinct fields in the order met. */
export function fieldsOf(lines: readonly RunLine[]): string[] {
  return [...new Set(lines.map((l) => l.field))];
}

/** Distinct units, in Vietnamese name order (ties by id). */
export function unitsOf(lines: readonly RunLine[]): { unitId: number; unitCode: string; unitName: string }[] {
  const seen = new Map<number, { unitId: number; unitCode: string; unitName: string }>();
  for (const l of lines) if (!seen.has(l.unitId)) seen.set(l.unitId, { unitId: l.unitId, unitCode: l.unitCode, unitName: l.unitName });
  return [...seen.values()].sort((a, b) => collator.compare(a.unitName, b.unitName) || a.unitId - b.unitId);
}

/**
 * Rows = units, columns = `fields` (the caller's order, so filtering keeps the columns of the
 * whole run); a cell is the line of that unit and field, or null when there is none.
 */
export function buildMatrix(lines: readonly RunLine[], fields: readonly string[]): Matrix {
  const byKey = new Map(lines.map((l) => [`${l.unitId}|${l.field}`, l]));
  const rows = unitsOf(lines).map((u) => {
    const cells = fields.map((f) => byKey.get(`${u.unitId}|${f}`) ?? null);
    return { ...u, cells, sums: sumLines(cells.filter((c): c is RunLine => c !== null)) };
  });
  const fieldSums = fields.map((f) => sumLines(lines.filter((l) => l.field === f)));
  return { fields: [...fields], rows, fieldSums, sums: sumLines(lines) };
}

export type FieldPressure = Sums & {
  field: string;
  /** Σ required − Σ actual: staff missing over the province (negative = more staff than needed). */
  gap: number;
  /** 1 − Σ actual / Σ required (domain.md §10.1); null when nothing is required. */
  pressure: number | null;
  shortageUnits: number;
};

/** Fields ranked by workload pressure: the largest staff gap first (ties: higher pressure, then code). */
export function rankPressure(lines: readonly RunLine[]): FieldPressure[] {
  return fieldsOf(lines)
    .map((field) => {
      const mine = lines.filter((l) => l.field === field);
      const s = sumLines(mine);
      return {
        ...s,
        field,
        gap: s.required - s.actual,
        pressure: s.ratio === null ? null : 1 - s.ratio,
        shortageUnits: mine.filter((l) => l.status === 'SHORTAGE').length,
      };
    })
    .sort((a, b) => b.gap - a.gap || (b.pressure ?? -Infinity) - (a.pressure ?? -Infinity) || a.field.localeCompare(b.field));
}

export type GapCompetency = { code: string; name: string; staffBelow: number };

export type FieldExpertise = {
  field: string;
  placed: number;
  notMeeting: number;
  /** notMeeting / placed; null when nobody is placed. */
  share: number | null;
  /** Competencies below the required level, summed over the units, most frequent first. */
  gaps: GapCompetency[];
  /** Σ required − Σ actual of the field (as in rankPressure). */
  gap: number;
  /** Both a staff shortage (gap > 0) and staff not meeting the competency requirements. */
  both: boolean;
};

/** Gap competencies summed by code, most staff below first (ties by code). */
export function mergeGaps(lists: readonly (readonly GapCompetency[])[]): GapCompetency[] {
  const merged = new Map<string, GapCompetency>();
  for (const list of lists)
    for (const g of list) {
      const m = merged.get(g.code);
      if (m) m.staffBelow += g.staffBelow;
      else merged.set(g.code, { ...g });
    }
  return [...merged.values()].sort((a, b) => b.staffBelow - a.staffBelow || a.code.localeCompare(b.code));
}

/**
 * Fields where assessed expertise is missing, combined with WISN: fields with BOTH a shortage
 * and staff not meeting their position come first (largest gap first), then the other fields
 * with missing expertise (most staff not meeting first). Fields where every placed person meets
 * the requirements are left out.
 */
export function rankExpertise(lines: readonly RunLine[]): FieldExpertise[] {
  const pressure = new Map(rankPressure(lines).map((p) => [p.field, p]));
  return fieldsOf(lines)
    .map((field) => {
      const mine = lines.filter((l) => l.field === field);
      const placed = mine.reduce((s, l) => s + l.expertise.placed, 0);
      const notMeeting = mine.reduce((s, l) => s + l.expertise.notMeeting, 0);
      const gap = pressure.get(field)?.gap ?? 0;
      return {
        field,
        placed,
        notMeeting,
        share: placed > 0 ? notMeeting / placed : null,
        gaps: mergeGaps(mine.map((l) => l.expertise.gapCompetencies)),
        gap,
        both: gap > 0 && notMeeting > 0,
      };
    })
    .filter((e) => e.notMeeting > 0)
    .sort(
      (a, b) =>
        Number(b.both) - Number(a.both) ||
        (a.both ? b.gap - a.gap : 0) ||
        b.notMeeting - a.notMeeting ||
        (b.share ?? 0) - (a.share ?? 0) ||
        a.field.localeCompare(b.field),
    );
}

/** Unit × field lines short of staff whose placed staff also miss competencies: the worst shortage first. */
export function shortageWithGaps(lines: readonly RunLine[]): RunLine[] {
  return lines
    .filter((l) => l.status === 'SHORTAGE' && l.expertise.notMeeting > 0)
    .sort(
      (a, b) =>
        (a.result?.difference.value ?? 0) - (b.result?.difference.value ?? 0) ||
        collator.compare(a.unitName, b.unitName) ||
        a.field.localeCompare(b.field),
    );
}

/** The icon shown with each status, so the meaning never rests on colour alone (WCAG 1.4.1). */
export const STATUS_ICON: Record<WisnStatus, string> = {
  SHORTAGE: '▼',
  BALANCED: '●',
  SURPLUS: '▲',
  NO_WORKLOAD: '○',
  REFUSED: '✕',
};

/** CSS class of a status cell (public/app.css). */
export const STATUS_CLASS: Record<WisnStatus, string> = {
  SHORTAGE: 'ws-sh',
  BALANCED: 'ws-ba',
  SURPLUS: 'ws-su',
  NO_WORKLOAD: 'ws-no',
  REFUSED: 'ws-re',
};
