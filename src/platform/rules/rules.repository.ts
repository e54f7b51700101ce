import type { Db } from '../db/database.ts';

/** One stored version of a rule; `provinceCode` is '' for the national value. */
export type RuleValueRecord = {
  id: number;
  provinceCode: string;
  key: string;
  /** The value as stored: JSON text, parsed and checked by the caller against the rule's schema. */
  valueJson: string;
  effectiveFrom: string;
  sourceNote: string;
  createdAt: string;
  createdBy: number | null;
  /** Moves on with every in-place correction (migration 0030): what an editor sends back to replace it. */
  revision: number;
};

const COLUMNS = ['id', 'provinceCode', 'key', 'value', 'effectiveFrom', 'sourceNote', 'createdAt', 'createdBy', 'revision'] as const;

type RawRow = {
  id: number;
  provinceCode: string;
  key: string;
  value: string;
  effectiveFrom: string;
  sourceNote: string;
  createdAt: string;
  createdBy: number | null;
  revision: number;
};

function toRecord(r: RawRow): RuleValueRecord {
  return {
    id: Number(r.id),
    provinceCode: r.provinceCode,
    key: r.key,
    valueJson: r.value,
    effectiveFrom: r.effectiveFrom,
    sourceNote: r.sourceNote,
    createdAt: r.createdAt,
    createdBy: r.createdBy === null ? null : Number(r.createdBy),
    revision: Number(r.revision),
  };
}

/**
 * Every version of the given rules that could be in force on `onDate` for a province:
 * the province's own rows and the national ones ('') that started on or before that date.
 * The caller picks the winner; the table holds a handful of rows per key.
 */
export async function listCandidateRuleValues(
  db: Db,
  keys: readonly string[],
  provinceCode: string,
  onDate: string,
): Promise<RuleValueRecord[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('ruleValues')
    .select(COLUMNS)
    .where('key', 'in', [...keys])
    .where('provinceCode', 'in', provinceCode === '' ? [''] : ['', provinceCode])
    .where('effectiveFrom', '<=', onDate)
    .orderBy('effectiveFrom', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toRecord);
}

export async function findRuleValue(
  db: Db,
  key: string,
  provinceCode: string,
  effectiveFrom: string,
): Promise<RuleValueRecord | undefined> {
  const r = await db
    .selectFrom('ruleValues')
    .select(COLUMNS)
    .where('key', '=', key)
    .where('provinceCode', '=', provinceCode)
    .where('effectiveFrom', '=', effectiveFrom)
    .executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

/** All stored versions of one rule for a province and nationally, newest first (for an admin view). */
export async function listRuleHistory(db: Db, key: string, provinceCode: string): Promise<RuleValueRecord[]> {
  const rows = await db
    .selectFrom('ruleValues')
    .select(COLUMNS)
    .where('key', '=', key)
    .where('provinceCode', 'in', provinceCode === '' ? [''] : ['', provinceCode])
    .orderBy('effectiveFrom', 'desc')
    .orderBy('provinceCode', 'desc')
    .execute();
  return rows.map(toRecord);
}

export type RuleValueInput = {
  provinceCode: string;
  key: string;
  valueJson: string;
  effectiveFrom: string;
  sourceNote: string;
  createdBy: number | null;
};

export async function insertRuleValue(db: Db, v: RuleValueInput, now: string): Promise<RuleValueRecord> {
  const { id } = await db
    .insertInto('ruleValues')
    .values({
      provinceCode: v.provinceCode,
      key: v.key,
      value: v.valueJson,
      effectiveFrom: v.effectiveFrom,
      sourceNote: v.sourceNote,
      createdAt: now,
      createdBy: v.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...v, id: Number(id), createdAt: now, revision: 1 };
}

/** PostgreSQL reports 23505; better-sqlite3 reports SQLITE_CONSTRAINT_UNIQUE. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Corrects the value of an existing version (same key, province and effective date) and moves
 * its revision on. With `expectedRevision`, only if the row still has it: undefined means
 * another correction came first (on PostgreSQL a concurrent writer waits on the row lock, then
 * finds the revision moved), and nothing is written.
 */
export async function replaceRuleValue(
  db: Db,
  id: number,
  v: RuleValueInput,
  now: string,
  expectedRevision?: number,
): Promise<RuleValueRecord | undefined> {
  let q = db
    .updateTable('ruleValues')
    .set((eb) => ({
      value: v.valueJson,
      sourceNote: v.sourceNote,
      createdAt: now,
      createdBy: v.createdBy,
      revision: eb('revision', '+', 1),
    }))
    .where('id', '=', id);
  if (expectedRevision !== undefined) q = q.where('revision', '=', expectedRevision);
  const row = await q.returning('revision').executeTakeFirst();
  return row ? { ...v, id, createdAt: now, revision: Number(row.revision) } : undefined;
}
