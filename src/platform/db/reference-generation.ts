import type { Db } from './database.ts';
import { fixedQuery } from './fixed-query.ts';

// Read on every intake (ADR 0006): built once per dialect rather than per request.
const generationRow = fixedQuery<Record<string, never>, { generation: number | string }>((db) =>
  db.selectFrom('referenceGeneration').select('generation').where('id', '=', 1),
);

/** The reference-data generation (migration 0011): moves whenever holidays, rules, procedures or units change. */
export async function readReferenceGeneration(db: Db): Promise<number> {
  const row = (await generationRow(db, {})).rows[0];
  return Number(row?.generation ?? 0);
}
