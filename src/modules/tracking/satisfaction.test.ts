import { describe, expect, it } from 'vitest';
import { RULES } from '../../platform/rules/rules.ts';
import { isUnsatisfied, phoneMatches, ratingProblems } from './satisfaction.ts';

const config = RULES['satisfaction.criteria'].default;

describe('satisfaction rules', () => {
  it('defaults to the 12 Hue criteria on a three-level scale', () => {
    expect(config.criteria).toHaveLength(12);
    expect(config.levels.map((l) => l.code)).toEqual(['VERY_SATISFIED', 'SATISFIED', 'UNSATISFIED']);
    expect(RULES['satisfaction.criteria'].schema.safeParse(config).success).toBe(true);
  });

  it('accepts configured criteria and levels, and names each bad entry', () => {
    expect(ratingProblems(config, { OVERALL: 'SATISFIED', ON_TIME: 'UNSATISFIED' })).toEqual([]);
    expect(ratingProblems(config, {})).toHaveLength(1);
    expect(ratingProblems(config, { SPEED: 'SATISFIED', OVERALL: 'GREAT' })).toEqual([
      { path: 'answers.SPEED', message: 'unknown criterion' },
      { path: 'answers.OVERALL', message: 'unknown level' },
    ]);
  });

  it('counts a rating with any unsatisfied answer as unsatisfied', () => {
    expect(isUnsatisfied(config, { OVERALL: 'SATISFIED', STAFF_ATTITUDE: 'UNSATISFIED' })).toBe(true);
    expect(isUnsatisfied(config, { OVERALL: 'VERY_SATISFIED' })).toBe(false);
  });

  it('matches the last four digits of the phone, ignoring separators', () => {
    expect(phoneMatches('0905 111 222', '1222')).toBe(true);
    expect(phoneMatches('0905111222', '1223')).toBe(false);
    expect(phoneMatches(null, '1222')).toBe(false);
    expect(phoneMatches('12', '0012')).toBe(false);
  });
});
