import { type AuditMeta, audited } from '../../../../platform/audit/audited.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { isUnitRole } from '../../../../platform/auth/roles.ts';
import { AppError } from '../../../../platform/errors/app-error.ts';
import { translator } from '../../../../platform/i18n/index.ts';
import { domainToday } from '../../../../platform/time/format.ts';
import { openWorkbook } from '../../../../platform/xlsx/workbook-file.ts';
import { listPositions } from '../../../positions/use-cases/positions.ts';
import { codeLabel } from '../../../units/units.labels.ts';
import type { StaffDeps } from '../../use-cases/deps.ts';
import type { RosterLimits } from '../limits.ts';
import { ROSTER_SHEET } from '../roster.columns.ts';
import * as repo from '../roster.repository.ts';
import {
  buildVocabulary,
  citizenIdsOf,
  dataRows,
  mapColumns,
  type RosterContext,
  type RosterProblem,
  type RosterReason,
  validateRows,
} from '../roster-parse.ts';
import { gridOf } from '../roster-xlsx.ts';

export type RosterDeps = StaffDeps & { limits: RosterLimits };

export type RosterFile = { fileName: string; bytes: Buffer };

export type ImportOutcome = {
  dryRun: boolean;
  committed: boolean;
  fileName: string;
  /** Data rows read from the sheet (blank rows not counted). */
  rows: number;
  validRows: number;
  imported: number;
  normalisedCells: number;
  problems: RosterProblem[];
};

export function megabytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

/** Unit codes, positions in force, vocabulary: what the rows are checked against. */
async function referenceFor(deps: RosterDeps, actor: Actor) {
  const units = await repo.listCurrentUnitCodes(deps.db, actor.provinceCode);
  let positions: { id: number; code: string; nameVi: string; requiredRank: string }[] = [];
  try {
    positions = (await listPositions(deps, actor, {})).items;
  } catch (e) {
    // A province without a framework in force has no position codes: every code is unknown.
    if (!(e instanceof AppError && e.code === 'FRAMEWORK_VERSION_NOT_FOUND')) throw e;
  }
  const scoped = isUnitRole(actor.role) ? units.filter((u) => u.id === actor.unitId) : units;
  return { units, scoped, positions };
}

const vi = translator('vi');
export const rosterVocabulary = () => buildVocabulary((kind, code) => codeLabel(vi, kind, code));

const fileProblem = (reason: RosterReason, params?: Record<string, string | number>): RosterProblem => ({
  row: 0,
  column: '',
  cell: null,
  value: null,
  reason,
  severity: 'error',
  ...(params ? { params } : {}),
});

/**
 * Validates every row of an uploaded roster and, unless it is a dry run or any row has an
 * error, writes all rows in ONE transaction with one audit entry (`staff.import`, with the
 * row count); any failure inside rolls everything back. Warnings do not block.
 * unit_hr may import only into their own unit; province roles into any current unit of
 * their province.
 */
export async function importRoster(
  deps: RosterDeps,
  actor: Actor,
  file: RosterFile | null,
  options: { dryRun: boolean },
  meta: AuditMeta,
): Promise<ImportOutcome> {
  if (!file || file.bytes.length === 0) throw new AppError('ROSTER_FILE_MISSING');
  if (file.bytes.length > deps.limits.maxFileBytes)
    throw new AppError('ROSTER_FILE_TOO_LARGE', { max: megabytes(deps.limits.maxFileBytes) });
  const outcome = (problems: RosterProblem[], rows = 0, validRows = 0, normalisedCells = 0): ImportOutcome => ({
    dryRun: options.dryRun,
    committed: false,
    fileName: file.fileName,
    rows,
    validRows,
    imported: 0,
    normalisedCells,
    problems,
  });

  const opened = await openWorkbook(file.bytes, deps.limits.maxInflatedBytes);
  if (!opened.ok) return outcome([fileProblem(opened.problem)]);
  const ws = opened.workbook.getWorksheet(ROSTER_SHEET);
  if (!ws) {
    return outcome([
      fileProblem('SHEET_MISSING', { sheet: ROSTER_SHEET, found: opened.workbook.worksheets.map((w) => w.name).join(', ') }),
    ]);
  }
  // Refused before any row is validated: rowCount is the last used row of the sheet.
  if (ws.actualRowCount > deps.limits.maxRows + 2) throw new AppError('ROSTER_TOO_MANY_ROWS', { max: deps.limits.maxRows });
  const grid = gridOf(ws);
  const { map, problems: columnProblems } = mapColumns(
    grid.find((r) => r.row === 1),
    grid.find((r) => r.row === 2),
  );
  if (columnProblems.length > 0) return outcome(columnProblems);
  const rows = dataRows(grid, map);
  if (rows.length === 0) return outcome([fileProblem('SHEET_EMPTY', { sheet: ROSTER_SHEET })]);
  if (rows.length > deps.limits.maxRows) throw new AppError('ROSTER_TOO_MANY_ROWS', { max: deps.limits.maxRows });

  const ref = await referenceFor(deps, actor);
  const ctx: RosterContext = {
    today: domainToday(deps.clock.now()),
    ageMin: deps.limits.ageMin,
    ageMax: deps.limits.ageMax,
    units: new Map(ref.units.map((u) => [u.code, { id: u.id }])),
    allowedUnitIds: isUnitRole(actor.role) ? new Set(ref.scoped.map((u) => u.id)) : null,
    positions: new Map(ref.positions.map((p) => [p.code, { id: p.id, requiredRank: p.requiredRank }])),
    existingCitizenIds: await repo.existingCitizenIds(deps.db, actor.provinceCode, citizenIdsOf(rows, map)),
    vocabulary: rosterVocabulary(),
  };
  const result = validateRows(rows, map, ctx);
  const base = outcome(result.problems, rows.length, result.rows.length, result.normalisedCells);
  const hasErrors = result.problems.some((p) => p.severity === 'error');
  if (options.dryRun || hasErrors) return base;

  const ids = await audited(deps.db, meta, 'staff.import', 'staff', async (trx) => {
    const inserted = await repo.insertRosterRows(trx, actor.provinceCode, result.rows, meta.at);
    return {
      result: inserted,
      entityId: null,
      after: { rows: inserted.length, fileName: file.fileName, normalisedCells: result.normalisedCells },
    };
  });
  return { ...base, committed: true, imported: ids.length };
}

/** Reference data for the template: the actor's units (unit_hr: their own) and the positions in force. */
export async function templateReference(deps: RosterDeps, actor: Actor) {
  const ref = await referenceFor(deps, actor);
  return { provinceName: await repo.provinceName(deps.db, actor.provinceCode), units: ref.scoped, positions: ref.positions };
}
