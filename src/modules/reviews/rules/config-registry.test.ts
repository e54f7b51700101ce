import { describe, expect, it } from 'vitest';
import { RULES } from '../../../platform/rules/rules.registry.ts';

/** The review configs are rules: stored as JSON in rule_values and read back through the rule's schema. */
describe('review rules in the registry', () => {
  const keys = ['review.regime', 'review.decree90', 'review.decree335', 'review.excellentQuota', 'review.screening178'] as const;

  it('registers each review config with a default that survives a JSON round trip, and a source note naming its certainty', () => {
    for (const key of keys) {
      const rule = RULES[key];
      const stored = JSON.parse(JSON.stringify(rule.default)) as unknown;
      expect({ key, value: rule.schema.parse(stored) }).toEqual({ key, value: rule.default });
      expect(rule.sourceNote).toMatch(/\[NC\]/);
      expect(rule.default.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('dates each default from the decree it follows', () => {
    expect(RULES['review.decree335'].default.effectiveFrom).toBe('2026-01-01');
    expect(RULES['review.excellentQuota'].default.effectiveFrom).toBe('2026-01-01');
    expect(RULES['review.screening178'].default.effectiveFrom).toBe('2025-01-01');
  });

  it('refuses a stored value that breaks a config rule', () => {
    const bad = { ...RULES['review.screening178'].default, criteria: [] };
    expect(RULES['review.screening178'].schema.safeParse(bad).success).toBe(false);
  });
});
