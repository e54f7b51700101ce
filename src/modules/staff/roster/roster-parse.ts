import type { CellRead } from '../../../platform/xlsx/safe-cells.ts';
import { maskCitizenId } from '../masking.ts';
import { EMPLOYMENT_STATUSES, GENDERS, RANKS } from '../staff.schemas.ts';
import { COLUMN_BY_KEY, MAX_TEXT_LENGTH, ROSTER_COLUMNS, ROSTER_FIELDS, type RosterField, TEXT_FIELDS } from './roster.columns.ts';

/**
 * Pure reading and validation of roster rows (no database, no exceljs): the grid of cells
 * comes from roster-xlsx.ts, the reference data (units, positions, registered ID numbers)
 * from the use case. Every row is checked and every problem reported; nothing stops at
 * the first error.
 */

export const ROSTER_REASONS = [
  'NOT_A_WORKBOOK',
  'LEGACY_XLS',
  'INFLATED_TOO_LARGE',
  'SHEET_MISSING',
  'SHEET_EMPTY',
  'COLUMN_MISSING',
  'REQUIRED',
  'FORMULA',
  'CELL_ERROR',
  'DATE_FORMAT',
  'DATE_IMPOSSIBLE',
  'AGE_OUT_OF_RANGE',
  'CITIZEN_ID_FORMAT',
  'NUMBER_CELL',
  'DUPLICATE_IN_FILE',
  'DUPLICATE_IN_REGISTRY',
  'UNIT_UNKNOWN',
  'UNIT_NOT_ALLOWED',
  'POSITION_UNKNOWN',
  'RANK_UNKNOWN',
  'RANK_BELOW_POSITION',
  'GENDER_UNKNOWN',
  'STATUS_UNKNOWN',
  'EMAIL_FORMAT',
  'LEGACY_ENCODING',
  'TEXT_TOO_LONG',
  'TEXT_NORMALISED_NFC',
] as const;
export type RosterReason = (typeof ROSTER_REASONS)[number];

export type RosterProblem = {
  /** Spreadsheet row number (1-based); 0 for a problem of the whole file or sheet. */
  row: number;
  /** Field key of the column; '' for the whole file or sheet. */
  column: string;
  /** Cell reference such as "D5", when the problem is in one cell. */
  cell: string | null;
  /** The cell as written, masked for personal columns. */
  value: string | null;
  reason: RosterReason;
  severity: 'error' | 'warning';
  params?: Record<string, string | number>;
};

export type GridRow = { row: number; cells: ReadonlyMap<number, CellRead> };

export type RosterContext = {
  /** Today in the domain time zone, YYYY-MM-DD. */
  today: string;
  ageMin: number;
  ageMax: number;
  /** Current units of the actor's province by code. */
  units: ReadonlyMap<string, { id: number }>;
  /** Units the actor may import into; null for province roles (every unit of the province). */
  allowedUnitIds: ReadonlySet<number> | null;
  /** Positions of the framework in force by code, with the rank they require. */
  positions: ReadonlyMap<string, { id: number; requiredRank: string }>;
  /** Citizen ID numbers already in the registry of the province. */
  existingCitizenIds: ReadonlySet<string>;
  /** Accepted spellings (lower-cased, NFC) of genders, ranks and statuses → code. */
  vocabulary: Vocabulary;
};

export type Vocabulary = { gender: Map<string, string>; rank: Map<string, string>; status: Map<string, string> };

export type RosterRow = {
  row: number;
  fullName: string;
  gender: string;
  birthDate: string;
  citizenId: string;
  ethnicity: string | null;
  phone: string | null;
  email: string | null;
  unitId: number;
  positionId: number | null;
  title: string;
  startDate: string;
  decision: string | null;
  rank: string;
  employmentStatus: string;
  education: string | null;
  qualification: string | null;
  qualificationField: string | null;
  politicalTheory: string | null;
  stateManagementTraining: string | null;
  itCertificate: string | null;
  foreignLanguageCertificate: string | null;
};

// ——— cells ———

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function cellText(c: CellRead): string | null {
  switch (c.kind) {
    case 'empty':
      return null;
    case 'text':
      return c.text;
    case 'number':
    case 'boolean':
      return String(c.value);
    case 'date':
      return `${c.date.slice(8, 10)}/${c.date.slice(5, 7)}/${c.date.slice(0, 4)}`;
    case 'formula':
      return `=${c.formula}`;
    case 'error':
      return c.error;
  }
}

/** What a report may show of a cell: personal columns keep only a hint (ID ends, the year). */
export function maskReportValue(field: string, value: string | null): string | null {
  if (value === null) return null;
  const column = COLUMN_BY_KEY.get(field as RosterField);
  if (!column?.personal) return value;
  if (field === 'citizenId') return maskCitizenId(value);
  if (field === 'birthDate') return value.replace(/\d(?=.*\d{4})/g, '*');
  return value.length <= 2 ? '*'.repeat(value.length) : `${value.slice(0, 1)}${'*'.repeat(value.length - 2)}${value.slice(-1)}`;
}

// ——— dates ———

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export type DateParse = { ok: true; date: string } | { ok: false; reason: 'DATE_FORMAT' | 'DATE_IMPOSSIBLE' };

/** A dd/mm/yyyy text (d/m/yyyy too) or a real date cell; 31/02 and month 13 are impossible. */
export function parseRosterDate(c: CellRead): DateParse {
  let y: number;
  let m: number;
  let d: number;
  if (c.kind === 'date') {
    [y, m, d] = c.date.split('-').map(Number) as [number, number, number];
  } else if (c.kind === 'text') {
    const match = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(c.text);
    if (!match) return { ok: false, reason: 'DATE_FORMAT' };
    d = Number(match[1]);
    m = Number(match[2]);
    y = Number(match[3]);
  } else {
    return { ok: false, reason: 'DATE_FORMAT' };
  }
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return { ok: false, reason: 'DATE_IMPOSSIBLE' };
  return { ok: true, date: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** Whole years from `birth` to `today` (both YYYY-MM-DD). */
export function ageOn(birth: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  return today.slice(5) < birth.slice(5) ? years - 1 : years;
}

// ——— legacy Vietnamese encodings ———

/** Latin-1 letters that are also Vietnamese letters (precomposed Unicode). */
const VIETNAMESE_LATIN1 = new Set('àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ\u00a0');
/** Latin-1 letters the VNI fonts use for marks (ñ for đ, ö for ư, ø û ï for tones, ä å ë ü for combined marks). */
const VNI_MARKS = new Set('øûïöñäåëüØÛÏÖÑÄÅËÜ');

/**
 * Text typed with a legacy Vietnamese font encoding and saved as if it were Latin-1:
 * TCVN3/ABC ("NguyÔn V¨n A": ¨ for ă, mid-word capitals such as Ô for ễ) or VNI-Windows
 * ("Nguyeãn Vaên": a base vowel followed by a mark letter; ñ for đ). A heuristic: it looks
 * for Latin-1 characters that no Vietnamese Unicode text contains, mid-word capitals,
 * and letter pairs that only the VNI mark scheme produces. Unicode Vietnamese ("Hoàng",
 * "Xuân", "Khuê", "Nguyễn") never matches.
 */
export function detectLegacyEncoding(text: string): 'TCVN3' | 'VNI' | null {
  let foreign = false;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80 || code > 0xff || VIETNAMESE_LATIN1.has(ch)) continue;
    if (VNI_MARKS.has(ch)) return 'VNI';
    foreign = true;
  }
  // VNI: â/ê as a separate mark after a base vowel ("Vaên" for Văn, "Nguyeãn"), a tone letter after a vowel ("Vieät").
  if (/[aeo][âÂ]|[aA][êÊ]|[aeiouyâêô][ùõ]|\p{L}-[âêôÂÊÔ]\p{L}/u.test(text)) return 'VNI';
  if (foreign) return 'TCVN3';
  // TCVN3: a Latin-1 capital vowel between lower-case letters ("NguyÔn").
  if (/\p{Ll}[ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]\p{Ll}/u.test(text)) return 'TCVN3';
  return null;
}

// ——— vocabulary ———

const fold = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('vi');

/** Codes and their Vietnamese labels (as the template's drop-down lists show them) → code. */
export function buildVocabulary(label: (kind: 'gender' | 'rank' | 'employment', code: string) => string): Vocabulary {
  const map = (kind: 'gender' | 'rank' | 'employment', codes: readonly string[]) =>
    new Map(codes.flatMap((c) => [[fold(c), c] as const, [fold(label(kind, c)), c] as const]));
  return { gender: map('gender', GENDERS), rank: map('rank', RANKS), status: map('employment', EMPLOYMENT_STATUSES) };
}

// ——— columns ———

export type ColumnMap = { columns: Map<number, RosterField>; dataFrom: number };

/**
 * Finds the columns: by the field keys of row 2 when present (the template's layout),
 * otherwise by the Vietnamese headers of row 1. A missing required column is a problem.
 */
export function mapColumns(header: GridRow | undefined, keys: GridRow | undefined): { map: ColumnMap; problems: RosterProblem[] } {
  const known = new Set<string>(ROSTER_FIELDS);
  const byKey = new Map<number, RosterField>();
  for (const [col, c] of keys?.cells ?? []) {
    const v = c.kind === 'text' ? c.text.trim() : '';
    if (known.has(v)) byKey.set(col, v as RosterField);
  }
  let map: ColumnMap;
  if (byKey.size > 0) {
    map = { columns: byKey, dataFrom: 3 };
  } else {
    const byHeader = new Map<string, RosterField>(ROSTER_COLUMNS.map((c) => [fold(c.header), c.key]));
    const columns = new Map<number, RosterField>();
    for (const [col, c] of header?.cells ?? []) {
      const key = c.kind === 'text' ? byHeader.get(fold(c.text)) : undefined;
      if (key) columns.set(col, key);
    }
    map = { columns, dataFrom: 2 };
  }
  const present = new Set(map.columns.values());
  const problems: RosterProblem[] = ROSTER_COLUMNS.filter((c) => c.required && !present.has(c.key)).map((c) => ({
    row: 0,
    column: c.key,
    cell: null,
    value: null,
    reason: 'COLUMN_MISSING',
    severity: 'error',
    params: { header: c.header },
  }));
  return { map, problems };
}

// ——— rows ———

type Located = { col: number; cell: CellRead };

function problemAt(
  row: number,
  field: RosterField,
  at: Located | undefined,
  reason: RosterReason,
  params?: RosterProblem['params'],
): RosterProblem {
  const raw = at ? cellText(at.cell) : null;
  return {
    row,
    column: field,
    cell: at ? `${columnLetter(at.col)}${row}` : null,
    value: maskReportValue(field, raw),
    reason,
    severity: reason === 'RANK_BELOW_POSITION' ? 'warning' : 'error',
    ...(params ? { params } : {}),
  };
}

export type ValidationResult = { rows: RosterRow[]; problems: RosterProblem[]; normalisedCells: number };

/** The citizen ID numbers of the rows, as they would be stored, to look up in the registry first. */
export function citizenIdsOf(grid: readonly GridRow[], map: ColumnMap): string[] {
  const col = [...map.columns].find(([, k]) => k === 'citizenId')?.[0];
  if (col === undefined) return [];
  return grid.flatMap((r) => {
    const c = r.cells.get(col);
    return c?.kind === 'text' && /^\s*\d{12}\s*$/.test(c.text) ? [c.text.trim()] : [];
  });
}

/** The data rows (from `map.dataFrom`, blank rows skipped). */
export function dataRows(grid: readonly GridRow[], map: ColumnMap): GridRow[] {
  return grid.filter(
    (r) => r.row >= map.dataFrom && [...map.columns.keys()].some((col) => (r.cells.get(col)?.kind ?? 'empty') !== 'empty'),
  );
}

export function validateRows(rows: readonly GridRow[], map: ColumnMap, ctx: RosterContext): ValidationResult {
  const problems: RosterProblem[] = [];
  const valid: RosterRow[] = [];
  const seenIds = new Map<string, number>();
  let normalisedCells = 0;
  const rankIndex = (r: string) => (RANKS as readonly string[]).indexOf(r);

  for (const gridRow of rows) {
    const n = gridRow.row;
    const at = new Map<RosterField, Located>();
    for (const [col, field] of map.columns) {
      const cell = gridRow.cells.get(col);
      if (cell && cell.kind !== 'empty') at.set(field, { col, cell });
    }
    const before = problems.length;
    const fail = (field: RosterField, reason: RosterReason, params?: RosterProblem['params']) =>
      problems.push(problemAt(n, field, at.get(field), reason, params));

    // Formulas and error values are refused wherever they are, and never evaluated.
    const usable = new Map<RosterField, CellRead>();
    for (const [field, loc] of at) {
      if (loc.cell.kind === 'formula') fail(field, 'FORMULA');
      else if (loc.cell.kind === 'error') fail(field, 'CELL_ERROR');
      else usable.set(field, loc.cell);
    }
    for (const c of ROSTER_COLUMNS) {
      if (c.required && !at.has(c.key)) fail(c.key, 'REQUIRED', { header: c.header });
    }

    /** Free text: exactly as written, only NFC-normalised; legacy encodings refused. */
    const text = (field: RosterField): string | null => {
      const cell = usable.get(field);
      if (!cell) return null;
      const raw = cellText(cell);
      if (raw === null) return null;
      const nfc = raw.normalize('NFC');
      if (nfc !== raw) normalisedCells++;
      const legacy = detectLegacyEncoding(nfc);
      if (legacy) fail(field, 'LEGACY_ENCODING', { encoding: legacy === 'TCVN3' ? 'TCVN3 (ABC)' : 'VNI' });
      if (nfc.length > MAX_TEXT_LENGTH) fail(field, 'TEXT_TOO_LONG', { max: MAX_TEXT_LENGTH });
      return nfc;
    };
    /** A code or a choice: surrounding spaces do not count. */
    const code = (field: RosterField): string | null => {
      const cell = usable.get(field);
      const raw = cell ? cellText(cell) : null;
      return raw === null ? null : raw.normalize('NFC').trim();
    };
    const date = (field: RosterField): string | null => {
      const cell = usable.get(field);
      if (!cell) return null;
      const d = parseRosterDate(cell);
      if (!d.ok) {
        fail(field, d.reason);
        return null;
      }
      return d.date;
    };
    const lookup = (field: RosterField, vocabulary: Map<string, string>, reason: RosterReason): string | null => {
      const v = code(field);
      if (v === null) return null;
      const found = vocabulary.get(fold(v));
      if (!found) fail(field, reason);
      return found ?? null;
    };

    const values: Record<string, string | null> = {};
    for (const f of TEXT_FIELDS) values[f] = text(f);

    const gender = lookup('gender', ctx.vocabulary.gender, 'GENDER_UNKNOWN');
    const rank = lookup('rank', ctx.vocabulary.rank, 'RANK_UNKNOWN');
    const status = lookup('employmentStatus', ctx.vocabulary.status, 'STATUS_UNKNOWN');

    const birthDate = date('birthDate');
    if (birthDate) {
      const age = ageOn(birthDate, ctx.today);
      if (age < ctx.ageMin || age > ctx.ageMax) fail('birthDate', 'AGE_OUT_OF_RANGE', { age, min: ctx.ageMin, max: ctx.ageMax });
    }
    const startDate = date('startDate');

    // Citizen ID: 12 digits, as text (a number cell has already lost its leading zeros).
    let citizenId: string | null = null;
    const idCell = usable.get('citizenId');
    if (idCell?.kind === 'number') fail('citizenId', 'NUMBER_CELL');
    else if (idCell) {
      const v = code('citizenId') ?? '';
      if (!/^\d{12}$/.test(v)) fail('citizenId', 'CITIZEN_ID_FORMAT');
      else {
        citizenId = v;
        const first = seenIds.get(v);
        if (first !== undefined) fail('citizenId', 'DUPLICATE_IN_FILE', { first });
        else seenIds.set(v, n);
        if (ctx.existingCitizenIds.has(v)) fail('citizenId', 'DUPLICATE_IN_REGISTRY');
      }
    }

    const phoneCell = usable.get('phone');
    if (phoneCell?.kind === 'number') fail('phone', 'NUMBER_CELL');
    const phone = phoneCell?.kind === 'number' ? null : code('phone');
    const email = code('email');
    if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail('email', 'EMAIL_FORMAT');
    const ethnicity = values.ethnicity ?? null;

    let unitId: number | null = null;
    const unitCode = code('unitCode');
    if (unitCode !== null) {
      const unit = ctx.units.get(unitCode);
      if (!unit) fail('unitCode', 'UNIT_UNKNOWN');
      else if (ctx.allowedUnitIds && !ctx.allowedUnitIds.has(unit.id)) fail('unitCode', 'UNIT_NOT_ALLOWED');
      else unitId = unit.id;
    }

    let positionId: number | null = null;
    const positionCode = code('positionCode');
    if (positionCode !== null) {
      const position = ctx.positions.get(positionCode);
      if (!position) fail('positionCode', 'POSITION_UNKNOWN');
      else {
        positionId = position.id;
        // Decided: a rank below the position's requirement is a warning (people are appointed
        // and then trained or re-ranked within the grace period), not a refusal.
        if (rank && rankIndex(rank) > rankIndex(position.requiredRank))
          fail('rank', 'RANK_BELOW_POSITION', { required: position.requiredRank });
      }
    }

    const errors = problems.slice(before).some((p) => p.severity === 'error');
    if (errors) continue;
    const fullName = values.fullName;
    const title = values.title;
    if (!fullName || !title || !gender || !rank || !status || !birthDate || !startDate || !citizenId || unitId === null) continue;
    valid.push({
      row: n,
      fullName,
      gender,
      birthDate,
      citizenId,
      ethnicity,
      phone,
      email,
      unitId,
      positionId,
      title,
      startDate,
      decision: values.decision ?? null,
      rank,
      employmentStatus: status,
      education: values.education ?? null,
      qualification: values.qualification ?? null,
      qualificationField: values.qualificationField ?? null,
      politicalTheory: values.politicalTheory ?? null,
      stateManagementTraining: values.stateManagementTraining ?? null,
      itCertificate: values.itCertificate ?? null,
      foreignLanguageCertificate: values.foreignLanguageCertificate ?? null,
    });
  }
  if (normalisedCells > 0) {
    problems.push({
      row: 0,
      column: '',
      cell: null,
      value: null,
      reason: 'TEXT_NORMALISED_NFC',
      severity: 'warning',
      params: { count: normalisedCells },
    });
  }
  return { rows: valid, problems, normalisedCells };
}
