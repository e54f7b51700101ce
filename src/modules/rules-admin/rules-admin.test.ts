import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.ts';
import { expectedRevisionFor, revisionsToken, ruleKeyOf, versionLabelOf } from './use-cases/rules-admin.ts';

describe('versionLabelOf', () => {
  it('reads a string `version` of an object value only', () => {
    expect(versionLabelOf({ version: 'T1-2026', base: 33 })).toBe('T1-2026');
    expect(versionLabelOf({ version: 3 })).toBeNull();
    expect(versionLabelOf({ base: 32 })).toBeNull();
    expect(versionLabelOf([{ version: 'x' }])).toBeNull();
    expect(versionLabelOf(15)).toBeNull();
    expect(versionLabelOf(null)).toBeNull();
  });
});

describe('ruleKeyOf', () => {
  it('accepts a registry key and answers NOT_FOUND for anything else', () => {
    expect(ruleKeyOf('staffing.norm')).toBe('staffing.norm');
    expect(() => ruleKeyOf('toString')).toThrow(AppError);
    expect(() => ruleKeyOf('no.such.rule')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });
});

describe('the revisions the rule form carries', () => {
  const h = (origin: 'national' | 'province', effectiveFrom: string, revision: number) => ({
    origin,
    effectiveFrom,
    value: 1,
    sourceNote: 'x',
    createdAt: '2026-03-02T03:00:00.000Z',
    revision,
  });

  it('lists the province versions only, and answers the revision of the typed date or 0', () => {
    const token = revisionsToken([h('province', '2026-09-01', 3), h('national', '2026-01-01', 7), h('province', '2026-01-01', 1)]);
    expect(token).toBe('2026-09-01:3,2026-01-01:1');
    expect(expectedRevisionFor(token, '2026-09-01')).toBe(3);
    expect(expectedRevisionFor(token, '2026-01-01')).toBe(1);
    expect(expectedRevisionFor(token, '2026-05-01')).toBe(0);
    expect(expectedRevisionFor('', '2026-09-01')).toBe(0);
    expect(expectedRevisionFor('2026-09-01:x', '2026-09-01')).toBe(0);
  });
});
