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
};

const COLUMNS = ['id', 'provinceCode', 'key', 'value', 'effectiveFrom', 'sourceNote', 'createdAt', 'createdBy'] as const;

type RawRow = {
  id: number;
  provinceCode: string;
  key: string;
  value: string;
  effectiveFrom: string;
  sourceNote: string;
  createdAt: string;
  createdBy: number | null;
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
  return { ...v, id: Number(id), createdAt: now };
}

/** Corrects the value of an existing version (same key, province and effective date). */
export async function replaceRuleValue(db: Db, id: number, v: RuleValueInput, now: string): Promise<RuleValueRecord> {
  await db
    .updateTable('ruleValues')
    .set({ value: v.valueJson, sourceNote: v.sourceNote, createdAt: now, createdBy: v.createdBy })
    .where('id', '=', id)
    .execute();
  return { ...v, id, createdAt: now };
}
