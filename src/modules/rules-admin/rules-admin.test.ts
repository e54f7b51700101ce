import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.ts';
import { ruleKeyOf, versionLabelOf } from './use-cases/rules-admin.ts';

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
