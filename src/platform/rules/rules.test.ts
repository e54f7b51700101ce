import { describe, expect, it } from 'vitest';
import { OfficeHoursSchema, RULE_KEYS, RULES } from './rules.registry.ts';
import type { RuleValueRecord } from './rules.repository.ts';
import { pickInForce } from './rules.ts';

let nextId = 1;
const row = (provinceCode: string, effectiveFrom: string, value: unknown, key = 'calendar.cutoffHour'): RuleValueRecord => ({
  id: nextId++,
  provinceCode,
  key,
  valueJson: JSON.stringify(value),
  effectiveFrom,
  sourceNote: 'test',
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: null,
  revision: 1,
});
const storedValue = (r: RuleValueRecord | undefined) => (r ? JSON.parse(r.valueJson) : undefined);

describe('the rule registry', () => {
  it('has a default that passes its own schema, and a source note, for every rule', () => {
    for (const key of RULE_KEYS) {
      const rule = RULES[key];
      expect({ key, ok: rule.schema.safeParse(rule.default).success }).toEqual({ key, ok: true });
      expect(rule.sourceNote.length).toBeGreaterThan(20);
    }
    expect(RULES['calendar.cutoffHour'].default).toBe(15);
    expect(RULES['calendar.saturdaysCount'].default).toBe(false);
    expect(RULES['dossier.apologyLeadWorkingDays'].default).toBe(1);
  });

  it('refuses office hours that overlap, run backwards or are not HH:MM', () => {
    expect(
      OfficeHoursSchema.safeParse([
        { start: '07:30', end: '11:30' },
        { start: '11:00', end: '17:00' },
      ]).success,
    ).toBe(false);
    expect(OfficeHoursSchema.safeParse([{ start: '17:00', end: '07:30' }]).success).toBe(false);
    expect(OfficeHoursSchema.safeParse([{ start: '7:30', end: '11:30' }]).success).toBe(false);
    expect(OfficeHoursSchema.safeParse([]).success).toBe(false);
    expect(
      OfficeHoursSchema.safeParse([
        { start: '07:00', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ]).success,
    ).toBe(true);
  });
});

describe('pickInForce', () => {
  const rows = [
    row('', '2025-01-01', 15),
    row('', '2026-07-01', 16),
    row('T1', '2026-01-01', 14),
    row('T1', '2027-01-01', 13),
    row('T2', '2025-01-01', 12),
  ];

  it('takes the latest national version on or before the date when the province has none', () => {
    expect(storedValue(pickInForce(rows, 'calendar.cutoffHour', 'T3', '2024-12-31'))).toBeUndefined();
    expect(storedValue(pickInForce(rows, 'calendar.cutoffHour', 'T3', '2025-01-01'))).toBe(15);
    expect(storedValue(pickInForce(rows, 'calendar.cutoffHour', 'T3', '2026-06-30'))).toBe(15);
    expect(storedValue(pickInForce(rows, 'calendar.cutoffHour', 'T3', '2026-07-01'))).toBe(16);
    expect(storedValue(pickInForce(rows, 'calendar.cutoffHour', '', '2026-07-01'))).toBe(16);
  });

  it('lets a province version beat the national one once it is in force, even against a newer national one', () => {
    expect(storedValue(pickInForce(rows, 'calendar.cutoffHour', 'T1', '2025-12-31'))).toBe(15);
    expect(storedValue(pickInForce(rows, 'calendar.cutoffHour', 'T1', '2026-01-01'))).toBe(14);
    expect(storedValue(pickInForce(rows, 'calendar.cutoffHour', 'T1', '2026-08-01'))).toBe(14);
    expect(storedValue(pickInForce(rows, 'calendar.cutoffHour', 'T1', '2027-01-01'))).toBe(13);
    expect(storedValue(pickInForce(rows, 'calendar.cutoffHour', 'T2', '2030-01-01'))).toBe(12);
  });

  it('ignores other keys', () => {
    expect(pickInForce(rows, 'calendar.saturdaysCount', 'T1', '2030-01-01')).toBeUndefined();
  });
});
