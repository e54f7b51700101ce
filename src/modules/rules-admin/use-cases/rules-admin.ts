import type { AuditMeta } from '../../../platform/audit/audited.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Db } from '../../../platform/db/database.ts';
import { AppError } from '../../../platform/errors/app-error.ts';
import { isRuleKey } from '../../../platform/rules/rules.registry.ts';
import { listRuleHistory } from '../../../platform/rules/rules.repository.ts';
import { getRuleInForce, getRules, RULE_KEYS, RULES, type RuleInForce, type RuleKey, setRule } from '../../../platform/rules/rules.ts';
import type { Clock } from '../../../platform/time/clock.ts';
import { domainToday } from '../../../platform/time/format.ts';
import type { AddRuleVersionBody, RuleDetail, RuleList, RuleOnDateQuery, RuleSummary } from '../rules-admin.schemas.ts';

export type RulesAdminDeps = { db: Db; clock: Clock };

/** The `version` label some structured rules carry inside their value (e.g. staffing.norm), shown beside the date. */
export function versionLabelOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = (value as Record<string, unknown>).version;
  return typeof v === 'string' ? v : null;
}

/**
 * An unknown key answers 404 like any missing record. Own properties only: the registry's
 * isRuleKey uses `in`, which also accepts inherited names such as `toString`.
 */
export function ruleKeyOf(key: string): RuleKey {
  if (!Object.hasOwn(RULES, key) || !isRuleKey(key)) throw new AppError('NOT_FOUND');
  return key;
}

function summaryOf(r: RuleInForce<RuleKey>): RuleSummary {
  return { key: r.key, version: versionLabelOf(r.value), effectiveFrom: r.effectiveFrom, origin: r.origin, sourceNote: r.sourceNote };
}

/** Every rule of the registry, in registry order, with the version in force for the caller's province. */
export async function listRulesInForce(deps: RulesAdminDeps, actor: Actor, query: RuleOnDateQuery): Promise<RuleList> {
  const onDate = query.onDate ?? domainToday(deps.clock.now());
  const all = await getRules(deps.db, RULE_KEYS, actor.provinceCode, onDate);
  return { onDate, provinceCode: actor.provinceCode, items: RULE_KEYS.map((k) => summaryOf(all[k])) };
}

/** One rule: the value in force on a date for the caller's province, and every stored version it could pick from. */
export async function getRuleDetail(deps: RulesAdminDeps, actor: Actor, rawKey: string, query: RuleOnDateQuery): Promise<RuleDetail> {
  const key = ruleKeyOf(rawKey);
  const onDate = query.onDate ?? domainToday(deps.clock.now());
  const inForce = await getRuleInForce(deps.db, key, actor.provinceCode, onDate);
  const history = await listRuleHistory(deps.db, key, actor.provinceCode);
  return {
    ...summaryOf(inForce),
    onDate,
    provinceCode: actor.provinceCode,
    value: inForce.value,
    defaultSourceNote: RULES[key].sourceNote,
    history: history.map((r) => ({
      origin: r.provinceCode === '' ? 'national' : 'province',
      effectiveFrom: r.effectiveFrom,
      value: JSON.parse(r.valueJson) as unknown,
      sourceNote: r.sourceNote,
      createdAt: r.createdAt,
      revision: r.revision,
    })),
  };
}

/**
 * What the page form read of the province's versions, as `YYYY-MM-DD:revision,…`. The form
 * carries it hidden because the date is typed after the page was read: on save, the typed
 * date is looked up in it (see expectedRevisionFor).
 */
export function revisionsToken(history: RuleDetail['history']): string {
  return history
    .filter((h) => h.origin === 'province')
    .map((h) => `${h.effectiveFrom}:${h.revision}`)
    .join(',');
}

/** The revision the form read for `effectiveFrom`: 0 when it showed no province version that day. */
export function expectedRevisionFor(token: string, effectiveFrom: string): number {
  for (const part of token.split(',')) {
    const [date, revision] = part.split(':');
    if (date === effectiveFrom && revision !== undefined && /^\d{1,9}$/.test(revision)) return Number(revision);
  }
  return 0;
}

/**
 * Records a province version for the caller's province only (national values stay a
 * deployment matter); setRule checks the value against the rule's schema and audits.
 * Always under an expectation (an omitted `expectedRevision` means "no version that day"),
 * so correcting a same-day version needs the revision read: no silent overwrite.
 */
export async function addProvinceRuleVersion(
  deps: RulesAdminDeps,
  actor: Actor,
  rawKey: string,
  body: AddRuleVersionBody,
  meta: AuditMeta,
): Promise<RuleSummary> {
  const key = ruleKeyOf(rawKey);
  const saved = await setRule(deps.db, meta, {
    key,
    provinceCode: actor.provinceCode,
    value: body.value,
    effectiveFrom: body.effectiveFrom,
    sourceNote: body.sourceNote,
    expectedRevision: body.expectedRevision ?? 0,
  });
  return summaryOf(saved);
}
