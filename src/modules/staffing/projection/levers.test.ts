import { describe, expect, it } from 'vitest';
import { parseLevers } from './levers.ts';

const CODES = new Set(['1.001', '2.000', 'DEMO.TP.01']);

describe('parseLevers', () => {
  it('reads blanks as no lever', () => {
    expect(parseLevers({ onlineShare: ' ', population: '', moves: undefined }, CODES)).toEqual({
      levers: { onlineShare: null, populationPercent: 0, moves: [] },
      problems: [],
    });
  });

  it('accepts decimal commas, a Unicode minus and moves separated by semicolons, spaces or new lines', () => {
    const { levers, problems } = parseLevers({ onlineShare: '92,5', population: '−1,5', moves: '1.001:0; 2.000:1,5\nDEMO.TP.01:2' }, CODES);
    expect(problems).toEqual([]);
    expect(levers).toEqual({
      onlineShare: 92.5,
      populationPercent: -1.5,
      moves: [
        { procedureCode: '1.001', factor: 0 },
        { procedureCode: '2.000', factor: 1.5 },
        { procedureCode: 'DEMO.TP.01', factor: 2 },
      ],
    });
  });

  it('names each bad field with its message key', () => {
    const { problems } = parseLevers({ onlineShare: '100.5', population: '11', moves: '1.001:11 9.9:1 1.001 2.000:1 2.000:0.5' }, CODES);
    expect(problems).toEqual([
      { path: 'onlineShare', key: 'staffingProjection.lever.onlineShareInvalid' },
      { path: 'population', key: 'staffingProjection.lever.populationInvalid' },
      { path: 'moves', key: 'staffingProjection.lever.moveFactor', params: { code: '1.001' } },
      { path: 'moves', key: 'staffingProjection.lever.moveUnknown', params: { code: '9.9' } },
      { path: 'moves', key: 'staffingProjection.lever.moveFormat', params: { entry: '1.001' } },
      { path: 'moves', key: 'staffingProjection.lever.moveDuplicate', params: { code: '2.000' } },
    ]);
  });

  it('refuses more than 50 moves and text that is not a number', () => {
    const many = Array.from({ length: 51 }, (_, i) => `P${i}:1`).join(';');
    expect(parseLevers({ moves: many }, CODES).problems).toEqual([
      { path: 'moves', key: 'staffingProjection.lever.movesTooMany', params: { max: 50 } },
    ]);
    expect(parseLevers({ onlineShare: '1e2' }, CODES).problems).toHaveLength(1);
    expect(parseLevers({ population: '--1' }, CODES).problems).toHaveLength(1);
  });
});
