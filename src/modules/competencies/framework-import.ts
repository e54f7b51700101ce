import {
  COMPETENCY_GROUPS,
  type CompetencyDef,
  EDUCATION_LEVELS,
  type FrameworkDocument,
  isLevel,
  POSITION_BODIES,
  POSITION_GROUPS,
  type PositionDef,
  PROFICIENCY_LEVELS,
  RANK_TIERS,
} from './framework.ts';

/**
 * Validation of an imported framework (JSON or XLSX). Every row is checked and every
 * problem reported with its sheet, row and column; the caller writes nothing unless the
 * list is empty.
 */

export const PROBLEM_REASONS = [
  'REQUIRED',
  'INVALID_VALUE',
  'INVALID_DATE',
  'DUPLICATE_CODE',
  'UNKNOWN_COMPETENCY',
  'UNKNOWN_POSITION',
  'LEVEL_OUT_OF_RANGE',
  'DESCRIPTOR_MISSING',
  'FORMULA_NOT_ALLOWED',
  'SHEET_MISSING',
  'NOT_A_WORKBOOK',
] as const;
export type ProblemReason = (typeof PROBLEM_REASONS)[number];
export type ImportProblem = { sheet: string; row: number; column: string; reason: ProblemReason };

/** Where a raw item came from: a sheet and row, and a prefix for nested JSON columns. */
export type Locator = { sheet: string; row: number; prefix: string };
type Raw = Record<string, unknown>;
export type RawCompetency = {
  at: Locator;
  values: Raw;
  levels: { at: Locator; level: unknown; vi: unknown; en: unknown; columns?: { vi: string; en: string } }[];
};
export type RawPosition = { at: Locator; values: Raw };
export type RawRequirement = { at: Locator; positionCode: unknown; competencyCode: unknown; level: unknown };
export type RawFramework = {
  at: Locator;
  meta: Raw;
  competencies: RawCompetency[];
  positions: RawPosition[];
  requirements: RawRequirement[];
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

class Checker {
  readonly problems: ImportProblem[] = [];
  add(at: Locator, column: string, reason: ProblemReason): void {
    this.problems.push({ sheet: at.sheet, row: at.row, column: `${at.prefix}${column}`, reason });
  }
  text(at: Locator, values: Raw, column: string, max = 4000): string {
    const v = values[column];
    if (typeof v !== 'string' || v.trim() === '') {
      this.add(at, column, v === undefined || v === null || v === '' ? 'REQUIRED' : 'INVALID_VALUE');
      return '';
    }
    if (v.length > max) this.add(at, column, 'INVALID_VALUE');
    return v.trim();
  }
  optionalText(at: Locator, values: Raw, column: string): string | null {
    const v = values[column];
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string') {
      this.add(at, column, 'INVALID_VALUE');
      return null;
    }
    return v.trim() || null;
  }
  oneOf<T extends string>(at: Locator, values: Raw, column: string, allowed: readonly T[]): T {
    const v = values[column];
    if (v === undefined || v === null || v === '') this.add(at, column, 'REQUIRED');
    else if (!(allowed as readonly unknown[]).includes(v)) this.add(at, column, 'INVALID_VALUE');
    return v as T;
  }
  bool(at: Locator, values: Raw, column: string): boolean {
    const v = values[column];
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'TRUE' || v === 1) return true;
    if (v === 'false' || v === 'FALSE' || v === 0) return false;
    this.add(at, column, v === undefined || v === null || v === '' ? 'REQUIRED' : 'INVALID_VALUE');
    return false;
  }
}

const CODE = /^[A-Z0-9][A-Z0-9._-]{0,31}$/;

function code(c: Checker, at: Locator, values: Raw, column: string): string {
  const v = c.text(at, values, column, 32);
  if (v && !CODE.test(v)) c.add(at, column, 'INVALID_VALUE');
  return v;
}

function competencyOf(c: Checker, raw: RawCompetency): CompetencyDef {
  const { at, values } = raw;
  const levels = PROFICIENCY_LEVELS.map((level) => {
    const found = raw.levels.find((l) => l.level === level);
    const vi = typeof found?.vi === 'string' ? found.vi.trim() : '';
    const en = typeof found?.en === 'string' ? found.en.trim() : '';
    if (!vi) c.add(found?.at ?? at, found ? (found.columns?.vi ?? 'vi') : `level${level}Vi`, 'DESCRIPTOR_MISSING');
    if (!en) c.add(found?.at ?? at, found ? (found.columns?.en ?? 'en') : `level${level}En`, 'DESCRIPTOR_MISSING');
    return { level, vi, en };
  });
  for (const l of raw.levels) if (!isLevel(l.level)) c.add(l.at, 'level', 'LEVEL_OUT_OF_RANGE');
  return {
    code: code(c, at, values, 'code'),
    nameVi: c.text(at, values, 'nameVi', 300),
    nameEn: c.text(at, values, 'nameEn', 300),
    group: c.oneOf(at, values, 'group', COMPETENCY_GROUPS),
    field: c.optionalText(at, values, 'field'),
    descriptionVi: c.optionalText(at, values, 'descriptionVi') ?? '',
    descriptionEn: c.optionalText(at, values, 'descriptionEn') ?? '',
    levels,
    draftDescriptors: c.bool(at, values, 'draftDescriptors'),
  };
}

function qualificationFields(c: Checker, at: Locator, values: Raw): string[] {
  const v = values.qualificationFields;
  if (v === undefined || v === null || v === '') return [];
  if (typeof v === 'string')
    return v
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v.map((s) => s.trim()).filter(Boolean);
  c.add(at, 'qualificationFields', 'INVALID_VALUE');
  return [];
}

function positionOf(c: Checker, raw: RawPosition): PositionDef {
  const { at, values } = raw;
  return {
    code: code(c, at, values, 'code'),
    nameVi: c.text(at, values, 'nameVi', 300),
    nameEn: c.text(at, values, 'nameEn', 300),
    group: c.oneOf(at, values, 'group', POSITION_GROUPS),
    bodyKind: c.oneOf(at, values, 'bodyKind', POSITION_BODIES),
    field: c.optionalText(at, values, 'field'),
    jobDescriptionVi: c.text(at, values, 'jobDescriptionVi'),
    jobDescriptionEn: c.text(at, values, 'jobDescriptionEn'),
    requiredRank: c.oneOf(at, values, 'requiredRank', RANK_TIERS),
    educationLevel: c.oneOf(at, values, 'educationLevel', EDUCATION_LEVELS),
    qualificationFields: qualificationFields(c, at, values),
    confirmed: c.bool(at, values, 'confirmed'),
    sourceNote: c.text(at, values, 'sourceNote'),
    requirements: [],
  };
}

function flagDuplicates(c: Checker, items: { at: Locator; code: string }[]): void {
  const seen = new Set<string>();
  for (const i of items) {
    if (!i.code) continue;
    if (seen.has(i.code)) c.add(i.at, 'code', 'DUPLICATE_CODE');
    seen.add(i.code);
  }
}

export type ImportResult = { ok: true; document: FrameworkDocument } | { ok: false; problems: ImportProblem[] };

export function validateFramework(raw: RawFramework): ImportResult {
  const c = new Checker();
  const label = c.text(raw.at, raw.meta, 'label', 200);
  const effectiveFrom = c.text(raw.at, raw.meta, 'effectiveFrom', 10);
  if (effectiveFrom && (!DATE.test(effectiveFrom) || Number.isNaN(Date.parse(`${effectiveFrom}T00:00:00Z`))))
    c.add(raw.at, 'effectiveFrom', 'INVALID_DATE');
  const sourceNote = c.text(raw.at, raw.meta, 'sourceNote');

  const competencies = raw.competencies.map((r) => competencyOf(c, r));
  flagDuplicates(
    c,
    raw.competencies.map((r, i) => ({ at: r.at, code: competencies[i]?.code ?? '' })),
  );
  const positions = raw.positions.map((r) => positionOf(c, r));
  flagDuplicates(
    c,
    raw.positions.map((r, i) => ({ at: r.at, code: positions[i]?.code ?? '' })),
  );

  const competencyCodes = new Set(competencies.map((x) => x.code));
  const byCode = new Map(positions.map((p) => [p.code, p]));
  for (const r of raw.requirements) {
    const position = typeof r.positionCode === 'string' ? byCode.get(r.positionCode.trim()) : undefined;
    if (!position) c.add(r.at, 'positionCode', r.positionCode ? 'UNKNOWN_POSITION' : 'REQUIRED');
    const competencyCode = typeof r.competencyCode === 'string' ? r.competencyCode.trim() : '';
    if (!competencyCodes.has(competencyCode)) c.add(r.at, 'competencyCode', competencyCode ? 'UNKNOWN_COMPETENCY' : 'REQUIRED');
    else if (position?.requirements.some((q) => q.competencyCode === competencyCode)) c.add(r.at, 'competencyCode', 'DUPLICATE_CODE');
    const level = typeof r.level === 'string' && /^\d+$/.test(r.level) ? Number(r.level) : r.level;
    if (!isLevel(level)) c.add(r.at, 'level', level === undefined || level === null || level === '' ? 'REQUIRED' : 'LEVEL_OUT_OF_RANGE');
    else if (position && competencyCodes.has(competencyCode)) position.requirements.push({ competencyCode, level });
  }
  if (c.problems.length > 0) return { ok: false, problems: c.problems };
  return { ok: true, document: { label, effectiveFrom, sourceNote, competencies, positions } };
}

const at = (sheet: string, row: number, prefix = ''): Locator => ({ sheet, row, prefix });
const asRecord = (v: unknown): Raw => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {});
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The JSON document (as exported) in the raw form; row numbers are 1-based array positions. */
export function rawFromJson(body: unknown): RawFramework {
  const doc = asRecord(body);
  return {
    at: at('document', 1),
    meta: doc,
    competencies: asArray(doc.competencies).map((item, i) => {
      const values = asRecord(item);
      return {
        at: at('competencies', i + 1),
        values,
        levels: asArray(values.levels).map((l, j) => {
          const lv = asRecord(l);
          return { at: at('competencies', i + 1, `levels[${j}].`), level: lv.level, vi: lv.vi, en: lv.en };
        }),
      };
    }),
    positions: asArray(doc.positions).map((item, i) => ({ at: at('positions', i + 1), values: asRecord(item) })),
    requirements: asArray(doc.positions).flatMap((item, i) =>
      asArray(asRecord(item).requirements).map((r, j) => {
        const rv = asRecord(r);
        return {
          at: at('positions', i + 1, `requirements[${j}].`),
          positionCode: asRecord(item).code,
          competencyCode: rv.competencyCode,
          level: rv.level,
        };
      }),
    ),
  };
}

/** The export shape: what rawFromJson reads back. */
export function documentToJson<T extends FrameworkDocument>(doc: T): T & { format: 'cadre-framework/1' } {
  return { format: 'cadre-framework/1', ...doc };
}
