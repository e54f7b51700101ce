import { z } from 'zod';
import type { Translate } from '../../../platform/i18n/index.ts';
import { rankLabel } from '../staff.labels.ts';
import { COLUMN_BY_KEY, type RosterField } from './roster.columns.ts';
import { ROSTER_REASONS, type RosterProblem } from './roster-parse.ts';
import type { ImportOutcome } from './use-cases/import-roster.ts';

const booleanFlag = z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.enum(['true', 'false', '1', '0']).optional());

export const ImportQuerySchema = z.object({
  dryRun: booleanFlag.describe('true: validate and report only, write nothing (default false)'),
});

/**
 * Documents the multipart body; the parsed body (file part and text fields) passes through
 * unchanged, and the handler answers 415 to anything that is not multipart.
 */
export const ImportBodySchema = z
  .looseObject({
    file: z.any().optional().meta({ type: 'string', format: 'binary', description: 'The roster workbook (.xlsx), one part named `file`' }),
  })
  .optional();

export const ImportProblemSchema = z.object({
  row: z.number().int().describe('Spreadsheet row (1-based); 0 for the whole file or sheet'),
  column: z.string().describe('Field key of the column (row 2 of the template); empty for the whole file'),
  columnLabel: z.string().nullable().describe('The column’s Vietnamese header'),
  cell: z.string().nullable().describe('Cell reference, e.g. D5'),
  value: z.string().nullable().describe('The cell as written; masked for personal columns (ID number, birth date, contacts, ethnicity)'),
  reason: z.enum(ROSTER_REASONS),
  severity: z.enum(['error', 'warning']).describe('Errors block the whole import; warnings do not'),
  message: z.string().describe('The reason in the caller’s language'),
});

export const ImportReportSchema = z.object({
  dryRun: z.boolean(),
  committed: z.boolean().describe('True only when every row was written (one transaction)'),
  fileName: z.string(),
  rows: z.number().int().describe('Data rows read'),
  validRows: z.number().int(),
  imported: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  normalisedCells: z.number().int().describe('Cells of decomposed (NFD) text normalised to NFC; text is otherwise kept exactly'),
  problems: z.array(ImportProblemSchema),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const ExportQueryDescription =
  'Same filters and scope as GET /api/v1/staff (unitId, q, rank, status, orgBodyId; paging ignored). HR roles (unit_hr, province_admin) receive personal data in full; every other role receives it masked as the directory shows it. Every export is audited (`staff.export`). Text cells are neutralised against formula injection.';

const paramText = (t: Translate, p: RosterProblem) => {
  const params = { ...(p.params ?? {}) };
  if (typeof params.required === 'string') params.required = rankLabel(t, params.required);
  return params;
};

export function presentReport(o: ImportOutcome, t: Translate): ImportReport {
  const problems = o.problems.map((p) => ({
    row: p.row,
    column: p.column,
    columnLabel: p.column ? (COLUMN_BY_KEY.get(p.column as RosterField)?.header ?? null) : null,
    cell: p.cell,
    value: p.value,
    reason: p.reason,
    severity: p.severity,
    message: t(`roster.reason.${p.reason}`, paramText(t, p)),
  }));
  return {
    dryRun: o.dryRun,
    committed: o.committed,
    fileName: o.fileName,
    rows: o.rows,
    validRows: o.validRows,
    imported: o.imported,
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
    normalisedCells: o.normalisedCells,
    problems,
  };
}
