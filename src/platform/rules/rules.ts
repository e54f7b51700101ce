import { z } from 'zod';
import { type AuditMeta, audited } from '../audit/audited.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { RULES, type RuleKey, type RuleValue } from './rules.registry.ts';
import {
  findRuleValue,
  insertRuleValue,
  isUniqueViolation,
  listCandidateRuleValues,
  type RuleValueRecord,
  replaceRuleValue,
} from './rules.repository.ts';

export { RULE_KEYS, RULES, type RuleKey, type RuleValue } from './rules.registry.ts';

/** The version of a rule in force, and where it came from, so a computed figure can show its basis. */
export type RuleInForce<K extends RuleKey> = {
  key: K;
  value: RuleValue<K>;
  /** null when no stored version applies and the registry default is used. */
  effectiveFrom: string | null;
  origin: 'default' | 'national' | 'province';
  sourceNote: string;
};

export type RulesInForce<K extends RuleKey> = { [P in K]: RuleInForce<P> };

const DateSchema = z.iso.date();

/**
 * Picks the version in force from stored versions (pure): a province's own version beats
 * the national one whatever their dates, so a province that set its own value keeps it
 * until it sets another; among versions of one level the latest `effectiveFrom` on or
 * before `onDate` wins. Undefined means "use the registry default".
 */
export function pickInForce(
  records: readonly RuleValueRecord[],
  key: string,
  provinceCode: string,
  onDate: string,
): RuleValueRecord | undefined {
  const latest = (level: string) =>
    records
      .filter((r) => r.key === key && r.provinceCode === level && r.effectiveFrom <= onDate)
      .reduce<RuleValueRecord | undefined>(
        (best, r) =>
          !best || r.effectiveFrom > best.effectiveFrom || (r.effectiveFrom === best.effectiveFrom && r.id > best.id) ? r : best,
        undefined,
      );
  return (provinceCode !== '' ? latest(provinceCode) : undefined) ?? latest('');
}

function parseStored<K extends RuleKey>(key: K, record: RuleValueRecord): RuleValue<K> {
  let raw: unknown;
  try {
    raw = JSON.parse(record.valueJson);
  } catch {
    raw = undefined;
  }
  const parsed = RULES[key].schema.safeParse(raw);
  // setRule validates every write, so this only fires after a hand edit of the table: fail loudly.
  if (!parsed.success) throw new Error(`rule_values row ${record.id} (${key}) does not match the rule's schema`);
  return parsed.data as RuleValue<K>;
}

function resolve<K extends RuleKey>(key: K, record: RuleValueRecord | undefined): RuleInForce<K> {
  if (!record) {
    return { key, value: RULES[key].default as RuleValue<K>, effectiveFrom: null, origin: 'default', sourceNote: RULES[key].sourceNote };
  }
  return {
    key,
    value: parseStored(key, record),
    effectiveFrom: record.effectiveFrom,
    origin: record.provinceCode === '' ? 'national' : 'province',
    sourceNote: record.sourceNote,
  };
}

/** Several rules in force for a province on a date ('YYYY-MM-DD'), in one query. */
export async function getRules<const K extends RuleKey>(
  db: Db,
  keys: readonly K[],
  provinceCode: string,
  onDate: string,
): Promise<RulesInForce<K>> {
  const records = await listCandidateRuleValues(db, keys, provinceCode, onDate);
  const out: Partial<Record<RuleKey, RuleInForce<RuleKey>>> = {};
  for (const key of keys) out[key] = resolve(key, pickInForce(records, key, provinceCode, onDate));
  return out as RulesInForce<K>;
}

/** The rule in force with its origin and source note. */
export async function getRuleInForce<K extends RuleKey>(db: Db, key: K, provinceCode: string, onDate: string): Promise<RuleInForce<K>> {
  const all = await getRules(db, [key], provinceCode, onDate);
  return all[key];
}

/** The value of a rule in force for a province ('' for national) on a date ('YYYY-MM-DD'). */
export async function getRule<K extends RuleKey>(db: Db, key: K, provinceCode: string, onDate: string): Promise<RuleValue<K>> {
  return (await getRuleInForce(db, key, provinceCode, onDate)).value;
}

export type SetRuleInput<K extends RuleKey> = {
  key: K;
  /** '' sets the national value. */
  provinceCode: string;
  value: unknown;
  effectiveFrom: string;
  /** The document the value comes from (decree, decision, letter): required, domain.md §12. */
  sourceNote: string;
  /**
   * What the caller read of the version with this key, province and date: its `revision`, or 0
   * when there was none. A different state answers VERSION_CONFLICT and nothing is written.
   * Omitted by system and seed code, which replaces a same-day version unconditionally.
   */
  expectedRevision?: number;
};

/**
 * Records a new version of a rule from `effectiveFrom`; a version with the same key,
 * province and date is corrected in place. Earlier versions stay, so figures computed for
 * past dates keep their basis. The value is checked against the rule's schema, and the
 * change and its audit entry (the version it supersedes or corrects, and the new one)
 * commit together. With `expectedRevision` the write is refused (VERSION_CONFLICT) unless the
 * same-day version is still what the caller read, atomically. Who may call this is the caller's check.
 */
export async function setRule<K extends RuleKey>(db: Db, meta: AuditMeta, input: SetRuleInput<K>): Promise<RuleInForce<K>> {
  const problems: { path: string; message: string }[] = [];
  const value = RULES[input.key].schema.safeParse(input.value);
  if (!value.success) problems.push(...value.error.issues.map((i) => ({ path: ['value', ...i.path].join('.'), message: i.message })));
  if (!DateSchema.safeParse(input.effectiveFrom).success) problems.push({ path: 'effectiveFrom', message: 'YYYY-MM-DD' });
  const sourceNote = input.sourceNote.trim();
  if (sourceNote === '' || sourceNote.length > 1000) problems.push({ path: 'sourceNote', message: 'required, at most 1000 characters' });
  if (!value.success || problems.length > 0) throw new AppError('RULE_VALUE_INVALID', { key: input.key }, problems);

  const row = {
    provinceCode: input.provinceCode,
    key: input.key,
    valueJson: JSON.stringify(value.data),
    effectiveFrom: input.effectiveFrom,
    sourceNote,
    createdBy: meta.actor && meta.actor.via !== 'system' ? meta.actor.userId : null,
  };
  const entityId = `${input.provinceCode || 'national'}:${input.key}:${input.effectiveFrom}`;
  const saved = await audited(db, meta, 'rule.set', 'rule_value', async (trx) => {
    const same = await findRuleValue(trx, input.key, input.provinceCode, input.effectiveFrom);
    const previous =
      same ??
      pickInForce(
        await listCandidateRuleValues(trx, [input.key], input.provinceCode, input.effectiveFrom),
        input.key,
        input.provinceCode,
        input.effectiveFrom,
      );
    const expected = input.expectedRevision;
    if (expected !== undefined && (same?.revision ?? 0) !== expected) throw new AppError('VERSION_CONFLICT');
    const record = same
      ? await replaceRuleValue(trx, same.id, row, meta.at, expected)
      : await insertRuleValue(trx, row, meta.at).catch((e: unknown) => {
          // Two callers that both read "no version that day": the unique key lets one in, the other is told.
          if (expected !== undefined && isUniqueViolation(e)) throw new AppError('VERSION_CONFLICT');
          throw e;
        });
    // Undefined only under an expectation that a concurrent correction beat (the conditional UPDATE).
    if (!record) throw new AppError('VERSION_CONFLICT');
    const image = (r: RuleValueRecord) => ({
      provinceCode: r.provinceCode,
      value: JSON.parse(r.valueJson) as unknown,
      effectiveFrom: r.effectiveFrom,
      sourceNote: r.sourceNote,
    });
    return {
      result: record,
      entityId,
      before: previous ? { ...image(previous), replaced: same !== undefined } : { value: RULES[input.key].default, origin: 'default' },
      after: image(record),
    };
  });
  return resolve(input.key, saved);
}
