/**
 * Bounds of the roster import and export. They are operating limits, not legal
 * parameters; the staff module passes them to the use cases (tests pass smaller ones).
 * The upload size, row count and PDF rows come from the environment (src/platform/config.ts).
 */
export type RosterLimits = {
  /** Largest accepted upload (bytes); larger bodies answer 413 before any parsing. */
  maxFileBytes: number;
  /** Most data rows per import; more answers 422 before any row is validated. */
  maxRows: number;
  /** Largest total the workbook's ZIP entries may inflate to (bytes), against zip bombs. */
  maxInflatedBytes: number;
  /** Accepted age range on the import day (brief of issue 4 §6: 18–70). */
  ageMin: number;
  ageMax: number;
  /** Most rows of one XLSX export (streamed in batches) and of one PDF export (built in memory). */
  exportXlsxMaxRows: number;
  exportPdfMaxRows: number;
  /** Rows loaded per database round trip while streaming an export. */
  exportBatch: number;
};

export const DEFAULT_ROSTER_LIMITS: RosterLimits = {
  maxFileBytes: 5 * 1024 * 1024,
  maxRows: 5000,
  maxInflatedBytes: 80 * 1024 * 1024,
  ageMin: 18,
  ageMax: 70,
  exportXlsxMaxRows: 200_000,
  exportPdfMaxRows: 2000,
  exportBatch: 500,
};

/** The defaults with the operator's settings from the environment. */
export function rosterLimitsOf(config: {
  ROSTER_IMPORT_MAX_BYTES: number;
  ROSTER_IMPORT_MAX_ROWS: number;
  EXPORT_PDF_MAX_ROWS: number;
}): RosterLimits {
  return {
    ...DEFAULT_ROSTER_LIMITS,
    maxFileBytes: config.ROSTER_IMPORT_MAX_BYTES,
    maxRows: config.ROSTER_IMPORT_MAX_ROWS,
    exportPdfMaxRows: config.EXPORT_PDF_MAX_ROWS,
  };
}
